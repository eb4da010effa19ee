import { InvalidInputError } from '../errors/errors';

/** A dense matrix as rows (number[][], Float64Array[]) or an ml-matrix `Matrix` (anything with `to2DArray`). */
export type MatrixInput = ArrayLike<ArrayLike<number>> | { to2DArray(): number[][] };

/** Copies a matrix input into fresh number[][] rows, checking it is rectangular and finite. */
export function toRows(a: MatrixInput, field: string): number[][] {
  if (a === null || typeof a !== 'object') throw new InvalidInputError(field, 'must be a matrix (rows of numbers)', a);
  const src = 'to2DArray' in a && typeof a.to2DArray === 'function' ? a.to2DArray() : (a as ArrayLike<ArrayLike<number>>);
  const rows = src.length;
  if (typeof rows !== 'number' || rows === 0) throw new InvalidInputError(field, 'must be a non-empty matrix', a);
  const first = src[0];
  const cols = first?.length;
  if (typeof cols !== 'number' || cols === 0) throw new InvalidInputError(`${field}[0]`, 'must be a non-empty row');
  const out: number[][] = new Array<number[]>(rows);
  for (let i = 0; i < rows; i++) {
    const r = src[i];
    if (r?.length !== cols) throw new InvalidInputError(`${field}[${i}]`, `must have ${cols} entries like row 0`, r?.length);
    const row = new Array<number>(cols);
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`${field}[${i}][${j}]`, 'must be a finite number', v);
      row[j] = v;
    }
    out[i] = row;
  }
  return out;
}

/** toRows plus a square check. */
export function toSquareRows(a: MatrixInput, field: string): number[][] {
  const rows = toRows(a, field);
  if (rows.length !== rows[0].length) {
    throw new InvalidInputError(field, `must be square, got ${rows.length} × ${rows[0].length}`);
  }
  return rows;
}

/**
 * toSquareRows plus a symmetry check: |a_ij − a_ji| ≤ tol·max(|a_ij|, |a_ji|, 1e-300) is accepted
 * and the result is symmetrised exactly ((a_ij + a_ji)/2).
 */
export function toSymmetricRows(a: MatrixInput, field: string, relTol = 1e-10): number[][] {
  const rows = toSquareRows(a, field);
  const n = rows.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = rows[i][j];
      const y = rows[j][i];
      const scale = Math.max(Math.abs(x), Math.abs(y), Math.abs(rows[i][i]), Math.abs(rows[j][j]));
      if (Math.abs(x - y) > relTol * scale) {
        throw new InvalidInputError(`${field}[${i}][${j}]`, `must equal ${field}[${j}][${i}] (matrix must be symmetric)`, x);
      }
      const m = 0.5 * (x + y);
      rows[i][j] = m;
      rows[j][i] = m;
    }
  }
  return rows;
}
