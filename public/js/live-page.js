// Live pages: while a page marked [data-live-twin] is shown, polls its JSON twin; when the parts of the
// answer named by data-live-keys change (or on the first poll), fetches the page itself and swaps each
// [data-live] region (by id) for its new version, so a status change appears without a reload. A region
// holding the focus or an open <details> is left for the next change. Paused while the tab is hidden.
(function () {
  var root = document.querySelector('[data-live-twin]');
  if (!root) return;
  var twin = root.getAttribute('data-live-twin');
  var keys = (root.getAttribute('data-live-keys') || '').split(',').filter(Boolean);
  // Tests shorten the period with an init script; people get one poll every 15 s.
  var every = window.pomsLiveEveryMs || Number(root.getAttribute('data-live-every') || 15000);
  var stamp = document.getElementById('live-updated');
  var seen = null;
  var timer = null;

  function pick(d) {
    if (!keys.length) return JSON.stringify(d);
    return JSON.stringify(
      keys.map(function (k) {
        return k.split('.').reduce(function (o, p) {
          return o == null ? o : o[p];
        }, d);
      }),
    );
  }
  function busy(el) {
    return el.contains(document.activeElement) || !!el.querySelector('details[open]');
  }
  function swap(html) {
    var doc = new window.DOMParser().parseFromString(html, 'text/html');
    var left = 0;
    document.querySelectorAll('[data-live][id]').forEach(function (el) {
      var fresh = doc.getElementById(el.id);
      if (!fresh) return;
      if (busy(el)) return left++;
      var node = document.importNode(fresh, true);
      el.replaceWith(node);
      if (window.pomsEnhance) window.pomsEnhance(node);
    });
    return left === 0;
  }
  function shown(at) {
    if (!stamp) return;
    stamp.textContent = at.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
    stamp.setAttribute('datetime', at.toISOString());
  }
  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }
  function get(url, accept) {
    return fetch(url, { headers: { accept: accept }, credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(r.statusText);
      return r;
    });
  }
  function poll() {
    if (document.hidden) return; // resumed by visibilitychange
    var now;
    get(twin, 'application/json')
      .then(function (r) {
        now = new Date(r.headers.get('date') || Date.now());
        return r.json();
      })
      .then(function (d) {
        var fp = pick(d);
        if (fp === seen) return shown(now);
        return get(location.href, 'text/html')
          .then(function (r) {
            return r.text();
          })
          .then(function (html) {
            if (swap(html)) seen = fp;
            shown(now);
            root.setAttribute('data-live-seen', String(Number(root.getAttribute('data-live-seen') || 0) + 1));
          });
      })
      .catch(function () {
        /* offline for a moment: the next poll tries again */
      })
      .then(function () {
        schedule(every);
      });
  }
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) schedule(100);
  });
  schedule(every);
})();
