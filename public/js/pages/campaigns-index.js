// Campaign list: tags added and removed in place (the forms work without this script), and the
// .ini upload reads the chosen file into the form's text area.
(function () {
  var page = document.getElementById('campaigns-page');
  if (!page) return;

  function csrfOf(form) {
    var field = form.querySelector('input[name="_csrf"]');
    return field ? field.value : '';
  }

  function post(url, form, data) {
    var body = new URLSearchParams(data || {});
    body.set('_csrf', csrfOf(form));
    return fetch(url, {
      method: 'POST',
      body: body,
      headers: { accept: 'application/json', 'x-csrf-token': csrfOf(form) },
      credentials: 'same-origin',
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error((json.error && json.error.message) || res.statusText);
        return json;
      });
    });
  }

  function chip(box, tag, csrf) {
    var label = document.createElement('span');
    label.className = 'ui mini label poms-tag';
    label.appendChild(document.createTextNode(tag));
    var form = document.createElement('form');
    form.method = 'post';
    form.action = box.getAttribute('data-tags-url') + '/' + encodeURIComponent(tag) + '/remove';
    form.className = 'poms-inline poms-tag-remove';
    var token = document.createElement('input');
    token.type = 'hidden';
    token.name = '_csrf';
    token.value = csrf;
    var button = document.createElement('button');
    button.type = 'submit';
    button.className = 'poms-link-button';
    button.setAttribute('aria-label', 'remove tag ' + tag);
    button.textContent = '×';
    form.appendChild(token);
    form.appendChild(button);
    label.appendChild(form);
    return label;
  }

  function redraw(box, tags, csrf) {
    box.querySelectorAll('.poms-tag').forEach(function (el) {
      el.remove();
    });
    var add = box.querySelector('.poms-tag-add');
    tags.forEach(function (t) {
      box.insertBefore(chip(box, t, csrf), add);
    });
  }

  page.addEventListener('submit', function (e) {
    var form = e.target;
    var box = form.closest('.poms-tags');
    if (!box) return;
    e.preventDefault();
    var csrf = csrfOf(form);
    var adding = form.classList.contains('poms-tag-add');
    var data = adding ? { tag: form.querySelector('input[name="tag"]').value.trim() } : {};
    if (adding && !data.tag) return;
    post(form.action, form, data)
      .then(function (json) {
        redraw(box, json.tags, csrf);
        if (adding) form.querySelector('input[name="tag"]').value = '';
      })
      .catch(function (err) {
        window.alert(err.message);
      });
  });

  // A problem's line link selects that line of the kept text and scrolls it into view.
  page.addEventListener('click', function (e) {
    var link = e.target.closest('a[data-ini-line]');
    var area = document.getElementById('f-ini');
    if (!link || !area) return;
    e.preventDefault();
    var line = Number(link.getAttribute('data-ini-line'));
    var lines = area.value.split('\n');
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    var end = start + (lines[line - 1] || '').length;
    area.focus();
    area.setSelectionRange(start, end);
    var lineHeight = parseFloat(window.getComputedStyle(area).lineHeight) || 18;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
  });

  var fileField = page.querySelector('.poms-file-field');
  var file = document.getElementById('f-ini-file');
  var text = document.getElementById('f-ini');
  if (fileField && file && text && window.FileReader) {
    fileField.hidden = false;
    file.addEventListener('change', function () {
      if (!file.files || !file.files[0]) return;
      var reader = new window.FileReader();
      reader.onload = function () {
        text.value = String(reader.result);
      };
      reader.readAsText(file.files[0]);
    });
  }
})();
