/**
 * Error function family at full double precision.
 *
 * W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
 * (1969) 631-637, as implemented in his SPECFUN routine CALERF (netlib specfun/erf, 1993).
 * The three intervals are |x| <= 0.46875 (erf), 0.46875 < |x| <= 4 (erfcx) and |x| > 4
 * (asymptotic erfcx); the approximations themselves are good to ~1e-18 relative, so what is
 * left is floating-point rounding (a few ulps).
 *
 * These are raw IEEE special functions, like `Math.exp`: NaN in gives NaN out, ±Infinity give
 * the limits. They do not throw. Callers with user input validate first.
 */

// Coefficients from CALERF (Cody 1993), as literals in the Horner forms below.

/** 1/sqrt(pi). */
const SQRPI = 0.56418958354775628695;
/** Below this, erf(x) = 2x/sqrt(pi) to double precision (Cody's XSMALL). */
const XSMALL = 1.11e-16;
/** Above this, erfcx(x) = 1/(x sqrt(pi)) to double precision (Cody's XHUGE). */
const XHUGE = 6.71e7;
/** erfc(x) underflows to 0 (past the last subnormal) above this. */
const XBIG_ERFC = 27.3;
/** erfcx(x) = 2exp(x^2) - erfcx(-x) overflows below this (Cody's XNEG). */
const XNEG = -26.628;
/** exp(-SCALE) rescales products that would otherwise pass through the subnormal range early. */
const SCALE = 64;
const EXP_MINUS_SCALE = Math.exp(-SCALE);

/**
 * exp(-y*y) for y >= 0 without the error of rounding y*y: with yh = y truncated to a multiple
 * of 1/16, yh*yh is exact and exp(-y^2) = exp(-yh^2) * exp(-(y-yh)(y+yh)) (Cody, CALERF).
 * The result is multiplied by `factor` before it can go subnormal, so the only subnormal
 * rounding is the last one.
 */
export function expNegSquareTimes(y: number, factor: number): number {
  const yh = Math.trunc(y * 16) / 16;
  const del = (y - yh) * (y + yh);
  const a = yh * yh;
  if (a < 700) return Math.exp(-a) * Math.exp(-del) * factor;
  // exp(-a) alone would be subnormal: -a + SCALE is exact (a is a multiple of 1/256).
  return Math.exp(-a + SCALE) * Math.exp(-del) * factor * EXP_MINUS_SCALE;
}

/**
 * erfcx(y) = exp(y^2) erfc(y) for y > 0.46875 (Cody's second and third intervals). CALERF's
 * Horner loops are unrolled with literal coefficients (the same operations in the same order, so
 * the same bits): no array loads, and small enough for V8 to inline into hot loops.
 */
export function erfcxTail(y: number): number {
  if (y <= 4) {
    const xnum =
      (((((((2.15311535474403846e-8 * y + 0.564188496988670089) * y + 8.88314979438837594) * y + 66.1191906371416295) * y +
        298.635138197400131) * y + 881.95222124176909) * y + 1712.04761263407058) * y + 2051.07837782607147) * y;
    const xden =
      (((((((y + 15.7449261107098347) * y + 117.693950891312499) * y + 537.181101862009858) * y + 1621.38957456669019) * y +
        3290.79923573345963) * y + 4362.61909014324716) * y + 3439.36767414372164) * y;
    return (xnum + 1230.33935479799725) / (xden + 1230.33935480374942);
  }
  if (y >= XHUGE) return SQRPI / y;
  const ysq = 1 / (y * y);
  const xnum =
    ((((0.0163153871373020978 * ysq + 0.305326634961232344) * ysq + 0.360344899949804439) * ysq + 0.125781726111229246) * ysq +
      0.0160837851487422766) * ysq;
  const xden = ((((ysq + 2.56852019228982242) * ysq + 1.87295284992346725) * ysq + 0.527905102951428412) * ysq + 0.0605183413124413191) * ysq;
  const r = (ysq * (xnum + 6.58749161529837803e-4)) / (xden + 0.00233520497626869185);
  return (SQRPI - r) / y;
}

/** erf(x) for |x| <= 0.46875 (Cody's first interval), odd in x; CALERF's loop unrolled. */
function erfSmall(x: number): number {
  const y = Math.abs(x);
  const ysq = y > XSMALL ? y * y : 0;
  const xnum = (((0.185777706184603153 * ysq + 3.1611237438705656) * ysq + 113.864154151050156) * ysq + 377.485237685302021) * ysq;
  const xden = (((ysq + 23.6012909523441209) * ysq + 244.024637934444173) * ysq + 1282.61652607737228) * ysq;
  return (x * (xnum + 3209.37758913846947)) / (xden + 2844.23683343917062);
}

/** erfc(y) for y > 0.46875, relative precision kept into the subnormal range. */
function erfcPositiveTail(y: number): number {
  if (y >= XBIG_ERFC) return 0;
  return expNegSquareTimes(y, erfcxTail(y));
}

/**
 * The error function erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt.
 * Odd, erf(±0) = ±0, erf(±Infinity) = ±1, erf(NaN) = NaN.
 */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  if (Number.isNaN(x)) return NaN;
  // (0.5 - erfc) + 0.5 as in CALERF: exact subtraction for erfc < 0.5.
  const r = 0.5 - erfcPositiveTail(y) + 0.5;
  return x < 0 ? -r : r;
}

/**
 * The complementary error function erfc(x) = 1 - erf(x), with relative precision for large
 * positive x (no cancellation; exp(-x^2) computed by Cody's exact split). erfc(+Infinity) = 0,
 * erfc(-Infinity) = 2, erfc(NaN) = NaN. Underflows to 0 above x ~ 27.3.
 */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  if (Number.isNaN(x)) return NaN;
  const r = erfcPositiveTail(y);
  return x < 0 ? 2 - r : r;
}

/**
 * The scaled complementary error function erfcx(x) = exp(x^2) erfc(x), ~ 1/(x sqrt(pi)) for
 * large x. erfcx(+Infinity) = 0; it overflows to +Infinity for x < -26.628 (and at -Infinity);
 * erfcx(NaN) = NaN.
 */
export function erfcx(x: number): number {
  const y = Math.abs(x);
  let r: number;
  if (y <= 0.46875) {
    r = 1 - erfSmall(x);
    return Math.exp(x * x) * r;
  }
  if (Number.isNaN(x)) return NaN;
  r = erfcxTail(y);
  if (x > 0) return r;
  if (x < XNEG) return Infinity;
  // erfcx(-y) = 2 exp(y^2) - erfcx(y), exp(y^2) by the same exact split as above.
  const yh = Math.trunc(x * 16) / 16;
  const del = (x - yh) * (x + yh);
  const e = Math.exp(yh * yh) * Math.exp(del);
  return e + e - r;
}
