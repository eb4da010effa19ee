import { ConvergenceError, InvalidInputError } from '@quantforge/core';
import type { MatrixInput } from '../covariance/matrix-input';
import { prepareCovariance } from '../optimizers/covariance-input';
import { requireOptions } from '../optimizers/common';

/** Options of {@link riskParity}. */
export interface RiskParityOptions {
  /** Σ, N × N (positive definite; `repair: true` clips a non-PSD one). */
  covariance: MatrixInput;
  /** Risk budgets b_i > 0 (normalised to sum 1); default equal, 1/N (equal risk contribution). */
  budgets?: ArrayLike<number>;
  repair?: boolean;
  /** Newton iteration cap (default 100; converges in ~10). */
  maxIterations?: number;
}

/** Result of {@link riskParity}. */
export interface RiskParityResult {
  /** Long-only weights summing to 1, in input order. */
  weights: number[];
  /** Euler risk contributions w_i(Σw)_i/σ_p; they sum to the volatility σ_p. */
  riskContributions: number[];
  /** Contributions as fractions of σ_p (sum 1; equal to the budgets at the solution). */
  relativeRiskContributions: number[];
  /** σ_p = √(wᵀΣw). */
  volatility: number;
  /** Max over i of |relative contribution_i / b_i − 1|. */
  maxRelativeError: number;
  iterations: number;
}

function solveSpd(H: Float64Array, g: Float64Array, n: number): Float64Array {
  // Cholesky solve, H = LLᵀ (H is S + diag(b/y²): positive definite).
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = H[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = i === j ? Math.sqrt(s) : s / L[j * n + j];
    }
  }
  const x = Float64Array.from(g);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * x[k];
    x[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/**
 * Equal risk contribution and risk budgeting portfolios by Spinu's convex formulation (Spinu 2013,
 * "An algorithm for computing risk parity weights"): y⋆ = argmin ½yᵀΣy − Σ b_i ln y_i (y > 0),
 * w = y⋆/Σy⋆. At the minimum y_i(Σy)_i = b_i, so the risk contributions are proportional to b.
 * Newton's method with the self-concordant damped step λ/(1+λ) (Nesterov), quadratically convergent;
 * stops when the Newton decrement λ² ≤ 1e-30, i.e. contributions equal to ~1e-15 relative.
 *
 * @throws InvalidInputError for a bad covariance or budgets (≤ 0, NaN, wrong length);
 *   ConvergenceError (with the last weights) if the cap is hit.
 */
export function riskParity(options: RiskParityOptions): RiskParityResult {
  requireOptions(options, 'riskParity');
  const cov = prepareCovariance(options.covariance, { repair: options.repair });
  const n = cov.n;
  const b = new Float64Array(n).fill(1 / n);
  if (options.budgets !== undefined) {
    const bb = options.budgets;
    if (bb.length !== n) throw new InvalidInputError('budgets', `must have ${n} entries (one per asset), got ${bb.length}`);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = bb[i];
      if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) throw new InvalidInputError(`budgets[${i}]`, 'must be a finite number > 0 (an asset with zero budget gets zero weight: drop it)', v);
      s += v;
    }
    for (let i = 0; i < n; i++) b[i] = bb[i] / s;
  }
  const maxIt = options.maxIterations ?? 100;
  if (!Number.isInteger(maxIt) || maxIt < 1) throw new InvalidInputError('maxIterations', 'must be an integer ≥ 1', maxIt);
  // Scale Σ to unit mean diagonal: y scales by 1/√scale, w does not change.
  let scale = 0;
  for (let i = 0; i < n; i++) scale += cov.S[i * n + i];
  scale /= n;
  const S = cov.S.map((v) => v / scale);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = Math.sqrt(b[i]) / Math.sqrt(S[i * n + i]);
  const g = new Float64Array(n);
  const H = new Float64Array(n * n);
  let it = 0;
  let decrement = Infinity;
  let fullSteps = 0;
  while (fullSteps < 2) {
    if (it >= maxIt) {
      const s0 = y.reduce((a, v) => a + v, 0);
      throw new ConvergenceError(`riskParity: Newton did not converge in ${maxIt} iterations (decrement² ${decrement})`, it, Array.from(y, (v) => v / s0));
    }
    it++;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) {
        s += S[i * n + j] * y[j];
        H[i * n + j] = S[i * n + j];
      }
      g[i] = s - b[i] / y[i];
      H[i * n + i] += b[i] / (y[i] * y[i]);
    }
    const dx = solveSpd(H, g, n);
    let lam2 = 0;
    for (let i = 0; i < n; i++) lam2 += g[i] * dx[i];
    decrement = lam2;
    const lam = Math.sqrt(Math.max(lam2, 0));
    const step = lam > 0.25 ? 1 / (1 + lam) : 1;
    for (let i = 0; i < n; i++) y[i] -= step * dx[i];
    if (lam2 <= 1e-30) fullSteps = 2;
    else if (lam2 <= 1e-20) fullSteps++;
  }
  let sy = 0;
  for (let i = 0; i < n; i++) sy += y[i];
  const w = Array.from(y, (v) => v / sy);
  const sw = new Float64Array(n);
  let variance = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += cov.S[i * n + j] * w[j];
    sw[i] = s;
    variance += w[i] * s;
  }
  const vol = Math.sqrt(variance);
  const rc = w.map((v, i) => (v * sw[i]) / vol);
  const rel = w.map((v, i) => (v * sw[i]) / variance);
  let maxRel = 0;
  for (let i = 0; i < n; i++) maxRel = Math.max(maxRel, Math.abs(rel[i] / b[i] - 1));
  return { weights: w, riskContributions: rc, relativeRiskContributions: rel, volatility: vol, maxRelativeError: maxRel, iterations: it };
}
