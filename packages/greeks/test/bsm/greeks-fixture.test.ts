import { describe, expect, it } from 'vitest';
import { bsGreeks } from '@quantforge/greeks';
import { BS_GREEK_NAMES } from '../../src/greek-names';
import { greeksFixture, toleranceUnits } from '../helpers';

const { tolerance, cases } = greeksFixture;

describe('bsGreeks vs fixtures/greeks.json (sympy/mpmath 30 digits)', () => {
  it('has cases and every expected field', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(Object.keys(c.expected).sort()).toEqual([...BS_GREEK_NAMES].sort());
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const g = bsGreeks(c.input);
    for (const name of BS_GREEK_NAMES) {
      const units = toleranceUnits(g[name], c.expected[name], tolerance);
      expect(units, `${name}: got ${g[name]}, expected ${c.expected[name]}`).toBeLessThanOrEqual(1);
    }
  });

  it('max error over all cases and fields stays well inside the tolerance', () => {
    let worst = 0;
    let where = '';
    const perField: Record<string, number> = {};
    for (const c of cases) {
      const g = bsGreeks(c.input);
      for (const name of BS_GREEK_NAMES) {
        const u = toleranceUnits(g[name], c.expected[name], tolerance);
        perField[name] = Math.max(perField[name] ?? 0, u);
        if (u > worst) {
          worst = u;
          where = `${c.id}.${name}`;
        }
      }
    }
    if (process.env.GREEKS_REPORT) console.log('max tolerance units', worst, where, perField);
    expect(worst).toBeLessThan(1e-3);
  });
});
