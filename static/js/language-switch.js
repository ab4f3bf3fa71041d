// Switching the language (ID | EN in the top bar, English / Bahasa Indonesia in the phone
// menu) reloads the page through /bahasa/<locale>: what a visitor had typed into a form was
// gone. The links stay plain links (they work without scripts); with this script, the values
// changed in the page's forms travel along in this tab's sessionStorage and are put back
// into the same fields when the same page comes back in the other language. Never carried:
// passwords, files, hidden fields (CSRF) other than a date's value (date-dmy.js keeps it in
// a hidden input beside the text box people type in), the captcha (a new image comes with
// the page). A list that is filled only after another choice (the region cascade) gets its
// value when its options arrive.
(function () {
  'use strict';
  var KEY = 'eptsp-typed-across-language';
  var SKIP_TYPES = { password: 1, file: 1, hidden: 1, submit: 1, button: 1, reset: 1, image: 1 };

  function isDate(el) { return el.type === 'hidden' && el.dataset.dmy === 'iso'; }

  function carried(el) {
    return el.name && !el.disabled && (!SKIP_TYPES[el.type] || isDate(el)) &&
      el.name !== 'captcha';
  }

  function changed(el) {
    if (isDate(el)) return el.value !== '';
    if (el.type === 'checkbox' || el.type === 'radio') return el.checked !== el.defaultChecked;
    if (el.tagName === 'SELECT') {
      return Array.prototype.some.call(el.options, function (o) {
        return o.selected !== o.defaultSelected;
      });
    }
    return el.value !== el.defaultValue;
  }

  function valueOf(el) {
    if (el.type === 'checkbox' || el.type === 'radio') return el.checked;
    if (el.tagName === 'SELECT' && el.multiple) {
      return Array.prototype.filter.call(el.options, function (o) { return o.selected; })
        .map(function (o) { return o.value; });
    }
    return el.value;
  }

  function typedValues() {
    var found = [];
    Array.prototype.forEach.call(document.forms, function (form, index) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!carried(el) || !changed(el)) return;
        found.push({ form: form.id || String(index), name: el.name,
                     option: (el.type === 'checkbox' || el.type === 'radio') ? el.value : null,
                     value: valueOf(el) });
      });
    });
    return found;
  }

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }

  // a cascaded list is emptied by its parent's change and filled when the answer comes
  function whenListed(el, value) {
    var watch = new MutationObserver(function () {
      if (!hasOption(el, value)) return;
      watch.disconnect();
      put(el, value);
    });
    watch.observe(el, { childList: true });
    setTimeout(function () { watch.disconnect(); }, 10000);
  }

  function put(el, value) {
    if (el.tagName === 'SELECT' && !el.multiple && value !== '' && !hasOption(el, value)) {
      whenListed(el, value);
      return;
    }
    if (isDate(el)) {  // the text box beside it shows the date as people write it
      var shown = el.previousElementSibling;
      var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (shown && shown.dataset.dmy === 'text' && parts) {
        shown.value = parts[3] + '/' + parts[2] + '/' + parts[1];
      }
    }
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = value;
    else if (el.tagName === 'SELECT' && el.multiple) {
      Array.prototype.forEach.call(el.options, function (o) {
        o.selected = value.indexOf(o.value) !== -1;
      });
    } else el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function restore() {
    var saved;
    try {
      saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      sessionStorage.removeItem(KEY);
    } catch (e) { return; }
    if (!saved || saved.path !== window.location.pathname) return;
    saved.fields.forEach(function (f) {
      var form = document.getElementById(f.form) || document.forms[Number(f.form)];
      if (!form) return;
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name !== f.name || !carried(el)) return;
        if (f.option !== null && el.value !== f.option) return;
        put(el, f.value);
      });
    });
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-language-switch]');
    if (!link) return;
    var fields = typedValues();
    if (!fields.length) return;
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ path: window.location.pathname,
                                                  fields: fields }));
    } catch (e) { /* storage refused: the page still switches, as without scripts */ }
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', restore);
  else restore();
})();
