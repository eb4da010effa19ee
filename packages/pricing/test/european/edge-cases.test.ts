/**
 * Bad input gets InvalidInputError naming the field; expiry 0 gives the intrinsic value;
 * extreme but valid inputs never overflow to NaN.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import { bachelierPrice, black76Price, bsPrice, normalisedBachelier } from '@quantforge/pricing';
import { normCdf, normPdf } from '@quantforge/core';

const base = { type: 'put' as const, spot: 100, strike: 95, expiry: 0.5, rate: 0.03, dividendYield: 0.01, vol: 0.2 };

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidInputError) return e.field;
    throw e;
  }
  return undefined;
}

describe('bsPrice input validation', () => {
  const bad: [string, unknown][] = [
    ['spot', Number.NaN], ['spot', 0], ['spot', -1], ['spot', Infinity],
    ['strike', Number.NaN], ['strike', 0], ['strike', -Infinity],
    ['expiry', -0.1], ['expiry', Number.NaN], ['expiry', Infinity],
    ['rate', Number.NaN], ['rate', Infinity],
    ['dividendYield', Number.NaN], ['dividendYield', -Infinity],
    ['vol', 0], ['vol', -0.2], ['vol', Number.NaN], ['vol', Infinity],
    ['type', 'straddle'], ['type', undefined],
    ['spot', '100'],
  ];
  it.each(bad)('%s = %s throws InvalidInputError naming the field', (field, value) => {
    expect(fieldOf(() => bsPrice({ ...base, [field]: value } as never))).toBe(field);
  });
  it('a non-object input throws naming "input"', () => {
    expect(fieldOf(() => bsPrice(null as never))).toBe('input');
  });
  it('the message says the field and the reason', () => {
    expect(() => bsPrice({ ...base, vol: -0.2 })).toThrow(/'vol': must be > 0/);
  });
});

describe('expiry = 0 gives intrinsic value', () => {
  it.each([
    ['call', 110, 100, 10],
    ['call', 90, 100, 0],
    ['put', 90, 100, 10],
    ['put', 110, 100, 0],
    ['call', 100, 100, 0],
  ] as const)('%s S=%d K=%d -> %d', (type, spot, strike, value) => {
    expect(bsPrice({ ...base, type, spot, strike, expiry: 0 })).toBe(value);
    expect(black76Price({ type, forward: spot, strike, expiry: 0, rate: 0.05, vol: 0.2 })).toBe(value);
    expect(bachelierPrice({ type, forward: spot, strike, expiry: 0, rate: 0.05, vol: 20 })).toBe(value);
  });
});

describe('extreme but valid inputs stay finite', () => {
  const extremes = [
    { vol: 5 }, { expiry: 50 }, { strike: 1e-6 }, { spot: 1e6 }, { vol: 5, expiry: 50 }, { vol: 1e-4, expiry: 1 / 365 },
    { strike: 1e-6, vol: 5, expiry: 50 }, { spot: 1e-6, strike: 1e6 }, { rate: 0.5, expiry: 50 },
  ];
  it.each(extremes)('%o', (patch) => {
    for (const type of ['call', 'put'] as const) {
      const p = bsPrice({ ...base, type, ...patch });
      expect(Number.isFinite(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
    }
  });
  it('a vol so large that σ√T overflows gives the infinite-variance limit, not NaN', () => {
    expect(bsPrice({ ...base, type: 'call', vol: 1e308, expiry: 50 })).toBe(100 * Math.exp(-0.01 * 50));
    expect(bsPrice({ ...base, type: 'put', vol: 1e308, expiry: 50 })).toBe(95 * Math.exp(-0.03 * 50));
    expect(black76Price({ type: 'call', forward: 100, strike: 95, vol: 1e308, expiry: 50, rate: 0.03 })).toBe(100 * Math.exp(-0.03 * 50));
  });
  it('vol 5 over 50 years: the call tends to the discounted spot', () => {
    // d1 = 17.7, d2 = -17.7: N(d1) = 1 and N(d2) < 1e-69, so the call equals S e^{-qT} in double.
    const p = bsPrice({ ...base, type: 'call', vol: 5, expiry: 50 });
    expect(p).toBeCloseTo(100 * Math.exp(-0.01 * 50), 12);
  });
});

describe('normalisedBachelier h(d) = d N(d) + n(d)', () => {
  it('is continuous across the switch to the asymptotic series at d = -15', () => {
    // h'(d) = N(d), so across a step of 1e-9 the two branches must differ by N(-15)·1e-9
    // (the second-order term n(d)·step²/2 is 1e-9 smaller). A jump between the branches of more
    // than ~1e-11 relative would break this by more than the 1e-3 allowed for rounding.
    const step = 1e-9;
    const below = normalisedBachelier(-15 - step);
    const above = normalisedBachelier(-15);
    expect(Math.abs((above - below) / (normCdf(-15) * step) - 1)).toBeLessThan(1e-3);
  });
  it('matches the direct form where it does not cancel', () => {
    for (const d of [-3, -1, 0, 1, 4]) {
      expect(normalisedBachelier(d)).toBe(d * normCdf(d) + normPdf(d));
    }
  });
  it('is positive and decreasing toward 0 far in the tail', () => {
    expect(normalisedBachelier(-30)).toBeGreaterThan(0);
    expect(normalisedBachelier(-37)).toBeLessThan(normalisedBachelier(-30));
  });
});
