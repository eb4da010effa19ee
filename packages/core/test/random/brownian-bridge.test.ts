import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/errors';
import { BrownianBridge } from '../../src/random/brownian-bridge';
import { createRng } from '../../src/random/xoshiro';

/** Columns of the bridge matrix: column k is the path built from the unit vector e_k. */
function bridgeMatrix(bb: BrownianBridge, increments = false): Float64Array[] {
  const n = bb.size;
  const cols: Float64Array[] = [];
  const e = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    e.fill(0);
    e[k] = 1;
    const out = new Float64Array(n);
    cols.push(increments ? bb.buildIncrements(e, out) : bb.buildPath(e, out));
  }
  return cols;
}

/** Strictly increasing positive times. */
const timeGrid = fc
  .array(fc.double({ min: 1e-3, max: 2, noNaN: true }), { minLength: 1, maxLength: 40 })
  .map((gaps) => {
    let t = 0;
    return gaps.map((g) => (t += g));
  });

describe('BrownianBridge', () => {
  it('is exact: L L^T = min(t_i, t_j) for any time grid (linearity, unit vectors)', () => {
    fc.assert(
      fc.property(timeGrid, (times) => {
        const bb = new BrownianBridge(times);
        const L = bridgeMatrix(bb);
        const n = times.length;
        const scale = times[n - 1];
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let c = 0;
            for (let k = 0; k < n; k++) c += L[k][i] * L[k][j];
            expect(Math.abs(c - Math.min(times[i], times[j]))).toBeLessThan(1e-12 * scale);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('increments are independent with variance t_i - t_{i-1}', () => {
    fc.assert(
      fc.property(timeGrid, (times) => {
        const bb = new BrownianBridge(times);
        const D = bridgeMatrix(bb, true);
        const n = times.length;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let c = 0;
            for (let k = 0; k < n; k++) c += D[k][i] * D[k][j];
            const expected = i === j ? times[i] - (i === 0 ? 0 : times[i - 1]) : 0;
            expect(Math.abs(c - expected)).toBeLessThan(1e-12 * times[n - 1]);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the first normal alone sets the terminal value: W(T) = sqrt(T) z_1', () => {
    fc.assert(
      fc.property(timeGrid, fc.integer(), (times, seed) => {
        const bb = new BrownianBridge(times);
        const z = createRng(seed).fillNormal(new Float64Array(times.length));
        const w = bb.buildPath(z, new Float64Array(times.length));
        expect(w[times.length - 1]).toBe(Math.sqrt(times[times.length - 1]) * z[0]);
      }),
      { numRuns: 100 },
    );
  });

  it('the second normal fills the middle: on a uniform grid of 2^m points it peaks at T/2 with sd sqrt(T)/2', () => {
    const n = 16;
    const T = 3;
    const times = Array.from({ length: n }, (_, i) => ((i + 1) * T) / n);
    const col = bridgeMatrix(new BrownianBridge(times))[1];
    // Var W(T/2) | W(T) = (T/2)(T/2)/T = T/4, so the bridge's own coefficient is sqrt(T)/2.
    expect(col[n / 2 - 1]).toBeCloseTo(Math.sqrt(T) / 2, 14);
    expect(col[n - 1]).toBe(0);
    const argmax = col.indexOf(Math.max(...col));
    expect(argmax).toBe(n / 2 - 1);
  });

  it('Monte Carlo covariance of W(t_i), W(t_j) matches min(t_i, t_j) within 5 standard errors', () => {
    const times = [0.1, 0.25, 0.5, 1, 1.7, 2];
    const n = times.length;
    const paths = 40_000;
    const bb = new BrownianBridge(times);
    const rng = createRng(12345);
    const z = new Float64Array(n);
    const w = new Float64Array(n);
    const sum = new Float64Array(n * n);
    for (let p = 0; p < paths; p++) {
      bb.buildPath(rng.fillNormal(z), w);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sum[i * n + j] += w[i] * w[j];
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const cov = sum[i * n + j] / paths; // the mean is known to be 0
        const exact = Math.min(times[i], times[j]);
        // For jointly normal zero-mean X, Y: Var(XY) = Var X Var Y + Cov(X,Y)^2.
        const se = Math.sqrt((times[i] * times[j] + exact * exact) / paths);
        expect(Math.abs(cov - exact), `cov(${i},${j})`).toBeLessThan(5 * se);
      }
    }
  });

  it('buildIncrements equals differences of buildPath; a single time works', () => {
    const bb = new BrownianBridge([0.3, 0.9, 1.2, 4]);
    const z = [0.3, -1.2, 0.7, 2.1];
    const w = bb.buildPath(z, new Float64Array(4));
    const d = bb.buildIncrements(z, new Float64Array(4));
    expect(Array.from(d)).toEqual([w[0], w[1] - w[0], w[2] - w[1], w[3] - w[2]]);
    const one = new BrownianBridge([2]);
    expect(one.buildPath([1.5], new Float64Array(1))[0]).toBe(Math.sqrt(2) * 1.5);
    expect(Array.from(bb.times)).toEqual([0.3, 0.9, 1.2, 4]);
  });

  it('rejects bad times and short buffers, naming the field', () => {
    const field = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidInputError);
        return (e as InvalidInputError).field;
      }
      return undefined;
    };
    expect(field(() => new BrownianBridge([]))).toBe('times');
    expect(field(() => new BrownianBridge(null as unknown as number[]))).toBe('times');
    expect(field(() => new BrownianBridge([0, 1]))).toBe('times[0]');
    expect(field(() => new BrownianBridge([1, 1]))).toBe('times[1]');
    expect(field(() => new BrownianBridge([1, 2, 1.5]))).toBe('times[2]');
    expect(field(() => new BrownianBridge([1, NaN]))).toBe('times[1]');
    expect(field(() => new BrownianBridge([1, Infinity]))).toBe('times[1]');
    const bb = new BrownianBridge([1, 2, 3]);
    expect(field(() => bb.buildPath([1, 2], new Float64Array(3)))).toBe('normals');
    expect(field(() => bb.buildPath([1, 2, 3], new Float64Array(2)))).toBe('out');
  });
});
