// Style guide demos: tabs, modal, toast.
(function () {
  document.querySelectorAll('[data-tabs]').forEach(function (tabs) {
    var buttons = tabs.querySelectorAll('.tabs__tab');
    buttons.forEach(function (b) {
      b.addEventListener('click', function () {
        buttons.forEach(function (o) {
          var on = o === b;
          o.classList.toggle('tabs__tab--active', on);
          o.setAttribute('aria-selected', String(on));
          var panel = document.getElementById(o.getAttribute('aria-controls'));
          if (panel) panel.hidden = !on;
        });
      });
    });
  });
  var modal = document.getElementById('demo-modal');
  document.querySelectorAll('[data-open-modal]').forEach(function (b) {
    b.addEventListener('click', function () { modal.classList.add('modal--open'); });
  });
  document.querySelectorAll('[data-close-modal]').forEach(function (b) {
    b.addEventListener('click', function () { modal.classList.remove('modal--open'); });
  });
  var region = document.getElementById('toast-region');
  document.querySelectorAll('[data-toast]').forEach(function (b) {
    b.addEventListener('click', function () {
      var t = document.createElement('div');
      t.className = 'toast toast--' + b.getAttribute('data-toast');
      t.setAttribute('role', 'status');
      t.textContent = 'Saved. This is a ' + b.getAttribute('data-toast') + ' toast.';
      region.appendChild(t);
      setTimeout(function () { t.remove(); }, 4000);
    });
  });
})();
