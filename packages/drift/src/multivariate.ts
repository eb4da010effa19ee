/**
 * Multivariate samples: arrays of rows (number[]) or a 1-D array of numbers (one feature).
 */
import { InvalidInputError } from '@quantforge/core';

/** Row-major matrix view. */
export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

export type MultiSample = ArrayLike<number> | ArrayLike<ArrayLike<number>>;

export function toMatrix(x: MultiSample, field: string, minRows = 1): Matrix {
  if (x === null || typeof x !== 'object' || typeof (x as { length?: unknown }).length !== 'number') {
    throw new InvalidInputError(field, 'must be an array of numbers or of rows', x);
  }
  const rows = x.length;
  if (rows < minRows) throw new InvalidInputError(field, `needs at least ${minRows} rows, got ${rows}`);
  const first = x[0] as unknown;
  const cols = typeof first === 'number' ? 1 : (first as ArrayLike<number>).length;
  if (!(cols >= 1)) throw new InvalidInputError(`${field}[0]`, 'must be a number or a non-empty row', first);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = x[i] as unknown;
    if (cols === 1 && typeof r === 'number') {
      if (!Number.isFinite(r)) throw new InvalidInputError(`${field}[${i}]`, 'must be a finite number', r);
      data[i] = r;
      continue;
    }
    const row = r as ArrayLike<number>;
    if (row === null || typeof row !== 'object' || row.length !== cols) throw new InvalidInputError(`${field}[${i}]`, `must be a row of ${cols} numbers`, r);
    for (let c = 0; c < cols; c++) {
      const v = row[c];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`${field}[${i}][${c}]`, 'must be a finite number', v);
      data[i * cols + c] = v;
    }
  }
  return { data, rows, cols };
}

export function stackMatrices(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.cols) throw new InvalidInputError('b', `rows must have ${a.cols} columns like a`, b.cols);
  const data = new Float64Array((a.rows + b.rows) * a.cols);
  data.set(a.data, 0);
  data.set(b.data, a.data.length);
  return { data, rows: a.rows + b.rows, cols: a.cols };
}
