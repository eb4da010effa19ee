/**
 * Out-of-the-money European prices against 40-digit mpmath (bs-otm.json, black76-otm.json, made by
 * packages/pricing/scripts/gen_otm_fixture.py): deep OTM calls and puts, 1-day expiries, tiny vols,
 * |ln(F/K)|/(σ√T) up to 35, and near-the-money rows with small σ√T — where the textbook formula
 * cancels (it was up to 1.3e-7 off here) and the kernels use the normalised Black function.
 *
 * Tolerance (the files' `conditionedTolerance`): relative error ≤ max(1e-14, 4·(1 + h²)·2^-52),
 * h = ln(F/K)/(σ√T). Out of the money the price behaves like e^{-h²/2}, so rounding ln(F/K) and
 * σ√T to double alone moves it by ~h²·2^-53 relative; no double-precision evaluation can do better
 * than that for |h| ≫ 1. Measured: max 3.98e-13 (bs) / 3.34e-13 (black76), all at |h| > 30;
 * ≤ 5.6e-15 / 7.6e-15 for |h| ≤ 5; at most 2.96·(1 + h²)·2^-52.
 */
import { describe, expect, it } from 'vitest';
import { black76Price, black76PriceBatch, bsPrice, bsPriceBatch } from '@quantforge/pricing';
import type { Black76Input, BsInput } from '@quantforge/pricing';
import { loadFixture } from '../../../../test-utils/fixture';

const EPS = 2 ** -52;

/** The fixture's conditioned bound for a case with moneyness h = ln(F/K)/(σ√T). */
function bound(rel: number, h: number): number {
  return Math.max(rel, 4 * (1 + h * h) * EPS);
}

const bs = loadFixture<BsInput, { price: number }>(new URL('../fixtures/bs-otm.json', import.meta.url));
const b76 = loadFixture<Black76Input, { price: number }>(new URL('../fixtures/black76-otm.json', import.meta.url));

const bsH = (i: BsInput): number => (Math.log(i.spot / i.strike) + (i.rate - (i.dividendYield ?? 0)) * i.expiry) / (i.vol * Math.sqrt(i.expiry));
const b76H = (i: Black76Input): number => Math.log(i.forward / i.strike) / (i.vol * Math.sqrt(i.expiry));

const suites = [
  { fixture: bs, price: (i: BsInput) => bsPrice(i), h: bsH },
  { fixture: b76, price: (i: Black76Input) => black76Price(i), h: b76H },
] as const;

for (const { fixture, price, h } of suites) {
  const rel = fixture.tolerance.rel;
  const run = price as (i: unknown) => number;
  const hOf = h as (i: unknown) => number;
  describe(`${fixture.name} (${fixture.cases.length} cases, mpmath 40 digits)`, () => {
    it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      const got = run(c.input);
      const err = Math.abs(got - c.expected.price) / c.expected.price;
      expect(err, `got ${got}, expected ${c.expected.price}`).toBeLessThanOrEqual(bound(rel, hOf(c.input)));
    });

    it('worst case, and the near-the-money cases at the flat 1e-14', () => {
      let worst = 0;
      let worstConditioned = 0;
      let worstModerate = 0;
      for (const c of fixture.cases) {
        const err = Math.abs(run(c.input) - c.expected.price) / c.expected.price;
        const hc = hOf(c.input);
        worst = Math.max(worst, err);
        worstConditioned = Math.max(worstConditioned, err / ((1 + hc * hc) * EPS));
        if (Math.abs(hc) <= 5) worstModerate = Math.max(worstModerate, err);
      }
      console.info(
        `${fixture.name}: max relative error ${worst.toExponential(2)}, ${worstModerate.toExponential(2)} for |h| <= 5, ` +
          `max error / ((1 + h²)ε) = ${worstConditioned.toFixed(2)}`,
      );
      expect(worstModerate).toBeLessThanOrEqual(1e-14);
      expect(worstConditioned).toBeLessThanOrEqual(4);
    });
  });
}

/** Struct-of-arrays columns from rows, for the batch forms. */
function columns<T extends object>(rows: T[]): { [K in keyof T]-?: T[K][] } {
  const keys = Object.keys(rows[0]) as (keyof T)[];
  return Object.fromEntries(keys.map((k) => [k, rows.map((r) => r[k])])) as { [K in keyof T]-?: T[K][] };
}

describe('batch == scalar on the OTM fixtures (shared kernel)', () => {
  it('bsPriceBatch', () => {
    const rows = bs.cases.map((c) => c.input);
    const out = bsPriceBatch(columns(rows) as Parameters<typeof bsPriceBatch>[0]);
    rows.forEach((r, i) => expect(Object.is(out[i], bsPrice(r))).toBe(true));
  });

  it('black76PriceBatch', () => {
    const rows = b76.cases.map((c) => c.input);
    const out = black76PriceBatch(columns(rows) as Parameters<typeof black76PriceBatch>[0]);
    rows.forEach((r, i) => expect(Object.is(out[i], black76Price(r))).toBe(true));
  });
});
