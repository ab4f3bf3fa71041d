// Wizard step 1: a choice made before htmx was ready still updates the page.
(function () {
  'use strict';
  var form = document.getElementById('choose-form');
  if (!form) return;
  var changed = Array.prototype.some.call(form.querySelectorAll('select'), function (s) {
    return s.selectedOptions.length && !s.selectedOptions[0].defaultSelected;
  });
  if (changed && window.htmx) window.htmx.trigger(form, 'change');
})();
