/* Beacon board: refreshes the four sections in place from the JSON feed every 60 s (no flicker,
 * no scroll jump), formats times in the viewer's zone, sorts by column, runs "Sync Tickets".
 * No dependencies, nothing from a CDN. */
(function () {
  'use strict';

  var root = document.querySelector('main.beacon');
  if (!root) { return; }
  var feedUrl = root.getAttribute('data-feed-url');
  var syncUrl = root.getAttribute('data-sync-url');
  var syncStatusUrl = root.getAttribute('data-sync-status-url');
  var syncStreamUrl = root.getAttribute('data-sync-stream-url');
  var refreshMs = (parseInt(root.getAttribute('data-refresh-seconds'), 10) || 60) * 1000;
  var sortState = {}; // section number -> {key, dir}
  var lastData = null;
  var timer = null;
  var ALARMS = ['count-normal', 'count-warning', 'count-danger', 'count-critical', 'count-emergency'];
  var DATE_KEYS = { updated_at_str: true, created_at_str: true };

  function toDate(iso) {
    if (!iso) { return null; }
    var s = String(iso);
    // The original treats a time without an offset as UTC.
    if (!/[zZ]$|[+-]\d\d:?\d\d$/.test(s)) { s += 'Z'; }
    var d = new Date(s);
    return isNaN(d.getTime()) ? null : d;
  }

  function formatTimes(scope) {
    var nodes = (scope || document).querySelectorAll('time[datetime]');
    for (var i = 0; i < nodes.length; i++) {
      var d = toDate(nodes[i].getAttribute('datetime'));
      if (d) {
        nodes[i].textContent = d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
        nodes[i].title = d.toISOString();
      }
    }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function timeEl(iso) {
    var t = el('time');
    t.setAttribute('datetime', iso);
    t.textContent = iso;
    return t;
  }

  function row(t) {
    var tr = el('tr');
    tr.setAttribute('data-id', t.id);
    tr.appendChild(el('td', 'beacon-id', t.id));
    var subject = el('td', 'beacon-subject');
    if (t.ticket_url) {
      var a = el('a', null, t.subject);
      a.href = t.ticket_url;
      a.target = '_blank';
      a.rel = 'noopener';
      subject.appendChild(a);
    } else {
      subject.appendChild(el('span', null, t.subject));
    }
    tr.appendChild(subject);
    tr.appendChild(el('td', null, t.requester_name));
    tr.appendChild(el('td', null, t.agent_name));
    var prio = el('td');
    prio.appendChild(el('span', t.priority_badge_class, t.priority_text));
    tr.appendChild(prio);
    var sla = el('td');
    sla.appendChild(el('span', t.sla_class, t.sla_text));
    if (t.sla_due_iso) {
      var due = el('small', 'beacon-due');
      due.appendChild(el('span', null, t.sla_due_label + ': '));
      due.appendChild(timeEl(t.sla_due_iso));
      sla.appendChild(document.createTextNode(' '));
      sla.appendChild(due);
    }
    tr.appendChild(sla);
    tr.appendChild(el('td', null, t.updated_friendly));
    tr.appendChild(el('td', null, t.created_days_old));
    return tr;
  }

  function compare(key, dir) {
    return function (x, y) {
      var a = x[key], b = y[key];
      if (a === null || a === undefined || a === '') { return (b === null || b === undefined || b === '') ? 0 : 1; }
      if (b === null || b === undefined || b === '') { return -1; }
      var r;
      if (DATE_KEYS[key]) {
        r = (toDate(a) || 0) - (toDate(b) || 0);
      } else if (typeof a === 'number' && typeof b === 'number') {
        r = a - b;
      } else {
        r = String(a).localeCompare(String(b));
      }
      return dir === 'desc' ? -r : r;
    };
  }

  function renderSection(section, n, items, name) {
    var sort = sortState[n];
    if (sort) { items = items.slice().sort(compare(sort.key, sort.dir)); }
    var tbody = section.querySelector('tbody');
    var fresh = document.createDocumentFragment();
    for (var i = 0; i < items.length; i++) { fresh.appendChild(row(items[i])); }
    tbody.replaceChildren(fresh);
    formatTimes(tbody);
    section.querySelector('.beacon-section__count').textContent = items.length;
    if (name) { section.querySelector('.beacon-section__name').textContent = name; }
    var empty = section.querySelector('.empty-state');
    if (empty) { empty.hidden = items.length > 0; }
    var ths = section.querySelectorAll('th[data-key]');
    for (var j = 0; j < ths.length; j++) {
      var k = ths[j].getAttribute('data-key');
      ths[j].setAttribute('aria-sort', sort && sort.key === k ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    }
  }

  function render(data) {
    lastData = data;
    var scrollX = window.scrollX, scrollY = window.scrollY;
    var sections = root.querySelectorAll('section[data-section]');
    for (var i = 0; i < sections.length; i++) {
      var n = sections[i].getAttribute('data-section');
      renderSection(sections[i], n, data['s' + n + '_items'] || [], data['section' + n + '_name_js']);
    }
    var total = document.getElementById('beacon-total');
    total.textContent = data.total_active_items;
    for (var a = 0; a < ALARMS.length; a++) { total.classList.remove(ALARMS[a]); }
    total.classList.add(data.alarm_class || 'count-normal');
    root.classList.toggle('beacon--emergency', data.alarm_class === 'count-emergency');
    var sync = document.getElementById('beacon-last-sync');
    sync.setAttribute('datetime', data.dashboard_generated_time_iso);
    formatTimes(sync.parentNode);
    showError(data.error, data.data_fetched_at);
    window.scrollTo(scrollX, scrollY);
  }

  function showError(message, fetchedAt) {
    var box = document.getElementById('beacon-error');
    if (!message) { box.hidden = true; return; }
    box.replaceChildren(el('span', null, message));
    if (fetchedAt) {
      var age = el('span', null, ' Showing data from ');
      age.appendChild(timeEl(fetchedAt));
      age.appendChild(document.createTextNode('.'));
      box.appendChild(age);
      formatTimes(box);
    }
    box.hidden = false;
  }

  function refresh() {
    return fetch(feedUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) { throw new Error('Failed to fetch ticket data (HTTP ' + r.status + ')'); }
        return r.json();
      })
      .then(render)
      .catch(function (e) {
        showError(e instanceof TypeError ? 'Network error: Unable to connect to server' : e.message,
          lastData ? lastData.data_fetched_at : null);
      });
  }

  function schedule() {
    if (timer) { clearInterval(timer); }
    timer = setInterval(refresh, refreshMs);
  }

  function bindSorting() {
    var sections = root.querySelectorAll('section[data-section]');
    Array.prototype.forEach.call(sections, function (section) {
      var n = section.getAttribute('data-section');
      Array.prototype.forEach.call(section.querySelectorAll('th[data-key]'), function (th) {
        th.classList.add('beacon-sortable');
        th.addEventListener('click', function () {
          var key = th.getAttribute('data-key');
          var cur = sortState[n];
          sortState[n] = { key: key, dir: cur && cur.key === key && cur.dir === 'asc' ? 'desc' : 'asc' };
          if (lastData) { renderSection(section, n, lastData['s' + n + '_items'] || []); }
        });
      });
    });
  }

  function setSyncStatus(text) {
    var s = document.getElementById('beacon-sync-status');
    if (s) { s.textContent = text; }
  }

  function showJob(job) {
    if (job.status === 'completed' || job.success === true) {
      setSyncStatus('Sync complete!');
      refresh();
      setTimeout(function () { setSyncStatus(''); }, 3000);
      return true;
    }
    if (job.status === 'failed' || job.success === false || job.error) {
      setSyncStatus('Sync failed: ' + (job.error || 'unknown error'));
      return true;
    }
    var progress = job.total ? ' (' + (job.processed || 0) + '/' + job.total + ')'
      : (job.processed ? ' (' + job.processed + ')' : '');
    setSyncStatus('Sync in progress…' + (job.phase ? ' ' + job.phase : '') + progress);
    return false;
  }

  // Fallback when the browser cannot keep the event stream open: ask Beacon, backing off to 10 s.
  function pollSync(jobId, delay) {
    setTimeout(function () {
      fetch(syncStatusUrl + encodeURIComponent(jobId), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          if (!showJob(job)) { pollSync(jobId, Math.min(delay * 2, 10000)); }
        })
        .catch(function () { setSyncStatus('Sync failed: Network error'); });
    }, delay);
  }

  // Codex pushes the job's progress (SSE through Nexus, as this user); no polling while it flows.
  function followSync(jobId) {
    if (!window.EventSource || !syncStreamUrl) { pollSync(jobId, 1000); return; }
    var finished = false;
    var source = new EventSource(syncStreamUrl + encodeURIComponent(jobId) + '/stream');
    function onEvent(e) {
      var job;
      try { job = JSON.parse(e.data); } catch (err) { return; }
      if (showJob(job) || job.done) { finished = true; source.close(); }
    }
    source.addEventListener('progress', onEvent);
    source.addEventListener('done', onEvent);
    source.onerror = function () {
      source.close();
      if (!finished) { pollSync(jobId, 1000); }
    };
  }

  function startSync(button) {
    button.disabled = true;
    setSyncStatus('Starting sync…');
    fetch(syncUrl, { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (!res.ok || res.body.success === false) {
          setSyncStatus('Sync failed: ' + (res.body.error || 'unknown error'));
        } else if (res.body.job_id) {
          setSyncStatus('Sync in progress…');
          followSync(res.body.job_id);
        } else {
          setSyncStatus('Sync started');
        }
      })
      .catch(function () { setSyncStatus('Sync failed: Network error'); })
      .then(function () { button.disabled = false; });
  }

  formatTimes(document);
  bindSorting();
  var agent = document.getElementById('beacon-agent');
  if (agent) { agent.addEventListener('change', function () { agent.form.submit(); }); }
  var refreshButton = document.getElementById('beacon-refresh');
  if (refreshButton) { refreshButton.addEventListener('click', function () { refresh(); schedule(); }); }
  var syncButton = document.getElementById('beacon-sync');
  if (syncButton && syncUrl) { syncButton.addEventListener('click', function () { startSync(syncButton); }); }
  refresh();
  schedule();
})();
