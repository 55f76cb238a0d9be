// Launch log page: appends new output while the launch runs (polls the JSON twin), then keeps the
// status current until the grid has reported the submission (it leaves New), paused while hidden.
(function () {
  var root = document.getElementById('launch-log-page');
  if (!root) return;
  var url = root.getAttribute('data-url');
  var last = Number(root.getAttribute('data-last') || 0);
  var pre = document.getElementById('launch-log');
  var status = document.getElementById('launch-status');
  var state = document.getElementById('launch-state');
  var abort = document.getElementById('abort-form');
  var label = status.querySelector('.poms-status');
  var COLOURS = ['grey', 'yellow', 'red', 'blue', 'orange', 'teal', 'green', 'black'];
  var COLOUR = { 'Awaiting Approval': 'yellow', LaunchFailed: 'red', Running: 'blue', Held: 'orange',
    Completed: 'teal', Located: 'green', Failed: 'red', Cancelled: 'black', Removed: 'black' };
  var timer = null;
  function show(s) {
    if (!label || label.getAttribute('data-status') === s) return;
    COLOURS.forEach(function (c) { label.classList.remove(c); });
    label.classList.add(COLOUR[s] || 'grey');
    label.setAttribute('data-status', s);
    label.textContent = s;
  }
  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }
  function poll() {
    if (document.hidden) return; // resumed by visibilitychange
    fetch(url + '?after=' + last, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        if (d.text) {
          var atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 20;
          pre.textContent += d.text;
          if (atBottom) pre.scrollTop = pre.scrollHeight;
        }
        last = d.last_chunk;
        show(d.status);
        if (abort) abort.hidden = !d.running;
        state.textContent = d.state_text;
        if (d.running) schedule(1000);
        else if (!d.launch_finished_at || d.status === 'New' || d.status === 'Awaiting Approval') schedule(5000);
      })
      .catch(function () { schedule(5000); });
  }
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) schedule(100);
  });
  schedule(500);
})();
