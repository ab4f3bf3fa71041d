// Staff console on Bootstrap 5. Flask-Admin's own model screens (Kotak Keluar list and
// details) are written for Bootstrap 4: their dropdowns and dismiss buttons say
// data-toggle / data-target / data-dismiss. Bootstrap 5 listens for data-bs-*, so copy the
// attributes over (the old ones stay for Flask-Admin's scripts). Our own templates already
// use data-bs-*.
(function () {
  'use strict';
  var NAMES = ['toggle', 'target', 'dismiss'];

  function upgrade(root) {
    NAMES.forEach(function (name) {
      var old = 'data-' + name, bs = 'data-bs-' + name;
      if (root.nodeType === 1 && root.hasAttribute(old) && !root.hasAttribute(bs)) {
        root.setAttribute(bs, root.getAttribute(old));
      }
      (root.querySelectorAll ? root.querySelectorAll('[' + old + ']') : []).forEach(function (el) {
        if (!el.hasAttribute(bs)) el.setAttribute(bs, el.getAttribute(old));
      });
    });
  }

  // Behaviour our templates ask for by attribute (no inline handlers, for a strict CSP):
  // <select data-autosubmit> submits its form when changed (<form data-confirm> is
  // confirm-submit.js's, loaded on every page).
  function behaviours() {
    document.addEventListener('change', function (event) {
      var el = event.target;
      if (el.hasAttribute && el.hasAttribute('data-autosubmit') && el.form) el.form.submit();
    });
  }

  function start() {
    upgrade(document);
    // Flask-Admin's filter script adds rows later; keep them in step
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) { if (node.nodeType === 1) upgrade(node); });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  // Flask-Admin's filter script calls $(...).tooltip() as soon as it runs (a Bootstrap 4
  // jQuery plugin). Bootstrap 5 adds its jQuery plugins only at DOMContentLoaded, after the
  // page's scripts, so bridge the few plugin calls until then (model screens load jQuery).
  if (window.jQuery && window.bootstrap) {
    [['tooltip', 'Tooltip'], ['dropdown', 'Dropdown'], ['modal', 'Modal'], ['collapse', 'Collapse'],
      ['alert', 'Alert']].forEach(function (pair) {
      if (window.jQuery.fn[pair[0]]) return;
      window.jQuery.fn[pair[0]] = function (config) {
        return this.each(function () {
          var instance = window.bootstrap[pair[1]].getOrCreateInstance(this, typeof config === 'object' ? config : {});
          if (typeof config === 'string' && typeof instance[config] === 'function') instance[config]();
        });
      };
    });
  }

  behaviours();
  // Flask-Admin's list screen: its filter menu items and "With selected" actions were
  // javascript: links with onclick= handlers, which the Content-Security-Policy blocks. They
  // are plain links now; the filter script adds the filter on click (its own jQuery handler),
  // the action runs through Flask-Admin's modelActions, and the link itself goes nowhere.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.field-filters a.filter, [data-model-action]');
    if (!link) return;
    event.preventDefault();
    var action = link.getAttribute('data-model-action');
    if (action && window.modelActions) window.modelActions.execute(action);
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
