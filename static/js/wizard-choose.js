// Wizard step 1: a choice made before htmx was ready still updates the page, and keyboard
// users keep their place on the select they used when the swap replaces the selects.
(function () {
  'use strict';
  var form = document.getElementById('choose-form');
  if (!form) return;
  var changed = Array.prototype.some.call(form.querySelectorAll('select'), function (s) {
    return s.selectedOptions.length && !s.selectedOptions[0].defaultSelected;
  });
  if (changed && window.htmx) window.htmx.trigger(form, 'change');
  var focused = null;
  form.addEventListener('htmx:beforeSwap', function () {
    focused = document.activeElement && document.activeElement.id;
  });
  form.addEventListener('htmx:afterSwap', function () {
    var again = focused && document.getElementById(focused);
    if (again) { again.focus(); }
  });
})();
