/**
 * The jump condition of a discrete cash dividend D paid at t_d (no-arbitrage: the share drops by
 * D, the option does not jump):  V(S, t_d-) = V(S - D, t_d+).
 *
 * V(S - D) is read off the log-spot grid by local cubic interpolation in x = ln S. The grid cannot
 * hold S - D <= 0: a share worth S <= D pays (at most) all it is worth and is worth 0 after, so
 * V(S, t_d-) = V(0, t_d+) = `valueAtZero` (a put: K, or K e^{-rτ} if the rate is negative; a
 * call: 0). For 0 < S - D < S_min (below the grid) V is interpolated linearly between S = 0 and
 * the first node — exact for the linear values an option takes there.
 */
import { cubicValue } from './cubic';

/** Applies the jump to v (values on the grid x, spots s = e^x) into out; v and out must differ. */
export function applyDividendJump(
  x: Float64Array, s: Float64Array, v: Float64Array, n: number, amount: number, valueAtZero: number, out: Float64Array,
): void {
  const s0 = s[0];
  let j = 0; // stencil start, non-decreasing because S - D increases with S
  for (let i = 0; i < n; i++) {
    const sd = s[i] - amount;
    if (sd <= 0) {
      out[i] = valueAtZero;
    } else if (sd < s0) {
      out[i] = valueAtZero + (v[0] - valueAtZero) * (sd / s0);
    } else {
      const t = Math.log(sd);
      while (j < n - 4 && x[j + 2] <= t) j++;
      out[i] = cubicValue(x, v, j, t);
    }
  }
}
