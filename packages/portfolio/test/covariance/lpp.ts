import { loadLpp2005Rec, type Lpp2005RecColumn } from '@quantforge/datasets';

/** The lpp2005rec returns matrix (T × N rows) in the given column order, as opt.json builds it. */
export function lppReturns(assets: readonly string[]): number[][] {
  const { columns } = loadLpp2005Rec();
  const cols = assets.map((a) => columns[a as Lpp2005RecColumn]);
  const t = cols[0].length;
  const rows: number[][] = [];
  for (let k = 0; k < t; k++) rows.push(cols.map((c) => c[k]));
  return rows;
}
