/**
 * A self-contained HTML monitoring report: inline styles, inline data, an inline SVG render script;
 * no network, no Node APIs (the caller writes the string wherever it wants).
 */
import { InvalidInputError } from '@quantforge/core';
import type { DriftReport } from '../detect/detect-drift';
import type { MonitorSnapshot } from '../monitor/drift-monitor';
import { CLIENT_SCRIPT } from './client-script';

export interface RenderDriftReportOptions {
  /** Page title (default 'Data drift report'). */
  title?: string;
  /** A DriftMonitor's `history`, for the drift-over-time and model-performance sections. */
  history?: readonly MonitorSnapshot[];
  /** Free text shown under the title (e.g. the data source and time range). */
  subtitle?: string;
  /** Timestamp string shown in the footer (default none: the output is deterministic). */
  generatedAt?: string;
}

function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function num(v: number | null): string {
  if (v === null || v === undefined) return '—';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e5) ? v.toExponential(3) : String(Math.round(v * 1e4) / 1e4);
}

/** JSON safe inside a <script> element. */
function scriptJson(x: unknown): string {
  return JSON.stringify(x, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#222;background:#fafafa}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#666;margin-bottom:12px}.summary{display:flex;gap:16px;flex-wrap:wrap}
.card{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:10px 14px}
.card b{display:block;font-size:20px}.drift{color:#d62728}.ok{color:#2b8a3e}
table{border-collapse:collapse;background:#fff;font-size:13px}th,td{border:1px solid #e3e3e3;padding:4px 8px;text-align:right}
th{background:#f0f0f0}td.l,th.l{text-align:left}
.grid{display:flex;flex-wrap:wrap;gap:14px}.feature{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:8px}
.feature h3{font-size:14px;margin:0 0 4px}.qf-chart{min-height:40px}
footer{color:#888;font-size:12px;margin-top:24px}
`;

/**
 * Renders a {@link DriftReport} (and optionally a DriftMonitor history) as one self-contained HTML
 * page: a summary, the per-column test table with thresholds and decisions, a reference-vs-current
 * distribution chart per feature, drift over time (share of drifted columns with the dataset
 * threshold, and a column × window drift map), and model performance over time when the history
 * carries feedback metrics. Charts are inline SVG drawn by an inline script from inline JSON; the
 * page makes no network request. Each chart element gets `data-rendered="true"` and `data-marks`
 * once drawn (used by the browser test).
 */
export function renderDriftReport(report: DriftReport, options: RenderDriftReportOptions = {}): string {
  if (report === null || typeof report !== 'object' || !Array.isArray(report.columns)) {
    throw new InvalidInputError('report', 'must be a DriftReport (from detectDrift or DriftMonitor.lastReport)', report);
  }
  const title = options.title ?? 'Data drift report';
  const history = options.history ?? [];
  const cols = report.columns;
  const historyData =
    history.length > 0
      ? {
          x: history.map((h) => h.rowsSeen),
          share: history.map((h) => h.shareOfDriftedColumns),
          columns: history[0].columns.map((c) => c.column),
          drifted: history[0].columns.map((_, j) => history.map((h) => h.columns[j]?.drifted ?? false)),
        }
      : null;
  const perf = history.filter((h) => h.performance !== null);
  let performanceData: { x: number[]; series: { name: string; values: (number | null)[] }[] } | null = null;
  if (perf.length > 0) {
    const p0 = perf[0].performance as unknown as Record<string, unknown>;
    const keys = 'accuracy' in p0 ? ['accuracy', 'auc'] : ['mae', 'rmse'];
    performanceData = {
      x: perf.map((h) => h.rowsSeen),
      series: keys.map((k) => ({ name: k.toUpperCase(), values: perf.map((h) => ((h.performance as unknown as Record<string, number | null>)[k] ?? null)) })),
    };
  }
  const data = {
    distributions: cols.map((c) => c.distribution),
    history: historyData,
    performance: performanceData,
    driftShare: report.driftShare,
  };
  const rows = cols
    .map(
      (c) => `<tr><td class="l">${esc(c.column)}</td><td class="l">${c.type}</td><td class="l">${c.test}</td><td>${num(c.statistic)}</td>` +
        `<td>${num(c.pValue)}</td><td>${num(c.adjustedPValue)}</td><td>${c.kind === 'p-value' ? 'p &lt; ' : '≥ '}${num(c.threshold)}</td>` +
        `<td>${c.referenceSize} / ${c.currentSize}</td><td class="l ${c.drifted ? 'drift' : 'ok'}">${c.drifted ? 'DRIFT' : 'ok'}</td></tr>`,
    )
    .join('\n');
  const features = cols
    .map(
      (c, i) => `<div class="feature"><h3>${esc(c.column)} <span class="${c.drifted ? 'drift' : 'ok'}">${c.drifted ? '● drift' : '● ok'}</span></h3>` +
        `<div class="qf-chart" data-chart="distribution" data-index="${i}" data-column="${esc(c.column)}"></div>` +
        `<div class="sub">${c.test}: ${num(c.statistic)}${c.pValue !== null ? `, p = ${num(c.adjustedPValue ?? c.pValue)}` : ''}</div></div>`,
    )
    .join('\n');
  const over = historyData
    ? `<h2>Drift over time</h2><div class="qf-chart" data-chart="share"></div><div class="qf-chart" data-chart="heat"></div>`
    : '';
  const perfHtml = performanceData ? `<h2>Model performance</h2><div class="qf-chart" data-chart="performance"></div>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
${options.subtitle ? `<div class="sub">${esc(options.subtitle)}</div>` : ''}
<div class="summary">
<div class="card">Dataset drift<b class="${report.datasetDrift ? 'drift' : 'ok'}">${report.datasetDrift ? 'DETECTED' : 'not detected'}</b></div>
<div class="card">Drifted columns<b>${report.numberOfDriftedColumns} / ${report.numberOfColumns}</b></div>
<div class="card">Share (threshold)<b>${num(report.shareOfDriftedColumns)} (${num(report.driftShare)})</b></div>
<div class="card">Correction, alpha<b>${esc(report.correction)}, ${num(report.alpha)}</b></div>
<div class="card">Rows (reference / current)<b>${report.referenceRows} / ${report.currentRows}</b></div>
</div>
<h2>Test results</h2>
<table><thead><tr><th class="l">column</th><th class="l">type</th><th class="l">test</th><th>statistic</th><th>p-value</th><th>adjusted p</th><th>drift when</th><th>n ref / cur</th><th class="l">result</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Distributions (reference vs current)</h2>
<div class="grid">
${features}
</div>
${over}
${perfHtml}
<footer>@quantforge/drift report${options.generatedAt ? ` · ${esc(options.generatedAt)}` : ''} · self-contained, no network</footer>
<script type="application/json" id="qf-data">${scriptJson(data)}</script>
<script>${CLIENT_SCRIPT}</script>
</body></html>
`;
}
