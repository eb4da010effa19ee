/**
 * Trees against packages/pricing/test/fixtures/american/qdfp.json (QuantLib QdFp high precision
 * price, FD delta/gamma; see the file's `conventions`), all 150 cases.
 *
 * A tree's error is O(K·σ·√T / n): at the default 1000 steps the worst case of this fixture
 * (vol to 60%, expiry to 3y) is 3.5e-3 (Leisen-Reimer, Joshi) to 1.3e-2 (Tian), so the default
 * settings are checked against that scale, and the 1e-3 absolute target is met by the
 * accelerated settings: Broadie-Detemple smoothing + Richardson (BBSR) for CRR, Jarrow-Rudd,
 * Tian and Trigeorgis, Richardson for Leisen-Reimer and Joshi (both at 1000/1001 steps).
 * The trinomial tree's error is not smooth in n, so Richardson does not help it (measured:
 * BBSR worst 4e-3); it is checked at its default settings only.
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
const ACCELERATED: Partial<Record<TreeMethod, AmericanOptions>> = {
  crr: { smoothing: true, richardson: true },
  jr: { smoothing: true, richardson: true },
  tian: { smoothing: true, richardson: true },
  trigeorgis: { smoothing: true, richardson: true },
  'leisen-reimer': { richardson: true },
  joshi: { richardson: true },
};

function worst(method: TreeMethod, options: AmericanOptions) {
  let price = 0;
  let scaled = 0;
  let delta = 0;
  let gamma = 0;
  let theta = 0;
  let within1e3 = 0;
  for (const c of fixture.cases) {
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
  it.each(METHODS)('%s at the default 1000 steps: price within 0.2·K·σ·√T/n, delta 1e-3, gamma 2e-4, theta 0.04', (method) => {
    const w = worst(method, {});
    console.info(
      `${method} default: max |price err| ${w.price.toExponential(2)} (${w.within1e3}/${fixture.cases.length} within 1e-3), ` +
        `max err·n/(Kσ√T) ${w.scaled.toFixed(3)}, delta ${w.delta.toExponential(2)}, gamma ${w.gamma.toExponential(2)}, theta ${w.theta.toExponential(2)}`,
    );
    expect(w.scaled).toBeLessThan(0.2);
    expect(w.price).toBeLessThan(1.5e-2);
    expect(w.delta).toBeLessThan(1e-3);
    expect(w.gamma).toBeLessThan(2e-4);
    expect(w.theta).toBeLessThan(0.04);
  });

  it.each(Object.entries(ACCELERATED))('%s accelerated (%o): every price within 1e-3', (method, options) => {
    const w = worst(method as TreeMethod, options);
    console.info(`${method} ${JSON.stringify(options)}: max |price err| ${w.price.toExponential(2)}, delta ${w.delta.toExponential(2)}, gamma ${w.gamma.toExponential(2)}`);
    expect(w.price).toBeLessThan(1e-3);
    expect(w.delta).toBeLessThan(1e-3);
    expect(w.gamma).toBeLessThan(3e-4);
  });
});
