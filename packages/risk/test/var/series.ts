/**
 * Builds the named series of shared/reference/risk/*.json exactly as their `conventions` say,
 * from the embedded data sets of @quantforge/datasets.
 */
import { loadDem2Gbp, loadEuStockMarkets, loadLpp2005Rec, logReturns } from '@quantforge/datasets';
import type { EuStockIndex, Lpp2005RecColumn } from '@quantforge/datasets';

const cache = new Map<string, Float64Array>();

export function buildSeries(name: string): Float64Array {
  const hit = cache.get(name);
  if (hit) return hit;
  let out: Float64Array;
  if (name === 'dem2gbp') out = loadDem2Gbp().returns;
  else if (name.startsWith('eustock:') || name.startsWith('eustock100:')) {
    const [kind, col] = name.split(':');
    const r = logReturns(loadEuStockMarkets().columns[col as EuStockIndex]);
    if (kind === 'eustock100') for (let i = 0; i < r.length; i++) r[i] = 100 * r[i];
    out = r;
  } else if (name === 'lpp:EW6') {
    const c = loadLpp2005Rec().columns;
    const n = c.SBI.length;
    out = new Float64Array(n);
    // (SBI+SPI+SII+LMI+MPI+ALT)/6 summed left to right.
    for (let i = 0; i < n; i++) out[i] = (c.SBI[i] + c.SPI[i] + c.SII[i] + c.LMI[i] + c.MPI[i] + c.ALT[i]) / 6;
  } else if (name.startsWith('lpp:')) {
    out = loadLpp2005Rec().columns[name.slice(4) as Lpp2005RecColumn];
  } else throw new Error(`unknown series ${name}`);
  cache.set(name, out);
  return out;
}
