/**
 * The gamma function and its logarithm at full double precision.
 *
 * logGamma follows Cephes `lgam` (S. L. Moshier, Cephes Math Library 2.8, 2000): shift the
 * argument into [2, 3) with the recurrence Gamma(x+1) = x Gamma(x), where log Gamma(2 + t) =
 * t B(t)/C(t) (a rational minimax fit that keeps relative precision at the zero x = 2), and
 * Stirling's series with Bernoulli-number corrections for x >= 13. Unlike Cephes, x in
 * (0, 3) is written as 2 + t or 1 + t with t exact (Cephes rounds x + 1, which costs ~1e-9
 * relative next to x = 1 and x = 2); for -1/2 <= t < 0 a Taylor series about 2 is used.
 * gamma(x) uses exp(logGamma) only on [2, 3) (where the value is O(1)) and the product
 * recurrence, plus Stirling's formula with a power split for large x (Cephes `stirf`), so its
 * relative error stays a few ulps rather than growing like |log Gamma| * 2^-53.
 */
import { InvalidInputError } from '../errors/errors';

// Cephes lgam: log Gamma(2 + t) = t * B(t) / C(t) for 0 <= t < 1.
const LB = [
  -1.378251525691208591e3, -3.88016315134637840924e4, -3.31612992738871184744e5, -1.16237097492762307383e6,
  -1.72173700820839662146e6, -8.53555664245765465627e5,
];
const LC = [
  -3.51815701436523470549e2, -1.70642106651881159223e4, -2.20528590553854454839e5, -1.13933444367982507207e6,
  -2.53252307177582951285e6, -2.01889141433532773231e6,
];
/**
 * Taylor series about 2: log Gamma(2 + t) = (1 - gamma) t + sum_{k>=2} (-1)^k (zeta(k) - 1)/k t^k
 * (Abramowitz & Stegun 6.1.33 shifted by log Gamma(2 + t) = log Gamma(1 + t) + log1p(t)).
 * Radius 2; used for -1/2 <= t < 0 where 28 terms reach 1e-19. Coefficients from mpmath.
 */
const ONE_MINUS_EULER = 0.42278433509846713;
const ZS = [
  0.3224670334241132, -0.0673523010531981, 0.020580808427784546, -0.007385551028673986, 0.0028905103307415234,
  -0.001192753911703261, 0.0005096695247430425, -0.00022315475845357939, 9.945751278180853e-5,
  -4.492623673813314e-5, 2.050721277567069e-5, -9.439488275268397e-6, 4.374866789907488e-6, -2.039215753801366e-6,
  9.55141213040742e-7, -4.492469198764566e-7, 2.1207184805554665e-7, -1.0043224823968099e-7, 4.7698101693639804e-8,
  -2.2711094608943164e-8, 1.0838659214896955e-8, -5.183475041970047e-9, 2.4836745438024785e-9,
  -1.1921401405860912e-9, 5.731367241678862e-10, -2.7595228851242334e-10, 1.330476437424449e-10,
  -6.4229645638381e-11,
];
/** log(sqrt(2 pi)). */
const LS2PI = 0.91893853320467274178;
/** Euler-Mascheroni constant. */
const EULER = 0.5772156649015329;
/** Gamma(x) overflows double precision above this. */
const MAXGAM = 171.62437695630272;

/**
 * Stirling's series for log Gamma(x) - [(x - 1/2) log x - x + log sqrt(2 pi)]:
 * sum_k B_{2k} / (2k (2k-1) x^{2k-1}), k = 1..8. At x >= 13 the omitted term is < 1e-20.
 */
export function stirlingCorrection(x: number): number {
  const z = 1 / (x * x);
  // B2/2, B4/12, B6/30, B8/56, B10/90, B12/132, B14/182, B16/240
  return (
    (0.08333333333333333 +
      z *
        (-0.002777777777777778 +
          z *
            (7.936507936507937e-4 +
              z *
                (-5.952380952380953e-4 +
                  z *
                    (8.417508417508417e-4 +
                      z * (-0.0019175269175269176 + z * (0.00641025641025641 + z * -0.029550653594771242))))))) /
    x
  );
}

function polyB(t: number): number {
  return ((((LB[0] * t + LB[1]) * t + LB[2]) * t + LB[3]) * t + LB[4]) * t + LB[5];
}
function polyC(t: number): number {
  return (((((t + LC[0]) * t + LC[1]) * t + LC[2]) * t + LC[3]) * t + LC[4]) * t + LC[5];
}

/** log Gamma(u) for 2 <= u < 3. */
function logGamma23(u: number): number {
  const t = u - 2; // exact
  return (t * polyB(t)) / polyC(t);
}

/** log Gamma(2 + t) for -1/2 <= t < 1, with t exact: relative precision at the zero t = 0. */
function logGamma2PlusT(t: number): number {
  if (t >= 0) return (t * polyB(t)) / polyC(t);
  let s = ZS[ZS.length - 1];
  for (let i = ZS.length - 2; i >= 0; i--) s = s * t + ZS[i];
  return t * (ONE_MINUS_EULER + t * s);
}

/**
 * The natural logarithm of the gamma function, log Gamma(x), for x > 0: a few ulps relative
 * everywhere, including next to the zeros x = 1 and x = 2 (exactly 0 there).
 * logGamma(+Infinity) = +Infinity.
 *
 * @throws InvalidInputError('x') for NaN, x <= 0 or -Infinity.
 */
export function logGamma(x: number): number {
  if (typeof x !== 'number' || !(x > 0)) {
    throw new InvalidInputError('x', x !== x ? 'must not be NaN' : 'must be > 0', x);
  }
  if (x === Infinity) return Infinity;
  if (x >= 13) {
    // (x - 1/2) log x - x overflows only when the true value does (x > 2.55e305).
    const lx = Math.log(x);
    if (x > 1e17) return x * (lx - 1); // the other terms are below half an ulp
    return (x - 0.5) * lx - x + LS2PI + stirlingCorrection(x);
  }
  if (x < 1e-17) {
    // log Gamma(x) = -log x - gamma x + O(x^2); the linear term is below the ulp.
    return -Math.log(x);
  }
  // Near the zeros x = 1 and x = 2 work with t = x - 1 or x - 2, which are exact (Cephes
  // shifts x + 1 instead, and that rounding costs relative precision near the zeros).
  if (x < 0.5) return logGamma2PlusT(x) - Math.log1p(x) - Math.log(x); // Gamma(x) = Gamma(2+x)/(x(1+x))
  if (x < 1.5) return logGamma2PlusT(x - 1) - Math.log1p(x - 1);
  if (x < 3) return logGamma2PlusT(x - 2);
  // Shift down into [2, 3): Gamma(x) = Gamma(u) * z; every u is exact.
  let z = 1;
  let u = x;
  while (u >= 3) {
    u -= 1;
    z *= u;
  }
  return Math.log(z) + logGamma23(u);
}

/** sin(pi x) with exact argument reduction (x - round(x) is exact). */
function sinPi(x: number): number {
  const n = Math.round(x);
  const r = x - n; // |r| <= 1/2, exact
  const s = Math.sin(Math.PI * r);
  return n % 2 === 0 ? s : -s;
}

/** Gamma(x) for x > 0. */
function gammaPositive(x: number): number {
  if (x > MAXGAM) return Infinity;
  if (x >= 30) {
    // Stirling: Gamma(x) = sqrt(2 pi) x^(x - 1/2) e^-x exp(corr(x)); x^(x-1/2) as a square of
    // x^(x/2 - 1/4) so that nothing overflows before the true value does (Cephes stirf).
    // x/2 - 1/4 is exact for x >= 1.
    const v = Math.pow(x, 0.5 * x - 0.25);
    // e^-x and e^corr separately: rounding corr - x would cost ulp(x) absolute in the exponent.
    const w = Math.exp(-x) * Math.exp(stirlingCorrection(x));
    return 2.5066282746310002 * v * (v * w);
  }
  if (x < 1e-17) return 1 / x - EULER;
  let z = 1;
  let u = x;
  while (u >= 3) {
    u -= 1;
    z *= u;
  }
  while (u < 2) {
    z /= u;
    u += 1;
  }
  if (u === 2) return z;
  return z * Math.exp(logGamma23(u));
}

/**
 * The gamma function Gamma(x) for real x other than 0 and the negative integers, with
 * Euler's reflection Gamma(x) = pi / (sin(pi x) Gamma(1 - x)) for x < 0. Overflows to
 * +Infinity above x ~ 171.62 (gamma(+Infinity) = +Infinity) and underflows towards 0 for very
 * negative non-integers.
 *
 * @throws InvalidInputError('x') for NaN, -Infinity, 0 and negative integers (the poles).
 */
export function gamma(x: number): number {
  if (typeof x !== 'number' || x !== x) throw new InvalidInputError('x', 'must not be NaN', x);
  if (x > 0) return gammaPositive(x);
  if (x === 0 || Number.isInteger(x) || x === -Infinity) {
    throw new InvalidInputError('x', 'must not be 0 or a negative integer (a pole of gamma)', x);
  }
  // For x < -170 Gamma(1 - x) overflows while the answer is tiny: divide by the factors of
  // Gamma(y) = (y-1) Gamma(y-1) one at a time first.
  let r = Math.PI / sinPi(x);
  let y = 1 - x;
  while (y > 170) {
    y -= 1;
    r /= y;
  }
  return r / gammaPositive(y);
}
