import { InvalidInputError, normCdf, normPdf } from '@quantforge/core';
import type { AmericanOptions, AmericanParams, EngineResult } from '../types';
import { ChebyshevInterpolation } from './chebyshev';
import { assembleResult, putIsEuropean, rejectDoubleBoundary, toPutProblem, type PutBoundary, type PutProblem } from './premium';
import { putXMax, qdPlusPutBoundary } from './qd-plus-boundary';
import { GaussLegendreIntegrator, TanhSinhIntegrator, type Integrator } from './quadrature';

/**
 * Andersen, Lake & Offengenden (2016), "High-performance American option pricing", Journal of
 * Computational Finance 20(1): the put exercise boundary B(τ) as the fixed point of
 * B = K e^{-(r-q)τ} N(τ, B)/D(τ, B) (their FP-A and FP-B forms), collocated at Chebyshev nodes in
 * sqrt(τ) on the transformed function y = (ln(B/x_max))², started from the QD+ boundary, one
 * Jacobi-Newton sweep then plain fixed-point sweeps; the price is European + the early-exercise
 * premium integrated on the boundary. A port of QuantLib 1.29's QdFpAmericanEngine
 * (ql/pricingengines/vanilla/qdfpamericanengine.cpp: DqFpEquation_A/_B, calculatePut) with its
 * schemes; calls by the put-call symmetry. Greeks: analytic Δ and Γ of the premium integral (the
 * boundary does not depend on S), θ from the Black-Scholes PDE (see premium.ts).
 */

const EPSILON = 2.220446049250313e-16;
const INV_SQRT_2PI = 0.3989422804014327;

/** An iteration scheme (QuantLib's QdFpIterationScheme). */
export interface FixedPointScheme {
  /** Collocation nodes n (the boundary is interpolated on n + 1 Chebyshev points incl. τ = 0). */
  nodes: number;
  /** Fixed-point sweeps m: one Jacobi-Newton sweep, then m - 1 plain sweeps. */
  iterations: number;
  /** Integrator inside each fixed-point evaluation. */
  fpIntegrator: Integrator;
  /** Integrator of the premium (boundary -> price). */
  priceIntegrator: Integrator;
  /** FP-B integrals in m = τ - u = τ(1+y)²/4 instead of u (our improvement; QuantLib: false). */
  substituteFpB?: boolean;
  /** Jacobi-Newton sweeps before the plain ones (QuantLib: 1). */
  newtonSweeps?: number;
}

/** QuantLib's QdFpLegendreScheme(l, m, n, p). */
export function legendreScheme(l: number, m: number, n: number, p: number): FixedPointScheme {
  return { nodes: n, iterations: m, fpIntegrator: new GaussLegendreIntegrator(l), priceIntegrator: new GaussLegendreIntegrator(p) };
}

/** QuantLib's QdFpLegendreTanhSinhScheme(l, m, n, eps). */
export function legendreTanhSinhScheme(l: number, m: number, n: number, eps: number): FixedPointScheme {
  return { nodes: n, iterations: m, fpIntegrator: new GaussLegendreIntegrator(l), priceIntegrator: new TanhSinhIntegrator(eps) };
}

/** QuantLib's QdFpTanhSinhIterationScheme(m, n, eps). */
export function tanhSinhScheme(m: number, n: number, eps: number): FixedPointScheme {
  const integrator = new TanhSinhIntegrator(eps);
  return { nodes: n, iterations: m, fpIntegrator: integrator, priceIntegrator: integrator };
}

/** QuantLib 1.29's presets, exactly (use with {@link fixedPointEngineWith} and equation 'auto'). */
export const QUANTLIB_SCHEMES = {
  /** fastScheme: QdFpLegendreScheme(7, 2, 7, 27). */
  fast: legendreScheme(7, 2, 7, 27),
  /** accurateScheme: QdFpLegendreTanhSinhScheme(25, 5, 13, 1e-8). */
  accurate: legendreTanhSinhScheme(25, 5, 13, 1e-8),
  /** highPrecisionScheme: QdFpTanhSinhIterationScheme(10, 30, 1e-10). */
  highPrecision: tanhSinhScheme(10, 30, 1e-10),
} as const;

/**
 * A scheme with fixed-level tanh-sinh rules (no adaptivity: the price is a smooth function of the
 * inputs, so bumped vega/rho and the implied-vol Newton see no quadrature jumps). Tanh-sinh
 * clusters nodes at both ends, where the boundary behaves like sqrt(τ ln τ) and d± like
 * 1/sqrt(τ-u); Gauss-Legendre converges only algebraically there.
 */
export function fixedTanhSinhScheme(m: number, n: number, fpLevel: number, priceLevel: number): FixedPointScheme {
  return { nodes: n, iterations: m, fpIntegrator: new TanhSinhIntegrator(0, fpLevel), priceIntegrator: new TanhSinhIntegrator(0, priceLevel) };
}

/**
 * The presets behind `options.scheme`, each run with the FP-A equation (see {@link schemeEquation}).
 * Measured against the reference fixtures (QuantLib TanhSinh(30, 96, 1e-13)): 'fast' ~1e-3 worst
 * case (QuantLib's fastScheme, same error), 'accurate' < 1e-6, 'high-precision' < 1e-7.
 */
export const FIXED_POINT_SCHEMES = {
  /** QuantLib's fastScheme: QdFpLegendreScheme(7, 2, 7, 27), QuantLib's equation choice. */
  fast: QUANTLIB_SCHEMES.fast,
  /** FP-A, 5 sweeps, 16 nodes, tanh-sinh levels 0..2 (25 points) per sweep and 0..4 for the premium. */
  accurate: fixedTanhSinhScheme(5, 16, 2, 4),
  /** FP-A, 8 sweeps, 32 nodes, tanh-sinh levels 0..3 and 0..5. */
  'high-precision': fixedTanhSinhScheme(8, 32, 3, 5),
} as const;

/**
 * The equation used with a preset: FP-A for 'accurate' and 'high-precision' (it converges in far
 * fewer sweeps than FP-B; e.g. ~4e-5 vs 4e-8 after 5 sweeps on a 2.6-year call with q - r = 5%),
 * QuantLib's rule (FP-A iff |r - q| < 0.001, else FP-B) for 'fast'.
 */
export function schemeEquation(name: 'fast' | 'accurate' | 'high-precision'): FixedPointEquation {
  return name === 'fast' ? 'auto' : 'FP-A';
}

export type FixedPointEquation = 'FP-A' | 'FP-B' | 'auto';

interface FpEquation {
  /** Writes N, D and f = K e^{-(r-q)τ} N/D for the boundary value b at τ into out[0..2]. */
  f(tau: number, b: number, out: Float64Array): void;
  /** dN/db and dD/db into out[0..1]. */
  nd(tau: number, b: number, out: Float64Array): void;
}

function fpEquationA(K: number, r: number, q: number, vol: number, B: PutBoundary, integrator: Integrator): FpEquation {
  const res = new Float64Array(2);
  return {
    f(tau, b, out) {
      let N: number;
      let D: number;
      const v = vol * Math.sqrt(tau);
      if (tau < EPSILON * EPSILON) {
        if (b === K || Math.abs(b - K) <= 42 * EPSILON * K) {
          N = INV_SQRT_2PI / v;
          D = N + 0.5;
        } else {
          N = 0;
          D = b > K ? 1 : 0;
        }
      } else {
        const stv = Math.sqrt(tau) / vol;
        // K1 + K2 and K3 of ALO eq. (28)-(30) in the variable y in [-1, 1], with m = τ(1+y)²/4.
        integrator.integrate(
          (y, o) => {
            const m = 0.25 * tau * (1 + y) * (1 + y);
            const bb = B(tau - m);
            if (y <= 5 * EPSILON - 1) {
              const at = Math.abs(b - bb) <= 42 * EPSILON * b ? stv * INV_SQRT_2PI : 0;
              o[0] = Math.exp(q * tau - q * m) * at;
              o[1] = Math.exp(r * tau - r * m) * at;
              return;
            }
            const vm = vol * Math.sqrt(m);
            const dp = (Math.log(b / bb) + (r - q) * m) / vm + 0.5 * vm;
            o[0] = Math.exp(q * tau - q * m) * (0.5 * tau * (y + 1) * normCdf(dp) + stv * normPdf(dp));
            o[1] = stv * Math.exp(r * tau - r * m) * normPdf(dp - vm);
          },
          -1,
          1,
          2,
          res,
        );
        const dp = (Math.log(b / K) + (r - q) * tau) / v + 0.5 * v;
        N = normPdf(dp - v) / v + r * res[1]!;
        D = normPdf(dp) / v + normCdf(dp) + q * res[0]!;
      }
      out[0] = N;
      out[1] = D;
      out[2] = fixedPointValue(K, r, q, tau, b, N, D, false);
    },
    nd(tau, b, out) {
      const dp = (Math.log(b / K) + (r - q) * tau) / (vol * Math.sqrt(tau)) + 0.5 * vol * Math.sqrt(tau);
      const dm = dp - vol * Math.sqrt(tau);
      const phiP = normPdf(dp);
      out[0] = (-normPdf(dm) * dm) / (b * vol * vol * tau);
      out[1] = (-phiP * dp) / (b * vol * vol * tau) + phiP / (b * vol * Math.sqrt(tau));
    },
  };
}

function fpEquationB(K: number, r: number, q: number, vol: number, B: PutBoundary, integrator: Integrator, substitute: boolean): FpEquation {
  const res = new Float64Array(2);
  return {
    f(tau, b, out) {
      let N: number;
      let D: number;
      if (tau < EPSILON * EPSILON) {
        N = D = b === K ? 0.5 : b < K ? 0 : 1;
      } else {
        // ALO eq. (26)-(27): integrals over u in [0, τ] of e^{ru} Φ(d₋(τ-u, b/B(u))) and e^{qu} Φ(d₊).
        if (substitute) {
          // u = τ(1 - cos θ)/2, θ = π(1+y)/2: quadratic clustering at both ends removes the
          // sqrt(u) behaviour of B(u) at u -> 0 and the sqrt(τ-u) one of d± at u -> τ, so
          // Gauss-Legendre converges fast (QuantLib integrates in u directly; same equation).
          integrator.integrate(
            (y, o) => {
              const th = 0.5 * Math.PI * (1 + y);
              const u = 0.5 * tau * (1 - Math.cos(th));
              const m = 0.5 * tau * (1 + Math.cos(th));
              const bu = B(u);
              const jac = 0.25 * Math.PI * tau * Math.sin(th);
              if (m <= 5 * EPSILON * tau) {
                const at = Math.abs(b - bu) <= 42 * EPSILON * b ? 0.5 : b < bu ? 0 : 1;
                o[0] = jac * Math.exp(r * u) * at;
                o[1] = jac * Math.exp(q * u) * at;
                return;
              }
              const vm = vol * Math.sqrt(m);
              const dp = (Math.log(b / bu) + (r - q) * m) / vm + 0.5 * vm;
              o[0] = jac * Math.exp(r * u) * normCdf(dp - vm);
              o[1] = jac * Math.exp(q * u) * normCdf(dp);
            },
            -1,
            1,
            2,
            res,
          );
        } else {
          integrator.integrate(
            (u, o) => {
              const bu = B(u);
              if (u >= tau * (1 - 5 * EPSILON)) {
                const at = Math.abs(b - bu) <= 42 * EPSILON * b ? 0.5 : b < bu ? 0 : 1;
                o[0] = Math.exp(r * u) * at;
                o[1] = Math.exp(q * u) * at;
                return;
              }
              const vm = vol * Math.sqrt(tau - u);
              const dp = (Math.log(b / bu) + (r - q) * (tau - u)) / vm + 0.5 * vm;
              o[0] = Math.exp(r * u) * normCdf(dp - vm);
              o[1] = Math.exp(q * u) * normCdf(dp);
            },
            0,
            tau,
            2,
            res,
          );
        }
        const v = vol * Math.sqrt(tau);
        const dp = (Math.log(b / K) + (r - q) * tau) / v + 0.5 * v;
        N = normCdf(dp - v) + r * res[0]!;
        D = normCdf(dp) + q * res[1]!;
      }
      out[0] = N;
      out[1] = D;
      out[2] = fixedPointValue(K, r, q, tau, b, N, D, true);
    },
    nd(tau, b, out) {
      const v = vol * Math.sqrt(tau);
      const dp = (Math.log(b / K) + (r - q) * tau) / v + 0.5 * v;
      out[0] = normPdf(dp - v) / (b * v);
      out[1] = normPdf(dp) / (b * v);
    },
  };
}

/** K e^{-(r-q)τ} N/D, with QuantLib's τ -> 0 limits. */
function fixedPointValue(K: number, r: number, q: number, tau: number, b: number, N: number, D: number, isB: boolean): number {
  const alpha = K * Math.exp(-(r - q) * tau);
  if (tau >= EPSILON * EPSILON) return (alpha * N) / D;
  const atK = Math.abs(b - K) <= 42 * EPSILON * K;
  if (atK) return alpha;
  if (b > K) return isB ? alpha : 0;
  return q === 0 ? alpha * r * (1 / EPSILON) : (alpha * r) / q;
}

/**
 * The fixed-point put boundary B(τ) for the problem (S, K, r, q, vol, T) under a scheme
 * (QuantLib's QdFpAmericanEngine::calculatePut up to the premium). Assumes r > 0 or q < r <= 0
 * excluded (the caller handles the European and double-boundary cases).
 */
export function fixedPointPutBoundary(pp: PutProblem, scheme: FixedPointScheme, equation: FixedPointEquation = 'auto'): PutBoundary {
  const { S, K, r, q, vol, T } = pp;
  const xmax = putXMax(K, r, q);
  const n = scheme.nodes;
  const interp: ChebyshevInterpolation = qdPlusPutBoundary(S, K, r, q, vol, T, n + 1, 1e-8);
  const sqrtT = Math.sqrt(T);
  const B: PutBoundary = (tau) => {
    const z = 2 * Math.sqrt(Math.abs(tau) / T) - 1;
    return xmax * Math.exp(-Math.sqrt(Math.max(0, interp.value(z))));
  };
  const h = (fv: number): number => {
    const l = Math.log(fv / xmax);
    return l * l;
  };
  const useA = equation === 'FP-A' || (equation === 'auto' && Math.abs(r - q) < 0.001);
  const eqn = useA ? fpEquationA(K, r, q, vol, B, scheme.fpIntegrator) : fpEquationB(K, r, q, vol, B, scheme.fpIntegrator, scheme.substituteFpB === true);

  const size = n + 1;
  const y = new Float64Array(size);
  const fres = new Float64Array(3);
  const ndres = new Float64Array(2);
  const taus = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const x = 0.5 * sqrtT * (1 + interp.nodes[i]!);
    taus[i] = x * x;
  }
  // Jacobi-Newton sweeps (ALO section 4.3.2; QuantLib does one), then plain fixed-point sweeps.
  const newtonSweeps = Math.min(scheme.newtonSweeps ?? 1, scheme.iterations);
  for (let k = 0; k < scheme.iterations; k++) {
    const newton = k < newtonSweeps;
    for (let i = 1; i < size; i++) {
      const tau = taus[i]!;
      const b = B(tau);
      eqn.f(tau, b, fres);
      const fv = fres[2]!;
      let next = h(fv);
      if (newton && tau >= EPSILON) {
        eqn.nd(tau, b, ndres);
        const N = fres[0]!;
        const D = fres[1]!;
        const fd = K * Math.exp(-(r - q) * tau) * (ndres[0]! / D - (ndres[1]! * N) / (D * D));
        const bn = b - (fv - b) / (fd - 1);
        // A Newton step that leaves (0, ∞) falls back to the plain fixed-point update.
        if (bn > 0 && Number.isFinite(bn)) next = h(bn);
      }
      y[i] = Number.isFinite(next) ? next : interp.y[i]!;
    }
    interp.y.set(y);
  }
  return B;
}

/** Resolves options.scheme. */
export function resolveSchemeName(o: AmericanOptions): 'fast' | 'accurate' | 'high-precision' {
  const name = o.scheme ?? 'accurate';
  if (name !== 'fast' && name !== 'accurate' && name !== 'high-precision') {
    throw new InvalidInputError('options.scheme', "must be 'fast', 'accurate' or 'high-precision'", name);
  }
  return name;
}

/** The fixed-point engine under an explicit scheme and equation (for tests and benchmarks). */
export function fixedPointEngineWith(
  p: AmericanParams,
  scheme: FixedPointScheme,
  equation: FixedPointEquation,
  wantBoundary: boolean,
): EngineResult {
  rejectDoubleBoundary(p, 'fixed-point');
  const pp = toPutProblem(p);
  const B = putIsEuropean(pp.r, pp.q, pp.T) ? undefined : fixedPointPutBoundary(pp, scheme, equation);
  return assembleResult(p, pp, B, scheme.priceIntegrator, wantBoundary);
}

/**
 * American option by the Andersen-Lake-Offengenden fixed-point method. `o.scheme`: 'fast'
 * (QuantLib's fastScheme), 'accurate' (default), 'high-precision'. Assumes expiry > 0, spot > 0.
 */
export function fixedPointEngine(p: AmericanParams, o: AmericanOptions, wantBoundary: boolean): EngineResult {
  const name = resolveSchemeName(o);
  return fixedPointEngineWith(p, FIXED_POINT_SCHEMES[name], schemeEquation(name), wantBoundary);
}
