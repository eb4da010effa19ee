/**
 * Reference prices from QuantLib 1.29, re-checked against 40-digit mpmath (see each fixture's
 * `source` and `conventions`). Tolerances are the files' own: bs 1e-10 abs + 1e-10 rel,
 * black76 and bachelier 1e-12 abs + 1e-12 rel.
 */
import { describe, expect, it } from 'vitest';
import { bachelierPrice, black76Price, bsPrice } from '@quantforge/pricing';
import type { BachelierInput, Black76Input, BsInput } from '@quantforge/pricing';
import { loadFixture, toleranceFor, toleranceRatio, withinTolerance } from '../../../../test-utils/fixture';

const cases = [
  { file: 'bs.json', price: (i: unknown) => bsPrice(i as BsInput) },
  { file: 'black76.json', price: (i: unknown) => black76Price(i as Black76Input) },
  { file: 'bachelier.json', price: (i: unknown) => bachelierPrice(i as BachelierInput) },
];

for (const { file, price } of cases) {
  const fixture = loadFixture<Record<string, unknown>, { price: number }>(new URL(`../fixtures/${file}`, import.meta.url));
  describe(`${fixture.name} (${fixture.cases.length} cases, ${fixture.source.split(',')[0]})`, () => {
    const tol = toleranceFor(fixture, 'price');
    it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      const got = price(c.input);
      expect(withinTolerance(got, c.expected.price, tol), `got ${got}, expected ${c.expected.price}`).toBe(true);
    });
    it('worst case stays well inside the tolerance', () => {
      const worst = Math.max(...fixture.cases.map((c) => toleranceRatio(price(c.input), c.expected.price, tol)));
      // Reported so a regression in precision shows before it fails the file's tolerance.
      console.info(`${fixture.name}: worst error = ${worst.toExponential(2)} × tolerance`);
      expect(worst).toBeLessThanOrEqual(1);
    });
  });
}
