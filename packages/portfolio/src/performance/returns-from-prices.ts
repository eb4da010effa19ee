import { InvalidInputError } from '@quantforge/core';

/** Options of {@link returnsFromPrices}. */
export interface ReturnsFromPricesOptions {
  /** `'simple'` (default): P_t/P_{t−1} − 1. `'log'`: ln(P_t/P_{t−1}) (computed with log1p for accuracy). */
  method?: 'simple' | 'log';
}

function series(prices: ArrayLike<number>, method: 'simple' | 'log', name: (i: number) => string): number[] {
  const n = prices.length;
  if (n < 2) throw new InvalidInputError('prices', `needs at least 2 prices (dates), got ${n}`);
  const out = new Array<number>(n - 1);
  for (let i = 0; i < n; i++) {
    const p = prices[i];
    if (typeof p !== 'number' || !Number.isFinite(p) || !(p > 0)) {
      throw new InvalidInputError(name(i), 'must be a finite price > 0', p);
    }
    if (i === 0) continue;
    const prev = prices[i - 1];
    const simple = (p - prev) / prev;
    out[i - 1] = method === 'log' ? Math.log1p(simple) : simple;
  }
  return out;
}

/**
 * Returns from prices, oldest first: a price series of length T + 1 gives T returns. Prices must be
 * finite and > 0. A matrix of prices (rows = dates, columns = assets) gives the T × N returns matrix.
 *
 * @throws InvalidInputError naming the first bad price, or for fewer than 2 prices.
 */
export function returnsFromPrices(prices: ArrayLike<number>, options?: ReturnsFromPricesOptions): number[];
export function returnsFromPrices(prices: ReadonlyArray<ArrayLike<number>>, options?: ReturnsFromPricesOptions): number[][];
export function returnsFromPrices(
  prices: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>,
  options: ReturnsFromPricesOptions = {},
): number[] | number[][] {
  const method = options.method ?? 'simple';
  if (method !== 'simple' && method !== 'log') throw new InvalidInputError('method', "must be 'simple' or 'log'", method);
  if (prices === null || typeof prices !== 'object' || typeof (prices as { length?: unknown }).length !== 'number') {
    throw new InvalidInputError('prices', 'must be an array of prices (or rows of prices per date)', prices);
  }
  const first: unknown = (prices as ArrayLike<unknown>)[0];
  if (typeof first === 'object' && first !== null) {
    const rows = prices as ReadonlyArray<ArrayLike<number>>;
    const n = rows[0].length;
    rows.forEach((r, t) => {
      if (r?.length !== n) throw new InvalidInputError(`prices[${t}]`, `must have ${n} prices like row 0 (one column per asset)`);
    });
    const cols: number[][] = [];
    for (let j = 0; j < n; j++) {
      cols.push(series(rows.map((r) => r[j]), method, (t) => `prices[${t}][${j}]`));
    }
    return Array.from({ length: rows.length - 1 }, (_, t) => cols.map((c) => c[t]));
  }
  return series(prices as ArrayLike<number>, method, (i) => `prices[${i}]`);
}
