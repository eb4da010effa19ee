import { requirePositive } from '@quantforge/core';

/**
 * Daily log returns ln(P_t / P_{t-1}) of a price series, computed as
 * `Math.log(prices[t] / prices[t - 1])`, the form the reference generators use.
 *
 * @param prices strictly positive, finite prices in time order (any array-like of numbers).
 * @returns a new `Float64Array` of length `prices.length - 1` (empty for fewer than two prices).
 * @throws InvalidInputError (from `@quantforge/core`) naming the first price that is not a finite
 *   number > 0; the input is checked before anything is computed.
 *
 * @example
 * const { columns } = loadEuStockMarkets();
 * const dax = logReturns(columns.DAX); // 1859 values
 */
export function logReturns(prices: ArrayLike<number>): Float64Array {
  const n = prices.length;
  for (let i = 0; i < n; i++) {
    requirePositive(`prices[${i}]`, prices[i]);
  }
  const out = new Float64Array(n > 1 ? n - 1 : 0);
  for (let t = 1; t < n; t++) out[t - 1] = Math.log(prices[t] / prices[t - 1]);
  return out;
}
