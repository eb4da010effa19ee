import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEM2GBP_CSV } from '../src/data/dem2gbp';
import { EUSTOCKMARKETS_CSV } from '../src/data/eustockmarkets';
import { LPP2005REC_CSV } from '../src/data/lpp2005rec';
import { TTRC_CSV } from '../src/data/ttrc';
import { csvPath } from './csv-fixture';

const EMBEDDED: Record<string, string> = {
  'dem2gbp.csv': DEM2GBP_CSV,
  'lpp2005rec.csv': LPP2005REC_CSV,
  'eustockmarkets.csv': EUSTOCKMARKETS_CSV,
  'ttrc.csv': TTRC_CSV,
};

describe('generated src/data modules (scripts/embed-data.mjs)', () => {
  it('hold the text of data/*.csv verbatim', () => {
    for (const [file, text] of Object.entries(EMBEDDED)) {
      const onDisk = readFileSync(csvPath(file), 'utf8').replace(/\r\n/g, '\n').replace(/\n+$/, '');
      expect(text === onDisk, `${file} embedded text differs from data/${file}`).toBe(true);
    }
  });

  it('are up to date (embed-data.mjs --check)', () => {
    const script = fileURLToPath(new URL('../scripts/embed-data.mjs', import.meta.url));
    const out = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toHaveLength(4);
  });
});
