/**
 * Categorical samples: counting, total variation, and the chi-square test over the union of categories.
 */
import { InvalidInputError } from '@quantforge/core';
import { chiSquareTest, type ContingencyTestResult } from './chi-square-test';

export type Category = string | number | boolean;

/** Category counts in first-seen order. */
export function countCategories(x: ArrayLike<Category>, field: string): Map<Category, number> {
  if (x === null || typeof x !== 'object' || typeof (x as { length?: unknown }).length !== 'number') {
    throw new InvalidInputError(field, 'must be an array of categories', x);
  }
  const m = new Map<Category, number>();
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) {
      throw new InvalidInputError(`${field}[${i}]`, 'must be a string, boolean or finite number', v);
    }
    m.set(v, (m.get(v) ?? 0) + 1);
  }
  return m;
}

/** Aligned count vectors over the union of categories (reference order first, then unseen ones). */
export function alignCounts(ref: Map<Category, number>, cur: Map<Category, number>): { categories: Category[]; a: Float64Array; b: Float64Array } {
  const categories: Category[] = [...ref.keys()];
  for (const k of cur.keys()) if (!ref.has(k)) categories.push(k);
  const a = new Float64Array(categories.length);
  const b = new Float64Array(categories.length);
  categories.forEach((c, i) => {
    a[i] = ref.get(c) ?? 0;
    b[i] = cur.get(c) ?? 0;
  });
  return { categories, a, b };
}

/**
 * Total variation distance between two categorical samples: ½ Σ_c |p_ref(c) − p_cur(c)| over the
 * union of categories (categories unseen in the reference count with p_ref = 0). In [0, 1].
 */
export function totalVariation(reference: ArrayLike<Category>, current: ArrayLike<Category>): number {
  const r = countCategories(reference, 'reference');
  const c = countCategories(current, 'current');
  if (reference.length === 0) throw new InvalidInputError('reference', 'needs at least 1 value, got 0');
  if (current.length === 0) throw new InvalidInputError('current', 'needs at least 1 value, got 0');
  const { a, b } = alignCounts(r, c);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] / reference.length - b[i] / current.length);
  return s / 2;
}

/** Chi-square homogeneity test of two categorical samples over the union of their categories. */
export function chiSquareTestCategorical(reference: ArrayLike<Category>, current: ArrayLike<Category>): ContingencyTestResult {
  const r = countCategories(reference, 'reference');
  const c = countCategories(current, 'current');
  if (reference.length === 0) throw new InvalidInputError('reference', 'needs at least 1 value, got 0');
  if (current.length === 0) throw new InvalidInputError('current', 'needs at least 1 value, got 0');
  const { a, b } = alignCounts(r, c);
  return chiSquareTest(a, b);
}
