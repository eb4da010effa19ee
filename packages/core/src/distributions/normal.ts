/**
 * The standard normal distribution: density, CDF, log-CDF and quantile at full double
 * precision, with relative precision in the lower tail down to underflow (x ~ -38.5).
 *
 * Phi(x) is NOT computed as erfc(-x/sqrt(2))/2: rounding x/sqrt(2) costs a relative error of
 * about x^2 * 2^-53 in the tail (1.5e-13 at x = -37). Instead, for x < -0.66,
 *   Phi(x) = erfcx(-x/sqrt(2)) * exp(-x^2/2) / 2,
 * where erfcx (Cody 1969) is insensitive to the rounding of its argument (relative condition
 * number ~1) and exp(-x^2/2) is evaluated from x itself with Cody's exact split
 * x^2 = xh^2 + (x-xh)(x+xh), xh = x truncated to 1/16.
 *
 * Scalar functions: NaN input throws InvalidInputError; ±Infinity give the limits.
 */
import { InvalidInputError } from '../errors/errors';
import { erf, erfcxTail } from '../special/erf';
import { requireInRange } from '../validation/validate';

/** 1/sqrt(2 pi). */
const INV_SQRT_2PI = 0.3989422804014327;
/** ln(2 pi) / 2. */
const HALF_LN_2PI = 0.9189385332046728;
/** Below this |x|, Phi(x) = 1/2 + erf(x/sqrt2)/2 with x/sqrt2 inside Cody's first interval. */
const CENTRAL = 0.6629126073623883; // 0.46875 * sqrt(2)
const SCALE = 64;
const EXP_MINUS_SCALE = Math.exp(-SCALE);

function requireNotNaN(field: string, x: number): void {
  // typeof check keeps the error message useful when called from untyped JS.
  if (typeof x !== 'number') throw new InvalidInputError(field, 'must be a number', x);
  if (x !== x) throw new InvalidInputError(field, 'must not be NaN', x);
}

/**
 * exp(-t^2/2) * factor for t >= 0, with t^2 split exactly: th = trunc(16 t)/16 makes th^2/2
 * exact, and (t-th)(t+th) is small. Rescaled so that only the last product can be subnormal.
 */
function expNegHalfSquareTimes(t: number, factor: number): number {
  const th = Math.trunc(t * 16) / 16;
  const a = 0.5 * th * th;
  const del = 0.5 * (t - th) * (t + th);
  if (a < 700) return Math.exp(-a) * Math.exp(-del) * factor;
  return Math.exp(-a + SCALE) * Math.exp(-del) * factor * EXP_MINUS_SCALE;
}

/** Phi(-t) for t > CENTRAL (the lower tail), relative precision. */
function lowerTail(t: number): number {
  if (t > 40) return 0; // Phi(-38.5) is already below the smallest subnormal
  return expNegHalfSquareTimes(t, 0.5 * erfcxTail(t * Math.SQRT1_2));
}

/** The standard normal density phi(x) = exp(-x^2/2)/sqrt(2 pi). phi(±Infinity) = 0. */
export function normPdf(x: number): number {
  requireNotNaN('x', x);
  const t = Math.abs(x);
  if (t > 40) return 0;
  return expNegHalfSquareTimes(t, INV_SQRT_2PI);
}

/**
 * The standard normal CDF Phi(x) = P(Z <= x). Relative error a few ulps for every x down to
 * the underflow at x ~ -38.5 (see the accuracy test for measured figures).
 */
export function normCdf(x: number): number {
  requireNotNaN('x', x);
  if (x < -CENTRAL) return lowerTail(-x);
  if (x <= CENTRAL) return 0.5 + 0.5 * erf(x * Math.SQRT1_2);
  return 1 - lowerTail(x);
}

/**
 * log Phi(x), accurate for very negative x (e.g. x = -1e5, where Phi underflows) through
 * log Phi(x) = -x^2/2 + log(erfcx(-x/sqrt2)/2); log1p(-Phi(-x)) for positive x.
 */
export function normLogCdf(x: number): number {
  requireNotNaN('x', x);
  if (x < -CENTRAL) {
    const t = -x;
    if (t === Infinity) return -Infinity;
    // Both terms are negative (erfcx <= 1 on t >= 0), so there is no cancellation.
    return -0.5 * t * t + Math.log(0.5 * erfcxTail(t * Math.SQRT1_2));
  }
  if (x <= CENTRAL) return Math.log(0.5 + 0.5 * erf(x * Math.SQRT1_2));
  return Math.log1p(-lowerTail(x));
}

// Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
// Appl. Statist. 37 (1988) 477-484, PPND16 (about 1e-16 relative).
const A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
];
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function poly7(c: number[], r: number): number {
  return ((((((c[7] * r + c[6]) * r + c[5]) * r + c[4]) * r + c[3]) * r + c[2]) * r + c[1]) * r + c[0];
}

/** AS241 PPND16 for 0 < p <= 0.5 (returns x <= 0). */
function ppnd16Lower(p: number): number {
  const q = p - 0.5;
  if (q >= -0.425) {
    const r = 0.180625 - q * q;
    return (q * poly7(A, r)) / poly7(B, r);
  }
  let r = Math.sqrt(-Math.log(p));
  if (r <= 5) {
    r -= 1.6;
    return -poly7(C, r) / poly7(D, r);
  }
  r -= 5;
  return -poly7(E, r) / poly7(F, r);
}

/** Below this p, refine in log space: phi(x) and Phi(x) approach the subnormal range. */
const LOG_SPACE_P = 1e-280;

/** The quantile for 0 < p <= 0.5. */
function lowerInv(p: number): number {
  const x = ppnd16Lower(p);
  if (p >= 0.25) {
    // Residual Phi(x) - p computed as erf(x/sqrt2)/2 - (p - 1/2): p - 1/2 is exact here and
    // the erf form has no 1/2 + tiny rounding, so x keeps relative precision near 0.
    if (x === 0) return 0;
    const res = 0.5 * erf(x * Math.SQRT1_2) - (p - 0.5);
    const u = res / normPdf(x);
    return x - u / (1 + 0.5 * x * u); // Halley step for Phi(x) = p
  }
  if (p >= LOG_SPACE_P) {
    const u = (normCdf(x) - p) / normPdf(x);
    return x - u / (1 + 0.5 * x * u);
  }
  // Newton on g(x) = log Phi(x) - log p, g'(x) = phi(x)/Phi(x) = exp(log phi - log Phi).
  const lc = normLogCdf(x);
  const g = lc - Math.log(p);
  const slope = Math.exp(-0.5 * x * x - HALF_LN_2PI - lc);
  return x - g / slope;
}

/**
 * The standard normal quantile Phi^{-1}(p): Wichura's AS241 (PPND16) followed by one Halley
 * step on Phi(x) = p (a Newton step on log Phi in the far tail, p < 1e-280). For p > 1/2 it
 * uses Phi^{-1}(p) = -Phi^{-1}(1-p), where 1 - p is exact, so p close to 1 keeps all the
 * precision it carries. normInv(0) = -Infinity, normInv(1) = +Infinity.
 *
 * @throws InvalidInputError('p') when p is NaN or outside [0, 1].
 */
export function normInv(p: number): number {
  requireInRange('p', p, 0, 1);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p <= 0.5) return lowerInv(p);
  return -lowerInv(1 - p);
}
