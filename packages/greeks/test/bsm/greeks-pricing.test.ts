import { describe, expect, it } from 'vitest';
import { bsPrice } from '@quantforge/pricing';
import { bsGreeks } from '@quantforge/greeks';
import { greeksFixture, toleranceUnits } from '../helpers';

describe('bsGreeks price agrees with @quantforge/pricing', () => {
  it.each(greeksFixture.cases.map((c) => [c.id, c] as const))('%s: price within the fixture tolerance of bsPrice', (_id, c) => {
    expect(toleranceUnits(bsGreeks(c.input).price, bsPrice(c.input), greeksFixture.tolerance)).toBeLessThanOrEqual(1);
  });
});
