/* Browser twin of forms_schema.conditions: evaluates the JSON tree of Condition.to_json() with
   the same semantics as the server (tests/unit/forms_schema/test_conditions_js.py proves it),
   and shows/hides wizard fields. Markup contract, per field wrapper:
     <div data-field="key" data-type="number" data-required="true"
          data-visible-if='{json}' data-required-if='{json}'> ...inputs named by key... </div>
   Group rows sit inside an element with data-row-prefix="group-0-". No dependencies. */
(function (root) {
  'use strict';
  var OTHER = { other: true };
  var PATTERN = { number: /^-?\d+$/, decimal: /^-?\d+(\.\d+)?$/ };

  function canonical(v) {
    if (v === undefined || v === null || v === '') return null;
    if (typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') return isFinite(v) ? v : OTHER;
    if (Array.isArray(v)) return v.length ? v.map(canonical) : null;
    return OTHER;
  }
  function kind(v) {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'list';
    var t = typeof v;
    if (t === 'boolean') return 'bool';
    return t === 'number' || t === 'string' ? t : 'other';
  }
  function equals(a, b) {
    var k = kind(a);
    if (k !== kind(b) || k === 'other') return false;
    if (k === 'list') {
      return a.length === b.length && a.every(function (x, i) { return equals(x, b[i]); });
    }
    return a === b;
  }
  function ordered(op, a, b) {
    var k = kind(a);
    if (k !== kind(b) || (k !== 'number' && k !== 'string')) return false;
    return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
  }
  function member(v, options) {
    var items = kind(v) === 'list' ? v : [v];
    return items.some(function (i) { return options.some(function (o) { return equals(i, o); }); });
  }
  function truthy(v) {
    return v !== null && v !== false && v !== 0;
  }
  function value(node, answers) {
    if ('field' in node) {
      var own = Object.prototype.hasOwnProperty.call(answers, node.field);
      return canonical(own ? answers[node.field] : null);
    }
    if ('value' in node) return canonical(node.value);
    return evaluate(node, answers);
  }
  function evaluate(node, answers) {
    var op = node.op;
    if (op === 'and') return node.args.every(function (a) { return evaluate(a, answers); });
    if (op === 'or') return node.args.some(function (a) { return evaluate(a, answers); });
    if (op === 'not') return !evaluate(node.arg, answers);
    if (op === 'in' || op === 'not in') {
      return member(value(node.left, answers), node.values.map(canonical)) !== (op === 'not in');
    }
    if (op === undefined) return truthy(value(node, answers));
    var left = value(node.left, answers), right = value(node.right, answers);
    if (op === '==') return equals(left, right);
    if (op === '!=') return !equals(left, right);
    return ordered(op, left, right);
  }

  /* raw: the posted strings of one field (checked boxes, selected options or the value). */
  function coerce(type, raw) {
    if (type === 'multiselect') return raw.slice();
    if (type === 'boolean') return raw.length > 0;
    var v = raw.length ? String(raw[0]).trim() : '';
    if (!PATTERN[type]) return v;
    v = v.indexOf('.') < 0 ? v.replace(',', '.') : v;
    return PATTERN[type].test(v) ? Number(v) : null;
  }

  function prefixOf(wrapper) {
    var row = wrapper.parentElement && wrapper.parentElement.closest('[data-row-prefix]');
    return row ? row.getAttribute('data-row-prefix') : '';
  }
  function nameOf(wrapper) { return prefixOf(wrapper) + wrapper.getAttribute('data-field'); }
  /* A group row sees its own sub-fields by bare key, on top of the top-level answers. */
  function scoped(answers, wrapper) {
    var prefix = prefixOf(wrapper), out = Object.assign({}, answers);
    Object.keys(answers).forEach(function (k) {
      if (prefix && k.indexOf(prefix) === 0) out[k.slice(prefix.length)] = answers[k];
    });
    return out;
  }
  function readAnswers(form, hidden) {
    var raw = {}, types = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || hidden[el.name]) return;
      var wrapper = el.closest('[data-field]');
      raw[el.name] = raw[el.name] || [];
      types[el.name] = wrapper ? wrapper.getAttribute('data-type') : 'text';
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.checked) raw[el.name].push(el.value);
      } else if (el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { raw[el.name].push(o.value); });
      } else {
        raw[el.name].push(el.value);
      }
    });
    var answers = {};
    Object.keys(raw).forEach(function (n) { answers[n] = coerce(types[n], raw[n]); });
    return answers;
  }
  function tree(wrapper, attr) {
    var text = wrapper.getAttribute(attr);
    return text ? JSON.parse(text) : null;
  }

  /* Same fixed point as forms_schema.visibility: a hidden field counts as empty for others. */
  function apply(form) {
    var wrappers = Array.prototype.slice.call(form.querySelectorAll('[data-field]'));
    var hidden = {}, answers = {};
    for (var round = 0; round <= wrappers.length; round++) {
      answers = readAnswers(form, hidden);
      var next = {};
      wrappers.forEach(function (w) {
        var cond = tree(w, 'data-visible-if');
        if (cond && !evaluate(cond, scoped(answers, w))) next[nameOf(w)] = true;
      });
      var same = Object.keys(next).join() === Object.keys(hidden).join();
      hidden = next;
      if (same) break;
    }
    wrappers.forEach(function (w) { w.hidden = !!hidden[nameOf(w)]; });
    wrappers.forEach(function (w) {
      var name = nameOf(w), cond = tree(w, 'data-required-if');
      var required = w.getAttribute('data-required') === 'true' ||
        (cond !== null && evaluate(cond, scoped(answers, w)));
      var active = required && !w.closest('[hidden]');
      var multi = w.getAttribute('data-type') === 'multiselect';
      Array.prototype.forEach.call(w.querySelectorAll('input,select,textarea'), function (el) {
        if (el.name === name && !multi) el.required = active;
      });
    });
  }
  function bind(form) {
    var update = function () { apply(form); };
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    update();
  }

  var api = { evaluate: evaluate, coerce: coerce, apply: apply, bind: bind };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.EptspConditions = api;
    document.addEventListener('DOMContentLoaded', function () {
      Array.prototype.forEach.call(document.querySelectorAll('form[data-conditions]'), bind);
    });
  }
})(this);
