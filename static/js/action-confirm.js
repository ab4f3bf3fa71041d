// The staff detail screen's confirmation: a button with data-confirm opens Bootstrap's modal
// (#confirm-dialog) and the form is sent only after "Ya, lanjutkan". Loaded synchronously
// right after the dialog, while the page is still loading, so that no button can be pressed
// before it asks: an action clicked before scripts at the end had run went through
// unconfirmed. Texts come from the dialog's data-* attributes (translated by the template).
// Once confirmed, the form is on its way: its buttons are disabled (the pressed one says so)
// and any further submission is dropped, so a second press while a slow action (signing
// takes seconds) is sent neither repeats it unasked nor sends another action unconfirmed.
(function () {
  'use strict';
  var pending = null;
  var confirmed = false;
  var dialog = document.getElementById('confirm-dialog');
  if (!dialog) return;
  function ask(text, extra, onOk) {
    document.getElementById('confirm-text').textContent = text;
    document.getElementById('confirm-extra').textContent = extra || '';
    pending = onOk;
    confirmed = false;
    if (window.bootstrap && bootstrap.Modal) { bootstrap.Modal.getOrCreateInstance(dialog).show(); }
    else if (window.confirm(text)) { onOk(); }
  }
  // Bootstrap ignores hide() while the dialog is still opening: "Ya, lanjutkan" pressed
  // that early (a quick hand, a slow machine) left it open over the page being sent
  dialog.addEventListener('shown.bs.modal', function () {
    if (confirmed) bootstrap.Modal.getOrCreateInstance(dialog).hide();
  });
  document.getElementById('confirm-ok').addEventListener('click', function () {
    var run = pending; pending = null;
    confirmed = true;
    if (window.bootstrap && bootstrap.Modal) bootstrap.Modal.getOrCreateInstance(dialog).hide();
    if (run) run();
  });
  function sending(form, button) {
    form.dataset.sending = '1';
    form.querySelectorAll('button[type=submit], button:not([type])').forEach(function (b) {
      b.disabled = true;
    });
    if (button && dialog.dataset.sendingText) {
      button.textContent = dialog.dataset.sendingText;
    }
  }
  document.addEventListener('submit', function (event) {
    var form = event.target, button = event.submitter;
    if (form.dataset.sending === '1') { event.preventDefault(); return; }
    if (!button || !button.dataset.confirm) return;
    event.preventDefault();
    var extra = '';
    if (button.dataset.action) {
      var invalid = document.querySelectorAll('input[form="action-form"][value="invalid"]:checked').length;
      var note = (document.getElementById('note') || {}).value || '';
      extra = (button.dataset.label || '') +
        (invalid ? ' · ' + invalid + ' ' + dialog.dataset.invalidText : '') +
        (note.trim() ? ' · ' + dialog.dataset.noteText : '');
    }
    ask(button.dataset.confirm, extra, function () {
      if (button.name) {
        var hidden = document.createElement('input');
        hidden.type = 'hidden'; hidden.name = button.name; hidden.value = button.value;
        form.appendChild(hidden);
      }
      sending(form, button);
      form.submit();
    });
  });
  // a page brought back from the browser's history cache shows the case as it was: load it
  // again (its state and buttons) rather than offer the disabled, already-sent form
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && document.querySelector('form[data-sending]')) window.location.reload();
  });
})();
