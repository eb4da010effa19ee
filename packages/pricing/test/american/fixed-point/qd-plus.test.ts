/** QD+ boundary (Li 2005, QuantLib QdPlusAmericanEngine) and the QD+ price. */
import { describe, expect, it } from 'vitest';
import { bsPrice } from '@quantforge/pricing';
import { loadFixture } from '../../../../../test-utils/fixture';
import { qdPlusEngine } from '../../../src/american/fixed-point/qd-plus';
import { qdPlusPutBoundaryAtTau } from '../../../src/american/fixed-point/qd-plus-boundary';
import { americanParams } from '../../../src/american/params';
import type { AmericanInput } from '../../../src/american/types';

describe('QD+ exercise boundary', () => {
  it('reproduces QuantLib testQdPlusBoundaryValues (S=100 K=120 r=10% q=3% σ=25% T=5) to 1e-12 in <= 10 evaluations', () => {
    const cases: [number, number][] = [
      [4.9, 87.76960949965387],
      [4.0, 88.39053003614612],
      [2.5, 90.14327315762256],
      [1.0, 94.49793803095984],
      [0.1, 106.2588964442338],
    ];
    for (const [tau, expected] of cases) {
      const r = qdPlusPutBoundaryAtTau(100, 120, 0.1, 0.03, 0.25, tau);
      expect(Math.abs(r.boundary - expected), `tau ${tau}`).toBeLessThanOrEqual(1e-12);
      expect(r.evaluations).toBeLessThanOrEqual(10);
    }
  });
});

describe('qdPlusEngine', () => {
  const fixture = loadFixture<AmericanInput, { price: number }>(new URL('../../fixtures/american/qdfp.json', import.meta.url));
  it('is an approximation: within 0.07 of the exact price on the qdfp fixture (observed max 6.2e-2), and >= European', () => {
    for (const c of fixture.cases) {
      const r = qdPlusEngine(americanParams(c.input), {}, false);
      expect(Math.abs(r.price - c.expected.price), c.id).toBeLessThan(0.07);
      expect(r.price).toBeGreaterThanOrEqual(bsPrice(c.input) - 1e-12);
    }
  });
  it('gives a boundary when asked', () => {
    const r = qdPlusEngine(americanParams({ type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0.05, vol: 0.2 }), {}, true);
    expect(r.boundary!.spot.length).toBe(101);
    expect(r.boundary!.spot[0]).toBe(100);
  });
});
