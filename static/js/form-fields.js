// Form-engine widgets (templates/forms/_fields.html): a geopoint's two inputs posted as one
// "lat,lng" value, a lookup's search box narrowing its list, repeating groups adding and
// removing rows. Each change re-applies the form's visible_if/required_if conditions.
(function () {
  'use strict';
  function refresh(el) {
    var form = el.closest('form');
    if (form && window.EptspConditions) window.EptspConditions.apply(form);
  }
  // geopoint: two visible inputs, one posted "lat,lng" value
  document.querySelectorAll('[data-geopoint]').forEach(function (box) {
    var lat = box.querySelector('[data-geo=lat]'), lng = box.querySelector('[data-geo=lng]');
    var out = box.querySelector('input[type=hidden]');
    function sync() {
      out.value = lat.value.trim() && lng.value.trim() ? lat.value.trim() + ',' + lng.value.trim() : '';
      refresh(box);
    }
    lat.addEventListener('input', sync);
    lng.addEventListener('input', sync);
  });
  // lookup: a search box narrowing a long list of options
  document.querySelectorAll('[data-filter-select]').forEach(function (input) {
    var select = document.getElementById(input.getAttribute('data-filter-select'));
    input.addEventListener('input', function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (o) {
        var text = o.text.toLowerCase();
        o.hidden = o.value !== '' && !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    });
  });
  // repeating groups: add a row by copying the last one (inputs emptied), remove a row
  function firstControl(row) {
    return row.querySelector('input:not([type=hidden]),select,textarea') || row;
  }
  function renumber(box) {
    box.querySelectorAll(':scope > [data-group-row]').forEach(function (row, i) {
      row.querySelectorAll('[data-row-number]').forEach(function (n) { n.textContent = i + 1; });
    });
    var add = box.parentElement.querySelector('[data-add-row="' + box.getAttribute('data-group') + '"]');
    var max = parseInt(box.getAttribute('data-max-rows') || '0', 10);
    if (add) add.disabled = max > 0 && box.querySelectorAll(':scope > [data-group-row]').length >= max;
  }
  document.querySelectorAll('[data-add-row]').forEach(function (button) {
    var box = button.parentElement.querySelector('[data-group="' + button.getAttribute('data-add-row') + '"]');
    var name = box.getAttribute('data-group');
    renumber(box);
    button.addEventListener('click', function () {
      var rows = box.querySelectorAll(':scope > [data-group-row]');
      if (!rows.length) return;
      var used = Array.prototype.map.call(rows, function (r) {
        return parseInt(r.getAttribute('data-row-prefix').slice(name.length + 1), 10);
      });
      var next = Math.max.apply(null, used) + 1;
      var last = rows[rows.length - 1], copy = last.cloneNode(true);
      var from = last.getAttribute('data-row-prefix'), to = name + '-' + next + '-';
      copy.setAttribute('data-row-prefix', to);
      copy.setAttribute('aria-labelledby', to + copy.getAttribute('aria-labelledby').slice(from.length));
      copy.querySelectorAll('[name],[id],[for],[aria-labelledby]').forEach(function (el) {
        ['name', 'id', 'for', 'aria-labelledby'].forEach(function (a) {
          var v = el.getAttribute(a);
          if (v && v.indexOf(from) === 0) el.setAttribute(a, to + v.slice(from.length));
        });
      });
      copy.querySelectorAll('input,select,textarea').forEach(function (el) {
        if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
        else if (el.tagName === 'SELECT') el.selectedIndex = 0;
        else el.value = '';
        el.classList.remove('is-invalid');
        el.removeAttribute('aria-invalid');
      });
      copy.querySelectorAll('.invalid-feedback').forEach(function (el) { el.remove(); });
      // the new row's controls keep their own hints (date format, help line), renamed with the
      // row; the copied row's error messages are gone, and so are the ids that named them
      copy.querySelectorAll('[aria-describedby]').forEach(function (el) {
        var ids = el.getAttribute('aria-describedby').split(/\s+/).filter(Boolean).map(function (id) {
          return id.indexOf(from) === 0 ? to + id.slice(from.length) : id;
        }).filter(function (id) { return copy.querySelector('[id="' + id + '"]'); });
        if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
        else el.removeAttribute('aria-describedby');
      });
      box.appendChild(copy);
      renumber(box);
      refresh(box);
      // keyboard and screen-reader users go on in the new row ("<group> · Baris n")
      firstControl(copy).focus();
    });
    box.addEventListener('click', function (event) {
      var remove = event.target.closest('[data-remove-row]');
      if (!remove) return;
      var rows = box.querySelectorAll(':scope > [data-group-row]');
      var row = remove.closest('[data-group-row]');
      // focus goes to the row before (or the one now first), not lost with the removed button
      var stays = row;
      if (rows.length > 1) {
        stays = row.previousElementSibling || row.nextElementSibling;
        row.remove();
      } else row.querySelectorAll('input,select,textarea').forEach(function (el) {
        if (el.type === 'checkbox' || el.type === 'radio') el.checked = false; else el.value = '';
      });
      renumber(box);
      refresh(box);
      firstControl(stays).focus();
    });
  });
})();
