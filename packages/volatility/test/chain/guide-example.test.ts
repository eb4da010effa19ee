// The example of docs/guides/heston-and-chains.md, kept runnable.
import { describe, expect, it } from 'vitest';
import {
  atmVol,
  detectStaticArbitrage,
  parseOptionChainCsv,
  processOptionChain,
  selectStrikeByDelta,
  skewSlope,
} from '@quantforge/volatility';

const csv = `Expiration,Strike,Put/Call,Bid,Ask,Volume,Open Interest
2024-03-15,95,C,7.25,7.47,120,900
2024-03-15,95,P,1.98,2.04,300,2100
2024-03-15,100,C,4.04,4.16,450,3000
2024-03-15,100,P,3.64,3.76,380,2800
2024-03-15,105,C,1.85,1.91,200,1500
2024-03-15,105,P,6.34,6.54,90,700
2024-03-15,110,C,0.67,0.71,80,600
2024-03-15,110,P,10.35,10.05,5,50`;

describe('guide example', () => {
  it('runs', () => {
    const { rows, errors } = parseOptionChainCsv(csv);
    expect(errors).toEqual([]);
    const chain = processOptionChain(rows, { asOf: '2024-01-02' });
    const s = chain.slices[0]!;
    expect(s.forward).toBeCloseTo(100.4, 2); // generated from F = 100.4008, D = 0.99104 (rounded quotes)
    expect(s.discount).toBeCloseTo(0.991, 3);
    expect(s.quotes[0]!.iv).toBeCloseTo(0.24, 3);
    expect(atmVol(s)).toBeCloseTo(0.219, 3);
    expect(skewSlope(s)).toBeCloseTo(-0.31, 2);
    expect(selectStrikeByDelta(s, 0.25).strike).toBe(105);
    expect(detectStaticArbitrage(chain.slices)).toEqual([]);
    expect(s.dropped.map((d) => [d.index, d.reason])).toEqual([[7, 'crossed']]);
  });
});
