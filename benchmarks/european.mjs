// European benchmark: per-option time of Black-Scholes-Merton prices (and price + first-order
// greeks) for quantforge against a plain C++ -O2 loop and the JavaScript peers, on one seeded
// set of options, printed as ratios, with the accuracy of each method against our price and
// against a quad-precision reference. See README.md for the columns.
// Environment: BENCH_N rows (default 1,000,000), BENCH_SLOW_N rows for the slow npm peers
// (default 20,000), BENCH_REPEATS timed calls per round (default 7), BENCH_ROUNDS (default 3).

import { join } from 'node:path';
import { bsPriceBatch } from '@quantforge/pricing';
import { compare } from './lib/accuracy.mjs';
import { BUILD_DIR, compile, ensureBuildDir, gxxVersion, quadReference, readFloat64, run, runScipy, scipyVersion, writeColumns } from './lib/cpp.mjs';
import { europeanInputs } from './lib/european-inputs.mjs';
import { printMachine } from './lib/machine.mjs';
import { fmtErr, fmtNs, fmtRatio, loadNote, measure, printTable, runRounds } from './lib/timing.mjs';

const N = Number(process.env.BENCH_N ?? 1_000_000);
// The npm `black-scholes`/`greeks` normal CDF is a 100-term series (thousands of flops per
// call), so those peers run on the first SLOW_N rows only; ns/option is still per option.
const SLOW_N = Math.min(N, Number(process.env.BENCH_SLOW_N ?? 20_000));
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FIRST_ORDER = ['price', 'delta', 'vega', 'theta', 'rho', 'phi'];
const fmtN = (n) => n.toLocaleString('en-US');

console.log(`# European options: ${fmtN(N)} rows, ${ROUNDS} interleaved rounds × ${REPEATS} timed calls`);
printMachine();
console.log(`  before: ${await loadNote()}`);

const input = europeanInputs(N);
const q0 = { ...input, dividendYield: 0 };
// Quad-precision reference prices (q as given, and q = 0 for the peers without dividends).
const refPrice = quadReference('european', input);
const refPriceQ0 = quadReference('european-q0', q0);
if (!refPrice) console.log('  note: no g++/libquadmath, so no quad-precision reference column');
const ourPriceQ0 = bsPriceBatch(q0);
const slowRows = Array.from({ length: SLOW_N }, (_, i) => i);
const typeStr = Array.from(input.type.subarray(0, SLOW_N), (w) => (w === 1 ? 'call' : 'put'));
const { type, spot, strike, expiry, rate, dividendYield, vol } = input;
const nsPer = (fn, n, opts) => measure(fn, { repeats: REPEATS, ...opts }).median / n;

const tasks = [];
const outputs = {};

// (i) ours: bsPriceBatch into a preallocated buffer.
outputs.ours = new Float64Array(N);
tasks.push(() => ({ ours: nsPer(() => bsPriceBatch(input, { out: outputs.ours }), N) }));

// (ii) ours: bsGreeksBatch with price + every first-order greek.
let greeksMod;
try {
  greeksMod = await import('@quantforge/greeks');
} catch (e) {
  console.log(`  note: @quantforge/greeks not importable (${e.code ?? e.message}); skipping its rows`);
}
let ourGreeks;
if (greeksMod?.bsGreeksBatch) {
  ourGreeks = Object.fromEntries(FIRST_ORDER.map((g) => [g, new Float64Array(N)]));
  tasks.push(() => ({ oursGreeks: nsPer(() => greeksMod.bsGreeksBatch(input, { greeks: FIRST_ORDER, out: ourGreeks }), N) }));
}

// (iii) the same formula as a plain C++ loop with std::erfc, g++ -O2 (own process, own timer).
let cppBin;
const cppIn = join(BUILD_DIR, 'european.in.bin');
const cppOut = join(BUILD_DIR, 'european.out');
if (!gxxVersion()) {
  console.log('  note: g++ not found; skipping the C++ reference loop');
} else {
  ensureBuildDir();
  cppBin = compile('bs');
  writeColumns(cppIn, [Float64Array.from(type), spot, strike, expiry, rate, dividendYield, vol]);
  tasks.push(() => {
    const res = run(cppBin, [cppIn, String(REPEATS), cppOut]);
    return { cpp: res.get('price').ns, cppGreeks: res.get('greeks').ns };
  });
}

// scipy (optional): vectorised numpy BSM with scipy.special.ndtr, same input file.
const hasScipy = cppBin !== undefined && scipyVersion() !== undefined;
if (!hasScipy) console.log('  note: python3 with numpy/scipy not found (or no input file); skipping scipy');
else {
  tasks.push(() => ({ scipy: runScipy(['european', cppIn, String(REPEATS), cppOut]).get('scipy').ns }));
}

// (iv) npm black-scholes: blackScholes(s, k, t, v, r, callPut); no dividend yield (q = 0).
const bs = await import('black-scholes').then((m) => m.default ?? m);
outputs.npmBs = new Float64Array(N).fill(Number.NaN);
tasks.push(() => ({
  npmBs: nsPer(() => {
    const out = outputs.npmBs;
    for (let i = 0; i < SLOW_N; i++) out[i] = bs.blackScholes(spot[i], strike[i], expiry[i], vol[i], rate[i], typeStr[i]);
    return out;
  }, SLOW_N, { warmup: 1, repeats: 3 }),
}));

// npm greeks: black-scholes price + getDelta/getVega/getTheta/getRho (it has no phi and no q;
// it scales vega and rho per 1%, theta per day: only the price is compared).
const gk = await import('greeks').then((m) => m.default ?? m);
outputs.npmGreeks = new Float64Array(N).fill(Number.NaN);
const npmG = { delta: new Float64Array(SLOW_N), vega: new Float64Array(SLOW_N), theta: new Float64Array(SLOW_N), rho: new Float64Array(SLOW_N) };
tasks.push(() => ({
  npmGreeks: nsPer(() => {
    const out = outputs.npmGreeks;
    for (let i = 0; i < SLOW_N; i++) {
      const s = spot[i], k = strike[i], t = expiry[i], v = vol[i], r = rate[i], cp = typeStr[i];
      out[i] = bs.blackScholes(s, k, t, v, r, cp);
      npmG.delta[i] = gk.getDelta(s, k, t, v, r, cp);
      npmG.vega[i] = gk.getVega(s, k, t, v, r);
      npmG.theta[i] = gk.getTheta(s, k, t, v, r, cp);
      npmG.rho[i] = gk.getRho(s, k, t, v, r, cp);
    }
    return out;
  }, SLOW_N, { warmup: 1, repeats: 3 }),
}));

// (v) @quantlib/ql blackFormula1(optionType, strike, forward, stdDev, discount).
const ql = await import('@quantlib/ql');
const CALL = ql.Option.Type.Call;
const PUT = ql.Option.Type.Put;
outputs.ql = new Float64Array(N);
tasks.push(() => ({
  ql: nsPer(() => {
    const out = outputs.ql;
    for (let i = 0; i < N; i++) {
      const T = expiry[i];
      const forward = spot[i] * Math.exp((rate[i] - dividendYield[i]) * T);
      out[i] = ql.blackFormula1(type[i] === 1 ? CALL : PUT, strike[i], forward, vol[i] * Math.sqrt(T), Math.exp(-rate[i] * T));
    }
    return out;
  }, N, { warmup: 1, repeats: 3 }),
}));

const ns = runRounds(tasks, ROUNDS);
console.log(`  after:  ${await loadNote()}`);

// Accuracy (outputs are deterministic, so the last round's are as good as any).
const refErr = (x, { q0: atQ0 = false, rows } = {}) => {
  const ref = atQ0 ? refPriceQ0 : refPrice;
  return ref ? compare(x, ref, { rows }) : undefined;
};
const ourPrice = outputs.ours;
const rowsOut = [];
const add = (method, group, key, x, opts = {}) => {
  if (ns[key] === undefined) return;
  const vsOurs = opts.q0 ? compare(x, ourPriceQ0, { rows: slowRows }) : compare(x, ourPrice);
  rowsOut.push({ method, group, ns: ns[key], acc: vsOurs, err: refErr(x, opts.q0 ? { q0: true, rows: slowRows } : {}) });
};
let cppPrice;
let cppGreeks;
if (cppBin) {
  cppPrice = readFloat64(`${cppOut}.price.bin`);
  cppGreeks = readFloat64(`${cppOut}.greeks.bin`);
}
add('quantforge bsPriceBatch', 'price', 'ours', ourPrice);
if (cppBin) add('C++ loop (same formula, std::erfc, g++ -O2)', 'price', 'cpp', cppPrice);
add('@quantlib/ql blackFormula1 (forward form)', 'price', 'ql', outputs.ql);
if (hasScipy) add('numpy + scipy.special.ndtr, vectorised (python3)', 'price', 'scipy', readFloat64(`${cppOut}.scipy.bin`));
add(`npm black-scholes (q=0, first ${fmtN(SLOW_N)} rows)`, 'price', 'npmBs', outputs.npmBs, { q0: true });
if (ourGreeks) add('quantforge bsGreeksBatch: price+delta,vega,theta,rho,phi', 'greeks', 'oursGreeks', ourGreeks.price);
if (cppBin) add('C++ loop: price+delta,vega,theta,rho,phi', 'greeks', 'cppGreeks', cppGreeks.subarray(0, N));
add(`npm greeks: price+delta,vega,theta,rho (q=0, no phi, first ${fmtN(SLOW_N)})`, 'greeks', 'npmGreeks', outputs.npmGreeks, { q0: true });

console.log('');
console.log('ratio = ns/option ÷ ours for the same work (price rows vs bsPriceBatch, greeks rows vs bsGreeksBatch).');
console.log('Differences/errors are of the *price*: against our bsPriceBatch and against a __float128 reference');
console.log('(cpp/bs_ref.cpp); for peers without dividends both are taken at q = 0 on the rows they ran.');
console.log('');
printTable(
  ['method', 'ns/option', 'ratio to ours', 'max abs diff vs ours', 'max rel diff vs ours', 'max rel err vs quad ref', 'same, P ≥ 1e-6', 'NaN'],
  rowsOut.map((r) => {
    const ref = r.group === 'price' ? ns.ours : ns.oursGreeks;
    return [r.method, fmtNs(r.ns), fmtRatio(r.ns / ref), fmtErr(r.acc.maxAbs), fmtErr(r.acc.maxRel), fmtErr(r.err?.maxRel), fmtErr(r.err?.maxRelFloor), r.acc.failures];
  }),
);

if (cppBin && ourGreeks) {
  console.log('');
  console.log('Greeks: our bsGreeksBatch against the C++ loop (same closed forms, raw derivatives per DESIGN.md)');
  printTable(
    ['output', 'max abs diff', 'max rel diff', 'max rel diff, |x| ≥ 1e-6'],
    FIRST_ORDER.map((g, j) => {
      const c = compare(cppGreeks.subarray(j * N, (j + 1) * N), ourGreeks[g]);
      return [g, fmtErr(c.maxAbs), fmtErr(c.maxRel), fmtErr(c.maxRelFloor)];
    }),
  );
}

console.log('');
if (cppBin) {
  const rp = ns.ours / ns.cpp;
  console.log(`HEADLINE price:  ours ${fmtNs(ns.ours)} ns vs C++ ${fmtNs(ns.cpp)} ns: ours takes ${fmtRatio(rp)} the C++ time (goal ≤ 1.5x): ${rp <= 1.5 ? 'MET' : 'NOT MET'}`);
  if (ourGreeks) {
    const rg = ns.oursGreeks / ns.cppGreeks;
    console.log(`HEADLINE greeks: ours ${fmtNs(ns.oursGreeks)} ns vs C++ ${fmtNs(ns.cppGreeks)} ns: ours takes ${fmtRatio(rg)} the C++ time (goal ≤ 1.5x): ${rg <= 1.5 ? 'MET' : 'NOT MET'}`);
  }
}
