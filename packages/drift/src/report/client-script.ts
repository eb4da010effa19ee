/**
 * The report's inline render script (plain browser JavaScript, no dependencies, no network). It
 * reads the embedded JSON, draws every `.qf-chart` as inline SVG and marks each chart with
 * `data-rendered="true"` and `data-marks="<number of drawn marks>"` when done.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('qf-data').textContent);
  var REF = '#4c78a8', CUR = '#f58518', BAD = '#d62728', OK = '#54a24b';
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, s, attrs) {
    var t = el('text', Object.assign({ x: x, y: y, 'font-size': 11, fill: '#333' }, attrs || {}), parent);
    t.textContent = s;
    return t;
  }
  function fmt(v) {
    if (v === null || v === undefined) return '';
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e4)) return v.toExponential(2);
    return String(Math.round(v * 1000) / 1000);
  }
  function frame(host, w, h) {
    var svg = el('svg', { width: w, height: h, viewBox: '0 0 ' + w + ' ' + h, role: 'img' });
    host.appendChild(svg);
    return svg;
  }
  function bars(host, spec) {
    var W = 420, H = 220, L = 40, R = 10, T = 20, B = 40;
    var svg = frame(host, W, H);
    var n = spec.reference.length;
    var max = 0, i;
    for (i = 0; i < n; i++) max = Math.max(max, spec.reference[i], spec.current[i]);
    if (!(max > 0)) max = 1;
    var bw = (W - L - R) / n;
    var marks = 0;
    el('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#999' }, svg);
    for (i = 0; i < n; i++) {
      var x0 = L + i * bw;
      var hr = (spec.reference[i] / max) * (H - T - B);
      var hc = (spec.current[i] / max) * (H - T - B);
      el('rect', { x: x0 + 1, y: H - B - hr, width: Math.max(bw / 2 - 1, 1), height: Math.max(hr, 0.5), fill: REF, 'class': 'mark' }, svg);
      el('rect', { x: x0 + bw / 2, y: H - B - hc, width: Math.max(bw / 2 - 1, 1), height: Math.max(hc, 0.5), fill: CUR, 'class': 'mark' }, svg);
      marks += 2;
    }
    if (spec.kind === 'numeric') {
      text(svg, L, H - B + 14, fmt(spec.edges[0]));
      text(svg, W - R, H - B + 14, fmt(spec.edges[spec.edges.length - 1]), { 'text-anchor': 'end' });
    } else {
      for (i = 0; i < n && i < 12; i++) text(svg, L + i * bw + bw / 2, H - B + 14, String(spec.categories[i]).slice(0, 8), { 'text-anchor': 'middle', 'font-size': 9 });
    }
    text(svg, 4, T, fmt(max));
    el('rect', { x: L, y: H - 14, width: 10, height: 10, fill: REF }, svg);
    text(svg, L + 14, H - 5, 'reference');
    el('rect', { x: L + 90, y: H - 14, width: 10, height: 10, fill: CUR }, svg);
    text(svg, L + 104, H - 5, 'current');
    return marks;
  }
  function lines(host, series, opts) {
    var W = 640, H = 220, L = 44, R = 10, T = 16, B = 36;
    var svg = frame(host, W, H);
    var xs = opts.x, lo = opts.min, hi = opts.max, i, s;
    for (s = 0; s < series.length; s++) for (i = 0; i < series[s].values.length; i++) {
      var v = series[s].values[i];
      if (v === null || !isFinite(v)) continue;
      lo = lo === undefined ? v : Math.min(lo, v);
      hi = hi === undefined ? v : Math.max(hi, v);
    }
    if (lo === undefined) { lo = 0; hi = 1; }
    if (!(hi > lo)) hi = lo + 1;
    var x0 = xs[0], x1 = xs[xs.length - 1];
    if (!(x1 > x0)) x1 = x0 + 1;
    function px(x) { return L + ((x - x0) / (x1 - x0)) * (W - L - R); }
    function py(y) { return H - B - ((y - lo) / (hi - lo)) * (H - T - B); }
    el('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#999' }, svg);
    el('line', { x1: L, y1: T, x2: L, y2: H - B, stroke: '#999' }, svg);
    text(svg, 4, py(hi) + 4, fmt(hi));
    text(svg, 4, py(lo), fmt(lo));
    text(svg, L, H - B + 14, fmt(x0));
    text(svg, W - R, H - B + 14, fmt(x1), { 'text-anchor': 'end' });
    var marks = 0;
    if (opts.threshold !== undefined) {
      el('line', { x1: L, x2: W - R, y1: py(opts.threshold), y2: py(opts.threshold), stroke: BAD, 'stroke-dasharray': '4 3' }, svg);
      text(svg, W - R, py(opts.threshold) - 3, 'threshold ' + fmt(opts.threshold), { 'text-anchor': 'end', fill: BAD });
    }
    var palette = [REF, CUR, OK, '#b279a2', '#9d755d', '#e45756'];
    for (s = 0; s < series.length; s++) {
      var d = '', started = false;
      for (i = 0; i < xs.length; i++) {
        var y = series[s].values[i];
        if (y === null || !isFinite(y)) { started = false; continue; }
        d += (started ? 'L' : 'M') + px(xs[i]).toFixed(1) + ' ' + py(y).toFixed(1) + ' ';
        started = true;
        el('circle', { cx: px(xs[i]), cy: py(y), r: 2.5, fill: palette[s % palette.length], 'class': 'mark' }, svg);
        marks++;
      }
      el('path', { d: d, fill: 'none', stroke: palette[s % palette.length], 'stroke-width': 1.5 }, svg);
      el('rect', { x: L + 8 + s * 110, y: H - 14, width: 10, height: 10, fill: palette[s % palette.length] }, svg);
      text(svg, L + 22 + s * 110, H - 5, series[s].name);
    }
    return marks;
  }
  function heat(host, spec) {
    var rows = spec.columns.length, cols = spec.x.length;
    var L = 110, T = 6, cw = Math.max(4, Math.min(24, Math.floor(520 / Math.max(cols, 1)))), ch = 16;
    var svg = frame(host, L + cols * cw + 10, T + rows * ch + 20);
    var marks = 0;
    for (var r = 0; r < rows; r++) {
      text(svg, 2, T + r * ch + 12, String(spec.columns[r]).slice(0, 16));
      for (var c = 0; c < cols; c++) {
        var v = spec.drifted[r][c];
        el('rect', { x: L + c * cw, y: T + r * ch, width: cw - 1, height: ch - 2, fill: v ? BAD : OK, 'class': 'mark' }, svg);
        marks++;
      }
    }
    text(svg, L, T + rows * ch + 14, 'red = drift detected, green = no drift');
    return marks;
  }
  var charts = document.querySelectorAll('.qf-chart');
  for (var i = 0; i < charts.length; i++) {
    var host = charts[i], kind = host.getAttribute('data-chart'), marks = 0;
    if (kind === 'distribution') marks = bars(host, data.distributions[Number(host.getAttribute('data-index'))]);
    else if (kind === 'share') marks = lines(host, [{ name: 'share of drifted columns', values: data.history.share }], { x: data.history.x, min: 0, max: 1, threshold: data.driftShare });
    else if (kind === 'heat') marks = heat(host, data.history);
    else if (kind === 'performance') marks = lines(host, data.performance.series, { x: data.performance.x });
    host.setAttribute('data-marks', String(marks));
    host.setAttribute('data-rendered', marks > 0 ? 'true' : 'empty');
  }
  document.body.setAttribute('data-report-ready', 'true');
})();
`;
