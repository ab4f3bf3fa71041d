/* The checks an upload script makes before sending a file (format and size, as the
   requirement or File Saya allows), worded as the server words its own refusal
   (app/services/files.py, handed over by app/script_texts.py in the reader's language).
   The server checks everything again, content too. Needs texts.js. */
(function () {
  'use strict';
  var english = /^en\b/i.test(document.documentElement.lang || '');

  function mb(value, places) {
    var text = Number(value).toFixed(places);
    return (english ? text : text.replace('.', ',')) + ' MB';
  }

  function accepted(formats) {  // PDF, JPG, PNG: each kind once, jpeg read as jpg
    var seen = [];
    formats.forEach(function (f) {
      var label = (f === 'jpeg' ? 'jpg' : f).toUpperCase();
      if (seen.indexOf(label) < 0) seen.push(label);
    });
    return seen.join(', ');
  }

  window.eptspUploadRules = {
    mb: mb,
    problem: function (file, formats, maxMb) {
      var t = window.eptspTexts('upload');
      if (!file) return t('choose');
      var ext = file.name.indexOf('.') >= 0 ? file.name.split('.').pop().toLowerCase() : '';
      if (ext === 'jpeg' && formats.indexOf('jpeg') < 0) ext = 'jpg';
      if (formats.length && formats.indexOf(ext) < 0) {
        return t('format', { ext: ext || '?', formats: accepted(formats) });
      }
      if (maxMb && file.size > maxMb * 1024 * 1024) {
        var limit = mb(maxMb, maxMb % 1 ? 1 : 0);
        return t('size', { limit: limit }) + ' ' + t('this_file', { size: mb(file.size / 1024 / 1024, 1) });
      }
      if (file.size === 0) return t('empty');
      return '';
    }
  };
})();
