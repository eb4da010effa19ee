// Implied-volatility benchmark: per-IV time and accuracy (against the vol that generated each
// price) for quantforge's Let's-Be-Rational solver, the npm peers, and QuantLib C++ when
// Debian's libquantlib0-dev is installed. See README.md for the columns and the case mix.
// Environment: BENCH_IV_N prices (default 100,000), BENCH_IV_SLOW_N rows for npm
// implied-volatility (default 2,000), BENCH_REPEATS timed calls per round (default 7),
// BENCH_ROUNDS interleaved rounds (default 3).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bsPriceBatch } from '@quantforge/pricing';
import { BUILD_DIR, compile, ensureBuildDir, gxxVersion, quadReference, readFloat64, run, runScipy, scipyVersion, writeColumns } from './lib/cpp.mjs';
import { conditionNumbers, impliedVolCases } from './lib/iv-inputs.mjs';
import { printMachine, QL_HEADER, quantlibVersion } from './lib/machine.mjs';
import { fmtErr, fmtNs, fmtRatio, loadNote, measure, printTable, runRounds } from './lib/timing.mjs';

const N = Number(process.env.BENCH_IV_N ?? 100_000);
// npm implied-volatility bisects with the 100-term-series CDF of npm black-scholes: run it on
// the first SLOW_N rows only (per-IV time is still per option).
const SLOW_N = Math.min(N, Number(process.env.BENCH_IV_SLOW_N ?? 2_000));
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// "Tight" accuracy handed to QuantLib's solvers (absolute, on the standard deviation σ√T).
const QL_TIGHT = 1e-12;
const EPS = 2.220446049250313e-16;
// A case is "identifiable" when the price pins the vol down to 10 significant digits or better:
// κ ε ≤ 1e-10, with κ = P / (σ ∂P/∂σ) (and P is a normal double, not 0 or subnormal).
const KAPPA_MAX = 1e-10 / EPS;

console.log(`# Implied volatility: ${N.toLocaleString('en-US')} prices, ${ROUNDS} interleaved rounds`);
printMachine();
console.log(`  before: ${await loadNote()}`);

const c = impliedVolCases(N);
let price = quadReference('iv', c);
let priceSource = '__float128 reference (cpp/bs_ref.cpp)';
if (!price) {
  price = bsPriceBatch(c);
  priceSource = 'our bsPriceBatch (no g++/libquadmath)';
}
const q0 = { ...c, dividendYield: new Float64Array(N) };
const priceQ0 = quadReference('iv-q0', q0) ?? bsPriceBatch(q0);
const kappa = conditionNumbers(c, price);
const kappaQ0 = conditionNumbers(q0, priceQ0);
const identifiable = (p, k, i) => p[i] >= 1e-300 && k[i] <= KAPPA_MAX;
let nIdent = 0;
for (let i = 0; i < N; i++) if (identifiable(price, kappa, i)) nIdent++;
console.log(`  prices from: ${priceSource}`);
console.log(`  identifiable (κε ≤ 1e-10, P ≥ 1e-300): ${nIdent.toLocaleString('en-US')} of ${N.toLocaleString('en-US')}`);

/** Errors of `vols` against the generating vols over the identifiable rows among `rows`. */
function ivErrors(vols, { rows = N, p = price, k = kappa } = {}) {
  let maxRel = 0;
  let maxUlps = 0;
  let fails = 0;
  let count = 0;
  const rels = [];
  for (let i = 0; i < rows; i++) {
    if (!identifiable(p, k, i)) continue;
    count++;
    const v = vols[i];
    if (!Number.isFinite(v)) {
      fails++;
      continue;
    }
    const rel = Math.abs(v - c.vol[i]) / c.vol[i];
    rels.push(rel);
    if (rel > maxRel) maxRel = rel;
    const ulps = rel / (Math.max(k[i], 1) * EPS);
    if (ulps > maxUlps) maxUlps = ulps;
  }
  rels.sort((a, b) => a - b);
  return { maxRel, medRel: rels.length ? rels[rels.length >> 1] : NaN, maxUlps, fails, count };
}

const nsPer = (fn, n, opts) => measure(fn, { repeats: REPEATS, ...opts }).median / n;
const tasks = [];
const methods = []; // { key, method, out, errOpts }
const typeStr = Array.from(c.type, (w) => (w === 1 ? 'call' : 'put'));

// (i) ours: impliedVolBatch, and the scalar impliedVol in a loop.
let vm;
try {
  vm = await import('@quantforge/volatility');
} catch (e) {
  console.log(`  note: @quantforge/volatility not importable (${e.code ?? e.message}); skipping its rows`);
}
if (vm?.impliedVolBatch) {
  const out = new Float64Array(N);
  const input = { type: c.type, price, spot: c.spot, strike: c.strike, expiry: c.expiry, rate: c.rate, dividendYield: c.dividendYield };
  methods.push({ key: 'ours', method: 'quantforge impliedVolBatch', out });
  tasks.push(() => ({ ours: nsPer(() => vm.impliedVolBatch(input, { out }), N) }));
}
if (vm?.impliedVol) {
  const out = new Float64Array(N);
  methods.push({ key: 'oursScalar', method: 'quantforge impliedVol (scalar, in a loop)', out });
  tasks.push(() => ({
    oursScalar: nsPer(() => {
      for (let i = 0; i < N; i++) {
        try {
          out[i] = vm.impliedVol({ type: typeStr[i], price: price[i], spot: c.spot[i], strike: c.strike[i], expiry: c.expiry[i], rate: c.rate[i], dividendYield: c.dividendYield[i] });
        } catch {
          out[i] = Number.NaN;
        }
      }
      return out;
    }, N, { repeats: 3 }),
  }));
}

// (ii) npm implied-volatility (no dividend yield): q = 0 prices on the first SLOW_N rows.
{
  const { getImpliedVolatility } = await import('implied-volatility').then((m) => m.default ?? m);
  const out = new Float64Array(N).fill(Number.NaN);
  methods.push({ key: 'npm', method: `npm implied-volatility (q=0, first ${SLOW_N.toLocaleString('en-US')})`, out, errOpts: { rows: SLOW_N, p: priceQ0, k: kappaQ0 } });
  tasks.push(() => ({
    npm: nsPer(() => {
      for (let i = 0; i < SLOW_N; i++) out[i] = getImpliedVolatility(priceQ0[i], c.spot[i], c.strike[i], c.expiry[i], c.rate[i], typeStr[i]);
      return out;
    }, SLOW_N, { warmup: 1, repeats: 3 }),
  }));
}

// (iii) @quantlib/ql (JavaScript port): blackFormulaImpliedStdDev1 / ...LiRS1 on the forward;
// a throw (no solution / no convergence) counts as a failure.
{
  const ql = await import('@quantlib/ql');
  const CALL = ql.Option.Type.Call;
  const PUT = ql.Option.Type.Put;
  const variants = [
    ['qljs', '@quantlib/ql blackFormulaImpliedStdDev1 (default acc 1e-6)', (t, K, F, P, D) => ql.blackFormulaImpliedStdDev1(t, K, F, P, D)],
    ['qljsTight', `@quantlib/ql blackFormulaImpliedStdDev1 (acc ${QL_TIGHT})`, (t, K, F, P, D) => ql.blackFormulaImpliedStdDev1(t, K, F, P, D, 0, undefined, QL_TIGHT, 100)],
    ['qljsLiRS', '@quantlib/ql blackFormulaImpliedStdDevLiRS1 (default acc 1e-6)', (t, K, F, P, D) => ql.blackFormulaImpliedStdDevLiRS1(t, K, F, P, D)],
  ];
  for (const [key, method, solve] of variants) {
    const out = new Float64Array(N);
    methods.push({ key, method, out });
    tasks.push(() => ({
      [key]: nsPer(() => {
        for (let i = 0; i < N; i++) {
          const T = c.expiry[i];
          const F = c.spot[i] * Math.exp((c.rate[i] - c.dividendYield[i]) * T);
          try {
            out[i] = solve(c.type[i] === 1 ? CALL : PUT, c.strike[i], F, price[i], Math.exp(-c.rate[i] * T)) / Math.sqrt(T);
          } catch {
            out[i] = Number.NaN;
          }
        }
        return out;
      }, N, { warmup: 1, repeats: 3 }),
    }));
  }
}

// (iv) QuantLib C++ (Debian libquantlib0-dev), detected through its umbrella header.
let qlBin;
const qlIn = join(BUILD_DIR, 'iv.in.bin');
ensureBuildDir();
writeColumns(qlIn, [Float64Array.from(c.type), price, c.spot, c.strike, c.expiry, c.rate, c.dividendYield]);
const qlPrefix = join(BUILD_DIR, 'iv.out');
const qlLabels = {
  ql_default: 'blackFormulaImpliedStdDev (default acc 1e-6)',
  ql_tight: `blackFormulaImpliedStdDev (acc ${QL_TIGHT})`,
  lirs_default: 'blackFormulaImpliedStdDevLiRS (default acc 1e-6)',
  lirs_tight: `blackFormulaImpliedStdDevLiRS (acc ${QL_TIGHT})`,
};
if (!existsSync(QL_HEADER)) {
  console.log(`  note: ${QL_HEADER} not found (apt-get install libquantlib0-dev); skipping QuantLib C++`);
} else if (!gxxVersion()) {
  console.log('  note: g++ not found; skipping QuantLib C++');
} else {
  qlBin = compile('ql_iv', ['-lQuantLib']);
  tasks.push(() => {
    const res = run(qlBin, [qlIn, String(Math.max(3, Math.min(REPEATS, 5))), qlPrefix, String(QL_TIGHT)]);
    return Object.fromEntries([...res].map(([k, v]) => [k, v.ns]));
  });
}

// (v) scipy (optional): brentq per option (first SCIPY_SLOW_N rows) and vectorised newton.
const SCIPY_SLOW_N = Math.min(N, 5 * SLOW_N);
const hasScipy = scipyVersion() !== undefined;
if (!hasScipy) console.log('  note: python3 with numpy/scipy not found; skipping scipy');
else {
  tasks.push(() => {
    const res = runScipy(['iv', qlIn, '3', qlPrefix, String(SCIPY_SLOW_N)]);
    return { brentq: res.get('brentq').ns, newton: res.get('newton').ns };
  });
}

const ns = runRounds(tasks, ROUNDS);
if (hasScipy) {
  methods.push({ key: 'brentq', method: `scipy.optimize.brentq per option (first ${SCIPY_SLOW_N.toLocaleString('en-US')})`, out: readFloat64(`${qlPrefix}.brentq.bin`), errOpts: { rows: SCIPY_SLOW_N } });
  methods.push({ key: 'newton', method: 'scipy.optimize.newton, vectorised (start 0.3)', out: readFloat64(`${qlPrefix}.newton.bin`) });
}
console.log(`  after:  ${await loadNote()}`);
if (qlBin) {
  for (const [label, desc] of Object.entries(qlLabels)) {
    if (ns[label] !== undefined) methods.push({ key: label, method: `QuantLib ${quantlibVersion()} C++ ${desc}`, out: readFloat64(`${qlPrefix}.${label}.bin`) });
  }
}
const oursNs = ns.ours;
const rows = methods.filter((m) => ns[m.key] !== undefined).map((m) => ({ method: m.method, ns: ns[m.key], err: ivErrors(m.out, m.errOpts) }));

console.log('');
console.log('ratio = ns/IV ÷ ours (impliedVolBatch). Errors: |σ̂ - σ|/σ against the generating vol over identifiable');
console.log('cases; "÷ κε" divides by the best precision double inputs allow: κ = (P + S e^{-qT} N(w d1)) / (σ ∂P/∂σ)');
console.log('(rounding of the price and of the forward), ε = 2^-52. ≈ 1-10 means machine precision.');
console.log('"fail" counts identifiable cases that returned NaN or threw.');
console.log('');
printTable(
  ['method', 'ns/IV', 'ratio to ours', 'max rel err', 'median rel err', 'max err ÷ κε', 'fail / identifiable'],
  rows.map((r) => [r.method, fmtNs(r.ns), fmtRatio(r.ns / oursNs), fmtErr(r.err.maxRel), fmtErr(r.err.medRel), r.err.maxUlps < 1e4 ? r.err.maxUlps.toFixed(1) : fmtErr(r.err.maxUlps), `${r.err.fails} / ${r.err.count}`]),
);

console.log('');
if (qlBin && Number.isFinite(oursNs)) {
  const ours = rows[0];
  for (const label of ['ql_default', 'ql_tight', 'lirs_default']) {
    if (ns[label] === undefined) continue;
    const ratio = oursNs / ns[label];
    console.log(`HEADLINE vs QuantLib C++ ${qlLabels[label]}: ours ${fmtNs(oursNs)} ns vs ${fmtNs(ns[label])} ns: ours takes ${fmtRatio(ratio)} its time (goal ≤ 2x): ${ratio <= 2 ? 'MET' : 'NOT MET'}`);
  }
  console.log(`HEADLINE accuracy: ours max rel err ${fmtErr(ours.err.maxRel)}, max ${ours.err.maxUlps.toFixed(1)} × the attainable κε, ${ours.err.fails} failures`);
}
