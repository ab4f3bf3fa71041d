// Forms that ask before they are sent: <form data-confirm="Hapus draf ini?">.
// Loaded in <head> (not deferred) and delegated from document, so a form is guarded from the
// moment it is on the page: no inline onsubmit= handlers (the Content-Security-Policy forbids
// them).
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !form.getAttribute || !form.hasAttribute('data-confirm')) return;
    if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
  });
})();
