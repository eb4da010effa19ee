import type { LsmGrid } from './lsm-grid';
import type { PathNormals } from './lsm-normals';

/**
 * Simulates `paths` GBM paths of the (cum-dividend) spot at the grid nodes, stored node-major
 * (s[k·paths + i] = path i at node k) so the regression at node k reads one contiguous block.
 * With `antithetic`, paths 2j and 2j+1 use the normals z and -z. Exact log-normal steps
 * (no discretisation error between dates); cash dividends are taken off after their node, floored
 * at 0 (a path at 0 stays at 0).
 */
export function simulatePaths(grid: LsmGrid, spot: number, paths: number, antithetic: boolean, normals: PathNormals, out?: Float64Array): Float64Array {
  const n = grid.n;
  const s = out ?? new Float64Array(n * paths);
  const z = new Float64Array(n);
  const { drift, sd, dividend } = grid;
  const s0 = Math.max(spot - grid.initialDividend, 0);
  const step = antithetic ? 2 : 1;
  for (let i = 0; i < paths; i += step) {
    normals.next(z);
    for (let a = 0; a < step && i + a < paths; a++) {
      const sign = a === 0 ? 1 : -1;
      let x = s0;
      for (let k = 0; k < n; k++) {
        x *= Math.exp(drift[k] + sign * sd[k] * z[k]);
        s[k * paths + i + a] = x;
        const d = dividend[k];
        if (d > 0) x = x > d ? x - d : 0;
      }
    }
  }
  return s;
}
