// Behaviour shared by every page: the phone menu, auto-submitting switchers, confirmations.
(function () {
  document.querySelectorAll('[data-toggle-menu]').forEach(function (a) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      a.closest('.poms-menu').classList.toggle('open');
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
