// Shifter view: polls the page's JSON twin every 30 s, updates the counts and the time, and offers a
// reload when the list itself has changed (re-rendering the forms here would bypass their confirmations).
(function () {
  var page = document.getElementById('shifter-page');
  if (!page) return;
  var url = page.getAttribute('data-refresh-url');
  var shown = page.getAttribute('data-keys').split(',').filter(Boolean).sort().join(',');
  var changed = document.getElementById('shifter-changed');
  var updated = document.getElementById('shifter-updated');

  function setCount(kind, n) {
    page.querySelectorAll('[data-count-of="' + kind + '"]').forEach(function (el) {
      el.textContent = String(n);
    });
  }

  function poll() {
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) throw new Error(r.statusText);
        return r.json();
      })
      .then(function (d) {
        Object.keys(d.counts).forEach(function (k) {
          setCount(k, d.counts[k]);
        });
        updated.textContent = new Date(d.generated_at).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
        var keys = [];
        d.groups.forEach(function (g) {
          g.items.forEach(function (i) {
            keys.push(i.key);
          });
        });
        changed.hidden = keys.sort().join(',') === shown;
      })
      .catch(function () {
        /* offline for a moment: the next poll tries again */
      })
      .then(function () {
        setTimeout(poll, 30000);
      });
  }
  setTimeout(poll, 30000);
})();
