import { InvalidInputError, normCdf, normPdf } from '@quantforge/core';
import { bsPriceKernel } from '../../european/black-scholes';
import type { AmericanParams, EngineResult, ExerciseBoundary } from '../types';
import type { PremiumPoints } from './collocation-plan';
import type { Integrator } from './quadrature';

/**
 * What the QD+ and fixed-point engines share: the early-exercise premium integral on a given
 * put boundary (Kim 1990; Andersen, Lake & Offengenden 2016 eq. (4); QuantLib's
 * detail::QdPlusAddOnValue), its analytic spot derivatives, the edge cases and the put-call
 * symmetry of QuantLib's QdPutCallParityEngine: call(S, K, r, q) = put(K, S, q, r) (McDonald &
 * Schroder 1998).
 *
 * Premium, with t = z² (QuantLib integrates over z = sqrt(t) in [0, sqrt(T)]):
 *   e(S) = ∫_0^T [rK e^{-rt} Φ(-d₋) - qS e^{-qt} Φ(-d₊)] dt,  d± = (ln(S/B(T-t)) + (r-q)t)/(σ√t) ± σ√t/2.
 * The boundary B does not depend on S, so ∂e/∂S and ∂²e/∂S² are the integrals of the S-derivatives
 * (using S e^{-qt} φ(d₊) = B e^{-rt} φ(d₋)):
 *   ∂/∂S:  -q e^{-qt} Φ(-d₊) - e^{-rt} φ(d₋) (rK - qB) / (Sσ√t)
 *   ∂²/∂S²: [q e^{-qt} φ(d₊) + (rK - qB) e^{-rt} φ(d₋) (1/S + d₋/(Sσ√t))] / (Sσ√t)
 */

const EPSILON = 2.220446049250313e-16;

/** The put boundary B(τ) (time to expiry τ in [0, T]). */
export type PutBoundary = (tau: number) => number;

/** Price and spot derivatives of a put. */
export interface PutValue {
  price: number;
  delta: number;
  gamma: number;
}

/** The early-exercise premium e(S) and its first two S-derivatives on the boundary B. */
export function putPremium(
  S: number,
  K: number,
  r: number,
  q: number,
  vol: number,
  T: number,
  B: PutBoundary,
  integrator: Integrator,
): PutValue {
  const c = 2 / (S * vol);
  const integrand = (z: number, out: Float64Array): void => {
    const t = z * z;
    const b = B(T - t);
    const dr = Math.exp(-r * t);
    const dq = Math.exp(-q * t);
    const v = vol * z;
    if (v >= EPSILON) {
      if (b > EPSILON) {
        const dp = Math.log((S * dq) / (b * dr)) / v + 0.5 * v;
        const dm = dp - v;
        const PhiP = normCdf(-dp);
        const PhiM = normCdf(-dm);
        const phiM = normPdf(dm);
        const phiP = normPdf(dp);
        const carry = r * K - q * b;
        out[0] = 2 * z * (r * K * dr * PhiM - q * S * dq * PhiP);
        out[1] = -2 * z * q * dq * PhiP - c * dr * phiM * carry;
        out[2] = c * (q * dq * phiP + carry * dr * phiM * (1 / S + dm / (S * v)));
      } else {
        out[0] = out[1] = out[2] = 0;
      }
    } else {
      // t -> 0: the integrand's limit (QuantLib's branches); the greek terms vanish except at S = B.
      if (S * dq === b * dr || Math.abs(S * dq - b * dr) <= 42 * EPSILON * S) {
        out[0] = z * (r * K * dr - q * S * dq);
        out[1] = -c * dr * normPdf(0) * (r * K - q * b);
        out[2] = 0;
      } else if (b * dr > S * dq) {
        out[0] = 2 * z * (r * K * dr - q * S * dq);
        out[1] = out[2] = 0;
      } else {
        out[0] = out[1] = out[2] = 0;
      }
    }
  };
  const res = new Float64Array(3);
  integrator.integrate(integrand, 0, Math.sqrt(T), 3, res);
  return { price: res[0]!, delta: res[1]!, gamma: res[2]! };
}

/**
 * The boundary at the collocation nodes, stored as y_k = (ln(B/x_max))², with the premium's
 * precomputed quadrature points (see collocation-plan.ts): the premium then needs no
 * interpolation divisions and no logarithm per point.
 */
export interface PlannedPremium {
  points: PremiumPoints;
  xmax: number;
  /** y at the n + 1 Chebyshev nodes. */
  y: Float64Array;
  /** e^{-rt}, e^{-qt} per point of one (T, r, q), reused by repeated evaluations at other vols. */
  disc?: PremiumDiscounts;
}

/** Per-point discount factors of the premium for one (T, r, q) (they do not depend on the vol or y). */
export interface PremiumDiscounts {
  dr: Float64Array;
  dq: Float64Array;
  filled: boolean;
}

/** {@link putPremium} on precomputed points: same integrand, same limits. */
export function putPremiumPlanned(S: number, K: number, r: number, q: number, vol: number, T: number, plan: PlannedPremium): PutValue {
  const { points, xmax, y, disc } = plan;
  const { count, s: sv, w: wv, rows } = points;
  const cached = disc !== undefined && disc.filled;
  const size = y.length;
  const sqrtT = Math.sqrt(T);
  const c = 2 / (S * vol);
  const lnSx = Math.log(S / xmax);
  const phi0 = normPdf(0);
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  for (let j = 0; j < count; j++) {
    const off = j * size;
    let Y = 0;
    for (let k = 0; k < size; k++) Y += rows[off + k]! * y[k]!;
    const sq = Y > 0 ? Math.sqrt(Y) : 0;
    const b = xmax * Math.exp(-sq);
    const z = sqrtT * sv[j]!;
    const t = z * z;
    const dr = cached ? disc.dr[j]! : Math.exp(-r * t);
    const dq = cached ? disc.dq[j]! : Math.exp(-q * t);
    if (disc !== undefined && !cached) {
      disc.dr[j] = dr;
      disc.dq[j] = dq;
    }
    const v = vol * z;
    const wj = wv[j]! * sqrtT;
    if (v >= EPSILON) {
      if (b > EPSILON) {
        const dp = (lnSx + sq + (r - q) * t) / v + 0.5 * v;
        const dm = dp - v;
        const PhiP = normCdf(-dp);
        const PhiM = normCdf(-dm);
        const phiM = normPdf(dm);
        // S e^{-qt} φ(d₊) = B e^{-rt} φ(d₋).
        const phiP = (b * dr * phiM) / (S * dq);
        const carry = r * K - q * b;
        p0 += wj * 2 * z * (r * K * dr * PhiM - q * S * dq * PhiP);
        p1 += wj * (-2 * z * q * dq * PhiP - c * dr * phiM * carry);
        p2 += wj * c * (q * dq * phiP + carry * dr * phiM * (1 / S + dm / (S * v)));
      }
    } else if (S * dq === b * dr || Math.abs(S * dq - b * dr) <= 42 * EPSILON * S) {
      p0 += wj * z * (r * K * dr - q * S * dq);
      p1 += wj * -c * dr * phi0 * (r * K - q * b);
    } else if (b * dr > S * dq) {
      p0 += wj * 2 * z * (r * K * dr - q * S * dq);
    }
  }
  if (disc !== undefined) disc.filled = true;
  return { price: p0, delta: p1, gamma: p2 };
}

/** European put price, delta and gamma. */
export function europeanPut(S: number, K: number, r: number, q: number, vol: number, T: number): PutValue {
  const sd = vol * Math.sqrt(T);
  const price = bsPriceKernel(-1, S, K, T, r, q, vol);
  const d1 = (Math.log(S / K) + (r - q) * T) / sd + 0.5 * sd;
  const dq = Math.exp(-q * T);
  return { price, delta: -dq * normCdf(-d1), gamma: (dq * normPdf(d1)) / (S * sd) };
}

/** The put's Black-Scholes PDE theta (calendar time): θ = rV - (r-q)SΔ - ½σ²S²Γ. */
function pdeTheta(v: PutValue, S: number, r: number, q: number, vol: number): number {
  return r * v.price - (r - q) * S * v.delta - 0.5 * vol * vol * S * S * v.gamma;
}

/** Put coordinates of an American option by the put-call symmetry. */
export interface PutProblem {
  S: number;
  K: number;
  r: number;
  q: number;
  vol: number;
  T: number;
}

export function toPutProblem(p: AmericanParams): PutProblem {
  return p.w === -1
    ? { S: p.spot, K: p.strike, r: p.rate, q: p.dividendYield, vol: p.vol, T: p.expiry }
    : { S: p.strike, K: p.spot, r: p.dividendYield, q: p.rate, vol: p.vol, T: p.expiry };
}

/**
 * The put has no early-exercise region when r <= 0 and r <= q (QuantLib's
 * calculatePutWithEdgeCases): it is then European. We also treat rT < 1e-14 with q >= 0 as
 * European: the premium is at most ∫ rK e^{-rt} dt <= rKT < 1e-14·K, below double precision,
 * while the boundary itself (-> 0 as r -> 0) would be numerical noise.
 */
export function putIsEuropean(r: number, q: number, T: number): boolean {
  return (r <= 0 && r <= q) || (r * T < 1e-14 && q >= 0);
}

/**
 * q < r < 0 for a put (r < q < 0 for a call) has two exercise boundaries (Andersen & Lake 2021);
 * QuantLib's QdFpAmericanEngine rejects it, so do we.
 */
export function rejectDoubleBoundary(p: AmericanParams, method: string): void {
  const { r, q } = toPutProblem(p);
  if (r < 0 && q < r) {
    const which = p.w === -1 ? 'dividendYield < rate < 0 for a put' : 'rate < dividendYield < 0 for a call';
    throw new InvalidInputError(
      'rate',
      `the double-boundary case ${which} is not supported by method '${method}' (QuantLib's QdFpAmericanEngine rejects it too); use 'fd' or a tree`,
      p.rate,
    );
  }
}

/** Number of points of the boundary returned when asked for (τ_j = T (j/100)², j = 0..100). */
export const BOUNDARY_POINTS = 101;

/**
 * Assembles the engine result from a put boundary: the exercise region (S <= B(T): V = K - S,
 * Δ = -1, Γ = θ = 0), else European + max(0, premium) with analytic Δ, Γ and the PDE theta; maps a
 * call back through the symmetry (Δ_call = (P - S'Δ')/K', Γ_call = S'²Γ'/K'², θ unchanged, with
 * S' = strike, K' = spot: P is homogeneous of degree one in (S', K')), and samples the boundary.
 * `boundary` is undefined when the put is European.
 */
export function assembleResult(
  p: AmericanParams,
  pp: PutProblem,
  boundary: PutBoundary | undefined,
  premium: Integrator | PlannedPremium,
  wantBoundary: boolean,
  /** The premium and its S-derivatives when the caller has them already (fused with the greeks). */
  known?: PutValue,
): EngineResult {
  const { S, K, r, q, vol, T } = pp;
  let v: PutValue;
  let theta: number;
  if (boundary !== undefined && S <= boundary(T)) {
    v = { price: K - S, delta: -1, gamma: 0 };
    theta = 0;
  } else {
    const eu = europeanPut(S, K, r, q, vol, T);
    v = eu;
    if (boundary !== undefined) {
      const e = known !== undefined ? known : 'points' in premium ? putPremiumPlanned(S, K, r, q, vol, T, premium) : putPremium(S, K, r, q, vol, T, boundary, premium);
      if (e.price > 0) v = { price: eu.price + e.price, delta: eu.delta + e.delta, gamma: eu.gamma + e.gamma };
    }
    theta = pdeTheta(v, S, r, q, vol);
  }
  const result: EngineResult =
    p.w === -1
      ? { price: v.price, delta: v.delta, gamma: v.gamma, theta }
      : { price: v.price, delta: (v.price - S * v.delta) / K, gamma: (S * S * v.gamma) / (K * K), theta };
  if (wantBoundary) result.boundary = sampleBoundary(p, T, boundary);
  return result;
}

function sampleBoundary(p: AmericanParams, T: number, boundary: PutBoundary | undefined): ExerciseBoundary {
  const time = new Float64Array(BOUNDARY_POINTS);
  const spot = new Float64Array(BOUNDARY_POINTS);
  for (let j = 0; j < BOUNDARY_POINTS; j++) {
    const u = j / (BOUNDARY_POINTS - 1);
    const tau = j === BOUNDARY_POINTS - 1 ? T : T * u * u;
    time[j] = tau;
    const b = boundary === undefined ? 0 : boundary(tau);
    // Put: B itself. Call: B_call = K·S / B'(τ) (the put' has strike S; B' is linear in its strike).
    spot[j] = p.w === -1 ? b : b > 0 ? (p.strike * p.spot) / b : Infinity;
  }
  return { time, spot };
}
