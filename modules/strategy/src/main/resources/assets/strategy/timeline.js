// The action plan's timeline (Gantt), drawn with the kit's ECharts (nothing is fetched off the machine). The page
// gives the data address; the data is the server's JSON, already in the user's language. One bar per dated action,
// from its start to the end of its end day, in groups; coloured by status; a line marks today. In Arabic time runs
// from right to left (the time axis is inverted and the action names stand on the right).
(function () {
  'use strict';
  var COLOURS = { planned: '#56b4e9', ready: '#0072b2', under_way: '#e69f00', done: '#009e73', dropped: '#999999' };
  var ROW = 26;
  var LABEL = 260; // px for the action names beside the bars (longer names are cut short: the table has them whole)
  var DAY = 86400000;
  var PRINT_WIDTH = 1000; // px: A4 landscape less its margins, at the browser's 96 px per inch

  function day(iso) {
    var p = iso.split('-');
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }

  // One category per row, top to bottom: a group's name, then its actions.
  function rows(data) {
    var out = [];
    data.groups.forEach(function (g) {
      out.push({ header: true, name: g.name });
      g.actions.forEach(function (a) { out.push({ header: false, name: a.title, action: a }); });
    });
    return out;
  }

  function bar(params, api) {
    var y = api.value(0);
    var a = api.coord([api.value(1), y]);
    var b = api.coord([api.value(2), y]);
    var h = api.size([0, 1])[1] * 0.6;
    var shape = window.echarts.graphic.clipRectByRect(
      { x: Math.min(a[0], b[0]), y: a[1] - h / 2, width: Math.max(Math.abs(b[0] - a[0]), 2), height: h },
      { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
    return shape && { type: 'rect', shape: shape, style: api.style() };
  }

  function option(data, lines, width) {
    var esc = window.echarts.format.encodeHTML;
    var months = new Intl.DateTimeFormat(data.lang, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    var today = day(data.today);
    var min = Math.min(day(data.first), today) - 15 * DAY;
    var max = Math.max(day(data.last) + DAY, today) + 15 * DAY;
    var series = data.statuses.map(function (s) {
      var items = [];
      lines.forEach(function (r, i) {
        if (!r.header && r.action.status === s.code) {
          items.push({ value: [i, day(r.action.start), day(r.action.end) + DAY], action: r.action });
        }
      });
      return { type: 'custom', name: s.label, renderItem: bar, encode: { x: [1, 2], y: 0 }, data: items,
        itemStyle: { color: COLOURS[s.code] || '#666' } };
    });
    series.push({ type: 'scatter', name: data.todayLabel, data: [], silent: true,
      markLine: { symbol: 'none', silent: true, data: [{ xAxis: today }], lineStyle: { color: '#b3261e', type: 'dashed', width: 2 },
        label: { formatter: data.todayLabel, position: 'end', color: '#b3261e' } } });
    return {
      animation: false,
      useUTC: true,
      legend: { top: 0, data: data.statuses.map(function (s) { return s.label; }) },
      tooltip: { formatter: function (p) {
        var a = p.data && p.data.action;
        return a ? '<b>' + esc(a.title) + '</b><br>' + esc(a.dates) + '<br>' + esc(a.statusLabel) : '';
      } },
      grid: { top: 64, bottom: 24, left: data.rtl ? 24 : LABEL + 16, right: data.rtl ? LABEL + 16 : 24 },
      xAxis: { type: 'time', position: 'top', inverse: data.rtl, min: min, max: max,
        splitNumber: Math.max(2, Math.floor((width - LABEL - 40) / 110)),
        splitLine: { show: true, lineStyle: { color: '#e5e9ee' } },
        axisLabel: { hideOverlap: true, formatter: function (v) { return months.format(new Date(v)); } } },
      yAxis: { type: 'category', inverse: true, position: data.rtl ? 'right' : 'left',
        data: lines.map(function (r) { return r.name; }), axisTick: { show: false },
        axisLabel: { width: LABEL, overflow: 'truncate', interval: 0,
          formatter: function (v, i) { return lines[i].header ? '{g|' + v.replace(/[{}]/g, '') + '}' : v; },
          rich: { g: { fontWeight: 'bold', color: '#1b2733' } } } },
      series: series
    };
  }

  document.addEventListener('DOMContentLoaded', function () {
    var print = document.getElementById('timeline-print');
    if (print) {
      print.hidden = false;
      print.addEventListener('click', function () { window.print(); });
    }
    var box = document.getElementById('timeline');
    if (!box || !window.echarts) { return; }
    fetch(box.getAttribute('data-src'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var lines = rows(data);
        box.style.height = (lines.length * ROW + 90) + 'px';
        var chart = window.echarts.init(box, null, { renderer: 'svg' });
        var draw = function (width) {
          chart.setOption(option(data, lines, width || box.clientWidth));
          chart.resize(width ? { width: width } : undefined);
        };
        draw(undefined);
        chart.on('click', function (p) {
          if (p.data && p.data.action) { window.location.href = p.data.action.url; }
        });
        box.setAttribute('data-ready', 'true');
        box.setAttribute('data-bars', String(lines.filter(function (r) { return !r.header; }).length));
        // Drawn again at the printed page's width (also when a test emulates print media).
        var printing = window.matchMedia('print');
        var fit = function () { draw(printing.matches ? PRINT_WIDTH : undefined); };
        window.addEventListener('resize', fit);
        printing.addEventListener('change', fit);
        window.addEventListener('beforeprint', function () { draw(PRINT_WIDTH); });
        window.addEventListener('afterprint', fit);
      });
  });
}());
