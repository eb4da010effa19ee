import type { MarketData, Position } from '@quantforge/risk';

export const market: MarketData = {
  AAA: { spot: 100, vol: 0.2, rate: 0.03, dividendYield: 0.01 },
  BBB: { spot: 50, vol: 0.3, rate: 0.03 },
  CCC: { spot: 200, vol: 0.25, rate: 0.03, dividendYield: 0.02 },
};

export const covariance = [
  [0.04, 0.018, 0.01],
  [0.018, 0.09, 0.0225],
  [0.01, 0.0225, 0.0625],
];

export const optionBook: Position[] = [
  { id: 'c1', kind: 'option', underlying: 'AAA', type: 'call', strike: 105, expiry: 0.5, quantity: 10, multiplier: 100 },
  { id: 'p1', kind: 'option', underlying: 'AAA', type: 'put', strike: 95, expiry: 0.25, quantity: -5, multiplier: 100 },
  { id: 'c2', kind: 'option', underlying: 'BBB', type: 'call', strike: 50, expiry: 1, quantity: 20, multiplier: 100 },
  { id: 'p2', kind: 'option', underlying: 'CCC', type: 'put', strike: 190, expiry: 0.75, quantity: 8, multiplier: 100 },
  { id: 's1', kind: 'linear', underlying: 'CCC', quantity: 300 },
];
