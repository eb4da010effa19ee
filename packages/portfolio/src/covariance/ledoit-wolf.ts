import { centreInPlace, gram } from './gram';
import { toReturnsColumns, toRows, type MatrixInput } from './matrix-input';

/** Options of {@link ledoitWolf} and {@link oas}. */
export interface ShrinkageOptions {
  /** Treat the returns as already centred (no mean is removed; S0 = XᵀX/T). Default false. */
  assumeCentered?: boolean;
}

/** The result of a shrinkage estimator towards the scaled identity m·I. */
export interface ScaledIdentityShrinkage {
  /** (1 − shrinkage)·S0 + shrinkage·m·I, N × N. */
  covariance: number[][];
  /** The shrinkage intensity in [0, 1]. */
  shrinkage: number;
  /** The target's scale m = trace(S0)/N (the target is m·I). */
  target: number;
}

/**
 * Ledoit-Wolf shrinkage towards the scaled identity (Ledoit & Wolf 2004, "A well-conditioned
 * estimator for large-dimensional covariance matrices"), exactly as scikit-learn's
 * `LedoitWolf().fit(returns)` (assume_centered = false):
 *
 * X centred by column means, S0 = XᵀX/T (ddof 0!), m = trace(S0)/N,
 * d² = ‖S0 − m I‖²_F / N, b² = Σ_t ‖x_t x_tᵀ − S0‖²_F / (N T²) (computed as
 * (Σ_t ‖x_t‖⁴/T − ‖S0‖²_F)/(N T)), shrinkage = min(b², d²)/d² (0 when d² = 0),
 * covariance = (1 − shrinkage) S0 + shrinkage m I.
 *
 * One feature (N = 1) gives shrinkage 0 and S0, as scikit-learn. Cost: one Gram matrix, O(T N²).
 *
 * @param returns T × N returns, one row per period (T ≥ 2).
 * @throws InvalidInputError for NaN/±∞ entries, ragged rows or T < 2.
 */
export function ledoitWolf(returns: MatrixInput, options: ShrinkageOptions = {}): ScaledIdentityShrinkage {
  const m = toReturnsColumns(returns, 'returns', 2);
  const c = centreInPlace(m.x, m.t, m.n, options.assumeCentered !== true);
  const { t, n, x } = c;
  const s = gram(x, t, n);
  for (let k = 0; k < s.length; k++) s[k] /= t;
  let trace = 0;
  for (let i = 0; i < n; i++) trace += s[i * n + i];
  const mu = trace / n;
  // ‖S0‖²_F and Σ_t ‖x_t‖⁴ (= the sum of (X∘X)ᵀ(X∘X), scikit-learn's beta_).
  let frob = 0;
  for (let k = 0; k < s.length; k++) frob += s[k] * s[k];
  const rowNorm = new Float64Array(t);
  for (let j = 0; j < n; j++) {
    const off = j * t;
    for (let k = 0; k < t; k++) rowNorm[k] += x[off + k] * x[off + k];
  }
  let fourth = 0;
  for (let k = 0; k < t; k++) fourth += rowNorm[k] * rowNorm[k];
  let shrinkage = 0;
  if (n > 1) {
    // b² ≥ 0 in exact arithmetic; clamp the rounding residue (e.g. T = 2, where it is exactly 0).
    let beta = Math.max(0, (fourth / t - frob) / (n * t));
    const delta = (frob - 2 * mu * trace + n * mu * mu) / n;
    beta = Math.min(beta, delta);
    shrinkage = beta === 0 ? 0 : beta / delta;
  }
  const out = new Float64Array(n * n);
  for (let k = 0; k < out.length; k++) out[k] = (1 - shrinkage) * s[k];
  for (let i = 0; i < n; i++) out[i * n + i] += shrinkage * mu;
  return { covariance: toRows(out, n, n), shrinkage, target: mu };
}
