/** HRP against López de Prado's published code on scipy's single linkage (fixtures/hrp.json). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hrp } from '@quantforge/portfolio';
import { InvalidInputError } from '@quantforge/core';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';
import { lppReturns } from '../covariance/lpp';

interface In {
  assets: string[];
  distance: 'correlation' | 'correlation-euclidean';
}
const fixture = loadFixture<In, { weights: number[]; order: number[] }>(new URL('../fixtures/hrp.json', import.meta.url));
const tol = toleranceFor(fixture, 'weights');

describe('hrp reference (lpp2005rec)', () => {
  for (const c of fixture.cases) {
    it(`${c.id}: weights and order`, () => {
      const r = hrp({ returns: lppReturns(c.input.assets), distance: c.input.distance });
      const ratio = Math.max(...c.expected.weights.map((e, i) => toleranceRatio(r.weights[i], e, tol)));
      console.log(c.id, 'worst error / tolerance', ratio.toExponential(2));
      expect(ratio).toBeLessThanOrEqual(1);
      expect(r.order).toEqual(c.expected.order);
    });
  }
});

describe('hrp laws and edge cases', () => {
  it('weights positive and summing to 1 for random returns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        let s = seed + 1;
        const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
        const returns = Array.from({ length: 30 }, () => Array.from({ length: n }, (_, j) => rnd() * (1 + j) * 0.01));
        const { weights } = hrp({ returns });
        expect(weights.every((w) => w > 0)).toBe(true);
        expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 50 },
    );
  });
  it('one asset gets weight 1', () => expect(hrp({ returns: [[0.01], [0.02], [-0.01]] }).weights).toEqual([1]));
  it('rejects NaN returns naming the entry and constant columns', () => {
    expect(() => hrp({ returns: [[0.01, NaN], [0.02, 0.01]] })).toThrow(/returns\[0\]\[1\]/);
    expect(() => hrp({ returns: [[0.01, 1], [0.02, 1], [0.03, 1]] })).toThrow(InvalidInputError);
    expect(() => hrp({})).toThrow(/returns/);
  });
});
