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
