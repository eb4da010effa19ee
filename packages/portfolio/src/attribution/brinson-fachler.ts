import { InvalidInputError } from '@quantforge/core';
import { toVector } from '../covariance/matrix-input';

/** Input of {@link brinsonFachler}: one entry per sector (segment), in the same order everywhere. */
export interface BrinsonInput {
  /** Portfolio weight of each sector w_P,i (sum 1; put cash in its own sector). */
  portfolioWeights: ArrayLike<number>;
  /** Benchmark weight of each sector w_B,i (sum 1). */
  benchmarkWeights: ArrayLike<number>;
  /** Portfolio return within each sector r_P,i over the period (any finite value where w_P,i = 0). */
  portfolioReturns: ArrayLike<number>;
  /** Benchmark return within each sector r_B,i. */
  benchmarkReturns: ArrayLike<number>;
  /** Optional sector names, echoed in the per-sector rows. */
  sectors?: readonly string[];
  /**
   * `'separate'` (default): allocation, selection and interaction. `'inSelection'`: the interaction is
   * folded into selection (selection_i = w_P,i (r_P,i − r_B,i)) and reported as 0.
   */
  interaction?: 'separate' | 'inSelection';
}

/** One sector's effects. */
export interface BrinsonSectorEffect {
  sector: string;
  allocation: number;
  selection: number;
  interaction: number;
  /** allocation + selection + interaction. */
  total: number;
}

/** The result of {@link brinsonFachler}. */
export interface BrinsonResult {
  sectors: BrinsonSectorEffect[];
  allocation: number;
  selection: number;
  interaction: number;
  /** R_P = Σ w_P,i r_P,i. */
  portfolioReturn: number;
  /** R_B = Σ w_B,i r_B,i. */
  benchmarkReturn: number;
  /** R_P − R_B, which equals allocation + selection + interaction (up to rounding). */
  activeReturn: number;
}

/**
 * Single-period Brinson-Fachler (1985) attribution of the active return R_P − R_B:
 * allocation_i = (w_P,i − w_B,i)(r_B,i − R_B), selection_i = w_B,i (r_P,i − r_B,i),
 * interaction_i = (w_P,i − w_B,i)(r_P,i − r_B,i). Because both weight vectors sum to 1, the
 * effects sum exactly (in exact arithmetic) to R_P − R_B. Returns are simple period returns.
 *
 * @throws InvalidInputError for NaN/±∞, mismatched lengths, or weights that do not sum to 1 within
 * 1e-9 (add a cash or "other" sector so they do).
 */
export function brinsonFachler(input: BrinsonInput): BrinsonResult {
  if (input === null || typeof input !== 'object') throw new InvalidInputError('input', 'must be an object', input);
  const wp = toVector(input.portfolioWeights, 'portfolioWeights');
  const n = wp.length;
  if (n < 1) throw new InvalidInputError('portfolioWeights', 'needs at least one sector');
  const wb = toVector(input.benchmarkWeights, 'benchmarkWeights', n);
  const rp = toVector(input.portfolioReturns, 'portfolioReturns', n);
  const rb = toVector(input.benchmarkReturns, 'benchmarkReturns', n);
  const names = input.sectors;
  if (names !== undefined && names.length !== n) throw new InvalidInputError('sectors', `must have ${n} names (one per sector), got ${names.length}`);
  const mode = input.interaction ?? 'separate';
  if (mode !== 'separate' && mode !== 'inSelection') throw new InvalidInputError('interaction', "must be 'separate' or 'inSelection'", mode);
  for (const [w, field] of [
    [wp, 'portfolioWeights'],
    [wb, 'benchmarkWeights'],
  ] as const) {
    const s = w.reduce((a, v) => a + v, 0);
    if (Math.abs(s - 1) > 1e-9) {
      throw new InvalidInputError(field, `must sum to 1 (got ${s}); add a cash or "other" sector for the remainder`);
    }
  }
  let RP = 0;
  let RB = 0;
  for (let i = 0; i < n; i++) {
    RP += wp[i] * rp[i];
    RB += wb[i] * rb[i];
  }
  const sectors: BrinsonSectorEffect[] = [];
  let A = 0;
  let S = 0;
  let I = 0;
  for (let i = 0; i < n; i++) {
    const dw = wp[i] - wb[i];
    const dr = rp[i] - rb[i];
    const allocation = dw * (rb[i] - RB);
    let selection = wb[i] * dr;
    let interaction = dw * dr;
    if (mode === 'inSelection') {
      selection = wp[i] * dr;
      interaction = 0;
    }
    A += allocation;
    S += selection;
    I += interaction;
    sectors.push({ sector: names?.[i] ?? String(i), allocation, selection, interaction, total: allocation + selection + interaction });
  }
  return { sectors, allocation: A, selection: S, interaction: I, portfolioReturn: RP, benchmarkReturn: RB, activeReturn: RP - RB };
}
