/* Catalogue console builder: drag-and-drop ordering (the up/down buttons beside each item do
   the same from the keyboard), the condition composer (offers only fields the expression may
   read, writes the expression into its input, where the server checks it as it is typed),
   and the live preview at desktop and phone width. No dependencies. Markup contract:
     <ul data-sortable="s0" data-order-url="..."> <li data-sort-key="key" draggable="true">
     <div data-composer data-scope='[{key,label,type,options,subs}]' data-composer-target="input id">
     <div data-preview> <iframe> + [data-preview-width] buttons, [data-preview-type] select
     <input data-key-from="id of the label input" data-key-fallback="isian"> */
(function () {
  'use strict';
  var csrf = (document.querySelector('meta[name=csrf-token]') || {}).content || '';
  var t = function (key) {
    var box = document.getElementById('builder-texts');
    return box ? (JSON.parse(box.textContent)[key] || key) : key;
  };

  /* ---- ordering by drag and drop ---------------------------------------------------------- */
  function sortable(list) {
    var dragged = null;
    list.addEventListener('dragstart', function (event) {
      dragged = event.target.closest('[data-sort-key]');
      if (!dragged || dragged.parentElement !== list) { dragged = null; return; }
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', dragged.getAttribute('data-sort-key'));
      dragged.classList.add('dragging');
      event.stopPropagation();
    });
    list.addEventListener('dragover', function (event) {
      if (!dragged) return;
      event.preventDefault();
      var over = event.target.closest('[data-sort-key]');
      if (!over || over === dragged || over.parentElement !== list) return;
      var box = over.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });
    list.addEventListener('drop', function (event) {
      if (!dragged) return;
      event.preventDefault();
      event.stopPropagation();
      save(list);
    });
    list.addEventListener('dragend', function () {
      if (dragged) dragged.classList.remove('dragging');
      dragged = null;
    });
  }
  function save(list) {
    var order = Array.prototype.map.call(
      list.querySelectorAll(':scope > [data-sort-key]'),
      function (el) { return el.getAttribute('data-sort-key'); });
    var status = document.getElementById('order-status');
    if (status) status.textContent = t('saving');
    fetch(list.getAttribute('data-order-url'), {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf },
      body: JSON.stringify({ where: list.getAttribute('data-sortable'), order: order })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error || response.status);
        window.location.reload();
      });
    }).catch(function (error) {
      if (status) status.textContent = String(error.message || error);
    });
  }

  /* ---- the condition composer -------------------------------------------------------------- */
  var OPERATORS = {
    choice: [['==', 'is'], ['!=', 'is_not'], ['in', 'one_of']],
    number: [['==', 'eq'], ['!=', 'ne'], ['>', 'gt'], ['>=', 'ge'], ['<', 'lt'], ['<=', 'le']],
    text: [['filled', 'filled'], ['empty', 'empty'], ['==', 'eq'], ['!=', 'ne']],
    boolean: [['true', 'checked'], ['false', 'unchecked']],
    predicate: [['true', 'holds'], ['false', 'fails']]
  };
  var ORDERED = ['number', 'decimal', 'date', 'time', 'datetime'];
  function family(entry) {
    if (entry.type === 'boolean') return 'boolean';
    if (entry.type === 'predicate') return 'predicate';
    if (entry.options && entry.options.length) return 'choice';
    if (ORDERED.indexOf(entry.type) >= 0) return 'number';
    return 'text';
  }
  /* fields, plus what rules may say about repeating groups */
  function entries(scope, rules) {
    var out = [];
    scope.forEach(function (f) {
      if (f.type !== 'group') out.push(f);
      if (!rules || f.type !== 'group') return;
      out.push({ key: 'count(' + f.key + ')', label: t('rows_of') + ' ' + f.label, type: 'number' });
      (f.subs || []).forEach(function (s) {
        out.push({ key: 'unique(' + f.key + '.' + s + ')', type: 'predicate',
                   label: t('unique') + ' ' + f.label + ' › ' + s });
        out.push({ key: 'polygon(' + f.key + '.' + s + ')', type: 'predicate',
                   label: t('polygon') + ' ' + f.label + ' › ' + s });
        out.push({ key: 'area_ha(' + f.key + '.' + s + ')', type: 'decimal',
                   label: t('area') + ' ' + f.label + ' › ' + s });
      });
    });
    return out;
  }
  function quote(value) { return "'" + String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'"; }
  function literal(entry, raw) {
    if (ORDERED.slice(0, 2).indexOf(entry.type) >= 0 && /^-?\d+(\.\d+)?$/.test(raw.trim())) return raw.trim();
    return quote(raw);
  }
  function element(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return el;
  }
  function select(label, pairs) {
    var s = element('select', { 'class': 'form-select form-select-sm', 'aria-label': label });
    pairs.forEach(function (p) { s.appendChild(element('option', { value: p[0] }, [p[1]])); });
    return s;
  }
  function composer(box) {
    var all = entries(JSON.parse(box.getAttribute('data-scope')), box.hasAttribute('data-rules'));
    var rows = element('div', { 'class': 'd-flex flex-column gap-2' });
    var join = select(t('join'), [['and', t('and')], ['or', t('or')]]);
    function addRow() {
      var row = element('div', { 'class': 'd-flex flex-wrap gap-1 align-items-center', 'data-row': '' });
      var field = select(t('field'), all.map(function (e) { return [e.key, e.label + ' (' + e.key + ')']; }));
      var op = select(t('operator'), []);
      var value = element('span', { 'class': 'd-inline-flex gap-1' });
      var remove = element('button', { type: 'button', 'class': 'btn btn-sm btn-outline-danger', 'aria-label': t('remove') }, ['×']);
      function entry() { return all.filter(function (e) { return e.key === field.value; })[0]; }
      function fillValue() {
        var e = entry(), kind = op.value;
        value.innerHTML = '';
        if (['filled', 'empty', 'true', 'false'].indexOf(kind) >= 0) return;
        if (e.options && e.options.length) {
          var choose = select(t('value'), e.options.map(function (o) { return [o.value, o.label]; }));
          if (kind === 'in') choose.multiple = true;
          value.appendChild(choose);
          return;
        }
        var others = all.filter(function (o) { return o.key !== e.key && family(o) === family(e) && o.key.indexOf('(') < 0; });
        var source = select(t('compare'), [['', t('fixed_value')]].concat(others.map(function (o) { return [o.key, o.label]; })));
        var input = element('input', { 'class': 'form-control form-control-sm', 'aria-label': t('value'),
          type: { date: 'date', time: 'time', datetime: 'datetime-local', number: 'number' }[e.type] || 'text' });
        source.addEventListener('change', function () { input.hidden = !!source.value; });
        value.appendChild(source);
        value.appendChild(input);
      }
      function fillOps() {
        op.innerHTML = '';
        OPERATORS[family(entry())].forEach(function (p) { op.appendChild(element('option', { value: p[0] }, [t(p[1])])); });
        fillValue();
      }
      field.addEventListener('change', fillOps);
      op.addEventListener('change', fillValue);
      remove.addEventListener('click', function () { row.remove(); });
      row.expression = function () {
        var e = entry(), kind = op.value, name = e.key;
        if (kind === 'filled') return name + ' != null';
        if (kind === 'empty') return name + ' == null';
        if (kind === 'true') return name;
        if (kind === 'false') return 'not ' + name;
        var chooser = value.querySelector('select[multiple]');
        if (chooser) {
          var picked = Array.prototype.filter.call(chooser.options, function (o) { return o.selected; });
          return name + ' in [' + picked.map(function (o) { return quote(o.value); }).join(', ') + ']';
        }
        var selects = value.querySelectorAll('select'), input = value.querySelector('input');
        if (e.options && e.options.length) return name + ' ' + kind + ' ' + quote(selects[0].value);
        if (selects[0] && selects[0].value) return name + ' ' + kind + ' ' + selects[0].value;
        return name + ' ' + kind + ' ' + literal(e, input ? input.value : '');
      };
      [field, op, value, remove].forEach(function (el) { row.appendChild(el); });
      rows.appendChild(row);
      fillOps();
    }
    var add = element('button', { type: 'button', 'class': 'btn btn-sm btn-outline-secondary', 'data-composer-add': '' }, ['+ ' + t('add_condition')]);
    var use = element('button', { type: 'button', 'class': 'btn btn-sm btn-primary', 'data-composer-use': '' }, [t('use')]);
    add.addEventListener('click', addRow);
    use.addEventListener('click', function () {
      var parts = Array.prototype.map.call(rows.querySelectorAll('[data-row]'), function (r) { return r.expression(); });
      var target = document.getElementById(box.getAttribute('data-composer-target'));
      target.value = parts.join(' ' + join.value + ' ');
      target.dispatchEvent(new Event('input', { bubbles: true }));
      target.focus();
    });
    box.appendChild(rows);
    box.appendChild(element('div', { 'class': 'd-flex flex-wrap gap-2 mt-2 align-items-center' },
      [add, element('label', { 'class': 'small' }, [t('join_label')]), join, use]));
    addRow();
  }

  /* ---- a key suggested from the label or title as it is typed (the server's rule:
     app/services/form_builder.slug_key), until the admin types a key of their own ---------- */
  function slug(text, fallback) {
    var s = String(text || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    if (!s) return '';
    if (!/^[a-z]/.test(s)) s = fallback + '_' + s;
    return s.slice(0, 56).replace(/_+$/, '');
  }
  /* the keys the page already lists (fields and sections), skipped as the server does: _2, _3 */
  function unused(key) {
    if (!key) return key;
    var taken = {};
    document.querySelectorAll('[data-sort-key]').forEach(function (el) {
      taken[el.getAttribute('data-sort-key')] = true;
    });
    var found = key, n = 2;
    while (taken[found]) { found = key + '_' + n; n += 1; }
    return found;
  }
  function suggestKey(input) {
    var source = document.getElementById(input.getAttribute('data-key-from'));
    if (!source) return;
    var own = input.value !== '';  /* typed earlier (kept after a refusal): left alone */
    input.addEventListener('input', function () { own = input.value !== ''; });
    source.addEventListener('input', function () {
      if (!own) {
        input.value = unused(slug(source.value, input.getAttribute('data-key-fallback') || 'isian'));
      }
    });
  }

  /* ---- the live preview --------------------------------------------------------------------- */
  function preview(box) {
    var frame = box.querySelector('iframe'), wrap = frame.parentElement;
    var width = 1280;
    function fit() {
      var room = wrap.clientWidth, scale = Math.min(1, room / width);
      frame.style.width = width + 'px';
      frame.style.transform = 'scale(' + scale + ')';
      frame.style.height = (wrap.clientHeight / scale) + 'px';
      frame.style.left = Math.max(0, (room - width * scale) / 2) + 'px';
      box.setAttribute('data-width', String(width));
    }
    box.querySelectorAll('[data-preview-width]').forEach(function (button) {
      button.addEventListener('click', function () {
        width = parseInt(button.getAttribute('data-preview-width'), 10);
        box.querySelectorAll('[data-preview-width]').forEach(function (b) {
          b.setAttribute('aria-pressed', String(b === button));
          b.classList.toggle('active', b === button);
        });
        fit();
      });
    });
    var kind = box.querySelector('[data-preview-type]');
    if (kind) {
      kind.addEventListener('change', function () {
        var url = new URL(frame.src, window.location.href);
        url.searchParams.set('jenis', kind.value);
        frame.src = url.toString();
      });
    }
    window.addEventListener('resize', fit);
    fit();
  }

  function start() {
    document.querySelectorAll('[data-sortable]').forEach(sortable);
    document.querySelectorAll('[data-composer]').forEach(composer);
    document.querySelectorAll('[data-preview]').forEach(preview);
    document.querySelectorAll('[data-key-from]').forEach(suggestKey);
    document.body.setAttribute('data-builder-ready', '1');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
