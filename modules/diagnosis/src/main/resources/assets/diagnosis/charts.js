// Safer Cities Kit, diagnosis: the analysis chart (counts as bars or a line, rates per 100 000 on a second
// axis). Data come in the element's data-chart attribute: the CSP forbids inline script.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('analysis-chart');
    if (!el || !window.echarts) { return; }
    var d = JSON.parse(el.getAttribute('data-chart'));
    var rtl = document.documentElement.dir === 'rtl';
    var print = window.matchMedia && window.matchMedia('print').matches;
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      animation: !print,
      tooltip: { trigger: 'axis' },
      legend: { data: [d.countName, d.rateName], top: 0 },
      grid: { left: 60, right: 60, top: 40, bottom: d.labels.length > 8 ? 110 : 50, containLabel: false },
      xAxis: { type: 'category', data: d.labels, inverse: rtl,
               axisLabel: { rotate: d.labels.length > 8 ? 40 : 0, interval: 0, width: 120, overflow: 'truncate' } },
      yAxis: [{ type: 'value', name: d.countName, position: rtl ? 'right' : 'left' },
              { type: 'value', name: d.rateName, position: rtl ? 'left' : 'right', splitLine: { show: false } }],
      series: [
        { name: d.countName, type: d.kind, data: d.counts, itemStyle: { color: '#1f6f8b' }, connectNulls: false },
        { name: d.rateName, type: 'line', yAxisIndex: 1, data: d.rates, itemStyle: { color: '#c2571a' },
          symbolSize: 6, connectNulls: false }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
    window.addEventListener('beforeprint', function () { chart.resize(); });
  });
}());
