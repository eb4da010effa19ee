import { InvalidInputError, solveLinear } from '@quantforge/core';
import { toDense, toRows, toSquare, toVector, type MatrixInput } from '../covariance/matrix-input';
import { requireOptions } from '../optimizers/common';

/** Options of {@link blackLitterman}. */
export interface BlackLittermanOptions {
  /** Σ, N × N, annual (or any period, consistently with Q). */
  covariance: MatrixInput;
  /** Market-capitalisation weights w_mkt (N). */
  marketWeights: ArrayLike<number>;
  /** δ > 0, the market's risk aversion (π = δΣw_mkt). */
  riskAversion: number;
  /** τ > 0, the scale of the prior's uncertainty τΣ. */
  tau: number;
  /** K × N pick matrix: row k is view k (absolute: a unit row; relative: weights summing to 0). */
  P: MatrixInput;
  /** K view returns. */
  Q: ArrayLike<number>;
  /** K × K view covariance Ω (≥ 0; zeros allowed: a certain view). Default diag(P τΣ Pᵀ). */
  omega?: MatrixInput;
  /** Idzorek confidences c_k ∈ [0, 1] (1 = certain), an alternative to `omega` (see idzorekOmega). */
  confidences?: ArrayLike<number>;
}

/** Result of {@link blackLitterman}. */
export interface BlackLittermanResult {
  /** Equilibrium (implied) returns π = δΣw_mkt. */
  pi: number[];
  /** μ_BL = π + τΣPᵀ(PτΣPᵀ + Ω)⁻¹(Q − Pπ). */
  posteriorMean: number[];
  /** Σ + M, M = τΣ − τΣPᵀ(PτΣPᵀ + Ω)⁻¹PτΣ. */
  posteriorCovariance: number[][];
  /** He & Litterman's unconstrained optimum w = (δ(Σ + M))⁻¹ μ_BL. */
  weights: number[];
  /** The Ω used. */
  omega: number[][];
}

function mat(x: MatrixInput, field: string): { rows: number; cols: number; data: Float64Array } {
  return toDense(x, field);
}

/**
 * Idzorek's confidence-based Ω in the closed form of Walters (2011) (as PyPortfolioOpt): for view k
 * with confidence c_k, ω_k = τ·(1 − c_k)/c_k · p_k Σ p_kᵀ, so c = 1 gives a certain view (ω = 0),
 * c = 0.5 gives ω = p τΣ pᵀ (the He-Litterman default), c → 0 ignores the view.
 * The tilt of the posterior weights toward the 100%-confidence weights is then ≈ c_k (exact for a
 * single view).
 */
export function idzorekOmega(options: { covariance: MatrixInput; tau: number; P: MatrixInput; confidences: ArrayLike<number> }): number[][] {
  const S = toSquare(options.covariance, 'covariance', 1e-10);
  const n = S.rows;
  const P = mat(options.P, 'P');
  if (P.cols !== n) throw new InvalidInputError('P', `must have ${n} columns (one per asset), got ${P.cols}`);
  const K = P.rows;
  const tau = options.tau;
  if (typeof tau !== 'number' || !(tau > 0) || !Number.isFinite(tau)) throw new InvalidInputError('tau', 'must be a finite number > 0', tau);
  const c = toVector(options.confidences, 'confidences', K);
  const out: number[][] = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let k = 0; k < K; k++) {
    if (!(c[k] > 0 && c[k] <= 1)) throw new InvalidInputError(`confidences[${k}]`, 'must be in (0, 1] (1 = certain; drop a view with confidence 0)', c[k]);
    let v = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v += P.data[k * n + i] * S.data[i * n + j] * P.data[k * n + j];
    out[k][k] = (tau * v * (1 - c[k])) / c[k];
  }
  return out;
}

/**
 * The Black-Litterman model (Black & Litterman 1992; He & Litterman 1999, "The Intuition Behind
 * Black-Litterman Model Portfolios"). Closed forms evaluated in the numerically stable "update"
 * form (no inverse of τΣ or Ω, so certain views Ω = 0 are allowed): with A = PτΣPᵀ + Ω,
 *   μ_BL = π + τΣPᵀA⁻¹(Q − Pπ),  M = τΣ − τΣPᵀA⁻¹PτΣ,  Σ_BL = Σ + M,  w = (δΣ_BL)⁻¹μ_BL,
 * algebraically identical to [(τΣ)⁻¹ + PᵀΩ⁻¹P]⁻¹[(τΣ)⁻¹π + PᵀΩ⁻¹Q]. Accurate to ~1e-15 relative
 * for well-conditioned inputs.
 */
export function blackLitterman(options: BlackLittermanOptions): BlackLittermanResult {
  requireOptions(options, 'blackLitterman');
  const Sm = toSquare(options.covariance, 'covariance', 1e-10);
  const n = Sm.rows;
  const S = Sm.data;
  const wm = toVector(options.marketWeights, 'marketWeights', n);
  const delta = options.riskAversion;
  if (typeof delta !== 'number' || !(delta > 0) || !Number.isFinite(delta)) throw new InvalidInputError('riskAversion', 'must be a finite number > 0', delta);
  const tau = options.tau;
  if (typeof tau !== 'number' || !(tau > 0) || !Number.isFinite(tau)) throw new InvalidInputError('tau', 'must be a finite number > 0', tau);
  const P = mat(options.P, 'P');
  if (P.cols !== n) throw new InvalidInputError('P', `must have ${n} columns (one per asset), got ${P.cols}`);
  const K = P.rows;
  const Q = toVector(options.Q, 'Q', K);
  // π = δΣw
  const pi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += S[i * n + j] * wm[j];
    pi[i] = delta * s;
  }
  // B = τΣPᵀ (n × K), PτΣPᵀ (K × K)
  const B = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += S[i * n + j] * P.data[k * n + j];
      B[i * K + k] = tau * s;
    }
  }
  const A = new Float64Array(K * K);
  for (let k = 0; k < K; k++) {
    for (let l = 0; l < K; l++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += P.data[k * n + i] * B[i * K + l];
      A[k * K + l] = s;
    }
  }
  let omega: number[][];
  if (options.omega !== undefined && options.confidences !== undefined) {
    throw new InvalidInputError('omega', 'give either omega or confidences, not both');
  }
  if (options.omega !== undefined) {
    const O = toSquare(options.omega, 'omega', 1e-10);
    if (O.rows !== K) throw new InvalidInputError('omega', `must be ${K} × ${K} (one row per view), got ${O.rows} × ${O.cols}`);
    for (let k = 0; k < K; k++) if (O.data[k * K + k] < 0) throw new InvalidInputError(`omega[${k}][${k}]`, 'is a view variance and must be ≥ 0', O.data[k * K + k]);
    omega = toRows(O.data, K, K);
  } else if (options.confidences !== undefined) {
    omega = idzorekOmega({ covariance: options.covariance, tau, P: options.P, confidences: options.confidences });
  } else {
    omega = Array.from({ length: K }, (_, k) => Array.from({ length: K }, (_, l) => (k === l ? A[k * K + k] : 0)));
  }
  const Arows: number[][] = [];
  for (let k = 0; k < K; k++) Arows.push(Array.from({ length: K }, (_, l) => A[k * K + l] + omega[k][l]));
  // X = A⁻¹ [Q − Pπ | Bᵀ]
  const resid = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += P.data[k * n + i] * pi[i];
    resid[k] = Q[k] - s;
  }
  let x: Float64Array;
  try {
    x = K > 0 ? solveLinear(Arows, resid, 'P τΣ Pᵀ + Ω') : new Float64Array(0);
  } catch {
    throw new InvalidInputError('P', 'P τΣ Pᵀ + Ω is singular: two views are linear combinations of each other with zero uncertainty; remove the redundant view or give it Ω > 0');
  }
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = pi[i];
    for (let k = 0; k < K; k++) s += B[i * K + k] * x[k];
    mu[i] = s;
  }
  // M = τΣ − B A⁻¹ Bᵀ
  const AinvBt: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const col = new Float64Array(K);
    for (let k = 0; k < K; k++) col[k] = B[i * K + k];
    AinvBt.push(K > 0 ? solveLinear(Arows, col, 'P τΣ Pᵀ + Ω') : col);
  }
  const post: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += B[i * K + k] * AinvBt[j][k];
      row[j] = S[i * n + j] + tau * S[i * n + j] - s;
    }
    post.push(row);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (post[i][j] + post[j][i]);
      post[i][j] = v;
      post[j][i] = v;
    }
  }
  const w = solveLinear(post.map((r) => r.map((v) => delta * v)), mu, 'posteriorCovariance');
  return { pi: Array.from(pi), posteriorMean: Array.from(mu), posteriorCovariance: post, weights: Array.from(w), omega };
}
