import { describe, expect, it } from 'vitest';
import { DATASETS, type DatasetName } from '../src/index';
import { readCsv } from './csv-fixture';

const README_TABLE: Record<DatasetName, number> = { dem2gbp: 1974, lpp2005rec: 377, eustockmarkets: 1860, ttrc: 5550 };

describe('DATASETS', () => {
  it('lists the four data sets with rows and columns matching the CSV files', () => {
    expect(Object.keys(DATASETS).sort()).toEqual(Object.keys(README_TABLE).sort());
    for (const [name, rows] of Object.entries(README_TABLE) as [DatasetName, number][]) {
      const info = DATASETS[name];
      const csv = readCsv(`${name}.csv`);
      expect(info.name).toBe(name);
      expect(info.rows).toBe(rows);
      expect(csv.rows).toBe(rows);
      expect(info.columns).toEqual(csv.header);
      for (const k of ['source', 'licence', 'description'] as const) expect(info[k].length).toBeGreaterThan(20);
      expect(info.licence).toMatch(/GPL/);
    }
  });

  it('is frozen all the way down', () => {
    expect(Object.isFrozen(DATASETS)).toBe(true);
    for (const info of Object.values(DATASETS)) {
      expect(Object.isFrozen(info)).toBe(true);
      expect(Object.isFrozen(info.columns)).toBe(true);
    }
  });
});
