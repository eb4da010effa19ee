// A short tour of quantforge, printed to the terminal: `npm run demo` builds the packages and runs this.
import { normCdf, normInv, createRng, SobolSequence } from '@quantforge/core';
import { bsPrice, bsPriceBatch, black76Price, bachelierPrice, americanPrice, americanExerciseBoundary } from '@quantforge/pricing';
import { bsGreeks, toDeskGreeks } from '@quantforge/greeks';
import { impliedVol, impliedVolBatch, impliedNormalVol, americanImpliedVol } from '@quantforge/volatility';
import { loadEuStockMarkets, logReturns } from '@quantforge/datasets';

const line = (s = '') => console.log(s);
const fmt = (x, d = 6) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
const table = (rows) => console.table(rows);

line('quantforge — a short tour');
line('==========================');

const put = { type: 'put', spot: 100, strike: 95, expiry: 0.5, rate: 0.03, dividendYield: 0.01, vol: 0.2 };
line('\n1. Price a European put (Black-Scholes-Merton)');
line(`   input: ${JSON.stringify(put)}`);
const price = bsPrice(put);
line(`   bsPrice(input) = ${price.toPrecision(15)}`);

line('\n2. All its greeks (raw partial derivatives; theta per year, vega per 1.00 of vol)');
const g = bsGreeks(put);
table(Object.fromEntries(Object.entries(g).map(([k, v]) => [k, { value: v }])));
const desk = toDeskGreeks(g);
line(`   desk view: theta/day = ${fmt(desk.theta)}, vega per vol point = ${fmt(desk.vega)}, rho per 1% = ${fmt(desk.rho)}`);

line('\n3. Recover the vol from the price (Jäckel, "Let\'s Be Rational")');
const { vol, ...noVol } = put;
const recovered = impliedVol({ ...noVol, price });
line(`   impliedVol({ ...input without vol, price: ${price.toPrecision(15)} }) = ${recovered.toPrecision(17)}`);
line(`   relative error vs the true 0.2: ${(Math.abs(recovered - vol) / vol).toExponential(2)}`);

line('\n4. A batch over a strike ladder (struct-of-arrays, one call)');
const strikes = Float64Array.from([80, 85, 90, 95, 100, 105, 110, 115, 120]);
const vols = Float64Array.from([0.28, 0.26, 0.24, 0.22, 0.2, 0.19, 0.185, 0.18, 0.18]);
const ladder = { type: 'put', spot: 100, strike: strikes, expiry: 0.5, rate: 0.03, dividendYield: 0.01, vol: vols };
const prices = bsPriceBatch(ladder);
const status = new Uint8Array(strikes.length);
const ivs = impliedVolBatch({ type: 'put', price: prices, spot: 100, strike: strikes, expiry: 0.5, rate: 0.03, dividendYield: 0.01 }, { status });
table(Array.from(strikes, (k, i) => ({ strike: k, vol: vols[i], price: +prices[i].toFixed(8), impliedVol: +ivs[i].toPrecision(15), status: status[i] })));

line('\n5. Other models and bad input');
line(`   black76Price(call, F=100, K=100, T=1, r=2%, vol=25%) = ${fmt(black76Price({ type: 'call', forward: 100, strike: 100, expiry: 1, rate: 0.02, vol: 0.25 }), 10)}`);
const bach = bachelierPrice({ type: 'call', forward: 0.01, strike: 0.012, expiry: 2, rate: 0.02, vol: 0.008 });
line(`   bachelierPrice(call, F=1%, K=1.2%, T=2, normal vol 80bp) = ${bach.toExponential(10)}; implied back: ${impliedNormalVol({ type: 'call', price: bach, forward: 0.01, strike: 0.012, expiry: 2, rate: 0.02 }).toPrecision(15)}`);
try {
  impliedVol({ ...noVol, strike: 120, price: 15 });
} catch (e) {
  line(`   impliedVol of a K=120 put priced at 15 (below intrinsic) -> ${e.name}: ${e.message}`);
}
try {
  bsPrice({ ...put, vol: -0.2 });
} catch (e) {
  line(`   bsPrice with vol -0.2 -> ${e.name}: ${e.message}`);
}

line('\n6. American options (Andersen-Lake-Offengenden fixed point by default; trees, FD, LSM, approximations)');
const amPut = { type: 'put', spot: 100, strike: 95, expiry: 1, rate: 0.075, dividendYield: 0.05, vol: 0.25 };
line(`   input: ${JSON.stringify(amPut)}  (the ALO paper's example)`);
const amRows = [
  ['fixed-point', {}],
  ['qdplus', {}],
  ['crr', { steps: 1000 }],
  ['leisen-reimer', { steps: 1001 }],
  ['fd', { timeSteps: 200, spaceSteps: 200 }],
  ['lsm', { paths: 20000, timeSteps: 50, seed: 7 }],
  ['baw', {}],
  ['bjerksund-stensland', {}],
].map(([method, opts]) => {
  const t0 = performance.now();
  const r = americanPrice(amPut, { method, ...opts });
  const ms = performance.now() - t0;
  return { method, price: +r.price.toFixed(8), delta: +r.delta.toFixed(6), gamma: +r.gamma.toFixed(6), theta: +r.theta.toFixed(5), vega: +r.vega.toFixed(5), rho: +r.rho.toFixed(5), stdError: r.stdError === undefined ? '' : +r.stdError.toFixed(5), ms: +ms.toFixed(2) };
});
table(amRows);
const european = bsPrice(amPut);
line(`   early-exercise premium (fixed point) = ${(americanPrice(amPut).price - european).toPrecision(12)} (ALO publish 0.2386475283)`);
const boundary = americanExerciseBoundary(amPut);
const pick = [0, Math.floor(boundary.time.length / 2), boundary.time.length - 1];
line(`   exercise boundary (time to expiry -> critical spot): ${pick.map((i) => `${boundary.time[i].toFixed(3)}y -> ${boundary.spot[i].toFixed(4)}`).join(', ')}`);
const amQuote = americanPrice(amPut).price;
const { vol: _v, ...amNoVol } = amPut;
line(`   americanImpliedVol(price ${amQuote.toFixed(10)}) = ${americanImpliedVol({ ...amNoVol, price: amQuote }).toPrecision(12)}`);

line('\n7. Core numerics');
line(`   normCdf(-37) = ${normCdf(-37).toExponential(15)}  (full relative precision in the tail)`);
line(`   normInv(1e-300) = ${normInv(1e-300).toPrecision(17)}`);
const rng = createRng(42);
line(`   createRng(42).nextNormal() x3 = ${[rng.nextNormal(), rng.nextNormal(), rng.nextNormal()].map((x) => x.toFixed(6)).join(', ')}`);
const sobol = new SobolSequence(3);
sobol.next();
line(`   Sobol(3) second point = [${Array.from(sobol.next()).join(', ')}]`);

line('\n8. Real data: EuStockMarkets (R datasets)');
const eu = loadEuStockMarkets();
const r = logReturns(eu.columns.DAX);
const mean = r.reduce((a, b) => a + b, 0) / r.length;
const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
line(`   DAX: ${eu.columns.DAX.length} closes, daily log-return mean ${fmt(mean * 1e4, 3)} bp, sd ${fmt(sd * 100, 3)}%, annualised vol ${fmt(sd * Math.sqrt(260) * 100, 2)}%`);
line('');
