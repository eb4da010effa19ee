import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/errors';
import { Xoshiro256StarStar, createRng } from '../../src/random/xoshiro';
import { loadFixture } from '../../../../test-utils/fixture';

interface RefCase {
  seed: number;
}
interface RefExpected {
  state: string[];
  uint64: string[];
  float53: number[];
  afterJumpUint64: string[];
}

// Produced by packages/core/scripts/xoshiro-ref.c (the Blackman & Vigna reference code).
const ref = loadFixture<RefCase, RefExpected>(new URL('../fixtures/xoshiro256starstar-ref.json', import.meta.url));

const hex = (x: bigint): string => x.toString(16).padStart(16, '0');

describe('Xoshiro256StarStar against the reference C implementation', () => {
  for (const c of ref.cases) {
    it(`${c.id}: 64-bit outputs`, () => {
      const rng = createRng(c.input.seed);
      const got = c.expected.uint64.map(() => hex(rng.nextBigUint64()));
      expect(got).toEqual(c.expected.uint64);
    });

    it(`${c.id}: nextUint32 is the upper half`, () => {
      const rng = createRng(c.input.seed);
      const got = c.expected.uint64.map(() => rng.nextUint32());
      expect(got).toEqual(c.expected.uint64.map((h) => parseInt(h.slice(0, 8), 16)));
    });

    it(`${c.id}: nextFloat equals (x >> 11) * 2^-53 bit for bit`, () => {
      const rng = createRng(c.input.seed);
      const got = c.expected.float53.map(() => rng.nextFloat());
      expect(got).toEqual(c.expected.float53);
    });

    it(`${c.id}: jump()`, () => {
      const rng = createRng(c.input.seed);
      rng.jump();
      const got = c.expected.afterJumpUint64.map(() => hex(rng.nextBigUint64()));
      expect(got).toEqual(c.expected.afterJumpUint64);
    });
  }
});

describe('Xoshiro256StarStar behaviour', () => {
  it('same seed gives the same numbers; different seeds differ', () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (seed) => {
        const a = createRng(seed);
        const b = new Xoshiro256StarStar(seed);
        const c = createRng(seed === 0 ? 1 : -seed);
        const xa = [a.nextFloat(), a.nextNormal(), a.nextUint32(), a.nextNormal()];
        const xb = [b.nextFloat(), b.nextNormal(), b.nextUint32(), b.nextNormal()];
        expect(xa).toEqual(xb);
        expect(c.nextFloat()).not.toBe(xa[0]);
      }),
      { numRuns: 200 },
    );
  });

  it('fillNormal equals repeated nextNormal, including odd lengths (cached pair member)', () => {
    const a = createRng(7);
    const b = createRng(7);
    const out = a.fillNormal(new Float64Array(101));
    a.fillNormal(out.subarray(0, 0));
    const next = a.nextNormal();
    const ref = Array.from({ length: 101 }, () => b.nextNormal());
    expect(Array.from(out)).toEqual(ref);
    expect(next).toBe(b.nextNormal());
  });

  it('clone continues the same stream independently; jump gives a different stream', () => {
    const a = createRng(11);
    a.nextNormal(); // leaves a cached normal, which the clone must share
    const b = a.clone();
    expect([a.nextNormal(), a.nextFloat(), a.nextNormal()]).toEqual([b.nextNormal(), b.nextFloat(), b.nextNormal()]);
    const c = a.clone();
    c.jump();
    const d = a.clone();
    d.longJump();
    const xa = a.nextBigUint64();
    expect(c.nextBigUint64()).not.toBe(xa);
    expect(d.nextBigUint64()).not.toBe(xa);
  });

  it('accepts any integer-valued seed, reducing it modulo 2^64 as the C cast does', () => {
    const big = createRng(2 ** 64 + 2 ** 12); // exactly representable; ≡ 4096 (mod 2^64)
    const small = createRng(4096);
    expect(big.nextBigUint64()).toBe(small.nextBigUint64());
    const neg = createRng(-(2 ** 63)); // (uint64_t)INT64_MIN = 2^63
    const pos = createRng(2 ** 63);
    expect(neg.nextBigUint64()).toBe(pos.nextBigUint64());
  });

  it('rejects a non-integer or non-finite seed, naming the field', () => {
    for (const bad of [NaN, Infinity, -Infinity, 1.5, '3' as unknown as number, undefined as unknown as number]) {
      expect(() => createRng(bad)).toThrow(InvalidInputError);
      try {
        createRng(bad);
      } catch (e) {
        expect((e as InvalidInputError).field).toBe('seed');
      }
    }
  });

  it('uniforms: range, mean, variance and a 64-bin chi-square', () => {
    const n = 200_000;
    const rng = createRng(2024);
    const bins = new Float64Array(64);
    let sum = 0;
    let sum2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.nextFloat();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sum2 += u * u;
      bins[Math.floor(u * 64)]++;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    const variance = sum2 / n - mean * mean;
    // Tolerances are 5 standard errors: sd(U)/sqrt(n) = 0.00065 for the mean,
    // sd(U^2 - ...)/sqrt(n) ~ sqrt(1/180)/sqrt(n) = 0.00017 for the variance.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
    const e = n / 64;
    let chi2 = 0;
    for (const b of bins) chi2 += ((b - e) * (b - e)) / e;
    // chi-square with 63 dof: mean 63, sd sqrt(126) = 11.2; 63 + 5 sd = 119.
    expect(chi2).toBeLessThan(119);
  });

  it('normals: first four moments and P(|Z| < 1) within 5 standard errors', () => {
    const n = 200_000;
    const z = createRng(99).fillNormal(new Float64Array(n));
    let m1 = 0;
    let inside = 0;
    for (const x of z) {
      m1 += x;
      if (Math.abs(x) < 1) inside++;
    }
    m1 /= n;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (const x of z) {
      const d = x - m1;
      m2 += d * d;
      m3 += d * d * d;
      m4 += d * d * d * d;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    const skew = m3 / m2 ** 1.5;
    const kurt = m4 / (m2 * m2);
    // Asymptotic standard errors under normality: mean 1/sqrt(n), variance sqrt(2/n),
    // skewness sqrt(6/n), kurtosis sqrt(24/n).
    expect(Math.abs(m1)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(skew)).toBeLessThan(5 * Math.sqrt(6 / n));
    expect(Math.abs(kurt - 3)).toBeLessThan(5 * Math.sqrt(24 / n));
    // P(|Z| < 1) = erf(1/sqrt(2)) (mpmath, 30 digits: 0.682689492137085897170465091264).
    const p = 0.6826894921370859;
    expect(Math.abs(inside / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });
});
