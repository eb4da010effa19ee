/**
 * Differences of `x` against the reference `ref` over the rows in `rows` (all when undefined):
 * max absolute difference, max relative difference over rows with ref > 1e-300, and the max
 * relative difference over rows with ref >= floor (prices that matter in practice).
 * A NaN in x where ref is finite counts as a failure.
 */
export function compare(x, ref, { rows, floor = 1e-6 } = {}) {
  let maxAbs = 0;
  let maxRel = 0;
  let maxRelFloor = 0;
  let failures = 0;
  const n = rows ? rows.length : ref.length;
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j] : j;
    const a = x[i];
    const b = ref[i];
    if (!Number.isFinite(b)) continue;
    if (!Number.isFinite(a)) {
      failures++;
      continue;
    }
    const d = Math.abs(a - b);
    if (d > maxAbs) maxAbs = d;
    if (Math.abs(b) > 1e-300) {
      const rel = d / Math.abs(b);
      if (rel > maxRel) maxRel = rel;
      if (Math.abs(b) >= floor && rel > maxRelFloor) maxRelFloor = rel;
    }
  }
  return { maxAbs, maxRel, maxRelFloor, failures };
}
