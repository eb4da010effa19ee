import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, createRng } from '@quantforge/core';
import { DriftMonitor, classificationMetrics, detectDrift, regressionMetrics, type CellValue } from '@quantforge/drift';

function makeRows(seed: number, n: number, shift = 0): Record<string, CellValue>[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => ({
    x: Math.round((rng.nextNormal() + shift) * 100) / 100,
    y: rng.nextNormal() * 2,
    c: ['a', 'b', 'c'][Math.floor(rng.nextFloat() * (shift > 0 ? 2 : 3))],
  }));
}

describe('DriftMonitor equals detectDrift on the same windows (law)', () => {
  it('sliding and tumbling windows, random streams', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 8, max: 60 }),
        fc.constantFrom('sliding', 'tumbling'),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('bonferroni', 'benjamini-hochberg', 'none'),
        (seed, windowSize, mode, step, correction) => {
          const reference = makeRows(seed, 120);
          const stream = [...makeRows(seed + 1, 80), ...makeRows(seed + 2, 80, 0.8)];
          const opts = { windowSize, mode: mode as 'sliding' | 'tumbling', step, correction: correction as 'none' };
          const m = new DriftMonitor(reference, opts);
          const fed: Record<string, CellValue>[] = [];
          for (const row of stream) {
            const before = m.history.length;
            m.update(row);
            fed.push(row);
            if (m.history.length > before) {
              const window = fed.slice(-windowSize);
              expect(m.lastReport).toEqual(detectDrift(reference, window, opts));
            }
          }
          expect(m.history.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 25 },
    );
  });
  it('with dropNaN, missing cells are skipped in both', () => {
    const reference = makeRows(1, 100).map((r, i) => (i % 13 === 0 ? { ...r, y: null } : r));
    const stream = makeRows(2, 60).map((r, i) => (i % 7 === 0 ? { ...r, x: NaN } : i % 11 === 0 ? { ...r, c: null } : r));
    const m = new DriftMonitor(reference, { windowSize: 20, mode: 'sliding', step: 5, dropNaN: true });
    const fed: Record<string, CellValue>[] = [];
    for (const row of stream) {
      const before = m.history.length;
      m.update(row);
      fed.push(row);
      if (m.history.length > before) expect(m.lastReport).toEqual(detectDrift(reference, fed.slice(-20), { dropNaN: true }));
    }
  });
});

describe('alerts with hysteresis', () => {
  it('alert after k drifted windows, clear after j clean windows', () => {
    const reference = makeRows(1, 300);
    const m = new DriftMonitor(reference, { windowSize: 100, alertAfter: 2, clearAfter: 2 });
    const events = [
      ...m.updateMany(makeRows(2, 100)),
      ...m.updateMany(makeRows(3, 100, 2)),
      ...m.updateMany(makeRows(4, 100, 2)),
      ...m.updateMany(makeRows(5, 100, 2)),
      ...m.updateMany(makeRows(6, 100)),
      ...m.updateMany(makeRows(7, 100)),
    ];
    expect(m.history.map((h) => h.datasetDrift)).toEqual([false, true, true, true, false, false]);
    expect(events.map((e) => [e.type, e.evaluation])).toEqual([
      ['alert', 2],
      ['clear', 5],
    ]);
    expect(m.state).toBe('ok');
    expect(m.history.map((h) => h.alert)).toEqual([false, false, true, true, true, false]);
  });
});

describe('model performance on labelled feedback', () => {
  it('classification: accuracy and AUC equal the batch metrics over the feedback window', () => {
    const rng = createRng(4);
    const reference = makeRows(1, 50);
    const m = new DriftMonitor(reference, { windowSize: 20, task: 'classification', performanceWindow: 30 });
    const preds: number[] = [];
    const labels: number[] = [];
    for (const row of makeRows(2, 60)) {
      const label = rng.nextFloat() < 0.4 ? 1 : 0;
      const prediction = Math.min(1, Math.max(0, 0.3 * label + 0.7 * rng.nextFloat()));
      preds.push(prediction);
      labels.push(label);
      m.update(row, { prediction, label });
    }
    const last = m.history[m.history.length - 1].performance;
    expect(last).toEqual(classificationMetrics(preds.slice(-30), labels.slice(-30)));
  });
  it('classification metrics by hand', () => {
    // scores 0.1 0.4 0.35 0.8 labels 0 0 1 1: AUC = 3/4 (sklearn's roc_auc_score example), accuracy 3/4
    const r = classificationMetrics([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
    expect(r.auc).toBe(0.75);
    expect(r.accuracy).toBe(0.75);
    expect(classificationMetrics([0.2, 0.9], [1, 1]).auc).toBeNull();
  });
  it('regression: MAE and RMSE', () => {
    const r = regressionMetrics([1, 2, 3], [1, 4, 0]);
    expect(r.mae).toBeCloseTo(5 / 3, 15);
    expect(r.rmse).toBeCloseTo(Math.sqrt(13 / 3), 15);
    const m = new DriftMonitor(makeRows(1, 30), { windowSize: 10, task: 'regression' });
    m.updateMany(makeRows(2, 10), [...Array(10)].map((_, i) => ({ prediction: i, label: i + 1 })));
    expect(m.history[0].performance).toEqual({ mae: 1, rmse: 1, count: 10 });
  });
});

describe('monitor bad input', () => {
  it('typed errors', () => {
    const reference = makeRows(1, 30);
    expect(() => new DriftMonitor(reference, { windowSize: 1 })).toThrow(InvalidInputError);
    expect(() => new DriftMonitor(reference, { windowSize: 10, mode: 'x' as never })).toThrow(/mode/);
    const m = new DriftMonitor(reference, { windowSize: 10, task: 'classification' });
    expect(() => m.update({ x: NaN, y: 1, c: 'a' })).toThrow(/row\.x.*missing/);
    expect(() => m.update({ x: 'q', y: 1, c: 'a' })).toThrow(/row\.x/);
    expect(() => m.addFeedback({ prediction: 0.3, label: 2 })).toThrow(/label/);
    expect(m.history.length).toBe(0);
  });
});
