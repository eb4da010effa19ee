import { centreInPlace, gram } from './gram';
import { toReturnsColumns, toRows, type MatrixInput } from './matrix-input';
import type { ScaledIdentityShrinkage, ShrinkageOptions } from './ledoit-wolf';

/** Options of {@link oas}. */
export interface OasOptions extends ShrinkageOptions {
  /**
   * `'sklearn'` (default): scikit-learn ≤ 1.2's formula (taken from Chen et al.'s own code),
   * ρ = min((α + m²) / ((T + 1)(α − m²/N)), 1) with α = mean(S0²), m = trace(S0)/N.
   * `'paper'`: Chen et al. (2010) eq. 23, ρ = min(((1 − 2/N) tr(S0²) + tr²(S0)) /
   * ((T + 1 − 2/N)(tr(S0²) − tr²(S0)/N)), 1).
   */
  variant?: 'sklearn' | 'paper';
}

/**
 * Oracle Approximating Shrinkage towards the scaled identity m·I (Chen, Wiesel, Eldar & Hero 2010,
 * "Shrinkage algorithms for MMSE covariance estimation"), as scikit-learn 1.2 `OAS().fit(returns)`:
 * S0 = XᵀX/T of the centred returns (ddof 0), covariance = (1 − ρ) S0 + ρ m I. N = 1 gives ρ = 0.
 *
 * @throws InvalidInputError for NaN/±∞ entries, ragged rows or T < 2.
 */
export function oas(returns: MatrixInput, options: OasOptions = {}): ScaledIdentityShrinkage {
  const m = toReturnsColumns(returns, 'returns', 2);
  const c = centreInPlace(m.x, m.t, m.n, options.assumeCentered !== true);
  const { t, n } = c;
  const s = gram(c.x, t, n);
  for (let k = 0; k < s.length; k++) s[k] /= t;
  let trace = 0;
  for (let i = 0; i < n; i++) trace += s[i * n + i];
  const mu = trace / n;
  let frob = 0;
  for (let k = 0; k < s.length; k++) frob += s[k] * s[k];
  let rho = 0;
  // den ≥ 0 in exact arithmetic (‖S0‖²_F ≥ tr²(S0)/N); rounding can make it ≤ 0 when S0 ∝ I, where
  // the ratio's limit is +∞, so ρ = 1 (scikit-learn only guards den = 0).
  if (n > 1) {
    if (options.variant === 'paper') {
      const num = (1 - 2 / n) * frob + trace * trace;
      const den = (t + 1 - 2 / n) * (frob - (trace * trace) / n);
      rho = den <= 0 ? 1 : Math.min(num / den, 1);
    } else {
      const alpha = frob / (n * n);
      const num = alpha + mu * mu;
      const den = (t + 1) * (alpha - (mu * mu) / n);
      rho = den <= 0 ? 1 : Math.min(num / den, 1);
    }
  }
  const out = new Float64Array(n * n);
  for (let k = 0; k < out.length; k++) out[k] = (1 - rho) * s[k];
  for (let i = 0; i < n; i++) out[i * n + i] += rho * mu;
  return { covariance: toRows(out, n, n), shrinkage: rho, target: mu };
}
