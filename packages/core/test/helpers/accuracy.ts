/**
 * Accuracy bookkeeping for the special-function tests: errors in ulps of the reference value
 * and relative errors, measured against the mpmath fixture test/fixtures/normal.json.
 */
import { loadFixture, type Fixture, type FixtureCase } from '../../../../test-utils/fixture';

export type NormalInput = { fn: string; x?: number; y?: number; p?: number; rho?: number };
export type NormalCase = FixtureCase<NormalInput, Record<string, number>>;

export const normalFixture: Fixture<NormalInput, Record<string, number>> = loadFixture(
  new URL('../fixtures/normal.json', import.meta.url),
);

export function casesFor(fn: string): NormalCase[] {
  return normalFixture.cases.filter((c) => c.input.fn === fn);
}

/** The spacing of doubles at |v| (2^-1074 in the subnormal range). */
export function ulp(v: number): number {
  const a = Math.abs(v);
  if (a < 2.2250738585072014e-308) return 5e-324;
  const e = Math.floor(Math.log2(a));
  // guard log2 rounding at powers of two
  const p = 2 ** e > a ? e - 1 : 2 ** (e + 1) <= a ? e + 1 : e;
  return 2 ** (p - 52);
}

export function ulpError(got: number, exp: number): number {
  if (got === exp) return 0;
  return Math.abs(got - exp) / ulp(exp);
}

export function relError(got: number, exp: number): number {
  if (got === exp) return 0;
  return Math.abs(got - exp) / Math.abs(exp);
}

export interface ErrorSummary {
  cases: number;
  maxRel: number;
  maxUlp: number;
  worst: string;
}

export function summarize(rows: { id: string; got: number; exp: number }[]): ErrorSummary {
  let maxRel = 0;
  let maxUlp = 0;
  let worst = '';
  for (const r of rows) {
    const rel = relError(r.got, r.exp);
    const u = ulpError(r.got, r.exp);
    if (rel > maxRel) {
      maxRel = rel;
      worst = r.id;
    }
    maxUlp = Math.max(maxUlp, u);
  }
  return { cases: rows.length, maxRel, maxUlp, worst };
}
