import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, normInv } from '@quantforge/core';
import { computeRiskSnapshot, RiskMonitor } from '@quantforge/risk';
import type { LimitEvent, MarketData, Position, RiskSnapshot, UnderlyingMarket } from '@quantforge/risk';
import { covariance, market } from '../montecarlo/helpers';

const factors = ['AAA', 'BBB', 'CCC'];
const riskModel = { factors, covariance, horizon: 1 / 252, confidence: 0.99 };

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 + 1e-10 * Math.abs(b);
}

function expectSameSnapshot(got: RiskSnapshot, want: RiskSnapshot): void {
  expect(Object.keys(got.positions).sort()).toEqual(Object.keys(want.positions).sort());
  expect(Object.keys(got.byUnderlying).sort()).toEqual(Object.keys(want.byUnderlying).sort());
  expect(Object.keys(got.byBook).sort()).toEqual(Object.keys(want.byBook).sort());
  const scopes: [Record<string, number>, Record<string, number>][] = [[got.total as never, want.total as never]];
  for (const k of Object.keys(want.byUnderlying)) scopes.push([got.byUnderlying[k] as never, want.byUnderlying[k] as never]);
  for (const k of Object.keys(want.byBook)) scopes.push([got.byBook[k] as never, want.byBook[k] as never]);
  for (const k of Object.keys(want.positions)) scopes.push([got.positions[k] as never, want.positions[k] as never]);
  for (const [g, w] of scopes) {
    for (const f of ['value', 'delta', 'gamma', 'vega', 'rho', 'theta', 'notional', 'dollarDelta', 'dollarGamma', 'var']) {
      if (w[f] === undefined) continue;
      expect(close(g[f], w[f]), `${f}: ${g[f]} vs ${w[f]}`).toBe(true);
    }
  }
}

const positionArb = (id: string): fc.Arbitrary<Position> =>
  fc.oneof(
    fc.record({
      id: fc.constant(id),
      kind: fc.constant('linear' as const),
      underlying: fc.constantFrom(...factors),
      quantity: fc.integer({ min: -1000, max: 1000 }),
      book: fc.constantFrom('a', 'b'),
    }),
    fc.record({
      id: fc.constant(id),
      kind: fc.constant('option' as const),
      underlying: fc.constantFrom(...factors),
      type: fc.constantFrom('call' as const, 'put' as const),
      strike: fc.double({ min: 40, max: 250, noNaN: true }),
      expiry: fc.double({ min: 0.05, max: 2, noNaN: true }),
      quantity: fc.integer({ min: -50, max: 50 }),
      multiplier: fc.constant(100),
      book: fc.constantFrom('a', 'b', 'c'),
    }),
  );

type Op =
  | { op: 'add'; p: Position }
  | { op: 'update'; p: Position }
  | { op: 'remove'; slot: number }
  | { op: 'market'; underlying: string; spot: number; vol: number };

const opArb: fc.Arbitrary<Op> = fc.integer({ min: 0, max: 5 }).chain((slot) =>
  fc.oneof(
    positionArb(`p${slot}`).map((p) => ({ op: 'add' as const, p })),
    positionArb(`p${slot}`).map((p) => ({ op: 'update' as const, p })),
    fc.constant({ op: 'remove' as const, slot }),
    fc.record({
      op: fc.constant('market' as const),
      underlying: fc.constantFrom(...factors),
      spot: fc.double({ min: 30, max: 300, noNaN: true }),
      vol: fc.double({ min: 0.05, max: 0.8, noNaN: true }),
    }),
  ),
);

describe('RiskMonitor', () => {
  it('equals a batch recomputation after any sequence of updates (law)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.constantFrom('delta-normal' as const, 'delta-gamma' as const), (ops, method) => {
        const m = new RiskMonitor({ market, riskModel: { ...riskModel, method } });
        const current = new Map<string, Position>();
        const mk: Record<string, UnderlyingMarket> = { ...market };
        for (const o of ops) {
          if (o.op === 'add' && !current.has(o.p.id)) {
            m.addPosition(o.p);
            current.set(o.p.id, o.p);
          } else if (o.op === 'update' && current.has(o.p.id)) {
            m.updatePosition(o.p);
            current.set(o.p.id, o.p);
          } else if (o.op === 'remove' && current.has(`p${o.slot}`)) {
            m.removePosition(`p${o.slot}`);
            current.delete(`p${o.slot}`);
          } else if (o.op === 'market') {
            m.updateMarket(o.underlying, { spot: o.spot, vol: o.vol });
            mk[o.underlying] = { ...mk[o.underlying], spot: o.spot, vol: o.vol };
          }
        }
        expectSameSnapshot(m.snapshot(), computeRiskSnapshot([...current.values()], mk as MarketData, { ...riskModel, method }));
      }),
      { numRuns: 60 },
    );
  });

  it('a market update revalues only the positions on that underlying (counter)', () => {
    const m = new RiskMonitor({ market });
    const pos: Position[] = [
      { id: '1', kind: 'option', underlying: 'AAA', type: 'call', strike: 100, expiry: 1, quantity: 1 },
      { id: '2', kind: 'option', underlying: 'AAA', type: 'put', strike: 90, expiry: 1, quantity: 1 },
      { id: '3', kind: 'option', underlying: 'BBB', type: 'call', strike: 50, expiry: 1, quantity: 1 },
      { id: '4', kind: 'linear', underlying: 'CCC', quantity: 1 },
    ];
    pos.forEach((p) => m.addPosition(p));
    expect(m.revaluations).toBe(4);
    m.updateMarket('AAA', { spot: 101 });
    expect(m.revaluations).toBe(6);
    m.updateMarket('BBB', { vol: 0.35 });
    expect(m.revaluations).toBe(7);
    m.updatePosition({ ...pos[3], quantity: 5 } as Position);
    expect(m.revaluations).toBe(8);
    m.removePosition('1');
    expect(m.revaluations).toBe(8);
    m.updateMarket('AAA', { rate: 0.05 });
    expect(m.revaluations).toBe(9);
  });

  it('VaR of a single stock position is z·|δS|·σ·√h', () => {
    const m = new RiskMonitor({ market, riskModel });
    m.addPosition({ id: 's', kind: 'linear', underlying: 'BBB', quantity: 1000 });
    expect(m.metric('var')).toBeCloseTo(normInv(0.99) * 1000 * 50 * 0.3 * Math.sqrt(1 / 252), 8);
    expect(m.metric('var', { kind: 'underlying', name: 'BBB' })).toBeCloseTo(m.metric('var'), 10);
    expect(m.positionRisk('s')!.var).toBeCloseTo(m.metric('var'), 10);
  });

  it('emits breach and clear events, with hysteresis', () => {
    const events: LimitEvent[] = [];
    const m = new RiskMonitor({ market, limits: [{ id: 'dd', metric: 'dollarDelta', scope: { kind: 'underlying', name: 'AAA' }, max: 10000, hysteresis: 0.1 }] });
    m.on('breach', (e) => events.push(e));
    const off = m.on('clear', (e) => events.push(e));
    m.addPosition({ id: 's', kind: 'linear', underlying: 'AAA', quantity: 95 }); // 9,500
    expect(events).toHaveLength(0);
    m.updateMarket('AAA', { spot: 110 }); // 10,450 → breach
    expect(events.map((e) => e.type)).toEqual(['breach']);
    expect(events[0].value).toBeCloseTo(10450, 8);
    expect(m.breaches()).toEqual(['dd']);
    m.updateMarket('AAA', { spot: 100 }); // 9,500 > 9,000: still breached (hysteresis)
    expect(events).toHaveLength(1);
    m.updateMarket('AAA', { spot: 90 }); // 8,550 → clear
    expect(events.map((e) => e.type)).toEqual(['breach', 'clear']);
    expect(m.breaches()).toEqual([]);
    off();
    m.updateMarket('AAA', { spot: 120 });
    m.updateMarket('AAA', { spot: 50 });
    expect(events.map((e) => e.type)).toEqual(['breach', 'clear', 'breach']);
  });

  it('limits on book scope and VaR; setLimit evaluates at once', () => {
    const events: LimitEvent[] = [];
    const m = new RiskMonitor({ market, riskModel });
    m.on('breach', (e) => events.push(e));
    m.addPosition({ id: 's', kind: 'linear', underlying: 'BBB', quantity: 1000, book: 'x' });
    m.setLimit({ id: 'var-x', metric: 'var', scope: { kind: 'book', name: 'x' }, max: 100 });
    expect(events).toHaveLength(1);
    expect(events[0].limitId).toBe('var-x');
  });

  it('bad input', () => {
    const m = new RiskMonitor({ market, riskModel });
    const p: Position = { id: 'a', kind: 'linear', underlying: 'AAA', quantity: 1 };
    m.addPosition(p);
    expect(() => m.addPosition(p)).toThrow(/already exists/);
    expect(() => m.updatePosition({ ...p, id: 'zz' })).toThrow(/not in the monitor/);
    expect(() => m.removePosition('zz')).toThrow(InvalidInputError);
    expect(() => m.updateMarket('AAA', { spot: -1 })).toThrow(/spot/);
    expect(() => m.updateMarket('AAA', { vol: NaN })).toThrow(/vol/);
    expect(() => m.addPosition({ ...p, id: 'b', underlying: 'ZZZ' })).toThrow(/market data/);
    expect(() => new RiskMonitor({ market, limits: [{ id: 'l', metric: 'delta', max: 1, hysteresis: 1 }] })).toThrow(/hysteresis/);
    expect(() => new RiskMonitor({ market, limits: [{ id: 'l', metric: 'foo' as never, max: 1 }] })).toThrow(/metric/);
    expect(() => new RiskMonitor({ market, riskModel: { factors: ['AAA'], covariance } })).toThrow(/covariance/);
  });
});
