import { InvalidInputError } from '@quantforge/core';
import { describe, expect, it } from 'vitest';
import { logReturns } from '../src/index';

describe('logReturns', () => {
  it('is ln(P_t / P_{t-1}) computed as Math.log of the ratio, length n - 1', () => {
    const p = [100, 101, 99.5, 99.5, 120];
    const r = logReturns(p);
    expect(r).toBeInstanceOf(Float64Array);
    expect(r.length).toBe(4);
    for (let t = 1; t < p.length; t++) expect(r[t - 1]).toBe(Math.log(p[t] / p[t - 1]));
    expect(r[2]).toBe(0);
  });

  it('accepts any array-like and does not modify it', () => {
    const p = new Float64Array([1, 2, 4]);
    const r = logReturns(p);
    expect(Array.from(r)).toEqual([Math.log(2), Math.log(2)]);
    expect(Array.from(p)).toEqual([1, 2, 4]);
    expect(logReturns({ length: 2, 0: 1, 1: Math.E })[0]).toBe(Math.log(Math.E));
  });

  it('gives an empty array for fewer than two prices', () => {
    expect(logReturns([]).length).toBe(0);
    expect(logReturns([5]).length).toBe(0);
  });

  it('throws InvalidInputError naming the first bad price (never a silent NaN or -Infinity)', () => {
    expect(() => logReturns([1, 0, 2])).toThrow(InvalidInputError);
    expect(() => logReturns([1, 0, 2])).toThrow(/prices\[1\]/);
    expect(() => logReturns([1, 2, -3])).toThrow(/prices\[2\]/);
    expect(() => logReturns([NaN])).toThrow(/prices\[0\]/);
    expect(() => logReturns([1, Infinity])).toThrow(/prices\[1\]/);
  });
});
