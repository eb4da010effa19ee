/**
 * SABR smile calibration: minimise Σ wᵢ (σ_SABR(Kᵢ) - σᵢ)² over (α, ρ, ν) — and β when it is not
 * given — by bounded Levenberg-Marquardt (core `levenbergMarquardt`) from several starting points
 * (ρ ∈ {-0.5, 0, 0.5} × ν ∈ {0.2, 0.7, 1.5}, α from the ATM vol: α₀ = σ_ATM·F^(1-β)), keeping the
 * best fit. Weights are user-given or Black vegas (`weights: 'vega'`, normalised to max 1).
 */
import {
  ConvergenceError,
  InvalidInputError,
  levenbergMarquardt,
  normPdf,
  requireFinite,
  requireInRange,
  requireNonNegative,
  requireObject,
  requirePositive,
} from '@quantforge/core';
import { sabrLognormalUnsafe } from './hagan';

/** Input of {@link calibrateSabr}. */
export interface CalibrateSabrInput {
  /** Forward (> -shift). */
  forward: number;
  /** Years (> 0). */
  expiry: number;
  /** Strikes, strictly increasing (each > -shift). */
  strikes: ArrayLike<number>;
  /** Market lognormal (shifted-lognormal when `shift` is set) vols, > 0, same length. */
  vols: ArrayLike<number>;
  /** Fixed β in [0, 1]; when absent β is calibrated too (within [0, 1]). */
  beta?: number;
  /** Per-quote weights (>= 0, not all 0), or `'vega'` for Black-vega weights. Default all 1. */
  weights?: ArrayLike<number> | 'vega';
  /** Shift for shifted SABR (negative rates). Default 0. */
  shift?: number;
}

/** Result of {@link calibrateSabr}. */
export interface SabrCalibration {
  alpha: number;
  beta: number;
  rho: number;
  nu: number;
  shift: number;
  /** √(mean (σ_SABR(Kᵢ) - σᵢ)²), unweighted. */
  rmse: number;
  /** √(Σ wᵢ(σ_SABR - σᵢ)² / Σ wᵢ). */
  weightedRmse: number;
  /** max |σ_SABR(Kᵢ) - σᵢ|. */
  maxAbsError: number;
  /** LM iterations of the winning start. */
  iterations: number;
  /** Number of starting points tried. */
  starts: number;
}

const RHO_MAX = 0.9999;
const NU_MAX = 20;

/**
 * Calibrates SABR (Hagan 2002 lognormal vols, {@link sabrVol}) to one smile.
 *
 * @throws InvalidInputError for empty/unsorted/mismatched arrays, non-positive vols, bad weights or
 *   fewer quotes than free parameters (3 with β fixed, 4 otherwise).
 * @throws ConvergenceError when no start converges (carrying the best parameters found).
 */
export function calibrateSabr(input: CalibrateSabrInput): SabrCalibration {
  requireObject('input', input);
  const shift = input.shift === undefined ? 0 : requireFinite('shift', input.shift);
  const forward = requireFinite('forward', input.forward);
  const f = forward + shift;
  if (!(f > 0)) throw new InvalidInputError('forward', shift === 0 ? 'must be > 0' : 'forward + shift must be > 0', forward);
  const t = requirePositive('expiry', input.expiry);
  const fixedBeta = input.beta === undefined ? undefined : requireInRange('beta', input.beta, 0, 1);
  const strikes = input.strikes;
  const vols = input.vols;
  if (strikes === null || typeof strikes !== 'object' || typeof strikes.length !== 'number') {
    throw new InvalidInputError('strikes', 'must be an array', strikes);
  }
  if (vols === null || typeof vols !== 'object' || typeof vols.length !== 'number') {
    throw new InvalidInputError('vols', 'must be an array', vols);
  }
  const n = strikes.length;
  if (n === 0) throw new InvalidInputError('strikes', 'must not be empty', strikes);
  if (vols.length !== n) throw new InvalidInputError('vols', `must have the same length as strikes (${n})`, vols.length);
  const nParams = fixedBeta === undefined ? 4 : 3;
  if (n < nParams) throw new InvalidInputError('strikes', `need at least ${nParams} quotes to fit ${nParams} parameters`, n);
  const K = new Float64Array(n);
  const V = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = requireFinite(`strikes[${i}]`, strikes[i]) + shift;
    if (!(k > 0)) throw new InvalidInputError(`strikes[${i}]`, shift === 0 ? 'must be > 0' : 'strike + shift must be > 0', strikes[i]);
    if (i > 0 && !(k > K[i - 1]!)) throw new InvalidInputError(`strikes[${i}]`, 'strikes must be strictly increasing', strikes[i]);
    K[i] = k;
    V[i] = requirePositive(`vols[${i}]`, vols[i]);
  }
  const W = new Float64Array(n);
  if (input.weights === undefined) W.fill(1);
  else if (input.weights === 'vega') {
    let max = 0;
    for (let i = 0; i < n; i++) {
      const sd = V[i]! * Math.sqrt(t);
      const d1 = Math.log(f / K[i]!) / sd + 0.5 * sd;
      W[i] = f * normPdf(d1) * Math.sqrt(t);
      max = Math.max(max, W[i]!);
    }
    for (let i = 0; i < n; i++) W[i] = W[i]! / max;
  } else {
    const w = input.weights;
    if (typeof w !== 'object' || w === null || w.length !== n) {
      throw new InvalidInputError('weights', `must be 'vega' or an array of length ${n}`, w);
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += W[i] = requireNonNegative(`weights[${i}]`, w[i]);
    if (!(sum > 0)) throw new InvalidInputError('weights', 'must not all be 0', w);
  }
  const sqrtW = W.map(Math.sqrt);
  const atmVol = interpolateAtm(K, V, f);

  const args = { f, k: 0, t, alpha: 0, beta: 0, rho: 0, nu: 0 };
  const residuals = (beta: number | undefined) => (x: Float64Array, out: Float64Array): void => {
    args.alpha = x[0]!;
    args.rho = x[1]!;
    args.nu = x[2]!;
    args.beta = beta ?? x[3]!;
    for (let i = 0; i < n; i++) {
      args.k = K[i]!;
      out[i] = sqrtW[i]! * (sabrLognormalUnsafe(args) - V[i]!);
    }
  };
  const lower = [1e-12, -RHO_MAX, 0, 0];
  const upper = [Infinity, RHO_MAX, NU_MAX, 1];
  let best: { x: Float64Array; cost: number; iterations: number; converged: boolean } | undefined;
  let starts = 0;
  const betaStarts = fixedBeta === undefined ? [0.5, 0.9, 0.1] : [fixedBeta];
  for (const beta0 of betaStarts) {
    for (const rho0 of [-0.5, 0, 0.5]) {
      for (const nu0 of [0.2, 0.7, 1.5]) {
        starts++;
        const x0 = [atmVol * Math.pow(f, 1 - beta0), rho0, nu0];
        if (fixedBeta === undefined) x0.push(beta0);
        const res = levenbergMarquardt(residuals(fixedBeta), x0, {
          residualCount: n,
          lower: lower.slice(0, nParams),
          upper: upper.slice(0, nParams),
          maxIterations: 300,
          tolerance: 1e-12,
          throwOnMaxIterations: false,
        });
        if (!Number.isFinite(res.cost)) continue;
        if (best === undefined || res.cost < best.cost || (!best.converged && res.converged && res.cost <= best.cost * (1 + 1e-9))) {
          best = { x: res.x, cost: res.cost, iterations: res.iterations, converged: res.converged };
        }
      }
    }
  }
  if (best === undefined) throw new ConvergenceError('calibrateSabr: no start produced a finite fit', 0);
  const beta = fixedBeta ?? best.x[3]!;
  const out = { alpha: best.x[0]!, beta, rho: best.x[1]!, nu: best.x[2]!, shift };
  let ss = 0;
  let wss = 0;
  let wsum = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const e = sabrLognormalUnsafe({ f, k: K[i]!, t, alpha: out.alpha, beta, rho: out.rho, nu: out.nu }) - V[i]!;
    ss += e * e;
    wss += W[i]! * e * e;
    wsum += W[i]!;
    maxAbs = Math.max(maxAbs, Math.abs(e));
  }
  const result: SabrCalibration = {
    ...out,
    rmse: Math.sqrt(ss / n),
    weightedRmse: Math.sqrt(wss / wsum),
    maxAbsError: maxAbs,
    iterations: best.iterations,
    starts,
  };
  if (!best.converged) {
    throw new ConvergenceError('calibrateSabr: the best start hit the iteration cap', best.iterations, result);
  }
  return result;
}

/** Linear interpolation of the vol at the forward (flat beyond the strike range). */
function interpolateAtm(K: Float64Array, V: Float64Array, f: number): number {
  const n = K.length;
  if (f <= K[0]!) return V[0]!;
  if (f >= K[n - 1]!) return V[n - 1]!;
  let i = 1;
  while (K[i]! < f) i++;
  const u = (f - K[i - 1]!) / (K[i]! - K[i - 1]!);
  return V[i - 1]! + u * (V[i]! - V[i - 1]!);
}
