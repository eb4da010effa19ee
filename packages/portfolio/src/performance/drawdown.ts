import { InvalidInputError, requireFiniteArray } from '@quantforge/core';

/** Options of {@link maxDrawdown}. */
export interface MaxDrawdownOptions {
  /** What the series holds: `'returns'` (default, simple per-period returns) or `'prices'` (> 0). */
  from?: 'returns' | 'prices';
}

/** The result of {@link maxDrawdown}. Indices refer to the wealth series (see the function). */
export interface MaxDrawdownResult {
  /** Depth of the worst drawdown as a positive fraction, 1 − W_trough / W_peak (0.25 = −25%). */
  maxDrawdown: number;
  /** Index of the running peak before the worst trough. */
  peakIndex: number;
  /** Index of the worst trough. */
  troughIndex: number;
  /** First index after the trough where wealth is back at (≥) the peak; null if never. */
  recoveryIndex: number | null;
  /** Whether the worst drawdown recovered. */
  recovered: boolean;
  /** Periods from the peak to the recovery (or to the last index when not recovered). */
  duration: number;
  /** The longest time under water (peak to recovery or to the end) of any drawdown, in periods. */
  longestDrawdownDuration: number;
  /** The drawdown 1 − W_i / max_{j≤i} W_j at every index of the wealth series. */
  drawdowns: number[];
}

/**
 * Maximum drawdown, where it happened and how long it lasted. From returns the wealth series is
 * W_0 = 1, W_{i+1} = W_i (1 + r_i) (T + 1 points; index i + 1 is "after return i"); from prices
 * W_i = price_i. The worst trough is the first index with the largest drawdown; its peak is the
 * last running maximum before it. A series that never falls gives maxDrawdown 0 with every index 0.
 *
 * @throws InvalidInputError for NaN/±∞, an empty series, a return < −1 or a price ≤ 0.
 */
export function maxDrawdown(series: ArrayLike<number>, options: MaxDrawdownOptions = {}): MaxDrawdownResult {
  const from = options.from ?? 'returns';
  if (from !== 'returns' && from !== 'prices') throw new InvalidInputError('from', "must be 'returns' or 'prices'", from);
  const x = requireFiniteArray(series, from, from === 'prices' ? 2 : 1);
  let w: Float64Array;
  if (from === 'prices') {
    x.forEach((v, i) => {
      if (!(v > 0)) throw new InvalidInputError(`prices[${i}]`, 'must be > 0', v);
    });
    w = x;
  } else {
    w = new Float64Array(x.length + 1);
    w[0] = 1;
    for (let i = 0; i < x.length; i++) {
      if (x[i] < -1) throw new InvalidInputError(`returns[${i}]`, 'must be ≥ −1 (a simple return cannot lose more than 100%)', x[i]);
      w[i + 1] = w[i] * (1 + x[i]);
    }
  }
  const n = w.length;
  const dd = new Array<number>(n);
  let peak = 0;
  let best = 0;
  let peakIndex = 0;
  let troughIndex = 0;
  let longest = 0;
  let runStart = -1;
  for (let i = 0; i < n; i++) {
    if (w[i] >= w[peak]) {
      if (runStart >= 0) longest = Math.max(longest, i - runStart);
      runStart = -1;
      peak = i;
    } else if (runStart < 0) runStart = peak;
    const d = w[peak] > 0 ? 1 - w[i] / w[peak] : 0;
    dd[i] = d;
    if (d > best) {
      best = d;
      peakIndex = peak;
      troughIndex = i;
    }
  }
  if (runStart >= 0) longest = Math.max(longest, n - 1 - runStart);
  let recoveryIndex: number | null = best === 0 ? 0 : null;
  if (best > 0) {
    for (let i = troughIndex + 1; i < n; i++) {
      if (w[i] >= w[peakIndex]) {
        recoveryIndex = i;
        break;
      }
    }
  }
  const recovered = recoveryIndex !== null;
  const duration = best === 0 ? 0 : (recoveryIndex ?? n - 1) - peakIndex;
  return { maxDrawdown: best, peakIndex, troughIndex, recoveryIndex, recovered, duration, longestDrawdownDuration: longest, drawdowns: dd };
}
