import { solvePortfolioQp } from '../constraints/portfolio-qp';
import type { NormalizedConstraints } from '../constraints/spec';
import type { PreparedCovariance } from './covariance-input';
import { dot } from './common';

/**
 * The highest expected return μᵀw the constraints allow (an LP). With bounds and the budget only
 * it is solved exactly by filling the best assets first (fractional knapsack). Otherwise it solves
 * min −μᵀw + (δ/2)wᵀΣw with δ = 1e-7·‖μ‖∞/mean diag Σ: by exact regularisation (Friedlander &
 * Tseng 2007) this is the LP optimum for δ small enough, the one of least variance among ties.
 */
export function maxReturn(mu: Float64Array, cov: PreparedCovariance, cons: NormalizedConstraints): { w: Float64Array; value: number } {
  const n = cov.n;
  if (cons.ineqRows.length === 0 && cons.grossLeverage === undefined) {
    const w = Float64Array.from(cons.lower);
    let left = cons.budget;
    for (let i = 0; i < n; i++) left -= w[i];
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => mu[b] - mu[a]);
    for (const i of order) {
      if (left <= 0) break;
      const room = cons.upper[i] - w[i];
      const add = Math.min(room, left);
      w[i] += add;
      left -= add;
    }
    return { w, value: dot(mu, w) };
  }
  let mx = 0;
  for (let i = 0; i < n; i++) mx = Math.max(mx, Math.abs(mu[i]));
  let diag = 0;
  for (let i = 0; i < n; i++) diag += cov.S[i * n + i];
  diag /= n;
  const delta = mx > 0 ? (1e-7 * mx) / diag : 1;
  const sd = Math.sqrt(delta);
  const L = cov.L.map((v) => v * sd);
  const lin = mu.map((v) => -v);
  const { w } = solvePortfolioQp({ n, L, linear: lin, cons });
  return { w, value: dot(mu, w) };
}
