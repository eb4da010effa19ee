import { parseCsv } from './csv';
import { TTRC_CSV } from './data/ttrc';

/** The result of {@link loadTtrc}. */
export interface TtrcData {
  /** 5550 ISO dates (`YYYY-MM-DD`), 1985-01-02 to 2006-12-29, strictly increasing. */
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** Daily volume (whole numbers, stored as doubles). */
  volume: Float64Array;
}

let cache: TtrcData | undefined;

/**
 * TTR's `ttrc`: 5550 rows of daily open/high/low/close/volume, 1985-01-02 to 2006-12-29.
 * The series is randomly generated and does not represent an actual security; use it for
 * examples and tests of OHLCV code, not for empirical claims.
 *
 * The embedded CSV text is parsed on the first call and cached; every call returns new
 * arrays (typed-array copies and a new `dates` array), so mutating the result never affects
 * later calls.
 */
export function loadTtrc(): TtrcData {
  if (cache === undefined) {
    const p = parseCsv('ttrc', TTRC_CSV, ['Date', 'Open', 'High', 'Low', 'Close', 'Volume'], ['Date']);
    cache = {
      dates: p.text['Date'],
      open: p.numeric['Open'],
      high: p.numeric['High'],
      low: p.numeric['Low'],
      close: p.numeric['Close'],
      volume: p.numeric['Volume'],
    };
  }
  const c = cache;
  return {
    dates: c.dates.slice(),
    open: c.open.slice(),
    high: c.high.slice(),
    low: c.low.slice(),
    close: c.close.slice(),
    volume: c.volume.slice(),
  };
}
