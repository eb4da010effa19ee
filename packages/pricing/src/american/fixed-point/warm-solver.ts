import { ChebyshevInterpolation } from './chebyshev';
import { planPoints, planPremium, plannedSweeps, presetScheme, schemePlan, schemePower, type FixedPointEquation, type FixedPointScheme, type SchemePlan, type SweepExpCache } from './fixed-point-engine';
import type { FpPoints, PremiumPoints } from './collocation-plan';
import { europeanPut, putIsEuropean, putPremiumPlanned, type PutProblem } from './premium';
import { putXMax, qdPlusPutBoundary, qdPlusPutBoundaryAtTau } from './qd-plus-boundary';
import { europeanPutSensitivities, iftScratch, premiumPartials, solveSensitivities, type IftScratch } from './sensitivities';

const EPSILON = 2.220446049250313e-16;

/** A put value with its vega (NaN when not asked for). */
export interface WarmValue {
  price: number;
  vega: number;
}

/** The put's value and first-order sensitivities of the last evaluation with vega. */
export interface WarmGreeks {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  /** ∂P/∂r and ∂P/∂q of the put. */
  dr: number;
  dq: number;
  /** S <= B(T): exercised at once. */
  exercised: boolean;
}

/**
 * The fixed-point put engine (one preset of fixed-point-engine.ts) as a stateful solver for
 * repeated evaluations of one option at different vols (implied vol, a strike chain of one
 * expiry): the collocated boundary y = (ln(B/x_max))² of the last evaluation and its vol tangent
 * dy/dσ (implicit function theorem, sensitivities.ts) are kept, so the next evaluation starts from
 * y + dy/dσ·Δσ (error O(Δσ²)) and needs 1-3 sweeps instead of the preset's cold start from QD+
 * (4-7 sweeps). The boundary in put coordinates is scale-free (y depends on r, q, σ, T only), so
 * the state also carries over between strikes. The fixed point is the preset's; only how it is
 * reached changes (a warm evaluation agrees with the cold engine to its iteration error, ~3e-7
 * for 'accurate').
 */
export class WarmFixedPointPut {
  /** False when the preset has no precomputed plan here (tiny T); use the engine instead. */
  readonly ok: boolean;
  /** The put has no early exercise (r <= 0 and r <= q): European values. */
  readonly european: boolean;
  readonly pp: PutProblem;
  readonly y: Float64Array;
  private readonly scheme: FixedPointScheme;
  private readonly equation: FixedPointEquation;
  private readonly power: 2 | 4;
  private readonly plan: SchemePlan | undefined;
  private readonly pts: FpPoints | undefined;
  private readonly premium: PremiumPoints | undefined;
  private readonly useA: boolean;
  private readonly ift: IftScratch;
  private xmax: number;
  private readonly dydv: Float64Array;
  private hasTangent = false;
  /** Vol-independent factors of the sweep tables (same T, r, q for every evaluation). */
  private readonly expCache: SweepExpCache | undefined;
  /** The vol of the stored y; NaN before the first evaluation. */
  vol = NaN;
  /** Filled by an evaluation with vega (undefined when the implicit-function solve failed). */
  greeks: WarmGreeks | undefined;

  constructor(S: number, K: number, r: number, q: number, T: number, name: 'fast' | 'accurate' | 'high-precision') {
    this.pp = { S, K, r, q, vol: 0.2, T };
    this.european = putIsEuropean(r, q, T);
    const { scheme, equation } = presetScheme(name, this.pp);
    this.scheme = scheme;
    this.equation = equation;
    this.power = schemePower(scheme, this.pp);
    this.useA = equation === 'FP-A' || (equation === 'auto' && Math.abs(r - q) < 0.001);
    this.plan = schemePlan(scheme, this.power);
    this.pts = this.plan === undefined ? undefined : planPoints(this.plan, scheme, this.useA);
    this.premium = planPremium(this.plan, scheme, this.power);
    const size = scheme.nodes + 1;
    this.y = new Float64Array(size);
    this.dydv = new Float64Array(size);
    this.ift = iftScratch(size);
    this.xmax = putXMax(K, r, q);
    const len = this.pts === undefined ? 0 : scheme.nodes * this.pts.count;
    this.expCache = len > 0 ? { er: new Float64Array(len), eq: new Float64Array(len), filled: false } : undefined;
    this.ok = this.european || (this.plan !== undefined && this.premium !== undefined && T * this.plan.tauFrac[1]! >= EPSILON * EPSILON);
  }

  /**
   * Another option with the same r, q, T (put coordinates): the boundary y = (ln(B/x_max))² is
   * scale-free and does not depend on S, so the state carries over.
   */
  setOption(S: number, K: number): void {
    this.pp.S = S;
    this.pp.K = K;
    this.xmax = putXMax(K, this.pp.r, this.pp.q);
  }

  /** max |G(y) - y| over the nodes in the last sweep of the last evaluation (its convergence). */
  residual(): number {
    if (this.european) return 0;
    const f = this.plan!.prevF;
    let m = 0;
    for (let i = 1; i < this.y.length; i++) m = Math.max(m, Math.abs(f[i]!));
    return m;
  }

  /**
   * Whether the stored boundary looks like an exercise boundary: finite and y nondecreasing in τ
   * (B falls as the time to expiry grows). From a poor start the FP-B map can settle on a spurious
   * zig-zag fixed point (seen from a boundary seeded at a vol far from the evaluation's); callers
   * restart cold then.
   */
  plausible(): boolean {
    const y = this.y;
    for (let i = 1; i < y.length; i++) {
      if (!Number.isFinite(y[i]!) || y[i]! < y[i - 1]! - 1e-12) return false;
    }
    return true;
  }

  /** The preset's own number of sweeps and Jacobi-Newton sweeps from a cold start. */
  get coldSweeps(): number {
    return this.scheme.iterations;
  }

  /**
   * Starts from another solver's boundary (another scheme, same option, its last vol): its
   * Chebyshev interpolant at this scheme's nodes, except below the other scheme's first node,
   * where the interpolant is an extrapolation the fixed-point map is sensitive to (y ≈ σ²τ ln(1/τ)
   * as τ -> 0): QD+ there, as a cold start. The tangent is dropped.
   */
  seedFrom(other: WarmFixedPointPut, vol = other.vol): void {
    const src = new ChebyshevInterpolation(other.y.length);
    src.y.set(other.y);
    const tf = this.plan!.tauFrac;
    const firstOther = other.plan!.tauFrac[1]!;
    const { S, K, r, q, T } = this.pp;
    for (let i = 1; i < this.y.length; i++) {
      if (tf[i]! < firstOther) {
        const l = Math.log(qdPlusPutBoundaryAtTau(S, K, r, q, vol, T * tf[i]!, 1e-8).boundary / this.xmax);
        this.y[i] = l * l;
      } else {
        const z = 2 * (other.power === 2 ? Math.sqrt(tf[i]!) : Math.sqrt(Math.sqrt(tf[i]!))) - 1;
        this.y[i] = Math.max(0, src.value(z));
      }
    }
    this.y[0] = 0;
    this.vol = vol;
    this.hasTangent = false;
  }

  /**
   * Put price (and vega when `wantVega`) at `vol`. `cold`: start from the QD+ boundary with the
   * preset's sweeps, exactly as the engine; else from the stored boundary moved along its tangent,
   * with `sweeps` sweeps of which `newtonSweeps` Jacobi-Newton. Vega needs the last sweep plain.
   */
  evaluate(vol: number, cold: boolean, sweeps: number, newtonSweeps: number, wantVega: boolean): WarmValue {
    const pp = this.pp;
    pp.vol = vol;
    const { S, K, r, q, T } = pp;
    this.greeks = undefined;
    if (this.european) {
      this.vol = vol;
      const e = europeanPut(S, K, r, q, vol, T);
      if (!wantVega) return { price: e.price, vega: NaN };
      const d = europeanPutSensitivities(S, K, r, q, vol, T);
      this.greeks = { price: e.price, delta: e.delta, gamma: e.gamma, vega: d.vol, dr: d.r, dq: d.q, exercised: false };
      return { price: e.price, vega: d.vol };
    }
    const y = this.y;
    if (cold || Number.isNaN(this.vol)) {
      y.set(qdPlusPutBoundary(S, K, r, q, vol, T, y.length, 1e-8, this.power).y);
      sweeps = this.scheme.iterations;
      newtonSweeps = this.scheme.newtonSweeps ?? 1;
      this.hasTangent = false;
    } else if (this.hasTangent) {
      const dv = vol - this.vol;
      for (let i = 1; i < y.length; i++) {
        const v = y[i]! + this.dydv[i]! * dv;
        if (v > 0) y[i] = v;
      }
    }
    const plan = this.plan!;
    const fused = wantVega && sweeps > newtonSweeps;
    plannedSweeps(pp, this.xmax, y, plan, this.pts!, this.useA, this.scheme, fused ? this.ift : undefined, sweeps, newtonSweeps, this.expCache);
    this.vol = vol;
    // Without a new implicit-function solve the previous tangent is kept (dy/dσ varies slowly).
    if (fused) this.hasTangent = false;
    // Exercise region at τ = T (node n): the put is worth K - S whatever the vol.
    const bT = this.xmax * Math.exp(-Math.sqrt(Math.max(0, y[y.length - 1]!)));
    if (S <= bT) {
      if (fused) this.greeks = { price: K - S, delta: -1, gamma: 0, vega: 0, dr: 0, dq: 0, exercised: true };
      return { price: K - S, vega: 0 };
    }
    const euv = europeanPut(S, K, r, q, vol, T);
    const eu = euv.price;
    if (!fused) {
      const e = putPremiumPlanned(S, K, r, q, vol, T, { points: this.premium!, xmax: this.xmax, y });
      return { price: e.price > 0 ? eu + e.price : eu, vega: NaN };
    }
    const partials = premiumPartials(pp, this.xmax, y, this.premium!, this.ift);
    const eus = europeanPutSensitivities(S, K, r, q, vol, T);
    const sens = solveSensitivities(this.ift, partials);
    if (sens !== undefined) {
      const rhs = this.ift.rhs;
      for (let i = 1; i < y.length; i++) this.dydv[i] = rhs[(i - 1) * 3]!;
      this.hasTangent = true;
    }
    // A premium that is not positive: the price is the European one (as the engine).
    if (!(partials.price > 0)) {
      this.greeks = { price: eu, delta: euv.delta, gamma: euv.gamma, vega: eus.vol, dr: eus.r, dq: eus.q, exercised: false };
      return { price: eu, vega: eus.vol };
    }
    const price = eu + partials.price;
    if (sens === undefined) return { price, vega: NaN };
    this.greeks = {
      price,
      delta: euv.delta + partials.delta,
      gamma: euv.gamma + partials.gamma,
      vega: eus.vol + sens.vol,
      dr: eus.r + sens.r,
      dq: eus.q + sens.q,
      exercised: false,
    };
    return { price, vega: this.greeks.vega };
  }
}
