// Laporan: draws the report's charts with Chart.js (vendored) from the page's JSON block
// (#report-data), and shows only the period fields of the chosen period kind. The tables
// beside the charts carry the same numbers, so the page reads without this script.
(function () {
  'use strict';
  var GREEN = '#0b5d4b', TEAL = '#1a8a6e', RED = '#dc3545', BLUE = '#0d6efd', GREY = '#6c757d',
    DARK = '#343a40', CYAN = '#0dcaf0';

  function data() {
    var node = document.getElementById('report-data');
    return node ? JSON.parse(node.textContent) : null;
  }

  function empty(values) {
    return !values.some(function (v) { return v > 0; });
  }

  function draw(id, config, values, text) {
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return;
    if (empty(values)) {
      var note = document.createElement('p');
      note.className = 'text-muted small text-center my-5 chart-empty';
      note.textContent = text.empty;
      canvas.replaceWith(note);
      return;
    }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false,
      animation: false, plugins: { legend: { position: 'bottom' } } }, config.options || {});
    canvas.chart = new window.Chart(canvas, config);
    canvas.setAttribute('data-drawn', '1');
  }

  // long names (permits, agencies) are cut on the axis; the tooltip shows them whole
  function short(labels) {
    return labels.map(function (l) { return l.length > 26 ? l.slice(0, 25) + '…' : l; });
  }

  function fullName(names) {
    return { callbacks: { title: function (items) { return names[items[0].dataIndex]; } } };
  }

  function charts(d) {
    var c = d.chart, t = d.text;
    draw('chart-trend', { type: 'line', data: { labels: c.trend.labels, datasets: [
      { label: t.received, data: c.trend.received, borderColor: GREEN, backgroundColor: GREEN, tension: 0.25 },
      { label: t.issued, data: c.trend.issued, borderColor: BLUE, backgroundColor: BLUE, tension: 0.25 },
      { label: t.rejected, data: c.trend.rejected, borderColor: RED, backgroundColor: RED, tension: 0.25 }
    ] }, options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } },
    c.trend.received.concat(c.trend.issued, c.trend.rejected), t);
    draw('chart-status', { type: 'doughnut', data: { labels: t.status, datasets: [
      { data: c.status.values, backgroundColor: [CYAN, GREEN, RED, GREY, DARK] }] } },
    c.status.values, t);
    draw('chart-permits', { type: 'bar', data: { labels: short(c.permits.labels), datasets: [
      { label: t.received, data: c.permits.values, backgroundColor: TEAL, maxBarThickness: 26 }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false }, tooltip: fullName(c.permits.labels) },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } }, c.permits.values, t);
    draw('chart-sla', { type: 'bar', data: { labels: c.sla.labels, datasets: [
      { label: t.sla, data: c.sla.values, backgroundColor: GREEN, maxBarThickness: 26 }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false }, tooltip: fullName(c.sla.names) },
      scales: { x: { beginAtZero: true, max: 100 } } } }, c.sla.values, t);
  }

  function periodFields() {
    var kind = document.getElementById('f-periode');
    if (!kind) return;
    function show() {
      document.querySelectorAll('[data-period]').forEach(function (el) {
        var wanted = el.getAttribute('data-period').split(' ').indexOf(kind.value) >= 0;
        el.hidden = !wanted;
        el.querySelectorAll('input, select').forEach(function (input) { input.disabled = !wanted; });
      });
    }
    kind.addEventListener('change', show);
    show();
  }

  function start() {
    periodFields();
    var d = data();
    if (d) charts(d);
    document.body.setAttribute('data-report-ready', '1');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
