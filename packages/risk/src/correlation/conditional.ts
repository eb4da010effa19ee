import { InvalidInputError } from '@quantforge/core';
import { pearsonMatrix, readReturns } from './matrix';

/** Correlation within one regime. */
export interface RegimeCorrelation {
  label: string;
  /** Observations with this label. */
  count: number;
  matrix: number[][];
}

/**
 * Correlations conditional on regime labels: the Pearson correlation of the observations that
 * carry each label (`labels[t]` for `returns[t]`; labels are compared as strings), in order of
 * first appearance. A regime with fewer than `minCount` (default 3) observations throws, naming
 * the label, since its estimate would be meaningless.
 */
export function conditionalCorrelation(
  returns: readonly ArrayLike<number>[],
  labels: ArrayLike<string | number>,
  options: { minCount?: number } = {},
): RegimeCorrelation[] {
  const { T, k, data } = readReturns(returns);
  if (labels === null || typeof labels !== 'object' || labels.length !== T) {
    throw new InvalidInputError('labels', `must have ${T} entries (one per observation)`, labels?.length);
  }
  const minCount = options.minCount ?? 3;
  const groups = new Map<string, number[]>();
  for (let t = 0; t < T; t++) {
    const l = labels[t];
    if ((typeof l !== 'string' && typeof l !== 'number') || (typeof l === 'number' && !Number.isFinite(l))) {
      throw new InvalidInputError(`labels[${t}]`, 'must be a string or a finite number', l);
    }
    const key = String(l);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(t);
  }
  const out: RegimeCorrelation[] = [];
  for (const [label, idx] of groups) {
    if (idx.length < minCount) throw new InvalidInputError(`labels`, `regime '${label}' has ${idx.length} observations, fewer than minCount ${minCount}`, label);
    const sub = new Float64Array(idx.length * k);
    idx.forEach((t, r) => sub.set(data.subarray(t * k, t * k + k), r * k));
    out.push({ label, count: idx.length, matrix: pearsonMatrix(sub, k, 0, idx.length, `returns (regime '${label}')`) });
  }
  return out;
}
