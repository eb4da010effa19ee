import { InvalidInputError, requireFiniteArray, requireInteger, requireObject } from '@quantforge/core';
import type { Book, MarketShock } from '../book/types';
import { positionValues, requireBook } from './stress-test';
import { applyShock } from '../book/shock';

/** How returns compound over a window. */
export type Compounding = 'log' | 'simple';

/** One historical window (indices into the return series, inclusive). */
export interface HistoricalWindow {
  start: number;
  end: number;
  /** Total return over the window: e^{Σr} − 1 for log returns, Π(1 + r) − 1 for simple returns. */
  totalReturn: number;
}

function compound(sum: number, compounding: Compounding): number {
  return compounding === 'log' ? Math.expm1(sum) : sum;
}

/**
 * The `count` worst non-overlapping windows of `window` consecutive returns, worst first
 * (greedy: windows are ranked by total return and each is kept unless it overlaps one already
 * kept). Log returns are summed; simple returns are compounded (Σ log(1 + r)).
 *
 * @throws InvalidInputError naming the index of a NaN/non-finite return, or for window/count < 1
 *   or a window longer than the series.
 */
export function worstWindows(returns: ArrayLike<number>, window: number, count: number, options: { compounding?: Compounding } = {}): HistoricalWindow[] {
  const r = requireFiniteArray(returns, 'returns', 1);
  const w = requireInteger('window', window, 1);
  const c = requireInteger('count', count, 1);
  const compounding = options.compounding ?? 'log';
  if (compounding !== 'log' && compounding !== 'simple') throw new InvalidInputError('compounding', "must be 'log' or 'simple'", compounding);
  if (w > r.length) throw new InvalidInputError('window', `must be <= the number of returns (${r.length})`, w);
  const x = compounding === 'log' ? r : r.map((v, i) => {
    if (!(v > -1)) throw new InvalidInputError(`returns[${i}]`, 'a simple return must be > -1', v);
    return Math.log1p(v);
  });
  const m = x.length - w + 1;
  const sums = new Float64Array(m);
  let s = 0;
  for (let i = 0; i < w; i++) s += x[i];
  sums[0] = s;
  for (let i = 1; i < m; i++) {
    // Re-summed every `w` steps to keep the running sum's rounding bounded.
    if (i % w === 0) {
      s = 0;
      for (let j = i; j < i + w; j++) s += x[j];
    } else s += x[i + w - 1] - x[i - 1];
    sums[i] = s;
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => sums[a] - sums[b] || a - b);
  const out: HistoricalWindow[] = [];
  for (const i of order) {
    if (out.length >= c) break;
    if (out.some((o) => i <= o.end && i + w - 1 >= o.start)) continue;
    out.push({ start: i, end: i + w - 1, totalReturn: compound(sums[i], 'log') });
  }
  return out;
}

/** A named scenario from history: each underlying's total move over [start, end]. */
export interface HistoricalScenarioInput {
  name: string;
  /** Return series per underlying (aligned in time). */
  returns: Readonly<Record<string, ArrayLike<number>>>;
  start: number;
  /** Inclusive end index. */
  end: number;
  compounding?: Compounding;
}

/**
 * Turns a window of history into a {@link MarketShock}: spot moves are each underlying's total
 * return over the window (vol and rate unshocked; add them to the result if the history has them).
 */
export function historicalScenario(input: HistoricalScenarioInput): MarketShock {
  requireObject('input', input);
  const compounding = input.compounding ?? 'log';
  const spot: Record<string, number> = {};
  const names = Object.keys(requireObject('returns', input.returns));
  if (names.length === 0) throw new InvalidInputError('returns', 'needs at least one underlying');
  for (const name of names) {
    const r = requireFiniteArray(input.returns[name], `returns.${name}`, 1);
    const start = requireInteger('start', input.start, 0);
    const end = requireInteger('end', input.end, start);
    if (end >= r.length) throw new InvalidInputError('end', `must be < the length of returns.${name} (${r.length})`, end);
    let s = 0;
    for (let i = start; i <= end; i++) {
      if (compounding === 'simple' && !(r[i] > -1)) throw new InvalidInputError(`returns.${name}[${i}]`, 'a simple return must be > -1', r[i]);
      s += compounding === 'log' ? r[i] : Math.log1p(r[i]);
    }
    spot[name] = Math.expm1(s);
  }
  return { name: input.name, spot };
}

/** One replayed window of {@link historicalReplay}. */
export interface ReplayWindow {
  start: number;
  end: number;
  /** Book P&L (full revaluation) under the window's spot moves. */
  pnl: number;
}

/**
 * Historical scenario replay: every window of `window` days of the given underlyings' returns is
 * applied to today's book in full revaluation; returns the `count` worst non-overlapping windows
 * by book P&L, worst first.
 */
export function historicalReplay(
  book: Book,
  options: { returns: Readonly<Record<string, ArrayLike<number>>>; window: number; count: number; compounding?: Compounding },
): ReplayWindow[] {
  requireBook(book);
  requireObject('options', options);
  const names = Object.keys(requireObject('returns', options.returns));
  if (names.length === 0) throw new InvalidInputError('returns', 'needs at least one underlying');
  const series = names.map((n) => requireFiniteArray(options.returns[n], `returns.${n}`, 1));
  const len = series[0].length;
  series.forEach((s, i) => {
    if (s.length !== len) throw new InvalidInputError(`returns.${names[i]}`, `must have ${len} returns like returns.${names[0]}`, s.length);
  });
  const w = requireInteger('window', options.window, 1);
  const c = requireInteger('count', options.count, 1);
  if (w > len) throw new InvalidInputError('window', `must be <= the number of returns (${len})`, w);
  const compounding = options.compounding ?? 'log';
  if (compounding !== 'log' && compounding !== 'simple') throw new InvalidInputError('compounding', "must be 'log' or 'simple'", compounding);
  // Prefix sums of log returns: each window's move is expm1(P[end + 1] − P[start]).
  const prefix = series.map((r, n) => {
    const P = new Float64Array(len + 1);
    for (let t = 0; t < len; t++) {
      if (compounding === 'simple' && !(r[t] > -1)) throw new InvalidInputError(`returns.${names[n]}[${t}]`, 'a simple return must be > -1', r[t]);
      P[t + 1] = P[t] + (compounding === 'log' ? r[t] : Math.log1p(r[t]));
    }
    return P;
  });
  const base = positionValues(book.positions, book.market);
  const pnls: number[] = [];
  for (let start = 0; start + w <= len; start++) {
    const spot: Record<string, number> = {};
    names.forEach((n, i) => (spot[n] = Math.expm1(prefix[i][start + w] - prefix[i][start])));
    const v = positionValues(book.positions, applyShock(book.market, { spot }));
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i] - base[i];
    pnls.push(s);
  }
  const order = pnls.map((_, i) => i).sort((a, b) => pnls[a] - pnls[b] || a - b);
  const out: ReplayWindow[] = [];
  for (const i of order) {
    if (out.length >= c) break;
    if (out.some((o) => i <= o.end && i + w - 1 >= o.start)) continue;
    out.push({ start: i, end: i + w - 1, pnl: pnls[i] });
  }
  return out;
}

/**
 * Hypothetical textbook scenarios (not calibrated to any historical episode): equity crash,
 * rally, vol spike, rate shock. Apply with `stressTest(book, STANDARD_SCENARIOS)`.
 */
export const STANDARD_SCENARIOS: readonly MarketShock[] = Object.freeze([
  { name: 'equity crash: spot −20%, vol +15 pts', spot: -0.2, vol: 0.15 },
  { name: 'equity sell-off: spot −10%, vol +5 pts', spot: -0.1, vol: 0.05 },
  { name: 'rally: spot +10%, vol −3 pts', spot: 0.1, vol: -0.03 },
  { name: 'vol spike: vol +10 pts', vol: 0.1 },
  { name: 'vol crush: vol −5 pts', vol: -0.05 },
  { name: 'rates +100bp', rate: 0.01 },
  { name: 'rates −100bp', rate: -0.01 },
]);
