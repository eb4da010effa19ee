import { InvalidInputError, NoSolutionError, normCdf, requireFinite, requireObject } from '@quantforge/core';
import { smilePoints, smileVolAt } from './smile-slice';
import type { SmilePoints, SmileSliceInput } from './smile-slice';

/**
 * ATM implied vol of a slice at the forward (K = F, k = 0): total variance interpolated linearly
 * in k between the OTM quotes that bracket F. Throws NoSolutionError when F is not bracketed.
 */
export function atmVol(slice: SmileSliceInput): number {
  return smileVolAt(smilePoints(slice), 0);
}

/** Where the smile crosses a delta: the vol, strike and log-moneyness. */
export interface DeltaPoint {
  delta: number;
  vol: number;
  strike: number;
  logMoneyness: number;
}

/**
 * The point of the interpolated smile whose forward delta equals `delta`. Convention: forward
 * (undiscounted) delta, NOT premium-adjusted: Δ_call = N(d₁), Δ_put = N(d₁) - 1,
 * d₁ = (-k + σ(k)²T/2)/(σ(k)√T), k = ln(K/F), σ(k) from {@link smileVolAt}. Solved by bisection
 * on k over the quoted range (Δ is monotone in k on any smile without butterfly arbitrage).
 * delta ∈ (0, 1) selects calls, (-1, 0) puts.
 */
export function smileAtDelta(slice: SmileSliceInput, delta: number): DeltaPoint {
  const d = requireFinite('delta', delta);
  if (!(d > -1 && d < 1 && d !== 0)) throw new InvalidInputError('delta', 'must be in (-1, 0) or (0, 1)', d);
  const s = smilePoints(slice);
  return deltaPoint(s, d);
}

function deltaPoint(s: SmilePoints, d: number): DeltaPoint {
  const sqT = Math.sqrt(s.T);
  const callDelta = (k: number): number => {
    const sd = smileVolAt(s, k) * sqT;
    return normCdf(-k / sd + sd / 2);
  };
  const target = d > 0 ? d : 1 + d; // put delta N(d1) - 1 = d  ⇔  N(d1) = 1 + d
  let lo = s.k[0]!;
  let hi = s.k[s.k.length - 1]!;
  let flo = callDelta(lo) - target;
  const fhi = callDelta(hi) - target;
  if (!(flo >= 0 && fhi <= 0)) {
    throw new NoSolutionError(
      'delta-outside-quoted-range',
      `delta ${d} is not reached inside the quoted strikes (call deltas ${(flo + target).toFixed(4)}..${(fhi + target).toFixed(4)})`,
    );
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
    const m = 0.5 * (lo + hi);
    const fm = callDelta(m) - target;
    if (fm >= 0) {
      lo = m;
      flo = fm;
    } else hi = m;
  }
  const k = 0.5 * (lo + hi);
  return { delta: d, vol: smileVolAt(s, k), strike: s.forward * Math.exp(k), logMoneyness: k };
}

/**
 * 25-delta risk reversal σ(25Δ call) - σ(25Δ put), deltas as in {@link smileAtDelta} (forward,
 * not premium-adjusted). Negative for the usual equity skew.
 */
export function riskReversal25(slice: SmileSliceInput): number {
  const s = smilePoints(slice);
  return deltaPoint(s, 0.25).vol - deltaPoint(s, -0.25).vol;
}

/**
 * 25-delta (smile) butterfly (σ(25Δ call) + σ(25Δ put))/2 - σ_ATM with σ_ATM at K = F (forward
 * ATM, not delta-neutral straddle) and deltas as in {@link smileAtDelta}. This is the smile
 * strangle, not the broker "market strangle" of FX desks.
 */
export function butterfly25(slice: SmileSliceInput): number {
  const s = smilePoints(slice);
  return 0.5 * (deltaPoint(s, 0.25).vol + deltaPoint(s, -0.25).vol) - smileVolAt(s, 0);
}

/**
 * ATM skew slope ∂σ/∂k at the forward: least-squares slope of iv on k = ln(K/F) over the OTM
 * quotes with |k| ≤ window·σ_ATM·√T (default window 1: ± one ATM standard deviation).
 * Throws NoSolutionError when fewer than 2 quotes fall in the window.
 */
export function skewSlope(slice: SmileSliceInput, options: { window?: number } = {}): number {
  requireObject('options', options);
  const window = options.window === undefined ? 1 : requireFinite('window', options.window);
  if (!(window > 0)) throw new InvalidInputError('window', 'must be > 0', window);
  const s = smilePoints(slice);
  const half = window * smileVolAt(s, 0) * Math.sqrt(s.T);
  let n = 0;
  let sk = 0;
  let sv = 0;
  for (let i = 0; i < s.k.length; i++) {
    if (Math.abs(s.k[i]!) <= half) {
      n++;
      sk += s.k[i]!;
      sv += s.iv[i]!;
    }
  }
  if (n < 2) throw new NoSolutionError('too-few-quotes', `only ${n} quotes within |k| <= ${half.toPrecision(3)}; widen the window`);
  const km = sk / n;
  const vm = sv / n;
  let skk = 0;
  let skv = 0;
  for (let i = 0; i < s.k.length; i++) {
    if (Math.abs(s.k[i]!) <= half) {
      skk += (s.k[i]! - km) ** 2;
      skv += (s.k[i]! - km) * (s.iv[i]! - vm);
    }
  }
  return skv / skk;
}

/** One point of {@link termStructure}. */
export interface TermPoint {
  expiry?: string;
  timeToExpiry: number;
  atmVol: number;
  /** σ_ATM²·T. */
  atmTotalVariance: number;
  /**
   * Forward vol from the previous expiry √((w₂ - w₁)/(T₂ - T₁)); undefined for the first point
   * and when total variance decreases (a calendar arbitrage at the money).
   */
  forwardVol?: number;
}

/**
 * ATM term structure of a list of slices (sorted by time to expiry): ATM vol, total variance
 * and forward vols between consecutive expiries. Slices whose ATM vol cannot be computed
 * (F not bracketed) are skipped and listed in `skipped`.
 */
export function termStructure(slices: readonly SmileSliceInput[]): { points: TermPoint[]; skipped: { expiry?: string; reason: string }[] } {
  if (!Array.isArray(slices)) throw new InvalidInputError('slices', 'must be an array', typeof slices);
  const sorted = [...slices].sort((a, b) => a.timeToExpiry - b.timeToExpiry);
  const points: TermPoint[] = [];
  const skipped: { expiry?: string; reason: string }[] = [];
  for (const sl of sorted) {
    let v: number;
    try {
      v = atmVol(sl);
    } catch (e) {
      if (e instanceof NoSolutionError) {
        skipped.push({ expiry: sl.expiry, reason: e.message });
        continue;
      }
      throw e;
    }
    const p: TermPoint = { timeToExpiry: sl.timeToExpiry, atmVol: v, atmTotalVariance: v * v * sl.timeToExpiry };
    if (sl.expiry !== undefined) p.expiry = sl.expiry;
    const prev = points[points.length - 1];
    if (prev && sl.timeToExpiry > prev.timeToExpiry && p.atmTotalVariance >= prev.atmTotalVariance) {
      p.forwardVol = Math.sqrt((p.atmTotalVariance - prev.atmTotalVariance) / (sl.timeToExpiry - prev.timeToExpiry));
    }
    points.push(p);
  }
  return { points, skipped };
}
