// Drift benchmark (issue 7, speed): @quantforge/drift against scipy on the same data, in one run.
//   1. KS two-sample test, 100,000 vs 100,000 (method 'auto' = asymp in both: sizes > 10,000)
//   2. exact KS, 1,000 vs 1,000 (method 'exact')
//   3. Wasserstein-1, 1,000,000 vs 1,000,000
//   4. detectDrift over a 50-column table of 100,000 reference and 100,000 current rows; scipy peer:
//      a loop of ks_2samp per column. Ours twice: forced KS on every column (the like-for-like
//      peer) and the default rule (normed Wasserstein above 1,000 rows).
// scipy runs in a /usr/bin/python3 subprocess that loads the same float64 data from binary files,
// times itself (median of repeats, time.perf_counter) and prints JSON. Goal: <= 1x scipy's time.
// Writes the table and the machine line to benchmarks/results/drift.md.
// Environment: BENCH_REPEATS (default 5); DRIFT_MODULE overrides the module (default
// '@quantforge/drift', i.e. packages/drift/dist; when that dist cannot load because the core dist
// predates the chi-square exports, the script bundles packages/drift/src with esbuild instead).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printMachine } from './lib/machine.mjs';
import { createRng } from './lib/rng.mjs';
import { fmtErr, fmtRatio, loadNote, measure, printTable } from './lib/timing.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'qf-drift-bench-'));

async function loadDrift() {
  const spec = process.env.DRIFT_MODULE ?? '@quantforge/drift';
  try {
    return { mod: await import(spec), source: spec === '@quantforge/drift' ? 'packages/drift/dist' : spec };
  } catch (e) {
    const esbuild = await import('esbuild');
    const out = join(work, 'drift-bundle.mjs');
    await esbuild.build({
      entryPoints: [join(HERE, '..', 'packages', 'drift', 'src', 'index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      outfile: out,
      alias: { '@quantforge/core': join(HERE, '..', 'packages', 'core', 'src', 'index.ts') },
      logLevel: 'error',
    });
    return { mod: await import(pathToFileURL(out).href), source: `esbuild bundle of packages/drift/src (dist import failed: ${e.message.split('\n')[0]})` };
  }
}

const { mod: drift, source } = await loadDrift();
const { ksTest, wasserstein1, detectDrift } = drift;

const lines = [];
const log = console.log;
console.log = (...a) => {
  lines.push(a.join(' '));
  log(...a);
};

console.log('# Drift: two-sample tests and detectDrift vs scipy');
console.log('');
printMachine();
console.log(`  ours: ${source}`);
console.log(`  before: ${await loadNote()}`);
console.log('');

// Inputs: seeded normals (Box-Muller on sfc32 uniforms); current samples shifted / scaled a little.
const rng = createRng(20261127);
function normals(n, shift = 0, scale = 1) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - rng.uniform();
    const v = rng.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = shift + scale * r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = shift + scale * r * Math.sin(2 * Math.PI * v);
  }
  return out;
}
const data = {
  ksA: normals(100000),
  ksB: normals(100000, 0.01),
  exA: normals(1000),
  exB: normals(1000, 0.1),
  wA: normals(1000000),
  wB: normals(1000000, 0.02, 1.05),
};
const COLS = 50;
const ROWS = 100000;
const tabRef = new Float64Array(COLS * ROWS);
const tabCur = new Float64Array(COLS * ROWS);
for (let c = 0; c < COLS; c++) {
  tabRef.set(normals(ROWS), c * ROWS);
  tabCur.set(normals(ROWS, c % 10 === 0 ? 0.05 : 0), c * ROWS);
}
for (const [k, v] of Object.entries({ ...data, tabRef, tabCur })) writeFileSync(join(work, `${k}.f64`), Buffer.from(v.buffer));
const colTable = (buf) => Object.fromEntries(Array.from({ length: COLS }, (_, c) => [`f${c}`, buf.subarray(c * ROWS, (c + 1) * ROWS)]));
const refTable = colTable(tabRef);
const curTable = colTable(tabCur);

const PY = String.raw`
import json, sys, time, os
import numpy as np, scipy
from scipy import stats
d = sys.argv[1]; R = int(sys.argv[2])
L = lambda k: np.fromfile(os.path.join(d, k + '.f64'), dtype=np.float64)
ksA, ksB, exA, exB, wA, wB = (L(k) for k in ['ksA', 'ksB', 'exA', 'exB', 'wA', 'wB'])
ref = L('tabRef').reshape(50, -1); cur = L('tabCur').reshape(50, -1)
def med(f, r):
    ts = []
    for i in range(r + 1):
        t0 = time.perf_counter(); v = f(); t1 = time.perf_counter()
        if i: ts.append(t1 - t0)
    ts.sort(); return ts[len(ts) // 2] * 1e9, v
out = {'version': scipy.__version__}
t, v = med(lambda: stats.ks_2samp(ksA, ksB), R); out['ks'] = [t, float(v.statistic), float(v.pvalue)]
t, v = med(lambda: stats.ks_2samp(exA, exB, method='exact'), R); out['ksExact'] = [t, float(v.statistic), float(v.pvalue)]
t, v = med(lambda: stats.wasserstein_distance(wA, wB), R); out['w1'] = [t, float(v)]
t, v = med(lambda: [stats.ks_2samp(ref[c], cur[c]).pvalue for c in range(50)], max(2, R // 2)); out['table'] = [t, [float(x) for x in v]]
print(json.dumps(out))
`;
const py = spawnSync('/usr/bin/python3', ['-c', PY, work, String(REPEATS)], { encoding: 'utf8', maxBuffer: 1 << 26 });
let sp = null;
if (py.status === 0) sp = JSON.parse(py.stdout.trim().split('\n').pop());
else console.log(`scipy peer failed: ${py.stderr || py.error}`);

const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const rows = [];
function row(task, ours, peer, acc) {
  rows.push([task, (ours / 1e6).toFixed(2), peer ? (peer / 1e6).toFixed(2) : 'n/a', peer ? fmtRatio(ours / peer) : 'n/a', acc]);
}

let r = measure(() => ksTest(data.ksA, data.ksB), { warmup: 2, repeats: REPEATS });
let res = ksTest(data.ksA, data.ksB);
row('KS 100,000 vs 100,000 (auto = asymp)', r.median, sp?.ks[0], sp ? `D ${fmtErr(rel(res.statistic, sp.ks[1]))}, p ${fmtErr(rel(res.pValue, sp.ks[2]))} (p = ${res.pValue.toExponential(3)})` : '');
r = measure(() => ksTest(data.exA, data.exB, { method: 'exact' }), { warmup: 3, repeats: REPEATS });
res = ksTest(data.exA, data.exB, { method: 'exact' });
row('exact KS 1,000 vs 1,000', r.median, sp?.ksExact[0], sp ? `D ${fmtErr(rel(res.statistic, sp.ksExact[1]))}, p ${fmtErr(rel(res.pValue, sp.ksExact[2]))} (p = ${res.pValue.toExponential(3)})` : '');
r = measure(() => wasserstein1(data.wA, data.wB), { warmup: 1, repeats: REPEATS });
const w = wasserstein1(data.wA, data.wB);
row('Wasserstein-1, 1,000,000 vs 1,000,000', r.median, sp?.w1[0], sp ? `rel ${fmtErr(rel(w, sp.w1[1]))}` : '');
const forced = { tests: { '*': 'ks' }, correction: 'none' };
r = measure(() => detectDrift(refTable, curTable, forced), { warmup: 1, repeats: Math.max(2, REPEATS >> 1) });
const rep = detectDrift(refTable, curTable, forced);
const maxP = sp ? Math.max(...rep.columns.map((c, i) => rel(c.pValue, sp.table[1][i]))) : NaN;
row('detectDrift 50 cols × 100,000 rows, KS per column', r.median, sp?.table[0], sp ? `max rel p-value diff ${fmtErr(maxP)}` : '');
r = measure(() => detectDrift(refTable, curTable), { warmup: 1, repeats: Math.max(2, REPEATS >> 1) });
const def = detectDrift(refTable, curTable);
row('detectDrift 50 cols × 100,000 rows, default rule (normed W1)', r.median, sp?.table[0], `${def.numberOfDriftedColumns} columns drifted (peer: KS loop)`);

console.log(`peer: /usr/bin/python3, scipy ${sp ? sp.version : 'not available'} (the machine line above is the python3 on PATH); times are medians of ${REPEATS} runs (ms per call); ratio = ours / scipy (< 1 is faster)`);
console.log('');
printTable(['task', 'ours ms', 'scipy ms', 'ratio', 'agreement with scipy'], rows);
console.log('');
console.log(`  after: ${await loadNote()}`);

rmSync(work, { recursive: true, force: true });
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results', 'drift.md'), lines.join('\n') + '\n');
