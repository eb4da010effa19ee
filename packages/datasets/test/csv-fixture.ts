/** Test helper: reads the package's data/*.csv with node:fs (tests may do I/O; src may not). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export interface CsvFile {
  header: string[];
  /** Raw field text per column, keyed by the header name. */
  columns: Record<string, string[]>;
  rows: number;
}

export function csvPath(file: string): string {
  return fileURLToPath(new URL(`../data/${file}`, import.meta.url));
}

export function readCsv(file: string): CsvFile {
  const lines = readFileSync(csvPath(file), 'utf8').replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  const header = lines[0].split(',');
  const columns: Record<string, string[]> = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) {
    const fields = line.split(',');
    expect(fields.length).toBe(header.length);
    header.forEach((h, j) => columns[h].push(fields[j]));
  }
  return { header, columns, rows: lines.length - 1 };
}

/**
 * Full comparison: every value equals Number(csv text) as the same double (Object.is, so
 * -0/+0 and NaN would be caught too). Reports the first mismatch instead of 5000 assertions.
 */
export function expectSameDoubles(actual: ArrayLike<number>, text: string[], label: string): void {
  expect(actual.length, `${label} length`).toBe(text.length);
  for (let i = 0; i < text.length; i++) {
    const want = Number(text[i]);
    if (!Object.is(actual[i], want)) {
      expect.fail(`${label}[${i}] = ${actual[i]}, CSV text '${text[i]}' parses to ${want}`);
    }
  }
}

export function expectStrictlyIncreasing(values: ArrayLike<number> | string[], label: string): void {
  for (let i = 1; i < values.length; i++) {
    if (!(values[i] > values[i - 1])) expect.fail(`${label} not increasing at ${i}: ${values[i - 1]} then ${values[i]}`);
  }
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `s` is a real calendar date in ISO form (rejects 2005-02-30). */
export function isCalendarDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
