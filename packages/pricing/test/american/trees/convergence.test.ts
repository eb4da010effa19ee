/**
 * Convergence in the number of steps against qdfp.json, on a documented subset (every 5th case,
 * 30 cases) so the test stays fast: the RMS price error over the subset at n = 100, 200, 400, 800.
 * Plain trees are asked for explicitly (richardson: false, smoothing: false); {} are the defaults.
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
    const e = rmsErrors('crr', { richardson: false, smoothing: false });
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
    const e = rmsErrors('crr', { smoothing: true, richardson: false });
    console.info(`BBS RMS error: ${e.map((x) => x.toExponential(2)).join(', ')}`);
    for (let i = 1; i < e.length; i++) expect(e[i - 1] / e[i]).toBeGreaterThan(1.8);
  });

  it('Leisen-Reimer: smaller error than CRR at every n; with Richardson it falls faster than first order', () => {
    const crr = rmsErrors('crr', { richardson: false, smoothing: false });
    const lr = rmsErrors('leisen-reimer', { richardson: false });
    const lrr = rmsErrors('leisen-reimer', {});
    console.info(`LR RMS error: ${lr.map((x) => x.toExponential(2)).join(', ')}; LR + Richardson: ${lrr.map((x) => x.toExponential(2)).join(', ')}`);
    for (let i = 0; i < STEPS.length; i++) expect(lr[i]).toBeLessThan(crr[i] / 2);
    for (let i = 1; i < STEPS.length; i++) expect(lr[i - 1] / lr[i]).toBeGreaterThan(1.6);
    expect(lrr[0] / lrr[3]).toBeGreaterThan(9);
    expect(lrr[3]).toBeLessThan(lr[3] / 3);
  });

  it('BBSR (smoothing + Richardson, the default) on CRR: faster than first order', () => {
    const e = rmsErrors('crr', {});
    console.info(`BBSR RMS error: ${e.map((x) => x.toExponential(2)).join(', ')}`);
    expect(e[0] / e[3]).toBeGreaterThan(10);
  });

  it('trinomial (strike-aligned, two grids averaged): smooth first order without Richardson, so the default Richardson converges faster', () => {
    // Without Richardson the error halves as the steps double (ratio ~1.95 at every doubling:
    // smooth, unlike the spot-centred σ√(3dt) tree whose error jumps with n); with it (the
    // default) the RMS error falls by > 10 over three doublings (measured 4.9e-4 -> 3.6e-5).
    const plain = rmsErrors('trinomial', { richardson: false });
    const e = rmsErrors('trinomial', {});
    console.info(`trinomial RMS error, plain: ${plain.map((x) => x.toExponential(2)).join(', ')}; default: ${e.map((x) => x.toExponential(2)).join(', ')}`);
    for (let i = 1; i < STEPS.length; i++) {
      expect(plain[i - 1] / plain[i]).toBeGreaterThan(1.8);
      expect(plain[i - 1] / plain[i]).toBeLessThan(2.2);
      expect(e[i - 1] / e[i]).toBeGreaterThan(1.8);
    }
    expect(e[0] / e[3]).toBeGreaterThan(10);
    expect(e[3]).toBeLessThan(plain[3] / 10);
  });
});
