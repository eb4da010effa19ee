import { InvalidInputError, cholesky, choleskySolve } from '@quantforge/core';
import { toDense, toVector, type MatrixInput } from '../covariance/matrix-input';

/** Input of {@link factorAttribution}. */
export interface FactorAttributionInput {
  /** Portfolio returns r_t, one per period (T). */
  portfolioReturns: ArrayLike<number>;
  /** Factor returns f_t,k, T × K rows. */
  factorReturns: MatrixInput;
  /**
   * The portfolio's factor exposures x_k: K numbers (constant) or T × K rows (per period). When
   * omitted they are estimated by OLS of r_t on [1, f_t] (returns-based, Sharpe 1992 style) and the
   * intercept goes to `specific`.
   */
  exposures?: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>;
  /** Optional factor names (K). */
  factors?: readonly string[];
}

/** The result of {@link factorAttribution}. */
export interface FactorAttribution {
  /** Per-factor contribution Σ_t x_t,k f_t,k (arithmetic sum over periods). */
  contributions: { factor: string; exposure: number; contribution: number }[];
  /** Σ_t (r_t − Σ_k x_t,k f_t,k): the return not explained by the factors (alpha + residual). */
  specific: number;
  /** Σ_t r_t = Σ contributions + specific (exactly, up to rounding). */
  totalReturn: number;
  /** T × K per-period contributions x_t,k f_t,k. */
  periodContributions: number[][];
  /** Per-period specific returns. */
  periodSpecific: number[];
  /** True when the exposures were estimated by regression. */
  estimated: boolean;
  /** The regression intercept per period (only when estimated). */
  alpha?: number;
  /** Fraction of the variance of r explained by the factor part (1 − var(specific)/var(r)); 0 when r is constant. */
  rSquared: number;
}

/**
 * Factor decomposition of portfolio returns: r_t = Σ_k x_t,k f_t,k + s_t. With given exposures
 * (e.g. Bᵀw from a fundamental model) this is an identity per period; without, the exposures are
 * the OLS slopes of r on the factor returns (with an intercept, normal equations via Cholesky).
 * Contributions are summed arithmetically over periods (link them with Cariño factors for
 * compounded returns if needed).
 *
 * @throws InvalidInputError for NaN/±∞, mismatched sizes, too few periods to estimate (T ≤ K + 1)
 * or collinear factor returns.
 */
export function factorAttribution(input: FactorAttributionInput): FactorAttribution {
  if (input === null || typeof input !== 'object') throw new InvalidInputError('input', 'must be an object', input);
  const r = toVector(input.portfolioReturns, 'portfolioReturns');
  const T = r.length;
  if (T < 1) throw new InvalidInputError('portfolioReturns', 'needs at least one period');
  const F = toDense(input.factorReturns, 'factorReturns');
  if (F.rows !== T) throw new InvalidInputError('factorReturns', `must have one row per period (${T}), got ${F.rows}`);
  const K = F.cols;
  if (K < 1) throw new InvalidInputError('factorReturns', 'needs at least one factor column');
  const names = input.factors;
  if (names !== undefined && names.length !== K) throw new InvalidInputError('factors', `must have ${K} names, got ${names.length}`);
  const X = new Float64Array(T * K);
  let estimated = false;
  let alpha: number | undefined;
  if (input.exposures === undefined) {
    if (T <= K + 1) throw new InvalidInputError('portfolioReturns', `needs more than ${K + 1} periods to estimate ${K} exposures and an intercept, got ${T}; or pass exposures`);
    // OLS of r on [1, F]: centre, then solve the K × K normal equations.
    const mf = new Float64Array(K);
    let mr = 0;
    for (let t = 0; t < T; t++) {
      mr += r[t];
      for (let k = 0; k < K; k++) mf[k] += F.data[t * K + k];
    }
    mr /= T;
    for (let k = 0; k < K; k++) mf[k] /= T;
    const A: number[][] = Array.from({ length: K }, () => new Array<number>(K).fill(0));
    const b = new Float64Array(K);
    for (let t = 0; t < T; t++) {
      const dr = r[t] - mr;
      for (let p = 0; p < K; p++) {
        const dp = F.data[t * K + p] - mf[p];
        b[p] += dp * dr;
        for (let q = p; q < K; q++) A[p][q] += dp * (F.data[t * K + q] - mf[q]);
      }
    }
    for (let p = 0; p < K; p++) for (let q = 0; q < p; q++) A[p][q] = A[q][p];
    let L: number[][];
    try {
      L = cholesky(A, 'factorReturns');
    } catch (e) {
      if (e instanceof InvalidInputError) throw new InvalidInputError('factorReturns', `columns are collinear or constant, exposures are not identified (${e.reason}); drop a factor`);
      throw e;
    }
    const beta = choleskySolve(L, b);
    let a = mr;
    for (let k = 0; k < K; k++) a -= beta[k] * mf[k];
    alpha = a;
    for (let t = 0; t < T; t++) for (let k = 0; k < K; k++) X[t * K + k] = beta[k];
    estimated = true;
  } else {
    const ex = input.exposures as unknown;
    const first = (ex as ArrayLike<unknown>)[0];
    if (typeof first === 'object' && first !== null) {
      const E = toDense(ex, 'exposures');
      if (E.rows !== T || E.cols !== K) throw new InvalidInputError('exposures', `must be ${T} × ${K} (periods × factors) or ${K} numbers, got ${E.rows} × ${E.cols}`);
      X.set(E.data);
    } else {
      const e = toVector(ex, 'exposures', K);
      for (let t = 0; t < T; t++) X.set(e, t * K);
    }
  }
  const per: number[][] = [];
  const spec: number[] = [];
  const contrib = new Float64Array(K);
  let specific = 0;
  let total = 0;
  for (let t = 0; t < T; t++) {
    const row = new Array<number>(K);
    let fit = 0;
    for (let k = 0; k < K; k++) {
      const c = X[t * K + k] * F.data[t * K + k];
      row[k] = c;
      contrib[k] += c;
      fit += c;
    }
    per.push(row);
    const s = r[t] - fit;
    spec.push(s);
    specific += s;
    total += r[t];
  }
  const varOf = (x: ArrayLike<number>) => {
    let m = 0;
    for (let i = 0; i < x.length; i++) m += x[i];
    m /= x.length;
    let v = 0;
    for (let i = 0; i < x.length; i++) v += (x[i] - m) ** 2;
    return v;
  };
  const vr = varOf(r);
  const rSquared = vr > 0 ? Math.max(0, 1 - varOf(spec) / vr) : 0;
  const meanExposure = (k: number) => {
    let s = 0;
    for (let t = 0; t < T; t++) s += X[t * K + k];
    return s / T;
  };
  return {
    contributions: Array.from({ length: K }, (_, k) => ({ factor: names?.[k] ?? String(k), exposure: meanExposure(k), contribution: contrib[k] })),
    specific,
    totalReturn: total,
    periodContributions: per,
    periodSpecific: spec,
    estimated,
    ...(alpha === undefined ? {} : { alpha }),
    rSquared,
  };
}
