// Heston benchmark (issue 4): per-option time of quantforge's hestonPrice against QuantLib C++
// AnalyticHestonEngine (cpp/ql_heston.cpp, when libquantlib0-dev is installed) and the
// @quantlib/ql JavaScript port's AnalyticHestonEngine, on the 200 options of the reference file
// (packages/pricing/test/fixtures/heston/analytic.json: half violate Feller, expiries 18 days to
// 5 years, strikes spot·e^{±0.6}); the error of each against the file's 30-digit mpmath prices;
// and the time to process a synthetic 2,000-quote option chain (processOptionChain).
// Environment: BENCH_REPEATS timed passes per round (default 5), BENCH_ROUNDS interleaved rounds
// (default 3).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { black76Price, hestonPrice } from '@quantforge/pricing';
import { detectStaticArbitrage, processOptionChain } from '@quantforge/volatility';
import { BENCH_DIR, BUILD_DIR, compile, ensureBuildDir, gxxVersion, readFloat64, run, writeColumns } from './lib/cpp.mjs';
import { printMachine, QL_HEADER } from './lib/machine.mjs';
import { fmtErr, fmtNs, fmtRatio, loadNote, measure, printTable, runRounds } from './lib/timing.mjs';

// everything printed also goes to benchmarks/results/heston.md
const lines = [];
const log0 = console.log;
console.log = (...a) => {
  lines.push(a.join(' '));
  log0(...a);
};

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

console.log('# Heston: 200 options of the reference file, per-price time and error; 2,000-quote chain');
printMachine();
console.log(`  before: ${await loadNote()}`);

const fixture = JSON.parse(readFileSync(join(BENCH_DIR, '..', 'packages/pricing/test/fixtures/heston/analytic.json'), 'utf8'));
const cases = fixture.cases;
const N = cases.length;
const inputs = cases.map((c) => c.input);
const mp = Float64Array.from(cases, (c) => c.info.mpmathPrice);
const qlRef = Float64Array.from(cases, (c) => c.expected.price);
const col = (f) => Float64Array.from(cases, f);
const columns = [
  col((c) => (c.input.type === 'call' ? 1 : -1)),
  col((c) => c.input.spot),
  col((c) => c.input.strike),
  col((c) => c.info.days),
  col((c) => c.input.rate),
  col((c) => c.input.dividendYield ?? 0),
  col((c) => c.input.v0),
  col((c) => c.input.kappa),
  col((c) => c.input.theta),
  col((c) => c.input.sigma),
  col((c) => c.input.rho),
];

const timePass = (fn) => {
  const a = process.hrtime.bigint();
  fn();
  const pass = Number(process.hrtime.bigint() - a);
  const warmup = Math.max(0, Math.min(20, Math.ceil(2e8 / pass) - 1));
  return measure(fn, { warmup, repeats: REPEATS }).median / N;
};

// (i) ours
const OURS = [
  { key: 'ours', label: 'quantforge hestonPrice (default accuracy 1e-13·(F+K))', opts: {} },
  { key: 'ours9', label: 'quantforge hestonPrice { accuracy: 1e-9 }', opts: { accuracy: 1e-9 } },
];
const out = {};
const tasks = [];
for (const m of OURS) {
  const o = new Float64Array(N);
  out[m.key] = o;
  const fn = () => {
    for (let i = 0; i < N; i++) o[i] = hestonPrice(inputs[i], m.opts);
    return o;
  };
  tasks.push(() => ({ [m.key]: timePass(fn) }));
}

// (ii) QuantLib C++
const QL_METHODS = [
  { key: 'laguerre144', label: 'QuantLib C++ AnalyticHestonEngine(model, 144) (Gatheral, Gauss-Laguerre 144; default)' },
  { key: 'ap_laguerre', label: 'QuantLib C++ AnalyticHestonEngine(AndersenPiterbarg, Gauss-Laguerre 128)' },
  { key: 'lobatto8', label: 'QuantLib C++ AnalyticHestonEngine(relTol 1e-8, 1e4 evals) (Gauss-Lobatto)' },
  { key: 'lobatto14', label: 'QuantLib C++ AnalyticHestonEngine(relTol 1e-14, 1e6 evals) (the reference setting)' },
];
let qlBin;
ensureBuildDir();
if (!existsSync(QL_HEADER)) console.log(`  note: ${QL_HEADER} not found; skipping QuantLib C++`);
else if (!gxxVersion()) console.log('  note: g++ not found; skipping QuantLib C++');
else {
  try {
    qlBin = compile('ql_heston', ['-lQuantLib']);
  } catch (e) {
    console.log(`  note: ql_heston.cpp did not compile; skipping QuantLib C++\n${e.message.slice(0, 2000)}`);
  }
}
const qlIn = join(BUILD_DIR, 'heston.in.bin');
const qlPrefix = join(BUILD_DIR, 'heston.out');
if (qlBin) {
  writeColumns(qlIn, columns);
  for (const m of QL_METHODS) {
    tasks.push(() => {
      const r = run(qlBin, [qlIn, qlPrefix, m.key, String(m.key === 'lobatto14' ? 3 : REPEATS)]).get(m.key);
      out[`ql.${m.key}`] = readFloat64(`${qlPrefix}.${m.key}.bin`);
      out[`ql.${m.key}.throws`] = r.checksum;
      return { [`ql.${m.key}`]: r.ns };
    });
  }
}

// (iii) @quantlib/ql
let QL;
try {
  QL = await import('@quantlib/ql');
} catch {
  console.log('  note: @quantlib/ql not importable; skipping it');
}
const qljsNotes = [];
if (QL?.AnalyticHestonEngine) {
  try {
    const today = QL.DateExt.UTC('15,January,2024');
    QL.Settings.evaluationDate.set(today);
    const dc = new QL.Actual365Fixed();
    const flat = (x) => new QL.Handle(new QL.FlatForward().ffInit1(today, new QL.Handle(new QL.SimpleQuote(x)), dc));
    const opts = inputs.map((x, i) => {
      const proc = new QL.HestonProcess(flat(x.rate), flat(x.dividendYield ?? 0), new QL.Handle(new QL.SimpleQuote(x.spot)), x.v0, x.kappa, x.theta, x.sigma, x.rho);
      const model = new QL.HestonModel(proc);
      const engine = new QL.AnalyticHestonEngine().aheInit2(model, 144);
      const payoff = new QL.PlainVanillaPayoff(x.type === 'call' ? QL.Option.Type.Call : QL.Option.Type.Put, x.strike);
      const opt = new QL.VanillaOption(payoff, new QL.EuropeanExercise(QL.DateExt.add(today, Math.round(cases[i].info.days))));
      opt.setPricingEngine(engine);
      return opt;
    });
    const o = new Float64Array(N);
    out.qljs = o;
    const fn = () => {
      for (let i = 0; i < N; i++) {
        try {
          opts[i].recalculate();
          o[i] = opts[i].NPV();
        } catch {
          o[i] = Number.NaN;
        }
      }
      return o;
    };
    fn();
    tasks.push(() => ({ qljs: timePass(fn) }));
  } catch (e) {
    qljsNotes.push(`@quantlib/ql AnalyticHestonEngine failed to set up: ${String(e.message).split('\n')[0]}`);
  }
} else if (QL) qljsNotes.push('@quantlib/ql has no AnalyticHestonEngine');

const ns = runRounds(tasks, ROUNDS);

const maxDiff = (a, b) => {
  let e = 0;
  let nan = 0;
  for (let i = 0; i < N; i++) {
    if (!Number.isFinite(a[i])) nan++;
    else e = Math.max(e, Math.abs(a[i] - b[i]));
  }
  return { e, nan };
};
const rows = [];
const add = (key, label) => {
  if (!out[key] || ns[key] === undefined) return;
  const vsMp = maxDiff(out[key], mp);
  const vsQl = maxDiff(out[key], out['ql.lobatto14'] ?? qlRef);
  rows.push([label, fmtNs(ns[key] / 1000), fmtRatio(ns[key] / ns.ours), fmtErr(vsMp.e), fmtErr(vsQl.e), vsMp.nan ? `${vsMp.nan} NaN` : '']);
};
for (const m of OURS) add(m.key, m.label);
for (const m of QL_METHODS) add(`ql.${m.key}`, m.label);
add('qljs', '@quantlib/ql 0.3.6 AnalyticHestonEngine(model, 144)');
console.log('\n## Heston price per option (200 options)\n');
printTable(['engine', 'µs/option', 'time / ours', 'max |err| vs mpmath', 'max |diff| vs QuantLib 1e-14', 'notes'], rows);
for (const n of qljsNotes) console.log(`  note: ${n}`);

// (iv) 2,000-quote chain: 10 expiries × 100 strikes × call and put, Black-76 with a skew
const asOf = '2024-01-02';
const expiries = ['2024-01-19', '2024-01-26', '2024-02-16', '2024-03-15', '2024-04-19', '2024-06-21', '2024-09-20', '2024-12-20', '2025-06-20', '2025-12-19'];
const chain = [];
for (const e of expiries) {
  const T = Math.round((Date.parse(`${e}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000) / 365;
  const F = 4700 * Math.exp(0.03 * T);
  for (let j = 0; j < 100; j++) {
    const strike = 3500 + 25 * j;
    const k = Math.log(strike / F);
    const vol = 0.16 + 0.01 * Math.sqrt(T) - 0.12 * k + 0.25 * k * k;
    for (const type of ['call', 'put']) {
      const mid = black76Price({ type, forward: F, strike, expiry: T, rate: 0.045, vol });
      const h = Math.min(Math.max(0.02 * mid, 0.05), 0.9 * mid);
      chain.push({ expiry: e, strike, type, bid: mid - h, ask: mid + h, volume: j, openInterest: 100 + j, underlying: 4700 * Math.exp(-0.015 * T) });
    }
  }
}
const processed = processOptionChain(chain, { asOf });
const chainNs = measure(() => processOptionChain(chain, { asOf }), { warmup: 5, repeats: 15 }).median;
const arbNs = measure(() => detectStaticArbitrage(processed.slices), { warmup: 5, repeats: 15 }).median;
const kept = processed.slices.reduce((s, x) => s + x.quotes.length, 0);
console.log(`\n## Option chain (${chain.length} quotes, ${expiries.length} expiries; ${kept} kept, ${chain.length - kept} dropped by the filters)\n`);
printTable(
  ['step', 'ms per chain', 'µs per quote'],
  [
    ['processOptionChain (parity forward/discount, filters, mid/bid/ask IVs, deltas)', (chainNs / 1e6).toFixed(2), (chainNs / 1e3 / chain.length).toFixed(2)],
    ['detectStaticArbitrage (spreads, butterflies, calendars; bid-ask)', (arbNs / 1e6).toFixed(2), (arbNs / 1e3 / chain.length).toFixed(2)],
  ],
);
console.log(`\n  after: ${await loadNote()}`);
mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
writeFileSync(join(BENCH_DIR, 'results', 'heston.md'), lines.join('\n') + '\n');
