import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { InvalidInputError, NoSolutionError } from '../../src/errors/errors';
import { SOBOL_MAX_DIMENSION, SobolSequence } from '../../src/random/sobol';

// Produced by packages/core/scripts/make-sobol-fixture.py from scipy.stats.qmc.Sobol(scramble=False).
interface SobolFixture {
  source: string;
  n: number;
  points: Record<string, number[]>;
  checksums: [number, number][];
  skipped: { start: number; n: number; checksums: [number, number][] };
}
const ref = JSON.parse(readFileSync(new URL('../fixtures/sobol-scipy.json', import.meta.url), 'utf8')) as SobolFixture;

/** Points as integers X = x * 2^32, row-major. */
function intPoints(seq: SobolSequence, n: number): Float64Array {
  const out = seq.fill(n);
  for (let i = 0; i < out.length; i++) out[i] *= 2 ** 32;
  return out;
}

function checksums(pts: Float64Array, n: number, d: number): [number, number][] {
  const res: [number, number][] = [];
  for (let j = 0; j < d; j++) {
    let s = 0;
    let w = 0;
    for (let i = 0; i < n; i++) {
      s += pts[i * d + j];
      w += (i + 1) * pts[i * d + j];
    }
    res.push([s, w]);
  }
  return res;
}

describe('SobolSequence against scipy qmc.Sobol(scramble=False)', () => {
  it('first 256 points in selected dimensions, coordinate by coordinate', () => {
    const d = SOBOL_MAX_DIMENSION;
    const pts = intPoints(new SobolSequence(d), ref.n);
    for (const [dimStr, col] of Object.entries(ref.points)) {
      const j = Number(dimStr) - 1;
      const got = Array.from({ length: ref.n }, (_, i) => pts[i * d + j]);
      expect(got, `dimension ${dimStr}`).toEqual(col);
    }
  });

  it('first 256 points in every dimension 1..1111 (exact checksums)', () => {
    const d = SOBOL_MAX_DIMENSION;
    const pts = intPoints(new SobolSequence(d), ref.n);
    expect(checksums(pts, ref.n, d)).toEqual(ref.checksums);
  });

  it('a lower-dimensional sequence is the leading columns of a higher one', () => {
    const a = new SobolSequence(7).fill(64);
    const b = new SobolSequence(40).fill(64);
    for (let i = 0; i < 64; i++) for (let j = 0; j < 7; j++) expect(a[i * 7 + j]).toBe(b[i * 40 + j]);
  });

  it('skip reaches deep points (direction numbers up to V_30) exactly', () => {
    const d = SOBOL_MAX_DIMENSION;
    const seq = new SobolSequence(d, { skip: ref.skipped.start });
    expect(seq.index).toBe(ref.skipped.start);
    const pts = intPoints(seq, ref.skipped.n);
    expect(checksums(pts, ref.skipped.n, d)).toEqual(ref.skipped.checksums);
  });
});

describe('SobolSequence properties', () => {
  it('the first point is the origin; points lie in [0, 1)', () => {
    const seq = new SobolSequence(5);
    expect(Array.from(seq.next())).toEqual([0, 0, 0, 0, 0]);
    const pts = seq.fill(1023);
    expect(pts.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('each dimension of the first 2^k points hits each of 2^k equal bins exactly once', () => {
    const d = SOBOL_MAX_DIMENSION;
    const k = 10;
    const n = 2 ** k;
    const pts = new SobolSequence(d).fill(n);
    const seen = new Uint8Array(n);
    for (let j = 0; j < d; j++) {
      seen.fill(0);
      for (let i = 0; i < n; i++) seen[Math.floor(pts[i * d + j] * n)]++;
      if (!seen.every((c) => c === 1)) throw new Error(`dimension ${j + 1} is not stratified`);
    }
  });

  it('any block of 2^k points starting at a multiple of 2^k is stratified too (skip, reset)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: SOBOL_MAX_DIMENSION }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 2 ** 20 }),
        (dim, k, block) => {
          const n = 2 ** k;
          const seq = new SobolSequence(dim, { skip: block * n });
          const seen = new Uint8Array(n);
          const p = new Float64Array(dim);
          for (let i = 0; i < n; i++) {
            seq.nextInto(p);
            seen[Math.floor(p[dim - 1] * n)]++;
          }
          expect(seen.every((c) => c === 1)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('skip and reset agree with stepping through the sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 300 }), (dim, skip) => {
        const stepped = new SobolSequence(dim);
        stepped.fill(skip);
        const skipped = new SobolSequence(dim, { skip });
        const expected = stepped.next();
        expect(skipped.next()).toEqual(expected);
        skipped.reset(skip);
        expect(skipped.next()).toEqual(expected);
        expect(skipped.index).toBe(skip + 1);
      }),
      { numRuns: 50 },
    );
  });

  it('next(out) and nextInto(out) reuse the buffer; fill equals repeated next()', () => {
    const a = new SobolSequence(3);
    const b = new SobolSequence(3);
    const buf = new Float64Array(3);
    const all = b.fill(10);
    for (let i = 0; i < 10; i++) {
      expect(a.next(buf)).toBe(buf);
      expect(Array.from(buf)).toEqual(Array.from(all.subarray(3 * i, 3 * i + 3)));
    }
  });

  it('the last of the 2^32 points is returned, then the sequence throws', () => {
    const seq = new SobolSequence(2, { skip: 2 ** 32 - 1 });
    const last = seq.next();
    expect(last.every((x) => x > 0 && x < 1)).toBe(true);
    expect(() => seq.next()).toThrow(NoSolutionError);
  });

  it('rejects an invalid dimension, skip, or output buffer, naming the field', () => {
    const field = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        if (e instanceof InvalidInputError) return e.field;
        throw e;
      }
      return undefined;
    };
    for (const bad of [0, -1, 1.5, NaN, Infinity, SOBOL_MAX_DIMENSION + 1]) {
      expect(field(() => new SobolSequence(bad))).toBe('dimension');
    }
    for (const bad of [-1, 0.5, NaN, 2 ** 32]) {
      expect(field(() => new SobolSequence(2, { skip: bad }))).toBe('skip');
    }
    expect(field(() => new SobolSequence(3).nextInto(new Float64Array(2)))).toBe('out');
    expect(field(() => new SobolSequence(3).fill(2, new Float64Array(5)))).toBe('out');
    expect(field(() => new SobolSequence(3).reset(-2))).toBe('index');
  });
});
