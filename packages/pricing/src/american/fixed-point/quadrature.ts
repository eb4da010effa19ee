/**
 * Quadrature rules of the fixed-point American engine (QuantLib's QdFpLegendreScheme /
 * QdFpTanhSinhIterationScheme): Gauss-Legendre with fixed nodes, and tanh-sinh (double
 * exponential, Takahasi & Mori 1974) with level doubling. Integrands are vector-valued: `f(x, out)`
 * writes `dim` components into `out`, so a price and its greeks (or the two integrals of one
 * fixed-point equation) share every evaluation.
 */

/** A vector-valued integrand: writes f(x) into out[0..dim-1]. */
export type VectorIntegrand = (x: number, out: Float64Array) => void;

/** A fixed quadrature rule on [-1, 1]: ∫ f ≈ Σ w_i f(x_i). */
export interface FixedRule {
  x: Float64Array;
  w: Float64Array;
}

/** Integrates f over [a, b] into `result[0..dim-1]`. */
export interface Integrator {
  integrate(f: VectorIntegrand, a: number, b: number, dim: number, result: Float64Array): void;
  /**
   * The rule's nodes and weights on [-1, 1] when it is fixed (not adaptive), so a caller can
   * precompute everything that depends only on the nodes; undefined for adaptive rules.
   */
  rule?(): FixedRule | undefined;
}

const legendreCache = new Map<number, { x: Float64Array; w: Float64Array }>();

/**
 * Nodes (ascending) and weights of the n-point Gauss-Legendre rule on [-1, 1], by Newton's method
 * on P_n from the Tricomi initial guesses; nodes and weights to a few ulps.
 */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const cached = legendreCache.get(n);
  if (cached !== undefined) return cached;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = (n + 1) >> 1;
  for (let i = 0; i < m; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 0 ? 1 : p1;
      const pn1 = n === 1 ? 1 : p0;
      dp = (n * (z * pn - pn1)) / (z * z - 1);
      const dz = pn / dp;
      z -= dz;
      if (Math.abs(dz) <= 1e-16 * Math.max(1, Math.abs(z))) break;
    }
    // Derivative at the converged node for the weight.
    let p0 = 1;
    let p1 = z;
    for (let k = 2; k <= n; k++) {
      const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    dp = n === 1 ? 1 : (n * (z * p1 - p0)) / (z * z - 1);
    const wi = 2 / ((1 - z * z) * dp * dp);
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = wi;
    w[n - 1 - i] = wi;
  }
  if (n % 2 === 1) x[m - 1] = 0;
  const rule = { x, w };
  legendreCache.set(n, rule);
  return rule;
}

/** The n-point Gauss-Legendre rule mapped to [a, b]. */
export class GaussLegendreIntegrator implements Integrator {
  readonly x: Float64Array;
  readonly w: Float64Array;
  private readonly buf = new Float64Array(8);
  constructor(readonly order: number) {
    const rule = gaussLegendre(order);
    this.x = rule.x;
    this.w = rule.w;
  }
  rule(): FixedRule {
    return { x: this.x, w: this.w };
  }
  integrate(f: VectorIntegrand, a: number, b: number, dim: number, result: Float64Array): void {
    const c = 0.5 * (b - a);
    const m = 0.5 * (b + a);
    const buf = this.buf;
    for (let k = 0; k < dim; k++) result[k] = 0;
    for (let i = this.x.length - 1; i >= 0; i--) {
      f(m + c * this.x[i]!, buf);
      const wi = this.w[i]!;
      for (let k = 0; k < dim; k++) result[k] += wi * buf[k]!;
    }
    for (let k = 0; k < dim; k++) result[k] *= c;
  }
}

/** Tanh-sinh abscissas of one level: t = k·h for the new k of the level (odd k after level 0). */
interface TanhSinhLevel {
  /** 1 - |x| (the distance to the nearer end of [-1, 1]), formed without cancellation. */
  c: Float64Array;
  /** Weight dx/dt at t. */
  w: Float64Array;
}

/** Truncation of the t-axis: beyond it weights are below 1e-15 and abscissas round to ±1. */
const T_MAX = 3.2;
const MAX_LEVEL = 10;
const tanhSinhLevels: TanhSinhLevel[] = [];

function tanhSinhLevel(level: number): TanhSinhLevel {
  while (tanhSinhLevels.length <= level) {
    const l = tanhSinhLevels.length;
    const h = 2 ** -l;
    const ts: number[] = [];
    if (l === 0) for (let k = 0; k * h <= T_MAX; k++) ts.push(k * h);
    else for (let k = 1; k * h <= T_MAX; k += 2) ts.push(k * h);
    const c = new Float64Array(ts.length);
    const w = new Float64Array(ts.length);
    ts.forEach((t, i) => {
      const u = 0.5 * Math.PI * Math.sinh(t);
      const e = Math.exp(-2 * u); // 1 - tanh(u) = 2e^{-2u}/(1+e^{-2u})
      c[i] = (2 * e) / (1 + e);
      const ch = Math.cosh(u);
      w[i] = (0.5 * Math.PI * Math.cosh(t)) / (ch * ch);
    });
    tanhSinhLevels.push({ c, w });
  }
  return tanhSinhLevels[level]!;
}

/**
 * Tanh-sinh quadrature. Adaptive (eps > 0): halves the step until two successive levels agree to
 * eps·L1 in every component (as Boost's tanh_sinh used by QuantLib's TanhSinhIntegral; the
 * levels differ in detail, so results agree with QuantLib's to about eps, not bit for bit).
 * Fixed (`fixedLevel`): always sums levels 0..fixedLevel, so the result is a smooth function of
 * the integrand's parameters (no jump when the adaptive level switches) — what bumped greeks need.
 */
export class TanhSinhIntegrator implements Integrator {
  private readonly buf = new Float64Array(8);
  private readonly sum = new Float64Array(8);
  private readonly l1 = new Float64Array(8);
  private readonly prev = new Float64Array(8);
  constructor(
    readonly eps: number,
    readonly fixedLevel = -1,
    readonly minLevel = 2,
  ) {}

  private fixedRule: FixedRule | undefined;

  /** Levels 0..fixedLevel as one rule (the same nodes and weights `integrate` uses); undefined when adaptive. */
  rule(): FixedRule | undefined {
    if (this.fixedLevel < 0) return undefined;
    if (this.fixedRule !== undefined) return this.fixedRule;
    const h = 2 ** -this.fixedLevel;
    const xs: number[] = [];
    const ws: number[] = [];
    for (let level = 0; level <= this.fixedLevel; level++) {
      const { c, w } = tanhSinhLevel(level);
      for (let i = 0; i < c.length; i++) {
        if (level === 0 && i === 0) {
          xs.push(0);
          ws.push(h * w[i]!);
          continue;
        }
        xs.push(1 - c[i]!, -1 + c[i]!);
        ws.push(h * w[i]!, h * w[i]!);
      }
    }
    this.fixedRule = { x: Float64Array.from(xs), w: Float64Array.from(ws) };
    return this.fixedRule;
  }

  integrate(f: VectorIntegrand, a: number, b: number, dim: number, result: Float64Array): void {
    const half = 0.5 * (b - a);
    const mid = 0.5 * (a + b);
    const { buf, sum, l1, prev } = this;
    for (let k = 0; k < dim; k++) sum[k] = l1[k] = 0;
    const maxLevel = this.fixedLevel >= 0 ? this.fixedLevel : MAX_LEVEL;
    let h = 1;
    for (let level = 0; level <= maxLevel; level++) {
      const { c, w } = tanhSinhLevel(level);
      for (let i = 0; i < c.length; i++) {
        const wi = w[i]!;
        if (level === 0 && i === 0) {
          f(mid, buf);
          for (let k = 0; k < dim; k++) {
            sum[k] += wi * buf[k]!;
            l1[k] += wi * Math.abs(buf[k]!);
          }
          continue;
        }
        const d = half * c[i]!;
        f(b - d, buf);
        for (let k = 0; k < dim; k++) {
          sum[k] += wi * buf[k]!;
          l1[k] += wi * Math.abs(buf[k]!);
        }
        f(a + d, buf);
        for (let k = 0; k < dim; k++) {
          sum[k] += wi * buf[k]!;
          l1[k] += wi * Math.abs(buf[k]!);
        }
      }
      // The trapezoidal sum over levels 0..L is taken with the step h = 2^-L.
      h = 2 ** -level;
      if (this.fixedLevel < 0 && level >= this.minLevel) {
        let done = true;
        for (let k = 0; k < dim; k++) {
          if (Math.abs(h * sum[k]! - prev[k]!) > this.eps * h * l1[k]!) {
            done = false;
            break;
          }
        }
        if (done) break;
      }
      for (let k = 0; k < dim; k++) prev[k] = h * sum[k]!;
    }
    for (let k = 0; k < dim; k++) result[k] = half * h * sum[k]!;
  }
}
