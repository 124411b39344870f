(function () {
  'use strict';
  var root = document.getElementById('bh-history');
  var base = root.dataset.base;
  var list = document.getElementById('bh-sessions');
  var search = document.getElementById('bh-search');
  var timer = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function call(method, path) {
    return fetch(base + path, { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json().then(function (d) { if (!r.ok) { throw new Error(d.detail || 'HTTP ' + r.status); } return d; }); });
  }

  function show(sessions) {
    list.textContent = '';
    if (!sessions.length) {
      var empty = el('div', 'empty-state');
      empty.appendChild(el('p', 'empty-state__title', 'No chats found'));
      list.appendChild(empty);
      return;
    }
    sessions.forEach(function (s) {
      var card = el('article', 'card');
      var header = el('div', 'card__header');
      var link = el('a', 'card__title', s.title || 'Chat Session');
      link.href = base + 'chat?session=' + encodeURIComponent(s.id);
      header.appendChild(link);
      card.appendChild(header);
      var body = el('div', 'card__body');
      body.appendChild(el('p', null, s.summary || ''));
      var meta = el('p', 'field__hint', new Date(s.updated_at).toLocaleString() + ' · ' + s.message_count + ' messages'
        + (s.ticket_number ? ' · ticket #' + s.ticket_number : '') + (s.client_name ? ' · ' + s.client_name : ''));
      body.appendChild(meta);
      card.appendChild(body);
      var footer = el('div', 'card__footer');
      var del = el('button', 'btn btn--danger btn--sm', 'Delete');
      del.type = 'button';
      del.addEventListener('click', function () {
        if (window.confirm('Delete this chat and its messages?')) {
          call('DELETE', 'api/chat/session/' + encodeURIComponent(s.id)).then(function () { card.remove(); });
        }
      });
      footer.appendChild(del);
      card.appendChild(footer);
      list.appendChild(card);
    });
  }

  function load() {
    var q = search.value.trim();
    var req = q ? call('GET', 'api/chat/history/search?q=' + encodeURIComponent(q)) : call('GET', 'api/chat/history');
    req.then(function (d) { show(d.sessions); }).catch(function (e) { list.textContent = e.message; });
  }

  search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(load, 300); });
  load();
})();
