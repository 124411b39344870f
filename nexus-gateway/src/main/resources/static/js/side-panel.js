// HiveMatrix side panel: collapse (remembered in localStorage) and the light/dark switch, saved to the
// user's Codex settings when Codex exists (then Nexus's cached theme is invalidated).
(function () {
  var root = document.documentElement;
  var panel = document.getElementById('side-panel');
  var toggle = document.getElementById('sidebar-toggle');
  var themeButton = document.getElementById('theme-toggle-btn');

  function setCollapsed(collapsed) {
    if (!panel) return;
    panel.classList.toggle('collapsed', collapsed);
    root.classList.toggle('sidebar-collapsed', collapsed);
    if (toggle) {
      toggle.setAttribute('aria-expanded', String(!collapsed));
      toggle.setAttribute('aria-label', collapsed ? 'Expand navigation' : 'Collapse navigation');
      toggle.title = toggle.getAttribute('aria-label');
    }
    try { localStorage.setItem('sidebar-collapsed', String(collapsed)); } catch (e) { /* ignore */ }
  }
  if (panel && root.classList.contains('sidebar-collapsed')) setCollapsed(true);
  if (toggle) toggle.addEventListener('click', function () { setCollapsed(!panel.classList.contains('collapsed')); });

  function remember(theme) {
    try { if (theme) localStorage.setItem('hivematrix-theme', theme); else localStorage.removeItem('hivematrix-theme'); } catch (e) { /* ignore */ }
  }
  if (themeButton) themeButton.addEventListener('click', function () {
    var next = root.getAttribute('data-theme') === 'dark' ? 'light' : 'dark';
    root.setAttribute('data-theme', next);
    themeButton.setAttribute('aria-pressed', String(next === 'dark'));
    remember(next);
    fetch('/codex/api/my/settings', {
      method: 'PUT', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ theme_preference: next })
    }).then(function (r) {
      if (!r.ok) return;
      return fetch('/api/invalidate-cache', { method: 'POST', credentials: 'same-origin' }).then(function (c) {
        // saved in Codex and Nexus's cache cleared: composed pages carry the theme from now on
        if (c.ok) remember(null);
      });
    }).catch(function () { /* offline or no Codex: kept in this browser */ });
  });
})();
