import { ChebyshevInterpolation } from './chebyshev';
import { planPoints, planPremium, plannedSweeps, presetScheme, schemePlan, schemePower, type FixedPointEquation, type FixedPointScheme, type SchemePlan, type SweepExpCache, type WarmPresetName } from './fixed-point-engine';
import type { FpPoints, PremiumPoints } from './collocation-plan';
import { europeanPut, putIsEuropean, putPremiumPlanned, type PremiumDiscounts, type PutProblem } from './premium';
import { putXMax, qdPlusPutBoundary, qdPlusPutBoundaryAtTau } from './qd-plus-boundary';
import { luFactor, luSolveColumn } from './lu';
import { europeanPutSensitivities, iftScratch, premiumPartials, solveSensitivities, sweepJacobian, type IftScratch } from './sensitivities';

const EPSILON = 2.220446049250313e-16;
const EMPTY = new Float64Array(0);
/** Largest relative vol move of a boundary along its tangent; beyond it evaluateNewton restarts from QD+. */
const MAX_TANGENT_MOVE = 0.2;
/**
 * Largest chord update max |Δy| a chord step continues from; beyond it, a Newton evaluation. The
 * update (I - J₀)⁻¹(G(y) - y), not the plain-sweep residual G(y) - y: at the first quartic nodes
 * (τ ~ 1e-7 T) the FP-B map is so steep that its residual stays ~1e-3 at the fixed point itself.
 */
const CHORD_MAX_RESIDUAL = 1e-3;

/** max_i |B[(i-1)·4 + c]|, i = 1..n. */
function maxAbsColumn(B: Float64Array, n: number, c: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(B[i * 4 + c]!));
  return m;
}

/** n×4 right-hand sides of the boundary Newton step (dy/dσ, dy/dr, dy/dq, G(y) - y), per n. */
const newtonRhsBySize = new Map<number, Float64Array>();

function newtonRhs(n: number): Float64Array {
  let b = newtonRhsBySize.get(n);
  if (b === undefined) {
    b = new Float64Array(n * 4);
    newtonRhsBySize.set(n, b);
  }
  return b;
}

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
  ok!: boolean;
  /** The put has no early exercise (r <= 0 and r <= q): European values. */
  european!: boolean;
  readonly pp: PutProblem = { S: 1, K: 1, r: 0, q: 0, vol: 0.2, T: 1 };
  y: Float64Array = EMPTY;
  private readonly name: WarmPresetName;
  private scheme!: FixedPointScheme;
  private equation!: FixedPointEquation;
  private power!: 2 | 4;
  private plan: SchemePlan | undefined;
  private pts: FpPoints | undefined;
  private premium: PremiumPoints | undefined;
  private useA!: boolean;
  private ift!: IftScratch;
  private xmax = 1;
  private dydv: Float64Array = EMPTY;
  private hasTangent = false;
  /** LU factors of I - ∂G/∂y from the last boundary-Newton evaluation (for chord steps). */
  private lu: Float64Array = EMPTY;
  private piv: Int32Array = new Int32Array(0);
  private luValid = false;
  /** max |Δy| of the last Newton or chord update of the boundary. */
  correction = NaN;
  /** ∂P/∂y · Δy of the last Newton or chord update: the price change the boundary update made. */
  priceCorrection = NaN;
  /** ∂P/∂y of the premium at the last boundary-Newton evaluation. */
  private py: Float64Array = EMPTY;
  /** The boundary update Δy of the last Newton evaluation (priced once ∂P/∂y is known). */
  private dy: Float64Array = EMPTY;
  /** ∂(premium)/∂σ of the last boundary-Newton evaluation (the chord steps' vega). */
  private premiumVega = NaN;
  /** Vol-independent factors of the sweep tables (same T, r, q for every evaluation). */
  private expCache: SweepExpCache | undefined;
  /** e^{-rt}, e^{-qt} at the premium's points (same T, r, q for every evaluation). */
  private disc: PremiumDiscounts | undefined;
  /** The vol of the stored y; NaN before the first evaluation. */
  vol = NaN;
  /** Filled by an evaluation with vega (undefined when the implicit-function solve failed). */
  greeks: WarmGreeks | undefined;

  constructor(S: number, K: number, r: number, q: number, T: number, name: WarmPresetName) {
    this.name = name;
    this.reset(S, K, r, q, T);
  }

  /**
   * Re-targets the solver to another option (put coordinates), as a new instance would be, reusing
   * its buffers when the sizes allow (callers that solve many options keep one solver: typed arrays
   * of more than a few elements are costly to allocate).
   */
  reset(S: number, K: number, r: number, q: number, T: number): void {
    const pp = this.pp;
    pp.S = S;
    pp.K = K;
    pp.r = r;
    pp.q = q;
    pp.vol = 0.2;
    pp.T = T;
    this.vol = NaN;
    this.greeks = undefined;
    this.hasTangent = false;
    this.european = putIsEuropean(r, q, T);
    const { scheme, equation } = presetScheme(this.name, pp);
    this.scheme = scheme;
    this.equation = equation;
    this.power = schemePower(scheme, pp);
    this.useA = equation === 'FP-A' || (equation === 'auto' && Math.abs(r - q) < 0.001);
    this.plan = schemePlan(scheme, this.power);
    this.pts = this.plan === undefined ? undefined : planPoints(this.plan, scheme, this.useA);
    this.premium = planPremium(this.plan, scheme, this.power);
    const size = scheme.nodes + 1;
    this.luValid = false;
    if (this.y.length !== size) {
      this.y = new Float64Array(size);
      this.dydv = new Float64Array(size);
      this.lu = new Float64Array((size - 1) * (size - 1));
      this.py = new Float64Array(size);
      this.dy = new Float64Array(size);
      this.piv = new Int32Array(size - 1);
    } else {
      this.y.fill(0);
      this.dydv.fill(0);
    }
    this.ift = iftScratch(size);
    this.xmax = putXMax(K, r, q);
    const len = this.pts === undefined ? 0 : scheme.nodes * this.pts.count;
    if (len === 0) this.expCache = undefined;
    else if (this.expCache === undefined || this.expCache.er.length !== len) this.expCache = { er: new Float64Array(len), eq: new Float64Array(len), filled: false };
    else this.expCache.filled = false;
    const pc = this.premium === undefined ? 0 : this.premium.count;
    if (pc === 0) this.disc = undefined;
    else if (this.disc === undefined || this.disc.dr.length !== pc) this.disc = { dr: new Float64Array(pc), dq: new Float64Array(pc), filled: false };
    else this.disc.filled = false;
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
    this.luValid = false;
    this.priceCorrection = NaN;
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
      const e = putPremiumPlanned(S, K, r, q, vol, T, { points: this.premium!, xmax: this.xmax, y, disc: this.disc });
      return { price: e.price > 0 ? eu + e.price : eu, vega: NaN };
    }
    const partials = premiumPartials(pp, this.xmax, y, this.premium!, this.ift, this.disc);
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

  /**
   * Put price and vega at `vol` with Newton's method on the boundary itself: `jnSweeps`
   * Jacobi-Newton sweeps from the stored boundary (moved along its vol tangent; QD+ on the first
   * call), then one sweep that also assembles J = ∂G/∂y of the plain map (sensitivities.ts) and
   * the update y <- y + (I - J)⁻¹ (G(y) - y) — quadratic convergence to the preset's fixed point
   * instead of the sweeps' linear rate — with the tangent dy/dσ (and dy/dr, dy/dq) from the same
   * factorisation, then the price and its sensitivities on the updated boundary. residual() is
   * max |G(y) - y| before the update; after it the boundary is O(residual²) from the fixed point.
   */
  evaluateNewton(vol: number, jnSweeps: number): WarmValue {
    if (this.european) return this.evaluate(vol, false, 0, 0, true);
    const pp = this.pp;
    pp.vol = vol;
    const { S, K, r, q, T } = pp;
    this.greeks = undefined;
    const y = this.y;
    if (Number.isNaN(this.vol) || Math.abs(vol - this.vol) > MAX_TANGENT_MOVE * this.vol) {
      // First call, or too far for the tangent (y scales like σ²): QD+ at this vol.
      y.set(qdPlusPutBoundary(S, K, r, q, vol, T, y.length, 1e-8, this.power).y);
      jnSweeps = Math.max(jnSweeps, this.scheme.newtonSweeps ?? 1);
    } else if (this.hasTangent) {
      const dv = vol - this.vol;
      for (let i = 1; i < y.length; i++) {
        const v = y[i]! + this.dydv[i]! * dv;
        if (v > 0) y[i] = v;
      }
    }
    const plan = this.plan!;
    const xmax = this.xmax;
    this.priceCorrection = NaN;
    // jnSweeps = 0 only fills the sweep tables.
    plannedSweeps(pp, xmax, y, plan, this.pts!, this.useA, this.scheme, undefined, jnSweeps, jnSweeps, this.expCache);
    const next = plan.next;
    const ift = this.ift;
    sweepJacobian(pp, xmax, y, plan, this.pts!, this.useA, next, ift);
    const n = y.length - 1;
    const B = newtonRhs(n);
    const rhs = ift.rhs;
    for (let i = 1; i <= n; i++) {
      const f = next[i]! - y[i]!;
      plan.prevF[i] = f;
      B[(i - 1) * 4] = rhs[(i - 1) * 3]!;
      B[(i - 1) * 4 + 1] = rhs[(i - 1) * 3 + 1]!;
      B[(i - 1) * 4 + 2] = rhs[(i - 1) * 3 + 2]!;
      B[(i - 1) * 4 + 3] = f;
    }
    this.vol = vol;
    const lu = this.lu;
    lu.set(ift.A);
    const solved = luFactor(lu, n, this.piv);
    this.luValid = solved;
    if (solved) for (let c = 0; c < 4; c++) luSolveColumn(lu, n, this.piv, B, 4, c);
    let corr = 0;
    for (let i = 1; i <= n; i++) {
      const v = solved ? y[i]! + B[(i - 1) * 4 + 3]! : NaN;
      // A Newton update that leaves y > 0 (or a singular system) falls back to the plain sweep.
      const yi = v > 0 && Number.isFinite(v) ? v : next[i]!;
      corr = Math.max(corr, Math.abs(yi - y[i]!));
      this.dy[i] = yi - y[i]!;
      y[i] = yi;
      if (solved) this.dydv[i] = B[(i - 1) * 4]!;
    }
    this.hasTangent = solved;
    this.correction = corr;
    const bT = xmax * Math.exp(-Math.sqrt(Math.max(0, y[n]!)));
    if (S <= bT) {
      this.greeks = { price: K - S, delta: -1, gamma: 0, vega: 0, dr: 0, dq: 0, exercised: true };
      return { price: K - S, vega: 0 };
    }
    const euv = europeanPut(S, K, r, q, vol, T);
    const partials = premiumPartials(pp, xmax, y, this.premium!, ift, this.disc);
    const eus = europeanPutSensitivities(S, K, r, q, vol, T);
    if (!(partials.price > 0)) {
      this.premiumVega = 0;
      this.greeks = { price: euv.price, delta: euv.delta, gamma: euv.gamma, vega: eus.vol, dr: eus.r, dq: eus.q, exercised: false };
      return { price: euv.price, vega: eus.vol };
    }
    const price = euv.price + partials.price;
    if (!solved) return { price, vega: NaN };
    let dS = partials.vol;
    let dR = partials.r;
    let dQ = partials.q;
    const Py = ift.Py;
    let pc = 0;
    for (let i = 1; i <= n; i++) pc += Py[i]! * this.dy[i]!;
    this.priceCorrection = pc;
    this.py.set(Py);
    for (let i = 1; i <= n; i++) {
      dS += Py[i]! * B[(i - 1) * 4]!;
      dR += Py[i]! * B[(i - 1) * 4 + 1]!;
      dQ += Py[i]! * B[(i - 1) * 4 + 2]!;
    }
    this.premiumVega = dS;
    this.greeks = { price, delta: euv.delta + partials.delta, gamma: euv.gamma + partials.gamma, vega: eus.vol + dS, dr: eus.r + dR, dq: eus.q + dQ, exercised: false };
    return { price, vega: this.greeks.vega };
  }

  /**
   * A chord step after {@link evaluateNewton}: one plain sweep from the stored boundary (moved
   * along its tangent) and y <- y + (I - J₀)⁻¹ (G(y) - y) with the stored factors J₀ of the last
   * Newton evaluation (linear convergence at the rate |J - J₀|, small for nearby vols), the price
   * on the updated boundary, and the vega with that evaluation's premium vega (the European part
   * exact). About half the cost of a Newton evaluation; no greeks. Falls back to
   * {@link evaluateNewton} without stored factors.
   */
  evaluateChord(vol: number): WarmValue {
    if (this.european || !this.luValid || !this.hasTangent || Number.isNaN(this.premiumVega) || !(Math.abs(vol - this.vol) <= MAX_TANGENT_MOVE * this.vol)) {
      return this.evaluateNewton(vol, 0);
    }
    const pp = this.pp;
    pp.vol = vol;
    const { S, K, r, q, T } = pp;
    this.greeks = undefined;
    const y = this.y;
    const n = y.length - 1;
    const dv = vol - this.vol;
    for (let i = 1; i <= n; i++) {
      const v = y[i]! + this.dydv[i]! * dv;
      if (v > 0) y[i] = v;
    }
    const plan = this.plan!;
    const xmax = this.xmax;
    // One plain sweep: y <- G(y), plan.prevF = G(y) - y.
    plannedSweeps(pp, xmax, y, plan, this.pts!, this.useA, this.scheme, undefined, 1, 0, this.expCache);
    const B = newtonRhs(n);
    const f = plan.prevF;
    for (let i = 1; i <= n; i++) B[(i - 1) * 4 + 3] = f[i]!;
    luSolveColumn(this.lu, n, this.piv, B, 4, 3);
    if (!(maxAbsColumn(B, n, 3) <= CHORD_MAX_RESIDUAL)) {
      // The chord update is large (the vol moved too far for the stored factors): back to the moved
      // boundary and a boundary-Newton evaluation from it (no Jacobi-Newton sweep: near the fixed
      // point it can jump to a spurious boundary deep in the money).
      for (let i = 1; i <= n; i++) y[i] = y[i]! - f[i]!;
      this.vol = vol;
      return this.evaluateNewton(vol, 0);
    }
    let corr = 0;
    let pc = 0;
    for (let i = 1; i <= n; i++) {
      // y holds G(y_old) = y_old + f.
      const yOld = y[i]! - f[i]!;
      const v = yOld + B[(i - 1) * 4 + 3]!;
      if (v > 0 && Number.isFinite(v)) y[i] = v;
      corr = Math.max(corr, Math.abs(y[i]! - yOld));
      pc += this.py[i]! * (y[i]! - yOld);
    }
    this.correction = corr;
    this.priceCorrection = pc;
    this.vol = vol;
    const bT = xmax * Math.exp(-Math.sqrt(Math.max(0, y[n]!)));
    if (S <= bT) return { price: K - S, vega: 0 };
    const eu = europeanPut(S, K, r, q, vol, T).price;
    const e = putPremiumPlanned(S, K, r, q, vol, T, { points: this.premium!, xmax, y, disc: this.disc });
    const sd = vol * Math.sqrt(T);
    const d2 = (Math.log(S / K) + (r - q) * T) / sd - 0.5 * sd;
    const vegaEu = K * Math.exp(-r * T - 0.5 * d2 * d2) * 0.3989422804014327 * Math.sqrt(T);
    if (!(e.price > 0)) return { price: eu, vega: vegaEu };
    return { price: eu + e.price, vega: vegaEu + this.premiumVega };
  }

  /**
   * After {@link evaluateNewton} at this.vol: one plain sweep from its boundary and the chord
   * update y <- y + (I - J₀)⁻¹(G(y) - y) with its stored factors (the boundary improves in place),
   * returning ∂P/∂y · Δy — the first-order change of the last evaluation's price that its
   * remaining boundary error made (a third of the cost of a chord evaluation: no premium). NaN
   * without stored factors or when the sweep jumps.
   */
  verifyBoundary(): number {
    if (this.european) return 0;
    if (!this.luValid || Number.isNaN(this.priceCorrection)) return NaN;
    const pp = this.pp;
    pp.vol = this.vol;
    const y = this.y;
    const n = y.length - 1;
    const plan = this.plan!;
    plannedSweeps(pp, this.xmax, y, plan, this.pts!, this.useA, this.scheme, undefined, 1, 0, this.expCache);
    const B = newtonRhs(n);
    const f = plan.prevF;
    for (let i = 1; i <= n; i++) B[(i - 1) * 4 + 3] = f[i]!;
    luSolveColumn(this.lu, n, this.piv, B, 4, 3);
    if (!(maxAbsColumn(B, n, 3) <= CHORD_MAX_RESIDUAL)) {
      for (let i = 1; i <= n; i++) y[i] = y[i]! - f[i]!;
      return NaN;
    }
    let pc = 0;
    for (let i = 1; i <= n; i++) {
      const yOld = y[i]! - f[i]!;
      const v = yOld + B[(i - 1) * 4 + 3]!;
      y[i] = v > 0 && Number.isFinite(v) ? v : yOld;
      pc += this.py[i]! * (y[i]! - yOld);
    }
    return pc;
  }
}
