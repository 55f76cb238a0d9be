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
  // Also run on the regions a live page swaps in (public/js/live-page.js).
  function enhance(root) {
    root.querySelectorAll('table.poms-table').forEach(function (t) {
      if (t.parentElement.classList.contains('poms-table-wrap')) return;
      var w = document.createElement('div');
      w.className = 'poms-table-wrap';
      t.parentNode.insertBefore(w, t);
      w.appendChild(t);
    });
    focusable();
  }
  // A table wider than its box can be scrolled from the keyboard too.
  function focusable() {
    document.querySelectorAll('.poms-table-wrap').forEach(function (w) {
      if (w.scrollWidth > w.clientWidth + 1) w.setAttribute('tabindex', '0');
      else w.removeAttribute('tabindex');
    });
  }
  window.pomsEnhance = enhance;
  enhance(document);
  window.addEventListener('resize', focusable);
  document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
    s.addEventListener('change', function () {
      s.form.submit();
    });
  });
  // Confirmations are delegated, so forms a live page swaps in ask too. A button's own question
  // (data-confirm-click) asks for that button only; its harmless neighbours (preview) do not.
  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('button[data-confirm-click]');
    if (b && !window.confirm(b.getAttribute('data-confirm-click'))) e.preventDefault();
  });
  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (f.matches('form[data-confirm]') && !window.confirm(f.getAttribute('data-confirm'))) e.preventDefault();
  });
})();
