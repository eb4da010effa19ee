import { InvalidInputError, normCdf, normPdf } from '@quantforge/core';
import type { AmericanOptions, AmericanParams, EngineResult } from '../types';
import { ChebyshevInterpolation } from './chebyshev';
import { fpAPoints, fpBPoints, premiumPoints, type FpAForm, type FpPoints, type PremiumForm, type PremiumPoints } from './collocation-plan';
import { assembleResult, putIsEuropean, rejectDoubleBoundary, toPutProblem, type PlannedPremium, type PutBoundary, type PutProblem } from './premium';
import { putXMax, qdPlusPutBoundary } from './qd-plus-boundary';
import { GaussLegendreIntegrator, TanhSinhIntegrator, type Integrator } from './quadrature';
import { europeanPutSensitivities, iftScratch, premiumPartials, solveSensitivities, sweepJacobian, type IftScratch, type PutSensitivities } from './sensitivities';

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
 *
 * Speed: with fixed quadrature rules (Gauss-Legendre, fixed-level tanh-sinh) every quadrature
 * point's interpolation weights are precomputed once per scheme (collocation-plan.ts) and the
 * exp/sqrt factors once per call, so a sweep is a matrix-vector product plus Φ/φ per point, with no
 * logarithm and no allocation (plannedSweeps); adaptive rules take the generic path. Our presets
 * ({@link FIXED_POINT_SCHEMES}) add substitutions that make the integrands analytic at both ends
 * (Gauss-Legendre then converges geometrically), the quartic collocation variable (τ/T)^{1/4} when
 * r > q, FP-B where FP-A is unstable, and Anderson mixing of the FP-B sweeps.
 */

const EPSILON = 2.220446049250313e-16;
const INV_SQRT_2PI = 0.3989422804014327;
/** Sweeps from which the iteration is converged enough for implicit-function vega and rho. */
const MIN_SWEEPS_FOR_IFT = 4;

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
  /** Anderson acceleration (depth 1) of the plain sweeps on the node values (ours; QuantLib: none). */
  anderson?: boolean;
  /** FP-A integration variable (see collocation-plan.ts): 'y' (QuantLib, default) or 'theta'. */
  fpAForm?: FpAForm;
  /** Premium integration variable: 'z' (QuantLib, default) or 'theta'. */
  premiumForm?: PremiumForm;
  /**
   * Collocation variable: 'sqrt' (QuantLib: z = 2 sqrt(τ/T) - 1, default) or 'quartic'
   * (z = 2 (τ/T)^{1/4} - 1, ours; requires the 'theta' forms or tanh-sinh). For r > q the boundary
   * behaves like y ≈ σ²τ ln(1/τ) as τ -> 0: an s² ln s endpoint singularity in s = sqrt(τ) that
   * slows Chebyshev convergence to algebraic; in s = τ^{1/4} it is s⁴ ln s, much milder.
   */
  variable?: 'sqrt' | 'quartic' | 'auto';
}

export function schemePower(scheme: FixedPointScheme, pp?: PutProblem): 2 | 4 {
  if (scheme.variable === 'quartic') return 4;
  if (scheme.variable === 'auto' && pp !== undefined && pp.r > pp.q) return 4;
  return 2;
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
 * A preset of `options.scheme`: a scheme and equation per regime of the put problem (calls by the
 * put-call symmetry).
 *  - r - q >= 0.001 ('carry'): FP-B. FP-A converges in fewer sweeps but is unstable when the
 *    drift dominates the vol: with ω = 2(r - q)/σ² above ~5 and long expiries its fixed point is
 *    wrong by 1e-3 to 1 (e.g. put S = K = 100, r = 8%, σ = 5%, T = 1: FP-A 0.598 or 0.501 by
 *    scheme, FP-B 0.559724, CRR(20000) 0.559755) — QuantLib too uses FP-B there (FP-A only for
 *    |r - q| < 0.001). The boundary starts at K with y ≈ σ²τ ln(1/τ): the quartic variable.
 *  - 0 < r - q < 0.001 ('nearCarry'): FP-A (FP-B degenerates as r -> q), quartic variable.
 *  - q >= r ('yield'): FP-A (stable here: agrees with a fine FP-B to ~1e-6 for σ in
 *    [3%, 40%], T up to 10), sqrt variable (B(0+) = K r/q; more nodes needed).
 */
export interface FixedPointPreset {
  carry: { scheme: FixedPointScheme; equation: FixedPointEquation };
  nearCarry: { scheme: FixedPointScheme; equation: FixedPointEquation };
  yield: { scheme: FixedPointScheme; equation: FixedPointEquation };
}

/** A scheme with Gauss-Legendre rules and our substitutions (see collocation-plan.ts). */
export function thetaScheme(variable: 'sqrt' | 'quartic', n: number, m: number, l: number, priceLevel: number): FixedPointScheme {
  return {
    nodes: n,
    iterations: m,
    fpIntegrator: new GaussLegendreIntegrator(l),
    priceIntegrator: new TanhSinhIntegrator(0, priceLevel),
    fpAForm: 'theta',
    substituteFpB: true,
    variable,
  };
}

/**
 * The presets behind `options.scheme`. Measured max |error| of the price against the reference
 * fixtures (QuantLib TanhSinh(30, 96, 1e-13), 186 cases of qdfp.json + literature.json): 'fast'
 * 5.4e-4 (QuantLib's fastScheme: 1.3e-3), 'accurate' 7.1e-7, 'high-precision' 2.3e-8 (the
 * former FP-A-everywhere presets: 6.8e-7 and 2.0e-8 there, but wrong by up to 1e-1..10 at low vol
 * with r - q large, see {@link FixedPointPreset}).
 */
export const FIXED_POINT_SCHEMES: Record<'fast' | 'accurate' | 'high-precision', FixedPointPreset> = {
  /**
   * Our substitutions with fewer points than QuantLib's fastScheme (7 nodes, 2 sweeps of 7 points,
   * 27-point premium): r - q >= 0.001: FP-B, 5 quartic nodes, 4 Anderson-mixed sweeps of 4-point
   * Gauss-Legendre; 0 < r - q < 0.001: FP-A, the same without mixing; q >= r: FP-A, 5 nodes in
   * sqrt(τ/T), 2 sweeps of 5 points; premium tanh-sinh levels 0..2. Measured max |error| 5.4e-4 on
   * the 186 fixture cases (QuantLib's fastScheme: 1.3e-3) and 1.9e-4 on the benchmark set
   * (QuantLib's: 4.0e-4), at ~0.7x the time of QuantLib C++'s. QUANTLIB_SCHEMES.fast is QuantLib's own.
   */
  fast: {
    carry: { scheme: { ...thetaScheme('quartic', 5, 4, 4, 2), anderson: true }, equation: 'FP-B' },
    nearCarry: { scheme: thetaScheme('quartic', 5, 4, 4, 2), equation: 'FP-A' },
    yield: { scheme: thetaScheme('sqrt', 5, 2, 5, 2), equation: 'FP-A' },
  },
  /**
   * r - q >= 0.001: FP-B, 9 nodes in (τ/T)^{1/4}, 7 Anderson-mixed sweeps of 12-point
   * Gauss-Legendre; 0 < r - q < 0.001: FP-A, 8 quartic nodes, 5 sweeps of 10 points; q >= r: FP-A,
   * 16 nodes in sqrt(τ/T), 4 sweeps of 12 points. Premium: tanh-sinh levels 0..4 (103 points).
   */
  accurate: {
    carry: { scheme: { ...thetaScheme('quartic', 9, 7, 12, 4), anderson: true }, equation: 'FP-B' },
    nearCarry: { scheme: thetaScheme('quartic', 8, 5, 10, 4), equation: 'FP-A' },
    yield: { scheme: thetaScheme('sqrt', 16, 4, 12, 4), equation: 'FP-A' },
  },
  /** As 'accurate' with 16 / 12 / 32 nodes, 14 / 8 / 7 sweeps of 20 / 16 / 24 points, premium levels 0..5 (207 points). */
  'high-precision': {
    carry: { scheme: { ...thetaScheme('quartic', 16, 14, 20, 5), anderson: true }, equation: 'FP-B' },
    nearCarry: { scheme: thetaScheme('quartic', 12, 8, 16, 5), equation: 'FP-A' },
    yield: { scheme: thetaScheme('sqrt', 32, 7, 24, 5), equation: 'FP-A' },
  },
};

/**
 * Internal preset 'iv-seed': QuantLib's fastScheme (7 nodes), stage 1 of fixedPointImpliedVol. Its
 * converged boundary interpolated to the 'accurate' nodes is a far better seed than the 3-node
 * 'fast' preset's (that one doubled the implied-vol time).
 */
const IV_SEED_PRESET: FixedPointPreset = {
  carry: { scheme: QUANTLIB_SCHEMES.fast, equation: 'auto' },
  nearCarry: { scheme: QUANTLIB_SCHEMES.fast, equation: 'auto' },
  yield: { scheme: QUANTLIB_SCHEMES.fast, equation: 'auto' },
};

/** A preset name of the warm solvers: the public presets and the internal 'iv-seed'. */
export type WarmPresetName = 'fast' | 'accurate' | 'high-precision' | 'iv-seed';

/** The scheme and equation of a preset for a problem (put coordinates). */
export function presetScheme(name: WarmPresetName, pp: PutProblem): { scheme: FixedPointScheme; equation: FixedPointEquation } {
  const preset = name === 'iv-seed' ? IV_SEED_PRESET : FIXED_POINT_SCHEMES[name];
  const carry = pp.r - pp.q;
  return carry >= 0.001 ? preset.carry : carry > 0 ? preset.nearCarry : preset.yield;
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

/** Per-scheme precomputed tables (collocation-plan.ts) and scratch buffers reused across calls. */
export interface SchemePlan {
  power: 2 | 4;
  size: number;
  /** τ_i / T = (1 + z_i)²/4. */
  tauFrac: Float64Array;
  fpA?: FpPoints;
  fpB?: FpPoints;
  premium?: PremiumPoints | null;
  /** Per call, per (node, point): vol·sqrt(m), 1/(vol·sqrt(m)), (r - q)m and the three term weights. */
  vm: Float64Array;
  ivm: Float64Array;
  drift: Float64Array;
  c0: Float64Array;
  c1: Float64Array;
  c2: Float64Array;
  next: Float64Array;
  /** Anderson acceleration: the previous iterate's residual G(y) - y and image G(y). */
  prevF: Float64Array;
  prevG: Float64Array;
  /** The cache whose (T, r, q) the vol-independent FP-B tables (drift, c0, c1) were last filled for. */
  filledFor?: SweepExpCache;
}

const plans = [new WeakMap<FixedPointScheme, SchemePlan>(), new WeakMap<FixedPointScheme, SchemePlan>()];

/** The plan of a scheme whose fixed-point rule is fixed (not adaptive); undefined otherwise. */
export function schemePlan(scheme: FixedPointScheme, power: 2 | 4): SchemePlan | undefined {
  const cache = plans[power === 2 ? 0 : 1]!;
  const cached = cache.get(scheme);
  if (cached !== undefined) return cached;
  const rule = scheme.fpIntegrator.rule?.();
  if (rule === undefined) return undefined;
  const n = scheme.nodes;
  const size = n + 1;
  const nodes = new ChebyshevInterpolation(size).nodes;
  const tauFrac = new Float64Array(size);
  for (let i = 0; i < size; i++) tauFrac[i] = (0.5 * (1 + nodes[i]!)) ** power;
  const len = n * rule.x.length;
  const plan: SchemePlan = {
    power,
    size,
    tauFrac,
    vm: new Float64Array(len),
    ivm: new Float64Array(len),
    drift: new Float64Array(len),
    c0: new Float64Array(len),
    c1: new Float64Array(len),
    c2: new Float64Array(len),
    next: new Float64Array(size),
    prevF: new Float64Array(size),
    prevG: new Float64Array(size),
  };
  cache.set(scheme, plan);
  return plan;
}

export function planPoints(plan: SchemePlan, scheme: FixedPointScheme, useA: boolean): FpPoints {
  const rule = scheme.fpIntegrator.rule!()!;
  const power = plan.power;
  if (useA) return (plan.fpA ??= fpAPoints(rule, scheme.nodes, scheme.fpAForm ?? 'y', power));
  return (plan.fpB ??= fpBPoints(rule, scheme.nodes, scheme.substituteFpB === true ? 'cos' : 'u', power));
}

/** The premium's precomputed points when the scheme's price rule is fixed, else undefined. */
export function planPremium(plan: SchemePlan | undefined, scheme: FixedPointScheme, power: 2 | 4): PremiumPoints | undefined {
  if (plan === undefined) {
    const rule = scheme.priceIntegrator.rule?.();
    return rule === undefined ? undefined : premiumPoints(rule, scheme.nodes, scheme.premiumForm ?? 'z', power);
  }
  if (plan.premium === undefined) {
    const rule = scheme.priceIntegrator.rule?.();
    plan.premium = rule === undefined ? null : premiumPoints(rule, scheme.nodes, scheme.premiumForm ?? 'z', power);
  }
  return plan.premium ?? undefined;
}

/**
 * The fixed-point sweeps on precomputed points (same equations, limits and Newton step as the
 * generic path below): y holds (ln(B/x_max))² at the n + 1 nodes and is updated in place.
 */
export function plannedSweeps(
  pp: PutProblem,
  xmax: number,
  y: Float64Array,
  plan: SchemePlan,
  pts: FpPoints,
  useA: boolean,
  scheme: FixedPointScheme,
  ift?: IftScratch,
  sweeps: number = scheme.iterations,
  newtonSweepsIn: number = scheme.newtonSweeps ?? 1,
  expCache?: SweepExpCache,
): void {
  const n = plan.size - 1;
  const next = plan.next;
  // Everything that does not change between sweeps.
  fillSweepTables(pp, plan, pts, useA, expCache);
  const lnKx = Math.log(pp.K / xmax);
  const newtonSweeps = Math.min(newtonSweepsIn, sweeps);
  for (let k = 0; k < sweeps; k++) {
    const newton = k < newtonSweeps;
    if (ift !== undefined && k === sweeps - 1 && !newton) {
      // The last plain sweep also assembles the implicit-function system at its input y.
      sweepJacobian(pp, xmax, y, plan, pts, useA, next, ift);
    } else {
      sweepOnce(pp, xmax, lnKx, y, plan, pts, useA, newton);
    }
    updateIterate(plan, y, n, scheme.anderson === true && k > newtonSweeps);
  }
}

/** The per-(node, point) factors of the sweep that do not depend on the iterate. */
/**
 * e^{ru}, e^{qu} per (node, point) of one (T, r, q) — they do not depend on the vol, so repeated
 * evaluations at other vols (implied vol) reuse them.
 */
export interface SweepExpCache {
  er: Float64Array;
  eq: Float64Array;
  filled: boolean;
}

function fillSweepTables(pp: PutProblem, plan: SchemePlan, pts: FpPoints, useA: boolean, cache?: SweepExpCache): void {
  const { r, q, vol, T } = pp;
  const { size, tauFrac, vm, ivm, drift, c0, c1, c2 } = plan;
  const { count: J, mu, g1, g2, edge } = pts;
  const n = size - 1;
  if (!useA && cache !== undefined && cache.filled && plan.filledFor === cache) {
    // FP-B at another vol of the same (T, r, q), tables last filled by this cache: only the
    // vol-dependent factors change (drift, c0, c1 do not depend on the vol).
    for (let i = 1; i <= n; i++) {
      const st = Math.sqrt(T * tauFrac[i]!);
      for (let j = 0; j < J; j++) {
        const idx = (i - 1) * J + j;
        const v = vol * st * Math.sqrt(mu[j]!);
        vm[idx] = v;
        ivm[idx] = 1 / v;
      }
    }
    return;
  }
  plan.filledFor = useA ? undefined : cache;
  for (let i = 1; i <= n; i++) {
    const tau = T * tauFrac[i]!;
    const st = Math.sqrt(tau);
    const stv = st / vol;
    for (let j = 0; j < J; j++) {
      const idx = (i - 1) * J + j;
      const m = tau * mu[j]!;
      const u = tau - m;
      let er: number;
      let eq: number;
      if (cache === undefined) {
        er = Math.exp(r * u);
        eq = Math.exp(q * u);
      } else if (cache.filled) {
        er = cache.er[idx]!;
        eq = cache.eq[idx]!;
      } else {
        er = cache.er[idx] = Math.exp(r * u);
        eq = cache.eq[idx] = Math.exp(q * u);
      }
      const v = vol * st * Math.sqrt(mu[j]!);
      vm[idx] = v;
      ivm[idx] = 1 / v;
      drift[idx] = (r - q) * m;
      if (useA) {
        // K3 = ∫ e^{ru} φ(d₋)/(σ√m), K1 + K2 = ∫ e^{qu} (Φ(d₊) + φ(d₊)/(σ√m)) (ALO eq. (28)-(30)).
        if (edge[j] === 1) {
          c0[idx] = 0;
          c1[idx] = eq * g2[j]! * stv * INV_SQRT_2PI;
          c2[idx] = er * g2[j]! * stv * INV_SQRT_2PI;
        } else {
          c0[idx] = eq * g1[j]! * tau;
          c1[idx] = eq * g2[j]! * stv;
          c2[idx] = er * g2[j]! * stv;
        }
      } else {
        // ∫ e^{ru} Φ(d₋) du and ∫ e^{qu} Φ(d₊) du (ALO eq. (26)-(27)); Φ(0·∞) -> 1/2 at m = 0.
        const h = edge[j] === 1 ? 0.5 : 1;
        c0[idx] = er * g1[j]! * tau * h;
        c1[idx] = eq * g1[j]! * tau * h;
      }
    }
  }
  if (cache !== undefined) cache.filled = true;
}

/** One sweep: plan.next = G(y) (Jacobi-Newton when `newton`). */
function sweepOnce(pp: PutProblem, xmax: number, lnKx: number, y: Float64Array, plan: SchemePlan, pts: FpPoints, useA: boolean, newton: boolean): void {
  const { K, r, q, vol, T } = pp;
  const { size, tauFrac, vm, ivm, drift, c0, c1, c2, next } = plan;
  const { count: J, edge, rows } = pts;
  const n = size - 1;
  {
    for (let i = 1; i <= n; i++) {
      const tau = T * tauFrac[i]!;
      const yi = y[i]!;
      const sqi = yi > 0 ? Math.sqrt(yi) : 0;
      const b = xmax * Math.exp(-sqi);
      let res0 = 0;
      let res1 = 0;
      const base = (i - 1) * J;
      for (let j = 0; j < J; j++) {
        const idx = base + j;
        if (edge[j] === 1) {
          // FP-A: K1+K2 (c1) and K3 (c2); FP-B: the r-weighted (c0) and q-weighted (c1) integrals.
          res0 += useA ? c1[idx]! : c0[idx]!;
          res1 += useA ? c2[idx]! : c1[idx]!;
          continue;
        }
        const off = idx * size;
        let Y = 0;
        for (let l = 0; l < size; l++) Y += rows[off + l]! * y[l]!;
        // ln(b/B(u)) = sqrt(Y) - sqrt(y_i): no logarithm.
        const dp = ((Y > 0 ? Math.sqrt(Y) : 0) - sqi + drift[idx]!) * ivm[idx]! + 0.5 * vm[idx]!;
        if (useA) {
          res0 += c0[idx]! * normCdf(dp) + c1[idx]! * normPdf(dp);
          res1 += c2[idx]! * normPdf(dp - vm[idx]!);
        } else {
          res0 += c0[idx]! * normCdf(dp - vm[idx]!);
          res1 += c1[idx]! * normCdf(dp);
        }
      }
      const v = vol * Math.sqrt(tau);
      const dp = (-sqi - lnKx + (r - q) * tau) / v + 0.5 * v;
      const phiP = normPdf(dp);
      const phiM = normPdf(dp - v);
      let N: number;
      let D: number;
      if (useA) {
        N = phiM / v + r * res1;
        D = phiP / v + normCdf(dp) + q * res0;
      } else {
        N = normCdf(dp - v) + r * res0;
        D = normCdf(dp) + q * res1;
      }
      const alpha = K * Math.exp(-(r - q) * tau);
      const fv = (alpha * N) / D;
      let target = fv;
      if (newton && tau >= EPSILON) {
        let dN: number;
        let dD: number;
        if (useA) {
          const dm = dp - v;
          dN = (-phiM * dm) / (b * v * v);
          dD = (-phiP * dp) / (b * v * v) + phiP / (b * v);
        } else {
          dN = phiM / (b * v);
          dD = phiP / (b * v);
        }
        const fd = alpha * (dN / D - (dD * N) / (D * D));
        const bn = b - (fv - b) / (fd - 1);
        // A Newton step that leaves (0, ∞) falls back to the plain fixed-point update.
        if (bn > 0 && Number.isFinite(bn)) target = bn;
      }
      const l = Math.log(target / xmax);
      const nv = l * l;
      next[i] = Number.isFinite(nv) ? nv : yi;
    }
  }
}

/** y <- G(y) (plan.next), with depth-1 Anderson mixing when `anderson`. */
function updateIterate(plan: SchemePlan, y: Float64Array, n: number, anderson: boolean): void {
  const { next } = plan;
  {
    if (anderson) {
      // Depth-1 Anderson mixing: y = G_k - γ (G_k - G_{k-1}), γ minimising |F_k - γ (F_k - F_{k-1})|.
      let num = 0;
      let den = 0;
      for (let i = 1; i <= n; i++) {
        const fk = next[i]! - y[i]!;
        const df = fk - plan.prevF[i]!;
        num += fk * df;
        den += df * df;
      }
      const gamma = den > 0 ? num / den : 0;
      for (let i = 1; i <= n; i++) {
        const fk = next[i]! - y[i]!;
        plan.prevF[i] = fk;
        const g = next[i]!;
        const mixed = g - gamma * (g - plan.prevG[i]!);
        plan.prevG[i] = g;
        y[i] = mixed > 0 && Number.isFinite(mixed) ? mixed : g;
      }
    } else {
      for (let i = 1; i <= n; i++) {
        plan.prevF[i] = next[i]! - y[i]!;
        plan.prevG[i] = next[i]!;
        y[i] = next[i]!;
      }
    }
  }
}

/**
 * The fixed-point put boundary B(τ) for the problem (S, K, r, q, vol, T) under a scheme
 * (QuantLib's QdFpAmericanEngine::calculatePut up to the premium). Assumes r > 0 or q < r <= 0
 * excluded (the caller handles the European and double-boundary cases).
 */
export function fixedPointPutBoundary(pp: PutProblem, scheme: FixedPointScheme, equation: FixedPointEquation = 'auto'): PutBoundary {
  return fixedPointPutBoundaryNodes(pp, scheme, equation).B;
}

/** The boundary as a function and as its node values y_k = (ln(B/x_max))² at the n + 1 Chebyshev nodes. */
export function fixedPointPutBoundaryNodes(
  pp: PutProblem,
  scheme: FixedPointScheme,
  equation: FixedPointEquation = 'auto',
  ift?: IftScratch,
): { B: PutBoundary; y: Float64Array; xmax: number; planned?: { plan: SchemePlan; pts: FpPoints; useA: boolean; fused: boolean } } {
  const { S, K, r, q, vol, T } = pp;
  const xmax = putXMax(K, r, q);
  const n = scheme.nodes;
  const power = schemePower(scheme, pp);
  const interp: ChebyshevInterpolation = qdPlusPutBoundary(S, K, r, q, vol, T, n + 1, 1e-8, power);
  const B: PutBoundary = (tau) => {
    const z = 2 * (power === 2 ? Math.sqrt(Math.abs(tau) / T) : Math.sqrt(Math.sqrt(Math.abs(tau) / T))) - 1;
    return xmax * Math.exp(-Math.sqrt(Math.max(0, interp.value(z))));
  };
  const h = (fv: number): number => {
    const l = Math.log(fv / xmax);
    return l * l;
  };
  const useA = equation === 'FP-A' || (equation === 'auto' && Math.abs(r - q) < 0.001);
  const plan = schemePlan(scheme, power);
  // Nodes with τ < ε² take QuantLib's τ -> 0 limits: only the generic path has them.
  if (plan !== undefined && T * plan.tauFrac[1]! >= EPSILON * EPSILON) {
    const pts = planPoints(plan, scheme, useA);
    const fused = ift !== undefined && scheme.iterations > Math.min(scheme.newtonSweeps ?? 1, scheme.iterations);
    plannedSweeps(pp, xmax, interp.y, plan, pts, useA, scheme, fused ? ift : undefined);
    return { B, y: interp.y, xmax, planned: { plan, pts, useA, fused } };
  }
  const eqn = useA ? fpEquationA(K, r, q, vol, B, scheme.fpIntegrator) : fpEquationB(K, r, q, vol, B, scheme.fpIntegrator, scheme.substituteFpB === true);

  const size = n + 1;
  const y = new Float64Array(size);
  const fres = new Float64Array(3);
  const ndres = new Float64Array(2);
  const taus = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const h = 0.5 * (1 + interp.nodes[i]!);
    taus[i] = power === 2 ? (Math.sqrt(T) * h) ** 2 : T * h * h * h * h;
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
  return { B, y: interp.y, xmax };
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
  wantSensitivities = false,
): EngineResult {
  rejectDoubleBoundary(p, 'fixed-point');
  const pp = toPutProblem(p);
  if (putIsEuropean(pp.r, pp.q, pp.T)) {
    const result = assembleResult(p, pp, undefined, scheme.priceIntegrator, wantBoundary);
    if (wantSensitivities) withSensitivities(p, result, europeanPutSensitivities(pp.S, pp.K, pp.r, pp.q, pp.vol, pp.T));
    return result;
  }
  // Vega and rho by the implicit function theorem on the planned path (else the dispatcher bumps),
  // its linear system assembled in the last sweep (sensitivities.ts). The theorem differentiates
  // the fixed point itself: with QuantLib's 2-sweep 'fast' scheme the price is far from it
  // (~1e-3), so bumps (the derivative of what is priced) are kept there.
  const ift = wantSensitivities && scheme.iterations >= MIN_SWEEPS_FOR_IFT ? iftScratch(scheme.nodes + 1) : undefined;
  const { B, y, xmax, planned } = fixedPointPutBoundaryNodes(pp, scheme, equation, ift);
  const power = schemePower(scheme, pp);
  const points = planPremium(schemePlan(scheme, power), scheme, power);
  if (ift !== undefined && planned?.fused === true && points !== undefined) {
    if (pp.S <= B(pp.T)) {
      const result = assembleResult(p, pp, B, { points, xmax, y }, wantBoundary);
      withSensitivities(p, result, { vol: 0, r: 0, q: 0 });
      return result;
    }
    const partials = premiumPartials(pp, xmax, y, points, ift);
    const result = assembleResult(p, pp, B, { points, xmax, y }, wantBoundary, partials);
    const eu = europeanPutSensitivities(pp.S, pp.K, pp.r, pp.q, pp.vol, pp.T);
    // The premium is not positive: the price is the European one.
    const e = partials.price > 0 ? solveSensitivities(ift, partials) : undefined;
    if (e !== undefined) withSensitivities(p, result, { vol: eu.vol + e.vol, r: eu.r + e.r, q: eu.q + e.q });
    else if (!(partials.price > 0)) withSensitivities(p, result, eu);
    return result;
  }
  const premium: PlannedPremium | typeof scheme.priceIntegrator = points === undefined ? scheme.priceIntegrator : { points, xmax, y };
  return assembleResult(p, pp, B, premium, wantBoundary);
}


/**
 * The price is not differentiable in the rate where the regime changes: r = 0 for a put (European
 * for r <= 0, a premium of order r above), r = q (x_max = K min(1, r/q), the preset's equation).
 * Within RATE_KINK of one, rho is left to the dispatcher's central bump (the one-sided derivative
 * would disagree with every finite difference across the kink).
 */
const RATE_KINK = 2e-4;

function rateRegime(pp: PutProblem, r: number, q: number): string {
  if (putIsEuropean(r, q, pp.T)) return 'E';
  const carry = r - q;
  return (carry >= 0.001 ? 'c' : carry > 0 ? 'n' : 'y') + (q > 0 && r / q < 1 ? 'x' : '');
}

export function nearRateKink(p: AmericanParams): boolean {
  const pp = toPutProblem(p);
  const here = rateRegime(pp, pp.r, pp.q);
  for (const h of [-RATE_KINK, RATE_KINK]) {
    const other = p.w === -1 ? rateRegime(pp, pp.r + h, pp.q) : rateRegime(pp, pp.r, pp.q + h);
    if (other !== here) return true;
  }
  return false;
}

/** Vega and rho of the option from the put problem's derivatives (a call's rate is the put's q). */
function withSensitivities(p: AmericanParams, result: EngineResult, d: PutSensitivities): void {
  result.vega = d.vol;
  if (!nearRateKink(p)) result.rho = p.w === -1 ? d.r : d.q;
}

/**
 * American option by the Andersen-Lake-Offengenden fixed-point method. `o.scheme`: 'fast'
 * (~1e-3; more accurate than QuantLib's fastScheme at ~0.7x its C++ time), 'accurate' (default), 'high-precision'. Assumes expiry > 0, spot > 0.
 */
export function fixedPointEngine(p: AmericanParams, o: AmericanOptions, wantBoundary: boolean, wantSensitivities = false): EngineResult {
  const name = resolveSchemeName(o);
  const { scheme, equation } = presetScheme(name, toPutProblem(p));
  return fixedPointEngineWith(p, scheme, equation, wantBoundary, wantSensitivities);
}
