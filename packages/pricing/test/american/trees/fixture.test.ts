/**
 * Trees against packages/pricing/test/fixtures/american/qdfp.json (QuantLib QdFp high precision
 * price, FD delta/gamma; see the file's `conventions`).
 *
 * Defaults (1000 steps; Richardson; Broadie-Detemple smoothing for CRR, JR, Tian, Trigeorgis;
 * the trinomial on strike-aligned grids): every tree within 1e-3 on all 150 cases (measured max:
 * CRR 4.5e-4, JR 9.6e-4, Tian 3.9e-4, Trigeorgis 4.3e-4, LR/Joshi 6.8e-4, trinomial 1.2e-4).
 * The plain trees (richardson: false, smoothing: false) have an O(K·σ·√T/n) error, checked on a
 * documented subset (every 3rd case, 50 cases) to keep the test fast: max err·n/(Kσ√T) < 0.2
 * (measured on all 150 at 1000 steps: 3.5e-3 for LR/Joshi to 1.3e-2 for Tian in absolute terms).
 */
import { describe, expect, it } from 'vitest';
import { americanParams } from '../../../src/american/params';
import { treeEngine } from '../../../src/american/trees/tree-engine';
import type { AmericanInput, AmericanOptions, TreeMethod } from '../../../src/american/types';
import { loadFixture } from '../../../../../test-utils/fixture';

const fixture = loadFixture<AmericanInput, { price: number; delta: number; gamma: number }>(
  new URL('../../fixtures/american/qdfp.json', import.meta.url),
);
const METHODS: TreeMethod[] = ['crr', 'jr', 'tian', 'trigeorgis', 'leisen-reimer', 'joshi', 'trinomial'];
const PLAIN: AmericanOptions = { richardson: false, smoothing: false };
const subset = fixture.cases.filter((_, i) => i % 3 === 0);

function worst(method: TreeMethod, options: AmericanOptions, cases = fixture.cases) {
  let price = 0;
  let scaled = 0;
  let delta = 0;
  let gamma = 0;
  let theta = 0;
  let within1e3 = 0;
  for (const c of cases) {
    const p = americanParams(c.input);
    const r = treeEngine(p, options, method, false);
    const e = c.expected;
    const err = Math.abs(r.price - e.price);
    price = Math.max(price, err);
    if (err <= 1e-3) within1e3++;
    scaled = Math.max(scaled, (err * (options.steps ?? 1000)) / (p.strike * p.vol * Math.sqrt(p.expiry)));
    delta = Math.max(delta, Math.abs(r.delta - e.delta));
    gamma = Math.max(gamma, Math.abs(r.gamma - e.gamma));
    // Reference theta from the Black-Scholes PDE at the fixture's price, delta and gamma (exact
    // in the continuation region); 0 where the option is exercised at once.
    const exercise = Math.max(p.w * (p.spot - p.strike), 0);
    const thetaRef =
      e.price - exercise < 1e-9
        ? 0
        : p.rate * e.price - (p.rate - p.dividendYield) * p.spot * e.delta - 0.5 * p.vol * p.vol * p.spot * p.spot * e.gamma;
    theta = Math.max(theta, Math.abs(r.theta - thetaRef));
  }
  return { price, scaled, delta, gamma, theta, within1e3 };
}

describe(`trees vs ${fixture.name} (${fixture.cases.length} cases)`, () => {
  it.each(METHODS)('%s at its defaults (1000 steps): every price within 1e-3, delta 1e-3, gamma 3e-4, theta 0.04', (method) => {
    const w = worst(method, {});
    console.info(
      `${method} default: max |price err| ${w.price.toExponential(2)} (${w.within1e3}/${fixture.cases.length} within 1e-3), ` +
        `delta ${w.delta.toExponential(2)}, gamma ${w.gamma.toExponential(2)}, theta ${w.theta.toExponential(2)}`,
    );
    expect(w.price).toBeLessThan(1e-3);
    expect(w.delta).toBeLessThan(1e-3);
    expect(w.gamma).toBeLessThan(3e-4);
    expect(w.theta).toBeLessThan(0.04);
  });

  it.each(METHODS)(`%s plain (richardson: false, smoothing: false, 1000 steps, ${subset.length} cases): price within 0.2·K·σ·√T/n, delta 1e-3, gamma 2e-4`, (method) => {
    const w = worst(method, PLAIN, subset);
    console.info(`${method} plain: max |price err| ${w.price.toExponential(2)}, max err·n/(Kσ√T) ${w.scaled.toFixed(3)}, delta ${w.delta.toExponential(2)}, gamma ${w.gamma.toExponential(2)}`);
    expect(w.scaled).toBeLessThan(0.2);
    expect(w.price).toBeLessThan(1.5e-2);
    expect(w.delta).toBeLessThan(1e-3);
    expect(w.gamma).toBeLessThan(2e-4);
  });
});
