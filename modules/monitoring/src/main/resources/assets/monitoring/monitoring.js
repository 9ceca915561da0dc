// Safer Cities Kit, monitoring: the dashboard's progress chart, an indicator's series with its interval and the
// trajectory to its target, and its map by area. Data come from the elements' data-src (the CSP forbids inline
// script); every figure is also in the page's tables.
(function () {
  'use strict';
  var STATUS_COLOURS = { achieved: '#1a9850', on_track: '#91cf60', off_track: '#d73027', no_target: '#999', no_data: '#ccc' };

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-print]').forEach(function (b) {
      b.addEventListener('click', function () { window.print(); });
    });
    if (!window.echarts) { return; }
    load('progress-chart', progress);
    load('indicator-chart', series);
    load('indicator-map', map);
  });

  function load(id, draw) {
    var el = document.getElementById(id);
    if (!el) { return; }
    fetch(el.getAttribute('data-src'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (d) { draw(el, d); });
  }

  function chart(el) {
    var c = window.echarts.init(el, null, { renderer: 'svg' });
    window.addEventListener('resize', function () { c.resize(); });
    window.addEventListener('beforeprint', function () { c.resize(); });
    return c;
  }

  function progress(el, d) {
    if (!d.items.length) { el.hidden = true; return; }
    el.style.height = Math.max(160, 40 + 28 * d.items.length) + 'px';
    chart(el).setOption({
      animation: false,
      grid: { left: d.rtl ? 20 : 220, right: d.rtl ? 220 : 20, top: 20, bottom: 30 },
      xAxis: { type: 'value', inverse: d.rtl, min: -50, max: 150, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', position: d.rtl ? 'right' : 'left', inverse: true,
               data: d.items.map(function (i) { return i.name.length > 34 ? i.name.slice(0, 33) + '…' : i.name; }) },
      tooltip: { trigger: 'item', formatter: function (p) {
        var i = d.items[p.dataIndex];
        return escapeHtml(i.name) + '<br>' + i.share + ' % · ' + escapeHtml(i.statusLabel);
      } },
      series: [{ type: 'bar', data: d.items.map(function (i) {
        return { value: i.share, itemStyle: { color: STATUS_COLOURS[i.status] || '#888' } };
      }), markLine: { silent: true, symbol: 'none', label: { show: false }, data: [{ xAxis: 100 }], lineStyle: { color: '#333', type: 'dashed' } } }]
    });
  }

  function series(el, d) {
    var periods = [];
    d.series.forEach(function (p) { if (periods.indexOf(p.period) < 0) { periods.push(p.period); } });
    d.trajectory.forEach(function (p) { if (periods.indexOf(p.period) < 0) { periods.push(p.period); } });
    periods.sort(function (a, b) { return time(a) - time(b) || (a < b ? -1 : 1); });
    function at(list, key) {
      return periods.map(function (p) {
        var f = list.filter(function (x) { return x.period === p; })[0];
        return f && f[key] !== null ? f[key] : null;
      });
    }
    var low = at(d.series, 'low');
    var high = at(d.series, 'high');
    var band = high.map(function (h, i) { return h === null || low[i] === null ? null : h - low[i]; });
    var out = [
      { name: 'low', type: 'line', stack: 'ci', data: low, symbol: 'none', lineStyle: { opacity: 0 }, silent: true,
        tooltip: { show: false } },
      { name: d.labels.interval, type: 'line', stack: 'ci', data: band, symbol: 'none', lineStyle: { opacity: 0 },
        areaStyle: { color: '#9ecae1', opacity: 0.5 }, tooltip: { show: false } },
      { name: d.labels.value, type: 'line', data: at(d.series, 'value'), symbolSize: 7, lineStyle: { width: 2, color: '#08519c' },
        itemStyle: { color: '#08519c' }, connectNulls: false },
      { name: d.labels.trajectory, type: 'line', data: at(d.trajectory, 'value'), connectNulls: true,
        lineStyle: { type: 'dashed', color: '#d95f0e' }, itemStyle: { color: '#d95f0e' } }
    ];
    chart(el).setOption({
      animation: false,
      legend: { data: [d.labels.value, d.labels.interval, d.labels.trajectory], top: 0 },
      grid: { left: 60, right: 30, top: 40, bottom: 40 },
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v === null || v === undefined ? d.labels.hidden : fmt(v, d.decimals); } },
      xAxis: { type: 'category', data: periods, inverse: d.rtl, boundaryGap: false },
      yAxis: { type: 'value', name: d.unit, position: d.rtl ? 'right' : 'left', nameTextStyle: { align: d.rtl ? 'right' : 'left' } },
      toolbox: { feature: { saveAsImage: { title: d.labels.save, type: 'svg' } } },
      series: out
    });
  }

  function map(el, d) {
    if (!d.map) { el.hidden = true; return; }
    fetch(d.map.geo, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (geo) {
        if (!geo.features.length) { el.hidden = true; return; }
        window.echarts.registerMap('monitoring-areas', geo);
        var byName = {};
        d.map.values.forEach(function (v) { byName[v.name] = v; });
        var numbers = d.map.values.map(function (v) { return v.value; }).filter(function (x) { return x !== null; });
        var max = numbers.length ? Math.max.apply(null, numbers) : 1;
        var min = numbers.length ? Math.min.apply(null, numbers) : 0;
        chart(el).setOption({
          animation: false,
          title: { text: d.map.period, left: 'center', textStyle: { fontSize: 13 } },
          tooltip: { trigger: 'item', formatter: function (p) {
            var v = byName[p.name];
            if (!v) { return ''; }
            return escapeHtml(v.label) + '<br>' + (v.value === null ? escapeHtml(d.labels.hidden) : fmt(v.value, d.decimals) + ' ' + escapeHtml(d.unit));
          } },
          visualMap: { type: 'continuous', min: Math.min(0, min), max: max || 1, left: d.rtl ? 'right' : 'left', bottom: 10,
                       calculable: true, text: [fmt(max, d.decimals), fmt(Math.min(0, min), d.decimals)],
                       inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] }, outOfRange: { color: '#ddd' } },
          series: [{ type: 'map', map: 'monitoring-areas', roam: true, label: { show: false },
                     itemStyle: { borderColor: '#555', borderWidth: 0.6 }, emphasis: { label: { show: false } },
                     data: d.map.values.map(function (v) { return { name: v.name, value: v.value === null ? '-' : v.value }; }) }],
          toolbox: { feature: { saveAsImage: { title: d.labels.save, type: 'svg' } } }
        });
      });
  }

  function time(p) {
    var y = parseInt(p.slice(0, 4), 10);
    var q = /-Q(\d)/.exec(p);
    var m = /-(\d\d)$/.exec(p);
    return y + (q ? (parseInt(q[1], 10) - 1) / 4 : m ? (parseInt(m[1], 10) - 1) / 12 : 0);
  }

  function fmt(v, decimals) {
    return Number(v).toLocaleString(document.documentElement.lang || undefined,
      { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
}());
