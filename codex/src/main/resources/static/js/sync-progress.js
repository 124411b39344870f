// Sync centre: follows the running job over Server-Sent Events (GET /sync/status/{id}/stream).
// "progress" events update phase, counts, progress bar and log; the "done" event reloads the page
// so the outcome and the history table show the finished job.
(function () {
  'use strict';
  var job = document.getElementById('job');
  if (!job || !job.dataset.stream || typeof EventSource === 'undefined') { return; }

  function text(id, value) {
    var el = document.getElementById(id);
    if (!el) { return; }
    el.textContent = value == null ? '' : String(value);
    el.hidden = value == null || value === '';
  }

  function counts(e) {
    if (e.total != null) { return e.processed + ' of ' + e.total; }
    return e.processed ? e.processed + ' processed' : '';
  }

  function show(e) {
    job.dataset.jobStatus = e.status;
    text('job-phase', e.phase);
    document.getElementById('job-counts').textContent = counts(e);
    var bar = document.getElementById('job-progress');
    if (bar) {
      bar.hidden = e.percent == null;
      if (e.percent != null) { bar.value = e.percent; bar.textContent = e.percent + '%'; }
    }
    text('job-output', e.output);
    text('job-error', e.error);
  }

  var source = new EventSource(job.dataset.stream);
  source.addEventListener('progress', function (m) { show(JSON.parse(m.data)); });
  source.addEventListener('done', function (m) {
    source.close();
    show(JSON.parse(m.data));
    window.location.reload();
  });
})();
