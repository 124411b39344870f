// HiveMatrix: runs in <head> before first paint. Restores the collapsed side panel and a theme the
// user chose while their settings could not be saved (no Codex), so neither flashes.
(function () {
  var root = document.documentElement;
  try {
    if (localStorage.getItem('sidebar-collapsed') === 'true') root.classList.add('sidebar-collapsed');
    var theme = localStorage.getItem('hivematrix-theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  } catch (e) { /* storage disabled: defaults */ }
})();

// CSRF: every state-changing request this page makes to Nexus's origin carries the session's token
// (meta csrf-token): fetch and XHR as the X-CSRF-Token header, form posts as the _csrf parameter of
// their action URL (the gateway never reads bodies). Installed before the page's own scripts run.
(function () {
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta && meta.getAttribute('content');
  if (!token) return;
  var SAFE = /^(GET|HEAD|OPTIONS|TRACE)$/i;
  function sameOrigin(url) {
    try { return new URL(url, location.href).origin === location.origin; } catch (e) { return false; }
  }

  var nativeFetch = window.fetch;
  if (nativeFetch) {
    window.fetch = function (input, init) {
      var request = input instanceof Request ? input : null;
      var method = (init && init.method) || (request && request.method) || 'GET';
      var url = request ? request.url : String(input);
      if (!SAFE.test(method) && sameOrigin(url)) {
        var headers = new Headers((init && init.headers) || (request && request.headers) || undefined);
        headers.set('X-CSRF-Token', token);
        init = Object.assign({}, init, { headers: headers });
      }
      return nativeFetch.call(this, input, init);
    };
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this._hmCsrf = !SAFE.test(method) && sameOrigin(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this._hmCsrf) this.setRequestHeader('X-CSRF-Token', token);
    return send.apply(this, arguments);
  };

  function withToken(action) {
    var url = new URL(action || location.href, location.href);
    if (url.origin !== location.origin || /(^|[?&])_csrf=/.test(url.search)) return null;
    return url.pathname + url.search + (url.search ? '&' : '?') + '_csrf=' + encodeURIComponent(token) + url.hash;
  }
  function stamp(form, submitter) {
    var method = ((submitter && submitter.getAttribute('formmethod')) || form.getAttribute('method') || 'get');
    if (SAFE.test(method) || method.toLowerCase() === 'dialog') return;
    if (submitter && submitter.hasAttribute('formaction')) {
      var own = withToken(submitter.getAttribute('formaction'));
      if (own) submitter.setAttribute('formaction', own);
      return;
    }
    var action = withToken(form.getAttribute('action'));
    if (action) form.setAttribute('action', action);
  }
  document.addEventListener('submit', function (e) { stamp(e.target, e.submitter); }, true);
  var submit = HTMLFormElement.prototype.submit;
  HTMLFormElement.prototype.submit = function () {
    stamp(this, null);
    return submit.apply(this, arguments);
  };
})();
