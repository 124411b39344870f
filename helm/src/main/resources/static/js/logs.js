// Live log viewer: one EventSource on /logs/stream with the form's filters. Entries arrive as
// "log" events (id = entry id); the browser's reconnect sends Last-Event-ID so nothing is missed.
(function () {
  'use strict';
  var MAX_ROWS = 1000;
  var table = document.getElementById('log-table');
  if (!table) { return; }
  var rows = document.getElementById('log-rows');
  var empty = document.getElementById('log-empty');
  var state = document.getElementById('log-state');
  var pauseBtn = document.getElementById('log-pause');
  var form = document.getElementById('log-filters');
  var paused = false;
  var held = [];
  var source = null;

  var BADGES = { CRITICAL: 'badge badge--danger', ERROR: 'badge badge--danger', WARNING: 'badge badge--warning', INFO: 'badge badge--info' };

  function cell(text, cls) {
    var td = document.createElement('td');
    if (cls) { td.className = cls; }
    td.textContent = text == null ? '' : String(text);
    return td;
  }

  function chip(name, value) {
    var td = document.createElement('td');
    if (value) {
      var a = document.createElement('a');
      a.href = '?' + name + '=' + encodeURIComponent(value);
      a.textContent = value.length > 12 ? value.slice(0, 12) + '…' : value;
      a.title = value;
      td.appendChild(a);
    }
    return td;
  }

  function render(entry) {
    var tr = document.createElement('tr');
    tr.dataset.id = entry.id;
    tr.dataset.level = entry.level;
    var timeTd = document.createElement('td');
    var time = document.createElement('time');
    time.dateTime = entry.timestamp;
    var d = new Date(entry.timestamp);
    time.textContent = isNaN(d) ? entry.timestamp : d.toLocaleString();
    time.title = entry.timestamp;
    timeTd.appendChild(time);
    tr.appendChild(timeTd);
    tr.appendChild(cell(entry.service_name));
    var levelTd = document.createElement('td');
    var badge = document.createElement('span');
    badge.className = BADGES[entry.level] || 'badge';
    badge.textContent = entry.level;
    levelTd.appendChild(badge);
    tr.appendChild(levelTd);
    var msg = cell(entry.message);
    if (entry.context) {
      var details = document.createElement('details');
      var summary = document.createElement('summary');
      summary.textContent = 'context';
      var pre = document.createElement('pre');
      pre.textContent = JSON.stringify(entry.context, null, 2);
      details.appendChild(summary);
      details.appendChild(pre);
      msg.appendChild(details);
    }
    tr.appendChild(msg);
    tr.appendChild(chip('trace_id', entry.trace_id));
    tr.appendChild(chip('user', entry.username || entry.user_id));
    return tr;
  }

  function add(entry) {
    if (paused) { held.push(entry); return; }
    rows.insertBefore(render(entry), rows.firstChild);
    while (rows.childElementCount > MAX_ROWS) { rows.removeChild(rows.lastChild); }
    empty.hidden = true;
  }

  function setState(text, cls) { state.textContent = text; state.className = cls; }

  function connect() {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (k) { if (!params.get(k)) { params.delete(k); } });
    var url = table.dataset.stream + (params.toString() ? '?' + params.toString() : '');
    if (source) { source.close(); }
    source = new EventSource(url);
    source.onopen = function () { setState('live', 'badge badge--info'); };
    source.onerror = function () { setState('reconnecting…', 'badge badge--warning'); };
    source.addEventListener('log', function (ev) { add(JSON.parse(ev.data)); });
  }

  pauseBtn.addEventListener('click', function () {
    paused = !paused;
    pauseBtn.textContent = paused ? 'Resume' : 'Pause';
    pauseBtn.setAttribute('aria-pressed', String(paused));
    if (paused) {
      setState('paused', 'badge');
    } else {
      var pending = held; held = [];
      pending.forEach(add);
      setState('live', 'badge badge--info');
    }
  });
  document.getElementById('log-clear').addEventListener('click', function () {
    rows.textContent = ''; empty.hidden = false;
  });
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    rows.textContent = ''; held = [];
    var params = new URLSearchParams(new FormData(form));
    history.replaceState(null, '', '?' + params.toString());
    connect();
  });
  connect();
}());
