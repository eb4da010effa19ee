import type { EngineResult } from '../types';
import type { TrinomialLattice } from './trinomial';
import { BoundaryCollector, europeanLastStep, greeksFromNodes, interpolate } from './tree-spec';
import type { TreeSpec } from './tree-spec';

/**
 * Backward induction on a recombining trinomial tree in ln x with early exercise at every node,
 * O(n) memory. As for the binomial trees the tree starts one step before t = 0 (Pelsser & Vorst
 * 1994) so that t = 0 has the nodes x0·e^{−dx}, x0, x0·e^{dx}: price, delta and gamma are read
 * there (central). Level k (t_k = k·dt) has 2k + 3 nodes x(k, j) = x0·e^{(j−k−1)dx}.
 * theta = (V(t_2, S) − V(0, S))/t_2, V(t_2, S) at the middle node (interpolated with cash
 * dividends, where S − D(t_2) is not a node).
 */
export function trinomialInduction(s: TreeSpec, l: TrinomialLattice, wantBoundary: boolean): EngineResult {
  const n = s.steps;
  const w = s.w;
  const dt = s.expiry / n;
  const disc = Math.exp(-s.rate * dt);
  const pUp = l.pu * disc;
  const pMid = l.pm * disc;
  const pDown = l.pd * disc;
  const ratio = Math.exp(l.dx);
  const strikeAt = s.strikeAt;
  const v = new Float64Array(2 * n + 3);
  const g = wantBoundary ? new Float64Array(2 * n + 3) : undefined;
  const boundary = wantBoundary ? new BoundaryCollector(n + 1, s.strike) : undefined;
  const thetaLevel = Math.min(2, s.smoothing ? n - 1 : n);
  const mid = thetaLevel + 1;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  const lowest = (k: number) => s.x0 * Math.exp(-(k + 1) * l.dx);

  let start: number;
  if (s.smoothing) {
    start = n - 1;
    const kk = strikeAt[start];
    let x = lowest(start);
    for (let j = 0; j <= 2 * start + 2; j++) {
      const euro = europeanLastStep(s, x, dt);
      const ex = w * (x - kk);
      v[j] = euro > ex ? euro : ex;
      if (g !== undefined) g[j] = euro - ex;
      x *= ratio;
    }
    if (boundary !== undefined && g !== undefined) boundary.add(w, dt, g, 2 * start + 3, lowest(start), ratio, s.strike - kk);
  } else {
    start = n;
    const kk = strikeAt[n];
    let x = lowest(n);
    for (let j = 0; j <= 2 * n + 2; j++) {
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
    const count = 2 * k + 3;
    if (g === undefined) {
      // Hot loop: v[j + 1], v[j + 2] are carried in registers (one load per node).
      let low = v[0];
      let middle = v[1];
      for (let j = 0; j < count; j++) {
        const high = v[j + 2];
        const cont = pDown * low + pMid * middle + pUp * high;
        const ex = w * (x - kk);
        v[j] = cont > ex ? cont : ex;
        low = middle;
        middle = high;
        x *= ratio;
      }
    } else {
      for (let j = 0; j < count; j++) {
        const cont = pDown * v[j] + pMid * v[j + 1] + pUp * v[j + 2];
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
  const xd = x0 / ratio;
  const xu = x0 * ratio;
  const price = v[1];
  const { delta, gamma } = greeksFromNodes(xd, x0, xu, v[0], v[1], v[2]);
  const target = x0 + strikeAt[thetaLevel] - strikeAt[0];
  const later = target === x0 ? t1 : interpolate(xd, x0, xu, t0, t1, t2, target);
  const theta = (later - price) / (thetaLevel * dt);
  const result: EngineResult = { price, delta, gamma, theta };
  if (boundary !== undefined) result.boundary = boundary.result();
  return result;
}
