// The network of actors (ECharts, served from the kit: nothing is fetched off the machine). The page gives the
// data address and the labels; the data is the server's JSON, already in the user's language.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('network');
    if (!box || !window.echarts) { return; }
    fetch(box.getAttribute('data-src'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var chart = window.echarts.init(box, null, { renderer: 'canvas' });
        var rtl = document.documentElement.getAttribute('dir') === 'rtl';
        chart.setOption({
          legend: [{ type: 'scroll', bottom: 0, data: data.categories.map(function (c) { return c.name; }) }],
          toolbox: { right: rtl ? null : 10, left: rtl ? 10 : null,
            feature: { saveAsImage: { title: box.getAttribute('data-save-label'), name: 'network', pixelRatio: 2 } } },
          tooltip: { formatter: function (p) { return p.dataType === 'edge' ? p.data.label : p.data.name + ' · ' + p.data.typeName; } },
          series: [{
            type: 'graph', layout: 'force', roam: true, draggable: true,
            categories: data.categories,
            data: data.nodes,
            links: data.links,
            label: { show: true, position: 'right', fontSize: 11 },
            force: { repulsion: 140, edgeLength: [40, 120], gravity: 0.08 },
            lineStyle: { color: 'source', opacity: 0.55, curveness: 0.1 },
            emphasis: { focus: 'adjacency' }
          }]
        });
        window.addEventListener('resize', function () { chart.resize(); });
      });
  });
}());
