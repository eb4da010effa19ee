/**
 * Acerbi & Székely (2014), "Backtesting expected shortfall", Risk, Test 2 (unconditional):
 *   Z2 = 1 − Σ_t L_t I_t / (T α ES_t),  I_t = 1[L_t > VaR_t],
 * with losses L_t = −r_t, VaR_t and ES_t > 0 the forecasts at tail probability α. E[Z2] = 0
 * under the model; negative Z2 means the ES is underestimated. The p-value P(Z2 ≤ z_obs | H0)
 * is simulated: each period's loss is drawn from the model's predictive distribution, taken as
 * the location-scale normal (or Student-t with `dof`) whose VaR and ES at α equal the forecasts
 * (two equations fix location and scale), with the seeded xoshiro256** generator of core.
 * Monte Carlo error of the p-value ≈ √(p(1−p)/nSimulations).
 */
import { InvalidInputError, createRng, normInv, normPdf, requireFiniteArray, requireObject, studentTInv, studentTPdf } from '@quantforge/core';
import { requireTailProbability } from './exceptions';

/** Options of {@link acerbiSzekelyTest}. */
export interface AcerbiSzekelyOptions {
  /** VaR forecasts (positive losses), one per period, or one number for all. */
  var: ArrayLike<number> | number;
  /** ES forecasts (positive losses, ≥ VaR), one per period, or one number for all. */
  es: ArrayLike<number> | number;
  /** Tail probability α = 1 − confidence, e.g. 0.025. */
  p: number;
  /** Predictive distribution shape for the simulation: 'normal' (default) or 't' (needs `dof` > 1). */
  distribution?: 'normal' | 't';
  dof?: number;
  /** Number of simulated samples (default 10 000). */
  nSimulations?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
}

/** Result of {@link acerbiSzekelyTest}. */
export interface AcerbiSzekelyResult {
  /** Observed Z2. */
  z2: number;
  /** Simulated P(Z2 ≤ observed) under the model. */
  pValue: number;
  /** Number of exceptions. */
  exceptions: number;
  n: number;
  nSimulations: number;
}

function series(v: ArrayLike<number> | number, n: number, field: string): Float64Array {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || !(v > -Infinity)) throw new InvalidInputError(field, 'must be a finite number', v);
    return new Float64Array(n).fill(v);
  }
  const a = requireFiniteArray(v, field);
  if (a.length !== n) throw new InvalidInputError(field, `must have one value per return (${n})`, a.length);
  return a;
}

/**
 * Acerbi-Székely Z2 expected-shortfall backtest with a seeded simulated p-value.
 * @param returns realised returns (losses are −returns).
 * @throws InvalidInputError for non-finite inputs (naming the index), mismatched lengths,
 *   ES < VaR or ES ≤ 0, p ∉ (0, 1), a bad distribution/dof or nSimulations < 100.
 * @example acerbiSzekelyTest(returns, { var: v, es: e, p: 0.025, seed: 7 }).pValue
 */
export function acerbiSzekelyTest(returns: ArrayLike<number>, options: AcerbiSzekelyOptions): AcerbiSzekelyResult {
  const o = requireObject('options', options);
  const r = requireFiniteArray(returns, 'returns', 1);
  const n = r.length;
  const alpha = requireTailProbability(o.p);
  const v = series(o.var as ArrayLike<number> | number, n, 'var');
  const es = series(o.es as ArrayLike<number> | number, n, 'es');
  for (let t = 0; t < n; t++) {
    if (!(es[t] > 0)) throw new InvalidInputError(`es[${t}]`, 'must be > 0', es[t]);
    if (!(es[t] >= v[t])) throw new InvalidInputError(`es[${t}]`, 'must be >= var (ES is at least VaR)', es[t]);
  }
  const dist = o.distribution ?? 'normal';
  if (dist !== 'normal' && dist !== 't') throw new InvalidInputError('distribution', "must be 'normal' or 't'", dist);
  const dof = dist === 't' ? (o.dof as number) : Infinity;
  if (dist === 't' && (typeof dof !== 'number' || !(dof > 1))) throw new InvalidInputError('dof', "must be > 1 for distribution 't'", dof);
  const nSim = o.nSimulations === undefined ? 10000 : (o.nSimulations as number);
  if (!Number.isInteger(nSim) || nSim < 100) throw new InvalidInputError('nSimulations', 'must be an integer >= 100', nSim);
  const seed = o.seed === undefined ? 1 : (o.seed as number);

  const z2Of = (losses: Float64Array): { z: number; k: number } => {
    let s = 0;
    let k = 0;
    for (let t = 0; t < n; t++) {
      if (losses[t] > v[t]) {
        s += losses[t] / es[t];
        k++;
      }
    }
    return { z: 1 - s / (n * alpha), k };
  };
  const L = r.map((x) => -x);
  const obs = z2Of(L);

  // Standardised quantile and ES of the unit distribution at α.
  const q = dist === 'normal' ? normInv(1 - alpha) : studentTInv(1 - alpha, dof);
  const esStd = dist === 'normal' ? normPdf(q) / alpha : ((studentTPdf(q, dof) / alpha) * (dof + q * q)) / (dof - 1);
  const scale = new Float64Array(n);
  const loc = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    scale[t] = (es[t] - v[t]) / (esStd - q);
    loc[t] = v[t] - scale[t] * q;
  }
  const rng = createRng(seed);
  // Student-t draws as Z / √(χ²_ν/ν) with χ² from normals (integer ν) or Marsaglia-Tsang gamma.
  const draw = (): number => {
    const z = rng.nextNormal();
    if (dist === 'normal') return z;
    return z / Math.sqrt(gammaDraw(dof / 2) / (dof / 2));
  };
  const gammaDraw = (shape: number): number => {
    // Marsaglia & Tsang (2000); shape < 1 via the boost U^{1/shape}.
    if (shape < 1) return gammaDraw(shape + 1) * Math.pow(Math.max(rng.nextFloat(), Number.MIN_VALUE), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = rng.nextNormal();
      const vv = (1 + c * x) ** 3;
      if (vv <= 0) continue;
      const u = rng.nextFloat();
      if (Math.log(Math.max(u, Number.MIN_VALUE)) < 0.5 * x * x + d - d * vv + d * Math.log(vv)) return d * vv;
    }
  };
  const sim = new Float64Array(n);
  let below = 0;
  for (let s = 0; s < nSim; s++) {
    for (let t = 0; t < n; t++) sim[t] = loc[t] + scale[t] * draw();
    if (z2Of(sim).z <= obs.z) below++;
  }
  return { z2: obs.z, pValue: below / nSim, exceptions: obs.k, n, nSimulations: nSim };
}
