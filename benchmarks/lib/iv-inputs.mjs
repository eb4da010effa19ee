import { createRng } from './rng.mjs';

/**
 * The implied-volatility benchmark's cases (seeded). Each row draws a "true" vol and places the
 * strike by its standardised log-moneyness z = ln(K/F) / (σ√T), F = S e^{(r-q)T}:
 *   spot    uniform in [50, 150)        rate  uniform in [-1%, 10%)     q  uniform in [0%, 5%)
 *   vol     uniform in [5%, 100%)       expiry log-uniform in [1 day, 5 years) (~31% under 10 days)
 *   60% near the money: z uniform in [-2, 2], call or put with probability 1/2 (so ~half ITM)
 *   25% wings:          |z| uniform in [2, 6], out of the money (call above F, put below)
 *   15% deep wings:     |z| uniform in [6, 10], out of the money
 * Prices are then computed from these inputs (by the quad-precision reference when available).
 */
export function impliedVolCases(n, seed = 20240602) {
  const rng = createRng(seed);
  const c = {
    type: new Int8Array(n),
    spot: new Float64Array(n),
    strike: new Float64Array(n),
    expiry: new Float64Array(n),
    rate: new Float64Array(n),
    dividendYield: new Float64Array(n),
    vol: new Float64Array(n),
    bucket: new Uint8Array(n), // 0 near the money, 1 wings, 2 deep wings
  };
  for (let i = 0; i < n; i++) {
    const S = rng.between(50, 150);
    const T = rng.logBetween(1 / 365, 5);
    const r = rng.between(-0.01, 0.1);
    const q = rng.between(0, 0.05);
    const v = rng.between(0.05, 1);
    const u = rng.uniform();
    let z;
    let w;
    if (u < 0.6) {
      z = rng.between(-2, 2);
      w = rng.uniform() < 0.5 ? 1 : -1;
      c.bucket[i] = 0;
    } else {
      const deep = u >= 0.85;
      z = deep ? rng.between(6, 10) : rng.between(2, 6);
      if (rng.uniform() < 0.5) z = -z;
      w = z > 0 ? 1 : -1;
      c.bucket[i] = deep ? 2 : 1;
    }
    const F = S * Math.exp((r - q) * T);
    c.type[i] = w;
    c.spot[i] = S;
    c.strike[i] = F * Math.exp(z * v * Math.sqrt(T));
    c.expiry[i] = T;
    c.rate[i] = r;
    c.dividendYield[i] = q;
    c.vol[i] = v;
  }
  return c;
}

/**
 * Relative condition number of the vol in the inputs a double-precision solver sees:
 *   κ = (P + S e^{-qT} N(w d1)) / (σ ∂P/∂σ).
 * The first term is the rounding of the price itself, the second the rounding of the forward
 * F = S e^{(r-q)T} (∂P/∂ln F = S e^{-qT} N(w d1)), which no solver working in doubles avoids: it
 * dominates in the money (the time value is a small difference P - intrinsic) and in the deep
 * wings (large elasticity of P in F). A solver at machine precision has |σ̂ - σ|/σ ≈ κ ε or less.
 */
export function conditionNumbers(c, price) {
  const n = price.length;
  const kappa = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const T = c.expiry[i];
    const v = c.vol[i];
    const w = c.type[i];
    const sd = v * Math.sqrt(T);
    const d1 = (Math.log(c.spot[i] / c.strike[i]) + (c.rate[i] - c.dividendYield[i]) * T) / sd + 0.5 * sd;
    // ln vega = ln(S e^{-qT} √T φ(d1)), formed in logs so deep-wing vegas do not underflow.
    const lnSq = Math.log(c.spot[i]) - c.dividendYield[i] * T;
    const lnVega = lnSq + 0.5 * Math.log(T) - 0.5 * d1 * d1 - 0.9189385332046728;
    const lnFwdSens = lnSq + Math.log(0.5 * erfc(-w * d1 * Math.SQRT1_2));
    const lnNum = Math.max(Math.log(price[i]), lnFwdSens) + Math.log1p(Math.exp(-Math.abs(Math.log(price[i]) - lnFwdSens)));
    kappa[i] = price[i] > 0 ? Math.exp(lnNum - lnVega - Math.log(v)) : Infinity;
  }
  return kappa;
}

// erfc for the condition numbers only (a rough one suffices:
// κ needs two significant digits). Numerical Recipes' erfcc, relative error < 1.2e-7.
function erfc(x) {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}
