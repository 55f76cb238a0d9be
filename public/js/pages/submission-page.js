// Submission page: buttons that launch something ask first (data-confirm-click), while their
// harmless neighbours in the same form (preview) do not.
(function () {
  var root = document.getElementById('submission-page');
  if (!root) return;
  root.querySelectorAll('button[data-confirm-click]').forEach(function (b) {
    b.addEventListener('click', function (e) {
      if (!window.confirm(b.getAttribute('data-confirm-click'))) e.preventDefault();
    });
  });
})();
