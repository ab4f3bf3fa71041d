// A switch that shows or hides a section: <input type="checkbox" data-toggle-section="id">.
(function () {
  'use strict';
  document.querySelectorAll('[data-toggle-section]').forEach(function (box) {
    box.addEventListener('change', function () {
      var section = document.getElementById(box.getAttribute('data-toggle-section'));
      if (section) section.hidden = !box.checked;
    });
  });
})();
