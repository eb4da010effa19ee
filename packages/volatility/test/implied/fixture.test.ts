import { describe, expect, it } from 'vitest';
import { NoSolutionError } from '@quantforge/core';
import { impliedVol } from '../../src/index';
import { lastIterations } from '../../src/implied/lets-be-rational';
import fixture from '../fixtures/iv.json';

interface Case {
  id: string;
  input: { type: 'call' | 'put'; price: number; spot: number; strike: number; expiry: number; rate: number; dividendYield: number };
  expected: { vol?: number; error?: string };
  info: { kind?: string; reason?: string };
}

const cases = fixture.cases as Case[];
const rel = fixture.tolerance.rel;

describe('impliedVol against iv.json (mpmath 40-digit BSM prices)', () => {
  const valid = cases.filter((c) => c.expected.vol !== undefined);
  const rejected = cases.filter((c) => c.expected.error !== undefined);

  it('has cases in every category', () => {
    const kinds = new Set(valid.map((c) => c.info.kind));
    expect([...kinds].sort()).toEqual(['deep', 'highvol', 'lowvol', 'oneday', 'regular']);
    expect(rejected.length).toBeGreaterThan(0);
  });

  it.each(valid.map((c) => [c.id, c.info.kind, c] as const))('%s (%s) recovers the vol to 1e-9 relative', (_id, _kind, c) => {
    const vol = impliedVol(c.input);
    const expected = c.expected.vol as number;
    expect(Math.abs(vol - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
    // Let's Be Rational: never more than two Householder(3) iterations.
    expect(lastIterations()).toBeLessThanOrEqual(2);
  });

  it.each(rejected.map((c) => [c.id, c] as const))('%s is rejected as out of bounds with the matching code', (_id, c) => {
    expect(() => impliedVol(c.input)).toThrow(NoSolutionError);
    const reason = c.info.reason as string;
    const code = reason.startsWith('below') ? 'below-intrinsic' : reason.startsWith('above') ? 'above-upper-bound' : 'negative-price';
    expect(() => impliedVol(c.input)).toThrow(expect.objectContaining({ code }));
  });

  it('summary: max relative error per category, iterations', () => {
    const worst: Record<string, number> = {};
    const iterationHistogram = [0, 0, 0];
    for (const c of valid) {
      const vol = impliedVol(c.input);
      iterationHistogram[lastIterations()]++;
      const e = Math.abs(vol - (c.expected.vol as number)) / (c.expected.vol as number);
      const kind = c.info.kind as string;
      worst[kind] = Math.max(worst[kind] ?? 0, e);
    }
    // Printed for the report; the per-case tests above are the assertions.
    console.info('iv.json max relative error by category:', worst, 'iterations histogram [0,1,2]:', iterationHistogram);
    expect(Math.max(...Object.values(worst))).toBeLessThanOrEqual(rel);
    expect(iterationHistogram[0] + iterationHistogram[1] + iterationHistogram[2]).toBe(valid.length);
  });
});
