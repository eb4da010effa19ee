/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b) and its complement.
 *
 * Method: the continued fraction of Abramowitz & Stegun 26.5.8 evaluated by the modified Lentz
 * algorithm (Lentz 1976; Thompson & Barnett 1986), on I_x(a, b) when x < (a+1)/(a+b+2) and on
 * 1 − I_{1−x}(b, a) otherwise, so the fraction converges quickly and the smaller of I and 1 − I
 * is computed directly (no cancellation: both tails keep full relative precision).
 * The prefactor x^a (1−x)^b / (a B(a,b)) is formed in logs with log1p and a log-beta that avoids
 * the cancellation of log Γ(a) + log Γ(b) − log Γ(a+b) for large arguments (R's `lbeta` with the
 * Stirling-series correction, DiDonato & Morris 1992). Accuracy: a few ulps times
 * (1 + |a ln x + b ln(1−x)|), i.e. ~1e-15 relative for moderate a, b and ~1e-13 when the
 * exponent is in the hundreds. The fraction needs O(√max(a, b)) terms near the mean.
 */
import { ConvergenceError, InvalidInputError } from '../errors/errors';
import { logGamma } from './gamma';

const LN_SQRT_2PI = 0.91893853320467274178;

/** Stirling-series remainder log Γ(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 10 (error < 1e-18). */
function lgammaCorrection(x: number): number {
  const z = 1 / (x * x);
  // Bernoulli terms B_{2k}/(2k(2k−1) x^{2k−1}), k = 1..7.
  return (
    (1 / 12 +
      z *
        (-1 / 360 +
          z * (1 / 1260 + z * (-1 / 1680 + z * (1 / 1188 + z * (-691 / 360360 + z * (1 / 156))))))) /
    x
  );
}

/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) for a, b > 0, without the cancellation of the
 * naive form when a or b is large (R's `lbeta`).
 */
export function logBeta(a: number, b: number): number {
  if (!(a > 0) || !Number.isFinite(a)) throw new InvalidInputError('a', 'must be a finite number > 0', a);
  if (!(b > 0) || !Number.isFinite(b)) throw new InvalidInputError('b', 'must be a finite number > 0', b);
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const corr = lgammaCorrection(p) + lgammaCorrection(q) - lgammaCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = lgammaCorrection(q) - lgammaCorrection(p + q);
    return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}

const TINY = 1e-300;

/** Lentz evaluation of the A&S 26.5.8 continued fraction for I_x(a, b) (without the prefactor). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const maxIter = Math.max(1000, Math.ceil(20 * Math.sqrt(Math.max(a, b))) + 1000);
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= maxIter; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= 1e-16) return h;
  }
  throw new ConvergenceError(`regularizedIncompleteBeta: continued fraction did not converge (a=${a}, b=${b}, x=${x})`, maxIter, h);
}

/**
 * I_x(a, b) and 1 − I_x(a, b), given x and y = 1 − x separately (so callers that know 1 − x
 * exactly, like the Student-t CDF, lose nothing). Internal: no validation.
 * @internal
 */
export function incompleteBetaPair(x: number, y: number, a: number, b: number): { p: number; q: number } {
  if (x <= 0) return { p: 0, q: 1 };
  if (y <= 0) return { p: 1, q: 0 };
  const swap = x > (a + 1) / (a + b + 2);
  const [xx, yy, aa, bb] = swap ? [y, x, b, a] : [x, y, a, b];
  // ln of whichever of x, y is near 1 via log1p of the other (keeps b ln y exact for small x).
  const lnX = xx < 0.5 ? Math.log(xx) : Math.log1p(-yy);
  const lnY = yy < 0.5 ? Math.log(yy) : Math.log1p(-xx);
  const logFront = aa * lnX + bb * lnY - logBeta(aa, bb);
  const front = Math.exp(logFront) / aa;
  const direct = front === 0 ? 0 : Math.min(1, front * betaContinuedFraction(xx, aa, bb));
  return swap ? { p: 1 - direct, q: direct } : { p: direct, q: 1 - direct };
}

/**
 * The regularized incomplete beta function I_x(a, b) (the CDF of Beta(a, b) at x).
 *
 * @param x in [0, 1]; @param a > 0; @param b > 0 (finite).
 * @returns I_x(a, b) in [0, 1]; relative accuracy ~1e-15 for moderate a, b (see the module note).
 * @throws InvalidInputError naming the bad field.
 *
 * @example regularizedIncompleteBeta(0.5, 2, 3) // 0.6875 = 11/16
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (typeof x !== 'number' || !(x >= 0 && x <= 1)) throw new InvalidInputError('x', 'must be a number in [0, 1]', x);
  if (typeof a !== 'number' || !(a > 0) || !Number.isFinite(a)) throw new InvalidInputError('a', 'must be a finite number > 0', a);
  if (typeof b !== 'number' || !(b > 0) || !Number.isFinite(b)) throw new InvalidInputError('b', 'must be a finite number > 0', b);
  return incompleteBetaPair(x, 1 - x, a, b).p;
}

/**
 * The complement 1 − I_x(a, b) = I_{1−x}(b, a), computed directly (full relative precision when
 * I_x(a, b) is close to 1).
 */
export function regularizedIncompleteBetaComplement(x: number, a: number, b: number): number {
  if (typeof x !== 'number' || !(x >= 0 && x <= 1)) throw new InvalidInputError('x', 'must be a number in [0, 1]', x);
  if (typeof a !== 'number' || !(a > 0) || !Number.isFinite(a)) throw new InvalidInputError('a', 'must be a finite number > 0', a);
  if (typeof b !== 'number' || !(b > 0) || !Number.isFinite(b)) throw new InvalidInputError('b', 'must be a finite number > 0', b);
  return incompleteBetaPair(x, 1 - x, a, b).q;
}
