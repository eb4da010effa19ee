/** The names of the embedded data sets. */
export type DatasetName = 'dem2gbp' | 'lpp2005rec' | 'eustockmarkets' | 'ttrc';

/** Provenance and shape of one data set. */
export interface DatasetInfo {
  /** The key in {@link DATASETS}, also the CSV file name without `.csv`. */
  readonly name: DatasetName;
  /** Number of data rows (header excluded). */
  readonly rows: number;
  /** The CSV header, in file order (the loaders rename `t`/`Date`/`Open`... as documented). */
  readonly columns: readonly string[];
  /** Where the data come from: R package, version, object name. */
  readonly source: string;
  /** The licence terms as far as the source states them. */
  readonly licence: string;
  /** What the data are, quoting the documented origin. */
  readonly description: string;
}

const info = (d: DatasetInfo): DatasetInfo => Object.freeze({ ...d, columns: Object.freeze([...d.columns]) });

/**
 * Shape and provenance of every embedded data set (exported from R 4.2.2 with `write.csv`,
 * 15 significant digits; the values round-trip exactly to the R doubles). Frozen.
 */
export const DATASETS: Readonly<Record<DatasetName, DatasetInfo>> = Object.freeze({
  dem2gbp: info({
    name: 'dem2gbp',
    rows: 1974,
    columns: ['return'],
    source: "R package fGarch 4022.89, dataset `dem2gbp` (data frame, one column `DEM2GBP`, renamed `return`).",
    licence: 'No licence stated for the data on the help page; the fGarch package is licensed GPL (>= 2).',
    description:
      'Daily DEM/GBP foreign-exchange returns. fGarch help (fGarchData): "The data represent retuns [sic]. ' +
      'No further details have been recorded." In the literature this is the Bollerslev & Ghysels (1996) ' +
      'daily DEM/GBP series (percentage log returns) of the GARCH benchmark of Fiorentini, Calzolari & ' +
      'Panattoni (1996) and McCullough & Renfro (1999); the package docs do not say so.',
  }),
  lpp2005rec: info({
    name: 'lpp2005rec',
    rows: 377,
    columns: ['date', 'SBI', 'SPI', 'SII', 'LMI', 'MPI', 'ALT', 'LPP25', 'LPP40', 'LPP60'],
    source:
      'R package timeSeries 4021.105, dataset `LPP2005REC` (fPortfolio 3042.83.1 ships the identical object ' +
      'as `LPP2005.RET`). `date` is the timeSeries time stamp (GMT, ISO date).',
    licence: 'No licence stated for the data; the timeSeries package is licensed GPL (>= 2).',
    description:
      'Daily returns (not prices), 2005-11-01 to 2007-04-11. timeSeries help (TimeSeriesData): "Swiss ' +
      'pension fund assets returns benchmark from 2005-11-01 to 2007-04-11." and "No further information ' +
      'about the LPP2005REC is available." fPortfolio cites Wuertz, Chalabi, Chen & Ellis (2009), Portfolio ' +
      'Optimization with R/Rmetrics. The help pages do not define the columns.',
  }),
  eustockmarkets: info({
    name: 'eustockmarkets',
    rows: 1860,
    columns: ['t', 'DAX', 'SMI', 'CAC', 'FTSE'],
    source:
      'Base R package datasets (R 4.2.2), dataset `EuStockMarkets` (class mts). `t` is time(EuStockMarkets): ' +
      'start 1991.49615384615, frequency 260, end 1998.64615384615, written with 15 significant digits.',
    licence: 'No licence stated for the data; it is part of R (GPL-2 | GPL-3).',
    description:
      'R help: "Contains the daily closing prices of major European stock indices: Germany DAX (Ibis), ' +
      'Switzerland SMI, France CAC, and UK FTSE. The data are sampled in business time, i.e., weekends and ' +
      'holidays are omitted." Source: "The data were kindly provided by Erste Bank AG, Vienna, Austria." ' +
      'The reference generators use daily log returns ln(P_t / P_{t-1}) (1859 values per index).',
  }),
  ttrc: info({
    name: 'ttrc',
    rows: 5550,
    columns: ['Date', 'Open', 'High', 'Low', 'Close', 'Volume'],
    source: 'R package TTR 0.24.3, dataset `ttrc`. Dates 1985-01-02 to 2006-12-29.',
    licence: 'No licence stated for the data; the TTR package is licensed GPL (>= 2).',
    description:
      'TTR help: "Historical Open, High, Low, Close, and Volume data for the periods January 2, 1985 to ' +
      'December 31, 2006. Randomly generated." / "These data do not represent an actual security. They are ' +
      'provided so examples do not necessitate an internet connection."',
  }),
});
