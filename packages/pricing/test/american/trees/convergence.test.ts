/**
 * Convergence in the number of steps against qdfp.json, on a documented subset (every 5th case,
 * 30 cases) so the test stays fast: the RMS price error over the subset at n = 100, 200, 400, 800.
 */
import { describe, expect, it } from 'vitest';
import { americanParams } from '../../../src/american/params';
import { treeEngine } from '../../../src/american/trees/tree-engine';
import type { AmericanInput, AmericanOptions, TreeMethod } from '../../../src/american/types';
import { loadFixture } from '../../../../../test-utils/fixture';

const fixture = loadFixture<AmericanInput, { price: number }>(new URL('../../fixtures/american/qdfp.json', import.meta.url));
const subset = fixture.cases.filter((_, i) => i % 5 === 0);
const STEPS = [100, 200, 400, 800];

function rmsErrors(method: TreeMethod, options: AmericanOptions): number[] {
  return STEPS.map((steps) => {
    let sum = 0;
    for (const c of subset) {
      const e = treeEngine(americanParams(c.input), { ...options, steps }, method, false).price - c.expected.price;
      sum += e * e;
    }
    return Math.sqrt(sum / subset.length);
  });
}

describe('tree convergence (RMS error over 30 qdfp cases)', () => {
  it('CRR: first order, the error roughly halves as the steps double', () => {
    const e = rmsErrors('crr', {});
    console.info(`CRR RMS error at n = ${STEPS.join(', ')}: ${e.map((x) => x.toExponential(2)).join(', ')}`);
    for (let i = 1; i < e.length; i++) {
      const ratio = e[i - 1] / e[i];
      expect(ratio).toBeGreaterThan(1.4);
      expect(ratio).toBeLessThan(3);
    }
    // Over three doublings: close to 2³ = 8.
    expect(e[0] / e[3]).toBeGreaterThan(6);
  });

  it('BBS (CRR + smoothing): monotone first-order convergence, each doubling halves the error', () => {
    const e = rmsErrors('crr', { smoothing: true });
    console.info(`BBS RMS error: ${e.map((x) => x.toExponential(2)).join(', ')}`);
    for (let i = 1; i < e.length; i++) expect(e[i - 1] / e[i]).toBeGreaterThan(1.8);
  });

  it('Leisen-Reimer: smaller error than CRR at every n; with Richardson it falls faster than first order', () => {
    const crr = rmsErrors('crr', {});
    const lr = rmsErrors('leisen-reimer', {});
    const lrr = rmsErrors('leisen-reimer', { richardson: true });
    console.info(`LR RMS error: ${lr.map((x) => x.toExponential(2)).join(', ')}; LR + Richardson: ${lrr.map((x) => x.toExponential(2)).join(', ')}`);
    for (let i = 0; i < STEPS.length; i++) expect(lr[i]).toBeLessThan(crr[i] / 2);
    for (let i = 1; i < STEPS.length; i++) expect(lr[i - 1] / lr[i]).toBeGreaterThan(1.6);
    expect(lrr[0] / lrr[3]).toBeGreaterThan(9);
    expect(lrr[3]).toBeLessThan(lr[3] / 3);
  });

  it('BBSR (smoothing + Richardson) on CRR: faster than first order', () => {
    const e = rmsErrors('crr', { smoothing: true, richardson: true });
    console.info(`BBSR RMS error: ${e.map((x) => x.toExponential(2)).join(', ')}`);
    expect(e[0] / e[3]).toBeGreaterThan(10);
  });
});
