/* The texts a page's scripts show, in the reader's language, from the JSON block the server
   renders (app/script_texts.py): eptspTexts('upload')('size', {limit: '2 MB'}) fills the
   text's {limit}. A text the page did not hand over reads as its key. */
(function () {
  'use strict';
  var all = null;
  window.eptspTexts = function (group) {
    if (all === null) {
      var box = document.getElementById('script-texts');
      try { all = box ? JSON.parse(box.textContent) : {}; } catch (err) { all = {}; }
    }
    var texts = all[group] || {};
    return function (key, values) {
      var text = texts[key];
      if (text === undefined || text === null) return key;
      if (typeof text !== 'string' || !values) return text;
      return text.replace(/\{(\w+)\}/g, function (whole, name) {
        return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
      });
    };
  };
})();
