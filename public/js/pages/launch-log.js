// Launch log page: appends new output while the launch runs (polls the JSON twin), then stops.
(function () {
  var root = document.getElementById('launch-log-page');
  if (!root) return;
  var url = root.getAttribute('data-url');
  var last = Number(root.getAttribute('data-last') || 0);
  var pre = document.getElementById('launch-log');
  var status = document.getElementById('launch-status');
  var state = document.getElementById('launch-state');
  var abort = document.getElementById('abort-form');
  var finishedPolls = 0;
  function poll() {
    fetch(url + '?after=' + last, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        if (d.text) {
          var atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 20;
          pre.textContent += d.text;
          if (atBottom) pre.scrollTop = pre.scrollHeight;
        }
        last = d.last_chunk;
        status.textContent = d.status;
        if (abort) abort.hidden = !d.running;
        state.textContent = d.running ? 'running…' : d.launch_finished_at ? 'finished, exit code ' + d.launch_exit_code : 'waiting…';
        if (!d.running && d.launch_finished_at) finishedPolls++;
        if (finishedPolls < 2) setTimeout(poll, d.running ? 1000 : 3000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 500);
})();
