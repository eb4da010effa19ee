/** Laws and bad input for the covariance estimators. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, symmetricEigen } from '@quantforge/core';
import {
  correlationToCovariance,
  covarianceToCorrelation,
  ewmaCovariance,
  fundamentalFactorModel,
  ledoitWolf,
  ledoitWolfConstantCorrelation,
  oas,
  pcaFactorModel,
  repairCovariance,
  requirePsdCovariance,
  sampleCovariance,
  sampleMean,
} from '@quantforge/portfolio';
import { lppReturns } from './lpp';

const returnsArb = (maxN = 6) =>
  fc
    .tuple(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: maxN }))
    .chain(([t, n]) =>
      fc.array(
        fc.array(
          // |r| < 1e-8 set to 0: products of tiny returns underflow to subnormals, on which ml-matrix's tql2
          // (behind core symmetricEigen, used here to check PSD) throws a TypeError
          fc.double({ min: -0.2, max: 0.2, noNaN: true }).map((v) => (Math.abs(v) < 1e-8 ? 0 : v)),
          { minLength: n, maxLength: n },
        ),
        { minLength: t, maxLength: t },
      ),
    );

const minEig = (a: number[][]) => symmetricEigen(a).values[0];
const maxAbs = (a: number[][]) => Math.max(...a.flat().map(Math.abs));
const lpp = lppReturns(['SBI', 'SPI', 'SII', 'LMI', 'MPI', 'ALT']);

describe('laws', () => {
  it('sample, Ledoit-Wolf, OAS and EWMA covariances are symmetric PSD', () => {
    fc.assert(
      fc.property(returnsArb(), (r) => {
        for (const c of [sampleCovariance(r), ledoitWolf(r).covariance, oas(r).covariance, ewmaCovariance(r).covariance]) {
          const n = c.length;
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(c[i][j]).toBe(c[j][i]);
          expect(minEig(c)).toBeGreaterThanOrEqual(-1e-12 * Math.max(maxAbs(c), 1e-300));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('shrinkage intensities lie in [0, 1] and the shrunk trace equals the sample (ddof 0) trace', () => {
    fc.assert(
      fc.property(returnsArb(), (r) => {
        const s0 = sampleCovariance(r, { ddof: 0 });
        const tr0 = s0.reduce((p, row, i) => p + row[i], 0);
        for (const e of [ledoitWolf(r), oas(r)]) {
          expect(e.shrinkage).toBeGreaterThanOrEqual(0);
          expect(e.shrinkage).toBeLessThanOrEqual(1);
          const tr = e.covariance.reduce((p, row, i) => p + row[i], 0);
          expect(Math.abs(tr - tr0)).toBeLessThanOrEqual(1e-12 * Math.max(tr0, 1e-300));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('sample covariance is translation invariant and scales quadratically', () => {
    const a = sampleCovariance(lpp);
    const shifted = sampleCovariance(lpp.map((row) => row.map((v) => v + 0.5)));
    const scaled = sampleCovariance(lpp.map((row) => row.map((v) => 2 * v)));
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        expect(Math.abs(shifted[i][j] - a[i][j])).toBeLessThanOrEqual(1e-12 * Math.abs(a[i][i]));
        expect(scaled[i][j]).toBeCloseTo(4 * a[i][j], 20);
      }
    }
  });

  it('constant-correlation target has the sample variances and r̄√(s_ii s_jj) off the diagonal', () => {
    const r = ledoitWolfConstantCorrelation(lpp);
    const s = sampleCovariance(lpp, { ddof: 0 });
    for (let i = 0; i < 6; i++) {
      expect(r.target[i][i]).toBeCloseTo(s[i][i], 18);
      for (let j = 0; j < 6; j++) {
        if (i !== j) expect(r.target[i][j]).toBeCloseTo(r.averageCorrelation * Math.sqrt(s[i][i] * s[j][j]), 18);
      }
    }
    expect(r.shrinkage).toBeGreaterThanOrEqual(0);
    expect(r.shrinkage).toBeLessThanOrEqual(1);
  });

  it('PCA with k = N reproduces the sample covariance; k < N keeps the variances', () => {
    const s = sampleCovariance(lpp);
    const full = pcaFactorModel(lpp, 6);
    const part = pcaFactorModel(lpp, 2);
    for (let i = 0; i < 6; i++) {
      expect(part.covariance[i][i]).toBeCloseTo(s[i][i], 16);
      for (let j = 0; j < 6; j++) expect(Math.abs(full.covariance[i][j] - s[i][j])).toBeLessThan(1e-15);
    }
    expect(full.explainedVariance).toBeCloseTo(1, 12);
    expect(part.eigenvalues[0]).toBeGreaterThanOrEqual(part.eigenvalues[1]);
  });

  it('fundamental model recovers factor returns exactly when returns are B f_t', () => {
    const B = [
      [1, 0.5],
      [1, -0.3],
      [1, 1.2],
      [1, 0.1],
    ];
    const f = [
      [0.01, -0.02],
      [0.03, 0.01],
      [-0.02, 0.005],
    ];
    const r = f.map((ft) => B.map((bi) => bi[0] * ft[0] + bi[1] * ft[1]));
    const m = fundamentalFactorModel(r, B);
    m.factorReturns.forEach((row, t) => row.forEach((v, k) => expect(v).toBeCloseTo(f[t][k], 15)));
    m.rSquared.forEach((v) => expect(v).toBeCloseTo(1, 12));
    // time-varying exposures with the same matrices give the same result
    const tv = fundamentalFactorModel(r, [B, B, B]);
    expect(tv.factorReturns).toEqual(m.factorReturns);
  });

  it('correlation round trip', () => {
    const s = sampleCovariance(lpp);
    const { correlation, standardDeviations } = covarianceToCorrelation(s);
    correlation.forEach((row, i) => expect(row[i]).toBe(1));
    const back = correlationToCovariance(correlation, standardDeviations);
    back.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(s[i][j], 18)));
  });
});

describe('PSD repair', () => {
  const bad = [
    [1, 0.9, -0.9],
    [0.9, 1, 0.9],
    [-0.9, 0.9, 1],
  ].map((row, i) => row.map((v, j) => v * [0.1, 0.2, 0.3][i] * [0.1, 0.2, 0.3][j]));

  it('requirePsdCovariance rejects a non-PSD matrix naming the eigenvalue', () => {
    expect(() => requirePsdCovariance(bad)).toThrow(/smallest eigenvalue -/);
    expect(() => requirePsdCovariance(bad)).toThrow(InvalidInputError);
    expect(requirePsdCovariance(sampleCovariance(lpp)).length).toBe(6);
  });

  it("'higham' keeps the variances and returns a PSD matrix; 'clip' returns the nearest PSD", () => {
    const h = repairCovariance(bad);
    expect(h.repaired).toBe(true);
    expect(h.minEigenvalueBefore).toBeLessThan(0);
    h.covariance.forEach((row, i) => expect(row[i]).toBe(bad[i][i]));
    expect(minEig(h.covariance)).toBeGreaterThanOrEqual(-1e-14);
    const c = repairCovariance(bad, { method: 'clip', minEigenvalue: 1e-6 });
    expect(minEig(c.covariance)).toBeGreaterThanOrEqual(1e-6 - 1e-15);
    expect(c.distance).toBeGreaterThan(0);
  });

  it('a PSD input is returned unchanged', () => {
    const s = sampleCovariance(lpp);
    const r = repairCovariance(s);
    expect(r.repaired).toBe(false);
    expect(r.covariance).toEqual(s);
  });
});

describe('bad input', () => {
  it('NaN and ±∞ entries are named', () => {
    const r = lpp.slice(0, 10).map((row) => row.slice());
    r[4][2] = Number.NaN;
    expect(() => sampleCovariance(r)).toThrow(/returns\[4\]\[2\]/);
    r[4][2] = Number.POSITIVE_INFINITY;
    expect(() => ledoitWolf(r)).toThrow(InvalidInputError);
  });

  it('ragged rows, T < 2 and empty inputs are rejected with what to change', () => {
    expect(() => sampleCovariance([[0.1, 0.2], [0.3]])).toThrow(/returns\[1\].*same number of columns/);
    expect(() => sampleCovariance([[0.1, 0.2]])).toThrow(/at least 2 rows/);
    expect(() => ledoitWolf([])).toThrow(/at least 2 rows/);
    expect(() => sampleMean([])).toThrow(InvalidInputError);
    expect(() => sampleCovariance('x' as unknown as number[][])).toThrow(InvalidInputError);
  });

  it('bad parameters', () => {
    expect(() => ewmaCovariance(lpp, { lambda: 1 })).toThrow(/lambda/);
    expect(() => ewmaCovariance(lpp, { halfLife: 0 })).toThrow(/halfLife/);
    expect(() => pcaFactorModel(lpp, 7)).toThrow(/k/);
    expect(() => pcaFactorModel(lpp, 0)).toThrow(/k/);
    expect(() => sampleCovariance(lpp, { ddof: -1 })).toThrow(/ddof/);
  });

  it('constant columns and collinear exposures', () => {
    const r = [
      [0.01, 0.02],
      [0.01, -0.01],
      [0.01, 0.03],
    ];
    expect(() => ledoitWolfConstantCorrelation(r)).toThrow(/constant/);
    const B = [
      [1, 1],
      [1, 1],
      [1, 1],
    ];
    expect(() => fundamentalFactorModel([[0.1, 0.2, 0.3], [0.2, 0.1, 0.0]], B)).toThrow(/collinear/);
    expect(() => fundamentalFactorModel([[0.1, 0.2, 0.3], [0.2, 0.1, 0.0]], [[1], [1]])).toThrow(/one row per asset/);
  });

  it('tiny sizes: one asset, two periods, zero variance', () => {
    expect(ledoitWolf([[0.1], [0.3]]).shrinkage).toBe(0);
    expect(oas([[0.1], [0.3]]).shrinkage).toBe(0);
    const z = ledoitWolf([
      [0, 0],
      [0, 0],
    ]);
    expect(z.covariance).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(z.shrinkage).toBe(0);
    expect(Object.is(sampleCovariance([[-0], [0]])[0][0], 0)).toBe(true);
  });
});
