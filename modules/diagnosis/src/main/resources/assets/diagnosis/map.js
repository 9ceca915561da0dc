// Safer Cities Kit, diagnosis: the map of the area tree (boundaries from the kit itself, no tiles), coloured by
// incidents, their rate, or Getis-Ord Gi* hotspot classes, with safety-walk points. The CSP forbids inline
// script, so the data come from the element's data-src.
(function () {
  'use strict';
  var SPOTS = ['HOT_99', 'HOT_95', 'HOT_90', 'NONE', 'COLD_90', 'COLD_95', 'COLD_99'];
  var SPOT_COLOURS = ['#b2182b', '#ef8a62', '#fddbc7', '#f0f0f0', '#d1e5f0', '#67a9cf', '#2166ac'];
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('map');
    if (!el || !window.echarts) { return; }
    fetch(el.getAttribute('data-src'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (d) { draw(el, d); });
  });

  function draw(el, d) {
    window.echarts.registerMap('areas', d.geo);
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    var byName = {};
    d.values.forEach(function (v) { byName[v.name] = v; });
    var hotspot = d.measure === 'hotspot';
    var key = d.measure === 'count' ? 'count' : 'rate';
    var data = d.values.map(function (v) {
      // the map series colours the shared geo through the visual map: a class number for hotspots
      return hotspot ? { name: v.name, value: SPOTS.indexOf(v.spot) }
                     : { name: v.name, value: v[key] === null ? '-' : v[key] };
    });
    var numbers = d.values.map(function (v) { return v[key]; }).filter(function (x) { return x !== null; });
    var max = numbers.length ? Math.max.apply(null, numbers) : 1;
    var option = {
      animation: false,
      tooltip: { trigger: 'item', formatter: function (p) {
        if (p.seriesType === 'scatter') { return escapeHtml(p.data[2]); }
        var v = byName[p.name];
        if (!v) { return ''; }
        return escapeHtml(v.label) + '<br>' + escapeHtml(d.labels.count) + ': ' + (v.count === null ? escapeHtml(d.labels.hidden) : v.count)
          + '<br>' + escapeHtml(d.labels.rate) + ': ' + (v.rate === null ? '—' : v.rate) + '<br>' + escapeHtml(v.spotLabel);
      } },
      geo: { map: 'areas', roam: true, itemStyle: { borderColor: '#555', borderWidth: 0.6 },
             label: { show: false }, emphasis: { label: { show: false } } },
      series: [
        { type: 'map', geoIndex: 0, data: data },
        { type: 'scatter', coordinateSystem: 'geo', name: d.labels.walks, data: d.walks, symbol: 'diamond',
          symbolSize: 9, itemStyle: { color: '#6a3d9a', borderColor: '#fff', borderWidth: 1 } }
      ],
      toolbox: { right: 10, feature: { saveAsImage: { title: el.getAttribute('data-save-label'), type: 'svg' } } }
    };
    if (!hotspot) {
      option.visualMap = { type: 'continuous', min: 0, max: max || 1, left: 10, bottom: 10, calculable: true,
                           text: [String(Math.round(max)), '0'], inRange: { color: ['#fff7ec', '#fdbb84', '#d7301f', '#7f0000'] },
                           outOfRange: { color: '#ddd' }, seriesIndex: 0 };
    } else {
      option.visualMap = { type: 'piecewise', left: 10, bottom: 10, seriesIndex: 0,
                           pieces: SPOTS.map(function (s, i) { return { value: i, label: d.labels.spots[s], color: SPOT_COLOURS[i] }; }) };
    }
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
}());
