import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bsPrice, logRatio } from '@quantforge/pricing';
import { monteCarloPnl, resolveCovariance, simulateFactorShocks } from '@quantforge/risk';
import type { MarketData, Position } from '@quantforge/risk';
import { hoistedEuropeanPrice, hoistEuropeans, MODE_GENERIC, MODE_REGULAR, MODE_SMALL_T, revalueEuropeanBlock } from '../../src/montecarlo/european-revaluation';

interface Case {
  type: 'call' | 'put';
  spot: number;
  strike: number;
  expiry: number;
  rate: number;
  dividendYield: number;
  vol: number;
  /** ln(S'/S₀) of the scenario. */
  move: number;
}

/** |fast − bsPrice| in units of the tolerance max(1e-13·|bsPrice|, 1e-15·S'). */
function errorOverTolerance(c: Case): { ratio: number; rel: number; fast: number; ref: number } {
  const e = hoistEuropeans([{ w: c.type === 'call' ? 1 : -1, spot: c.spot, strike: c.strike, expiry: c.expiry, rate: c.rate, dividendYield: c.dividendYield, vol: c.vol }]);
  const S = c.spot * Math.exp(c.move);
  const fast = hoistedEuropeanPrice(e, 0, logRatio(S, c.spot), S);
  const ref = bsPrice({ type: c.type, spot: S, strike: c.strike, expiry: c.expiry, rate: c.rate, dividendYield: c.dividendYield, vol: c.vol });
  const err = Math.abs(fast - ref);
  return { ratio: err / Math.max(1e-13 * Math.abs(ref), 1e-15 * S), rel: ref > 0 ? err / ref : err === 0 ? 0 : Infinity, fast, ref };
}

const caseArb = fc.record({
  type: fc.constantFrom<'call' | 'put'>('call', 'put'),
  spot: fc.double({ min: 0, max: 9, noNaN: true }).map((u) => Math.exp(u)),
  strike: fc.double({ min: -3, max: 3, noNaN: true }),
  expiry: fc.double({ min: -9, max: 1.6, noNaN: true }).map((u) => Math.exp(u)),
  rate: fc.double({ min: -0.05, max: 0.15, noNaN: true }),
  dividendYield: fc.double({ min: 0, max: 0.1, noNaN: true }),
  vol: fc.double({ min: -5, max: 1, noNaN: true }).map((u) => Math.exp(u)),
  move: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
});

describe('hoisted European revaluation vs bsPrice', () => {
  it('agrees with bsPrice on random options and scenarios (1e-13 relative or 1e-15·spot absolute)', () => {
    fc.assert(
      fc.property(caseArb, (raw) => {
        const c: Case = { ...raw, strike: raw.spot * Math.exp(raw.strike) };
        const r = errorOverTolerance(c);
        expect(Number.isFinite(r.fast)).toBe(true);
        expect(r.ratio).toBeLessThanOrEqual(1);
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('keeps relative precision far out of the money, across every branch (asymptotic, small t, Mills ratio, textbook)', () => {
    let worst = 0;
    const modes = new Set<number>();
    for (const type of ['call', 'put'] as const) {
      for (const vol of [0.005, 0.02, 0.1, 0.3, 1, 3]) {
        for (const expiry of [1 / 365, 0.05, 0.5, 2, 10]) {
          for (const k of [0.2, 0.5, 0.8, 0.95, 1, 1.05, 1.25, 2, 5]) {
            for (const move of [-0.3, -0.01, 0, 0.02, 0.25]) {
              const c: Case = { type, spot: 100, strike: 100 * k, expiry, rate: 0.03, dividendYield: 0.01, vol, move };
              const r = errorOverTolerance(c);
              expect(r.ratio).toBeLessThanOrEqual(1);
              // Relative precision wherever the price is representable well above the underflow.
              if (r.ref > 1e-290) worst = Math.max(worst, r.rel);
              const e = hoistEuropeans([{ w: 1, spot: 100, strike: 100 * k, expiry, rate: 0.03, dividendYield: 0.01, vol }]);
              modes.add(e.mode[0]);
            }
          }
        }
      }
    }
    expect(modes).toEqual(new Set([MODE_SMALL_T, MODE_REGULAR]));
    // Prices down to 1e-290 of the spot: relative error bounded by the conditioning ~(1 + h²)·ε of
    // the problem itself (h = ln(F/K)/σ√T up to ~500 here), never by cancellation.
    console.log(`far out of the money: worst relative error vs bsPrice ${worst.toExponential(3)}`);
    expect(worst).toBeLessThan(1e-11);
  });

  it('matches bsPrice to 1e-13 relative for every price above 1e-12 of spot', () => {
    let worst = 0;
    fc.assert(
      fc.property(caseArb, (raw) => {
        const c: Case = { ...raw, strike: raw.spot * Math.exp(raw.strike) };
        const r = errorOverTolerance(c);
        const S = c.spot * Math.exp(c.move);
        if (r.ref > 1e-12 * S) {
          worst = Math.max(worst, r.rel);
          expect(r.rel).toBeLessThanOrEqual(1e-13);
        }
      }),
      { numRuns: 3000, seed: 11 },
    );
    console.log(`random options, prices above 1e-12·spot: worst relative error vs bsPrice ${worst.toExponential(3)}`);
  });

  it('Mills-ratio branch just above the series threshold: 1e-13 relative for h in [-10, 0]', () => {
    let worst = 0;
    for (const t of [0.05, 0.07, 0.1, 0.15, 0.2, 0.25]) {
      const s = 2 * t;
      for (let h = -10; h <= 0; h += 0.125) {
        // Out-of-the-money call with ln(F/K) = h·s (r = q = 0, so F = spot).
        for (const type of ['call', 'put'] as const) {
          const x = type === 'call' ? h * s : -h * s;
          const c: Case = { type, spot: 100, strike: 100 * Math.exp(-x), expiry: 1, rate: 0, dividendYield: 0, vol: s, move: 0 };
          const r = errorOverTolerance(c);
          worst = Math.max(worst, r.rel);
        }
      }
    }
    console.log(`t in [0.05, 0.25], h in [-10, 0]: worst relative error vs bsPrice ${worst.toExponential(3)}`);
    expect(worst).toBeLessThanOrEqual(1e-13);
  });

  it('the block loop gives the scalar price bit for bit (scale 1, base 0)', () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.double({ min: -0.6, max: 0.6, noNaN: true }), { minLength: 1, maxLength: 8 }), (raw, moves) => {
        const e = hoistEuropeans([{ w: raw.type === 'call' ? 1 : -1, spot: raw.spot, strike: raw.spot * Math.exp(raw.strike), expiry: raw.expiry, rate: raw.rate, dividendYield: raw.dividendYield, vol: raw.vol }]);
        if (e.mode[0] === MODE_GENERIC) return;
        const spot = Float64Array.from(moves, (m) => raw.spot * Math.exp(m));
        const logMove = Float64Array.from(spot, (S) => logRatio(S, raw.spot));
        const pnl = new Float64Array(moves.length);
        const keep = new Float64Array(moves.length);
        revalueEuropeanBlock(e, 0, logMove, spot, moves.length, 1, 0, pnl, 0, keep);
        for (let u = 0; u < moves.length; u++) {
          expect(pnl[u]).toBe(hoistedEuropeanPrice(e, 0, logMove[u], spot[u]));
          expect(keep[u]).toBe(pnl[u]);
        }
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it('takes the generic kernel for expired options and gives intrinsic value', () => {
    const e = hoistEuropeans([
      { w: 1, spot: 100, strike: 90, expiry: 0, rate: 0.03, dividendYield: 0, vol: 0.2 },
      { w: -1, spot: 100, strike: 90, expiry: 0, rate: 0.03, dividendYield: 0, vol: 0.2 },
    ]);
    expect(e.mode[0]).toBe(MODE_GENERIC);
    expect(hoistedEuropeanPrice(e, 0, logRatio(110, 100), 110)).toBe(20);
    expect(hoistedEuropeanPrice(e, 1, logRatio(110, 100), 110)).toBe(0);
    expect(hoistedEuropeanPrice(e, 1, logRatio(80, 100), 80)).toBe(10);
  });

  it('at the money (x = 0) and at ±0 moves', () => {
    for (const move of [0, -0]) {
      const c: Case = { type: 'call', spot: 100, strike: 100 * Math.exp(0.02 * 0.5), expiry: 0.5, rate: 0.03, dividendYield: 0.01, vol: 0.2, move };
      expect(errorOverTolerance(c).ratio).toBeLessThanOrEqual(1);
    }
  });
});

describe('monteCarloPnl full revaluation vs bsPrice scenario by scenario', () => {
  it('a random 60-option book on 3 underlyings, with ageing', () => {
    let state = 7;
    const u01 = (): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const market: MarketData = {
      A: { spot: 100, vol: 0.2, rate: 0.03, dividendYield: 0.01 },
      B: { spot: 4000, vol: 0.35, rate: 0.01 },
      C: { spot: 3, vol: 0.6, rate: 0.05, dividendYield: 0.02 },
    };
    const names = ['A', 'B', 'C'];
    const positions: Position[] = [];
    for (let i = 0; i < 60; i++) {
      const u = names[i % 3];
      positions.push({
        id: `p${i}`,
        kind: 'option',
        underlying: u,
        type: u01() < 0.5 ? 'call' : 'put',
        strike: market[u].spot * Math.exp(2 * u01() - 1),
        expiry: 0.01 + 2 * u01() * u01(),
        quantity: Math.round(100 * u01() - 50) || 1,
        multiplier: 10,
      });
    }
    const correlation = [
      [1, 0.5, 0.2],
      [0.5, 1, 0.3],
      [0.2, 0.3, 1],
    ];
    const horizon = 10 / 252;
    const opts = { positions, market, factors: names, correlation, scenarios: 300, horizon, seed: 3, ageing: true, keepPositionPnl: true };
    const run = monteCarloPnl(opts);
    const positionPnl = run.positionPnl ?? [];
    expect(positionPnl.length).toBe(60);
    const cov = resolveCovariance({ correlation, vols: names.map((n) => market[n].vol) }, 3);
    const { returns } = simulateFactorShocks({ factor: cov.factor, scenarios: 300, horizon, seed: 3 });
    let worst = 0;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i] as Extract<Position, { kind: 'option' }>;
      const m = market[p.underlying];
      const j = names.indexOf(p.underlying);
      const input = { type: p.type, strike: p.strike, rate: m.rate, dividendYield: m.dividendYield ?? 0, vol: m.vol };
      const base = bsPrice({ ...input, spot: m.spot, expiry: p.expiry });
      for (let s = 0; s < 300; s++) {
        const S = m.spot * Math.exp(returns[s * 3 + j]);
        const ref = bsPrice({ ...input, spot: S, expiry: Math.max(0, p.expiry - horizon) });
        const scale = p.quantity * (p.multiplier ?? 1);
        const err = Math.abs(positionPnl[i][s] - scale * (ref - base));
        // Tolerance: the price's (1e-13 relative or 1e-15·spot) plus the rounding of the P&L difference.
        const tol = Math.abs(scale) * (Math.max(1e-13 * ref, 1e-15 * S) + 4e-16 * Math.max(ref, base));
        worst = Math.max(worst, err / tol);
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
    // The total is the position P&L summed in position order.
    for (let s = 0; s < 300; s++) {
      let total = 0;
      for (let i = 0; i < positions.length; i++) total += positionPnl[i][s];
      expect(run.pnl[s]).toBe(total);
    }
  });

  it('blocks and slices do not change a bit (3,000 scenarios over several blocks)', () => {
    const market: MarketData = { A: { spot: 100, vol: 0.25, rate: 0.02 } };
    const positions: Position[] = [
      { id: 'c', kind: 'option', underlying: 'A', type: 'call', strike: 104, expiry: 0.3, quantity: 5 },
      { id: 'p', kind: 'option', underlying: 'A', type: 'put', strike: 90, expiry: 0.01, quantity: -3 },
      { id: 'x', kind: 'option', underlying: 'A', type: 'put', strike: 95, expiry: 0.2, quantity: 2, exercise: 'american' },
      { id: 's', kind: 'linear', underlying: 'A', quantity: 7 },
    ];
    const opts = { positions, market, covariance: [[0.0625]], scenarios: 3000, horizon: 1 / 52, seed: 2 };
    const full = monteCarloPnl(opts).pnl;
    const a = monteCarloPnl({ ...opts, start: 0, end: 1500 }).pnl;
    const b = monteCarloPnl({ ...opts, start: 1500, end: 2201 }).pnl;
    const c = monteCarloPnl({ ...opts, start: 2201 }).pnl;
    const joined = new Float64Array(3000);
    joined.set(a, 0);
    joined.set(b, 1500);
    joined.set(c, 2201);
    expect(joined).toEqual(full);
  });
});
