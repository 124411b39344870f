(function () {
  'use strict';
  var root = document.getElementById('bh-chat');
  var base = root.dataset.base;
  var md = window.BrainhairMarkdown;
  var messages = document.getElementById('bh-messages');
  var input = document.getElementById('bh-input');
  var sendBtn = document.getElementById('bh-send');
  var stopBtn = document.getElementById('bh-stop');
  var company = document.getElementById('bh-company');
  var ticket = document.getElementById('bh-ticket');
  var sessionId = root.dataset.session || null;
  var current = null;

  function api(method, path, body) {
    var opts = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    return fetch(base + path, opts).then(function (r) {
      return r.text().then(function (t) {
        var data = t ? JSON.parse(t) : {};
        if (!r.ok) { throw new Error(data.detail || data.error || ('HTTP ' + r.status)); }
        return data;
      });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // the server renders each Lucide icon once into a <template>; messages clone it
  function icon(name) {
    return document.getElementById('bh-icon-' + name).content.cloneNode(true);
  }

  function bubble(role) {
    var wrap = el('div', 'bh-msg bh-msg--' + role);
    var avatar = el('div', 'bh-msg__avatar');
    avatar.setAttribute('aria-hidden', 'true');
    avatar.appendChild(icon(role === 'user' ? 'user' : 'assistant'));
    wrap.appendChild(avatar);
    var body = el('div', 'bh-msg__body');
    wrap.appendChild(body);
    messages.appendChild(wrap);
    wrap.scrollIntoView({ block: 'end' });
    return body;
  }

  function userMessage(text) { bubble('user').textContent = text; }

  function assistantText(body, text) { body.dataset.raw = text; body.innerHTML = md.render(text); }

  function toolLine(name, detail, error) {
    var d = el('details', 'bh-tool' + (error ? ' bh-tool--error' : ''));
    var summary = el('summary');
    summary.appendChild(icon('tool'));
    summary.appendChild(document.createTextNode(' ' + name));
    d.appendChild(summary);
    if (detail) { d.appendChild(el('pre', 'bh-pre', detail)); }
    messages.appendChild(d);
    return d;
  }

  function kv(obj) {
    var table = el('table', 'table table--compact');
    if (!obj || typeof obj !== 'object') { return el('span', null, obj === null || obj === undefined ? '—' : String(obj)); }
    Object.keys(obj).forEach(function (k) {
      var tr = el('tr');
      tr.appendChild(el('th', null, k));
      var v = obj[k];
      tr.appendChild(el('td', null, v === null || v === undefined ? '—' : (typeof v === 'object' ? JSON.stringify(v) : String(v))));
      table.appendChild(tr);
    });
    return table;
  }

  function approvalCard(ev) {
    var card = el('section', 'card bh-approval');
    card.id = 'approval-' + ev.approval_id;
    card.setAttribute('aria-label', 'Approval request');
    var header = el('div', 'card__header');
    header.appendChild(el('h3', 'card__title', 'Approval needed: ' + ev.action));
    card.appendChild(header);
    var body = el('div', 'card__body');
    body.appendChild(el('p', 'field__hint', 'Needs one of: ' + ev.required_level + ' · expires ' + new Date(ev.expires_at).toLocaleTimeString()));
    if (ev.before) { body.appendChild(el('h4', null, 'Before')); body.appendChild(kv(ev.before)); }
    body.appendChild(el('h4', null, ev.after ? 'After' : 'Details'));
    body.appendChild(kv(ev.after || ev.details));
    card.appendChild(body);
    var footer = el('div', 'card__footer bh-approval__actions');
    var yes = el('button', 'btn btn--success', 'Approve');
    var no = el('button', 'btn btn--danger', 'Deny');
    yes.type = 'button'; no.type = 'button';
    var status = el('span', 'bh-approval__status');
    status.setAttribute('role', 'status');
    function decide(approved) {
      yes.disabled = true; no.disabled = true;
      api('POST', 'api/approval/respond/' + encodeURIComponent(ev.approval_id), { approved: approved })
        .then(function (r) { status.textContent = r.status; })
        .catch(function (e) { status.textContent = e.message; yes.disabled = false; no.disabled = false; });
    }
    yes.addEventListener('click', function () { decide(true); });
    no.addEventListener('click', function () { decide(false); });
    footer.appendChild(yes); footer.appendChild(no); footer.appendChild(status);
    card.appendChild(footer);
    messages.appendChild(card);
    card.scrollIntoView({ block: 'end' });
  }

  function busy(on) {
    sendBtn.classList.toggle('u-hidden', on);
    stopBtn.classList.toggle('u-hidden', !on);
    input.disabled = false;
  }

  function stream(responseId) {
    var body = bubble('assistant');
    var text = '';
    body.appendChild(el('span', 'bh-typing', '…'));
    var es = new EventSource(base + 'api/chat/stream/' + encodeURIComponent(responseId));
    current = { id: responseId, es: es };
    busy(true);
    function on(type, fn) { es.addEventListener(type, function (e) { fn(JSON.parse(e.data)); }); }
    on('text', function (d) {
      if (body.dataset.closed) { body = bubble('assistant'); text = ''; }
      text += d.content; assistantText(body, text);
    });
    on('tool_call', function (d) { body.dataset.closed = '1'; toolLine(d.name, JSON.stringify(d.arguments, null, 2)); });
    on('tool_result', function (d) { toolLine(d.name + (d.was_filtered ? ' (redacted)' : '') + ' → result', d.content, d.error); });
    on('approval', approvalCard);
    on('approval_decided', function (d) {
      var card = document.getElementById('approval-' + d.approval_id);
      if (card) {
        card.querySelector('.bh-approval__status').textContent = d.status + (d.decided_by ? ' by ' + d.decided_by : '');
        card.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
      }
    });
    on('turn_error', function (d) { var e = bubble('assistant'); e.classList.add('bh-msg__body--error'); e.textContent = d.message; });
    on('done', function () {
      es.close(); current = null; busy(false);
      if (!text && !body.dataset.closed) { body.parentNode.remove(); }
      input.focus();
    });
  }

  function send() {
    var text = input.value.trim();
    if (!text || current) { return; }
    userMessage(text);
    input.value = '';
    api('POST', 'api/chat', { message: text, db_session_id: sessionId, client: company.value || null, ticket: ticket.value || null })
      .then(function (r) {
        sessionId = r.db_session_id;
        history.replaceState(null, '', base + 'chat?session=' + encodeURIComponent(sessionId));
        stream(r.response_id);
      })
      .catch(function (e) { var b = bubble('assistant'); b.classList.add('bh-msg__body--error'); b.textContent = e.message; });
  }

  document.getElementById('bh-compose').addEventListener('submit', function (e) { e.preventDefault(); send(); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); send(); }
  });
  stopBtn.addEventListener('click', function () {
    if (current) { api('POST', 'api/chat/stop/' + encodeURIComponent(current.id)).catch(function () {}); }
  });
  document.getElementById('bh-new').addEventListener('click', function () {
    window.location.href = base + 'chat';
  });

  api('GET', 'api/context/companies').then(function (list) {
    list.forEach(function (c) {
      var o = el('option', null, c.name + ' (' + c.account_number + ')');
      o.value = c.account_number;
      company.appendChild(o);
    });
  }).catch(function () {});
  company.addEventListener('change', function () {
    ticket.length = 1;
    if (!company.value) { return; }
    api('GET', 'api/context/tickets?account=' + encodeURIComponent(company.value)).then(function (list) {
      list.forEach(function (t) {
        var o = el('option', null, '#' + t.ticket_number + ' ' + (t.subject || ''));
        o.value = t.ticket_number;
        ticket.appendChild(o);
      });
    }).catch(function () {});
  });

  if (sessionId) {
    api('GET', 'api/chat/history/' + encodeURIComponent(sessionId)).then(function (s) {
      s.messages.forEach(function (m) {
        if (m.role === 'user') { userMessage(m.content); }
        else if (m.role === 'assistant') {
          if (m.content) { assistantText(bubble('assistant'), m.content); }
          (m.tool_calls || []).forEach(function (c) { toolLine(c.name, JSON.stringify(c.arguments, null, 2)); });
        } else if (m.tool_results) {
          m.tool_results.results.forEach(function (r) { toolLine('result', r.content, r.error); });
        }
      });
    }).catch(function (e) { bubble('assistant').textContent = e.message; });
  }

  var lookup = document.getElementById('bh-lookup');
  if (lookup) {
    lookup.addEventListener('submit', function (e) {
      e.preventDefault();
      var out = document.getElementById('bh-lookup-result');
      var acct = document.getElementById('bh-lookup-account').value.trim();
      api('POST', 'api/tools/' + encodeURIComponent(document.getElementById('bh-lookup-tool').value), acct ? { account_number: acct } : {})
        .then(function (r) { out.textContent = JSON.stringify(r, null, 2); })
        .catch(function (err) { out.textContent = err.message; });
    });
  }
  input.focus();
})();
