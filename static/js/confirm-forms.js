// Forms with data-confirm ask before they are sent (account actions that end sessions).
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var form = event.target.closest('form[data-confirm]');
    if (form && !window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
  });
  document.body.setAttribute('data-confirm-ready', '1');
})();
