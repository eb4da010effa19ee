import { InvalidInputError } from '@quantforge/core';
import { centreInPlace, gram } from './gram';
import { toReturnsColumns, toRows, type MatrixInput } from './matrix-input';

/** The result of {@link ledoitWolfConstantCorrelation}. */
export interface ConstantCorrelationShrinkage {
  /** shrinkage·F + (1 − shrinkage)·S, N × N. */
  covariance: number[][];
  /** The shrinkage intensity δ* = max(0, min(1, κ/T)). */
  shrinkage: number;
  /** The target F: F_ii = s_ii, F_ij = r̄ √(s_ii s_jj). */
  target: number[][];
  /** r̄, the average of the N(N−1) off-diagonal sample correlations. */
  averageCorrelation: number;
}

/**
 * Ledoit-Wolf shrinkage towards the constant-correlation target (Ledoit & Wolf 2004, "Honey, I
 * shrunk the sample covariance matrix", J. Portfolio Management 30(4)), as the authors' reference
 * code `covCor.m` (2004):
 *
 * S = XᵀX/T of the centred returns (ddof 0), r̄ = mean off-diagonal correlation,
 * π̂ = Σ_ij [ (1/T) Σ_t x_ti² x_tj² − s_ij² ],
 * ρ̂ = Σ_i π̂_ii + r̄ Σ_{i≠j} √(s_jj/s_ii) θ̂_ii,ij with θ̂_ii,ij = (1/T) Σ_t x_ti³ x_tj − s_ii s_ij,
 * γ̂ = ‖F − S‖²_F, κ = (π̂ − ρ̂)/γ̂, δ* = max(0, min(1, κ/T)).
 *
 * @throws InvalidInputError for NaN/±∞ entries, T < 2, N < 2, or a constant column (its
 * correlation is undefined: remove that asset).
 */
export function ledoitWolfConstantCorrelation(returns: MatrixInput): ConstantCorrelationShrinkage {
  const m = toReturnsColumns(returns, 'returns', 2);
  if (m.n < 2) throw new InvalidInputError('returns', 'needs at least 2 columns (assets) for a correlation target');
  const { t, n, x } = centreInPlace(m.x, m.t, m.n);
  const s = gram(x, t, n);
  for (let k = 0; k < s.length; k++) s[k] /= t;
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(s[i * n + i] > 0)) {
      throw new InvalidInputError(`returns[*][${i}]`, 'column is constant (zero variance): its correlation is undefined; remove that asset');
    }
    sd[i] = Math.sqrt(s[i * n + i]);
  }
  let rsum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) rsum += s[i * n + j] / (sd[i] * sd[j]);
  const rBar = rsum / (n * (n - 1));
  const f = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) f[i * n + j] = i === j ? s[i * n + i] : rBar * sd[i] * sd[j];
  }
  // π̂: the Gram matrix of the squared centred returns.
  const y = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) y[k] = x[k] * x[k];
  const yy = gram(y, t, n);
  let phi = 0;
  let phiDiag = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const p = yy[i * n + j] / t - s[i * n + j] * s[i * n + j];
      phi += p;
      if (i === j) phiDiag += p;
    }
  }
  // ρ̂: θ̂_ii,ij = (1/T) Σ x_ti³ x_tj − s_ii s_ij.
  let rhoOff = 0;
  for (let i = 0; i < n; i++) {
    const oi = i * t;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const oj = j * t;
      let acc = 0;
      for (let k = 0; k < t; k++) acc += y[oi + k] * x[oi + k] * x[oj + k];
      const theta = acc / t - s[i * n + i] * s[i * n + j];
      rhoOff += (sd[j] / sd[i]) * theta;
    }
  }
  const rho = phiDiag + rBar * rhoOff;
  let gamma = 0;
  for (let k = 0; k < s.length; k++) gamma += (f[k] - s[k]) * (f[k] - s[k]);
  const kappa = gamma === 0 ? 0 : (phi - rho) / gamma;
  const shrinkage = Math.max(0, Math.min(1, kappa / t));
  const out = new Float64Array(n * n);
  for (let k = 0; k < out.length; k++) out[k] = shrinkage * f[k] + (1 - shrinkage) * s[k];
  return { covariance: toRows(out, n, n), shrinkage, target: toRows(f, n, n), averageCorrelation: rBar };
}
