import { parseCsv } from './csv';
import { DEM2GBP_CSV } from './data/dem2gbp';

/** The result of {@link loadDem2Gbp}. */
export interface Dem2GbpData {
  /** 1974 daily DEM/GBP returns in percent (the CSV column `return`, fGarch's `DEM2GBP`). */
  returns: Float64Array;
}

let cache: Float64Array | undefined;

/**
 * The fGarch `dem2gbp` series: 1974 daily DEM/GBP foreign-exchange returns (percentage log
 * returns, the Bollerslev & Ghysels 1996 series of the GARCH(1,1) benchmark).
 *
 * The embedded CSV text is parsed on the first call and cached; every call returns a new
 * `Float64Array` copy, so mutating the result never affects later calls.
 */
export function loadDem2Gbp(): Dem2GbpData {
  cache ??= parseCsv('dem2gbp', DEM2GBP_CSV, ['return'], []).numeric['return'];
  return { returns: cache.slice() };
}
