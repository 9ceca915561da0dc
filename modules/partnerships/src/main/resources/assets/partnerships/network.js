// The network of actors (ECharts, served from the kit: nothing is fetched off the machine). The page gives the
// data address and the labels; the data is the server's JSON, already in the user's language. "Save as SVG"
// draws the same picture, at the same positions, with ECharts' SVG renderer.
//
// Two pictures, the same meaning (who is connected to whom, coloured by type, sized by influence):
// - up to LARGE actors, ECharts' own graph with its animated force layout, names beside the nodes;
// - beyond, a city-wide coalition (2,000 actors, 10,000 relationships must draw in under 2 s,
//   bench/partnerships-network.sh): ECharts' graph builds one object per relationship and its force layout
//   compares every pair of actors at each of ~500 steps, several seconds. Here the layout is computed once,
//   in 40 steps, before drawing (forceLayout); actors are points and relationships one "large" path per
//   type (a few objects instead of 12,000); names of the most influential actors are shown, the others and
//   an actor's relationships on hover; wheel and drag zoom and move, as in the small picture.
(function () {
  'use strict';

  var LARGE = 300;
  var LAYOUT_STEPS = 40;
  var NAMED_FROM = 4;  // influence (1-5) from which a small picture names an actor at first sight
  var LABELLED = 25;   // names shown at once in a large picture: the most influential, most connected actors
  // ECharts 5's default palette, named here so that points and relationships of one type share a colour
  var PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'];

  function option(data, box, rtl, fixed) {
    return data.nodes.length > LARGE ? largeOption(data, box, rtl, !!fixed) : graphOption(data, box, rtl, fixed);
  }

  function toolbox(box, rtl, fixed) {
    return fixed ? { show: false } : { right: rtl ? null : 10, left: rtl ? 10 : null,
      feature: { saveAsImage: { title: box.getAttribute('data-save-label'), name: 'network', pixelRatio: 2 } } };
  }

  /** A formatter's string is HTML to the tooltip: names typed by users are escaped. */
  function escape(text) {
    return window.echarts.format.encodeHTML(String(text));
  }

  function legend(data) {
    return [{ type: 'scroll', bottom: 0, data: data.categories.map(function (c) { return c.name; }) }];
  }

  /**
   * The small picture. Readable at first sight (a demo coalition at 1280x800): names only of the more influential
   * actors (influence >= NAMED_FROM), and of those only where they fit (hideOverlap: the most influential win,
   * as they come first); zooming in shows more, hovering any actor shows its name and type.
   */
  function graphOption(data, box, rtl, fixed) {
    var nodes = (fixed || data.nodes).map(function (n) { return Object.assign({}, n, { label: { show: (n.value || 0) >= NAMED_FROM } }); });
    return {
      animation: !fixed,
      textStyle: { fontFamily: fontFamily() },
      legend: legend(data),
      toolbox: toolbox(box, rtl, fixed),
      tooltip: { formatter: function (p) { return p.dataType === 'edge' ? escape(p.data.label) : escape(p.data.name + ' · ' + p.data.typeName); } },
      series: [{
        type: 'graph', layout: fixed ? 'none' : 'force', roam: !fixed, draggable: !fixed,
        categories: data.categories,
        data: nodes,
        links: data.links,
        top: 40, bottom: 50,
        label: { position: rtl ? 'left' : 'right', fontSize: 12, color: '#1b2733', textBorderColor: '#fff', textBorderWidth: 3 },
        labelLayout: { hideOverlap: true },
        // laid out before the first frame (no drifting picture): the names that fit are chosen once, on a still picture
        force: { repulsion: 320, edgeLength: [70, 170], gravity: 0.06, layoutAnimation: false },
        lineStyle: { color: 'source', opacity: 0.45, curveness: 0.1 },
        emphasis: { focus: 'adjacency', label: { show: true } }
      }]
    };
  }

  /** The page's own fonts (with the kit's fallback fonts), so that the canvas draws Chinese and Arabic too. */
  function fontFamily() {
    return window.getComputedStyle(document.body).fontFamily;
  }

  /**
   * The large picture: per type, one "large" lines series (its actors' relationships, drawn as one path,
   * coloured by the type of the actor they start from) and "large" point series (one per influence score, as
   * a large series has one symbol size), plus the labelled actors as ordinary points. All carry the type's
   * name, so the legend shows and hides them together.
   */
  function largeOption(data, box, rtl, fixed) {
    var net = largeNetwork(data);
    var series = [];
    data.categories.forEach(function (c, type) {
      var color = PALETTE[type % PALETTE.length];
      if (net.lines[type].length) {
        series.push({ type: 'lines', name: c.name, coordinateSystem: 'cartesian2d', large: true, largeThreshold: 0,
          progressive: 0, silent: true, lineStyle: { color: color, width: 0.6, opacity: 0.25 }, data: net.lines[type] });
      }
      net.points[type].forEach(function (points, size) {
        series.push({ type: 'scatter', name: c.name, large: true, largeThreshold: 0, progressive: 0, symbolSize: size,
          itemStyle: { color: color }, data: points });
      });
      if (net.labelled[type].length) {
        series.push({ type: 'scatter', name: c.name, progressive: 0, itemStyle: { color: color, borderColor: '#fff' },
          label: { show: true, position: rtl ? 'left' : 'right', fontSize: 11, formatter: '{b}' },
          labelLayout: { hideOverlap: true }, data: net.labelled[type] });
      }
    });
    return {
      animation: false,
      textStyle: { fontFamily: fontFamily() },
      legend: legend(data),
      toolbox: toolbox(box, rtl, fixed),
      tooltip: { formatter: function (p) { return escape(p.data.name + ' · ' + p.data.typeName); } },
      grid: { left: 10, right: 10, top: 30, bottom: 40 },
      xAxis: { type: 'value', show: false, scale: true },
      yAxis: { type: 'value', show: false, scale: true },
      dataZoom: fixed ? [] : [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' },
        { type: 'inside', yAxisIndex: 0, filterMode: 'none' }],
      series: series
    };
  }

  /** Points and relationship segments per type, at the positions of the layout (computed once per page). */
  function largeNetwork(data) {
    if (data.large) { return data.large; }
    var xy = forceLayout(data.nodes, data.links, LAYOUT_STEPS);
    var at = {}, degree = {}, points = [], labelled = [], lines = [];   // points: per type, sparse by size
    data.categories.forEach(function () { points.push([]); labelled.push([]); lines.push([]); });
    data.nodes.forEach(function (n, i) { at[n.id] = i; degree[n.id] = 0; });
    var adjacent = data.nodes.map(function () { return []; });
    data.links.forEach(function (l) {
      var a = at[l.source], b = at[l.target];
      if (a === undefined || b === undefined) { return; }
      degree[l.source]++; degree[l.target]++;
      adjacent[a].push(b); adjacent[b].push(a);
      lines[data.nodes[a].category].push({ coords: [xy[a], xy[b]] });
    });
    var named = {};
    data.nodes.slice().sort(function (p, q) { return weight(q) - weight(p); }).slice(0, LABELLED)
      .forEach(function (n) { named[n.id] = true; });
    data.nodes.forEach(function (n, i) {
      var size = Math.max(4, Math.round(n.symbolSize / 2));
      var point = { name: n.name, typeName: n.typeName, index: i, value: xy[i] };
      if (named[n.id]) {
        labelled[n.category].push(Object.assign(point, { symbolSize: size }));
      } else {
        (points[n.category][size] || (points[n.category][size] = [])).push(point);
      }
    });
    function weight(n) { return (n.value || 0) * 100000 + degree[n.id]; }
    data.large = { xy: xy, points: points, labelled: labelled, lines: lines, adjacent: adjacent };
    return data.large;
  }

  /**
   * Who is connected to whom, in the large picture: hovering an actor draws its relationships on top, drawn
   * straight on the chart's canvas (no new option, so no redraw of the 10,000 others).
   */
  function showAdjacency(chart, data) {
    var shown = null;
    function clear() { if (shown) { chart.getZr().remove(shown); shown = null; } }
    chart.on('mouseover', { seriesType: 'scatter' }, function (p) {
      clear();
      var net = data.large, from = chart.convertToPixel({ gridIndex: 0 }, net.xy[p.data.index]);
      shown = new window.echarts.graphic.Group({ silent: true });
      net.adjacent[p.data.index].forEach(function (j) {
        var to = chart.convertToPixel({ gridIndex: 0 }, net.xy[j]);
        shown.add(new window.echarts.graphic.Line({ shape: { x1: from[0], y1: from[1], x2: to[0], y2: to[1] },
          style: { stroke: p.color, lineWidth: 2 }, z: 100 }));   // a group's z does not reach its children
      });
      chart.getZr().add(shown);
    });
    chart.on('mouseout', { seriesType: 'scatter' }, clear);
    chart.on('datazoom', clear);
    chart.on('legendselectchanged', clear);
  }

  /**
   * The search box: the names as suggestions; a name typed or chosen is highlighted with its relationships and
   * its tooltip shown (in the large picture, at its place). An unknown name says so in the status line.
   */
  function search(chart, data) {
    var input = document.getElementById('network-find');
    var list = document.getElementById('network-names');
    var status = document.getElementById('network-found');
    if (!input || !list) { return; }
    input.closest('form').hidden = false;
    var byName = {};
    data.nodes.forEach(function (n, i) { byName[n.name.toLocaleLowerCase()] = i; });
    data.nodes.map(function (n) { return n.name; }).sort().forEach(function (name) {
      var o = document.createElement('option');
      o.value = name;
      list.appendChild(o);
    });
    var shown = null;
    function find(event) {
      if (event) { event.preventDefault(); }
      var i = byName[input.value.trim().toLocaleLowerCase()];
      if (shown !== null) { chart.dispatchAction({ type: 'downplay', seriesIndex: 0, dataIndex: shown }); shown = null; }
      status.textContent = i === undefined && input.value.trim() ? status.getAttribute('data-none') : '';
      if (i === undefined) { return; }
      if (data.large) {
        var xy = chart.convertToPixel({ gridIndex: 0 }, data.large.xy[i]);
        chart.dispatchAction({ type: 'showTip', x: xy[0], y: xy[1] });
        return;
      }
      shown = i;
      chart.dispatchAction({ type: 'highlight', seriesIndex: 0, dataIndex: i });
      chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i });
    }
    input.closest('form').addEventListener('submit', find);
    input.addEventListener('change', function () { find(null); });
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
    svg.setOption(option(data, box, rtl, data.nodes.length > LARGE ? true : placedNodes(chart, data)));
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
        return document.fonts.ready.then(function () { return data; });
      })
      .then(function (data) {
        if (data.nodes.length <= LARGE) {   // the most influential first: their names win where names overlap
          data.nodes.sort(function (p, q) { return (q.value || 0) - (p.value || 0); });
        }
        var chart = window.echarts.init(box, null, { renderer: 'canvas' });
        var rtl = document.documentElement.getAttribute('dir') === 'rtl';
        chart.setOption(option(data, box, rtl, null));
        if (data.large) { showAdjacency(chart, data); }
        search(chart, data);
        window.addEventListener('resize', function () { chart.resize(); });
        var button = document.getElementById('network-svg');
        if (button) {
          button.hidden = false;
          button.addEventListener('click', function () { saveSvg(chart, data, box, rtl); });
        }
      });
  });

  /**
   * A force layout computed once, in a fixed number of steps (Fruchterman and Reingold; repulsion only between
   * neighbours on a grid, so each step costs about nodes + links instead of nodes squared). Deterministic:
   * the same coalition always gets the same picture. Returns [x, y] per node, in a square of side 1000.
   */
  function forceLayout(nodes, links, steps) {
    var n = nodes.length, side = 1000, k = side / Math.sqrt(Math.max(n, 1)), cell = 2 * k;
    var x = new Float64Array(n), y = new Float64Array(n), dx = new Float64Array(n), dy = new Float64Array(n);
    var index = {}, from = [], to = [], i, j, s, pull;
    for (i = 0; i < n; i++) {   // a sunflower spiral: spread out, no two nodes on the same spot
      var r = side / 2 * Math.sqrt((i + 0.5) / n), a = i * 2.399963;
      x[i] = side / 2 + r * Math.cos(a);
      y[i] = side / 2 + r * Math.sin(a);
      index[nodes[i].id] = i;
    }
    links.forEach(function (l) {
      if (index[l.source] !== undefined && index[l.target] !== undefined) { from.push(index[l.source]); to.push(index[l.target]); }
    });
    // a city-wide coalition has many links per actor: each pulls less, or the picture collapses into a ball
    pull = Math.min(1, n / Math.max(from.length, 1)) / 4;
    var cols = Math.ceil(side * 2 / cell) + 1, head = new Int32Array(cols * cols), next = new Int32Array(n);
    for (s = 0; s < steps; s++) {
      var heat = side / 10 * (1 - s / steps) + 1;
      dx.fill(0); dy.fill(0); head.fill(-1);
      for (i = 0; i < n; i++) {   // the grid: nodes further apart than one cell do not push each other
        var c = cellOf(x[i], cols, cell, side) * cols + cellOf(y[i], cols, cell, side);
        next[i] = head[c]; head[c] = i;
      }
      for (i = 0; i < n; i++) {
        var cx = cellOf(x[i], cols, cell, side), cy = cellOf(y[i], cols, cell, side);
        for (var gx = Math.max(cx - 1, 0); gx <= Math.min(cx + 1, cols - 1); gx++) {
          for (var gy = Math.max(cy - 1, 0); gy <= Math.min(cy + 1, cols - 1); gy++) {
            for (j = head[gx * cols + gy]; j >= 0; j = next[j]) {
              if (j === i) { continue; }
              var ex = x[i] - x[j], ey = y[i] - y[j], d2 = ex * ex + ey * ey + 0.01;
              if (d2 < cell * cell) { var f = k * k / d2; dx[i] += ex * f; dy[i] += ey * f; }
            }
          }
        }
      }
      for (j = 0; j < from.length; j++) {
        var p = from[j], q = to[j], lx = x[p] - x[q], ly = y[p] - y[q], d = Math.sqrt(lx * lx + ly * ly) + 0.01, g = pull * Math.min(d / k, 1);
        dx[p] -= lx * g; dy[p] -= ly * g; dx[q] += lx * g; dy[q] += ly * g;
      }
      for (i = 0; i < n; i++) {   // a little gravity keeps loose actors in the picture; the heat limits each move
        dx[i] += (side / 2 - x[i]) * 0.004 * k; dy[i] += (side / 2 - y[i]) * 0.004 * k;
        var m = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) + 0.01, move = Math.min(m, heat) / m;
        x[i] += dx[i] * move; y[i] += dy[i] * move;
      }
    }
    var out = new Array(n);
    for (i = 0; i < n; i++) { out[i] = [x[i], y[i]]; }
    return out;
  }

  function cellOf(v, cols, cell, side) {
    return Math.min(Math.max(Math.floor((v + side / 2) / cell), 0), cols - 1);
  }
}());
