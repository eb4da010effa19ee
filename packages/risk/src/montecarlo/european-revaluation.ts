/**
 * Full revaluation of European options over many spot scenarios with every scenario-invariant
 * part of the Black-Scholes-Merton price hoisted out of the scenario loop.
 *
 * Per option (once): the discounted strike K·e^{-rT}, the dividend discount e^{-qT}, the total
 * standard deviation s = σ√T, 1/s, t = s/2 and the log-moneyness offset c = ln(S₀/K) + (r − q)T
 * (`logRatio`, relative precision near the money). Per scenario and underlying (once, shared by
 * every option on it): the shocked spot S' and L = ln(S'/S₀). Per option and scenario only:
 * x = ln(F/K) = c + L, F = S'·e^{-qT}, and the out-of-the-money value
 *
 *   V_otm = lo·φ(d1)·(b/b'),   lo = min(F, Ke^{-rT}), a = −|x|, h = a/s, d1 = h + t, d2 = h − t,
 *
 * (√(FK)·b' = lo·φ(h + t) for Jäckel's normalised Black b and its vega b'), with b/b' from
 *   - Jäckel's asymptotic expansion for h < −10 (pricing's `normalisedBlackCallOverVega`),
 *   - Jäckel's small-t expansion for t < 0.05 (P. Jäckel, "Let's Be Rational", 2016, §3.2, with
 *     a = 1 + h·R(h); valid up to τ = 2ε^{1/16} ≈ 0.21),
 *   - lo·φ(d1)·(R(d1) − R(d2)) with the Mills ratio R = Φ/φ (core `normCdfTailRatio`, no
 *     exponential) when d1 < −0.66291 (Jäckel's erfcx form, §3.3),
 *   - the textbook lo·Φ(d1) − hi·Φ(d2) otherwise (d1 ≥ −0.66291, t ≥ 0.05: the terms cancel by
 *     at most a factor ~30),
 * and the in-the-money price V_otm + w·(F − Ke^{-rT}) (put-call parity; the two terms are both
 * positive, so no cancellation; for σ√T < 0.02 the intrinsic part is lo·expm1(|x|), free of the
 * ε·F rounding of F − Ke^{-rT}). A price costs one or two exponentials (core `normPdf`/`normCdf`:
 * inlined Tang exp with exact d²) and two rationals. (Sharing φ between the two textbook terms
 * saves an exponential but measured no faster: V8 then inlines less of the loop.)
 *
 * Accuracy against `bsPrice` at the same shocked spot (tested on random options and books, far out
 * of the money included): within 1e-13 relative (measured worst 5.4e-14 for prices above 1e-12 of
 * spot), or 1e-15·spot absolute for prices that are themselves tiny (far out of the money, where
 * both carry the conditioning (1 + h²)·ε of the problem; h up to ~500 in the tests, worst 4.4e-13
 * relative down to prices of 1e-290·spot). Options with σ√T = 0 or ∞ (expired after ageing,
 * overflow) and discount factors that under/overflow take the `bsPriceKernel` path unchanged.
 */
import { normCdf, normCdfTailRatio, normPdf } from '@quantforge/core';
import { bsPriceKernel, logRatio, normalisedBlackCallOverVega, smallTExpansionGivenMillsRatio } from '@quantforge/pricing';

/** τ = 2·ε^{1/16}: below t = s/2 = τ, Jäckel's small-t expansion (as in @quantforge/pricing). */
const SMALL_T = 2 * Math.sqrt(Math.sqrt(Math.sqrt(Math.sqrt(Number.EPSILON))));
/** η = −10: the asymptotic expansion is used for h < η and h + t < τ + η. */
const ASYMPTOTIC_H = -10;
/**
 * Below this t = σ√T/2 the small-t series is used; above it the Mills-ratio difference
 * R(d1) − R(d2) = 2t·R'(h) + …, whose cancellation costs ~|h|/(2t)·ε·few ≤ 3e-14 relative for
 * t ≥ 0.05 and h ≥ −10 (Jäckel keeps the series up to τ ≈ 0.21 for the last few ulps).
 */
export const SERIES_BELOW_T = 0.05;
/** Below this σ√T, the intrinsic part is lo·expm1(|x|) (relative error ε/(0.4·σ√T) of F − K otherwise). */
const EXACT_INTRINSIC_BELOW = 0.02;
/** Cody's central range of Φ: below −0.66291, Φ(d) = φ(d)·R(d) with an exponential-free Mills ratio R. */
const CENTRAL = 0.66291;

/** Mode of a hoisted option: σ√T = 0 or ∞, or a discount factor out of range: `bsPriceKernel` on the raw inputs. */
export const MODE_GENERIC = 0;
/** Mode: t < {@link SERIES_BELOW_T}, Jäckel's small-t expansion for the out-of-the-money part. */
export const MODE_SMALL_T = 1;
/** Mode: t ≥ {@link SERIES_BELOW_T}, Mills-ratio difference or textbook form. */
export const MODE_REGULAR = 2;

/** Scenario-invariant columns of m European options (struct of arrays). */
export interface HoistedEuropeans {
  m: number;
  /** +1 call, −1 put. */
  w: Float64Array;
  /** ln(S₀/K) + (r − q)T. */
  offset: Float64Array;
  /** e^{-qT}. */
  dividendDiscount: Float64Array;
  /** K·e^{-rT}. */
  discountedStrike: Float64Array;
  /** s = σ√T, 1/s and t = s/2. */
  stdDev: Float64Array;
  invStdDev: Float64Array;
  halfStdDev: Float64Array;
  mode: Uint8Array;
  /** Raw inputs for the generic path. */
  strike: Float64Array;
  expiry: Float64Array;
  rate: Float64Array;
  dividendYield: Float64Array;
  vol: Float64Array;
}

/** One option's unchecked BSM inputs (reference spot S₀, strike, expiry after ageing, …). */
export interface EuropeanRow {
  w: number;
  spot: number;
  strike: number;
  expiry: number;
  rate: number;
  dividendYield: number;
  vol: number;
}

/** Builds the scenario-invariant columns (inputs already validated: spot, strike, vol > 0, expiry ≥ 0). */
export function hoistEuropeans(rows: readonly EuropeanRow[]): HoistedEuropeans {
  const m = rows.length;
  const h: HoistedEuropeans = {
    m,
    w: new Float64Array(m),
    offset: new Float64Array(m),
    dividendDiscount: new Float64Array(m),
    discountedStrike: new Float64Array(m),
    stdDev: new Float64Array(m),
    invStdDev: new Float64Array(m),
    halfStdDev: new Float64Array(m),
    mode: new Uint8Array(m),
    strike: new Float64Array(m),
    expiry: new Float64Array(m),
    rate: new Float64Array(m),
    dividendYield: new Float64Array(m),
    vol: new Float64Array(m),
  };
  for (let r = 0; r < m; r++) {
    const { w, spot, strike, expiry, rate, dividendYield, vol } = rows[r];
    const s = vol * Math.sqrt(expiry);
    const dq = Math.exp(-dividendYield * expiry);
    const kd = strike * Math.exp(-rate * expiry);
    h.w[r] = w;
    h.strike[r] = strike;
    h.expiry[r] = expiry;
    h.rate[r] = rate;
    h.dividendYield[r] = dividendYield;
    h.vol[r] = vol;
    h.offset[r] = logRatio(spot, strike) + (rate - dividendYield) * expiry;
    h.dividendDiscount[r] = dq;
    h.discountedStrike[r] = kd;
    h.stdDev[r] = s;
    h.invStdDev[r] = 1 / s;
    h.halfStdDev[r] = 0.5 * s;
    const ok = s > 0 && s < Infinity && 1 / s < Infinity && dq > 1e-290 && dq < 1e290 && kd > 1e-290 && kd < 1e290;
    h.mode[r] = !ok ? MODE_GENERIC : 0.5 * s < SERIES_BELOW_T ? MODE_SMALL_T : MODE_REGULAR;
  }
  return h;
}

/**
 * Jäckel's small-t expansion of b/b' (Let's Be Rational, 2016, §3.2; 12th order in t, full
 * precision for t < τ and h ≤ 0), with the Mills ratio R(h) = Φ(h)/φ(h) from core's
 * exponential-free `normCdfTailRatio`: pricing's own expansion, shared.
 */
export const smallTOverVega = smallTExpansionGivenMillsRatio;

/**
 * Price of hoisted option r at a scenario: `logMove` = ln(S'/S₀), `spot` = S'. Unchecked; small
 * enough for V8 to inline into the scenario loop (the rare branches are calls).
 */
export function hoistedEuropeanPrice(e: HoistedEuropeans, r: number, logMove: number, spot: number): number {
  const mode = e.mode[r];
  const w = e.w[r];
  if (mode === MODE_GENERIC) {
    return bsPriceKernel(w, spot, e.strike[r], e.expiry[r], e.rate[r], e.dividendYield[r], e.vol[r]);
  }
  return priceFromMoneyness(w, e.offset[r] + logMove, spot * e.dividendDiscount[r], e.discountedStrike[r], e.stdDev[r], e.invStdDev[r], e.halfStdDev[r], mode === MODE_SMALL_T);
}

/**
 * The BSM price from x = ln(F/K), the discounted forward F = S'e^{-qT}, the discounted strike
 * K = Ke^{-rT}, s = σ√T (0 < s < ∞), 1/s, t = s/2 and whether t < {@link SERIES_BELOW_T} (see the
 * file comment). The common branches are inline; the series branches are a call.
 */
export function priceFromMoneyness(w: number, x: number, forward: number, strike: number, s: number, invS: number, t: number, smallT: boolean): number {
  const a = x > 0 ? -x : x;
  const lo = forward < strike ? forward : strike;
  const h = a * invS;
  const d1 = h + t;
  // lo·φ(d1) = hi·φ(d2) = √(FK)·b' multiplies b/b'.
  let v: number;
  if (smallT || (a < s * ASYMPTOTIC_H && 0.5 * s * s + a < s * (SMALL_T + ASYMPTOTIC_H))) {
    v = lo * normPdf(d1) * seriesOverVega(a, s, h, t);
  } else if (d1 < -CENTRAL) {
    v = lo * normPdf(d1) * (normCdfTailRatio(d1) - normCdfTailRatio(h - t));
  } else {
    v = lo * normCdf(d1) - (forward < strike ? strike : forward) * normCdf(h - t);
  }
  // In the money: + |F − K|, from F and K, or as lo·(e^{|x|} − 1) when s is so small that the
  // price is within a few σ√T·F of intrinsic and the ε·F rounding of F − K would show.
  if (w * x > 0) v += s < EXACT_INTRINSIC_BELOW ? lo * Math.expm1(-a) : w * (forward - strike);
  return v;
}

/** b/b' by Jäckel's asymptotic expansion (h < −10, from pricing) or his small-t expansion. */
function seriesOverVega(a: number, s: number, h: number, t: number): number {
  if (a < s * ASYMPTOTIC_H && 0.5 * s * s + a < s * (SMALL_T + ASYMPTOTIC_H)) return normalisedBlackCallOverVega(a, s, 0);
  return smallTOverVega(h, t, normCdfTailRatio(h));
}

/**
 * pnl[out + u] += scale·(price at scenario u − base) for one hoisted European over a block of n
 * scenarios (`logMove` = ln(S'/S₀), `spot` = S'), optionally keeping each term in `keep`. The
 * pricing of {@link priceFromMoneyness} is written out in the loop so V8 compiles it as one unit
 * (the tests check the two agree bit for bit). Option r must not be in {@link MODE_GENERIC}.
 */
export function revalueEuropeanBlock(
  e: HoistedEuropeans,
  r: number,
  logMove: Float64Array,
  spot: Float64Array,
  n: number,
  scale: number,
  base: number,
  pnl: Float64Array,
  out: number,
  keep: Float64Array | undefined,
): void {
  const w = e.w[r];
  const offset = e.offset[r];
  const dq = e.dividendDiscount[r];
  const kd = e.discountedStrike[r];
  const s = e.stdDev[r];
  const invS = e.invStdDev[r];
  const t = e.halfStdDev[r];
  const smallT = e.mode[r] === MODE_SMALL_T;
  const exactIntrinsic = s < EXACT_INTRINSIC_BELOW;
  for (let u = 0; u < n; u++) {
    const x = offset + logMove[u];
    const forward = spot[u] * dq;
    const a = x > 0 ? -x : x;
    const lo = forward < kd ? forward : kd;
    const h = a * invS;
    const d1 = h + t;
    let v: number;
    if (smallT || (a < s * ASYMPTOTIC_H && 0.5 * s * s + a < s * (SMALL_T + ASYMPTOTIC_H))) {
      v = lo * normPdf(d1) * seriesOverVega(a, s, h, t);
    } else if (d1 < -CENTRAL) {
      v = lo * normPdf(d1) * (normCdfTailRatio(d1) - normCdfTailRatio(h - t));
    } else {
      v = lo * normCdf(d1) - (forward < kd ? kd : forward) * normCdf(h - t);
    }
    if (w * x > 0) v += exactIntrinsic ? lo * Math.expm1(-a) : w * (forward - kd);
    const d = scale * (v - base);
    pnl[out + u] += d;
    if (keep !== undefined) keep[out + u] = d;
  }
}
