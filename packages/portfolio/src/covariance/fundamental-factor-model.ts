import { InvalidInputError, cholesky, choleskySolve, type MatrixInput } from '@quantforge/core';
import { centreColumns, gram } from './gram';
import { toDense, toReturns, toRows, toVector, type DenseMatrix } from './matrix-input';

/** Options of {@link fundamentalFactorModel}. */
export interface FundamentalFactorModelOptions {
  /**
   * Cross-sectional regression weights, one per asset (> 0), e.g. √market-cap: weighted least
   * squares minimising Σ_i w_i u_ti². Default: ordinary least squares (all 1).
   */
  weights?: ArrayLike<number>;
}

/** The result of {@link fundamentalFactorModel}. */
export interface FundamentalFactorModel {
  /** T × K estimated factor returns f_t = (BᵀWB)⁻¹BᵀW r_t, one row per period. */
  factorReturns: number[][];
  /** T × N residuals u_t = r_t − B f_t. */
  residuals: number[][];
  /** K × K sample covariance of the factor returns (ddof 1). */
  factorCovariance: number[][];
  /** Per-asset sample variance of the residuals (ddof 1). */
  specificVariances: number[];
  /** The N × K exposures the implied covariance uses (the last period's when they vary). */
  exposures: number[][];
  /** The implied covariance B F Bᵀ + diag(specificVariances), N × N. */
  covariance: number[][];
  /** Per-period weighted cross-sectional R² = 1 − Σ w u² / Σ w (r − r̄_w)² (NaN-free: 0 when r is constant). */
  rSquared: number[];
}

function factorOfExposures(b: DenseMatrix, w: Float64Array, field: string): { L: number[][]; bw: Float64Array } {
  const n = b.rows;
  const k = b.cols;
  const bw = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let f = 0; f < k; f++) bw[i * k + f] = w[i] * b.data[i * k + f];
  const a: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let p = 0; p < k; p++) {
    for (let q = p; q < k; q++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += bw[i * k + p] * b.data[i * k + q];
      a[p][q] = s;
      a[q][p] = s;
    }
  }
  try {
    return { L: cholesky(a, field), bw };
  } catch (e) {
    if (e instanceof InvalidInputError) {
      throw new InvalidInputError(
        field,
        `columns are (nearly) collinear, so the factor returns are not identified (${e.reason}); drop or merge an exposure column (e.g. a dummy that duplicates the intercept)`,
      );
    }
    throw e;
  }
}

/**
 * Fundamental (cross-sectional) factor model: for each period t, regress the N asset returns on
 * the given N × K exposures B (industry dummies, styles…), r_t = B f_t + u_t, by (weighted)
 * least squares, f_t = (BᵀWB)⁻¹BᵀW r_t (normal equations via Cholesky; accurate to about
 * cond(BᵀWB)·ε). The implied covariance is B F Bᵀ + diag(d), F = cov(f) and d_i = var(u_·i),
 * both ddof 1 (BARRA-style, Grinold & Kahn ch. 3).
 *
 * @param returns T × N returns, T ≥ 2.
 * @param exposures one N × K matrix (static), or an array of T such matrices (one per period).
 * @throws InvalidInputError for NaN entries, mismatched sizes, N < K or collinear exposures.
 */
export function fundamentalFactorModel(
  returns: MatrixInput,
  exposures: MatrixInput | readonly MatrixInput[],
  options: FundamentalFactorModelOptions = {},
): FundamentalFactorModel {
  const r = toReturns(returns, 'returns', 2);
  const { rows: t, cols: n } = r;
  const first: unknown = Array.isArray(exposures) ? (exposures as unknown[])[0] : undefined;
  const timeVarying =
    typeof first === 'object' &&
    first !== null &&
    (typeof (first as { to2DArray?: unknown }).to2DArray === 'function' ||
      (typeof (first as ArrayLike<unknown>)[0] === 'object' && (first as ArrayLike<unknown>)[0] !== null));
  const ex: DenseMatrix[] = [];
  if (timeVarying) {
    const list = exposures as readonly MatrixInput[];
    if (list.length !== t) throw new InvalidInputError('exposures', `must have one N × K matrix per period (${t}), got ${list.length}`);
    for (let q = 0; q < t; q++) ex.push(toDense(list[q], `exposures[${q}]`));
  } else {
    ex.push(toDense(exposures, 'exposures'));
  }
  const k = ex[0].cols;
  ex.forEach((b, q) => {
    const field = timeVarying ? `exposures[${q}]` : 'exposures';
    if (b.rows !== n) throw new InvalidInputError(field, `must have one row per asset (${n}, the columns of returns), got ${b.rows}`);
    if (b.cols !== k || k < 1) throw new InvalidInputError(field, `must have the same K ≥ 1 columns (factors) in every period, got ${b.cols}`);
    if (n < k) throw new InvalidInputError(field, `has ${k} factors but only ${n} assets: a cross-sectional regression needs N ≥ K`);
  });
  const w = options.weights === undefined ? new Float64Array(n).fill(1) : toVector(options.weights, 'weights', n);
  w.forEach((v, i) => {
    if (!(v > 0)) throw new InvalidInputError(`weights[${i}]`, 'must be > 0', v);
  });
  const solved = ex.map((b, q) => factorOfExposures(b, w, timeVarying ? `exposures[${q}]` : 'exposures'));

  const fr = new Float64Array(t * k);
  const res = new Float64Array(t * n);
  const rSquared: number[] = [];
  const rhs = new Float64Array(k);
  for (let q = 0; q < t; q++) {
    const b = ex[timeVarying ? q : 0];
    const { L, bw } = solved[timeVarying ? q : 0];
    rhs.fill(0);
    for (let i = 0; i < n; i++) {
      const v = r.data[q * n + i];
      for (let f = 0; f < k; f++) rhs[f] += bw[i * k + f] * v;
    }
    const fq = choleskySolve(L, rhs);
    let wsum = 0;
    let wr = 0;
    for (let i = 0; i < n; i++) {
      wsum += w[i];
      wr += w[i] * r.data[q * n + i];
    }
    const rbar = wr / wsum;
    let sse = 0;
    let sst = 0;
    for (let i = 0; i < n; i++) {
      let fit = 0;
      for (let f = 0; f < k; f++) fit += b.data[i * k + f] * fq[f];
      const u = r.data[q * n + i] - fit;
      res[q * n + i] = u;
      sse += w[i] * u * u;
      sst += w[i] * (r.data[q * n + i] - rbar) ** 2;
    }
    for (let f = 0; f < k; f++) fr[q * k + f] = fq[f];
    rSquared.push(sst > 0 ? 1 - sse / sst : 0);
  }
  const fc = centreColumns({ rows: t, cols: k, data: fr });
  const F = gram(fc.x, t, k);
  for (let q = 0; q < F.length; q++) F[q] /= t - 1;
  const uc = centreColumns({ rows: t, cols: n, data: res });
  const d: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = 0; q < t; q++) s += uc.x[i * t + q] ** 2;
    d.push(s / (t - 1));
  }
  const B = ex[ex.length - 1];
  const cov = new Float64Array(n * n);
  const bf = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < k; f++) {
      let s = 0;
      for (let g = 0; g < k; g++) s += B.data[i * k + g] * F[g * k + f];
      bf[i * k + f] = s;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let f = 0; f < k; f++) s += bf[i * k + f] * B.data[j * k + f];
      cov[i * n + j] = s;
      cov[j * n + i] = s;
    }
    cov[i * n + i] += d[i];
  }
  return {
    factorReturns: toRows(fr, t, k),
    residuals: toRows(res, t, n),
    factorCovariance: toRows(F, k, k),
    specificVariances: d,
    exposures: toRows(B.data, n, k),
    covariance: toRows(cov, n, n),
    rSquared,
  };
}
