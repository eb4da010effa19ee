import { InvalidInputError } from '@quantforge/core';
import { toDense, toSquare, toVector, type MatrixInput } from '../covariance/matrix-input';

/** Input of {@link riskAttribution}: weights and either a covariance or a factor model. */
export interface RiskAttributionInput {
  /** Portfolio weights w (N), in input order. */
  weights: ArrayLike<number>;
  /** N × N covariance Σ. Give this or `factorModel`. */
  covariance?: MatrixInput;
  /**
   * A factor model Σ = B F Bᵀ + diag(d) (e.g. from pcaFactorModel or fundamentalFactorModel):
   * additionally decomposes the risk into factor and specific contributions.
   */
  factorModel?: {
    loadings?: MatrixInput;
    exposures?: MatrixInput;
    factorCovariance: MatrixInput;
    specificVariances: ArrayLike<number>;
  };
}

/** The result of {@link riskAttribution}. */
export interface RiskAttribution {
  /** Portfolio volatility σ = √(wᵀΣw) (in the covariance's period units). */
  volatility: number;
  /** wᵀΣw. */
  variance: number;
  /** Marginal contributions ∂σ/∂w_i = (Σw)_i / σ. */
  marginal: number[];
  /** Euler contributions c_i = w_i (Σw)_i / σ; Σ c_i = σ. */
  contributions: number[];
  /** c_i / σ; sums to 1. */
  percent: number[];
  /** With a factor model: x = Bᵀw, factor contributions x_k (F x)_k / σ and the specific part Σ w_i² d_i / σ; they sum to σ. */
  factors?: { exposures: number[]; contributions: number[]; specific: number };
}

/**
 * Euler (homogeneous-function) risk decomposition of portfolio volatility (Litterman 1996,
 * Tasche 1999): σ(w) is homogeneous of degree 1, so σ = Σ_i w_i ∂σ/∂w_i exactly.
 *
 * @throws InvalidInputError for NaN/±∞, mismatched sizes, a non-symmetric covariance, or zero
 * portfolio variance (no risk to attribute).
 */
export function riskAttribution(input: RiskAttributionInput): RiskAttribution {
  if (input === null || typeof input !== 'object') throw new InvalidInputError('input', 'must be an object', input);
  const w = toVector(input.weights, 'weights');
  const n = w.length;
  if (n < 1) throw new InvalidInputError('weights', 'needs at least one asset');
  let sigmaData: Float64Array;
  let fm: { B: Float64Array; k: number; F: Float64Array; d: Float64Array } | undefined;
  if (input.factorModel !== undefined) {
    const m = input.factorModel;
    const load = m.loadings ?? m.exposures;
    if (load === undefined) throw new InvalidInputError('factorModel.loadings', 'must give the N × K loadings (or exposures)');
    const B = toDense(load, 'factorModel.loadings');
    if (B.rows !== n) throw new InvalidInputError('factorModel.loadings', `must have one row per weight (${n}), got ${B.rows}`);
    const k = B.cols;
    const F = toSquare(m.factorCovariance, 'factorModel.factorCovariance', 1e-10);
    if (F.rows !== k) throw new InvalidInputError('factorModel.factorCovariance', `must be ${k} × ${k} (one row per factor)`);
    const d = toVector(m.specificVariances, 'factorModel.specificVariances', n);
    fm = { B: B.data, k, F: F.data, d };
    sigmaData = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) s += B.data[i * k + p] * F.data[p * k + q] * B.data[j * k + q];
        sigmaData[i * n + j] = s + (i === j ? d[i] : 0);
      }
    }
  } else {
    if (input.covariance === undefined) throw new InvalidInputError('covariance', 'must be given (or a factorModel)');
    const S = toSquare(input.covariance, 'covariance', 1e-10);
    if (S.rows !== n) throw new InvalidInputError('covariance', `must be ${n} × ${n} (one row per weight), got ${S.rows} × ${S.cols}`);
    sigmaData = S.data;
  }
  const sw = new Float64Array(n);
  let variance = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += sigmaData[i * n + j] * w[j];
    sw[i] = s;
    variance += w[i] * s;
  }
  if (!(variance > 0)) {
    throw new InvalidInputError('weights', `give a portfolio variance of ${variance}: nothing to attribute (check the weights and that the covariance is PSD)`);
  }
  const sigma = Math.sqrt(variance);
  const marginal = Array.from(sw, (v) => v / sigma);
  const contributions = marginal.map((m, i) => w[i] * m);
  const out: RiskAttribution = {
    volatility: sigma,
    variance,
    marginal,
    contributions,
    percent: contributions.map((c) => c / sigma),
  };
  if (fm !== undefined) {
    const { B, k, F, d } = fm;
    const x = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) x[p] += B[i * k + p] * w[i];
    const fc = x.map((xp, p) => {
      let s = 0;
      for (let q = 0; q < k; q++) s += F[p * k + q] * x[q];
      return (xp * s) / sigma;
    });
    let spec = 0;
    for (let i = 0; i < n; i++) spec += w[i] * w[i] * d[i];
    out.factors = { exposures: x, contributions: fc, specific: spec / sigma };
  }
  return out;
}
