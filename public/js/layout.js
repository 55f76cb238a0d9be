// Behaviour shared by every page: the phone menu, auto-submitting switchers, confirmations.
(function () {
  document.querySelectorAll('[data-toggle-menu]').forEach(function (a) {
    function toggle() {
      var open = a.closest('.poms-menu').classList.toggle('open');
      a.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
    a.addEventListener('click', function (e) {
      e.preventDefault();
      toggle();
    });
    // The toggle is a link with role="button": Space must work as it does on a real button.
    a.addEventListener('keydown', function (e) {
      if (e.key === ' ') {
        e.preventDefault();
        toggle();
      }
    });
  });
  // Each wide table scrolls inside its own box (the page never scrolls sideways) and fills it otherwise.
  document.querySelectorAll('table.poms-table').forEach(function (t) {
    if (t.parentElement.classList.contains('poms-table-wrap')) return;
    var w = document.createElement('div');
    w.className = 'poms-table-wrap';
    t.parentNode.insertBefore(w, t);
    w.appendChild(t);
  });
  // A table wider than its box can be scrolled from the keyboard too.
  function focusable() {
    document.querySelectorAll('.poms-table-wrap').forEach(function (w) {
      if (w.scrollWidth > w.clientWidth + 1) w.setAttribute('tabindex', '0');
      else w.removeAttribute('tabindex');
    });
  }
  focusable();
  window.addEventListener('resize', focusable);
  document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
    s.addEventListener('change', function () {
      s.form.submit();
    });
  });
  document.querySelectorAll('form[data-confirm]').forEach(function (f) {
    f.addEventListener('submit', function (e) {
      if (!window.confirm(f.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
})();
