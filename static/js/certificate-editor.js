// The permit editor's certificate card (templates/admin/catalogue/_certificate_editor.html):
// shows the part the chosen kind of template needs, inserts a clicked variable at the cursor of
// the inline template, and posts the preview without leaving the page: a PDF opens in a new tab,
// a refusal (422) is shown under the button with everything typed still in place. Without
// JavaScript the button posts the form to a new tab itself.
(function () {
  'use strict';
  var box = document.getElementById('certificate-editor');
  if (!box) return;
  var mode = box.querySelector('select[name="certificate_mode"]');
  var source = box.querySelector('textarea[name="certificate_template"]');
  var button = document.getElementById('certificate-preview');
  var result = document.getElementById('certificate-preview-result');

  function showMode() {
    box.querySelectorAll('[data-certificate-mode]').forEach(function (part) {
      part.hidden = part.getAttribute('data-certificate-mode') !== mode.value;
    });
  }
  mode.addEventListener('change', showMode);
  showMode();

  box.querySelectorAll('[data-insert]').forEach(function (item) {
    item.addEventListener('click', function () {
      var text = item.getAttribute('data-insert');
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text);
      if (mode.value !== 'inline') return;
      var start = source.selectionStart, end = source.selectionEnd;
      source.value = source.value.slice(0, start) + text + source.value.slice(end);
      source.focus();
      source.selectionStart = source.selectionEnd = start + text.length;
    });
  });

  function say(text, kind) {
    result.innerHTML = '';
    var line = document.createElement('div');
    line.className = 'small text-' + kind;
    line.textContent = text;
    result.appendChild(line);
  }

  function showPdf(blob, tab) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement('a');
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener';
    link.id = 'certificate-preview-link';
    link.className = 'btn btn-sm btn-success';
    link.textContent = box.getAttribute('data-open-text');
    var save = document.createElement('a');
    save.href = url;
    save.download = box.getAttribute('data-download');
    save.className = 'btn btn-sm btn-link';
    save.innerHTML = '<i class="bi bi-download"></i>';
    save.setAttribute('aria-label', box.getAttribute('data-download'));
    result.innerHTML = '';
    result.appendChild(link);
    result.appendChild(save);
    if (tab) tab.location.href = url;
  }

  if (button) button.addEventListener('click', function (event) {
    event.preventDefault();
    // opened now, while the click still counts as the user's: a tab opened after the answer
    // would be blocked as a pop-up
    var tab = window.open('', '_blank');
    button.disabled = true;
    say(box.getAttribute('data-wait-text'), 'muted');
    fetch(button.getAttribute('formaction'), {
      method: 'POST', body: new FormData(button.form), credentials: 'same-origin',
      headers: {'X-Requested-With': 'fetch'}
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      if (response.ok && type.indexOf('application/pdf') === 0) {
        return response.blob().then(function (blob) { showPdf(blob, tab); });
      }
      if (tab) tab.close();
      if (response.status !== 422) throw new Error(String(response.status));
      // our own fragment (the refusal, escaped by the server)
      return response.text().then(function (html) { result.innerHTML = html; });
    }).catch(function () {
      if (tab) tab.close();
      say(box.getAttribute('data-failed-text'), 'danger');
    }).then(function () { button.disabled = false; });
  });
  box.setAttribute('data-ready', '1');
})();
