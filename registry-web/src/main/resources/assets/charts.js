/*
 * Draws the Registry's charts with Chart.js. Each chart is a <canvas data-chart-data="ID"> whose data is a JSON
 * block <script type="application/json" id="ID"> in the page (no inline script, so the CSP stays strict). Every
 * chart also has a table of the same numbers next to it: the page works without JavaScript, minus the drawing.
 */
(function () {
  'use strict';

  var PALETTE = ['#0b4f6c', '#1c7ed6', '#2b8a3e', '#e67700', '#c92a2a', '#862e9c', '#0c8599', '#5c940d',
    '#d9480f', '#364fc7', '#a61e4d', '#495057'];

  function color(i, alpha) {
    var hex = PALETTE[i % PALETTE.length];
    if (alpha === undefined) {
      return hex;
    }
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }

  function build(canvas) {
    var source = document.getElementById(canvas.getAttribute('data-chart-data'));
    if (!source || typeof window.Chart === 'undefined') {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var round = spec.type === 'doughnut' || spec.type === 'pie';
    var datasets = spec.datasets.map(function (d, i) {
      return {
        label: d.label,
        data: d.data,
        borderColor: round ? '#fff' : color(i),
        backgroundColor: round ? d.data.map(function (_, j) { return color(j); }) : color(i, 0.15),
        borderWidth: round ? 1 : 2,
        fill: false,
        tension: 0.15,
        pointRadius: spec.labels.length > 60 ? 0 : 2
      };
    });
    var options = {
      animation: false,
      responsive: true,
      maintainAspectRatio: !round ? false : true,
      plugins: {
        legend: { position: round ? 'right' : 'bottom' },
        title: { display: !!spec.title, text: spec.title }
      }
    };
    if (!round) {
      options.scales = { y: { beginAtZero: true, title: { display: !!spec.yLabel, text: spec.yLabel } } };
    }
    new window.Chart(canvas, { type: spec.type, data: { labels: spec.labels, datasets: datasets }, options: options });
    canvas.setAttribute('data-rendered', 'true');
  }

  function start() {
    var canvases = document.querySelectorAll('canvas[data-chart-data]');
    for (var i = 0; i < canvases.length; i++) {
      build(canvases[i]);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
