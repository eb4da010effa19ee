import { describe, expect, it } from 'vitest';
import { DriftMonitor, detectDrift, jensenShannon, ksTest, psi, renderDriftReport, wasserstein1 } from '@quantforge/drift';

describe('README example runs as written', () => {
  it('produces the documented shapes', () => {
    const reference = Array.from({ length: 500 }, (_, i) => Math.sin(i) * 2);
    const current = reference.map((x) => x + 0.3);
    const ks = ksTest(reference, current);
    expect(ks.method).toBe('exact');
    expect(ks.pValue).toBeLessThan(0.05);
    expect(ksTest(reference, current, { method: 'asymp' }).method).toBe('asymp');
    expect(psi(reference, current)).toBeGreaterThan(0);
    expect(jensenShannon(reference, current)).toBeGreaterThan(0);
    expect(wasserstein1(reference, current)).toBeCloseTo(0.3, 12);
    const report = detectDrift(
      { price: reference, venue: reference.map((x) => (x > 0 ? 'A' : 'B')) },
      { price: current, venue: current.map((x) => (x > 0 ? 'A' : 'B')) },
      { correction: 'benjamini-hochberg' },
    );
    expect(report.driftedColumns).toContain('price');
    const monitor = new DriftMonitor({ price: reference }, { windowSize: 100, mode: 'sliding', step: 25, task: 'regression' });
    for (const x of current) monitor.update({ price: x }, { prediction: x, label: x + 0.1 });
    expect(monitor.history.length).toBe(17);
    expect(monitor.history[0].performance).toMatchObject({ count: 100 });
    const html = renderDriftReport(report, { history: monitor.history });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  });
});
