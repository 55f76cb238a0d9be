// Launch forms: each page view gets its own idempotency key, so a double click or a re-sent form
// launches once.
(function () {
  document.querySelectorAll('input[data-fresh-key]').forEach(function (input) {
    if (!input.value) input.value = 'form-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
  });
})();
