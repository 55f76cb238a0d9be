// Campaign, job type and stage forms: an "add row" button under each list of rows (parameters,
// keywords, recoveries). Without this script the forms carry a few empty rows.
(function () {
  var lists = document.querySelectorAll('[data-pair-rows]');
  if (!lists.length) return;
  lists.forEach(function (list) {
    var rows = list.querySelectorAll('.poms-pair');
    if (!rows.length) return;
    var template = rows[rows.length - 1];
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'ui mini basic button';
    button.textContent = 'Add row';
    button.addEventListener('click', function () {
      var row = template.cloneNode(true);
      row.querySelectorAll('input').forEach(function (i) {
        i.value = '';
      });
      row.querySelectorAll('select').forEach(function (s) {
        s.selectedIndex = 0;
      });
      list.insertBefore(row, button);
    });
    var help = list.querySelector('.poms-help');
    list.insertBefore(button, help || null);
  });
})();
