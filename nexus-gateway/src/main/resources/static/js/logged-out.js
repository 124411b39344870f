// The logged-out page: forget everything this browser kept for HiveMatrix.
(function () {
  try { sessionStorage.clear(); } catch (e) { /* ignore */ }
  try { localStorage.clear(); } catch (e) { /* ignore */ }
  document.cookie.split(';').forEach(function (c) {
    var name = c.split('=')[0].trim();
    if (name) document.cookie = name + '=; Max-Age=0; Path=/';
  });
})();
