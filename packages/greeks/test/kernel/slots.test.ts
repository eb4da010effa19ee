import { describe, expect, it } from 'vitest';
import { BS_GREEK_NAMES, SLOT, SLOT_COUNT } from '../../src/greek-names';
import { greeksKernel, RHO_BSM } from '../../src/kernel/generalized';
import { bsGreeks } from '@quantforge/greeks';

describe('kernel slot layout', () => {
  it('SLOT follows BS_GREEK_NAMES and the kernel writes each name to its slot', () => {
    expect(SLOT_COUNT).toBe(17);
    const x = { type: 'put', spot: 97, strike: 103, expiry: 0.7, rate: 0.02, dividendYield: 0.01, vol: 0.35 } as const;
    const scratch = new Float64Array(SLOT_COUNT);
    greeksKernel(-1, x.spot, x.strike, x.expiry, x.rate, x.dividendYield, x.vol, RHO_BSM, scratch);
    const g = bsGreeks(x);
    BS_GREEK_NAMES.forEach((name, i) => {
      expect(SLOT[name]).toBe(i);
      expect(scratch[i], name).toBe(g[name]);
    });
    expect(new Set(scratch).size).toBe(SLOT_COUNT); // every slot distinct, none left unwritten
  });
});
