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
