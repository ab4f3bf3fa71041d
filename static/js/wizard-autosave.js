/* Autosave for the wizard's step forms (#wizard-form): what is typed is posted to the same
   step (nav=autosave, saved as typed, no checks) a moment after the last keystroke. Leaving
   through a link first finishes that save; closing or reloading the page sends it with
   navigator.sendBeacon and, while something is still unsaved, the browser asks before
   leaving. The server decides what is stored, exactly as for Kembali.
   The status line (#autosave-status) shows every state as it comes; screen readers hear,
   through the polite live region #autosave-announce, only what changes the picture: the
   first save, a save that failed, and the save that works again after a failure, never
   the same text twice in a row, so typing is not talked over after every pause. */
(function () {
  'use strict';
  var form = document.getElementById('wizard-form');
  var box = document.getElementById('autosave-status');
  if (!form || !box || form.dataset.autosave === 'off') { return; }
  var text = box.querySelector('[data-autosave-text]');
  var live = document.getElementById('autosave-announce');
  var announced = '';
  var everSaved = false;
  var navName = form.querySelector('[name="_nav"]') ? '_nav' : 'nav';
  var token = (form.querySelector('input[name=csrf_token]') || {}).value || '';
  var url = form.getAttribute('action') || window.location.href;
  var DELAY = 1200;
  var dirty = false;
  var timer = null;
  var pending = null;
  var submitting = false;

  function say(message) { text.textContent = message; }
  function announce(message) {
    if (!live || message === announced) { return; }
    announced = message;
    live.textContent = message;
  }
  function payload() {
    var data = new FormData(form);
    data.set(navName, 'autosave');
    return data;
  }
  function save() {
    clearTimeout(timer);
    if (!dirty) { return pending || Promise.resolve(true); }
    dirty = false;
    say(box.dataset.saving);
    form.dataset.autosave = 'saving';
    pending = fetch(url, {
      method: 'POST', body: payload(), credentials: 'same-origin',
      headers: { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json', 'X-CSRFToken': token }
    }).then(function (r) { return r.ok ? r.json() : Promise.reject(r); })
      .then(function (answer) {
        if (!dirty) {  // typed on meanwhile: the next save speaks
          var saved = box.dataset.saved.replace('{t}', answer.at);
          say(saved);
          form.dataset.autosave = 'saved';
          if (!everSaved || announced === box.dataset.failed) { announce(saved); }
          everSaved = true;
        }
        return true;
      })
      .catch(function () {
        dirty = true;
        say(box.dataset.failed);
        form.dataset.autosave = 'failed';
        announce(box.dataset.failed);
        return false;
      });
    return pending;
  }
  function changed(event) {
    if (event.target && event.target.hasAttribute('data-doc-file')) { return; }  // uploads save themselves
    dirty = true;
    form.dataset.autosave = 'dirty';
    say(box.dataset.dirty);
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  // Kembali/Lanjut while an autosave is on its way: send after it, not beside it
  form.addEventListener('submit', function (event) {
    clearTimeout(timer);
    if (form.dataset.autosave === 'saving' && pending && !submitting) {
      event.preventDefault();
      var submitter = event.submitter;
      pending.then(function () {
        submitting = true;
        if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
      });
      return;
    }
    submitting = true;
  });

  // links (sidebar, step bar, menu) wait for the save of what was just typed
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[href]');
    if (!link || !dirty || submitting || event.defaultPrevented || link.target === '_blank' ||
        event.ctrlKey || event.metaKey || event.shiftKey || link.origin !== window.location.origin ||
        link.getAttribute('href').charAt(0) === '#') { return; }
    event.preventDefault();
    save().then(function (ok) {
      if (ok || window.confirm(box.dataset.leave)) { window.location.href = link.href; }
    });
  });
  // closing, reloading, typing another address: send what is unsaved, and ask
  window.addEventListener('beforeunload', function (event) {
    if (!dirty || submitting) { return; }
    if (navigator.sendBeacon) { navigator.sendBeacon(url, payload()); }
    event.preventDefault();
    event.returnValue = '';
  });
})();
