import { createRng } from './rng.mjs';

/**
 * The European benchmark's option set (seeded, so every run and every peer sees the same rows):
 *   type     call or put with probability 1/2 each
 *   spot     uniform in [50, 150)
 *   strike   spot × m, moneyness m log-uniform in [0.5, 2)
 *   expiry   log-uniform in [1 day, 5 years) (1 day = 1/365)
 *   rate     uniform in [-1%, 10%)
 *   q        uniform in [0%, 5%)
 *   vol      uniform in [5%, 100%)
 */
export function europeanInputs(n, seed = 20240601) {
  const rng = createRng(seed);
  const type = new Int8Array(n);
  const spot = new Float64Array(n);
  const strike = new Float64Array(n);
  const expiry = new Float64Array(n);
  const rate = new Float64Array(n);
  const dividendYield = new Float64Array(n);
  const vol = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    type[i] = rng.uniform() < 0.5 ? 1 : -1;
    spot[i] = rng.between(50, 150);
    strike[i] = spot[i] * rng.logBetween(0.5, 2);
    expiry[i] = rng.logBetween(1 / 365, 5);
    rate[i] = rng.between(-0.01, 0.1);
    dividendYield[i] = rng.between(0, 0.05);
    vol[i] = rng.between(0.05, 1);
  }
  return { type, spot, strike, expiry, rate, dividendYield, vol };
}
