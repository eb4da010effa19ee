import { InvalidInputError, normInv, requireFinite, toSymmetricRows } from '@quantforge/core';
import type { MatrixInput } from '@quantforge/core';
import { requireConfidence } from '../montecarlo/estimate';

/** Inputs of the parametric (delta-normal) Euler allocation. */
export interface ParametricAllocationInput {
  /** Exposures x_i in currency (e.g. dollar deltas, or portfolio weights × value). */
  exposures: ArrayLike<number>;
  /** Covariance of the factor returns over the VaR horizon. */
  covariance: MatrixInput;
  confidence: number;
  /** Expected factor returns over the horizon (default 0): VaR = z σ_p − μ_p. */
  means?: ArrayLike<number>;
}

/** Parametric VaR and its Euler decomposition. */
export interface ParametricAllocation {
  /** Portfolio VaR z·√(xᵀΣx) − xᵀμ. */
  var: number;
  /** ∂VaR/∂x_i = z (Σx)_i / σ_p − μ_i. */
  marginal: Float64Array;
  /** x_i · marginal_i; they sum to `var` (Euler's theorem for a homogeneous risk measure). */
  component: Float64Array;
  /** component_i / var. */
  percent: Float64Array;
}

function vectorOf(name: string, v: ArrayLike<number> | undefined, n: number, fallback?: number): Float64Array {
  if (v === undefined && fallback !== undefined) return new Float64Array(n).fill(fallback);
  if (v === undefined || typeof v !== 'object' || v.length !== n) {
    throw new InvalidInputError(name, `must have ${n} entries (one per factor)`, v === undefined ? undefined : v.length);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = requireFinite(`${name}[${i}]`, v[i]);
  return out;
}

/**
 * Delta-normal VaR of exposures x with covariance Σ and its Euler allocation (Tasche 1999;
 * Jorion 2007, ch. 7): marginal VaR z(Σx)_i/σ_p − μ_i, component VaR x_i × marginal, summing to
 * the total exactly in exact arithmetic. Throws when σ_p = 0 (the marginals are undefined).
 */
export function parametricAllocation(input: ParametricAllocationInput): ParametricAllocation {
  if (input === null || typeof input !== 'object') throw new InvalidInputError('input', 'must be an object', input);
  const z = normInv(requireConfidence(input.confidence));
  const S = toSymmetricRows(input.covariance, 'covariance');
  const n = S.length;
  const x = vectorOf('exposures', input.exposures, n);
  const mu = vectorOf('means', input.means, n, 0);
  const Sx = new Float64Array(n);
  let v = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    let a = 0;
    for (let j = 0; j < n; j++) a += S[i][j] * x[j];
    Sx[i] = a;
    v += x[i] * a;
    m += x[i] * mu[i];
  }
  if (!(v > 0)) throw new InvalidInputError('exposures', 'give a zero portfolio variance: marginal VaR is undefined', v);
  const sigma = Math.sqrt(v);
  const total = z * sigma - m;
  const marginal = Sx.map((a, i) => (z * a) / sigma - mu[i]);
  const component = marginal.map((g, i) => g * x[i]);
  return { var: total, marginal, component, percent: component.map((c) => c / total) };
}
