/* Date fields read and are typed dd/mm/yyyy, whatever language the browser runs in (a native
   date input follows the browser's locale, often mm/dd/yyyy). Each <input type=date> becomes
   a text box for people and a hidden ISO value for the server, so the server's checks and
   what it stores do not change; yyyy-mm-dd pasted is accepted too. Without
   JavaScript the native date input stays. A form field's format is told in words by its
   hint (templates/forms/_parts.html, date_format, tied by aria-describedby, which this box
   keeps) and the placeholder repeats that hint's data-date-format; a box without such a
   hint (the console's filters) speaks the page's language (<html lang>): hh/bb/tttt
   (hari/bulan/tahun) in Indonesian, dd/mm/yyyy in English. */
(function () {
  'use strict';
  // the page's language, Indonesian unless the page says English (the UI's default)
  var PLACEHOLDER = /^en\b/i.test(document.documentElement.lang || '') ? 'dd/mm/yyyy'
    : 'hh/bb/tttt';
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function toIso(text) {
    var v = text.trim();
    var m = /^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/.exec(v);
    if (m) {
      var d = Number(m[1]), mo = Number(m[2]), y = Number(m[3]);
      var date = new Date(Date.UTC(y, mo - 1, d));
      if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
        return y + '-' + pad(mo) + '-' + pad(d);
      }
      return v;  // not a calendar date: the server says so
    }
    return v;  // yyyy-mm-dd (or anything else) goes as typed
  }
  function toDmy(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? m[3] + '/' + m[2] + '/' + m[1] : (iso || '');
  }
  // the format the field's own hint names, if it has one
  function hinted(input) {
    var ids = (input.getAttribute('aria-describedby') || '').split(/\s+/);
    for (var i = 0; i < ids.length; i++) {
      var hint = ids[i] && document.getElementById(ids[i]);
      if (hint && hint.dataset.dateFormat) { return hint.dataset.dateFormat; }
    }
    return '';
  }
  function enhance(input) {
    if (input.dataset.dmy) { return; }
    var visible = document.createElement('input');
    visible.type = 'text';
    visible.inputMode = 'numeric';
    visible.autocomplete = input.autocomplete || 'off';
    visible.placeholder = hinted(input) || PLACEHOLDER;
    visible.className = input.className;
    visible.id = input.id;
    visible.value = toDmy(input.value);
    visible.dataset.dmy = 'text';
    ['required', 'disabled', 'readonly', 'aria-describedby', 'aria-invalid', 'aria-required',
     'aria-label', 'title'].forEach(function (name) {
      if (input.hasAttribute(name)) { visible.setAttribute(name, input.getAttribute(name)); }
    });
    input.removeAttribute('id');
    input.type = 'hidden';
    input.dataset.dmy = 'iso';
    input.parentNode.insertBefore(visible, input);
  }
  // 15051990 -> 15/05/1990 as it is typed. A separator typed right after an added slash
  // counts once, so 15/05/1990, 15-05-1990 and 15.05.1990 typed key by key all read
  // 15/05/1990.
  function autoSlash(value) {
    if (/^\d{2}$|^\d{2}\/\d{2}$/.test(value)) { value += '/'; }
    return value.replace(/\/[\/.\-]+/g, '/');
  }
  // delegated, so rows a repeating group copies keep working
  function pair(visible) {
    var hidden = visible.nextElementSibling;
    return hidden && hidden.dataset.dmy === 'iso' ? hidden : null;
  }
  document.addEventListener('input', function (event) {
    var visible = event.target;
    if (!visible.dataset || visible.dataset.dmy !== 'text') { return; }
    if (event.inputType && event.inputType.indexOf('delete') !== 0) {
      var typed = autoSlash(visible.value);
      if (typed !== visible.value) { visible.value = typed; }
    }
    var hidden = pair(visible);
    if (hidden) { hidden.value = toIso(visible.value); }
  }, true);
  document.addEventListener('change', function (event) {
    var visible = event.target;
    if (!visible.dataset || visible.dataset.dmy !== 'text') { return; }
    var hidden = pair(visible);
    if (hidden) {
      hidden.value = toIso(visible.value);
      hidden.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }, true);
  function run(root) { (root || document).querySelectorAll('input[type=date]').forEach(enhance); }
  run();
  window.EptspDates = { enhance: run };
})();
