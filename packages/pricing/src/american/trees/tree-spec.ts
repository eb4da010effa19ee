import { bsPriceKernel } from '../../european/black-scholes';
import type { EngineResult } from '../types';

/**
 * What a backward induction needs besides the lattice step. The tree runs on x = spot − PV of
 * the cash dividends still to be paid (escrowed-dividend model), so exercising at time t_k
 * pays w·(x + D(t_k) − K) = w·(x − strikeAt[k]).
 */
export interface TreeSpec {
  /** +1 call, −1 put. */
  w: 1 | -1;
  strike: number;
  /** x at t = 0 (the spot when there are no cash dividends). */
  x0: number;
  /** Time steps over [0, expiry]. */
  steps: number;
  expiry: number;
  rate: number;
  dividendYield: number;
  vol: number;
  /** Effective strike K − D(t_k) at t_k = k·expiry/steps, k = 0..steps. */
  strikeAt: Float64Array;
  /** Broadie-Detemple: the values one step before expiry are the European prices (then the max with exercise). */
  smoothing: boolean;
}

/**
 * The European value over the last step, used by the Broadie & Detemple (1996) smoothing:
 * Black-Scholes on x with the strike the payoff sees (exact when that strike is <= 0: the call
 * is then a forward and the put is worthless).
 */
export function europeanLastStep(s: TreeSpec, x: number, dt: number): number {
  const k = s.strikeAt[s.steps];
  if (k > 0) return bsPriceKernel(s.w, x, k, dt, s.rate, s.dividendYield, s.vol);
  return s.w === 1 ? x * Math.exp(-s.dividendYield * dt) - k * Math.exp(-s.rate * dt) : 0;
}

/**
 * Quadratic Lagrange interpolation through (x_i, y_i), i = 0..2, at `target`: reads the value at
 * a spot that falls between tree nodes (theta with cash dividends or drifting trees). In x, not
 * ln x, so that a value linear in the spot (the exercise region) is reproduced exactly.
 */
export function interpolate(x0: number, x1: number, x2: number, y0: number, y1: number, y2: number, t: number): number {
  return (
    (y0 * (t - x1) * (t - x2)) / ((x0 - x1) * (x0 - x2)) +
    (y1 * (t - x0) * (t - x2)) / ((x1 - x0) * (x1 - x2)) +
    (y2 * (t - x0) * (t - x1)) / ((x2 - x0) * (x2 - x1))
  );
}

/** Greeks at t = 0 from three nodes x_d < x_m = x0 < x_u (central, non-uniform spacing). */
export function greeksFromNodes(xd: number, xm: number, xu: number, vd: number, vm: number, vu: number): { delta: number; gamma: number } {
  const slopeUp = (vu - vm) / (xu - xm);
  const slopeDown = (vm - vd) / (xm - xd);
  return {
    delta: (vu - vd) / (xu - xd),
    gamma: (2 * (slopeUp - slopeDown)) / (xu - xd),
  };
}

/**
 * Collects the exercise boundary level by level. `g` holds continuation − exercise at the
 * nodes of one level (spots x_j = xLow·ratio^j, j = 0..count−1). A put is exercised on a run of
 * low nodes, a call on a run of high nodes; the critical x is where g crosses 0 between the
 * last exercised and the first continuation node, found by linear interpolation of g (accurate
 * to a fraction of the node spacing, ~σ√dt relative).
 */
export class BoundaryCollector {
  private readonly time: Float64Array;
  private readonly spot: Float64Array;
  private size = 0;
  /** g < −tol counts as exercised, so rounding in regions where exercise is a tie (r = 0) is ignored. */
  private readonly tol: number;

  constructor(capacity: number, strike: number) {
    this.time = new Float64Array(capacity);
    this.spot = new Float64Array(capacity);
    this.tol = 1e-13 * strike;
  }

  add(w: 1 | -1, tau: number, g: Float64Array, count: number, xLow: number, ratio: number, dividendPv: number): void {
    const tol = this.tol;
    let a: number;
    let b: number;
    if (w === -1) {
      if (!(g[0] < -tol)) return;
      a = 0;
      while (a + 1 < count && g[a + 1] < -tol) a++;
      if (a + 1 >= count) return;
      b = a + 1;
    } else {
      if (!(g[count - 1] < -tol)) return;
      a = count - 1;
      while (a - 1 >= 0 && g[a - 1] < -tol) a--;
      if (a - 1 < 0) return;
      b = a - 1;
    }
    const xa = xLow * Math.pow(ratio, a);
    const xb = xLow * Math.pow(ratio, b);
    const ga = g[a];
    const gb = g[b];
    const x = xa + ((xb - xa) * -ga) / (gb - ga);
    this.time[this.size] = tau;
    this.spot[this.size] = x + dividendPv;
    this.size++;
  }

  result(): NonNullable<EngineResult['boundary']> {
    return { time: this.time.slice(0, this.size), spot: this.spot.slice(0, this.size) };
  }
}

/**
 * Value, first and second derivative at `t` of the polynomial through (x_i, y_i) (Newton divided
 * differences, Horner with derivatives): reads price, delta and gamma at a spot between nodes.
 */
export function polynomialAt(x: ArrayLike<number>, y: ArrayLike<number>, t: number): [number, number, number] {
  const n = x.length;
  const c = Array.from(y);
  for (let k = 1; k < n; k++) {
    for (let i = n - 1; i >= k; i--) c[i] = (c[i] - c[i - 1]) / (x[i] - x[i - k]);
  }
  let p = c[n - 1];
  let d1 = 0;
  let d2 = 0;
  for (let k = n - 2; k >= 0; k--) {
    const u = t - x[k];
    d2 = d2 * u + 2 * d1;
    d1 = d1 * u + p;
    p = p * u + c[k];
  }
  return [p, d1, d2];
}
