/**
 * Plot-ready distributions (reference vs current) for the report.
 */
import type { Category } from '../binned/categorical';
import { categoryCounts, type PreparedColumn } from './column-test';

export type ColumnDistribution =
  | { kind: 'numeric'; edges: number[]; reference: number[]; current: number[] }
  | { kind: 'categorical'; categories: string[]; reference: number[]; current: number[] };

/** Proportions over `bins` equal-width bins spanning both samples (numeric), or per category (top 30). */
export function columnDistribution(ref: PreparedColumn, cur: PreparedColumn, bins = 20): ColumnDistribution {
  if (ref.type === 'numeric' && cur.type === 'numeric') {
    const a = ref.sorted;
    const b = cur.sorted;
    const lo = Math.min(a[0], b[0]);
    const hi = Math.max(a[a.length - 1], b[b.length - 1]);
    const k = hi > lo ? bins : 1;
    const w = hi > lo ? (hi - lo) / k : 1;
    const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? (hi > lo ? hi : lo + 1) : lo + i * w));
    const hist = (s: Float64Array): number[] => {
      const c = new Array<number>(k).fill(0);
      for (let i = 0; i < s.length; i++) c[Math.min(k - 1, Math.floor((s[i] - lo) / w))]++;
      return c.map((v) => v / s.length);
    };
    return { kind: 'numeric', edges, reference: hist(a), current: hist(b) };
  }
  const r = categoryCounts(ref);
  const c = categoryCounts(cur);
  const cats: Category[] = [...r.counts.keys()];
  for (const key of c.counts.keys()) if (!r.counts.has(key)) cats.push(key);
  cats.sort((x, y) => (r.counts.get(y) ?? 0) + (c.counts.get(y) ?? 0) - ((r.counts.get(x) ?? 0) + (c.counts.get(x) ?? 0)));
  const top = cats.slice(0, 30);
  return {
    kind: 'categorical',
    categories: top.map(String),
    reference: top.map((x) => (r.counts.get(x) ?? 0) / r.size),
    current: top.map((x) => (c.counts.get(x) ?? 0) / c.size),
  };
}
