import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normCdf, normCdfTailRatio, normInv, normLogCdf, normPdf } from '../../src/distributions/normal';
import { InvalidInputError } from '../../src/errors/errors';
import { casesFor, normalFixture, relError, summarize, ulpError } from '../helpers/accuracy';
import { toleranceFor } from '../../../../test-utils/fixture';

const MIN_NORMAL = 2.2250738585072014e-308;

function rowsFor(fn: string, f: (c: { x?: number; p?: number }) => number) {
  return casesFor(fn).map((c) => ({ id: c.id, input: c.input, exp: c.expected[fn], got: f(c.input) }));
}

describe('normCdf against 50-digit mpmath', () => {
  const rows = rowsFor('normCdf', (i) => normCdf(i.x as number));
  const tail = rows.filter((r) => (r.input.x as number) >= -37 && (r.input.x as number) <= 0);
  const all = rows.filter((r) => Math.abs(r.exp) >= MIN_NORMAL);
  const sTail = summarize(tail);
  const sAll = summarize(all);
  const tol = toleranceFor(normalFixture, 'normCdf');

  it(`relative error <= 1e-15 on [-37, 0] (measured max ${sTail.maxRel.toExponential(2)} = ${sTail.maxUlp} ulp over ${sTail.cases} points)`, () => {
    for (const r of tail) expect(relError(r.got, r.exp), `x=${r.input.x}`).toBeLessThanOrEqual(1e-15);
  });
  it(`relative error <= ${tol.rel} wherever the result is a normal double, x in [-37.5, 9] (measured max ${sAll.maxRel.toExponential(2)} = ${sAll.maxUlp} ulp)`, () => {
    console.table({ '[-37, 0]': sTail, 'all normal results': sAll });
    for (const r of all) expect(relError(r.got, r.exp), `x=${r.input.x}`).toBeLessThanOrEqual(tol.rel);
  });
  it('degrades gracefully in the subnormal range (x < -37.5): within 2 units of 2^-1074', () => {
    for (const r of rows.filter((q) => Math.abs(q.exp) < MIN_NORMAL)) {
      expect(ulpError(r.got, r.exp), `x=${r.input.x}`).toBeLessThanOrEqual(2);
    }
  });
  it('limits and exact points', () => {
    expect(normCdf(0)).toBe(0.5);
    expect(normCdf(-0)).toBe(0.5);
    expect(normCdf(-Infinity)).toBe(0);
    expect(normCdf(Infinity)).toBe(1);
    expect(normCdf(-40)).toBe(0); // Phi(-40) ~ 3.7e-350 underflows
    expect(normCdf(9)).toBe(1); // 1 - 1.1e-19 rounds to 1
  });
});

describe('normCdfTailRatio: normPdf(x)·normCdfTailRatio(x) against the normCdf fixture', () => {
  const rows = casesFor('normCdf')
    .filter((c) => (c.input.x as number) < -0.66291 && (c.input.x as number) >= -37)
    .map((c) => ({ x: c.input.x as number, exp: c.expected.normCdf, got: normPdf(c.input.x as number) * normCdfTailRatio(c.input.x as number) }));
  const s = summarize(rows.map((r) => ({ ...r, id: String(r.x) })));
  it(`relative error <= 1e-15 on [-37, -0.66291) (measured max ${s.maxRel.toExponential(2)} = ${s.maxUlp} ulp over ${s.cases} points)`, () => {
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(relError(r.got, r.exp), `x=${r.x}`).toBeLessThanOrEqual(1e-15);
  });
  it('elsewhere: Phi/phi (slow path), limits, and NaN throws', () => {
    expect(normCdfTailRatio(0)).toBe(0.5 / normPdf(0));
    expect(normCdfTailRatio(1)).toBe(normCdf(1) / normPdf(1));
    expect(normCdfTailRatio(-Infinity)).toBe(0);
    expect(() => normCdfTailRatio(Number.NaN)).toThrow(InvalidInputError);
    // Mills' ratio ~ 1/t for large t.
    expect(Math.abs(normCdfTailRatio(-1e6) * 1e6 - 1)).toBeLessThan(1e-11);
  });
});

describe('normPdf and normLogCdf against 50-digit mpmath', () => {
  it('normPdf relative error <= 1e-15 (normal results), 2 units of 2^-1074 when subnormal', () => {
    const rows = rowsFor('normPdf', (i) => normPdf(i.x as number));
    const s = summarize(rows.filter((r) => r.exp >= MIN_NORMAL));
    console.log(`normPdf: max ${s.maxRel.toExponential(2)} relative (${s.maxUlp} ulp) over ${s.cases} points`);
    for (const r of rows) {
      if (r.exp >= MIN_NORMAL) expect(relError(r.got, r.exp), `x=${r.input.x}`).toBeLessThanOrEqual(1e-15);
      else expect(ulpError(r.got, r.exp)).toBeLessThanOrEqual(2);
    }
  });
  it('normLogCdf relative error <= 1e-15 from x = -1e5 (Phi underflows) to x = 38 (log Phi ~ -3e-316)', () => {
    const rows = rowsFor('normLogCdf', (i) => normLogCdf(i.x as number));
    const s = summarize(rows.filter((r) => Math.abs(r.exp) >= MIN_NORMAL));
    console.log(`normLogCdf: max ${s.maxRel.toExponential(2)} relative (${s.maxUlp} ulp) over ${s.cases} points`);
    for (const r of rows) {
      if (Math.abs(r.exp) >= MIN_NORMAL) expect(relError(r.got, r.exp), `x=${r.input.x}`).toBeLessThanOrEqual(1e-15);
      else expect(ulpError(r.got, r.exp)).toBeLessThanOrEqual(2);
    }
    expect(normLogCdf(-Infinity)).toBe(-Infinity);
    expect(normLogCdf(Infinity) === 0).toBe(true);
    expect(normLogCdf(0)).toBe(Math.log(0.5));
  });
  it('normPdf(±Infinity) = 0, normPdf(0) = 1/sqrt(2 pi)', () => {
    expect(normPdf(Infinity)).toBe(0);
    expect(normPdf(-Infinity)).toBe(0);
    expect(ulpError(normPdf(0), 1 / Math.sqrt(2 * Math.PI))).toBeLessThanOrEqual(1);
  });
});

describe('normInv against 80-digit mpmath Newton', () => {
  const rows = rowsFor('normInv', (i) => normInv(i.p as number));
  const nonzero = rows.filter((r) => r.exp !== 0);
  const s = summarize(nonzero);
  const tol = toleranceFor(normalFixture, 'normInv');
  it(`relative error <= ${tol.rel} for p from 5e-324 to 1 - 2^-53 (measured max ${s.maxRel.toExponential(2)} = ${s.maxUlp} ulp over ${s.cases} points)`, () => {
    for (const r of nonzero) expect(relError(r.got, r.exp), `p=${r.input.p}`).toBeLessThanOrEqual(tol.rel);
  });
  it('exact points and limits', () => {
    expect(normInv(0.5)).toBe(0);
    expect(normInv(0)).toBe(-Infinity);
    expect(normInv(1)).toBe(Infinity);
    expect(Number.isFinite(normInv(5e-324))).toBe(true);
    expect(normInv(1 - 2 ** -53)).toBe(-normInv(2 ** -53)); // 1 - p is exact
  });
  it('throws InvalidInputError naming p outside [0, 1] and for NaN', () => {
    for (const p of [-1e-300, -0.5, 1 + 2 ** -52, 2, NaN, Infinity, -Infinity]) {
      expect(() => normInv(p), String(p)).toThrow(InvalidInputError);
      try {
        normInv(p);
      } catch (e) {
        expect((e as InvalidInputError).field).toBe('p');
      }
    }
  });
});

describe('input validation', () => {
  it('NaN throws InvalidInputError naming x (never a silent NaN)', () => {
    for (const f of [normCdf, normPdf, normLogCdf]) {
      expect(() => f(NaN)).toThrow(InvalidInputError);
      expect(() => f(NaN)).toThrow(/'x'/);
    }
  });
});

describe('laws (fast-check)', () => {
  const x = fc.double({ min: -37, max: 37, noNaN: true });
  it('symmetry Phi(x) + Phi(-x) = 1 and phi(x) = phi(-x)', () => {
    fc.assert(
      fc.property(x, (v) => {
        expect(Math.abs(normCdf(v) + normCdf(-v) - 1)).toBeLessThanOrEqual(2.3e-16);
        expect(normPdf(v)).toBe(normPdf(-v));
      }),
    );
  });
  it('Phi is nondecreasing', () => {
    fc.assert(fc.property(x, x, (a, b) => (a <= b ? normCdf(a) <= normCdf(b) : normCdf(a) >= normCdf(b))));
  });
  it('round trip normInv(normCdf(x)) = x on [-37, 0]: 2e-15 relative plus the rounding of Phi(x)', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: -1e-3, noNaN: true }), (v) => {
        // rounding Phi(x) (relative 2^-52) moves the exact inverse by 2^-52 Phi(x)/(phi(x)|x|) relative
        const cond = (2 ** -52 * normCdf(v)) / (normPdf(v) * Math.abs(v));
        return relError(normInv(normCdf(v)), v) <= 2e-15 + cond;
      }),
    );
  });
  it('round trip normCdf(normInv(p)) = p, relative error bounded by the conditioning 1 + x^2', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 0.5, noNaN: true }), (p) => {
        const q = normInv(p);
        return relError(normCdf(q), p) <= 5e-16 * (1 + q * q);
      }),
    );
  });
  it('log Phi(x) = log(Phi(x)) where Phi is a normal double', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 5, noNaN: true }), (v) => {
        const l = normLogCdf(v);
        return Math.abs(l - Math.log(normCdf(v))) <= 1e-15 * Math.abs(l) + 2.3e-16;
      }),
    );
  });
  it('phi is the derivative of Phi (central difference)', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (v) => {
        const h = 1e-5;
        const d = (normCdf(v + h) - normCdf(v - h)) / (2 * h);
        return Math.abs(d - normPdf(v)) <= 1e-9;
      }),
    );
  });
});
