/**
 * The standard normal distribution: density, CDF, log-CDF and quantile at full double
 * precision, with relative precision in the lower tail down to underflow (x ~ -38.5).
 *
 * Phi(x) follows W. J. Cody's ANORM (SPECFUN, netlib 1993; the algorithm of R's pnorm),
 * evaluated directly in x, never as erfc(-x/sqrt(2))/2: rounding x/sqrt(2) would cost a
 * relative error of about x^2 * 2^-53 in the tail (1.5e-13 at x = -37). Three ranges of
 * t = |x|, each a near-minimax rational good to ~18 digits:
 *   t <= 0.66291:          Phi(x) = 1/2 + x R1(x^2)
 *   0.66291 < t <= sqrt(32): Phi(-t) = exp(-t^2/2) R2(t)
 *   t > sqrt(32):           Phi(-t) = exp(-t^2/2) (1/sqrt(2 pi) - z R3(z)) / t,  z = 1/t^2
 * and Phi(t) = 1 - Phi(-t) for t > 0.66291 (no cancellation: Phi(-t) < 1/4).
 *
 * exp(-t^2/2) is evaluated without any Math.exp call and without the error of rounding t^2
 * (which would cost up to t^2 * 2^-54 relative, 7.6e-14 at t = 37): t^2 = p + e exactly (Dekker's
 * two-product with Veltkamp's split; V8 never contracts to FMA, so the split is exact), and
 * exp(-(p + e)/2) is computed by Tang's table method (ACM TOMS 15, 1989) with the tiny e/2
 * folded into the reduced argument: -p/2 = (32m + j) ln2/32 + u', u = u' - e/2, |u| <= ln2/64,
 *   exp(-t^2/2) = 2^m * 2^(j/32) * exp(u),
 * 2^(j/32) as a double-double table and exp(u) - 1 by its degree-6 Taylor polynomial (remainder
 * below 2^-57). The factor that multiplies the exponential (1/sqrt(2 pi), or the CDF's rational)
 * is applied before the final scaling by 2^m, so a subnormal result is rounded only once.
 * This is cheaper than Math.exp in V8 (a call into C) and within about 0.5 ulp.
 *
 * The functions are written to be inlined by V8 into hot loops (batch pricers): the rational
 * coefficients are literals (no array loads), no closures, and NaN is detected by falling
 * through every range comparison into a cold path, so the valid path carries no extra test.
 *
 * Scalar functions: NaN input throws InvalidInputError; ±Infinity give the limits.
 */
import { InvalidInputError } from '../errors/errors';
import { erf, erfcxTail } from '../special/erf';
import { expNegHalfSquareTimes } from '../special/exp';
import { requireInRange } from '../validation/validate';

/** 1/sqrt(2 pi). */
const INV_SQRT_2PI = 0.3989422804014327;
/** ln(2 pi) / 2. */
const HALF_LN_2PI = 0.9189385332046728;
/** Cody's THRSH: below this |x|, Phi(x) = 1/2 + x R1(x^2) (Phi(THRSH) ~ 0.75). */
const CENTRAL = 0.66291;
/** sqrt(32): the end of Cody's second range. */
const ROOT32 = 5.656854249492381;
/** Phi(-t) < 2^-1075 (rounds to 0) for t >= 38.5; exp(-t^2/2) stays finite and nonzero below. */
const LOWER_END = 38.5;
/** Phi(-t) < 2^-54 for t >= 8.3, so 1 - Phi(-t) rounds to 1. */
const UPPER_END = 8.3;
/** Throws the InvalidInputError of a non-number or NaN x (kept out of the hot path). */
function invalidX(x: unknown): never {
  // typeof check keeps the error message useful when called from untyped JS.
  if (typeof x !== 'number') throw new InvalidInputError('x', 'must be a number', x);
  throw new InvalidInputError('x', 'must not be NaN', x);
}

/**
 * Phi(-t) = P(Z <= -t) for CENTRAL < t < LOWER_END, with relative precision (Cody's ANORM,
 * second and third ranges; exp(-t^2/2) with one Math.exp, see the file comment).
 */
function tailProbability(t: number): number {
  let r: number;
  if (t <= ROOT32) {
    // Estrin's scheme rather than Horner: the same rational with a third of Horner's dependency
    // chain (this range is latency bound). Every coefficient and every power of t > 0 is
    // positive, so each sum is of positive terms and the rounding stays within a few ulps.
    const t2 = t * t;
    const t4 = t2 * t2;
    const num =
      9842.7148383839780218 + 11602.651437647350124 * t +
      t2 * (6848.1904505362823326 + 2494.5375852903726711 * t) +
      t4 * (597.27027639480026226 + 93.506656132177855979 * t + t2 * (8.8831497943883759412 + 0.39894151208813466764 * t) +
        t4 * 1.0765576773720192317e-8);
    const den =
      19685.429676859990727 + 38912.003286093271411 * t +
      t2 * (34900.952721145977266 + 18615.571640885098091 * t) +
      t4 * (6485.558298266760755 + 1519.377599407554805 * t + t2 * (235.38790178262499861 + 22.266688044328115691 * t) + t4);
    r = num / den;
  } else {
    const z = 1 / (t * t);
    const num =
      z *
      (((((0.02307344176494017303 * z + 0.21589853405795699) * z + 0.1274011611602473639) * z +
        0.022235277870649807) *
        z +
        0.001421619193227893466) *
        z +
        2.9112874951168792e-5);
    const den =
      ((((z + 1.28426009614491121) * z + 0.468238212480865118) * z + 0.0659881378689285515) * z +
        0.00378239633202758244) *
        z +
      7.29751555083966205e-5;
    r = (INV_SQRT_2PI - num / den) / t;
  }
  return expNegHalfSquareTimes(t, r);
}

/**
 * R(t) = Phi(-t)/phi(t) (Mills' ratio) for t > CENTRAL: Cody's second- and third-range rationals
 * with the numerator coefficients multiplied by sqrt(2 pi) (each rounded once), no exponential.
 */
function tailRatio(t: number): number {
  if (t <= ROOT32) {
    const t2 = t * t;
    const t4 = t2 * t2;
    const num =
      24672.027313023376 + 29083.534154294874 * t +
      t2 * (17165.867813372257 + 6252.878443418589 * t) +
      t4 * (1497.134562407879 + 234.38642812711524 * t + t2 * (22.26675444239646 + 0.9999980741241634 * t) +
        t4 * 2.6985299133717818e-8);
    const den =
      19685.429676859990727 + 38912.003286093271411 * t +
      t2 * (34900.952721145977266 + 18615.571640885098091 * t) +
      t4 * (6485.558298266760755 + 1519.377599407554805 * t + t2 * (235.38790178262499861 + 22.266688044328115691 * t) + t4);
    return num / den;
  }
  const z = 1 / (t * t);
  const num =
    z *
    (((((0.057836541521050853 * z + 0.541177369921059) * z + 0.3193473527850969) * z + 0.05573557620484779) * z +
      0.0035634708655031496) *
      z +
      7.29751555083963e-5);
  const den =
    ((((z + 1.28426009614491121) * z + 0.468238212480865118) * z + 0.0659881378689285515) * z + 0.00378239633202758244) * z +
    7.29751555083966205e-5;
  return (1 - num / den) / t;
}

/**
 * The tail ratio R(x) = Phi(x)/phi(x) (Mills' ratio of -x), so that Phi(x) = phi(x)·R(x), for
 * x < -0.66291 computed without any exponential (Cody's ANORM rationals): a caller that already
 * holds phi(x), or a density it is proportional to (Black-Scholes: F·phi(d1) = K·phi(d2)), gets
 * the tail probability for a multiplication. phi(x)·R(x) agrees with normCdf(x) to its accuracy
 * (the test bounds both at 1e-15 relative on [-37, -0.66291]). For x >= -0.66291 (where Phi is
 * not a tail) it returns normCdf(x)/normPdf(x), by the slow path. R(-Infinity) = 0.
 */
export function normCdfTailRatio(x: number): number {
  if (typeof x !== 'number') invalidX(x);
  if (x < -CENTRAL) return tailRatio(-x);
  if (x === x) return normCdf(x) / normPdf(x);
  return invalidX(x);
}

/** The standard normal density phi(x) = exp(-x^2/2)/sqrt(2 pi). phi(±Infinity) = 0. */
export function normPdf(x: number): number {
  if (typeof x !== 'number') invalidX(x);
  const t = x < 0 ? -x : x;
  if (t < LOWER_END) return expNegHalfSquareTimes(t, INV_SQRT_2PI);
  if (t === t) return 0; // exp(-x^2/2) is below 2^-1074/sqrt(2 pi) past 38.5
  return invalidX(x);
}

/**
 * The standard normal CDF Phi(x) = P(Z <= x). Relative error a few ulps for every x down to
 * the underflow at x ~ -38.5 (see the accuracy test for measured figures).
 */
export function normCdf(x: number): number {
  if (typeof x !== 'number') invalidX(x);
  if (x < -CENTRAL) return x > -LOWER_END ? tailProbability(-x) : 0;
  if (x <= CENTRAL) {
    const z = x * x;
    return (
      0.5 +
      (x * ((((0.065682337918207449113 * z + 2.2352520354606839287) * z + 161.02823106855587881) * z + 1067.6894854603709582) * z + 18154.981253343561249)) /
        ((((z + 47.20258190468824187) * z + 976.09855173777669322) * z + 10260.932208618978205) * z + 45507.789335026729956)
    );
  }
  if (x < UPPER_END) return 1 - tailProbability(x);
  if (x === x) return 1;
  return invalidX(x);
}

/**
 * log Phi(x), accurate for very negative x (e.g. x = -1e5, where Phi underflows) through
 * log Phi(x) = -x^2/2 + log(erfcx(-x/sqrt2)/2); log1p(-Phi(-x)) for positive x.
 */
export function normLogCdf(x: number): number {
  if (typeof x !== 'number' || x !== x) invalidX(x);
  if (x < -CENTRAL) {
    const t = -x;
    if (t === Infinity) return -Infinity;
    // Both terms are negative (erfcx <= 1 on t >= 0), so there is no cancellation.
    return -0.5 * t * t + Math.log(0.5 * erfcxTail(t * Math.SQRT1_2));
  }
  if (x <= CENTRAL) return Math.log(normCdf(x));
  // log Phi(x) = log1p(-Phi(-x)); past LOWER_END, Phi(-x) underflows and log Phi(x) = -0.
  return x < LOWER_END ? Math.log1p(-tailProbability(x)) : -0;
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
