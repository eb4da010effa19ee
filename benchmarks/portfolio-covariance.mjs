// Portfolio covariance benchmark: Ledoit-Wolf shrinkage (scaled-identity target) and the sample
// covariance on a 1,000 × 200 returns matrix, quantforge against scikit-learn's
// LedoitWolf().fit and numpy.cov in a /usr/bin/python3 subprocess on the same data (the
// subprocess times itself and prints JSON). Each side reports its fastest call over all repeats and rounds. numpy runs twice: with its default BLAS threads and
// pinned to one thread (OPENBLAS/OMP/MKL_NUM_THREADS=1), since our code is single-threaded.
// Environment: BENCH_T (default 1000), BENCH_N (default 200), BENCH_REPEATS (default 15),
// BENCH_ROUNDS (default 3). Writes benchmarks/results/portfolio-covariance.md.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ledoitWolf, sampleCovariance } from '@quantforge/portfolio';
import { BENCH_DIR, BUILD_DIR, ensureBuildDir, readFloat64, writeColumns } from './lib/cpp.mjs';
import { printMachine } from './lib/machine.mjs';
import { createRng } from './lib/rng.mjs';
import { fmtErr, fmtRatio, loadNote, measure, printTable, runRounds } from './lib/timing.mjs';

const T = Number(process.env.BENCH_T ?? 1000);
const N = Number(process.env.BENCH_N ?? 200);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PY = '/usr/bin/python3';

const log = [];
const out = (s = '') => {
  console.log(s);
  log.push(s);
};

// Seeded returns with a 3-factor structure so the covariance is not diagonal.
const rng = createRng(20261127);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
const beta = Array.from({ length: N }, () => [rng.between(0.5, 1.5), rng.between(-0.5, 0.5), rng.between(-0.3, 0.3)]);
const rows = [];
for (let t = 0; t < T; t++) {
  const f = [gauss(), gauss(), gauss()];
  rows.push(beta.map((b, j) => 0.0003 + 0.01 * (b[0] * f[0] + b[1] * f[1] + b[2] * f[2]) + 0.008 * (1 + (j % 5) / 5) * gauss()));
}

ensureBuildDir();
const inFile = join(BUILD_DIR, 'portfolio-cov.in.bin');
const colMajor = Array.from({ length: N }, (_, j) => Float64Array.from(rows, (r) => r[j]));
writeColumns(inFile, colMajor);

const python = `
import json, sys, time, numpy as np, sklearn
from sklearn.covariance import LedoitWolf
raw = np.fromfile(sys.argv[1], dtype=np.float64)
n = int(raw[0]); cols = (raw.size - 1) // n
X = np.ascontiguousarray(raw[1:].reshape(cols, n).T)
repeats = int(sys.argv[2])
def best(fn):
    fn(); fn()
    s = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns(); r = fn(); s.append(time.perf_counter_ns() - t0)
    s.sort(); return s[0], r
t_lw, lw = best(lambda: LedoitWolf().fit(X))
t_cov, cov = best(lambda: np.cov(X, rowvar=False))
np.concatenate([[lw.shrinkage_], lw.covariance_.ravel(), cov.ravel()]).astype(np.float64).tofile(sys.argv[3])
print(json.dumps({"tLw": t_lw, "tCov": t_cov, "versions": f"scikit-learn {sklearn.__version__} / numpy {np.__version__}"}))
`;

function runPython(threads) {
  const outFile = join(BUILD_DIR, `portfolio-cov.${threads}.out.bin`);
  const env = { ...process.env };
  if (threads === '1') Object.assign(env, { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' });
  const r = spawnSync(PY, ['-c', python, inFile, String(REPEATS), outFile], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  const res = JSON.parse(r.stdout.trim().split('\n').pop());
  const buf = readFloat64(outFile);
  return { ...res, shrinkage: buf[0], lwCov: buf.subarray(1, 1 + N * N), cov: buf.subarray(1 + N * N) };
}

const hasPython = spawnSync(PY, ['-c', 'import sklearn, numpy'], { encoding: 'utf8' }).status === 0;

out(`# Portfolio covariance: ${T} × ${N} returns, ${ROUNDS} interleaved rounds × ${REPEATS} timed calls (fastest call of all rounds)`);
out('');
out('```');
const machine = [];
const origLog = console.log;
console.log = (s) => machine.push(s);
printMachine();
console.log = origLog;
for (const l of machine) out(l);
out(`  before: ${await loadNote()}`);
out('```');
out('');

let ours;
let oursCov;
const tasks = [
  () => ({ lw: measure(() => (ours = ledoitWolf(rows)), { repeats: REPEATS }).samples[0] }),
  () => ({ cov: measure(() => (oursCov = sampleCovariance(rows)), { repeats: REPEATS }).samples[0] }),
];
let py;
let py1;
if (hasPython) {
  tasks.push(() => {
    py = runPython('default');
    return { pyLw: py.tLw, pyCov: py.tCov };
  });
  tasks.push(() => {
    py1 = runPython('1');
    return { pyLw1: py1.tLw, pyCov1: py1.tCov };
  });
} else out('note: /usr/bin/python3 with numpy and scikit-learn not found; peers skipped');
const best = runRounds(tasks, ROUNDS);

const maxDiff = (a, flat) => {
  let d = 0;
  let m = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      d = Math.max(d, Math.abs(a[i][j] - flat[i * N + j]));
      m = Math.max(m, Math.abs(flat[i * N + j]));
    }
  }
  return d / m;
};
const ms = (ns) => (ns / 1e6).toFixed(2);
const rowsOut = [
  ['Ledoit-Wolf (scaled identity)', 'quantforge ledoitWolf', ms(best.lw), '1.00x', ''],
  ['sample covariance (ddof 1)', 'quantforge sampleCovariance', ms(best.cov), '1.00x', ''],
];
if (py) {
  const lwErr = `cov ${fmtErr(maxDiff(ours.covariance, py.lwCov))}, shrinkage ${fmtErr(Math.abs(ours.shrinkage - py.shrinkage))}`;
  rowsOut.splice(1, 0, [`Ledoit-Wolf`, `${py.versions.split(' / ')[0]} LedoitWolf().fit (BLAS default threads)`, ms(best.pyLw), fmtRatio(best.lw / best.pyLw), lwErr]);
  rowsOut.splice(2, 0, ['Ledoit-Wolf', 'scikit-learn LedoitWolf().fit (1 BLAS thread)', ms(best.pyLw1), fmtRatio(best.lw / best.pyLw1), lwErr]);
  const covErr = fmtErr(maxDiff(oursCov, py.cov));
  rowsOut.push(['sample covariance', `${py.versions.split(' / ')[1]} cov(rowvar=False) (BLAS default threads)`, ms(best.pyCov), fmtRatio(best.cov / best.pyCov), covErr]);
  rowsOut.push(['sample covariance', 'numpy cov (1 BLAS thread)', ms(best.pyCov1), fmtRatio(best.cov / best.pyCov1), covErr]);
}
if (py) out(`Peers ran in ${PY} (${py.versions}); the python line above is the python3 on PATH.`);
out('');
out('Ratio = our time / peer time (≤ 1x means we are at least as fast). Accuracy = max |ours − peer| / max |peer entry| over the matrix.');
out('');
const headers = ['task', 'method', 'ms/call', 'ours / peer', 'accuracy vs peer'];
const lines = [];
const origLog2 = console.log;
console.log = (s) => lines.push(s);
printTable(headers, rowsOut);
console.log = origLog2;
for (const l of lines) out(l);
out('');
out(`after: ${await loadNote()}`);
out('');
out('Times are the fastest single call over all rounds for both sides (background load on a shared machine only ever adds time, so the minimum is the fairest figure; medians under the load averages above are up to 3x higher and noisier).');

writeFileSync(join(BENCH_DIR, 'results', 'portfolio-covariance.md'), log.join('\n') + '\n');
