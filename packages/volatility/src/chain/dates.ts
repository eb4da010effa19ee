import { InvalidInputError, requireInteger, requireObject } from '@quantforge/core';
import type { ExpiryKind } from './types';

const DAY_MS = 86_400_000;

/**
 * Parses a date given as 'YYYY-MM-DD', 'YYYYMMDD', an ISO timestamp, a Date or epoch ms into
 * epoch milliseconds (UTC). Throws InvalidInputError naming `field` when it is not a valid date.
 */
export function parseDateMs(field: string, value: unknown): number {
  if (value instanceof Date) {
    const t = value.getTime();
    if (!Number.isFinite(t)) throw new InvalidInputError(field, 'must be a valid date', value);
    return t;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidInputError(field, 'must be a valid date', value);
    return value;
  }
  if (typeof value !== 'string') throw new InvalidInputError(field, 'must be a date string or Date', value);
  const s = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
      throw new InvalidInputError(field, 'is not a calendar date', value);
    }
    return t;
  }
  m = /^\d{4}-\d{2}-\d{2}T/.exec(s);
  if (m) {
    const t = Date.parse(s);
    if (Number.isFinite(t)) return t;
  }
  throw new InvalidInputError(field, "must be 'YYYY-MM-DD', 'YYYYMMDD' or an ISO timestamp", value);
}

/** 'YYYY-MM-DD' of the UTC calendar day containing `ms`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** UTC midnight of the calendar day containing `ms`. */
export function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Third Friday of a month (1-based month), as epoch ms at UTC midnight. */
export function thirdFriday(year: number, month: number): number {
  requireInteger('year', year);
  requireInteger('month', month, 1);
  if (month > 12) throw new InvalidInputError('month', 'must be in 1..12', month);
  const first = Date.UTC(year, month - 1, 1);
  const dow = new Date(first).getUTCDay(); // 0 = Sunday, 5 = Friday
  const firstFriday = 1 + ((5 - dow + 7) % 7);
  return Date.UTC(year, month - 1, firstFriday + 14);
}

/**
 * Listing class of an expiry date: 'quarterly' (third Friday of Mar/Jun/Sep/Dec), 'monthly'
 * (third Friday of another month, or the Thursday before it when that Friday is a holiday —
 * not detected here: only Fridays are matched), 'weekly' (any other Friday), 'other' (any other
 * weekday: end-of-month, Monday/Wednesday weeklies are 'other').
 */
export function classifyExpiry(expiry: string | Date): ExpiryKind {
  const t = dayStart(parseDateMs('expiry', expiry));
  const d = new Date(t);
  if (d.getUTCDay() !== 5) return 'other';
  const month = d.getUTCMonth() + 1;
  if (thirdFriday(d.getUTCFullYear(), month) === t) return month % 3 === 0 ? 'quarterly' : 'monthly';
  return 'weekly';
}

/** One entry of {@link expiryCalendar}. */
export interface ExpiryInfo {
  expiry: string;
  days: number;
  timeToExpiry: number;
  kind: ExpiryKind;
}

/**
 * Sorted, de-duplicated calendar of expiries after `asOf` with days, ACT/365 year fraction
 * (calendar days / 365) and listing class. Expiries on or before asOf are omitted.
 */
export function expiryCalendar(expiries: readonly (string | Date)[], options: { asOf: string | Date }): ExpiryInfo[] {
  if (!Array.isArray(expiries)) throw new InvalidInputError('expiries', 'must be an array', expiries);
  requireObject('options', options);
  const asOf = dayStart(parseDateMs('asOf', options.asOf));
  const seen = new Set<number>();
  const out: ExpiryInfo[] = [];
  expiries.forEach((e, i) => {
    const t = dayStart(parseDateMs(`expiries[${i}]`, e));
    if (t <= asOf || seen.has(t)) return;
    seen.add(t);
    const days = Math.round((t - asOf) / DAY_MS);
    out.push({ expiry: isoDate(t), days, timeToExpiry: days / 365, kind: classifyExpiry(isoDate(t)) });
  });
  return out.sort((a, b) => a.days - b.days);
}

/** One roll of {@link rollSchedule}. */
export interface RollEvent {
  /** Expiry being rolled out of. */
  from: string;
  /** Expiry rolled into (the next one of the same class set). */
  to: string;
  /** Date to roll: `daysBefore` business days (Mon-Fri, no holiday calendar) before `from`. */
  rollDate: string;
}

/**
 * Roll schedule over a calendar of expiries: for each expiry of the selected kinds (default
 * monthly and quarterly), roll into the next such expiry `daysBefore` business days (default 5)
 * before it. Business days skip Saturdays and Sundays only (no exchange holidays).
 */
export function rollSchedule(
  expiries: readonly (string | Date)[],
  options: { asOf: string | Date; daysBefore?: number; kinds?: readonly ExpiryKind[] },
): RollEvent[] {
  const cal = expiryCalendar(expiries, options);
  const daysBefore = options.daysBefore === undefined ? 5 : requireInteger('daysBefore', options.daysBefore, 0);
  const kinds = new Set(options.kinds ?? ['monthly', 'quarterly']);
  const sel = cal.filter((e) => kinds.has(e.kind));
  const out: RollEvent[] = [];
  for (let i = 0; i + 1 < sel.length; i++) {
    let t = parseDateMs('expiry', sel[i]!.expiry);
    let n = 0;
    while (n < daysBefore) {
      t -= DAY_MS;
      const dow = new Date(t).getUTCDay();
      if (dow !== 0 && dow !== 6) n++;
    }
    out.push({ from: sel[i]!.expiry, to: sel[i + 1]!.expiry, rollDate: isoDate(t) });
  }
  return out;
}
