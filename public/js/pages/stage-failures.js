// Stage page: fills the "Failures by cause" section with the stage's largest causes, rendered by
// the failures page as a fragment (the same template as that page). Without this script the
// section keeps its link to the failures page. Sets data-loaded="1" once filled.
(function () {
  var box = document.getElementById('stage-failures');
  if (!box) return;
  fetch(box.getAttribute('data-src'), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
    .then(function (r) {
      return r.ok ? r.text() : Promise.reject(new Error(String(r.status)));
    })
    .then(function (html) {
      box.innerHTML = html;
      if (window.pomsEnhance) window.pomsEnhance(box); // a wide table scrolls in its box, by keyboard too
      box.setAttribute('data-loaded', '1');
    })
    .catch(function () {
      box.setAttribute('data-loaded', 'error');
    });
})();
