// The network of actors (ECharts, served from the kit: nothing is fetched off the machine). The page gives the
// data address and the labels; the data is the server's JSON, already in the user's language. "Save as SVG"
// draws the same picture, at the positions the force layout reached, with ECharts' SVG renderer.
(function () {
  'use strict';

  // Beyond this many actors the names are shown on hover only and links are straight: a city-wide coalition of
  // 2,000 actors must draw in under 2 s (bench/partnerships-network.sh).
  var LARGE = 300;

  function option(data, box, rtl, fixed) {
    var large = data.nodes.length > LARGE;
    return {
      animation: !fixed,
      legend: [{ type: 'scroll', bottom: 0, data: data.categories.map(function (c) { return c.name; }) }],
      toolbox: fixed ? { show: false } : { right: rtl ? null : 10, left: rtl ? 10 : null,
        feature: { saveAsImage: { title: box.getAttribute('data-save-label'), name: 'network', pixelRatio: 2 } } },
      tooltip: { formatter: function (p) { return p.dataType === 'edge' ? p.data.label : p.data.name + ' · ' + p.data.typeName; } },
      series: [{
        type: 'graph', layout: fixed ? 'none' : 'force', roam: !fixed, draggable: !fixed,
        categories: data.categories,
        data: fixed || data.nodes,
        links: data.links,
        label: { show: !large, position: 'right', fontSize: 11 },
        force: { repulsion: large ? 60 : 140, edgeLength: large ? [20, 60] : [40, 120], gravity: large ? 0.2 : 0.08 },
        lineStyle: { color: 'source', opacity: large ? 0.25 : 0.55, curveness: large ? 0 : 0.1 },
        emphasis: { focus: 'adjacency', label: { show: true } }
      }]
    };
  }

  /** The nodes where the live chart shows them now (the force layout's result). */
  function placedNodes(chart, data) {
    var layout = chart.getModel().getSeriesByIndex(0).getData();
    return data.nodes.map(function (n, i) {
      var xy = layout.getItemLayout(i) || [0, 0];
      return Object.assign({}, n, { x: xy[0], y: xy[1] });
    });
  }

  function saveSvg(chart, data, box, rtl) {
    var holder = document.createElement('div');
    holder.style.width = box.clientWidth + 'px';
    holder.style.height = box.clientHeight + 'px';
    var svg = window.echarts.init(holder, null, { renderer: 'svg', ssr: true, width: box.clientWidth, height: box.clientHeight });
    svg.setOption(option(data, box, rtl, placedNodes(chart, data)));
    var text = svg.renderToSVGString();
    svg.dispose();
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    link.download = 'network.svg';
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('network');
    if (!box || !window.echarts) { return; }
    fetch(box.getAttribute('data-src'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var chart = window.echarts.init(box, null, { renderer: 'canvas' });
        var rtl = document.documentElement.getAttribute('dir') === 'rtl';
        chart.setOption(option(data, box, rtl, null));
        window.addEventListener('resize', function () { chart.resize(); });
        var button = document.getElementById('network-svg');
        if (button) {
          button.hidden = false;
          button.addEventListener('click', function () { saveSvg(chart, data, box, rtl); });
        }
      });
  });
}());
