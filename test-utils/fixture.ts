/**
 * Reads a reference fixture (the format of shared/reference, copied into each package's
 * test/fixtures with its provenance fields) and checks values at the file's tolerance:
 * a value passes when |got - exp| <= abs + rel * |exp|.
 */
import { readFileSync } from 'node:fs';

export interface Tolerance {
  abs: number;
  rel: number;
}

export interface FixtureCase<I = Record<string, unknown>, E = Record<string, unknown>> {
  id: string;
  input: I;
  expected: E;
  info?: Record<string, unknown>;
}

export interface Fixture<I = Record<string, unknown>, E = Record<string, unknown>> {
  name: string;
  source: string;
  conventions: string;
  tolerance: Tolerance;
  fieldTolerance?: Record<string, Tolerance>;
  cases: FixtureCase<I, E>[];
}

export function loadFixture<I = Record<string, unknown>, E = Record<string, unknown>>(url: URL): Fixture<I, E> {
  return JSON.parse(readFileSync(url, 'utf8')) as Fixture<I, E>;
}

export function toleranceFor(fixture: Fixture<unknown, unknown>, field: string): Tolerance {
  return fixture.fieldTolerance?.[field] ?? fixture.tolerance;
}

/** True when got is within abs + rel*|exp| of exp (NaN never passes). */
export function withinTolerance(got: number, exp: number, tol: Tolerance): boolean {
  if (Number.isNaN(got)) return false;
  return Math.abs(got - exp) <= tol.abs + tol.rel * Math.abs(exp);
}

/** The error in units of the allowed tolerance (<= 1 passes), for reporting. */
export function toleranceRatio(got: number, exp: number, tol: Tolerance): number {
  return Math.abs(got - exp) / (tol.abs + tol.rel * Math.abs(exp));
}
