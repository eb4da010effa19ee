import { InvalidInputError, normInv, requireFinite, requirePositive, toSymmetricRows } from '@quantforge/core';
import type { MatrixInput } from '@quantforge/core';
import { requireConfidence } from '../montecarlo/estimate';

/** The parametric risk model of the monitor and the recovery proposal. */
export interface ParametricRiskModel {
  /** Underlyings in the order of the covariance rows. */
  factors: readonly string[];
  /** Annualised covariance of the factors' (log) returns. */
  covariance: MatrixInput;
  /** Horizon in years (default 1/252). */
  horizon?: number;
  /** Confidence (default 0.99). */
  confidence?: number;
  /** 'delta-normal' (default) or 'delta-gamma' (delta-gamma-normal moment matching). */
  method?: 'delta-normal' | 'delta-gamma';
}

/** A validated model: covariance scaled to the horizon, z-score, factor index. */
export interface ResolvedRiskModel {
  factors: string[];
  index: Map<string, number>;
  /** Covariance over the horizon (annual × horizon). */
  cov: number[][];
  z: number;
  method: 'delta-normal' | 'delta-gamma';
  horizon: number;
  confidence: number;
}

/** Validates a {@link ParametricRiskModel}. */
export function resolveRiskModel(model: ParametricRiskModel): ResolvedRiskModel {
  if (model === null || typeof model !== 'object') throw new InvalidInputError('riskModel', 'must be an object', model);
  const factors = [...model.factors];
  const index = new Map<string, number>();
  factors.forEach((f, i) => index.set(f, i));
  const cov = toSymmetricRows(model.covariance, 'covariance');
  if (cov.length !== factors.length) throw new InvalidInputError('covariance', `must be ${factors.length}×${factors.length} (one row per factor)`, cov.length);
  const horizon = model.horizon === undefined ? 1 / 252 : requirePositive('horizon', model.horizon);
  const confidence = requireConfidence(model.confidence ?? 0.99);
  const method = model.method ?? 'delta-normal';
  if (method !== 'delta-normal' && method !== 'delta-gamma') throw new InvalidInputError('method', "must be 'delta-normal' or 'delta-gamma'", method);
  return { factors, index, cov: cov.map((r) => r.map((c) => c * horizon)), z: normInv(confidence), method, horizon, confidence };
}

/**
 * Parametric VaR of per-factor dollar deltas δ_k = Δ_k S_k and dollar gammas Γ_k = γ_k S_k²
 * (P&L ≈ δᵀr + ½ Σ Γ_k r_k², r ~ N(0, Σh)). Delta-normal: z √(δᵀΣhδ). Delta-gamma-normal (Jorion
 * 2007, §14.3; moment matching, approximate — it ignores the skew of the quadratic form):
 * −½ tr(ΓΣh) + z √(δᵀΣhδ + ½ tr((ΓΣh)²)). Returned as a positive loss (can be negative when
 * the book only gains, e.g. long gamma with no delta under delta-gamma).
 */
export function parametricBookVaR(model: ResolvedRiskModel, dollarDelta: ArrayLike<number>, dollarGamma?: ArrayLike<number>): number {
  const S = model.cov;
  const k = S.length;
  let v = 0;
  for (let i = 0; i < k; i++) {
    const di = dollarDelta[i];
    if (di === 0) continue;
    for (let j = 0; j < k; j++) v += di * S[i][j] * dollarDelta[j];
  }
  if (model.method === 'delta-normal' || dollarGamma === undefined) return model.z * Math.sqrt(Math.max(v, 0));
  let meanPnl = 0;
  let q = 0;
  for (let i = 0; i < k; i++) {
    const gi = dollarGamma[i];
    meanPnl += 0.5 * gi * S[i][i];
    if (gi === 0) continue;
    for (let j = 0; j < k; j++) q += gi * S[i][j] * dollarGamma[j] * S[j][i];
  }
  return -meanPnl + model.z * Math.sqrt(Math.max(v + 0.5 * q, 0));
}

/** Checks a numeric vector against a factor count (helper for callers building δ, Γ). */
export function requireFactorVector(name: string, v: ArrayLike<number>, k: number): Float64Array {
  if (v?.length !== k) throw new InvalidInputError(name, `must have ${k} entries`, v?.length);
  return Float64Array.from({ length: k }, (_, i) => requireFinite(`${name}[${i}]`, v[i]));
}
