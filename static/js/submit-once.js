// Validasi Data: a second click while the submission is on its way sends nothing more.
(function () {
  'use strict';
  var form = document.getElementById('review-form');
  if (!form) return;
  form.addEventListener('submit', function () {
    var button = document.getElementById('wizard-submit');
    setTimeout(function () { button.disabled = true; }, 0);
  });
})();
