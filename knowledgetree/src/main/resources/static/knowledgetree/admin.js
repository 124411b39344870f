/* KnowledgeTree admin page: import with dry run then confirm, and wipe behind a typed YES. */
(function () {
  'use strict';
  var page = document.getElementById('kt-admin');
  var base = page.dataset.base || '/';
  var $ = function (id) { return document.getElementById(id); };

  function send(path, body) {
    return fetch(base + path, { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) {
            var errors = data.errors ? '\n' + data.errors.join('\n') : '';
            throw new Error((data.detail || data.error || ('HTTP ' + r.status)) + errors);
          }
          return data;
        });
      });
  }

  function show(id, text) { var box = $(id); box.textContent = text; box.hidden = false; }

  function importForm(dryRun) {
    var form = new FormData();
    form.append('file', $('kt-import-file').files[0]);
    return send('admin/import?dry_run=' + dryRun, form);
  }

  $('kt-import').addEventListener('submit', function (ev) {
    ev.preventDefault();
    $('kt-import-confirm').disabled = true;
    importForm(true).then(function (r) {
      show('kt-import-result', r.message);
      $('kt-import-confirm').disabled = false;
    }).catch(function (e) { show('kt-import-result', e.message); });
  });
  $('kt-import-file').addEventListener('change', function () { $('kt-import-confirm').disabled = true; });
  $('kt-import-confirm').addEventListener('click', function () {
    $('kt-import-confirm').disabled = true;
    importForm(false).then(function (r) { show('kt-import-result', r.message); })
      .catch(function (e) { show('kt-import-result', e.message); });
  });
  /* syncs run in the background: start one, then poll its job until it is no longer running */
  function describe(job) {
    if (!job) { return 'No sync has run since KnowledgeTree started.'; }
    var lines = [job.kind + ' sync ' + job.state + ' (started ' + new Date(job.started_at).toLocaleString() + ' by ' + job.started_by + ')'];
    if (job.companies_total !== null) { lines.push('Companies: ' + job.companies_done + ' of ' + job.companies_total); }
    if (job.changed !== undefined) {
      lines.push('Changed: ' + job.changed + ', unchanged: ' + job.unchanged + ', pruned nodes: ' + job.pruned
        + ', companies gone from Codex: ' + job.removed_from_codex);
      job.conflicts.forEach(function (c) { lines.push('Not overwritten: ' + c); });
    }
    if (job.error) { lines.push('Error: ' + job.error); }
    return lines.join('\n');
  }

  function poll() {
    fetch(base + 'admin/sync/job', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        show('kt-sync-output', describe(data.job));
        var running = data.job && data.job.state === 'running';
        document.querySelectorAll('[data-kind]').forEach(function (b) { b.disabled = running; });
        if (running) { window.setTimeout(poll, 1000); }
      }).catch(function (e) { show('kt-sync-output', e.message); });
  }

  document.querySelectorAll('[data-kind]').forEach(function (button) {
    button.addEventListener('click', function () {
      send('admin/sync/' + button.dataset.kind, null).then(poll).catch(function (e) { show('kt-sync-output', e.message); });
    });
  });
  poll();

  $('kt-wipe').addEventListener('click', function () {
    if ($('kt-wipe-confirm').value !== 'YES') { show('kt-wipe-result', 'Type YES to confirm.'); return; }
    if (!window.confirm('Really delete the whole knowledge base?')) { return; }
    send('admin/wipe', null).then(function (r) { show('kt-wipe-result', r.message); })
      .catch(function (e) { show('kt-wipe-result', e.message); });
  });
})();
