/* File Saya: the upload dialog and the delete confirmation.

   Upload: extension and size are checked here first for a fast answer, then the form is sent
   by XHR so a progress bar can follow the bytes; the server checks everything again (content
   too) and answers JSON. Without JavaScript the same form posts normally.
   Delete: the dialog gets the file's name and address from the clicked "Hapus" link. */
(function () {
  'use strict';

  var form = document.querySelector('[data-upload-form]');
  if (form) setUpUpload(form);
  var deleteModal = document.getElementById('delete-modal');
  if (deleteModal) {
    deleteModal.addEventListener('show.bs.modal', function (event) {
      var link = event.relatedTarget;
      if (!link) return;
      deleteModal.querySelector('form').action = link.dataset.deleteUrl;
      deleteModal.querySelector('[data-delete-name]').textContent = link.dataset.fileName;
    });
  }

  function setUpUpload(form) {
    var fileInput = form.querySelector('input[type=file]');
    var nameInput = form.querySelector('input[name=name]');
    var error = form.querySelector('[data-error-for=file]');
    var status = form.querySelector('[role=status]');
    var progress = form.querySelector('.progress');
    var bar = progress.querySelector('.progress-bar');
    var submit = form.querySelector('[type=submit]');
    var formats = (form.dataset.formats || '').split(',').filter(Boolean);
    var maxMb = parseFloat(form.dataset.maxMb || '0');
    var modal = form.closest('.modal');
    var xhr = null;
    var t = window.eptspTexts('upload');

    function showError(text) {
      fileInput.classList.toggle('is-invalid', !!text);
      error.textContent = text || '';
      error.classList.toggle('d-block', !!text);
    }
    function setProgress(percent) {
      bar.style.width = percent + '%';
      bar.textContent = percent + '%';
      progress.setAttribute('aria-valuenow', String(percent));
    }
    function reset() {
      if (xhr) { xhr.abort(); xhr = null; }
      progress.hidden = true;
      setProgress(0);
      status.textContent = '';
      status.className = 'small mt-2';
      submit.disabled = false;
      showError('');
    }
    function precheck(file) {
      return window.eptspUploadRules.problem(file, formats, maxMb);
    }
    function failed(text) {
      xhr = null;
      progress.hidden = true;
      submit.disabled = false;
      status.textContent = '';
      showError(text);
    }

    fileInput.addEventListener('change', function () {
      reset();
      var problem = precheck(fileInput.files[0]);
      if (problem) showError(problem);
      else if (nameInput && !nameInput.value.trim()) {
        nameInput.value = fileInput.files[0].name.replace(/\.[^.]+$/, '');
      }
    });
    if (modal) modal.addEventListener('hidden.bs.modal', function () { reset(); form.reset(); });

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (xhr) return;
      var file = fileInput.files[0];
      var problem = precheck(file);
      if (problem) { showError(problem); fileInput.focus(); return; }
      showError('');
      submit.disabled = true;
      progress.hidden = false;
      setProgress(0);
      status.className = 'small mt-2 text-muted';
      status.textContent = t('uploading', { name: file.name });
      xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) setProgress(Math.min(99, Math.floor(100 * e.loaded / e.total)));
      });
      xhr.addEventListener('load', function () {
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (err) { answer = {}; }
        if (xhr.status === 200 && answer.uid) {
          xhr = null;
          setProgress(100);
          bar.classList.remove('progress-bar-animated');
          bar.classList.add('bg-success');
          status.className = 'small mt-2 text-success fw-semibold';
          status.textContent = t('uploaded', { name: answer.name }) + ' (' + answer.size_text + ')';
          setTimeout(function () { window.location.assign(answer.list_url); }, 1000);
        } else if (answer.error) {
          failed(answer.error);
        } else if (xhr.status === 413) {
          failed(t('size', { limit: window.eptspUploadRules.mb(maxMb, maxMb % 1 ? 1 : 0) }));
        } else if (xhr.status === 400) {
          failed(t('expired'));
        } else if (xhr.status === 429) {
          failed(t('too_many'));
        } else {
          failed(t('failed', { code: xhr.status }));
        }
      });
      xhr.addEventListener('error', function () {
        failed(t('offline'));
      });
      xhr.send(new FormData(form));
    });
  }
})();
