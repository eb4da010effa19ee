/**
 * Let's Be Rational (P. Jäckel, Wilmott 2015, revised 2016): the implied normalised volatility
 * s = σ√T from a normalised Black price β = price/√(FK) to full double precision with at most two
 * Householder(3) iterations.
 *
 * After mapping in-the-money to out-of-the-money (β -= intrinsic, θ → -θ) and puts to calls
 * (x → -x), x = ln(F/K) ≤ 0 and β ∈ (0, b_max = e^{x/2}). The points s_c = √(2|x|) (inflexion),
 * s_l = s_c - b_c/b'_c and s_u = s_c + (b_max - b_c)/b'_c split the β axis into four zones
 * (section 4):
 *   [0, b_l)      lower zone:  rational cubic in f = (2π/√27)|x|·Φ(-|x|/(√3 s))³ (eq. 4.36-4.38),
 *                objective g(s) = 1/ln b(s) - 1/ln β;
 *   [b_l, b_c)    rational cubic of s(β) through (b_l, s_l), (b_c, s_c) with slopes 1/b';
 *   [b_c, b_u]    rational cubic through (b_c, s_c), (b_u, s_u); both middle zones use g(s) = b(s) - β;
 *   (b_u, b_max)  upper zone: rational cubic in f = Φ(-s/2) (eq. 4.42-4.44), objective
 *                g(s) = ln((b_max - β)/(b_max - b(s))) when β > b_max/2.
 * Each step is Householder(3): s += ν·(1 + ν·h₂/2)/(1 + ν·(h₂ + ν·h₃/6)), ν = -g/g', hₖ = g^(k)/g'
 * (fourth order for the extreme |x| > 190 / 580 ends, as in Jäckel's 2023 update).
 */
import { erfcx, normCdf, normInv, normPdf } from '@quantforge/core';
import { lnNormalisedVega, normalisedBlackCall, normalisedBlackCallOverVega, normalisedIntrinsic, normalisedVega } from '@quantforge/pricing';
import {
  convexRationalCubicControlParameterToFitSecondDerivativeAtLeftSide,
  convexRationalCubicControlParameterToFitSecondDerivativeAtRightSide,
  rationalCubicInterpolation,
} from './rational-cubic';

const DBL_EPSILON = Number.EPSILON;
const DBL_MAX = Number.MAX_VALUE;
const DBL_MIN = 2.2250738585072014e-308;
const SQRT_PI_OVER_TWO = 1.253314137315500251207882642405522626503493370305;
const TWO_PI = 6.283185307179586476925286766559005768394338798750;
const SQRT_THREE = 1.732050807568877293527446341505872366942805253810;
const SQRT_ONE_OVER_THREE = 0.577350269189625764509148780501957455647601751270;
const TWO_PI_OVER_SQRT_TWENTY_SEVEN = 1.209199576156145233729385505094770488189377498728;
const SQRT_THREE_OVER_THIRD_ROOT_TWO_PI = 0.938643487427383566075051356115075878414688769574;
const PI_OVER_SIX = 0.523598775598298873077107230546583814032861566563;
const SQRT_DBL_MAX = Math.sqrt(DBL_MAX);
const ONE_OVER_SQRT_TWO = Math.SQRT1_2;
const TWO_OVER_SQRT_TWO_PI = 0.7978845608028653558798921198687637369517172623298;

/** The iteration limit of the paper: two Householder(3) steps reach full precision. */
export const MAXIMUM_ITERATIONS = 2;

let lastIterationCount = 0;

/**
 * Debug counter, not part of the public API: the number of Householder iterations taken by the
 * most recent call of {@link normalisedImpliedVolatility} (0 when the answer was exact without
 * iterating, e.g. at the intrinsic value).
 */
export function lastIterations(): number {
  return lastIterationCount;
}

function householder3Factor(nu: number, h2: number, h3: number): number {
  return (1 + 0.5 * h2 * nu) / (1 + nu * (h2 + (h3 * nu) / 6));
}

function householder4Factor(nu: number, h2: number, h3: number, h4: number): number {
  return (1 + nu * (h2 + (nu * h3) / 6)) / (1 + nu * (1.5 * h2 + nu * ((h2 * h2) / 4 + h3 / 3 + (nu * h4) / 24)));
}

/** f(s) = (2π/√27)·|x|·Φ(-|x|/(√3·s))³ and its first two derivatives with respect to b (eq. 4.36). */
function lowerMap(x: number, s: number, out: Float64Array): void {
  const ax = Math.abs(x);
  const z = (SQRT_ONE_OVER_THREE * ax) / s;
  const y = z * z;
  const s2 = s * s;
  const Phi = normCdf(-z);
  const phi = normPdf(z);
  out[2] =
    ((PI_OVER_SIX * y) / (s2 * s)) * Phi * (8 * SQRT_THREE * s * ax + ((3 * s2 * (s2 - 8) - 8 * x * x) * Phi) / phi) * Math.exp(2 * y + 0.25 * s2);
  if (s <= 0) {
    out[1] = 1;
    out[0] = 0;
  } else {
    const Phi2 = Phi * Phi;
    out[1] = TWO_PI * y * Phi2 * Math.exp(y + 0.125 * s * s);
    out[0] = x === 0 ? 0 : TWO_PI_OVER_SQRT_TWENTY_SEVEN * ax * (Phi2 * Phi);
  }
}

/** Inverse of the lower map (eq. 4.38): s = |x|/(√3·Φ⁻¹((√27 f/(2π|x|))^{1/3})). */
function inverseLowerMap(x: number, f: number): number {
  if (f <= 0) return 0;
  return Math.abs(x / (SQRT_THREE * normInv((SQRT_THREE_OVER_THIRD_ROOT_TWO_PI * Math.cbrt(f)) / Math.cbrt(Math.abs(x)))));
}

/** f(s) = Φ(-s/2) and its first two derivatives with respect to b (eq. 4.42). */
function upperMap(x: number, s: number, out: Float64Array): void {
  out[0] = normCdf(-0.5 * s);
  if (x === 0) {
    out[1] = -0.5;
    out[2] = 0;
  } else {
    const w = (x / s) * (x / s);
    out[1] = -0.5 * Math.exp(0.5 * w);
    out[2] = (SQRT_PI_OVER_TWO * Math.exp(w + 0.125 * s * s) * w) / s;
  }
}

function inverseUpperMap(f: number): number {
  return -2 * normInv(f);
}

const mapScratch = new Float64Array(3);

/**
 * The implied normalised volatility s for β = price/√(FK), x = ln(F/K), θ = ±1, without bound
 * checks: β must lie in [intrinsic, b_max). Returns 0 when β equals the intrinsic value (Jäckel's
 * convention) and DBL_MAX when β ≥ b_max. `maxIterations` is for tests only.
 */
export function normalisedImpliedVolatility(beta: number, x: number, theta: number, maxIterations = MAXIMUM_ITERATIONS): number {
  lastIterationCount = 0;
  // Subtract intrinsic (in the money → out of the money).
  if (theta * x > 0) {
    beta = Math.abs(Math.max(beta - normalisedIntrinsic(x, theta), 0));
    theta = -theta;
  }
  // Map puts to calls.
  if (theta < 0) x = -x;
  if (beta <= 0) return 0;
  const bMax = Math.exp(0.5 * x);
  if (beta >= bMax) return DBL_MAX;
  const N = maxIterations;
  let iterations = 0;
  let f = -DBL_MAX;
  let s = -DBL_MAX;
  let ds = -DBL_MAX;
  let sLeft = DBL_MIN;
  let sRight = DBL_MAX;
  const sC = Math.sqrt(Math.abs(2 * x));
  const bC = normalisedBlackCall(x, sC);
  const vC = normalisedVega(x, sC);

  if (beta < bC) {
    const sL = sC - bC / vC;
    const bL = normalisedBlackCall(x, sL);
    if (beta < bL) {
      // Lowest zone: rational cubic in the transformed variable f, then g(s) = 1/ln b - 1/ln β.
      lowerMap(x, sL, mapScratch);
      const fL = mapScratch[0];
      const dfL = mapScratch[1];
      const d2fL = mapScratch[2];
      const rLL = convexRationalCubicControlParameterToFitSecondDerivativeAtRightSide(0, bL, 0, fL, 1, dfL, d2fL, true);
      f = rationalCubicInterpolation(beta, 0, bL, 0, fL, 1, dfL, rLL);
      if (!(f > 0)) {
        // Roundoff for extreme |x|: quadratic through f(0) = 0, f'(0) = 1 and f(b_l).
        const t = beta / bL;
        f = (fL * t + bL * (1 - t)) * t;
      }
      s = inverseLowerMap(x, f);
      sRight = sL;
      const lnBeta = Math.log(beta);
      for (; iterations < N && Math.abs(ds) > DBL_EPSILON * s; ++iterations) {
        const lnVega = lnNormalisedVega(x, s);
        const bx = normalisedBlackCallOverVega(x, s, lnVega); // b/b'
        const lnB = Math.log(bx) + lnVega;
        const bpob = 1 / bx; // b'/b
        const h = x / s;
        const bH2 = (h * h) / s - s / 4; // b''/b'
        const nu = ((lnBeta - lnB) * lnB) / lnBeta / bpob;
        const lambda = 1 / lnB;
        const otlambda = 1 + 2 * lambda;
        const h2 = bH2 - bpob * otlambda;
        const c = 3 * (h / s) * (h / s);
        const bH3 = bH2 * bH2 - c - 0.25; // b'''/b'
        const sqBpob = bpob * bpob;
        const bppob = bH2 * bpob; // b''/b
        const mu = 6 * lambda * (1 + lambda);
        const h3 = bH3 + sqBpob * (2 + mu) - bppob * 3 * otlambda;
        if (x < -190) {
          const h4 =
            bH2 * (bH3 - 0.5) -
            (bH2 - 2 / s) * 2 * c -
            bpob * (sqBpob * (6 + lambda * (22 + lambda * (36 + lambda * 24))) - bppob * (12 + 6 * mu)) -
            bppob * bH2 * 3 * otlambda -
            bH3 * bpob * 4 * otlambda;
          ds = nu * householder4Factor(nu, h2, h3, h4);
        } else {
          ds = nu * householder3Factor(nu, h2, h3);
        }
        const next = Math.max(sLeft, Math.min(sRight, s + ds)); // never leave the bracket
        ds = next - s;
        s = next;
      }
      lastIterationCount = iterations;
      return s;
    }
    const vL = normalisedVega(x, sL);
    const rLM = convexRationalCubicControlParameterToFitSecondDerivativeAtRightSide(bL, bC, sL, sC, 1 / vL, 1 / vC, 0, false);
    s = rationalCubicInterpolation(beta, bL, bC, sL, sC, 1 / vL, 1 / vC, rLM);
    sLeft = sL;
    sRight = sC;
  } else {
    const sU = vC > DBL_MIN ? sC + (bMax - bC) / vC : sC;
    const bU = normalisedBlackCall(x, sU);
    if (beta <= bU) {
      const vU = normalisedVega(x, sU);
      const rUM = convexRationalCubicControlParameterToFitSecondDerivativeAtLeftSide(bC, bU, sC, sU, 1 / vC, 1 / vU, 0, false);
      s = rationalCubicInterpolation(beta, bC, bU, sC, sU, 1 / vC, 1 / vU, rUM);
      sLeft = sC;
      sRight = sU;
    } else {
      // Upper zone: rational cubic in f = Φ(-s/2).
      upperMap(x, sU, mapScratch);
      const fU = mapScratch[0];
      const dfU = mapScratch[1];
      const d2fU = mapScratch[2];
      if (d2fU > -SQRT_DBL_MAX && d2fU < SQRT_DBL_MAX) {
        const rUU = convexRationalCubicControlParameterToFitSecondDerivativeAtLeftSide(bU, bMax, fU, 0, dfU, -0.5, d2fU, true);
        f = rationalCubicInterpolation(beta, bU, bMax, fU, 0, dfU, -0.5, rUU);
      }
      if (f <= 0) {
        // Quadratic through f(b_u), f(b_max) = 0 and f'(b_max) = -1/2.
        const hh = bMax - bU;
        const t = (beta - bU) / hh;
        f = (fU * (1 - t) + 0.5 * hh * t) * (1 - t);
      }
      s = inverseUpperMap(f);
      sLeft = sU;
      if (beta > 0.5 * bMax) {
        // g(s) = ln((b_max - β)/(b_max - b(s))), with b_max - b computed without cancellation.
        const betaBar = bMax - beta;
        for (; iterations < N && Math.abs(ds) > DBL_EPSILON * s; ++iterations) {
          const h = x / s;
          const t = s / 2;
          const gp = TWO_OVER_SQRT_TWO_PI / (erfcx((t + h) * ONE_OVER_SQRT_TWO) + erfcx((t - h) * ONE_OVER_SQRT_TWO)); // b'/b̄
          const bBar = normalisedVega(x, s) / gp;
          const g = Math.log(betaBar / bBar);
          const bH2 = (h * h) / s - s / 4;
          const c = 3 * (h / s) * (h / s);
          const bH3 = bH2 * bH2 - c - 0.25;
          const nu = -g / gp;
          const h2 = bH2 + gp;
          const h3 = bH3 + gp * (2 * gp + 3 * bH2);
          if (x < -580) {
            const h4 = bH2 * (bH3 - 0.5) - (bH2 - 2 / s) * 2 * c + gp * (6 * gp * (gp + 2 * bH2) + 3 * bH2 * bH2 + 4 * bH3);
            ds = nu * householder4Factor(nu, h2, h3, h4);
          } else {
            ds = nu * householder3Factor(nu, h2, h3);
          }
          const next = Math.max(sLeft, Math.min(sRight, s + ds));
          ds = next - s;
          s = next;
        }
        lastIterationCount = iterations;
        return s;
      }
    }
  }
  // Middle zones (and the upper zone for β ≤ b_max/2): g(s) = b(s) - β, h₂ = x²/s³ - s/4,
  // h₃ = h₂² - 3x²/s⁴ - 1/4.
  for (; iterations < N && Math.abs(ds) > DBL_EPSILON * s; ++iterations) {
    const b = normalisedBlackCall(x, s);
    const bp = normalisedVega(x, s);
    const nu = (beta - b) / bp;
    const h = x / s;
    const h2 = (h * h) / s - s / 4;
    const h3 = h2 * h2 - 3 * (h / s) * (h / s) - 0.25;
    ds = nu * householder3Factor(nu, h2, h3);
    const next = Math.max(sLeft, Math.min(sRight, s + ds));
    ds = next - s;
    s = next;
  }
  lastIterationCount = iterations;
  return s;
}
