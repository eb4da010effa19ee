import type { EngineResult } from '../types';
import type { TrinomialGrid } from './trinomial';
import { BoundaryCollector, europeanLastStep, greeksFromNodes, interpolate, polynomialAt } from './tree-spec';
import type { TreeSpec } from './tree-spec';

/**
 * Backward induction on a recombining trinomial tree in ln x with early exercise at every node,
 * O(n) memory. With c = grid.halfWidth, level k (t_k = k·dt) has 2(k + c) + 1 nodes
 * x(k, j) = centre·e^{(j−k−c)dx} (see {@link TrinomialGrid}).
 *
 * c = 1, centre = x0: as for the binomial trees the tree starts one step before t = 0 (Pelsser &
 * Vorst 1994) so that t = 0 has the nodes x0·e^{−dx}, x0, x0·e^{dx}: price, delta and gamma are
 * read there (central). c = 2 (the spot between nodes): price, delta and gamma are the value and
 * derivatives at x0 of the quartic through the five nodes of t = 0 (in x, so that the exercise
 * region, linear in x, is reproduced exactly), or of the quadratic through the three nodes
 * around x0 when the exercise boundary lies among the five.
 * theta = (V(t_2, S) − V(0, S))/t_2, V(t_2, S) at the middle node, interpolated (quadratic for
 * c = 1, quartic for c = 2) when S − D(t_2) is not a node (cash dividends, c = 2).
 */
export function trinomialInduction(s: TreeSpec, grid: TrinomialGrid, wantBoundary: boolean): EngineResult {
  const l = grid.lattice;
  const c = grid.halfWidth;
  const n = s.steps;
  const w = s.w;
  const dt = s.expiry / n;
  const disc = Math.exp(-s.rate * dt);
  const pUp = l.pu * disc;
  const pMid = l.pm * disc;
  const pDown = l.pd * disc;
  const ratio = Math.exp(l.dx);
  const strikeAt = s.strikeAt;
  const v = new Float64Array(2 * (n + c) + 1);
  const g = wantBoundary ? new Float64Array(2 * (n + c) + 1) : undefined;
  const boundary = wantBoundary ? new BoundaryCollector(n + 1, s.strike) : undefined;
  const thetaLevel = Math.min(2, s.smoothing ? n - 1 : n);
  // The 2c + 1 middle nodes of the theta level start at index thetaLevel.
  const thetaValues = new Float64Array(2 * c + 1);
  const lowest = (k: number) => grid.centre * Math.exp(-(k + c) * l.dx);

  let start: number;
  if (s.smoothing) {
    start = n - 1;
    const kk = strikeAt[start];
    let x = lowest(start);
    for (let j = 0; j <= 2 * (start + c); j++) {
      const euro = europeanLastStep(s, x, dt);
      const ex = w * (x - kk);
      v[j] = euro > ex ? euro : ex;
      if (g !== undefined) g[j] = euro - ex;
      x *= ratio;
    }
    if (boundary !== undefined && g !== undefined) boundary.add(w, dt, g, 2 * (start + c) + 1, lowest(start), ratio, s.strike - kk);
  } else {
    start = n;
    const kk = strikeAt[n];
    let x = lowest(n);
    for (let j = 0; j <= 2 * (n + c); j++) {
      const ex = w * (x - kk);
      v[j] = ex > 0 ? ex : 0;
      x *= ratio;
    }
  }
  if (start === thetaLevel) thetaValues.set(v.subarray(thetaLevel, thetaLevel + 2 * c + 1));

  for (let k = start - 1; k >= 0; k--) {
    const kk = strikeAt[k];
    let x = lowest(k);
    const count = 2 * (k + c) + 1;
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
    if (k === thetaLevel) thetaValues.set(v.subarray(thetaLevel, thetaLevel + 2 * c + 1));
  }

  const x0 = s.x0;
  const target = x0 + strikeAt[thetaLevel] - strikeAt[0];
  let price: number;
  let delta: number;
  let gamma: number;
  let later: number;
  if (c === 1) {
    const xd = x0 / ratio;
    const xu = x0 * ratio;
    price = v[1];
    ({ delta, gamma } = greeksFromNodes(xd, x0, xu, v[0], v[1], v[2]));
    later = target === x0 ? thetaValues[1] : interpolate(xd, x0, xu, thetaValues[0], thetaValues[1], thetaValues[2], target);
  } else {
    const nodes = new Float64Array(5);
    for (let j = 0; j < 5; j++) nodes[j] = grid.centre * Math.exp((j - 2) * l.dx);
    // Where the exercise boundary crosses the five nodes the value has a kink in its second
    // derivative that the quartic would smear (a negative gamma): use the three nodes around
    // the spot there (their second divided difference keeps the sign of the convex values).
    const tol = 1e-12 * s.strike;
    let exercised = 0;
    for (let j = 0; j < 5; j++) if (v[j] <= w * (nodes[j] - strikeAt[0]) + tol) exercised++;
    if (exercised === 0 || exercised === 5) {
      [price, delta, gamma] = polynomialAt(nodes, v.subarray(0, 5), x0);
      later = polynomialAt(nodes, thetaValues, target)[0];
    } else {
      const near = x0 < grid.centre ? 1 : 2;
      const three = nodes.subarray(near - 1, near + 2);
      [price, delta, gamma] = polynomialAt(three, v.subarray(near - 1, near + 2), x0);
      later = polynomialAt(three, thetaValues.subarray(near - 1, near + 2), target)[0];
    }
  }
  // Interpolation near the exercise boundary can dip below the exercise value: the spot is then
  // in the exercise region (price = exercise value, delta = w, gamma = 0).
  const exerciseNow = w * (x0 - strikeAt[0]);
  if (c === 2 && price <= exerciseNow) {
    price = exerciseNow;
    delta = w;
    gamma = 0;
  }
  const theta = (later - price) / (thetaLevel * dt);
  const result: EngineResult = { price, delta, gamma, theta };
  if (boundary !== undefined) result.boundary = boundary.result();
  return result;
}
