/* A page that comes back with errors under its fields (.invalid-feedback[data-error-for] or
   .invalid-feedback.d-block, drawn by templates/_forms.html and templates/forms/_parts.html):
   a screen reader saw only a red border, and focus was left at the top of the page. Here each
   field is tied to its message (aria-invalid, aria-describedby), an error summary with a link
   to each field is put above the form and focused (or the page's own list of errors, marked
   data-error-summary, is focused), and the page title says there are errors.
   The texts come from the <template id="error-summary-template"> in templates/base.html.
   Runs before date-dmy.js, which copies these attributes to the date field it draws. */
(function () {
  'use strict';
  var template = document.getElementById('error-summary-template');
  var main = document.getElementById('main');
  if (!template || !main) { return; }
  var CONTROLS = 'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea';
  var seen = 0;

  function describe(control, id) {
    var ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) < 0) { ids.push(id); }
    control.setAttribute('aria-describedby', ids.join(' '));
    control.setAttribute('aria-invalid', 'true');
  }

  // the field a message belongs to: the first control in its wrapper, and every radio of a
  // radio group (each is announced on its own)
  function controlsOf(message) {
    var wrapper = message.closest('.fs-field, .doc-slot, .mb-3') || message.parentElement;
    var first = wrapper ? wrapper.querySelector(CONTROLS) : null;
    if (!first) { return []; }
    if (first.type === 'radio' || first.type === 'checkbox') {
      return Array.prototype.filter.call(wrapper.querySelectorAll(CONTROLS), function (el) {
        return el.name === first.name;
      });
    }
    return [first];
  }

  function labelOf(control) {
    var wrapper = control.closest('.fs-field, .doc-slot, .mb-3');
    var legend = wrapper && (control.type === 'radio' || control.type === 'checkbox')
      ? wrapper.querySelector('legend, .form-label') : null;
    var label = legend || (control.id && document.querySelector('label[for="' + control.id + '"]'));
    return label ? label.textContent.replace(/\s+/g, ' ').trim() : '';
  }

  function entry(control, message) {
    var item = document.createElement('li');
    var link = document.createElement('a');
    var label = labelOf(control), text = message.textContent.replace(/\s+/g, ' ').trim();
    link.href = '#' + control.id;
    link.textContent = label && text.indexOf(label) < 0 ? label + ': ' + text : text;
    link.addEventListener('click', function (event) {
      event.preventDefault();
      control.focus();
    });
    item.appendChild(link);
    return item;
  }

  var items = [], firstForm = null;
  main.querySelectorAll('.invalid-feedback').forEach(function (message) {
    if (!message.textContent.trim() || !message.getClientRects().length) { return; }
    var controls = controlsOf(message);
    if (!controls.length) { return; }
    if (!message.id) { message.id = 'error-' + (++seen); }
    controls.forEach(function (control) { describe(control, message.id); });
    if (controls[0].id) { items.push(entry(controls[0], message)); }
    firstForm = firstForm || message.closest('form');
  });
  // a page that lists its errors itself (Validasi Data) marks that list data-error-summary
  var own = main.querySelector('[data-error-summary]');
  if (!items.length && !own) { return; }
  document.title = template.getAttribute('data-title').replace('{title}', document.title);
  if (own) {
    own.setAttribute('tabindex', '-1');
    own.focus();
    return;
  }
  var summary = template.content.firstElementChild.cloneNode(true);
  var heading = summary.querySelector('[data-error-count]');
  heading.textContent = heading.textContent.replace('{n}', String(items.length));
  var list = summary.querySelector('ul');
  items.forEach(function (item) { list.appendChild(item); });
  if (firstForm) { firstForm.parentNode.insertBefore(summary, firstForm); }
  else { main.insertBefore(summary, main.firstChild); }
  summary.focus();
})();
