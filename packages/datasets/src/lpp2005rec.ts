import { parseCsv } from './csv';
import { LPP2005REC_CSV } from './data/lpp2005rec';

/** The nine return columns of LPP2005REC, in file order. */
export const LPP2005REC_COLUMNS = Object.freeze([
  'SBI',
  'SPI',
  'SII',
  'LMI',
  'MPI',
  'ALT',
  'LPP25',
  'LPP40',
  'LPP60',
] as const);

/** A return column of LPP2005REC. */
export type Lpp2005RecColumn = (typeof LPP2005REC_COLUMNS)[number];

/** The result of {@link loadLpp2005Rec}. */
export interface Lpp2005RecData {
  /** 377 ISO dates (`YYYY-MM-DD`, GMT), 2005-11-01 to 2007-04-11, strictly increasing. */
  dates: string[];
  /** Daily returns (not prices) per column, each of length 377, aligned with `dates`. */
  columns: Record<Lpp2005RecColumn, Float64Array>;
}

let cache: { dates: string[]; columns: Record<Lpp2005RecColumn, Float64Array> } | undefined;

/**
 * The Rmetrics `LPP2005REC` data set: daily returns of the Swiss pension fund benchmark
 * (LPP = "Loi sur la Prévoyance Professionnelle") and its asset classes, 2005-11-01 to
 * 2007-04-11, 377 rows. The package help pages do not define the individual columns.
 *
 * The embedded CSV text is parsed on the first call and cached; every call returns new
 * arrays (typed-array copies and a new `dates` array), so mutating the result never affects
 * later calls.
 */
export function loadLpp2005Rec(): Lpp2005RecData {
  if (cache === undefined) {
    const p = parseCsv('lpp2005rec', LPP2005REC_CSV, ['date', ...LPP2005REC_COLUMNS], ['date']);
    const columns = {} as Record<Lpp2005RecColumn, Float64Array>;
    for (const c of LPP2005REC_COLUMNS) columns[c] = p.numeric[c];
    cache = { dates: p.text['date'], columns };
  }
  const columns = {} as Record<Lpp2005RecColumn, Float64Array>;
  for (const c of LPP2005REC_COLUMNS) columns[c] = cache.columns[c].slice();
  return { dates: cache.dates.slice(), columns };
}
