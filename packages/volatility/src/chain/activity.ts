import { InvalidInputError, requireFinite, requireObject } from '@quantforge/core';
import { dayStart, isoDate, parseDateMs } from './dates';
import type { OptionChainRow } from './types';

/** Volume and open-interest totals of one expiry (or the whole chain). */
export interface ActivitySummary {
  expiry: string;
  callVolume: number;
  putVolume: number;
  callOpenInterest: number;
  putOpenInterest: number;
  /** putVolume / callVolume (undefined when there is no call volume). */
  putCallVolumeRatio?: number;
  /** putOpenInterest / callOpenInterest (undefined when there is no call open interest). */
  putCallOpenInterestRatio?: number;
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);

function summarise(expiry: string, rows: readonly OptionChainRow[]): ActivitySummary {
  const s: ActivitySummary = { expiry, callVolume: 0, putVolume: 0, callOpenInterest: 0, putOpenInterest: 0 };
  for (const r of rows) {
    if (r.type === 'call') {
      s.callVolume += num(r.volume);
      s.callOpenInterest += num(r.openInterest);
    } else if (r.type === 'put') {
      s.putVolume += num(r.volume);
      s.putOpenInterest += num(r.openInterest);
    }
  }
  if (s.callVolume > 0) s.putCallVolumeRatio = s.putVolume / s.callVolume;
  if (s.callOpenInterest > 0) s.putCallOpenInterestRatio = s.putOpenInterest / s.callOpenInterest;
  return s;
}

/**
 * Volume and open-interest analytics: totals and put/call ratios per expiry (sorted) and for
 * the whole chain (expiry 'all'). Missing, negative or non-finite volume/OI count as 0; rows
 * with an unreadable expiry count only in the total.
 */
export function chainActivity(rows: readonly OptionChainRow[]): { byExpiry: ActivitySummary[]; total: ActivitySummary } {
  if (!Array.isArray(rows)) throw new InvalidInputError('rows', 'must be an array', typeof rows);
  const groups = new Map<string, OptionChainRow[]>();
  for (const r of rows) {
    let key: string;
    try {
      key = isoDate(dayStart(parseDateMs('expiry', r.expiry)));
    } catch {
      continue;
    }
    const g = groups.get(key) ?? [];
    g.push(r);
    groups.set(key, g);
  }
  const byExpiry = [...groups.keys()].sort().map((k) => summarise(k, groups.get(k)!));
  return { byExpiry, total: summarise('all', rows) };
}

/** Key of a contract in {@link unusualActivity}'s history: 'YYYY-MM-DD|call|100'. */
export function contractKey(row: Pick<OptionChainRow, 'expiry' | 'type' | 'strike'>): string {
  return `${isoDate(dayStart(parseDateMs('expiry', row.expiry)))}|${row.type}|${row.strike}`;
}

/** One flagged contract of {@link unusualActivity}. */
export interface UnusualActivityFlag {
  index: number;
  key: string;
  volume: number;
  openInterest: number;
  /** volume / openInterest (undefined when OI is 0). */
  volumeOiRatio?: number;
  /** (volume - mean(history)) / sd(history), sample sd (undefined without ≥ 2 history points or sd = 0). */
  zScore?: number;
  reasons: ('volume-oi-ratio' | 'volume-z-score' | 'volume-without-open-interest')[];
}

/**
 * Unusual-activity flags per contract: volume/OI ≥ `ratioThreshold` (default 1: more contracts
 * traded today than were open), volume with zero open interest, and a volume z-score
 * ≥ `zThreshold` (default 3) against `history[contractKey(row)]` (past daily volumes; sample
 * mean and standard deviation, ddof = 1). Rows with volume < `minVolume` (default 1) are never
 * flagged. Sorted by z-score then ratio, largest first.
 */
export function unusualActivity(
  rows: readonly OptionChainRow[],
  options: { history?: Record<string, readonly number[]>; ratioThreshold?: number; zThreshold?: number; minVolume?: number } = {},
): UnusualActivityFlag[] {
  if (!Array.isArray(rows)) throw new InvalidInputError('rows', 'must be an array', typeof rows);
  requireObject('options', options);
  const ratioThreshold = options.ratioThreshold === undefined ? 1 : requireFinite('ratioThreshold', options.ratioThreshold);
  const zThreshold = options.zThreshold === undefined ? 3 : requireFinite('zThreshold', options.zThreshold);
  const minVolume = options.minVolume === undefined ? 1 : requireFinite('minVolume', options.minVolume);
  const history = options.history ?? {};
  const out: UnusualActivityFlag[] = [];
  rows.forEach((row, index) => {
    const volume = num(row.volume);
    if (volume < minVolume || volume === 0) return;
    let key: string;
    try {
      key = contractKey(row);
    } catch {
      return;
    }
    const oi = num(row.openInterest);
    const flag: UnusualActivityFlag = { index, key, volume, openInterest: oi, reasons: [] };
    if (oi > 0) {
      flag.volumeOiRatio = volume / oi;
      if (flag.volumeOiRatio >= ratioThreshold) flag.reasons.push('volume-oi-ratio');
    } else flag.reasons.push('volume-without-open-interest');
    const h = history[key];
    if (h !== undefined) {
      const xs = h.filter((x) => Number.isFinite(x));
      if (xs.length >= 2) {
        const m = xs.reduce((a, b) => a + b, 0) / xs.length;
        const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
        if (sd > 0) {
          flag.zScore = (volume - m) / sd;
          if (flag.zScore >= zThreshold) flag.reasons.push('volume-z-score');
        }
      }
    }
    if (flag.reasons.length > 0) out.push(flag);
  });
  return out.sort((a, b) => (b.zScore ?? -Infinity) - (a.zScore ?? -Infinity) || (b.volumeOiRatio ?? 0) - (a.volumeOiRatio ?? 0));
}
