import { brent, normCdf, normPdf } from '@quantforge/core';
import { ChebyshevInterpolation } from './chebyshev';

/**
 * The QD+ approximation of the American put exercise boundary (Li 2005, "Analytical
 * approximations for the critical stock prices of American options: a performance comparison",
 * Review of Derivatives Research 13; the form used by Andersen, Lake & Offengenden 2016, eq. (19)),
 * solved by Halley's method from x_max as QuantLib 1.29's QdPlusAmericanEngine
 * (ql/pricingengines/vanilla/qdplusamericanengine.cpp, QdPlusBoundaryEvaluator and
 * putExerciseBoundaryAtTau), with a Brent fallback when Halley does not settle.
 *
 * The coefficients are written with k = r/(1 - e^{-rτ}) (-> 1/τ as r -> 0) instead of QuantLib's
 * r/(1 - dr) and alpha/(r·dr) products, which is algebraically identical for r != 0 and stays
 * finite at r = 0 (QuantLib divides 0/0 there).
 */

const EPSILON = 2.220446049250313e-16;

/** QuantLib's close_enough(x, y) with n = 42 ulps. */
export function closeEnough(x: number, y: number): boolean {
  if (x === y) return true;
  const diff = Math.abs(x - y);
  const tol = 42 * EPSILON;
  if (x === 0 || y === 0) return diff < tol * tol;
  return diff <= tol * Math.abs(x) || diff <= tol * Math.abs(y);
}

/**
 * The put boundary limit as τ -> 0: K·min(1, r/q) for q > 0 (QuantLib's xMax), K for q <= 0 (the
 * running yield rK - qS of an exercised put is then positive for every S; QuantLib's formula
 * would give a negative bound there).
 */
export function putXMax(K: number, r: number, q: number): number {
  return q > 0 ? K * Math.min(1, r / q) : K;
}

/** The QD+ boundary equation at one τ, its first and second derivative in S (QuantLib's evaluator). */
class QdPlusBoundaryEvaluator {
  readonly xMin: number;
  readonly xMax: number;
  evaluations = 0;
  private readonly v: number;
  private readonly dr: number;
  private readonly dq: number;
  private readonly lambda: number;
  private readonly beta: number;
  /** alpha / (r·dr) = 2 / (σ²(2λ + ω - 1)). */
  private readonly a: number;
  private sc = NaN;
  private dp = 0;
  private dm = 0;
  private PhiDp = 0;
  private phiDp = 0;
  private npv = 0;
  private theta = 0;
  private charm = 0;

  constructor(
    S: number,
    private readonly K: number,
    private readonly r: number,
    private readonly q: number,
    private readonly sigma: number,
    private readonly tau: number,
  ) {
    const sigma2 = sigma * sigma;
    this.v = sigma * Math.sqrt(tau);
    this.dr = Math.exp(-r * tau);
    this.dq = Math.exp(-q * tau);
    const omega = (2 * (r - q)) / sigma2;
    const oneMinusDr = -Math.expm1(-r * tau);
    const k = r * tau === 0 ? 1 / tau : r / oneMinusDr;
    const sq = Math.sqrt((omega - 1) * (omega - 1) + (8 * k) / sigma2);
    this.lambda = 0.5 * (-(omega - 1) - sq);
    const den = 2 * this.lambda + omega - 1;
    this.a = 2 / (sigma2 * den);
    // beta = alpha (1/(1-dr) + lambda'/(2 lambda + omega - 1)) - lambda, with
    // alpha/(1-dr) = dr k a and alpha lambda' = 2 dr k^2 a / (sigma^2 sq).
    this.beta = this.dr * k * this.a + (2 * this.dr * k * k * this.a) / (sigma2 * sq * den) - this.lambda;
    this.xMax = putXMax(K, r, q);
    this.xMin = EPSILON * 1e4 * Math.min(0.5 * (K + S), this.xMax);
  }

  private preCalculate(S: number): void {
    S = Math.max(EPSILON, S);
    this.sc = S;
    const { v, dq, dr, K, r, q, sigma, tau } = this;
    this.dp = Math.log((S * dq) / (K * dr)) / v + 0.5 * v;
    this.dm = this.dp - v;
    this.PhiDp = normCdf(-this.dp);
    const PhiDm = normCdf(-this.dm);
    this.phiDp = normPdf(this.dp);
    this.npv = dr * K * PhiDm - S * dq * this.PhiDp;
    this.theta = r * K * dr * PhiDm - q * S * dq * this.PhiDp - ((sigma * sigma * S) / (2 * v)) * dq * this.phiDp;
    this.charm = -dq * (this.phiDp * ((r - q) / v - this.dm / (2 * tau)) + q * this.PhiDp);
  }

  value(S: number): number {
    this.evaluations++;
    if (S !== this.sc) this.preCalculate(S);
    const { K, npv, dq, PhiDp, a, theta, beta, lambda } = this;
    if (closeEnough(K - S, npv)) return (1 - dq * PhiDp) * S + a * theta;
    const c0 = -beta - lambda + (a * theta) / (K - S - npv);
    return (1 - dq * PhiDp) * S + (lambda + c0) * (K - S - npv);
  }

  derivative(S: number): number {
    if (S !== this.sc) this.preCalculate(S);
    const { dq, PhiDp, phiDp, v, beta, a, charm } = this;
    return 1 - dq * PhiDp + (dq / v) * phiDp + beta * (1 - dq * PhiDp) + a * charm;
  }

  secondDerivative(S: number): number {
    if (S !== this.sc) this.preCalculate(S);
    const { dq, phiDp, v, dp, dm, beta, a, r, q, tau } = this;
    const gamma = (phiDp * dq) / (v * S);
    const colour = gamma * (q + ((r - q) * dp) / v + (1 - dp * dm) / (2 * tau));
    return dq * (phiDp / (S * v) - (phiDp * dp) / (S * v * v)) + beta * gamma + a * colour;
  }
}

/** Result of {@link qdPlusPutBoundaryAtTau}: the critical spot and the equation evaluations used. */
export interface QdPlusBoundaryPoint {
  evaluations: number;
  boundary: number;
}

/**
 * The QD+ put exercise boundary B(τ) for strike K (QuantLib's putExerciseBoundaryAtTau with the
 * Halley solver): Halley steps from x_max until |Δx| < eps/2 or maxIter evaluations, then Brent
 * on [x_min, x_max'] if the residual is not zero. `S` only sets x_min (a floor of ~2e-12·K).
 */
export function qdPlusPutBoundaryAtTau(
  S: number,
  K: number,
  r: number,
  q: number,
  vol: number,
  tau: number,
  eps = 1e-6,
  maxIter = 10,
): QdPlusBoundaryPoint {
  if (tau < EPSILON) return { evaluations: 0, boundary: putXMax(K, r, q) };
  const ev = new QdPlusBoundaryEvaluator(S, K, r, q, vol, tau);
  const xmin = ev.xMin;
  let x = ev.xMax;
  let fx = 0;
  let closeEnoughResult = false;
  do {
    const xOld = x;
    fx = ev.value(x);
    const fPrime = ev.derivative(x);
    const lf = (fx * ev.secondDerivative(x)) / (fPrime * fPrime);
    const step = ((1 / (1 - 0.5 * lf)) * fx) / fPrime;
    const next = Math.max(xmin, x - step);
    x = Number.isFinite(next) ? next : xmin;
    closeEnoughResult = Math.abs(x - xOld) < 0.5 * eps;
  } while (!closeEnoughResult && ev.evaluations < maxIter);

  if (!closeEnoughResult && Math.abs(fx) > 1e-14) {
    // QuantLib's buildInSolver: bracket [x_min, x_max'] widened by doubling, then Brent.
    const f = (s: number) => ev.value(s);
    const fxmin = f(xmin);
    let hi = Math.max(0.5 * (ev.xMax + S), ev.xMax);
    let tries = 0;
    while (f(hi) * fxmin > 0 && tries++ < 60) hi *= 2;
    if (f(hi) * fxmin <= 0) {
      try {
        x = brent(f, xmin, hi, { xTol: eps, maxIterations: 100 * maxIter }).root;
      } catch {
        // keep the Halley iterate
      }
    }
  }
  return { evaluations: ev.evaluations, boundary: Math.min(Math.max(x, xmin), ev.xMax) };
}

/**
 * The put exercise boundary of the QD+ approximation on n Chebyshev nodes in z = 2 sqrt(τ/T) - 1,
 * stored as y = (ln(B/x_max))² (QuantLib's getPutExerciseBoundary). B(τ) = x_max exp(-sqrt(y)).
 * `power` 4: nodes in z = 2 (τ/T)^{1/4} - 1 instead (the fixed-point engine's quartic variable).
 */
export function qdPlusPutBoundary(
  S: number,
  K: number,
  r: number,
  q: number,
  vol: number,
  T: number,
  n: number,
  eps: number,
  power: 2 | 4 = 2,
): ChebyshevInterpolation {
  const xmax = putXMax(K, r, q);
  const interp = new ChebyshevInterpolation(n);
  for (let i = 0; i < n; i++) {
    const z = interp.nodes[i]!;
    const h = 0.5 * (1 + z);
    const tau = power === 2 ? 0.25 * T * (1 + z) * (1 + z) : T * h * h * h * h;
    const b = qdPlusPutBoundaryAtTau(S, K, r, q, vol, tau, eps).boundary;
    const l = Math.log(b / xmax);
    interp.y[i] = l * l;
  }
  return interp;
}

/** B(τ) from the stored y(z): x_max exp(-sqrt(max(0, y))). */
export function boundaryAt(interp: ChebyshevInterpolation, xmax: number, T: number, tau: number): number {
  const z = 2 * Math.sqrt(Math.abs(tau) / T) - 1;
  return xmax * Math.exp(-Math.sqrt(Math.max(0, interp.value(z))));
}
