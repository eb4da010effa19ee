/**
 * Linear algebra: numpy references (fixtures/statistics-numpy.json `matrices`: eigvalsh, solve,
 * cholesky at 1e-13 rel), identities that must hold by construction, and Higham's (2002) published
 * nearest-correlation example.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  InvalidInputError,
  cholesky,
  choleskySolve,
  invertSpd,
  nearestCorrelation,
  nearestPsd,
  solveLinear,
  symmetricEigen,
} from '@quantforge/core';
import { loadFixture } from '../../../../test-utils/fixture';

interface Mat {
  id: string;
  input: { matrix: number[][]; b: number[] };
  expected: { eigenvalues: number[]; solution: number[]; cholesky: number[][] };
}
const fixture = loadFixture(new URL('../fixtures/statistics-numpy.json', import.meta.url)) as unknown as { matrices: Mat[] };

const close = (got: number, exp: number, scale: number, rel = 1e-13): boolean => Math.abs(got - exp) <= rel * Math.max(Math.abs(exp), scale);

describe('linalg vs numpy', () => {
  for (const m of fixture.matrices) {
    it(m.id, () => {
      const A = m.input.matrix;
      const scale = Math.max(...A.flat().map(Math.abs));
      const { values, vectors } = symmetricEigen(A);
      values.forEach((v, i) => expect(close(v, m.expected.eigenvalues[i], scale)).toBe(true));
      // A V = V Λ
      const n = A.length;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let av = 0;
          for (let k = 0; k < n; k++) av += A[i][k] * vectors[k][j];
          expect(Math.abs(av - vectors[i][j] * values[j])).toBeLessThan(1e-12 * scale);
        }
      const x = solveLinear(A, m.input.b);
      x.forEach((v, i) => expect(close(v, m.expected.solution[i], 1e-300, 1e-12)).toBe(true));
      const L = cholesky(A);
      L.forEach((r, i) => r.forEach((v, j) => expect(close(v, m.expected.cholesky[i][j], Math.sqrt(scale))).toBe(true)));
      const y = choleskySolve(L, m.input.b);
      y.forEach((v, i) => expect(close(v, m.expected.solution[i], 1e-300, 1e-12)).toBe(true));
      // ml-matrix input is accepted too.
      expect(cholesky(new Matrix(A))).toEqual(L);
      const inv = invertSpd(A);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += A[i][k] * inv[k][j];
          expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-12);
        }
    });
  }
});

describe('nearestCorrelation (Higham 2002)', () => {
  it("reproduces Higham's example (the tridiagonal 2/-1 matrix; values to 4 decimals as published, NAG g02aa)", () => {
    const A = [
      [2, -1, 0, 0],
      [-1, 2, -1, 0],
      [0, -1, 2, -1],
      [0, 0, -1, 2],
    ];
    const published = [
      [1, -0.8084, 0.1916, 0.1068],
      [-0.8084, 1, -0.6562, 0.1916],
      [0.1916, -0.6562, 1, -0.8084],
      [0.1068, 0.1916, -0.8084, 1],
    ];
    const { matrix } = nearestCorrelation(A);
    matrix.forEach((r, i) => r.forEach((v, j) => expect(Math.abs(v - published[i][j])).toBeLessThan(5e-5)));
  });
  it('returns a PSD unit-diagonal matrix, leaves a valid correlation matrix unchanged, and is idempotent', () => {
    const corr = fc.integer({ min: 2, max: 6 }).chain((n) =>
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((off) => {
        const m: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
        let k = 0;
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) m[i][j] = m[j][i] = off[k++];
        return m;
      }),
    );
    fc.assert(
      fc.property(corr, (m) => {
        const { matrix } = nearestCorrelation(m);
        matrix.forEach((r, i) => expect(r[i]).toBe(1));
        expect(symmetricEigen(matrix).values[0]).toBeGreaterThan(-1e-10);
        const again = nearestCorrelation(matrix, { minEigenvalue: 0 });
        again.matrix.forEach((r, i) => r.forEach((v, j) => expect(Math.abs(v - matrix[i][j])).toBeLessThan(1e-7)));
      }),
      { numRuns: 40 },
    );
    const valid = [
      [1, 0.3],
      [0.3, 1],
    ];
    expect(nearestCorrelation(valid)).toMatchObject({ matrix: valid, iterations: 0 });
  });
  it('a floor makes the result Cholesky-factorable', () => {
    const bad = [
      [1, 0.9, 0.9],
      [0.9, 1, -0.9],
      [0.9, -0.9, 1],
    ];
    expect(() => cholesky(bad)).toThrow(/not positive definite/);
    const { matrix, minEigenvalueBefore } = nearestCorrelation(bad, { minEigenvalue: 1e-8 });
    expect(minEigenvalueBefore).toBeLessThan(0);
    expect(() => cholesky(matrix)).not.toThrow();
  });
});

describe('symmetricEigen edge cases', () => {
  it('subnormal and zero entries (ml-matrix tql2 alone throws a TypeError on the first)', () => {
    const { values } = symmetricEigen([
      [0, -5e-324],
      [-5e-324, 0.0092],
    ]);
    expect(Array.from(values)).toEqual([0, 0.0092]);
    expect(Array.from(symmetricEigen([[0, 0], [0, 0]]).values)).toEqual([0, 0]);
    // Huge and tiny scales are handled without overflow: eigenvalues of c·[[2,1],[1,2]] are c and 3c.
    for (const c of [1e-300, 1e300]) {
      const v = symmetricEigen([[2 * c, c], [c, 2 * c]]).values;
      expect(Math.abs(v[0] - c)).toBeLessThan(1e-15 * c);
      expect(Math.abs(v[1] - 3 * c)).toBeLessThan(1e-15 * 3 * c);
    }
  });
});

describe('nearestPsd', () => {
  it('clips negative eigenvalues: result PSD, the Frobenius-nearest (eigenvalues max(λ, 0))', () => {
    const a = [
      [1, 2],
      [2, 1],
    ]; // eigenvalues -1, 3
    const r = nearestPsd(a);
    expect(r.minEigenvalueBefore).toBeCloseTo(-1, 14);
    expect(r.clipped).toBe(1);
    // Derivation: V diag(0, 3) Vᵀ with v = (1,1)/√2 → all entries 1.5.
    r.matrix.flat().forEach((v) => expect(Math.abs(v - 1.5)).toBeLessThan(1e-14));
    expect(nearestPsd([[2]]).clipped).toBe(0);
  });
});

describe('linalg bad input', () => {
  it('typed errors naming the field', () => {
    expect(() => cholesky([[1, 2], [3, 4]])).toThrow(/symmetric/);
    expect(() => cholesky([[1, 0], [0, -1]])).toThrow(/pivot 1/);
    expect(() => cholesky([[1, 2, 3], [1, 2]] as number[][], 'covariance')).toThrow(/covariance\[1\]/);
    expect(() => cholesky([[Number.NaN]])).toThrow(InvalidInputError);
    expect(() => cholesky([])).toThrow(/non-empty/);
    expect(() => solveLinear([[1, 2], [2, 4]], [1, 2])).toThrow(/singular/);
    expect(() => solveLinear([[1, 0], [0, 1]], [1])).toThrow(/b/);
    expect(() => symmetricEigen([[1, 2, 3], [4, 5, 6]])).toThrow(/square/);
    expect(() => nearestCorrelation([[1]], { tolerance: 0 })).toThrow(/tolerance/);
  });
});
