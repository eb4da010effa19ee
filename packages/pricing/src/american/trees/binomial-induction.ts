import type { EngineResult } from '../types';
import type { BinomialLattice } from './lattice';
import { BoundaryCollector, europeanLastStep, greeksFromNodes, interpolate } from './tree-spec';
import type { TreeSpec } from './tree-spec';

/**
 * Backward induction on a recombining binomial tree with early exercise at every node, in O(n)
 * memory (one Float64Array overwritten in place).
 *
 * The tree is extended two steps back in time (Pelsser & Vorst 1994, "The binomial model and the
 * Greeks", J. Derivatives): it starts at x0/(up·down) at t = −2dt, so that at t = 0 it has three
 * nodes x0·down/up, x0, x0·up/down. The price is the middle value, and delta and gamma are central
 * differences at t = 0 (not one- and two-step-forward estimates as in QuantLib's BinomialVanillaEngine).
 * Level k (time t_k = k·dt, k = 0..n) has k + 3 nodes x(k, j) = x0·up^(j−1)·down^(k+1−j).
 *
 * theta = (V(t_m, S) − V(0, S))/t_m with m = 2 (QuantLib reads the same node), V(t_m, S) read by
 * quadratic interpolation in x over the three middle nodes of level m (exact node when
 * up·down = 1 and there are no cash dividends).
 */
export function binomialInduction(s: TreeSpec, l: BinomialLattice, wantBoundary: boolean): EngineResult {
  const n = s.steps;
  const w = s.w;
  const dt = s.expiry / n;
  const disc = Math.exp(-s.rate * dt);
  const pUp = l.pu * disc;
  const pDown = (1 - l.pu) * disc;
  const { up, down } = l;
  const ratio = up / down;
  const strikeAt = s.strikeAt;
  const v = new Float64Array(n + 3);
  const g = wantBoundary ? new Float64Array(n + 3) : undefined;
  const boundary = wantBoundary ? new BoundaryCollector(n + 1, s.strike) : undefined;
  const thetaLevel = Math.min(2, s.smoothing ? n - 1 : n);
  // The three middle nodes of that level (it has thetaLevel + 3 nodes).
  const mid = (thetaLevel + 2) >> 1;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  // Lowest node of level k: x0·down^(k+1)/up.
  const lowest = (k: number) => (s.x0 * Math.pow(down, k + 1)) / up;

  let start: number;
  if (s.smoothing) {
    start = n - 1;
    const kk = strikeAt[start];
    let x = lowest(start);
    for (let j = 0; j <= start + 2; j++) {
      const euro = europeanLastStep(s, x, dt);
      const ex = w * (x - kk);
      v[j] = euro > ex ? euro : ex;
      if (g !== undefined) g[j] = euro - ex;
      x *= ratio;
    }
    if (boundary !== undefined && g !== undefined) boundary.add(w, dt, g, start + 3, lowest(start), ratio, s.strike - kk);
  } else {
    start = n;
    const kk = strikeAt[n];
    let x = lowest(n);
    for (let j = 0; j <= n + 2; j++) {
      const ex = w * (x - kk);
      v[j] = ex > 0 ? ex : 0;
      x *= ratio;
    }
  }
  if (start === thetaLevel) {
    t0 = v[mid - 1];
    t1 = v[mid];
    t2 = v[mid + 1];
  }

  for (let k = start - 1; k >= 0; k--) {
    const kk = strikeAt[k];
    let x = lowest(k);
    const count = k + 3;
    if (g === undefined) {
      // Hot loop: v[j + 1] is carried in a register to the next node (one load per node).
      let below = v[0];
      for (let j = 0; j < count; j++) {
        const above = v[j + 1];
        const cont = pDown * below + pUp * above;
        const ex = w * (x - kk);
        v[j] = cont > ex ? cont : ex;
        below = above;
        x *= ratio;
      }
    } else {
      for (let j = 0; j < count; j++) {
        const cont = pDown * v[j] + pUp * v[j + 1];
        const ex = w * (x - kk);
        v[j] = cont > ex ? cont : ex;
        g[j] = cont - ex;
        x *= ratio;
      }
      if (boundary !== undefined) boundary.add(w, s.expiry - k * dt, g, count, lowest(k), ratio, s.strike - kk);
    }
    if (k === thetaLevel) {
      t0 = v[mid - 1];
      t1 = v[mid];
      t2 = v[mid + 1];
    }
  }

  const x0 = s.x0;
  const xd = (x0 * down) / up;
  const xu = (x0 * up) / down;
  const price = v[1];
  const { delta, gamma } = greeksFromNodes(xd, x0, xu, v[0], v[1], v[2]);
  // The middle three nodes of level m: j = mid − 1, mid, mid + 1 -> x0·up^(j−1)·down^(m+1−j).
  const m = thetaLevel;
  const xm0 = x0 * Math.pow(up, mid - 2) * Math.pow(down, m + 2 - mid);
  const xm1 = xm0 * ratio;
  const xm2 = xm1 * ratio;
  const target = x0 + strikeAt[m] - strikeAt[0]; // the same spot S at t_m: S − D(t_m)
  const later = interpolate(xm0, xm1, xm2, t0, t1, t2, target);
  const theta = (later - price) / (m * dt);
  const result: EngineResult = { price, delta, gamma, theta };
  if (boundary !== undefined) result.boundary = boundary.result();
  return result;
}
