/**
 * Synthetic option chains from a known model (Black-76 with a quadratic smile per expiry), so
 * every expected forward, discount and implied vol is a derivation: F = S e^{(r-q)T},
 * D = e^{-rT}, σ(k) = a - b·k + c·k² with k = ln(K/F).
 */
import { black76Price } from '@quantforge/pricing';
import type { OptionChainRow } from '@quantforge/volatility';

export interface SyntheticSpec {
  spot?: number;
  rate?: number;
  dividendYield?: number;
  asOf?: string;
  expiries?: string[];
  strikes?: number[];
  /** Smile: σ(k, T) = atm(T) - skew·k + curvature·k². */
  atm?: (T: number) => number;
  skew?: number;
  curvature?: number;
  /** Bid-ask half-width as a fraction of the price, floored at `minHalfSpread`. */
  relHalfSpread?: number;
  minHalfSpread?: number;
}

export const DAY = 86_400_000;
export const yearsBetween = (asOf: string, expiry: string): number =>
  Math.round((Date.parse(`${expiry}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / DAY) / 365;

export function smileVol(spec: Required<Pick<SyntheticSpec, 'skew' | 'curvature'>> & { atm: (T: number) => number }, k: number, T: number): number {
  return spec.atm(T) - spec.skew * k + spec.curvature * k * k;
}

export function syntheticChain(spec: SyntheticSpec = {}): { rows: OptionChainRow[]; spec: Required<SyntheticSpec> } {
  const s: Required<SyntheticSpec> = {
    spot: 100,
    rate: 0.03,
    dividendYield: 0.01,
    asOf: '2024-01-02',
    expiries: ['2024-01-19', '2024-02-16', '2024-03-15', '2024-06-21', '2024-12-20'],
    strikes: Array.from({ length: 21 }, (_, i) => 70 + 3 * i),
    atm: (T) => 0.2 + 0.02 * Math.sqrt(T),
    skew: 0.1,
    curvature: 0.3,
    relHalfSpread: 0.02,
    minHalfSpread: 0.005,
    ...spec,
  };
  const rows: OptionChainRow[] = [];
  for (const expiry of s.expiries) {
    const T = yearsBetween(s.asOf, expiry);
    const F = s.spot * Math.exp((s.rate - s.dividendYield) * T);
    for (const strike of s.strikes) {
      const vol = smileVol(s, Math.log(strike / F), T);
      for (const type of ['call', 'put'] as const) {
        const mid = black76Price({ type, forward: F, strike, expiry: T, rate: s.rate, vol });
        const h = Math.max(s.relHalfSpread * mid, s.minHalfSpread);
        // symmetric spread around the model price so the mid is the model price exactly
        const half = Math.min(h, 0.999 * mid);
        rows.push({
          expiry,
          strike,
          type,
          bid: mid - half,
          ask: mid + half,
          last: mid,
          volume: 10 + Math.round(strike) % 7,
          openInterest: 100 + Math.round(strike) % 11,
          underlying: s.spot,
        });
      }
    }
  }
  return { rows, spec: s };
}
