// American-option benchmark (issue 3, speed): per-price time of quantforge's engines against
// QuantLib C++ (cpp/ql_american.cpp, when Debian's libquantlib0-dev is installed) and the
// @quantlib/ql JavaScript port on the same 20 options (lib/american-inputs.mjs), the error of
// each against a high-precision value, americanImpliedVol per quote, and a 200-quote chain with
// all greeks. See README.md ("american.mjs") for the methods and columns.
// Environment: BENCH_REPEATS timed passes per round (default 5), BENCH_ROUNDS interleaved rounds
// (default 3), BENCH_AM_LSM_N options for LSM (default 3), BENCH_AM_QLJS_SLOW_N options for the
// @quantlib/ql trees (default 3), BENCH_AM_SKIP (comma-separated keys to skip, e.g. fd1000,lsm).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { americanPrice, americanPriceBatch, americanValuation } from '@quantforge/pricing';
import { americanChain, americanSet } from './lib/american-inputs.mjs';
import { BUILD_DIR, compile, ensureBuildDir, gxxVersion, readFloat64, run, writeColumns } from './lib/cpp.mjs';
import { printMachine, QL_HEADER, quantlibVersion } from './lib/machine.mjs';
import { loadQlJs, qlJsCases, qlJsEngines } from './lib/qljs-american.mjs';
import { fmtErr, fmtRatio, loadNote, measure, printTable, runRounds } from './lib/timing.mjs';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LSM_N = Number(process.env.BENCH_AM_LSM_N ?? 3);
const QLJS_SLOW_N = Number(process.env.BENCH_AM_QLJS_SLOW_N ?? 3);
const SKIP = new Set((process.env.BENCH_AM_SKIP ?? '').split(',').filter(Boolean));
// QuantLib MCAmericanEngine antithetic samples: each is a pair of paths, so 50,000 samples are
// the 100,000 paths quantforge's `paths: 100_000` simulates (its count includes both members).
const QL_LSM_SAMPLES = 50_000;

const t0Script = process.hrtime.bigint();
console.log('# American options: 20 options (12 puts, 8 calls), per-price time and error');
printMachine();
console.log(`  before: ${await loadNote()}`);

const { inputs, columns } = americanSet();
const N = inputs.length;
const noTree = { richardson: false, smoothing: false };

// key, label, our options, rows timed, C++ repeats (cheap engines get more passes).
const METHODS = [
  { key: 'crr1000', label: 'CRR 1000 steps', ours: { method: 'crr', steps: 1000, ...noTree } },
  { key: 'lr1001', label: 'Leisen-Reimer 1001 steps', ours: { method: 'leisen-reimer', steps: 1001, ...noTree } },
  { key: 'fd200', label: 'FD 200×200 (CN, 2 damping)', ours: { method: 'fd', timeSteps: 200, spaceSteps: 200, dampingSteps: 2 } },
  { key: 'fd1000', label: 'FD 1000×1000 (CN, 2 damping)', ours: { method: 'fd', timeSteps: 1000, spaceSteps: 1000, dampingSteps: 2 }, slow: true },
  { key: 'lsm', label: `LSM 100k paths × 50 steps (${LSM_N} options)`, ours: { method: 'lsm', paths: 100_000, timeSteps: 50, seed: 42 }, rows: LSM_N, once: true },
  { key: 'qdfp_fast', label: 'fixed point, fast', ours: { method: 'fixed-point', scheme: 'fast' }, cheap: true },
  { key: 'qdfp_accurate', label: 'fixed point, accurate', ours: { method: 'fixed-point', scheme: 'accurate' }, cheap: true },
  { key: 'qdfp_high', label: 'fixed point, high precision', ours: { method: 'fixed-point', scheme: 'high-precision' }, cheap: true },
  { key: 'qdplus', label: 'QD+', ours: { method: 'qdplus' }, cheap: true },
  { key: 'baw', label: 'Barone-Adesi-Whaley', ours: { method: 'baw' }, cheap: true },
  { key: 'bjs', label: 'Bjerksund-Stensland 1993', ours: { method: 'bjerksund-stensland' }, cheap: true },
  // 2002 (two flat boundaries): neither QuantLib (C++ 1.29 nor @quantlib/ql) has it.
  { key: 'bjs2002', label: 'Bjerksund-Stensland 2002 (ours only)', ours: { method: 'bjerksund-stensland', scheme: '2002' }, cheap: true, noPeer: true },
].filter((m) => !SKIP.has(m.key));

const nsNow = () => process.hrtime.bigint();

/**
 * Times `fn` (one pass over `rows` options) and returns ns per option: warm-up sized to about
 * 0.2 s (at most 50 passes) so V8 has optimised the engine, then the median of the repeats.
 */
function timePass(fn, rows, { repeats = REPEATS } = {}) {
  const a = nsNow();
  fn();
  const pass = Number(nsNow() - a);
  const warmup = Math.max(0, Math.min(50, Math.ceil(2e8 / pass) - 1));
  const reps = pass > 3e8 ? Math.min(repeats, 3) : pass < 1e6 ? Math.max(repeats, 21) : repeats;
  return measure(fn, { warmup, repeats: reps }).median / rows;
}

// (i) ours: americanValuation (one engine run: price, delta, gamma, theta; no vega/rho bumps).
const ours = {};
const tasks = [];
for (const m of METHODS) {
  const rows = m.rows ?? N;
  const out = new Float64Array(N).fill(Number.NaN);
  const se = new Float64Array(N).fill(Number.NaN);
  ours[m.key] = { out, se, rows };
  const fn = () => {
    for (let i = 0; i < rows; i++) {
      const r = americanValuation(inputs[i], m.ours);
      out[i] = r.price;
      if (r.stdError !== undefined) se[i] = r.stdError;
    }
    return out;
  };
  if (m.once) {
    // LSM: one untimed call on a single option, then one timed pass (each call is ~0.5 s).
    ours[m.key].run = () => {
      americanValuation(inputs[0], m.ours);
      const a = nsNow();
      fn();
      return { [`ours.${m.key}`]: Number(nsNow() - a) / rows };
    };
  } else {
    tasks.push(() => ({ [`ours.${m.key}`]: timePass(fn, rows) }));
  }
}

// (ii) QuantLib C++.
let qlBin;
const qlIn = join(BUILD_DIR, 'american.in.bin');
const qlPrefix = join(BUILD_DIR, 'american.out');
ensureBuildDir();
if (!existsSync(QL_HEADER)) console.log(`  note: ${QL_HEADER} not found (apt-get install libquantlib0-dev); skipping QuantLib C++`);
else if (!gxxVersion()) console.log('  note: g++ not found; skipping QuantLib C++');
else {
  try {
    qlBin = compile('ql_american', ['-lQuantLib']);
  } catch (e) {
    console.log(`  note: ql_american.cpp did not compile; skipping QuantLib C++\n${e.message.slice(0, 2000)}`);
  }
}
const qlRun = (method, reps, rows, target) => {
  writeColumns(qlIn, [columns.type, columns.spot, columns.strike, columns.days, columns.rate, columns.dividendYield, columns.vol, target ?? new Float64Array(N)]);
  const res = run(qlBin, [qlIn, qlPrefix, method, String(reps), String(rows), String(QL_LSM_SAMPLES)]);
  const r = res.get(method);
  return { ns: r.ns, throws: r.checksum, out: readFloat64(`${qlPrefix}.${method}.bin`) };
};
const ql = {};
if (qlBin) {
  for (const m of METHODS) {
    const rows = m.rows ?? N;
    if (m.once || m.noPeer) continue; // LSM: run once after the rounds
    tasks.push(() => {
      const r = qlRun(m.key, m.slow ? 3 : m.cheap ? 51 : REPEATS, rows);
      ql[m.key] = r;
      return { [`ql.${m.key}`]: r.ns };
    });
  }
}

// (iii) @quantlib/ql, where it has the engine and the engine works.
const qljs = {};
const qlJsNotes = [];
const QL = await loadQlJs();
if (!QL) console.log('  note: @quantlib/ql not importable; skipping it');
else {
  const factories = qlJsEngines(QL);
  for (const m of METHODS) {
    const make = factories[m.key];
    if (!make) continue;
    const rows = m.cheap ? N : Math.min(N, QLJS_SLOW_N);
    const cases = qlJsCases(QL, columns, rows); // one instrument per option and engine
    const engines = cases.slice(0, rows).map((c) => make(c.process));
    cases.slice(0, rows).forEach((c, i) => c.option.setPricingEngine(engines[i]));
    // A broken port engine (its FD engine returns 0 for every option) is reported, not timed.
    let probe;
    try {
      probe = cases[0].option.NPV();
    } catch (e) {
      probe = Number.NaN;
      qlJsNotes.push(`${m.key}: throws (${String(e.message).split('\n')[0].slice(0, 80)})`);
    }
    if (!(probe > 0)) {
      if (Number.isFinite(probe)) qlJsNotes.push(`${m.key}: NPV() returns ${probe} for option 1 (its FD engine returns 0 for European options too: broken in the port); not timed`);
      continue;
    }
    const out = new Float64Array(N).fill(Number.NaN);
    qljs[m.key] = { out, rows };
    const fn = () => {
      for (let i = 0; i < rows; i++) {
        cases[i].option.recalculate();
        out[i] = cases[i].option.NPV();
      }
      return out;
    };
    tasks.push(() => ({ [`qljs.${m.key}`]: m.cheap ? timePass(fn, rows) : (fn(), measure(fn, { warmup: 0, repeats: 1 }).median / rows) }));
  }
  qlJsNotes.push('lsm: MakeMCAmericanEngine did not finish 2,000 samples of one option in 10 minutes when tried; not run');
  qlJsNotes.push('fixed point / QD+: not in the port (0.3.6 predates QuantLib 1.27\'s QdFpAmericanEngine)');
}

// Interleaved rounds of everything but LSM, then LSM once.
const ns = runRounds(tasks, ROUNDS);
const lsm = METHODS.find((m) => m.key === 'lsm');
if (lsm) {
  Object.assign(ns, ours.lsm.run());
  if (qlBin) {
    const r = qlRun('lsm', 1, lsm.rows);
    ql.lsm = r;
    ns['ql.lsm'] = r.ns;
  }
}

// Reference: QuantLib's QdFpAmericanEngine with QdFpTanhSinhIterationScheme(30 fixed-point
// iterations, 96 Chebyshev nodes, tanh-sinh eps 1e-13) when QuantLib is installed (it agrees
// with (40, 128, 1e-14) to 4e-11 on this set), else our fixed point 'high-precision'; the two
// are cross-checked. The reference is independent of every engine it scores (ours included).
const refOurs = Float64Array.from(inputs, (x) => americanValuation(x, { method: 'fixed-point', scheme: 'high-precision' }).price);
let refQl;
if (qlBin) refQl = qlRun('qdfp_ref', 1, N).out;
const ref = refQl ?? refOurs;
const refLabel = refQl ? 'QuantLib QdFp TanhSinh(30, 96, 1e-13)' : "our fixed point 'high-precision' (no QuantLib)";
let crossCheck = Number.NaN;
if (refQl) {
  crossCheck = 0;
  for (let i = 0; i < N; i++) crossCheck = Math.max(crossCheck, Math.abs(refOurs[i] - refQl[i]));
}
const maxErr = (out, rows) => {
  if (!out) return undefined;
  let e = 0;
  for (let i = 0; i < rows; i++) e = Number.isFinite(out[i]) ? Math.max(e, Math.abs(out[i] - ref[i])) : Number.NaN;
  return e;
};

// (iv) American implied vol: targets are the reference prices at each option's vol.
const ivOut = new Float64Array(N);
let ivNs = Number.NaN;
let ivErr = Number.NaN;
let vol;
try {
  vol = await import('@quantforge/volatility');
} catch (e) {
  console.log(`  note: @quantforge/volatility not importable (${e.code ?? e.message}); skipping americanImpliedVol`);
}
const ivMax = (out) => {
  let e = 0;
  for (let i = 0; i < N; i++) e = Number.isFinite(out[i]) ? Math.max(e, Math.abs(out[i] - inputs[i].vol)) : Number.NaN;
  return e;
};
if (vol?.americanImpliedVol) {
  const quotes = inputs.map((x, i) => ({ type: x.type, price: ref[i], spot: x.spot, strike: x.strike, expiry: x.expiry, rate: x.rate, dividendYield: x.dividendYield }));
  const fn = () => {
    for (let i = 0; i < N; i++) ivOut[i] = vol.americanImpliedVol(quotes[i]);
    return ivOut;
  };
  ivNs = runRounds([() => ({ iv: timePass(fn, N) })], ROUNDS).iv;
  ivErr = ivMax(ivOut);
}
const qlIv = {};
if (qlBin) {
  for (const key of ['iv_fd', 'iv_qdfp']) {
    const r = qlRun(key, REPEATS, N, ref);
    qlIv[key] = { ns: r.ns, err: ivMax(r.out), throws: r.throws };
  }
}

// (v) A chain of 200 quotes with all greeks through americanPrice (default: fixed point,
// 'accurate'; vega and rho by the implicit function theorem fused into the last sweep).
const chain = americanChain();
const chainFn = () => chain.map((x) => americanPrice(x).price);
const chainNs = runRounds([() => ({ chain: timePass(chainFn, 1, { repeats: REPEATS }) })], ROUNDS).chain;
// The same chain through americanPriceBatch (struct-of-arrays; warm-started per expiry and type),
// and its largest deviation from americanPrice and from the 'high-precision' price.
const chainCols = {
  type: chain.map((x) => x.type),
  spot: Float64Array.from(chain, (x) => x.spot),
  strike: Float64Array.from(chain, (x) => x.strike),
  expiry: Float64Array.from(chain, (x) => x.expiry),
  rate: Float64Array.from(chain, (x) => x.rate),
  dividendYield: Float64Array.from(chain, (x) => x.dividendYield),
  vol: Float64Array.from(chain, (x) => x.vol),
};
const batchOut = { price: new Float64Array(chain.length), delta: new Float64Array(chain.length), gamma: new Float64Array(chain.length), theta: new Float64Array(chain.length), vega: new Float64Array(chain.length), rho: new Float64Array(chain.length) };
const batchFn = () => americanPriceBatch(chainCols, { out: batchOut });
const batchNs = runRounds([() => ({ batch: timePass(batchFn, 1, { repeats: REPEATS }) })], ROUNDS).batch;
const chainScalar = chain.map((x) => americanPrice(x));
const chainHp = chain.map((x) => americanValuation(x, { scheme: 'high-precision' }).price);
batchFn();
const batchDev = { price: 0, vega: 0, hp: 0, scalarHp: 0 };
chain.forEach((_, i) => {
  batchDev.price = Math.max(batchDev.price, Math.abs(batchOut.price[i] - chainScalar[i].price));
  batchDev.vega = Math.max(batchDev.vega, Math.abs(batchOut.vega[i] - chainScalar[i].vega));
  batchDev.hp = Math.max(batchDev.hp, Math.abs(batchOut.price[i] - chainHp[i]));
  batchDev.scalarHp = Math.max(batchDev.scalarHp, Math.abs(chainScalar[i].price - chainHp[i]));
});

console.log(`  after:  ${await loadNote()}`);
console.log('');
console.log('µs per price (one engine run: price, delta, gamma, theta; no bumps). ratio = ours ÷ QuantLib C++ (below 1: ours faster).');
console.log(`max err = max |price − reference| over the options run; reference = ${refLabel}.`);
console.log(`QuantLib C++ ${quantlibVersion() ?? '(not installed)'}; @quantlib/ql 0.3.6 trees on the first ${QLJS_SLOW_N} options, its approximations on all ${N}.`);
console.log('');
const us = (x) => (Number.isFinite(x) ? (x / 1e3 >= 100 ? (x / 1e3).toFixed(0) : x / 1e3 >= 10 ? (x / 1e3).toFixed(1) : (x / 1e3).toFixed(2)) : 'n/a');
const rows = METHODS.map((m) => {
  const o = ns[`ours.${m.key}`];
  const q = ns[`ql.${m.key}`];
  const j = ns[`qljs.${m.key}`];
  const r = ours[m.key].rows;
  const oursErr = maxErr(ours[m.key].out, r);
  return {
    m, o, q, oursErr,
    qlErr: ql[m.key]?.out ? maxErr(ql[m.key].out, r) : undefined,
    jsErr: qljs[m.key] ? maxErr(qljs[m.key].out, qljs[m.key].rows) : undefined,
    cells: [m.label, us(o), us(q), Number.isFinite(q) ? fmtRatio(o / q) : 'n/a', us(j), fmtErr(oursErr), ql[m.key]?.out ? fmtErr(maxErr(ql[m.key].out, r)) : '', qljs[m.key] ? fmtErr(maxErr(qljs[m.key].out, qljs[m.key].rows)) : ''],
  };
});
printTable(['method', 'ours µs', 'QuantLib C++ µs', 'ratio', '@quantlib/ql µs', 'ours max err', 'QL C++ max err', '@quantlib/ql max err'], rows.map((r) => r.cells));
if (ours.lsm) {
  let maxSe = 0;
  for (let i = 0; i < ours.lsm.rows; i++) maxSe = Math.max(maxSe, ours.lsm.se[i]);
  console.log(`  LSM: our largest standard error ${fmtErr(maxSe)}; QuantLib: ${QL_LSM_SAMPLES.toLocaleString('en-US')} antithetic samples (= 100,000 paths) + 2,048 calibration samples.`);
}
for (const n of qlJsNotes) console.log(`  @quantlib/ql ${n}`);
console.log('');
console.log(`Reference cross-check: max |ours 'high-precision' − QuantLib QdFp TanhSinh(30, 96, 1e-13)| = ${refQl ? fmtErr(crossCheck) : 'n/a (no QuantLib)'}`);
console.log('');
printTable(['implied vol (20 quotes at the reference price)', 'µs per quote', 'max |σ̂ − σ|'], [
  ['quantforge americanImpliedVol (fixed point, default \'accurate\', tol 1e-10)', us(ivNs), fmtErr(ivErr)],
  ...(qlIv.iv_fd ? [['QuantLib C++ VanillaOption::impliedVolatility (FD engine + Brent, acc 1e-4)', us(qlIv.iv_fd.ns), fmtErr(qlIv.iv_fd.err)]] : []),
  ...(qlIv.iv_qdfp ? [['QuantLib C++ ImpliedVolatilityHelper + QdFp accurate (Brent, acc 1e-8)', us(qlIv.iv_qdfp.ns), fmtErr(qlIv.iv_qdfp.err)]] : []),
]);
console.log('');
console.log(`Chain: ${chain.length} quotes through americanPrice (fixed point 'accurate', price + delta, gamma, theta, vega, rho): ${(chainNs / 1e6).toFixed(2)} ms (${us(chainNs / chain.length)} µs per quote)`);
console.log(`Chain: ${chain.length} quotes through americanPriceBatch (same greeks): ${(batchNs / 1e6).toFixed(2)} ms (${us(batchNs / chain.length)} µs per quote); max |batch − americanPrice| price ${fmtErr(batchDev.price)}, vega ${fmtErr(batchDev.vega)}; max |price − high precision| batch ${fmtErr(batchDev.hp)}, americanPrice ${fmtErr(batchDev.scalarHp)}`);
console.log('');

// Goals.
const status = (ok) => (ok ? 'MET' : 'NOT MET');
const fastestWithin = (tol, side) => {
  let best;
  for (const r of rows) {
    if (r.m.key === 'lsm') continue;
    const t = side === 'ours' ? r.o : r.q;
    const e = side === 'ours' ? r.oursErr : r.qlErr;
    if (Number.isFinite(t) && e <= tol && (!best || t < best.t)) best = { t, label: r.m.label, e };
  }
  return best;
};
if (qlBin) {
  for (const tol of [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7]) {
    const a = fastestWithin(tol, 'ours');
    const b = fastestWithin(tol, 'ql');
    const line = `max err ≤ ${fmtErr(tol)}: ours ${a ? `${a.label} ${us(a.t)} µs` : 'none'} vs QuantLib C++ ${b ? `${b.label} ${us(b.t)} µs` : 'none'}`;
    console.log(`HEADLINE equal accuracy, ${line}${a && b ? ` = ${fmtRatio(a.t / b.t)}: ${status(a.t < b.t)}` : a ? ': MET (QuantLib has no route this accurate)' : ''}`);
  }
  for (const key of ['crr1000', 'fd200', 'fd1000', 'lr1001']) {
    const r = rows.find((x) => x.m.key === key);
    if (r && Number.isFinite(r.q)) console.log(`HEADLINE ${r.m.label}: ours ${us(r.o)} µs vs QuantLib C++ ${us(r.q)} µs = ${fmtRatio(r.o / r.q)} (goal ≤ 1.5x): ${status(r.o / r.q <= 1.5)}`);
  }
}
if (Number.isFinite(ivNs)) console.log(`HEADLINE americanImpliedVol: ${us(ivNs)} µs per quote (goal ≤ 100 µs)${qlIv.iv_fd ? `; QuantLib's route ${us(qlIv.iv_fd.ns)} µs` : ''}: ${status(ivNs <= 1e5)}`);
console.log(`HEADLINE chain of 200 with all greeks: americanPriceBatch ${(batchNs / 1e6).toFixed(2)} ms, americanPrice loop ${(chainNs / 1e6).toFixed(2)} ms (goal < 20 ms): ${status(Math.min(batchNs, chainNs) < 2e7)}`);
console.log(`  (whole run ${(Number(process.hrtime.bigint() - t0Script) / 1e9).toFixed(0)} s)`);
