/**
 * The normalised Black function of Let's Be Rational (P. Jäckel, "Let's Be Rational", Wilmott
 * 2015, revised 2016):
 *
 *   b(x, s, θ) = θ·[ e^{x/2}·Φ(θ(x/s + s/2)) - e^{-x/2}·Φ(θ(x/s - s/2)) ],   x = ln(F/K), s = σ√T,
 *
 * so that the undiscounted Black price is √(FK)·b. Out of the money (θx ≤ 0) it is evaluated in
 * one of four branches chosen for full double precision (section 3 of the paper):
 *   1. asymptotic expansion for h = x/s ≪ -10 and t = s/2 small (section 3.1),
 *   2. small-t Taylor expansion for t < 2·ε^{1/16} ≈ 0.21 (section 3.2),
 *   3. the direct formula with Φ when b is dominated by its first term (h + t > 0.85),
 *   4. the erfcx form ½·e^{-(h²+t²)/2}·[erfcx(-(h+t)/√2) - erfcx(-(h-t)/√2)] otherwise (section 3.3).
 * In the money it is intrinsic + the out-of-the-money value (reciprocal strike symmetry).
 */
import { erfcx, normCdf } from '@quantforge/core';

const DBL_EPSILON = Number.EPSILON;
const DBL_MAX = Number.MAX_VALUE;
const DBL_MIN = 2.2250738585072014e-308;
const ONE_OVER_SQRT_TWO = Math.SQRT1_2;
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014326779399460599343818684758586311649;
const SQRT_PI_OVER_TWO = 1.253314137315500251207882642405522626503493370305;
const LN_TWO_PI = 1.8378770664093454835606594728112352797227949472756;
const FOURTH_ROOT_DBL_EPSILON = Math.sqrt(Math.sqrt(DBL_EPSILON));
const SIXTEENTH_ROOT_DBL_EPSILON = Math.sqrt(Math.sqrt(FOURTH_ROOT_DBL_EPSILON));
const SQRT_DBL_MIN = Math.sqrt(DBL_MIN);
/** η: the asymptotic expansion is used for h < η. */
const ASYMPTOTIC_EXPANSION_ACCURACY_THRESHOLD = -10;
/** τ: the small-t expansion is used for t < τ. */
const SMALL_T_EXPANSION_THRESHOLD = 2 * SIXTEENTH_ROOT_DBL_EPSILON;

/**
 * Normalised intrinsic value max(θ(e^{x/2} - e^{-x/2}), 0), with a Taylor series 2·sinh(x/2) for
 * small |x| to avoid cancellation.
 */
export function normalisedIntrinsic(x: number, theta: number): number {
  if (theta * x <= 0) return 0;
  const x2 = x * x;
  const sign = theta < 0 ? -1 : 1;
  if (x2 < 98 * FOURTH_ROOT_DBL_EPSILON) {
    // 98 ≈ ⁴√92897280, from the last coefficient of the series.
    return Math.abs(Math.max(sign * x * (1 + x2 * (1 / 24 + x2 * (1 / 1920 + x2 * (1 / 322560 + x2 / 92897280)))), 0));
  }
  const bMax = Math.exp(0.5 * x);
  return Math.abs(Math.max(sign * (bMax - 1 / bMax), 0));
}

/** ∂b/∂s = exp(-½((x/s)² + (s/2)²))/√(2π). */
export function normalisedVega(x: number, s: number): number {
  const ax = Math.abs(x);
  if (ax <= 0) return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.125 * s * s);
  if (s <= 0 || s <= ax * SQRT_DBL_MIN) return 0;
  const h = x / s;
  const t = 0.5 * s;
  return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * (h * h + t * t));
}

/** ln(∂b/∂s), free of underflow. */
export function lnNormalisedVega(x: number, s: number): number {
  if (Math.abs(x) <= 0) return -0.5 * LN_TWO_PI - 0.125 * s * s;
  if (s <= 0) return -DBL_MAX;
  const h = x / s;
  return -0.5 * LN_TWO_PI - 0.5 * (h * h + 0.25 * s * s);
}

/**
 * b/b' for h < η = -10 and h + t < τ + η (Jäckel 2016, section 3.1):
 * b/b' = (t/r)·Σ_k q^k·(2k-1)!!·P_k(e) with e = (t/h)², r = (h+t)(h-t), q = (h/r)², from
 * Φ(z) = φ(z)/|z|·[1 - 1/z² + 3/z⁴ - …] (Abramowitz & Stegun 26.2.12), 17th order.
 *
 * P_k(e) = (-1)^k·2·Σ_j C(2k+1, 2j+1)·e^j (Jäckel 2016, eq. (3.5)-(3.7)) is written out with
 * literal coefficients and summed in the nested form S_k = P_k(e) + (2k+1)·q·S_{k+1}. As e < 1,
 * the k-th term is at most 2·(2k+1)!!·z^k with z = q·(1 + √e)² = 1/(h + t)², so the top orders
 * matter only for small |h + t|: the terms k ≥ 15, 12, 9, 6 stay below 2^-57 of the sum once
 * |h + t| exceeds 14.05, 17.8, 27.6, 71.8 (scanned over e in [0, 1)) and are skipped past 15, 19,
 * 30, 80. For |h + t| < 15 this is the full 17th order, operation for operation.
 */
export function asymptoticExpansionOfNormalisedBlackCallOverVega(h: number, t: number): number {
  const e = (t / h) * (t / h);
  const r = (h + t) * (h - t);
  const q = (h / r) * (h / r);
  const u2 = (h + t) * (h + t);
  let S = 0;
  if (u2 < 225) {
    S = ((((((((((((((((-2 * e - 1190) * e - 104720) * e - 3246320) * e - 47071640) * e - 367158792) * e - 1668903600) * e - 4639918800)
      * e - 8119857900) * e - 9075135300) * e - 6495886320) * e - 2952675600) * e - 834451800) * e - 141214920) * e - 13449040) * e - 649264)
      * e - 13090) * e - 70 + 35 * q * S;
    S = (((((((((((((((2 * e + 1056) * e + 81840) * e + 2215136) * e + 27768312) * e + 185122080) * e + 709634640) * e + 1637618400)
      * e + 2333606220) * e + 2074316640) * e + 1146332880) * e + 387073440) * e + 77134200) * e + 8544096) * e + 474672) * e + 10912)
      * e + 66 + 33 * q * S;
    S = ((((((((((((((-2 * e - 930) * e - 62930) * e - 1472562) * e - 15777450) * e - 88704330) * e - 282241050) * e - 530365050)
      * e - 601080390) * e - 412506150) * e - 169344630) * e - 40320150) * e - 5259150) * e - 339822) * e - 8990) * e - 62 + 31 * q * S;
  }
  if (u2 < 361) {
    S = (((((((((((((2 * e + 812) * e + 47502) * e + 950040) * e + 8584290) * e + 40060020) * e + 103791870) * e + 155117520) * e + 135727830)
      * e + 69194580) * e + 20030010) * e + 3121560) * e + 237510) * e + 7308) * e + 58 + 29 * q * S;
    S = ((((((((((((-2 * e - 702) * e - 35100) * e - 592020) * e - 4440150) * e - 16872570) * e - 34767720) * e - 40116600) * e - 26075790)
      * e - 9373650) * e - 1776060) * e - 161460) * e - 5850) * e - 54 + 27 * q * S;
    S = (((((((((((2 * e + 600) * e + 25300) * e + 354200) * e + 2163150) * e + 6537520) * e + 10400600) * e + 8914800) * e + 4085950)
      * e + 961400) * e + 106260) * e + 4600) * e + 50 + 25 * q * S;
  }
  if (u2 < 900) {
    S = ((((((((((-2 * e - 506) * e - 17710) * e - 201894) * e - 980628) * e - 2288132) * e - 2704156) * e - 1634380) * e - 490314) * e - 67298)
      * e - 3542) * e - 46 + 23 * q * S;
    S = (((((((((2 * e + 420) * e + 11970) * e + 108528) * e + 406980) * e + 705432) * e + 587860) * e + 232560) * e + 40698) * e + 2660)
      * e + 42 + 21 * q * S;
    S = ((((((((-2 * e - 342) * e - 7752) * e - 54264) * e - 151164) * e - 184756) * e - 100776) * e - 23256) * e - 1938) * e - 38 + 19 * q * S;
  }
  if (u2 < 6400) {
    S = (((((((2 * e + 272) * e + 4760) * e + 24752) * e + 48620) * e + 38896) * e + 12376) * e + 1360) * e + 34 + 17 * q * S;
    S = ((((((-2 * e - 210) * e - 2730) * e - 10010) * e - 12870) * e - 6006) * e - 910) * e - 30 + 15 * q * S;
    S = (((((2 * e + 156) * e + 1430) * e + 3432) * e + 2574) * e + 572) * e + 26 + 13 * q * S;
  }
  S = ((((-2 * e - 110) * e - 660) * e - 924) * e - 330) * e - 22 + 11 * q * S;
  S = (((2 * e + 72) * e + 252) * e + 168) * e + 18 + 9 * q * S;
  S = ((-2 * e - 42) * e - 70) * e - 14 + 7 * q * S;
  S = (2 * e + 20) * e + 10 + 5 * q * S;
  S = -2 * e - 6 + 3 * q * S;
  return Math.abs(Math.max((t / r) * (2 + q * S), 0));
}

/**
 * b/b' for t < τ ≈ 0.21 and h ≤ 0 (Jäckel 2016, section 3.2): a 12th order expansion of
 * Y(h+t) - Y(h-t) in t, Y(z) = Φ(z)/φ(z), with a = 1 + h·Y(h) = 1 + h·√(π/2)·erfcx(-h/√2).
 */
export function smallTExpansionOfNormalisedBlackCallOverVega(h: number, t: number): number {
  return smallTExpansionGivenMillsRatio(h, t, SQRT_PI_OVER_TWO * erfcx(-ONE_OVER_SQRT_TWO * h));
}

/**
 * The same expansion given the Mills ratio Y(h) = Φ(h)/φ(h) (for callers that already have it, or
 * take it from core's exponential-free `normCdfTailRatio`): b/b' = 2t·(a + Σ_k c_k t^{2k}),
 * a = 1 + h·Y(h).
 */
export function smallTExpansionGivenMillsRatio(h: number, t: number, millsRatio: number): number {
  const a = 1 + h * millsRatio;
  const w = t * t;
  const h2 = h * h;
  // The divisions by 3!, 5!, …, 13! are multiplications by rounded reciprocals: one more rounding
  // in terms that are together at most ~w·c1 < 5% of the sum, and six divisions fewer.
  const c1 = (-1 + 3 * a + a * h2) * (1 / 6);
  const c2 = (-7 + 15 * a + h2 * (-1 + 10 * a + a * h2)) * (1 / 120);
  const c3 = (-57 + 105 * a + h2 * (-18 + 105 * a + h2 * (-1 + 21 * a + a * h2))) * (1 / 5040);
  const c4 = (-561 + 945 * a + h2 * (-285 + 1260 * a + h2 * (-33 + 378 * a + h2 * (-1 + 36 * a + a * h2)))) * (1 / 362880);
  const c5 =
    (-6555 + 10395 * a + h2 * (-4680 + 17325 * a + h2 * (-840 + 6930 * a + h2 * (-52 + 990 * a + h2 * (-1 + 55 * a + a * h2))))) *
    (1 / 39916800);
  const c6 =
    (-89055 +
      135135 * a +
      h2 * (-82845 + 270270 * a + h2 * (-20370 + 135135 * a + h2 * (-1926 + 25740 * a + h2 * (-75 + 2145 * a + h2 * (-1 + 78 * a + a * h2)))))) *
    (1 / 6227020800);
  const bOverVega = 2 * t * (a + w * (c1 + w * (c2 + w * (c3 + w * (c4 + w * (c5 + w * c6))))));
  return Math.abs(Math.max(bOverVega, 0));
}

/** Branch 3: b = Φ(h+t)·e^{x/2} - Φ(h-t)·e^{-x/2}. */
export function normalisedBlackCallUsingNormCdf(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  const bMax = Math.exp(0.5 * x);
  const b = normCdf(h + t) * bMax - normCdf(h - t) / bMax;
  return Math.abs(Math.max(b, 0));
}

/** Branch 4: b = ½·e^{-(h²+t²)/2}·[erfcx(-(h+t)/√2) - erfcx(-(h-t)/√2)] (one exponential only). */
export function normalisedBlackCallUsingErfcx(h: number, t: number): number {
  const b =
    0.5 * Math.exp(-0.5 * (h * h + t * t)) * (erfcx(-ONE_OVER_SQRT_TWO * (h + t)) - erfcx(-ONE_OVER_SQRT_TWO * (h - t)));
  return Math.abs(Math.max(b, 0));
}

/** True when (x, s) lies in the asymptotic-expansion region h < η, h + t < τ + η (no division by s). */
function inAsymptoticRegion(x: number, s: number): boolean {
  return (
    x < s * ASYMPTOTIC_EXPANSION_ACCURACY_THRESHOLD &&
    0.5 * s * s + x < s * (SMALL_T_EXPANSION_THRESHOLD + ASYMPTOTIC_EXPANSION_ACCURACY_THRESHOLD)
  );
}

/** The normalised Black call b(x, s, +1) for any x, s ≥ 0. */
export function normalisedBlackCall(x: number, s: number): number {
  if (x > 0) return normalisedIntrinsic(x, 1) + normalisedBlackCall(-x, s); // in the money
  if (s <= 0) return normalisedIntrinsic(x, 1); // σ = 0: intrinsic value
  if (inAsymptoticRegion(x, s)) {
    const vega = normalisedVega(x, s);
    // b < b' here, so b = 0 once b' underflows: skip the 17th-order series.
    return vega > 0 ? asymptoticExpansionOfNormalisedBlackCallOverVega(x / s, 0.5 * s) * vega : 0;
  }
  if (0.5 * s < SMALL_T_EXPANSION_THRESHOLD) return smallTExpansionOfNormalisedBlackCallOverVega(x / s, 0.5 * s) * normalisedVega(x, s);
  // When b exceeds ~85% of b_max = e^{x/2} (h + t > 0.85) the first term dominates: use Φ directly.
  if (x + 0.5 * s * s > s * 0.85) return normalisedBlackCallUsingNormCdf(x, s);
  return normalisedBlackCallUsingErfcx(x / s, 0.5 * s);
}

/**
 * b/b' and ln b' for x ≤ 0 (out of the money), so that ln b = ln(b/b') + ln b' never underflows:
 * used by the lowest-zone objective g = 1/ln b - 1/ln β.
 */
export function normalisedBlackCallOverVega(x: number, s: number, lnVega: number): number {
  if (x > 0) return normalisedIntrinsic(x, 1) * Math.exp(-lnVega) + normalisedBlackCallOverVega(-x, s, lnVega);
  if (s <= 0) return normalisedIntrinsic(x, 1) * Math.exp(-lnVega);
  if (inAsymptoticRegion(x, s)) return asymptoticExpansionOfNormalisedBlackCallOverVega(x / s, 0.5 * s);
  if (0.5 * s < SMALL_T_EXPANSION_THRESHOLD) return smallTExpansionOfNormalisedBlackCallOverVega(x / s, 0.5 * s);
  const b = x + 0.5 * s * s > s * 0.85 ? normalisedBlackCallUsingNormCdf(x, s) : normalisedBlackCallUsingErfcx(x / s, 0.5 * s);
  return b * Math.exp(-lnVega);
}

/** b(x, s, θ) for θ = ±1 (a put is a call on the reciprocal: b(x, s, -1) = b(-x, s, +1)). */
export function normalisedBlack(x: number, s: number, theta: number): number {
  return normalisedBlackCall(theta < 0 ? -x : x, s);
}

/**
 * In the money, the textbook Black formula is kept while the price is at least this fraction of
 * the larger of its two terms (its relative error from the subtraction is about 2ε/ratio).
 */
export const CANCELLATION_THRESHOLD = 1 / 8;

/**
 * The Black formula w·[F·Φ(w·d1) - K·Φ(w·d2)], d1,2 = x/s ± s/2, for F, K > 0 in any common unit
 * (forward and strike, or the discounted spot and strike of BSM), x = ln(F/K) formed as accurately
 * as the caller can (see {@link logRatio}) and 0 < s = σ√T < ∞; `w` = +1 call, -1 put.
 *
 * Out of the money (w·x ≤ 0) the two textbook terms always cancel: their ratio to the price is
 * about (|h| + 1.25)/t (h = x/s, t = s/2), and each term already carries the error ~d²ε of
 * rounding d in the tail, so the price is √F·√K·b(x, s, w) with Jäckel's normalised Black
 * function, which is accurate to a few ulps times the conditioning ~(1 + h²) of the problem
 * itself. In the money the textbook form is used unless its price is below
 * {@link CANCELLATION_THRESHOLD} of its larger term (near the money with small s), where b takes
 * over again (intrinsic value + out-of-the-money part, without cancellation).
 */
export function blackFormula(w: number, forward: number, strike: number, x: number, s: number): number {
  if (w * x <= 0) {
    // √F·√K rather than √(FK): the product may overflow or underflow.
    return Math.sqrt(forward) * Math.sqrt(strike) * normalisedBlack(x, s, w);
  }
  const d1 = x / s + 0.5 * s;
  const forwardTerm = forward * normCdf(w * d1);
  const strikeTerm = strike * normCdf(w * (d1 - s));
  const price = w * (forwardTerm - strikeTerm);
  if (price > CANCELLATION_THRESHOLD * (w === 1 ? forwardTerm : strikeTerm)) return price;
  return Math.sqrt(forward) * Math.sqrt(strike) * normalisedBlack(x, s, w);
}

/** Veltkamp's splitter 2^27 + 1 (Dekker's exact product). */
const SPLITTER = 134217729;

/**
 * ln(a/b) for a, b > 0 to a relative error of ~ε rather than an absolute one: r = a/b is rounded,
 * which would cost an absolute ε/2 in ln r (a large relative error near the money), so the
 * rounding is put back as ln(a/b) = ln r + (a - r·b)/(r·b), with r·b = p + e formed exactly
 * (Dekker 1971) and a - p exact (Sterbenz). The normalised Black function is conditioned like
 * (x/s)² in x out of the money, so x = ln(F/K) needs this relative accuracy.
 */
export function logRatio(a: number, b: number): number {
  const r = a / b;
  // Outside (1/2, 2), |ln r| > 0.69 and the rounding of r costs < ε relative; near the ends of
  // the double range the split below would overflow or lose its exactness in subnormals.
  if (!(r > 0.5 && r < 2 && b < 1e300 && b > 1e-290)) return Math.log(r);
  let c = SPLITTER * r;
  const rh = c - (c - r);
  const rl = r - rh;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  const p = r * b;
  const e = rh * bh - p + rh * bl + rl * bh + rl * bl;
  return Math.log(r) + (a - p - e) / p;
}
