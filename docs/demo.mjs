// A short tour of quantforge, printed to the terminal: `npm run demo` builds the packages and runs this.
import { normCdf, normInv, createRng, SobolSequence } from '@quantforge/core';
import { bsPrice, bsPriceBatch, black76Price, bachelierPrice, americanPrice, americanExerciseBoundary } from '@quantforge/pricing';
import { bsGreeks, toDeskGreeks } from '@quantforge/greeks';
import { impliedVol, impliedVolBatch, impliedNormalVol, americanImpliedVol } from '@quantforge/volatility';
import { loadEuStockMarkets, logReturns, loadDem2Gbp, loadLpp2005Rec } from '@quantforge/datasets';
import { hestonPrice } from '@quantforge/pricing';
import { sabrVol, calibrateSvi, sviTotalVariance, sviButterflyArbitrage, buildVolSurface } from '@quantforge/volatility';
import { historicalVaR, historicalES, parametricVaR, fitGarch, kupiecTest, fitGpd } from '@quantforge/risk';
import { sampleCovariance, ledoitWolf, minVariance, riskParity, maxSharpe } from '@quantforge/portfolio';
import { ksTest, psi, detectDrift } from '@quantforge/drift';

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

line('\n9. Volatility surfaces and Heston');
line(`   sabrVol(F 3%, K 3.5%, T 2, α 0.02, β 0.5, ρ -0.3, ν 0.4) = ${sabrVol({ forward: 0.03, strike: 0.035, expiry: 2, alpha: 0.02, beta: 0.5, rho: -0.3, nu: 0.4 }).toPrecision(12)} (Hagan 2002, as QuantLib)`);
const kGrid = Array.from({ length: 25 }, (_, i) => -1.2 + i / 12);
const wSlice = sviTotalVariance(kGrid, { a: 0.04, b: 0.2, rho: -0.6, m: 0.05, sigma: 0.25 });
const svi = calibrateSvi({ k: kGrid, w: wSlice });
line(`   calibrateSvi on 25 points: a ${fmt(svi.a)} b ${fmt(svi.b)} ρ ${fmt(svi.rho)} m ${fmt(svi.m)} σ ${fmt(svi.sigma)}, rmse ${svi.rmse.toExponential(2)}, butterfly arbitrage: ${sviButterflyArbitrage(svi).hasArbitrage}`);
const slices = [0.25, 0.5, 1, 2].map((t) => ({ expiry: t, k: kGrid, w: Array.from(wSlice, (v) => v * t) }));
const built = buildVolSurface(slices, { forward: { spot: 100, rate: 0.03 } });
line(`   buildVolSurface (SSVI, 4 expiries): implied vol at K 95, T 0.75 = ${fmt(built.surface.impliedVol(95, 0.75))}, local vol = ${fmt(built.surface.localVol(95, 0.75))}, arbitrage-free: ${built.surface.arbitrageReport().arbitrageFree}`);
line(`   hestonPrice(call, S 100, K 100, T 1, v0 0.04, κ 1.5, θ 0.04, σ 0.3, ρ -0.7) = ${hestonPrice({ type: 'call', spot: 100, strike: 100, expiry: 1, rate: 0.03, v0: 0.04, kappa: 1.5, theta: 0.04, sigma: 0.3, rho: -0.7 }).toPrecision(12)}`);

line('\n10. Risk on real data: fGarch dem2gbp (daily DEM/GBP returns, percent)');
const fx = loadDem2Gbp().returns;
line(`   99% VaR historical ${fmt(historicalVaR(fx, { confidence: 0.99 }), 4)}, ES ${fmt(historicalES(fx, { confidence: 0.99 }), 4)}; normal ${fmt(parametricVaR(fx, { confidence: 0.99, distribution: 'normal' }), 4)}, Student-t ${fmt(parametricVaR(fx, { confidence: 0.99, distribution: 't' }), 4)}, Cornish-Fisher ${fmt(parametricVaR(fx, { confidence: 0.99, distribution: 'cornish-fisher' }), 4)}`);
const garch = fitGarch(fx, { model: 'garch', dist: 'normal' });
line(`   GARCH(1,1): ω ${garch.omega.toPrecision(6)} α ${garch.alpha.toPrecision(6)} β ${garch.beta.toPrecision(6)} (fGarch: 0.0108, 0.153, 0.806), log-likelihood ${garch.logLikelihood.toFixed(4)}`);
const losses = Array.from(fx, (x) => -x);
const gpd = fitGpd(losses, { threshold: 0.5 });
line(`   GPD over 0.5: ξ ${fmt(gpd.xi, 4)}, β ${fmt(gpd.beta, 4)}, ${gpd.nExceedances} exceedances`);
const var99 = historicalVaR(fx.slice(0, 1000), { confidence: 0.99 });
const exceptions = Array.from(fx.slice(1000), (x) => (-x > var99 ? 1 : 0));
const kup = kupiecTest(exceptions, { p: 0.01 });
line(`   VaR from the first 1000 days, backtested on the next ${exceptions.length}: ${exceptions.reduce((a, b) => a + b, 0)} exceptions, Kupiec LR ${fmt(kup.lr, 3)}, p ${fmt(kup.pValue, 4)}`);

line('\n11. Portfolio on LPP2005REC (Swiss pension-fund benchmark, 6 asset classes)');
const lpp = loadLpp2005Rec();
const assets = ['SBI', 'SPI', 'SII', 'LMI', 'MPI', 'ALT'];
const rows = Array.from({ length: lpp.columns.SBI.length }, (_, t) => assets.map((a) => lpp.columns[a][t]));
const covariance = sampleCovariance(rows);
const mu = assets.map((_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
const show = (w) => assets.map((a, i) => `${a} ${(w[i] * 100).toFixed(1)}%`).join(', ');
line(`   minVariance: ${show(minVariance({ covariance }).weights)}`);
line(`   maxSharpe:   ${show(maxSharpe({ expectedReturns: mu, covariance }).weights)}`);
line(`   riskParity:  ${show(riskParity({ covariance }).weights)}`);
line(`   ledoitWolf shrinkage ${fmt(ledoitWolf(rows).shrinkage, 4)}`);

line('\n12. Drift: EuStockMarkets DAX returns, first 500 days vs last 500');
const dax = logReturns(eu.columns.DAX);
const ks = ksTest(dax.slice(0, 500), dax.slice(-500));
line(`   ksTest: D ${fmt(ks.statistic, 4)}, p ${ks.pValue.toPrecision(4)} (${ks.method}); PSI ${fmt(psi(dax.slice(0, 500), dax.slice(-500)), 4)}`);
const table2 = (from, to) => ({ DAX: Array.from(logReturns(eu.columns.DAX).slice(from, to)), FTSE: Array.from(logReturns(eu.columns.FTSE).slice(from, to)) });
const drift = detectDrift(table2(0, 500), table2(-500));
line(`   detectDrift over DAX and FTSE: ${drift.columns.map((c) => `${c.column} ${c.test} p=${(c.pValue ?? NaN).toPrecision(3)} ${c.drifted ? 'DRIFT' : 'ok'}`).join('; ')}`);
line('');

