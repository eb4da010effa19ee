import type { AmericanOptions, AmericanParams, EngineResult } from '../types';
import { premiumPoints } from './collocation-plan';
import { assembleResult, putIsEuropean, rejectDoubleBoundary, toPutProblem, type PlannedPremium, type PutBoundary } from './premium';
import { boundaryAt, putXMax, qdPlusPutBoundary } from './qd-plus-boundary';
import { TanhSinhIntegrator } from './quadrature';

/**
 * The QD+ American approximation (Li 2005; Andersen, Lake & Offengenden 2016 section 3) as
 * QuantLib 1.29's QdPlusAmericanEngine with its defaults: the QD+ put boundary on 8 Chebyshev
 * points in sqrt(τ) (Halley, eps = 1e-6), price = European + the early-exercise premium
 * integrated on that boundary. QuantLib integrates the premium by tanh-sinh to 1e-6; we integrate
 * far tighter so bumped greeks (vega, rho) are not polluted by quadrature noise. The price is an approximation: typically within ~1e-3 of the exact American price (ALO 2016 table 2).
 * The premium runs on fixed tanh-sinh points (levels 0..5, 207 points, precomputed with their
 * interpolation weights: collocation-plan.ts): ~1e-10 on the QD+ boundary, and a smooth function
 * of the inputs (no adaptive level switches).
 * Δ, Γ analytic on the fixed boundary, θ from the PDE; calls by put-call symmetry. Unlike
 * QuantLib (which requires r >= 0 and q >= 0) negative rates are handled like the fixed-point
 * engine: European when r <= 0 and r <= q, rejected in the double-boundary case.
 */

const QDPLUS_POINTS = 8;
const QDPLUS_EPS = 1e-6;
/** Passed when the put is European (no premium is integrated). */
const PREMIUM_POINTS_UNUSED = new TanhSinhIntegrator(0, 0);
const PREMIUM_POINTS = premiumPoints(new TanhSinhIntegrator(0, 5).rule()!, QDPLUS_POINTS - 1, 'z');

export function qdPlusEngine(p: AmericanParams, _o: AmericanOptions, wantBoundary: boolean): EngineResult {
  rejectDoubleBoundary(p, 'qdplus');
  const pp = toPutProblem(p);
  if (putIsEuropean(pp.r, pp.q, pp.T)) return assembleResult(p, pp, undefined, PREMIUM_POINTS_UNUSED, wantBoundary);
  const interp = qdPlusPutBoundary(pp.S, pp.K, pp.r, pp.q, pp.vol, pp.T, QDPLUS_POINTS, QDPLUS_EPS);
  const xmax = putXMax(pp.K, pp.r, pp.q);
  const B: PutBoundary = (tau) => boundaryAt(interp, xmax, pp.T, tau);
  const premium: PlannedPremium = { points: PREMIUM_POINTS, xmax, y: interp.y };
  return assembleResult(p, pp, B, premium, wantBoundary);
}
