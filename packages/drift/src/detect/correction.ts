/**
 * Multiple-testing corrections for the per-column p-values.
 */
export type Correction = 'none' | 'bonferroni' | 'benjamini-hochberg';

/**
 * Adjusted p-values: Bonferroni min(1, m·p); Benjamini-Hochberg (1995) step-up
 * p_(i) ← min_{j>=i} min(1, m·p_(j)/j) (statsmodels' fdr_bh); 'none' returns them unchanged.
 * Reject H0 for a column when its adjusted p-value is below alpha.
 */
export function adjustPValues(p: readonly number[], method: Correction): number[] {
  const m = p.length;
  if (method === 'none' || m === 0) return [...p];
  if (method === 'bonferroni') return p.map((v) => Math.min(1, v * m));
  const order = p.map((v, i) => i).sort((a, b) => p[a] - p[b]);
  const out = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r];
    running = Math.min(running, (p[i] * m) / (r + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}
