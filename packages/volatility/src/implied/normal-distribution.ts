/**
 * The standard normal density, CDF and inverse CDF as used inside Let's Be Rational
 * (Jäckel 2015/2016): Φ(z) via Cody's erfc with the Abramowitz & Stegun 26.2.12 asymptotic
 * series for z ≤ -10, and Wichura's AS241 inverse (accurate to about 1e-16, used only for the
 * initial guesses, so its accuracy never limits the final result).
 */
import { erfcCody } from './cody-erf';

export const ONE_OVER_SQRT_TWO = 0.7071067811865475244008443621048490392848359376887;
export const ONE_OVER_SQRT_TWO_PI = 0.3989422804014326779399460599343818684758586311649;
export const SQRT_TWO_PI = 2.506628274631000502415765284811045253006986740610;
export const SQRT_PI_OVER_TWO = 1.253314137315500251207882642405522626503493370305;
export const DBL_EPSILON = Number.EPSILON;
export const DBL_MIN = 2.2250738585072014e-308;
export const DBL_MAX = Number.MAX_VALUE;

const ASYMPTOTIC_FIRST_THRESHOLD = -10;
const ASYMPTOTIC_SECOND_THRESHOLD = -1 / Math.sqrt(DBL_EPSILON);

/** φ(z) = exp(-z²/2)/√(2π). */
export function normPdfLocal(z: number): number {
  return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
}

/** Φ(z) to full relative precision in the lower tail. */
export function normCdfLocal(z: number): number {
  if (z <= ASYMPTOTIC_FIRST_THRESHOLD) {
    // Φ(z) = φ(z)/|z|·[1 - 1/z² + 3/z⁴ - ...] (A&S 26.2.12), summed until the terms stop shrinking.
    let sum = 1;
    if (z >= ASYMPTOTIC_SECOND_THRESHOLD) {
      const zsqr = z * z;
      let i = 1;
      let g = 1;
      let a = DBL_MAX;
      let lasta: number;
      do {
        lasta = a;
        const x = (4 * i - 3) / zsqr;
        const y = x * ((4 * i - 1) / zsqr);
        a = g * (x - y);
        sum -= a;
        g *= y;
        ++i;
        a = Math.abs(a);
      } while (lasta > a && a >= Math.abs(sum * DBL_EPSILON));
    }
    return (-normPdfLocal(z) * sum) / z;
  }
  return 0.5 * erfcCody(-z * ONE_OVER_SQRT_TWO);
}

// AS241 (Wichura 1988) coefficients.
const A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
] as const;
const B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
] as const;
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
] as const;
const D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
] as const;
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
] as const;
const F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
] as const;

function poly7(c: readonly number[], r: number): number {
  return ((((((c[7] * r + c[6]) * r + c[5]) * r + c[4]) * r + c[3]) * r + c[2]) * r + c[1]) * r + c[0];
}

/** Φ⁻¹(u), Wichura's AS241 (PPND16). Returns -∞ for u ≤ 0 and +∞ for u ≥ 1 (via log). */
export function inverseNormCdfLocal(u: number): number {
  if (u <= 0) return Math.log(u);
  if (u >= 1) return Math.log(1 - u);
  const q = u - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly7(A, r)) / poly7(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? u : 1 - u));
  let ret: number;
  if (r < 5) {
    r -= 1.6;
    ret = poly7(C, r) / poly7(D, r);
  } else {
    r -= 5;
    ret = poly7(E, r) / poly7(F, r);
  }
  return q < 0 ? -ret : ret;
}
