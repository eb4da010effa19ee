/** Bad tree options throw InvalidInputError naming the option and the limit. */
import { InvalidInputError } from '@quantforge/core';
import { describe, expect, it } from 'vitest';
import { americanParams } from '../../../src/american/params';
import { TREE_MAX_STEPS, treeEngine } from '../../../src/american/trees/tree-engine';
import type { AmericanOptions, TreeMethod } from '../../../src/american/types';

const p = americanParams({ type: 'put', spot: 100, strike: 100, expiry: 1, rate: 0.05, vol: 0.2 });

function errorOf(options: AmericanOptions, method: TreeMethod = 'crr'): InvalidInputError {
  try {
    treeEngine(p, options, method, false);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return e as InvalidInputError;
  }
  throw new Error('expected an InvalidInputError');
}

describe('tree options', () => {
  it.each([1, 0, -5, 2.5, Number.NaN, Number.POSITIVE_INFINITY, TREE_MAX_STEPS + 1])('steps = %s -> options.steps, minimum 2', (steps) => {
    const e = errorOf({ steps });
    expect(e.field).toBe('options.steps');
    expect(e.message).toContain('>= 2');
  });

  it('steps that are not a number are rejected', () => {
    expect(errorOf({ steps: '100' as unknown as number }).field).toBe('options.steps');
  });

  it('Richardson needs steps >= 4 (the half tree needs 2)', () => {
    const e = errorOf({ steps: 3, richardson: true });
    expect(e.field).toBe('options.steps');
    expect(e.message).toContain('>= 4');
    expect(() => treeEngine(p, { steps: 4, richardson: true }, 'crr', false)).not.toThrow();
  });

  it('richardson and smoothing must be booleans', () => {
    expect(errorOf({ richardson: 1 as unknown as boolean }).field).toBe('options.richardson');
    expect(errorOf({ smoothing: 'yes' as unknown as boolean }).field).toBe('options.smoothing');
  });

  it('the default Richardson needs steps >= 4 too; the message says how to go lower', () => {
    const e = errorOf({ steps: 2 });
    expect(e.field).toBe('options.steps');
    expect(e.message).toContain('>= 4');
    expect(e.message).toContain('richardson: false');
  });

  it.each(['crr', 'jr', 'tian', 'trigeorgis', 'leisen-reimer', 'joshi', 'trinomial'] as TreeMethod[])('%s works at the minimum 2 steps (richardson: false), with and without smoothing', (method) => {
    for (const smoothing of [false, true]) {
      const r = treeEngine(p, { steps: 2, smoothing, richardson: false }, method, true);
      for (const v of [r.price, r.delta, r.gamma, r.theta]) expect(Number.isFinite(v)).toBe(true);
      expect(r.price).toBeGreaterThan(0);
    }
  });

  it('Leisen-Reimer and Joshi round an even step count up to odd', () => {
    for (const method of ['leisen-reimer', 'joshi'] as TreeMethod[]) {
      expect(treeEngine(p, { steps: 200 }, method, false).price).toBe(treeEngine(p, { steps: 201 }, method, false).price);
    }
  });

  it('a tree that would span beyond the double range is rejected, never NaN (vol 10, T = 30)', () => {
    const q = americanParams({ type: 'put', spot: 100, strike: 100, expiry: 30, rate: 0.05, vol: 10 });
    for (const method of ['crr', 'jr', 'tian', 'trigeorgis', 'leisen-reimer', 'joshi', 'trinomial'] as TreeMethod[]) {
      expect(() => treeEngine(q, { steps: 1000 }, method, false)).toThrow(/options.steps.*too large/);
    }
    // ln S_T has mean (r − σ²/2)T = −1498: only a tree whose nodes do not follow the drift (CRR) fits.
    const r = treeEngine(q, { steps: 40 }, 'crr', false);
    expect(Number.isFinite(r.price) && Number.isFinite(r.delta) && Number.isFinite(r.gamma) && Number.isFinite(r.theta)).toBe(true);
    expect(() => treeEngine(q, { steps: 40 }, 'trinomial', false)).toThrow(/options.steps.*too large/);
  });

  it('the default is 1000 steps', () => {
    expect(treeEngine(p, {}, 'crr', false).price).toBe(treeEngine(p, { steps: 1000 }, 'crr', false).price);
  });

  it.each([
    ['crr', true],
    ['jr', true],
    ['tian', true],
    ['trigeorgis', true],
    ['leisen-reimer', false],
    ['joshi', false],
    ['trinomial', false],
  ] as [TreeMethod, boolean][])('%s defaults: richardson true, smoothing %s; explicit false gives the plain tree', (method, smoothing) => {
    const steps = 101;
    const price = (o: AmericanOptions) => treeEngine(p, { steps, ...o }, method, false).price;
    expect(price({})).toBe(price({ richardson: true, smoothing }));
    const plain = price({ richardson: false, smoothing: false });
    expect(plain).not.toBe(price({}));
    // Richardson is the documented combination of the plain trees at n and its coarse count.
    const n = steps;
    const h = method === 'leisen-reimer' || method === 'joshi' ? 51 : 50; // ⌊n/2⌋, odd for LR and Joshi
    const fine = price({ richardson: false, smoothing });
    const coarse = treeEngine(p, { steps: h, richardson: false, smoothing }, method, false).price;
    expect(price({})).toBeCloseTo((n * fine - h * coarse) / (n - h), 12);
  });
});
