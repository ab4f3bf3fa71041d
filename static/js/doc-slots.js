/* Requirement upload slots of the wizard: pick a file from File Saya, or upload a new one with
   a progress bar straight into the slot (the server applies that requirement's formats and
   size limit; the checks here only answer faster). */
(function () {
  'use strict';
  var form = document.getElementById('wizard-form');
  if (!form) return;
  var token = (form.querySelector('input[name=csrf_token]') || {}).value || '';
  var t = window.eptspTexts('upload');
  function say(slot, text, ok) {
    var status = slot.querySelector('[data-doc-status]');
    status.textContent = text;
    status.className = 'small mt-1 ' + (ok ? 'text-success' : 'text-danger');
  }
  // file fields of the permit's form answer a requirement too: give them the same controls
  var uploads = {};
  try { uploads = JSON.parse(form.dataset.fileUploads || '{}'); } catch (err) { uploads = {}; }
  Object.keys(uploads).forEach(function (key) {
    var wrapper = form.querySelector('[data-field="' + key + '"]');
    if (!wrapper) return;
    var rule = uploads[key];
    wrapper.setAttribute('data-doc-slot', key);
    wrapper.dataset.uploadUrl = rule.url;
    wrapper.dataset.formats = (rule.formats || []).join(',');
    wrapper.dataset.maxMb = rule.max_mb || '';
    var label = document.createElement('label');
    label.className = 'btn btn-sm btn-outline-primary mt-1 doc-upload';
    label.innerHTML = '<i class="bi bi-upload" aria-hidden="true"></i> ';
    label.appendChild(document.createTextNode(t('new')));
    // the button names the field it uploads for; visually hidden (not display: none) keeps
    // the file input in the tab order
    var named = document.createElement('span');
    named.className = 'visually-hidden';
    named.textContent = ': ' + (wrapper.querySelector('.form-label') || {textContent: ''}).textContent.trim();
    label.appendChild(named);
    var input = document.createElement('input');
    input.type = 'file';
    input.className = 'visually-hidden';
    input.setAttribute('data-doc-file', '');
    input.accept = (rule.formats || []).map(function (f) { return '.' + f; }).join(',');
    label.appendChild(input);
    var bar = document.createElement('div');
    bar.className = 'progress mt-2';
    bar.hidden = true;
    bar.innerHTML = '<div class="progress-bar" style="width: 0%"></div>';
    var status = document.createElement('div');
    status.className = 'small mt-1';
    status.setAttribute('data-doc-status', '');
    status.setAttribute('role', 'status');
    var select = wrapper.querySelector('select');
    select.parentNode.insertBefore(label, select.nextSibling);
    label.parentNode.insertBefore(bar, label.nextSibling);
    bar.parentNode.insertBefore(status, bar.nextSibling);
  });
  // a file field whose document the verifier marked invalid says so, like an upload slot
  var flags = {};
  try { flags = JSON.parse(form.dataset.fieldFlags || '{}'); } catch (err) { flags = {}; }
  Object.keys(flags).forEach(function (key) {
    var wrapper = form.querySelector('[data-field="' + key + '"]');
    if (!wrapper) return;
    wrapper.classList.add('border', 'border-warning', 'bg-warning-subtle', 'rounded', 'p-2');
    var note = document.createElement('div');
    note.className = 'small text-danger mt-1';
    note.setAttribute('data-revision-flag', '');
    note.textContent = t('to_fix', { note: flags[key] });
    wrapper.appendChild(note);
  });
  document.querySelectorAll('[data-doc-slot]').forEach(function (slot) {
    var input = slot.querySelector('[data-doc-file]');
    var select = slot.querySelector('select');
    var progress = slot.querySelector('.progress');
    var bar = progress.querySelector('.progress-bar');
    input.addEventListener('change', function () {
      var file = input.files[0];
      if (!file) return;
      var formats = (slot.dataset.formats || '').split(',').filter(Boolean);
      var max = parseFloat(slot.dataset.maxMb || '0');
      input.value = '';
      var problem = window.eptspUploadRules.problem(file, formats, max);
      if (problem) {
        say(slot, problem, false);
        return;
      }
      var data = new FormData();
      data.append('file', file);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', slot.dataset.uploadUrl);
      xhr.setRequestHeader('X-CSRFToken', token);
      xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
      xhr.setRequestHeader('Accept', 'application/json');
      progress.hidden = false;
      bar.style.width = '0%';
      say(slot, t('uploading', { name: file.name }), true);
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) bar.style.width = Math.round(100 * e.loaded / e.total) + '%';
      });
      xhr.addEventListener('load', function () {
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (err) { answer = {}; }
        if (xhr.status === 200 && answer.uid) {
          bar.style.width = '100%';
          var option = new Option(answer.name + ' (.' + answer.ext + ')', answer.uid, true, true);
          select.add(option);
          select.value = answer.uid;
          select.dispatchEvent(new Event('change', { bubbles: true }));  // autosave keeps it
          select.classList.remove('is-invalid');
          say(slot, t('uploaded', { name: answer.name }), true);
        } else {
          progress.hidden = true;
          say(slot, answer.error || t('failed', { code: xhr.status }), false);
        }
      });
      xhr.addEventListener('error', function () {
        progress.hidden = true;
        say(slot, t('offline'), false);
      });
      xhr.send(data);
    });
  });
  // a second click while the first submission is on its way sends nothing more
  form.addEventListener('submit', function () {
    setTimeout(function () {
      form.querySelectorAll('[data-once]').forEach(function (b) { b.disabled = true; });
    }, 0);
  });
})();
