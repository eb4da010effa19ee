import { parseCsv } from './csv';
import { EUSTOCKMARKETS_CSV } from './data/eustockmarkets';

/** The four indices of EuStockMarkets, in file order. */
export const EU_STOCK_INDICES = Object.freeze(['DAX', 'SMI', 'CAC', 'FTSE'] as const);

/** An index of EuStockMarkets. */
export type EuStockIndex = (typeof EU_STOCK_INDICES)[number];

/** The result of {@link loadEuStockMarkets}. */
export interface EuStockMarketsData {
  /**
   * The R ts time `time(EuStockMarkets)` as written to the CSV (15 significant digits):
   * 1991.49615384615 to 1998.64615384615 in steps of 1/260 (business time), 1860 values.
   */
  time: Float64Array;
  /** Daily closing prices (index points) per index, each of length 1860, aligned with `time`. */
  columns: Record<EuStockIndex, Float64Array>;
}

let cache: { time: Float64Array; columns: Record<EuStockIndex, Float64Array> } | undefined;

/**
 * R's `EuStockMarkets`: daily closing prices of the DAX (Ibis), SMI, CAC and FTSE,
 * 1991-1998, 1860 rows in business time (weekends and holidays omitted). Use
 * {@link logReturns} for the 1859 daily log returns per index.
 *
 * The embedded CSV text is parsed on the first call and cached; every call returns new
 * `Float64Array` copies, so mutating the result never affects later calls.
 */
export function loadEuStockMarkets(): EuStockMarketsData {
  if (cache === undefined) {
    const p = parseCsv('eustockmarkets', EUSTOCKMARKETS_CSV, ['t', ...EU_STOCK_INDICES], []);
    const columns = {} as Record<EuStockIndex, Float64Array>;
    for (const c of EU_STOCK_INDICES) columns[c] = p.numeric[c];
    cache = { time: p.numeric['t'], columns };
  }
  const columns = {} as Record<EuStockIndex, Float64Array>;
  for (const c of EU_STOCK_INDICES) columns[c] = cache.columns[c].slice();
  return { time: cache.time.slice(), columns };
}
