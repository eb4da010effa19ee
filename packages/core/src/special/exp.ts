/**
 * The exponential function by Tang's table method (P. T. P. Tang, "Table-driven implementation
 * of the exponential function in IEEE floating-point arithmetic", ACM TOMS 15, 1989), written to
 * be inlined by V8 into hot loops: Math.exp is a call into C that V8 never inlines, and costs
 * several times this in a batch loop.
 *
 *   x = (32m + j)·ln2/32 + u,  |u| <= ln2/64,   exp(x) = 2^m · 2^(j/32) · exp(u),
 *
 * with k = 32m + j = round(x·32/ln2), u = (x - k·HI) - k·LO (k·HI and x - k·HI exact, ln2/32 =
 * HI + LO), 2^(j/32) as a double-double table, exp(u) - 1 by its degree-6 Taylor polynomial
 * (remainder below 2^-57) and 2^m from an exact table. The result is within about 0.51 ulp.
 *
 * `expNegHalfSquareTimes` (internal, used by the normal distribution) is the same method for
 * exp(-t^2/2)·factor with t^2 formed exactly.
 */

/** Veltkamp's splitter 2^27 + 1. */
const SPLITTER = 134217729;
/** 32/ln 2, and ln2/32 split as HI (37 significant bits, so k * HI is exact for |k| < 2^16) + LO. */
const INV_LN2_32 = 46.16624130844683;
const LN2_32_HI = 0.021660849392446835;
const LN2_32_LO = 5.145609244655338e-14;
/** 1.5 * 2^52: adding and subtracting it rounds a double of magnitude < 2^51 to an integer. */
const ROUNDER = 6755399441055744;
/** 2^(j/32) = EXP2_HI[j] + EXP2_LO[j], j = 0..31 (mpmath, 50 digits). */
const EXP2_HI = new Float64Array([
  1.0, 1.0218971486541166, 1.0442737824274138, 1.0671404006768237, 1.0905077326652577, 1.1143867425958924,
  1.1387886347566916, 1.1637248587775775, 1.189207115002721, 1.215247359980469, 1.241857812073484, 1.2690509571917332,
  1.2968395546510096, 1.3252366431597413, 1.3542555469368927, 1.383909881963832, 1.4142135623730951, 1.4451808069770467,
  1.4768261459394993, 1.5091644275934228, 1.5422108254079407, 1.5759808451078865, 1.6104903319492543, 1.645755478153965,
  1.681792830507429, 1.718619298122478, 1.7562521603732995, 1.7947090750031072, 1.8340080864093424, 1.8741676341103,
  1.9152065613971474, 1.9571441241754002,
]);
const EXP2_LO = new Float64Array([
  0.0, 5.109225028973444e-17, 8.551889705537965e-17, -7.899853966841582e-17, -3.046782079812471e-17,
  1.0410278456845571e-16, 8.912812676025408e-17, 3.8292048369240935e-17, 3.982015231465646e-17, -7.712630692681488e-17,
  4.658027591836937e-17, 2.667932131342186e-18, 2.5382502794888315e-17, -2.8587312100388614e-17, 7.70094837980299e-17,
  -6.770511658794786e-17, -9.667293313452913e-17, -3.0237581349939873e-17, -3.483994556892796e-17,
  -1.016455327754295e-16, 7.949834809697621e-17, -1.0136916471278304e-17, 2.4707192569797888e-17,
  -1.0125679913674773e-16, 8.199010020581497e-17, -1.851380418263111e-17, 2.960140695448873e-17,
  1.8227458427912087e-17, 3.283107224245627e-17, -6.122763413004143e-17, -1.0619946056195963e-16,
  8.960767791036668e-17,
]);
/** POW2[POW2_OFFSET + m] = 2^m (exact), m = -1074..1023. */
const POW2_OFFSET = 1074;
const POW2 = new Float64Array(POW2_OFFSET + 1024);
for (let m = 0, v = 1; m <= 1023; m++, v *= 2) POW2[POW2_OFFSET + m] = v;
for (let m = 1, v = 0.5; m <= 1074; m++, v *= 0.5) POW2[POW2_OFFSET - m] = v;

/**
 * exp(-t^2/2) * factor for 0 <= t < LOWER_END and factor in [2^-8, 1] (see the file comment:
 * exact t^2, Tang's table method, one rounding when the result is subnormal).
 */
export function expNegHalfSquareTimes(t: number, factor: number): number {
  // t^2 = p + e exactly (Dekker 1971): t = th + tl with th, tl of at most 26 bits.
  const c = SPLITTER * t;
  const th = c - (c - t);
  const tl = t - th;
  const p = t * t;
  const e = th * th - p + 2 * th * tl + tl * tl;
  // -p/2 = k ln2/32 + (u + e/2), k = 32m + j; -p/2 - k HI is exact (Sterbenz).
  const y = -0.5 * p;
  const kd = y * INV_LN2_32 + ROUNDER - ROUNDER;
  const k = kd | 0;
  const u = y - kd * LN2_32_HI - (kd * LN2_32_LO + 0.5 * e);
  const u2 = u * u;
  const expm1u = u + u2 * (0.5 + u * (1 / 6) + u2 * (1 / 24 + u * (1 / 120) + u2 * (1 / 720)));
  const j = k & 31;
  const hi = EXP2_HI[j];
  return (hi + (hi * expm1u + EXP2_LO[j])) * factor * POW2[POW2_OFFSET + (k >> 5)];
}

/** Arguments in (EXP_LO, EXP_HI) give a normal, finite exp(x) from the table path. */
const EXP_LO = -708;
const EXP_HI = 709;

/**
 * exp(x), within about 0.51 ulp (measured in the tests against 50-digit mpmath), cheaper than
 * Math.exp in a V8 hot loop (no call into C). Outside (-708, 709) (overflow, subnormal results,
 * ±Infinity, NaN) it returns Math.exp(x). Never throws: NaN gives NaN, like Math.exp.
 */
export function exp(x: number): number {
  if (x > EXP_LO && x < EXP_HI) {
    const kd = x * INV_LN2_32 + ROUNDER - ROUNDER;
    const k = kd | 0;
    // x - k·HI is exact (k·HI is exact and within a factor 2 of x, Sterbenz).
    const u = x - kd * LN2_32_HI - kd * LN2_32_LO;
    const u2 = u * u;
    const expm1u = u + u2 * (0.5 + u * (1 / 6) + u2 * (1 / 24 + u * (1 / 120) + u2 * (1 / 720)));
    const hi = EXP2_HI[k & 31];
    return (hi + (hi * expm1u + EXP2_LO[k & 31])) * POW2[POW2_OFFSET + (k >> 5)];
  }
  return Math.exp(x);
}
