/** Runs the example of docs/guides/risk-book.md. */
import { describe, expect, it } from 'vitest';
import { componentVaR, correlationBreakdownTest, monteCarloVaR, reverseStressTest, RiskMonitor, spotVolLadder, stressTest } from '@quantforge/risk';
import type { MarketData, Position } from '@quantforge/risk';

describe('guide example', () => {
  it('runs and gives consistent numbers', () => {
    const market: MarketData = {
      SPX: { spot: 5000, vol: 0.18, rate: 0.04, dividendYield: 0.013 },
      NDX: { spot: 17500, vol: 0.22, rate: 0.04, dividendYield: 0.007 },
    };
    const positions: Position[] = [
      { id: 'spx-c', kind: 'option', underlying: 'SPX', type: 'call', strike: 5100, expiry: 0.25, quantity: 20, multiplier: 100 },
      { id: 'spx-p', kind: 'option', underlying: 'SPX', type: 'put', strike: 4800, expiry: 0.25, quantity: -30, multiplier: 100, exercise: 'american' },
      { id: 'ndx', kind: 'linear', underlying: 'NDX', quantity: 50 },
    ];
    const correlation = [
      [1, 0.85],
      [0.85, 1],
    ];
    const mc = monteCarloVaR({ positions, market, correlation, scenarios: 2000, horizon: 10 / 252, confidence: 0.99, seed: 42, keepPositionPnl: true });
    expect(mc.es).toBeGreaterThanOrEqual(mc.var);
    const components = componentVaR({ positionPnl: mc.positionPnl!, confidence: 0.99 });
    expect(components.reduce((a, b) => a + b, 0)).toBeCloseTo(mc.var, 6);
    const [crash] = stressTest({ positions, market }, { name: 'crash', spot: -0.2, vol: 0.15 });
    expect(crash.pnl).toBeLessThan(0);
    const ladder = spotVolLadder({ positions, market }, { spotShocks: [-0.1, 0, 0.1], volShocks: [-0.05, 0, 0.05] });
    expect(ladder.pnl[1][1]).toBe(0);
    const daily = [
      [0.18 ** 2 / 252, (0.85 * 0.18 * 0.22) / 252],
      [(0.85 * 0.18 * 0.22) / 252, 0.22 ** 2 / 252],
    ];
    const reverse = reverseStressTest(
      { positions, market },
      { factors: [{ underlying: 'SPX', kind: 'spot' }, { underlying: 'NDX', kind: 'spot' }], targetLoss: 1_000_000, covariance: daily },
    );
    expect(reverse.best.loss).toBeCloseTo(1_000_000, 3);
    const monitor = new RiskMonitor({
      market,
      riskModel: { factors: ['SPX', 'NDX'], covariance: daily.map((r) => r.map((c) => c * 252)), horizon: 1 / 252 },
      limits: [{ id: 'spx-dd', metric: 'dollarDelta', scope: { kind: 'underlying', name: 'SPX' }, max: 5e6, hysteresis: 0.1 }],
    });
    positions.forEach((p) => monitor.addPosition(p));
    monitor.updateMarket('SPX', { spot: 5150 });
    expect(monitor.revaluations).toBe(5);
    expect(monitor.metric('var')).toBeGreaterThan(0);
    expect(typeof correlationBreakdownTest).toBe('function');
  });
});
