/**
 * The chi-square distribution with k > 0 degrees of freedom (k need not be an integer):
 * F(x; k) = P(k/2, x/2), the regularized lower incomplete gamma function.
 */
import { ConvergenceError, InvalidInputError } from '../errors/errors';
import { gammaDensity, regularizedGammaP, regularizedGammaQ } from '../special/incomplete-gamma';
import { logGamma } from '../special/gamma';
import { normInv } from './normal';

function requireDof(k: number): number {
  if (typeof k !== 'number' || Number.isNaN(k)) throw new InvalidInputError('k', 'must be a number', k);
  if (!(k > 0) || !Number.isFinite(k)) throw new InvalidInputError('k', 'must be finite and > 0', k);
  return k;
}

function requireX(x: number): number {
  if (typeof x !== 'number' || Number.isNaN(x)) throw new InvalidInputError('x', 'must be a number (not NaN)', x);
  return x;
}

/** Chi-square CDF P(X <= x) = P(k/2, x/2); 0 for x <= 0, 1 at +∞. Full double precision. */
export function chiSquareCdf(x: number, k: number): number {
  requireX(x);
  requireDof(k);
  if (x <= 0) return 0;
  return regularizedGammaP(k / 2, x / 2);
}

/**
 * Chi-square survival function P(X > x) = Q(k/2, x/2), computed directly so the right tail keeps
 * relative precision (e.g. chiSquareSf(1000, 10) ≈ 1.3e-208); 1 for x <= 0.
 */
export function chiSquareSf(x: number, k: number): number {
  requireX(x);
  requireDof(k);
  if (x <= 0) return 1;
  return regularizedGammaQ(k / 2, x / 2);
}

/** Chi-square density x^{k/2−1} e^{−x/2} / (2^{k/2} Γ(k/2)); 0 for x < 0. */
export function chiSquarePdf(x: number, k: number): number {
  requireX(x);
  requireDof(k);
  if (x < 0 || x === Infinity) return 0;
  if (x === 0) return k < 2 ? Infinity : k === 2 ? 0.5 : 0;
  return gammaDensity(k / 2, x / 2) / 2;
}

/**
 * Solves P(a, y) = p (lower = true) or Q(a, y) = q (lower = false) for y by Newton's method on
 * s = log y applied to log P (or log Q), which is close to linear in s in both tails, safeguarded
 * by a bracket (bisection in s when a step leaves it). Start: Wilson-Hilferty, or the small-y
 * series y ≈ (p Γ(a+1))^{1/a} in the lower tail.
 */
function gammaInv(a: number, target: number, lower: boolean): number {
  const logT = Math.log(target);
  const z = lower ? normInv(target) : -normInv(target);
  const wh = a * Math.pow(1 - 1 / (9 * a) + z / (3 * Math.sqrt(a)), 3);
  let s: number;
  if (lower) {
    const logSmall = (logT + logGamma(a + 1)) / a;
    s = a < 1 || !(wh > 0) || Math.exp(logSmall) < 0.3 * a ? logSmall : Math.log(wh);
  } else {
    // Q(a, y) ~ y^{a-1} e^{-y}/Γ(a) for large y
    const l = -logT - logGamma(a);
    const tail = l + (a - 1) * Math.log(Math.max(l, 1));
    s = wh > 0 && (a >= 1 || target > 0.1) ? Math.log(wh) : Math.log(Math.max(tail, 1e-3));
  }
  if (!Number.isFinite(s)) s = Math.log(a);
  let lo = -Infinity;
  let hi = Infinity;
  for (let it = 0; it < 300; it++) {
    const y = Math.exp(s);
    const v = lower ? regularizedGammaP(a, y) : regularizedGammaQ(a, y);
    // g(s) = log v − log target, increasing in s for P, decreasing for Q
    const g = Math.log(v) - logT;
    if (g === 0) return y;
    const increasingSide = lower ? g < 0 : g > 0; // the root lies at larger s
    if (increasingSide) lo = s;
    else hi = s;
    const slope = ((lower ? 1 : -1) * y * gammaDensity(a, y)) / v;
    let next = s - g / slope;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) {
      if (hi === Infinity) next = s + Math.max(1, Math.abs(s));
      else if (lo === -Infinity) next = s - Math.max(1, Math.abs(s));
      else next = 0.5 * (lo + hi);
    }
    if (Math.abs(next - s) <= 1e-16 * Math.max(1, Math.abs(s)) || hi - lo <= 1e-16 * Math.max(1, Math.abs(s))) {
      return Math.exp(next);
    }
    s = next;
  }
  throw new ConvergenceError(`chiSquareInv: no convergence for a=${a}, target=${target}`, 300, 2 * Math.exp(s));
}

/**
 * Chi-square quantile: the x with chiSquareCdf(x, k) = p. p in [0, 1] (0 → 0, 1 → +∞).
 * Relative error ~1e-14 against 50-digit mpmath (limited by the conditioning of P near the answer).
 * Use {@link chiSquareIsf} for upper-tail probabilities below ~1e-3 to keep their precision.
 */
export function chiSquareInv(p: number, k: number): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new InvalidInputError('p', 'must be in [0, 1]', p);
  requireDof(k);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const a = k / 2;
  return 2 * (p <= 0.5 ? gammaInv(a, p, true) : gammaInv(a, 1 - p, false));
}

/** Inverse survival function: the x with chiSquareSf(x, k) = q, q in [0, 1]. */
export function chiSquareIsf(q: number, k: number): number {
  if (typeof q !== 'number' || !(q >= 0 && q <= 1)) throw new InvalidInputError('q', 'must be in [0, 1]', q);
  requireDof(k);
  if (q === 1) return 0;
  if (q === 0) return Infinity;
  const a = k / 2;
  return 2 * (q <= 0.5 ? gammaInv(a, q, false) : gammaInv(a, 1 - q, true));
}
