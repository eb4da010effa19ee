/** Brinson-Fachler and multi-period linking: a hand-derived example and the sum-to-active laws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import { brinsonFachler, linkAttribution, type BrinsonInput } from '@quantforge/portfolio';

const example: BrinsonInput = {
  portfolioWeights: [0.5, 0.3, 0.2],
  benchmarkWeights: [0.4, 0.4, 0.2],
  portfolioReturns: [0.1, 0.05, -0.02],
  benchmarkReturns: [0.08, 0.06, -0.01],
  sectors: ['Equity', 'Bonds', 'Cash'],
};

/** Random weights summing to 1 and sector returns. */
const periodArb = (n: number) =>
  fc
    .record({
      wp: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      wb: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      rp: fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: n, maxLength: n }),
      rb: fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: n, maxLength: n }),
    })
    .map(({ wp, wb, rp, rb }) => {
      const sp = wp.reduce((a, b) => a + b, 0);
      const sb = wb.reduce((a, b) => a + b, 0);
      return { portfolioWeights: wp.map((w) => w / sp), benchmarkWeights: wb.map((w) => w / sb), portfolioReturns: rp, benchmarkReturns: rb };
    });

describe('brinsonFachler', () => {
  it('matches the hand-derived example', () => {
    // R_P = 0.061, R_B = 0.054; allocation (0.1)(0.026) + (−0.1)(0.006) = 0.002;
    // selection 0.4(0.02) + 0.4(−0.01) + 0.2(−0.01) = 0.002; interaction 0.1(0.02) + (−0.1)(−0.01) = 0.003.
    const r = brinsonFachler(example);
    expect(r.portfolioReturn).toBeCloseTo(0.061, 15);
    expect(r.benchmarkReturn).toBeCloseTo(0.054, 15);
    expect(r.allocation).toBeCloseTo(0.002, 15);
    expect(r.selection).toBeCloseTo(0.002, 15);
    expect(r.interaction).toBeCloseTo(0.003, 15);
    expect(r.sectors[0]).toMatchObject({ sector: 'Equity' });
    expect(r.sectors[0].allocation).toBeCloseTo(0.0026, 15);
    expect(r.sectors[1].interaction).toBeCloseTo(0.001, 15);
    const folded = brinsonFachler({ ...example, interaction: 'inSelection' });
    expect(folded.interaction).toBe(0);
    expect(folded.selection).toBeCloseTo(0.005, 15);
  });

  it('law: allocation + selection + interaction = active return (per sector totals too)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) => periodArb(n)),
        (p) => {
          const r = brinsonFachler(p);
          expect(Math.abs(r.allocation + r.selection + r.interaction - r.activeReturn)).toBeLessThanOrEqual(1e-14);
          const sum = r.sectors.reduce((a, s) => a + s.total, 0);
          expect(Math.abs(sum - r.activeReturn)).toBeLessThanOrEqual(1e-14);
        },
      ),
    );
  });

  it('rejects weights that do not sum to 1, mismatched lengths and NaN', () => {
    expect(() => brinsonFachler({ ...example, portfolioWeights: [0.5, 0.3, 0.1] })).toThrow(/portfolioWeights.*sum to 1/);
    expect(() => brinsonFachler({ ...example, benchmarkReturns: [0.1, 0.2] })).toThrow(/benchmarkReturns.*3 entries/);
    expect(() => brinsonFachler({ ...example, portfolioReturns: [0.1, Number.NaN, 0] })).toThrow(/portfolioReturns\[1\]/);
    expect(() => brinsonFachler({ ...example, sectors: ['a'] })).toThrow(InvalidInputError);
    expect(() => brinsonFachler({ ...example, portfolioWeights: [] })).toThrow(InvalidInputError);
  });
});

describe('linkAttribution', () => {
  it('Cariño and Menchero linked effects sum to the compounded active return', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 12 })).chain(([n, T]) => fc.array(periodArb(n), { minLength: T, maxLength: T })),
        (ps) => {
          const periods = ps.map((p) => brinsonFachler(p));
          for (const method of ['carino', 'menchero'] as const) {
            const l = linkAttribution(periods, { method });
            const R = periods.reduce((w, p) => w * (1 + p.portfolioReturn), 1) - 1;
            const B = periods.reduce((w, p) => w * (1 + p.benchmarkReturn), 1) - 1;
            expect(Math.abs(l.activeReturn - (R - B))).toBeLessThanOrEqual(1e-13);
            expect(Math.abs(l.allocation + l.selection + l.interaction - (R - B))).toBeLessThanOrEqual(1e-13);
            const bySector = l.sectors.reduce((a, s) => a + s.total, 0);
            expect(Math.abs(bySector - (R - B))).toBeLessThanOrEqual(1e-13);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('one period links to itself; Cariño coefficients follow k_t/K', () => {
    const p = brinsonFachler(example);
    const one = linkAttribution([p]);
    expect(one.coefficients[0]).toBeCloseTo(1, 14);
    expect(linkAttribution([p], { method: 'menchero' }).coefficients[0]).toBeCloseTo(1, 14);
    const q = brinsonFachler({ ...example, portfolioReturns: [-0.05, 0.01, 0.0], benchmarkReturns: [-0.02, 0.0, 0.01] });
    const l = linkAttribution([p, q]);
    const R = (1 + p.portfolioReturn) * (1 + q.portfolioReturn) - 1;
    const B = (1 + p.benchmarkReturn) * (1 + q.benchmarkReturn) - 1;
    const K = (Math.log(1 + R) - Math.log(1 + B)) / (R - B);
    const k1 = (Math.log(1 + p.portfolioReturn) - Math.log(1 + p.benchmarkReturn)) / (p.portfolioReturn - p.benchmarkReturn);
    expect(l.coefficients[0]).toBeCloseTo(k1 / K, 12);
  });

  it('handles equal portfolio and benchmark returns (the limits) and rejects bad lists', () => {
    const same = brinsonFachler({ ...example, portfolioReturns: [0.08, 0.06, -0.01], portfolioWeights: [0.4, 0.4, 0.2] });
    for (const method of ['carino', 'menchero'] as const) {
      const l = linkAttribution([same, same], { method });
      expect(l.activeReturn).toBe(0);
      l.coefficients.forEach((c) => expect(Number.isFinite(c)).toBe(true));
    }
    expect(() => linkAttribution([])).toThrow(/at least one/);
    const other = brinsonFachler({ portfolioWeights: [1], benchmarkWeights: [1], portfolioReturns: [0.1], benchmarkReturns: [0.05] });
    expect(() => linkAttribution([same, other])).toThrow(/periods\[1\]/);
  });
});
