// Metrics page: one line chart per series of the chosen service, from GET /api/metrics/{service}.
// Times are formatted by the browser, so they are in the viewer's own time zone; colours come
// from the platform's CSS tokens, so the charts follow the light or dark theme.
(function () {
  'use strict';
  var root = document.getElementById('metrics');
  var state = document.getElementById('metrics-state');
  if (!root || typeof Chart === 'undefined') { return; }
  var tz = document.getElementById('metrics-tz');
  if (tz) { tz.textContent = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local'; }
  var css = getComputedStyle(document.documentElement);
  function token(name, fallback) { return (css.getPropertyValue(name) || '').trim() || fallback; }
  var colours = { cpu_percent: token('--accent', '#6a3cc7'), rss_mb: token('--info', '#1d6fb8'),
    health_latency_ms: token('--success', '#1f8a4c') };
  Chart.defaults.color = token('--text-muted', '#5b6473');
  Chart.defaults.borderColor = token('--border', '#d8dce3');
  var longRange = /d$|24h/.test(root.getAttribute('data-range'));

  function label(iso) {
    var d = new Date(iso);
    return longRange ? d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
      : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function draw(points) {
    root.querySelectorAll('canvas[data-series]').forEach(function (canvas) {
      var key = canvas.getAttribute('data-series');
      var values = points.map(function (p) { return p[key]; });
      var empty = values.every(function (v) { return v === null || v === undefined; });
      var note = root.querySelector('[data-empty="' + key + '"]');
      if (note) { note.hidden = !empty; }
      canvas.parentNode.hidden = empty;
      if (empty) { return; }
      new Chart(canvas, {
        type: 'line',
        data: { labels: points.map(function (p) { return label(p.t); }),
          datasets: [{ label: key, data: values, borderColor: colours[key], backgroundColor: colours[key],
            pointRadius: 0, borderWidth: 2, spanGaps: false, tension: 0.2 }] },
        options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
          scales: { x: { ticks: { maxTicksLimit: 8, autoSkip: true } }, y: { beginAtZero: true } } }
      });
    });
  }

  fetch(root.getAttribute('data-api') + '?range=' + encodeURIComponent(root.getAttribute('data-range')),
    { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
    .then(function (body) {
      draw(body.points);
      state.textContent = body.points.length + ' samples';
      state.setAttribute('data-count', String(body.points.length));
    })
    .catch(function (e) { state.textContent = 'could not load: ' + e.message; state.className = 'badge badge--danger'; });
}());
