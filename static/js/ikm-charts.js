// Charts of the IKM report and the public summary (Chart.js, vendored). Each
// <canvas data-chart="bar|line" data-source="ID"> reads its figures from the JSON in
// <script type="application/json" id="ID"> ({labels, values, label, titles?}); the same figures
// are always in a table next to it, so the page says everything without scripts.
(function () {
  'use strict';
  if (!window.Chart) return;
  var color = getComputedStyle(document.documentElement).getPropertyValue('--eptsp').trim() || '#0b5d4b';
  function limit(value) { return value === undefined || value === '' ? undefined : Number(value); }
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute('data-source'));
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var line = canvas.getAttribute('data-chart') === 'line';
    var horizontal = canvas.getAttribute('data-axis') === 'y';
    var scale = { min: limit(canvas.getAttribute('data-min')), max: limit(canvas.getAttribute('data-max')) };
    new window.Chart(canvas, {
      type: line ? 'line' : 'bar',
      data: {
        labels: data.labels,
        datasets: [{ label: data.label, data: data.values, backgroundColor: line ? 'rgba(11, 93, 75, .15)' : color,
                     borderColor: color, pointRadius: 4, spanGaps: true, fill: line,
                     maxBarThickness: 28 }]
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x', responsive: true, maintainAspectRatio: false, animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: function (items) {
            var i = items[0].dataIndex;
            return data.titles ? data.titles[i] : data.labels[i];
          } } }
        },
        scales: horizontal ? { x: scale } : { y: scale }
      }
    });
    canvas.setAttribute('data-chart-ready', '1');
  });
})();
