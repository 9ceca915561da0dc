// The self-assessment radar (ECharts, served from the kit: nothing is fetched off the machine). The page gives the
// data address; the data is the server's JSON, already in the user's language.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('radar');
    if (!box || !window.echarts) { return; }
    fetch(box.getAttribute('data-src'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var chart = window.echarts.init(box, null, { renderer: 'canvas' });
        chart.setOption({
          animation: false,
          legend: { bottom: 0, data: data.series.map(function (s) { return s.name; }) },
          tooltip: {},
          radar: { indicator: data.indicators, radius: '62%', splitNumber: data.max,
            axisName: { fontSize: 11, color: '#333' } },
          series: [{ type: 'radar', areaStyle: { opacity: 0.15 }, data: data.series }]
        });
        box.setAttribute('data-ready', 'true');
        window.addEventListener('resize', function () { chart.resize(); });
      });
  });
}());
