import { InvalidInputError, requireNonNegative, requireObject } from '@quantforge/core';

/** The quote fields the arbitrage detector reads (a ChainQuote fits). */
export interface ArbitrageQuote {
  type: 'call' | 'put';
  strike: number;
  bid: number;
  ask: number;
  mid: number;
  iv?: number;
  ivBid?: number;
  ivAsk?: number;
  /** Row index in the raw chain, echoed in violations. */
  index?: number;
}

/** The slice fields the arbitrage detector reads (a ChainSlice fits). */
export interface ArbitrageSlice {
  expiry?: string;
  timeToExpiry: number;
  forward: number;
  discount: number;
  quotes: readonly ArbitrageQuote[];
}

/** A quote taking part in a violation. */
export interface ViolationQuote {
  expiry?: string;
  type: 'call' | 'put';
  strike: number;
  index?: number;
  /** The price used: 'bid', 'ask' or 'mid'. */
  side: 'bid' | 'ask' | 'mid';
  price: number;
}

/** One static-arbitrage violation. */
export interface ArbitrageViolation {
  kind: 'call-spread' | 'put-spread' | 'spread-bound' | 'butterfly' | 'calendar';
  /** Size: the riskless profit per unit (price checks) or the total-variance deficit (calendar). */
  amount: number;
  quotes: ViolationQuote[];
  detail: string;
}

/**
 * Static-arbitrage detection on raw quotes of processed slices. With `prices: 'bid-ask'`
 * (default) a violation is tradable: the price paid is the ask, the price received the bid;
 * with 'mid' mids are used for both. Per expiry and option type, over consecutive strikes:
 *
 * - monotonicity (call-spread / put-spread): C(K₁) ≥ C(K₂), P(K₁) ≤ P(K₂) for K₁ < K₂;
 * - spread bound: C(K₁) - C(K₂) ≤ D(K₂ - K₁) and P(K₂) - P(K₁) ≤ D(K₂ - K₁);
 * - butterfly convexity on consecutive triples: λV(K₁) + (1-λ)V(K₃) ≥ V(K₂), λ = (K₃-K₂)/(K₃-K₁);
 *
 * and across consecutive expiries (calendar): total implied variance at the same forward
 * log-moneyness k must not decrease, w(k, T₂) ≥ w(k, T₁): each quote of the earlier expiry
 * (bid vol) is compared with the later expiry's total variance linearly interpolated in k
 * between its quotes of the same type (ask vols), inside their strike range only.
 * A violation is reported when it exceeds `tolerance` (price units, default 0) or
 * `varianceTolerance` (total variance, default 0).
 */
export function detectStaticArbitrage(
  slices: readonly ArbitrageSlice[],
  options: { prices?: 'bid-ask' | 'mid'; tolerance?: number; varianceTolerance?: number } = {},
): ArbitrageViolation[] {
  if (!Array.isArray(slices)) throw new InvalidInputError('slices', 'must be an array', typeof slices);
  const list: readonly ArbitrageSlice[] = slices;
  requireObject('options', options);
  const mode = options.prices ?? 'bid-ask';
  if (mode !== 'bid-ask' && mode !== 'mid') throw new InvalidInputError('prices', "must be 'bid-ask' or 'mid'", mode);
  const tol = options.tolerance === undefined ? 0 : requireNonNegative('tolerance', options.tolerance);
  const vtol = options.varianceTolerance === undefined ? 0 : requireNonNegative('varianceTolerance', options.varianceTolerance);
  list.forEach((s, i) => {
    requireObject(`slices[${i}]`, s);
    if (!(s.timeToExpiry > 0) || !(s.forward > 0) || !(s.discount > 0) || !Array.isArray(s.quotes)) {
      throw new InvalidInputError(`slices[${i}]`, 'needs timeToExpiry > 0, forward > 0, discount > 0 and a quotes array', s.expiry);
    }
  });
  const buy = (q: ArbitrageQuote): number => (mode === 'mid' ? q.mid : q.ask);
  const sell = (q: ArbitrageQuote): number => (mode === 'mid' ? q.mid : q.bid);
  const side = (b: boolean): ViolationQuote['side'] => (mode === 'mid' ? 'mid' : b ? 'ask' : 'bid');
  const vq = (s: ArbitrageSlice, q: ArbitrageQuote, bought: boolean): ViolationQuote => {
    const v: ViolationQuote = { type: q.type, strike: q.strike, side: side(bought), price: bought ? buy(q) : sell(q) };
    if (s.expiry !== undefined) v.expiry = s.expiry;
    if (q.index !== undefined) v.index = q.index;
    return v;
  };
  const out: ArbitrageViolation[] = [];
  for (const s of list) {
    for (const type of ['call', 'put'] as const) {
      const qs = s.quotes.filter((q) => q.type === type).sort((a, b) => a.strike - b.strike);
      for (let i = 0; i + 1 < qs.length; i++) {
        const a = qs[i]!;
        const b = qs[i + 1]!;
        if (b.strike === a.strike) continue;
        const dK = b.strike - a.strike;
        // monotonicity: buy the dearer-by-law option, sell the other
        const [cheap, dear] = type === 'call' ? [a, b] : [b, a]; // law: price(cheap) ≥ price(dear)
        const mono = sell(dear) - buy(cheap);
        if (mono > tol) {
          out.push({
            kind: type === 'call' ? 'call-spread' : 'put-spread',
            amount: mono,
            quotes: [vq(s, cheap, true), vq(s, dear, false)],
            detail: `${type} at ${dear.strike} sells for ${sell(dear)} > ${buy(cheap)} paid for strike ${cheap.strike}`,
          });
        }
        // bound: price(cheap) - price(dear) ≤ D·dK
        const bound = sell(cheap) - buy(dear) - s.discount * dK;
        if (bound > tol) {
          out.push({
            kind: 'spread-bound',
            amount: bound,
            quotes: [vq(s, cheap, false), vq(s, dear, true)],
            detail: `${type} spread ${cheap.strike}/${dear.strike} worth more than its maximum payoff D·ΔK = ${(s.discount * dK).toPrecision(6)}`,
          });
        }
      }
      for (let i = 0; i + 2 < qs.length; i++) {
        const a = qs[i]!;
        const b = qs[i + 1]!;
        const c = qs[i + 2]!;
        if (!(a.strike < b.strike && b.strike < c.strike)) continue;
        const lam = (c.strike - b.strike) / (c.strike - a.strike);
        const amount = sell(b) - (lam * buy(a) + (1 - lam) * buy(c));
        if (amount > tol) {
          out.push({
            kind: 'butterfly',
            amount,
            quotes: [vq(s, a, true), vq(s, b, false), vq(s, c, true)],
            detail: `${type} butterfly ${a.strike}/${b.strike}/${c.strike} (weights ${lam.toFixed(4)}, -1, ${(1 - lam).toFixed(4)}) has negative cost`,
          });
        }
      }
    }
  }
  // calendar in total variance
  const sorted = [...list].sort((a, b) => a.timeToExpiry - b.timeToExpiry);
  for (let j = 0; j + 1 < sorted.length; j++) {
    const s1 = sorted[j]!;
    const s2 = sorted[j + 1]!;
    if (!(s2.timeToExpiry > s1.timeToExpiry)) continue;
    for (const type of ['call', 'put'] as const) {
      const later = s2.quotes
        .filter((q) => q.type === type)
        .map((q) => ({ q, k: Math.log(q.strike / s2.forward), iv: mode === 'mid' ? q.iv : q.ivAsk }))
        .filter((p): p is { q: ArbitrageQuote; k: number; iv: number } => p.iv !== undefined && p.iv > 0)
        .sort((a, b) => a.k - b.k);
      if (later.length < 2) continue;
      for (const q of s1.quotes) {
        if (q.type !== type) continue;
        const iv1 = mode === 'mid' ? q.iv : q.ivBid;
        if (iv1 === undefined || !(iv1 > 0)) continue;
        const k = Math.log(q.strike / s1.forward);
        if (k < later[0]!.k || k > later[later.length - 1]!.k) continue;
        let m = 1;
        while (m < later.length - 1 && later[m]!.k < k) m++;
        const p0 = later[m - 1]!;
        const p1 = later[m]!;
        const t = p1.k === p0.k ? 0 : (k - p0.k) / (p1.k - p0.k);
        const w2 = (p0.iv ** 2 + t * (p1.iv ** 2 - p0.iv ** 2)) * s2.timeToExpiry;
        const w1 = iv1 ** 2 * s1.timeToExpiry;
        if (w1 - w2 > vtol) {
          out.push({
            kind: 'calendar',
            amount: w1 - w2,
            quotes: [vq(s1, q, false), vq(s2, p0.q, true), vq(s2, p1.q, true)],
            detail: `total variance ${w1.toPrecision(5)} at k = ${k.toFixed(4)} (T = ${s1.timeToExpiry.toFixed(4)}) exceeds ${w2.toPrecision(5)} at T = ${s2.timeToExpiry.toFixed(4)}`,
          });
        }
      }
    }
  }
  return out;
}
