import { InvalidInputError, type MatrixInput } from '@quantforge/core';

/**
 * A matrix as the portfolio functions accept it (core's `MatrixInput`): rows of numbers
 * (`number[][]`, `Float64Array[]`) or an ml-matrix `Matrix` (anything with `to2DArray()`).
 */
export type { MatrixInput };

/** A dense row-major copy of a validated matrix. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  /** Row-major values, `data[i * cols + j]`. */
  data: Float64Array;
}

interface MatrixObject {
  rows: number;
  columns: number;
  get(i: number, j: number): number;
}

function isMatrixObject(x: unknown): x is MatrixObject {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    typeof (x as MatrixObject).rows === 'number' &&
    typeof (x as MatrixObject).columns === 'number' &&
    typeof (x as MatrixObject).get === 'function'
  );
}

function hasTo2DArray(x: unknown): x is { to2DArray(): number[][] } {
  return typeof x === 'object' && x !== null && typeof (x as { to2DArray?: unknown }).to2DArray === 'function';
}

/**
 * Copies a matrix into row-major Float64Array storage, rejecting ragged rows and non-finite
 * entries (the error names the entry, `returns[12][3]`).
 */
export function toDense(x: unknown, field: string): DenseMatrix {
  if (!isMatrixObject(x) && hasTo2DArray(x)) return toDense(x.to2DArray(), field);
  if (isMatrixObject(x)) {
    const rows = x.rows;
    const cols = x.columns;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = x.get(i, j);
        if (!Number.isFinite(v)) throw new InvalidInputError(`${field}[${i}][${j}]`, 'must be a finite number', v);
        data[i * cols + j] = v;
      }
    }
    return { rows, cols, data };
  }
  if (!Array.isArray(x)) {
    const kind = x !== null && typeof x === 'object' ? Object.prototype.toString.call(x) : x;
    throw new InvalidInputError(field, 'must be an array of rows (number[][]) or an ml-matrix Matrix', kind);
  }
  const rows = x.length;
  if (rows === 0) return { rows: 0, cols: 0, data: new Float64Array(0) };
  const first: unknown = x[0];
  if (first === null || typeof first !== 'object' || typeof (first as { length?: unknown }).length !== 'number') {
    throw new InvalidInputError(`${field}[0]`, 'must be an array of numbers (one row per period; a single series needs to be wrapped as rows)', first);
  }
  const cols = (first as ArrayLike<number>).length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row: unknown = x[i];
    if (row === null || typeof row !== 'object' || typeof (row as { length?: unknown }).length !== 'number') {
      throw new InvalidInputError(`${field}[${i}]`, 'must be an array of numbers (one row)', row);
    }
    const r = row as ArrayLike<number>;
    if (r.length !== cols) {
      throw new InvalidInputError(
        `${field}[${i}]`,
        `has ${r.length} entries but row 0 has ${cols}; every row must have the same number of columns`,
      );
    }
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidInputError(`${field}[${i}][${j}]`, 'must be a finite number (drop or fill missing returns first)', v);
      }
      data[i * cols + j] = v;
    }
  }
  return { rows, cols, data };
}

/**
 * A T × N returns matrix with at least `minRows` rows (periods) and one column (asset).
 */
export function toReturns(x: unknown, field = 'returns', minRows = 2): DenseMatrix {
  const m = toDense(x, field);
  if (m.rows < minRows) {
    throw new InvalidInputError(
      field,
      `needs at least ${minRows} rows (periods, T × N with one row per period), got ${m.rows}`,
    );
  }
  if (m.cols < 1) throw new InvalidInputError(field, 'needs at least one column (asset)');
  return m;
}

/**
 * A T × N returns matrix validated straight into column-major storage (`x[j * T + t]`, each asset
 * contiguous), the layout the covariance kernels use; saves the row-major copy.
 */
export function toReturnsColumns(x: unknown, field = 'returns', minRows = 2): { t: number; n: number; x: Float64Array } {
  if (!Array.isArray(x)) {
    const m = toReturns(x, field, minRows);
    const out = new Float64Array(m.rows * m.cols);
    for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out[j * m.rows + i] = m.data[i * m.cols + j];
    return { t: m.rows, n: m.cols, x: out };
  }
  const t = x.length;
  if (t < minRows) {
    throw new InvalidInputError(field, `needs at least ${minRows} rows (periods, T × N with one row per period), got ${t}`);
  }
  const first: unknown = x[0];
  if (first === null || typeof first !== 'object' || typeof (first as { length?: unknown }).length !== 'number') {
    throw new InvalidInputError(`${field}[0]`, 'must be an array of numbers (one row per period; a single series needs to be wrapped as rows)', first);
  }
  const n = (first as ArrayLike<number>).length;
  if (n < 1) throw new InvalidInputError(field, 'needs at least one column (asset)');
  const out = new Float64Array(n * t);
  for (let i = 0; i < t; i++) {
    const row: unknown = x[i];
    if (row === null || typeof row !== 'object' || (row as ArrayLike<number>).length !== n) {
      if (row !== null && typeof row === 'object' && typeof (row as { length?: unknown }).length === 'number') {
        throw new InvalidInputError(`${field}[${i}]`, `has ${(row as ArrayLike<number>).length} entries but row 0 has ${n}; every row must have the same number of columns`);
      }
      throw new InvalidInputError(`${field}[${i}]`, 'must be an array of numbers (one row)', row);
    }
    const r = row as ArrayLike<number>;
    for (let j = 0; j < n; j++) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidInputError(`${field}[${i}][${j}]`, 'must be a finite number (drop or fill missing returns first)', v);
      }
      out[j * t + i] = v;
    }
  }
  return { t, n, x: out };
}

/** A square N × N matrix (N ≥ 1), optionally checked for symmetry to a relative tolerance. */
export function toSquare(x: unknown, field: string, symmetryTolerance?: number): DenseMatrix {
  const m = toDense(x, field);
  if (m.rows === 0) throw new InvalidInputError(field, 'must be a non-empty square matrix');
  if (m.rows !== m.cols) throw new InvalidInputError(field, `must be square, got ${m.rows} × ${m.cols}`);
  if (symmetryTolerance !== undefined) {
    const n = m.rows;
    const d = m.data;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = d[i * n + j];
        const b = d[j * n + i];
        const scale = Math.max(Math.abs(a), Math.abs(b), Math.sqrt(Math.abs(d[i * n + i] * d[j * n + j])));
        if (Math.abs(a - b) > symmetryTolerance * scale) {
          throw new InvalidInputError(`${field}[${i}][${j}]`, `must equal ${field}[${j}][${i}] (the matrix must be symmetric)`, a);
        }
      }
    }
  }
  return m;
}

/** Row-major storage → rows (`number[][]`). */
export function toRows(data: ArrayLike<number>, rows: number, cols: number): number[][] {
  const out: number[][] = new Array<number[]>(rows);
  for (let i = 0; i < rows; i++) {
    const r = new Array<number>(cols);
    for (let j = 0; j < cols; j++) r[j] = data[i * cols + j];
    out[i] = r;
  }
  return out;
}

/** A finite vector of length `n` (when given). */
export function toVector(x: unknown, field: string, n?: number): Float64Array {
  if (x === null || typeof x !== 'object' || typeof (x as { length?: unknown }).length !== 'number') {
    throw new InvalidInputError(field, 'must be an array of numbers', x);
  }
  const a = x as ArrayLike<unknown>;
  if (n !== undefined && a.length !== n) {
    throw new InvalidInputError(field, `must have ${n} entries (one per asset), got ${a.length}`);
  }
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`${field}[${i}]`, 'must be a finite number', v);
    out[i] = v;
  }
  return out;
}
