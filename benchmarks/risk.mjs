// Risk statistics benchmark (issue 5, speed): historical VaR/ES per column of a 10,000 × 500
// return matrix against numpy.quantile, a GPD fit on 5,000 exceedances against
// scipy.stats.genpareto.fit, and a GARCH(1,1) fit on 2,000 returns against scipy.optimize
// (L-BFGS-B) on the numpy likelihood (variance recursion by scipy.signal.lfilter), all on the
// same seeded data, which the script writes as float64 binaries for a /usr/bin/python3
// subprocess that times itself. Times are the best of BENCH_REPEATS passes (default 5) for
// both sides: on a shared machine load only adds time. The table and the machine lines are
// saved to benchmarks/results/risk.md. (arch is not installed, so no arch_model peer.)
// Environment: BENCH_REPEATS, BENCH_RISK_COLS (default 500), BENCH_RISK_ROWS (default 10000).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@quantforge/core';
import { fitGarch, fitGpd, historicalRisk } from '@quantforge/risk';
import { printMachine } from './lib/machine.mjs';
import { fmtErr, fmtRatio, loadNote, printTable } from './lib/timing.mjs';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const COLS = Number(process.env.BENCH_RISK_COLS ?? 500);
const ROWS = Number(process.env.BENCH_RISK_ROWS ?? 10000);
const CONF = 0.99;

const out = [];
const log = (...a) => {
  const s = a.join(' ');
  out.push(s);
  process.stdout.write(s + '\n');
};
const origLog = console.log;
console.log = log; // printMachine/printTable write through console.log: capture them too

log(`# Risk statistics: historical VaR/ES, GPD fit, GARCH(1,1) fit vs numpy/scipy`);
log('');
printMachine();
log(`  before: ${await loadNote()}`);
log('');

// ---- data (seeded) ----
const rng = createRng(20261127);
// Student-t(4)-like returns: normal / sqrt(chi2_4/4), scaled to 1% daily vol; column-major.
const matrix = new Float64Array(ROWS * COLS);
for (let i = 0; i < matrix.length; i++) {
  let c = 0;
  for (let k = 0; k < 4; k++) c += rng.nextNormal() ** 2;
  matrix[i] = (0.01 * rng.nextNormal()) / Math.sqrt(c / 4) / Math.SQRT2;
}
// 5,000 GPD(ξ = 0.2, β = 0.7) exceedances by inversion.
const gpd = Float64Array.from({ length: 5000 }, () => (0.7 * (Math.pow(1 - rng.nextFloat(), -0.2) - 1)) / 0.2);
// 2,000 GARCH(1,1) returns: μ = 0.02, ω = 0.05, α = 0.08, β = 0.9, normal innovations.
const garch = new Float64Array(2000);
{
  let h = 0.05 / (1 - 0.98);
  let e = 0;
  for (let t = 0; t < 2000; t++) {
    h = 0.05 + 0.08 * e * e + 0.9 * h;
    e = Math.sqrt(h) * rng.nextNormal();
    garch[t] = 0.02 + e;
  }
}
const work = mkdtempSync(join(tmpdir(), 'qf-risk-bench-'));
writeFileSync(join(work, 'matrix.bin'), Buffer.from(matrix.buffer));
writeFileSync(join(work, 'gpd.bin'), Buffer.from(gpd.buffer));
writeFileSync(join(work, 'garch.bin'), Buffer.from(garch.buffer));

// ---- ours ----
function best(fn, repeats = REPEATS) {
  let r = fn(); // warm-up
  r = fn();
  let t = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const a = process.hrtime.bigint();
    r = fn();
    t = Math.min(t, Number(process.hrtime.bigint() - a) / 1e6);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1e3);
  }
  return { ms: t, cpu, result: r };
}

const ours = {};
ours.hist = best(() => {
  const v = new Float64Array(COLS);
  const e = new Float64Array(COLS);
  for (let j = 0; j < COLS; j++) {
    const r = historicalRisk(matrix.subarray(j * ROWS, (j + 1) * ROWS), { confidence: CONF });
    v[j] = r.var;
    e[j] = r.es;
  }
  return { v, e };
});
ours.gpd = best(() => fitGpd(gpd, { threshold: 0, confidenceInterval: false }));
ours.gpdCi = best(() => fitGpd(gpd, { threshold: 0 }));
ours.garch = best(() => fitGarch(garch, { model: 'garch', dist: 'normal', standardErrors: false }));

// ---- numpy / scipy ----
const PY = String.raw`
import sys, json, time
import numpy as np, scipy, scipy.stats as st, scipy.optimize as so, scipy.signal as ss
work, reps, rows, cols, conf = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
R = np.fromfile(work + '/matrix.bin').reshape(cols, rows)  # one contiguous row per column of ours
y = np.fromfile(work + '/gpd.bin')
x = np.fromfile(work + '/garch.bin')
CPU = {}
def best(f):
    out = f(); ts = []; cs = []
    for _ in range(reps):
        c = time.process_time(); t = time.perf_counter(); out = f(); ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
    CPU[f.__name__] = min(cs) * 1e3
    return min(ts) * 1e3, out
def hist():
    L = -R
    q = np.quantile(L, conf, axis=1)
    m = L >= q[:, None]
    return q, (L * m).sum(axis=1) / m.sum(axis=1)
def gpdfit():
    c, loc, scale = st.genpareto.fit(y, floc=0)
    return c, scale
def nll(th):
    mu, om, al, be = th
    e = x - mu; e2 = e * e; s2 = e2.mean()
    u = om + al * np.concatenate(([s2], e2[:-1]))
    h = ss.lfilter([1.0], [1.0, -be], u, zi=[be * s2])[0]
    if np.any(h <= 0): return np.inf
    return 0.5 * np.sum(np.log(2 * np.pi) + np.log(h) + e2 / h)
def garchfit():
    v = x.var()
    r = so.minimize(nll, [x.mean(), 0.1 * v, 0.1, 0.8], method='L-BFGS-B',
                    bounds=[(None, None), (1e-10, None), (0.0, 1.0), (0.0, 1.0)])
    return r
th, (q, es) = best(hist)
tg, (c, scale) = best(gpdfit)
gll = float(np.sum(st.genpareto.logpdf(y, c, 0, scale)))
tq, r = best(garchfit)
print(json.dumps({'numpy': np.__version__, 'scipy': scipy.__version__, 'cpu': CPU,
  'hist': {'ms': th, 'var': q.tolist(), 'es': es.tolist()},
  'gpd': {'ms': tg, 'xi': float(c), 'beta': float(scale), 'logLik': gll},
  'garch': {'ms': tq, 'x': [float(v) for v in r.x], 'logLik': float(-r.fun), 'nit': int(r.nit), 'success': bool(r.success)}}))
`;
const py = spawnSync('/usr/bin/python3', ['-c', PY, work, String(REPEATS), String(ROWS), String(COLS), String(CONF)], { encoding: 'utf8', maxBuffer: 1 << 28 });
let peer;
if (py.status === 0) peer = JSON.parse(py.stdout);
else log(`  note: python3/numpy/scipy peer failed: ${py.stderr.split('\n').slice(-3).join(' ')}`);

// ---- table ----
const rows = [];
const gpdLogLik = (xi, beta) => {
  let s = 0;
  for (const v of gpd) s += Math.log1p((xi * v) / beta);
  return -gpd.length * Math.log(beta) - (1 + 1 / xi) * s;
};
if (peer) {
  let dv = 0;
  let de = 0;
  for (let j = 0; j < COLS; j++) {
    dv = Math.max(dv, Math.abs(ours.hist.result.v[j] - peer.hist.var[j]));
    de = Math.max(de, Math.abs(ours.hist.result.e[j] - peer.hist.es[j]) / Math.abs(peer.hist.es[j]));
  }
  rows.push([`historical VaR+ES 99%, ${ROWS} × ${COLS} (per column)`, ours.hist.ms.toFixed(1), 'numpy.quantile(axis=1) + masked mean', peer.hist.ms.toFixed(1), fmtRatio(ours.hist.ms / peer.hist.ms), fmtRatio(ours.hist.cpu / peer.cpu.hist), `max |ΔVaR| ${fmtErr(dv)}, max rel ΔES ${fmtErr(de)}`]);
  const g = ours.gpd.result;
  const dll = gpdLogLik(g.xi, g.beta) - peer.gpd.logLik;
  rows.push(['GPD ML fit, 5000 exceedances', ours.gpd.ms.toFixed(2), 'scipy.stats.genpareto.fit(floc=0)', peer.gpd.ms.toFixed(2), fmtRatio(ours.gpd.ms / peer.gpd.ms), fmtRatio(ours.gpd.cpu / peer.cpu.gpdfit), `Δξ ${fmtErr(g.xi - peer.gpd.xi)}, rel Δβ ${fmtErr(g.beta / peer.gpd.beta - 1)}, ℓ(ours) − ℓ(scipy) ${fmtErr(dll)}`]);
  rows.push(['GPD ML fit + profile-likelihood CIs for ξ and β', ours.gpdCi.ms.toFixed(2), '(scipy: no CI)', peer.gpd.ms.toFixed(2), fmtRatio(ours.gpdCi.ms / peer.gpd.ms), fmtRatio(ours.gpdCi.cpu / peer.cpu.gpdfit), `95% CI ξ [${ours.gpdCi.result.xiCI.lower.toFixed(4)}, ${ours.gpdCi.result.xiCI.upper.toFixed(4)}], β [${ours.gpdCi.result.betaCI.lower.toFixed(4)}, ${ours.gpdCi.result.betaCI.upper.toFixed(4)}]`]);
  const f = ours.garch.result;
  const [mu, om, al, be] = peer.garch.x;
  const rel = Math.max(Math.abs(f.mu / mu - 1), Math.abs(f.omega / om - 1), Math.abs(f.alpha / al - 1), Math.abs(f.beta / be - 1));
  rows.push(['GARCH(1,1) normal ML fit, 2000 returns', ours.garch.ms.toFixed(2), `scipy L-BFGS-B on numpy/lfilter likelihood (${peer.garch.nit} it.)`, peer.garch.ms.toFixed(2), fmtRatio(ours.garch.ms / peer.garch.ms), fmtRatio(ours.garch.cpu / peer.cpu.garchfit), `ℓ(ours) − ℓ(scipy) ${fmtErr(f.logLikelihood - peer.garch.logLik)}, max rel Δparam ${fmtErr(rel)}`]);
  log(`  peers: numpy ${peer.numpy}, scipy ${peer.scipy} (arch not installed)`);
}
log(`  after: ${await loadNote()}`);
log('');
printTable(['task', 'ours ms', 'peer', 'peer ms', 'ours/peer (wall)', 'ours/peer (CPU)', 'accuracy'], rows);
log('');
log('Times: best of ' + REPEATS + ' passes after warm-up, both sides (wall clock; the CPU column uses process CPU time,');
log('which is less disturbed by other load on a shared machine). ours/peer < 1 means quantforge is faster.');
console.log = origLog;

const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'risk.md'), out.join('\n') + '\n');
