/**
 * Tables for detectDrift and the monitor: a columnar object `{ col: values[] }` or an array of row
 * objects `[{ col: value }]`. Values are numbers (NaN, null and undefined count as missing) or
 * categories (strings, booleans).
 */
import { InvalidInputError } from '@quantforge/core';
import type { Category } from '../binned/categorical';

export type CellValue = number | string | boolean | null | undefined;
export type Table = Record<string, ArrayLike<CellValue>> | ReadonlyArray<Record<string, CellValue>>;
export type ColumnType = 'numeric' | 'categorical';

/** Column names and a column accessor for either table layout. */
export function tableColumns(t: Table, field: string): { names: string[]; column: (name: string) => ArrayLike<CellValue>; rows: number } {
  if (t === null || typeof t !== 'object') throw new InvalidInputError(field, 'must be a columnar object or an array of rows', t);
  if (Array.isArray(t)) {
    const rows = t as ReadonlyArray<Record<string, CellValue>>;
    const names: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r === null || typeof r !== 'object') throw new InvalidInputError(`${field}[${i}]`, 'must be a row object', r);
      for (const k of Object.keys(r)) {
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
      }
    }
    return { names, column: (name) => rows.map((r) => r[name]), rows: rows.length };
  }
  const cols = t as Record<string, ArrayLike<CellValue>>;
  const names = Object.keys(cols);
  let rows = -1;
  for (const k of names) {
    const c = cols[k];
    if (c === null || typeof c !== 'object' || typeof c.length !== 'number') throw new InvalidInputError(`${field}.${k}`, 'must be an array', c);
    if (rows >= 0 && c.length !== rows) throw new InvalidInputError(`${field}.${k}`, `has ${c.length} values but other columns have ${rows}`);
    rows = c.length;
  }
  return { names, column: (name) => cols[name] ?? [], rows: Math.max(rows, 0) };
}

export function isMissing(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** Infers a column's type from its non-missing values: all finite numbers → numeric, else categorical. */
export function inferType(values: ArrayLike<CellValue>): ColumnType {
  if (values instanceof Float64Array || values instanceof Float32Array) return 'numeric';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    if (typeof v !== 'number') return 'categorical';
  }
  return 'numeric';
}

export interface CleanColumn {
  numeric?: Float64Array;
  categories?: Category[];
  missing: number;
}

/**
 * Validates one column: missing values are dropped when `dropNaN`, else an InvalidInputError names
 * the column and the count. Numeric columns reject strings and ±Infinity.
 */
export function cleanColumn(values: ArrayLike<CellValue>, type: ColumnType, field: string, dropNaN: boolean): CleanColumn {
  let missing = 0;
  for (let i = 0; i < values.length; i++) if (isMissing(values[i])) missing++;
  if (missing > 0 && !dropNaN) {
    throw new InvalidInputError(field, `has ${missing} missing (NaN/null) value${missing === 1 ? '' : 's'}; pass dropNaN: true to drop them`, missing);
  }
  if (type === 'numeric') {
    const out = new Float64Array(values.length - missing);
    let t = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (isMissing(v)) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`${field}[${i}]`, 'must be a finite number in a numeric column', v);
      out[t++] = v;
    }
    return { numeric: out, missing };
  }
  const cats: Category[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    if (typeof v === 'number' && !Number.isFinite(v)) throw new InvalidInputError(`${field}[${i}]`, 'must be finite', v);
    cats.push(v as Category);
  }
  return { categories: cats, missing };
}
