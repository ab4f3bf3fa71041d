/* Browser twin of forms_schema.conditions: evaluates the JSON tree of Condition.to_json() with
   the same semantics as the server (tests/unit/forms_schema/test_forms_conditions_js.py and
   test_forms_rules_js.py prove it), shows/hides fields and sections, and shows the form's
   rules across fields and rows as they are typed. Markup contract:
     <div data-field="key" data-type="number" data-required="true"
          data-visible-if='{json}' data-required-if='{json}'> ...inputs named by key... </div>
     <fieldset data-section="key" data-section-if='{json}'> ...fields... </fieldset>
     <div hidden data-form-context='{"application_type": "baru"}'
          data-form-rules='[{"check": {json}, "names": [...], "field": "key", "message": ".."}]'>
   Group rows sit inside <div data-group="name" data-min-rows="1" data-row-rules='[...]'>, each
   row an element with data-row-prefix="name-0-". No dependencies. */
(function (root) {
  'use strict';
  var OTHER = { other: true };
  var PATTERN = { number: /^-?\d+$/, decimal: /^-?\d+(\.\d+)?$/ };
  var ARITH = { '+': 1, '-': 1, '*': 1, '/': 1 };
  var POINT = /^\s*(-?[0-9]{1,3}(?:\.[0-9]+)?)\s*,\s*(-?[0-9]{1,3}(?:\.[0-9]+)?)\s*$/;
  var EARTH_RADIUS_M = 6371008.8, DEGREE = 0.017453292519943295;
  var own = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

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

  /* numbers: the same IEEE doubles, the same operations in the same order as the server */
  function asFloat(v) { return kind(v) === 'number' ? v : null; }
  function fromFloat(x) { return x === null || !isFinite(x) ? null : x; }
  function arithmetic(op, a, b) {
    a = asFloat(a); b = asFloat(b);
    if (a === null || b === null) return null;
    if (op === '+') return fromFloat(a + b);
    if (op === '-') return fromFloat(a - b);
    if (op === '*') return fromFloat(a * b);
    return b !== 0 ? fromFloat(a / b) : null;
  }
  function items(v) { return v === null ? [] : kind(v) === 'list' ? v : [v]; }
  function points(v) {
    var found = [];
    var list = items(v);
    for (var i = 0; i < list.length; i++) {
      if (list[i] === null) continue;
      var m = typeof list[i] === 'string' ? POINT.exec(list[i]) : null;
      if (!m) return null;
      found.push([Number(m[1]), Number(m[2])]);
    }
    var last = found[found.length - 1];
    if (found.length > 1 && found[0][0] === last[0] && found[0][1] === last[1]) found.pop();
    return found;
  }
  function cosine(x) {
    var x2 = x * x, term = 1.0, total = 1.0;
    for (var n = 1; n <= 12; n++) {
      term = -term * x2 / ((2 * n - 1) * (2 * n));
      total = total + term;
    }
    return total;
  }
  function areaM2(c) {
    var count = c.length, mean = 0.0, i;
    for (i = 0; i < count; i++) mean = mean + c[i][0];
    mean = mean / count;
    var ky = EARTH_RADIUS_M * DEGREE, kx = ky * cosine(mean * DEGREE);
    var lat0 = c[0][0], lng0 = c[0][1], twice = 0.0;
    for (i = 0; i < count; i++) {
      var p = c[i], q = c[(i + 1) % count];
      var x1 = (p[1] - lng0) * kx, y1 = (p[0] - lat0) * ky;
      var x2 = (q[1] - lng0) * kx, y2 = (q[0] - lat0) * ky;
      twice = twice + (x1 * y2 - x2 * y1);
    }
    return Math.abs(twice) / 2;
  }
  function orientation(a, b, c) {
    var cross = (b[1] - a[1]) * (c[0] - a[0]) - (b[0] - a[0]) * (c[1] - a[1]);
    return cross > 0 ? 1 : cross < 0 ? -1 : 0;
  }
  function onSegment(a, b, c) {
    return Math.min(a[0], b[0]) <= c[0] && c[0] <= Math.max(a[0], b[0]) &&
      Math.min(a[1], b[1]) <= c[1] && c[1] <= Math.max(a[1], b[1]);
  }
  function crosses(p1, p2, q1, q2) {
    var o1 = orientation(p1, p2, q1), o2 = orientation(p1, p2, q2);
    var o3 = orientation(q1, q2, p1), o4 = orientation(q1, q2, p2);
    if (o1 !== o2 && o3 !== o4) return true;
    return (o1 === 0 && onSegment(p1, p2, q1)) || (o2 === 0 && onSegment(p1, p2, q2)) ||
      (o3 === 0 && onSegment(q1, q2, p1)) || (o4 === 0 && onSegment(q1, q2, p2));
  }
  var FUNCTIONS = {
    count: function (a) { return items(a[0]).length; },
    unique: function (a) {
      var seen = [], list = items(a[0]);
      for (var i = 0; i < list.length; i++) {
        if (list[i] === null) continue;
        if (seen.some(function (o) { return equals(list[i], o); })) return false;
        seen.push(list[i]);
      }
      return true;
    },
    sum: function (a) {
      var total = 0.0, list = items(a[0]);
      for (var i = 0; i < list.length; i++) {
        if (list[i] === null) continue;
        var n = asFloat(list[i]);
        if (n === null) return null;
        total = total + n;
      }
      return fromFloat(total);
    },
    abs: function (a) { var n = asFloat(a[0]); return n === null ? null : fromFloat(Math.abs(n)); },
    area_ha: function (a) {
      var c = points(a[0]);
      return c === null || c.length < 3 ? null : fromFloat(areaM2(c) / 10000);
    },
    polygon: function (a) {
      var c = points(a[0]), n = c ? c.length : 0, i, j;
      if (c === null || n < 3) return false;
      for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) if (c[i][0] === c[j][0] && c[i][1] === c[j][1]) return false;
      }
      for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
          if (j === i + 1 || (i === 0 && j === n - 1)) continue;
          if (crosses(c[i], c[(i + 1) % n], c[j], c[(j + 1) % n])) return false;
        }
      }
      return areaM2(c) > 0;
    }
  };

  function value(node, answers) {
    if ('field' in node) return canonical(own(answers, node.field) ? answers[node.field] : null);
    if ('path' in node) {
      var rows = own(answers, node.path[0]) ? answers[node.path[0]] : null;
      if (!Array.isArray(rows)) return null;
      return canonical(rows.map(function (r) {
        var plain = r !== null && typeof r === 'object' && !Array.isArray(r);
        return plain && own(r, node.path[1]) ? r[node.path[1]] : null;
      }));
    }
    if ('value' in node) return canonical(node.value);
    if ('call' in node) {
      return FUNCTIONS[node.call](node.args.map(function (a) { return value(a, answers); }));
    }
    if (own(ARITH, node.op)) {
      return arithmetic(node.op, value(node.left, answers), value(node.right, answers));
    }
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
    if (op === undefined || own(ARITH, op)) return truthy(value(node, answers));
    var left = value(node.left, answers), right = value(node.right, answers);
    if (op === '==') return equals(left, right);
    if (op === '!=') return !equals(left, right);
    return ordered(op, left, right);
  }
  /* A rule is checked once every field it names has an answer; returns failing rules. */
  function ruleErrors(rules, answers) {
    return (rules || []).filter(function (rule) {
      var ready = (rule.names || []).every(function (n) {
        return canonical(own(answers, n) ? answers[n] : null) !== null;
      });
      return ready && !evaluate(rule.check, answers);
    });
  }

  /* raw: the posted strings of one field (checked boxes, selected options or the value). */
  function coerce(type, raw) {
    if (type === 'multiselect') return raw.slice();
    if (type === 'boolean') return raw.length > 0;
    var v = raw.length ? String(raw[0]).trim() : '';
    if ((type === 'time' || type === 'datetime') && /:\d\d:00$/.test(v)) v = v.slice(0, -3);
    if (!PATTERN[type]) return v;
    v = v.indexOf('.') < 0 ? v.replace(',', '.') : v;
    return PATTERN[type].test(v) ? Number(v) : null;
  }

  function prefixOf(wrapper) {
    var row = wrapper.parentElement && wrapper.parentElement.closest('[data-row-prefix]');
    return row ? row.getAttribute('data-row-prefix') : '';
  }
  /* The wrapper's own label (not a group row's field's): the one its asterisk is on. */
  function labelOf(wrapper) {
    var labels = wrapper.querySelectorAll('.form-label, .form-check-label');
    for (var i = 0; i < labels.length; i++) {
      if (labels[i].closest('[data-field]') === wrapper) return labels[i];
    }
    return null;
  }
  function nameOf(wrapper) { return prefixOf(wrapper) + wrapper.getAttribute('data-field'); }
  /* A group row sees its own sub-fields by bare key, on top of the top-level answers. */
  function scoped(answers, wrapper) {
    var prefix = typeof wrapper === 'string' ? wrapper : prefixOf(wrapper);
    var out = Object.assign({}, answers);
    Object.keys(answers).forEach(function (k) {
      if (prefix && k.indexOf(prefix) === 0) out[k.slice(prefix.length)] = answers[k];
    });
    return out;
  }
  function blank(v) { return v === null || v === false || v === '' || (Array.isArray(v) && !v.length); }
  function json(el, attr) {
    var text = el && el.getAttribute(attr);
    return text ? JSON.parse(text) : null;
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
    var answers = Object.assign({}, json(form.querySelector('[data-form-context]'), 'data-form-context'));
    Object.keys(raw).forEach(function (n) { answers[n] = coerce(types[n], raw[n]); });
    form.querySelectorAll('[data-group]').forEach(function (box) {
      var name = box.getAttribute('data-group');
      if (hidden[name]) return;
      answers[name] = [];
      box.querySelectorAll(':scope > [data-group-row]').forEach(function (row) {
        var values = rowValues(answers, row.getAttribute('data-row-prefix'), hidden);
        if (values) answers[name].push(values);
      });
    });
    return answers;
  }
  /* A row's answers by sub-field key, or null when the row is blank (not there). */
  function rowValues(answers, prefix, hidden) {
    var values = {}, filled = false;
    Object.keys(answers).forEach(function (k) {
      if (k.indexOf(prefix) !== 0 || hidden[k]) return;
      values[k.slice(prefix.length)] = answers[k];
      filled = filled || !blank(answers[k]);
    });
    return filled ? values : null;
  }
  /* Same as forms_schema.field_types.group.rows_to_check: every filled row, and while filled
     rows are fewer than min_rows, the first blank rows that make up the number. */
  function rowsToCheck(blankRows, minRows) {
    var missing = (minRows || 0) - blankRows.filter(function (b) { return !b; }).length;
    return blankRows.map(function (isBlank) {
      var check = !isBlank || missing > 0;
      if (isBlank) missing -= 1;
      return check;
    });
  }
  /* Prefixes of the spare blank rows the server will not check: their fields are not required. */
  function spareRows(form, answers, hidden) {
    var spare = {};
    form.querySelectorAll('[data-group]').forEach(function (box) {
      var rows = Array.prototype.slice.call(box.querySelectorAll(':scope > [data-group-row]'));
      var prefixes = rows.map(function (row) { return row.getAttribute('data-row-prefix'); });
      var blankRows = prefixes.map(function (p) { return !rowValues(answers, p, hidden); });
      var min = parseInt(box.getAttribute('data-min-rows') || '0', 10);
      rowsToCheck(blankRows, min).forEach(function (check, i) {
        if (!check) spare[prefixes[i]] = true;
      });
    });
    return spare;
  }

  /* Same fixed point as forms_schema.visibility: a hidden field counts as empty for others;
     every field of a hidden section is hidden. */
  function apply(form) {
    var wrappers = Array.prototype.slice.call(form.querySelectorAll('[data-field]'));
    var sections = Array.prototype.slice.call(form.querySelectorAll('[data-section-if]'));
    var hidden = {}, answers = {}, closed = [];
    for (var round = 0; round <= wrappers.length + sections.length; round++) {
      answers = readAnswers(form, hidden);
      var next = {}, shut = [];
      sections.forEach(function (s) {
        if (!evaluate(json(s, 'data-section-if'), answers)) shut.push(s);
      });
      wrappers.forEach(function (w) {
        var cond = json(w, 'data-visible-if');
        var inClosed = shut.some(function (s) { return s.contains(w); });
        if (inClosed || (cond && !evaluate(cond, scoped(answers, w)))) next[nameOf(w)] = true;
      });
      var same = Object.keys(next).sort().join() === Object.keys(hidden).sort().join();
      hidden = next;
      closed = shut;
      if (same) break;
    }
    sections.forEach(function (s) { s.hidden = closed.indexOf(s) >= 0; });
    wrappers.forEach(function (w) { w.hidden = !!hidden[nameOf(w)]; });
    var spare = spareRows(form, answers, hidden);
    wrappers.forEach(function (w) {
      var name = nameOf(w), cond = json(w, 'data-required-if');
      var required = w.getAttribute('data-required') === 'true' ||
        (cond !== null && evaluate(cond, scoped(answers, w)));
      var active = required && !w.closest('[hidden]') && !spare[prefixOf(w)];
      var multi = w.getAttribute('data-type') === 'multiselect';
      Array.prototype.forEach.call(w.querySelectorAll('input,select,textarea'), function (el) {
        if (el.name === name && !multi) el.required = active;
      });
      if (cond !== null) {  /* the asterisk while the condition makes the field required */
        var mark = labelOf(w);
        if (mark) mark.classList.toggle('required', required);
      }
    });
    showRules(form, answers);
  }
  function showRules(form, answers) {
    form.querySelectorAll('[data-rule-message]').forEach(function (el) { el.remove(); });
    var failing = [];
    ruleErrors(json(form.querySelector('[data-form-rules]'), 'data-form-rules'), answers)
      .forEach(function (rule) { failing.push([rule.field, rule.message]); });
    form.querySelectorAll('[data-row-rules]').forEach(function (box) {
      var rules = json(box, 'data-row-rules');
      box.querySelectorAll(':scope > [data-group-row]').forEach(function (row) {
        var prefix = row.getAttribute('data-row-prefix');
        ruleErrors(rules, scoped(answers, prefix)).forEach(function (rule) {
          failing.push([prefix + rule.field, rule.message]);
        });
      });
    });
    failing.forEach(function (pair) {
      var target = form.querySelector('[name="' + pair[0] + '"]');
      var wrapper = target && target.closest('[data-field]');
      if (!wrapper || wrapper.closest('[hidden]')) return;
      var note = document.createElement('div');
      note.className = 'invalid-feedback d-block';
      note.setAttribute('data-rule-message', pair[0]);
      note.textContent = pair[1];
      wrapper.appendChild(note);
    });
  }
  function bind(form) {
    var update = function () { apply(form); };
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    update();
  }

  var api = { evaluate: evaluate, value: value, ruleErrors: ruleErrors, coerce: coerce,
              rowsToCheck: rowsToCheck, apply: apply, bind: bind };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.EptspConditions = api;
    document.addEventListener('DOMContentLoaded', function () {
      Array.prototype.forEach.call(document.querySelectorAll('form[data-conditions]'), bind);
    });
  }
})(this);
