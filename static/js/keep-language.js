// A page opened with ?_l_=en is shown in that language for that one request (app/i18n.py,
// choose); what its GET forms and htmx requests ask next keeps it: the permit chooser's
// choices, a search. Without this the next page came back in the visitor's own language,
// and an htmx fragment swapped Indonesian into an English page. Loaded in <head> and
// delegated from document, so it holds for every form from the moment it is on the page.
(function () {
  'use strict';
  var lang = new URLSearchParams(window.location.search).get('_l_');
  if (!lang) return;
  // a GET form's submission (and any FormData built from one); POST forms keep their own
  document.addEventListener('formdata', function (event) {
    var form = event.target;
    if (!form || (form.getAttribute('method') || 'get').toLowerCase() !== 'get') return;
    if (!event.formData.has('_l_')) event.formData.append('_l_', lang);
  }, true);
  // htmx GETs (after hx-params chose what to send), so a pushed URL keeps it as well
  document.addEventListener('htmx:configRequest', function (event) {
    var detail = event.detail;
    if (detail.verb !== 'get' || detail.formData.has('_l_')) return;
    detail.parameters['_l_'] = lang;
  });
})();
