// The staff detail screen: the document preview (first document loaded when it scrolls into
// view, others on click), the verdict toggles' "active" look and the note's character count
// (the limit is the service's, review.NOTE_MAX, given as the box's maxlength).
(function () {
  'use strict';
  var preview = document.getElementById('doc-preview');
  function loadFirst() {
    ['doc-frame', 'doc-image'].forEach(function (id) {
      var el = document.getElementById(id);
      if (el && el.dataset.src && !el.getAttribute('src')) el.setAttribute('src', el.dataset.src);
    });
  }
  if (preview && 'IntersectionObserver' in window) {
    var watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { loadFirst(); watcher.disconnect(); }
    });
    watcher.observe(preview);
  } else { loadFirst(); }
  document.querySelectorAll('[data-preview]').forEach(function (button) {
    button.addEventListener('click', function () {
      var frame = document.getElementById('doc-frame'), image = document.getElementById('doc-image');
      var pdf = button.dataset.previewKind === 'pdf';
      frame.classList.toggle('d-none', !pdf); image.classList.toggle('d-none', pdf);
      frame.dataset.src = image.dataset.src = '';
      if (pdf) { frame.src = button.dataset.preview; } else { image.src = button.dataset.preview; image.alt = button.dataset.previewTitle; }
      document.getElementById('doc-preview-title').textContent = button.dataset.previewTitle;
      document.querySelectorAll('#document-list .list-group-item').forEach(function (item) { item.classList.remove('active-doc'); });
      button.closest('.list-group-item').classList.add('active-doc');
    });
  });

  // verdict toggles (radio inside its label): keep the "active" look in step with the choice
  document.querySelectorAll('.verdict input[type=radio]').forEach(function (radio) {
    radio.addEventListener('change', function () {
      radio.closest('.btn-group').querySelectorAll('label').forEach(function (label) {
        label.classList.toggle('active', label.contains(radio) ? radio.checked : false);
      });
    });
  });
  var note = document.getElementById('note'), noteCount = document.getElementById('note-count');
  if (note && noteCount) {
    var showCount = function () {
      var max = Number(note.getAttribute('maxlength')), n = note.value.length;
      noteCount.textContent = noteCount.dataset.template.replace('{n}', n);
      noteCount.classList.toggle('text-danger', n >= max);
    };
    note.addEventListener('input', showCount);
    showCount();
  }
})();
