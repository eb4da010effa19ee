/**
 * W. J. Cody's rational Chebyshev approximations for erfc(x) and erfcx(x) = exp(x²)·erfc(x)
 * ("Rational Chebyshev approximations for the error function", Math. Comp. 1969, pp. 631-638;
 * netlib specfun CALERF). Let's Be Rational (Jäckel 2015/2016, section 3) relies on the exact
 * branch structure of these two functions (the threshold 0.46875 and the exponential-free erfcx for
 * |x| > 4), so the implied-volatility kernels use this local copy rather than a generic erfc.
 */

const A0 = 3.1611237438705656;
const A1 = 113.864154151050156;
const A2 = 377.485237685302021;
const A3 = 3209.37758913846947;
const A4 = 0.185777706184603153;
const B0 = 23.6012909523441209;
const B1 = 244.024637934444173;
const B2 = 1282.61652607737228;
const B3 = 2844.23683343917062;
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
] as const;
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
] as const;
const P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 0.0163153871373020978,
] as const;
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185] as const;

const SQRPI = 0.56418958354775628695; // 1/√π
/** Cody's threshold between the erf and the erfc approximations. */
export const CODY_THRESHOLD = 0.46875;
const XNEG = -26.628;
const XSMALL = 1.11e-16;
const XBIG = 26.543;
const XHUGE = 6.71e7;
const XMAX = 2.53e307;

/** exp(-y²) computed as exp(-ysq²)·exp(-del) with ysq = ⌊16y⌋/16, Cody's trick against roundoff in y². */
function expMinusSquare(y: number): number {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del);
}

/** jint = 1: erfc(x); jint = 2: erfcx(x). */
function calerf(x: number, jint: 1 | 2): number {
  const y = Math.abs(x);
  let result: number;
  if (y <= CODY_THRESHOLD) {
    const ysq = y > XSMALL ? y * y : 0;
    let xnum = A4 * ysq;
    let xden = ysq;
    xnum = (xnum + A0) * ysq;
    xden = (xden + B0) * ysq;
    xnum = (xnum + A1) * ysq;
    xden = (xden + B1) * ysq;
    xnum = (xnum + A2) * ysq;
    xden = (xden + B2) * ysq;
    result = 1 - (x * (xnum + A3)) / (xden + B3);
    return jint === 2 ? Math.exp(ysq) * result : result;
  }
  if (y <= 4) {
    let xnum = C[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + C[i]) * y;
      xden = (xden + D[i]) * y;
    }
    result = (xnum + C[7]) / (xden + D[7]);
    if (jint !== 2) result *= expMinusSquare(y);
  } else {
    result = 0;
    let done = false;
    if (y >= XBIG) {
      if (jint !== 2 || y >= XMAX) done = true;
      else if (y >= XHUGE) {
        result = SQRPI / y;
        done = true;
      }
    }
    if (!done) {
      const ysq = 1 / (y * y);
      let xnum = P[5] * ysq;
      let xden = ysq;
      for (let i = 0; i < 4; i++) {
        xnum = (xnum + P[i]) * ysq;
        xden = (xden + Q[i]) * ysq;
      }
      result = (ysq * (xnum + P[4])) / (xden + Q[4]);
      result = (SQRPI - result) / y;
      if (jint !== 2) result *= expMinusSquare(y);
    }
  }
  // Fix up for negative arguments.
  if (x < 0) {
    if (jint === 1) return 2 - result;
    if (x < XNEG) return Number.MAX_VALUE;
    const ysq = Math.trunc(x * 16) / 16;
    const del = (x - ysq) * (x + ysq);
    const e = Math.exp(ysq * ysq) * Math.exp(del);
    return e + e - result;
  }
  return result;
}

/** The complementary error function erfc(x) (Cody). */
export function erfcCody(x: number): number {
  return calerf(x, 1);
}

/** The scaled complementary error function erfcx(x) = exp(x²)·erfc(x) (Cody). */
export function erfcxCody(x: number): number {
  return calerf(x, 2);
}
