// Service dashboard: times in the viewer's own time zone, and a reload every 5 s while the
// dashboard is open (skipped while the user is focused on a control).
(function () {
  'use strict';
  document.querySelectorAll('time[data-local]').forEach(function (t) {
    var d = new Date(t.getAttribute('datetime'));
    if (!isNaN(d.getTime())) { t.textContent = d.toLocaleString(); }
  });
  var marker = document.getElementById('services-refresh');
  if (!marker) { return; }
  window.setInterval(function () {
    var active = document.activeElement;
    if (active && (active.tagName === 'BUTTON' || active.tagName === 'INPUT')) { return; }
    window.location.replace(window.location.pathname);
  }, 5000);
}());
