import fixture from './fixtures/greeks.json';
import type { BsGreekName } from '../src/greek-names';
import type { BsGreeksInput } from '../src/bsm/greeks';

export interface GreeksCase {
  id: string;
  input: BsGreeksInput;
  expected: Record<BsGreekName, number>;
}

export const greeksFixture = fixture as unknown as {
  tolerance: { abs: number; rel: number };
  cases: GreeksCase[];
};

/**
 * Error in tolerance units: |actual - expected| / max(abs, rel·|expected|). <= 1 passes.
 * (The stricter reading of an abs/rel pair: pass if within abs OR within rel.)
 */
export function toleranceUnits(actual: number, expected: number, tol: { abs: number; rel: number }): number {
  if (!Number.isFinite(actual)) return Infinity;
  return Math.abs(actual - expected) / Math.max(tol.abs, tol.rel * Math.abs(expected));
}
