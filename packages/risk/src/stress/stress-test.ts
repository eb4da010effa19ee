import { InvalidInputError, requireObject } from '@quantforge/core';
import { positionScale, unitValueAt } from '../book/revalue';
import { applyShock, validateShock } from '../book/shock';
import { validateBook } from '../book/validate';
import type { Book, MarketData, MarketShock, Position } from '../book/types';

/** Result of one stress scenario. */
export interface StressResult {
  name: string;
  baseValue: number;
  shockedValue: number;
  /** shockedValue − baseValue (negative = loss). */
  pnl: number;
  byPosition: Record<string, number>;
  byUnderlying: Record<string, number>;
}

/** Validates a book (positions + market). */
export function requireBook(book: Book, field = 'book'): Book {
  requireObject(field, book);
  validateBook(book.positions, book.market);
  return book;
}

/** Value of each position (unchecked inputs), with options aged by `time` years. */
export function positionValues(positions: readonly Position[], market: MarketData, time = 0): Float64Array {
  return Float64Array.from(positions, (p) => {
    const m = market[p.underlying];
    return positionScale(p) * unitValueAt(p, m.spot, m.vol, m.rate, m.dividendYield ?? 0, p.kind === 'option' ? p.expiry - time : undefined);
  });
}

/** Book P&L under one shock, full revaluation (no per-position breakdown): the hot path of the solvers. */
export function shockPnl(book: Book, shock: MarketShock, base?: Float64Array): number {
  const b = base ?? positionValues(book.positions, book.market);
  const after = positionValues(book.positions, applyShock(book.market, shock), shock.time ?? 0);
  let pnl = 0;
  for (let i = 0; i < after.length; i++) pnl += after[i] - b[i];
  return pnl;
}

/**
 * Hypothetical stress test with full revaluation of every position (Europeans by the BSM closed
 * form, Americans by their configured pricer): spot moves are relative, vol and rate shifts
 * absolute, `time` ages the options (see {@link MarketShock}). One result per shock, with the P&L
 * per position and per underlying.
 */
export function stressTest(book: Book, shocks: MarketShock | readonly MarketShock[]): StressResult[] {
  requireBook(book);
  const list = Array.isArray(shocks) ? shocks : [shocks as MarketShock];
  if (list.length === 0) throw new InvalidInputError('shocks', 'needs at least one shock');
  list.forEach((s, i) => validateShock(s, `shocks[${i}]`));
  const base = positionValues(book.positions, book.market);
  let baseValue = 0;
  for (const v of base) baseValue += v;
  return list.map((shock, k) => {
    const after = positionValues(book.positions, applyShock(book.market, shock), shock.time ?? 0);
    const byPosition: Record<string, number> = {};
    const byUnderlying: Record<string, number> = {};
    let shockedValue = 0;
    book.positions.forEach((p, i) => {
      const d = after[i] - base[i];
      byPosition[p.id] = d;
      byUnderlying[p.underlying] = (byUnderlying[p.underlying] ?? 0) + d;
      shockedValue += after[i];
    });
    return { name: shock.name ?? `shock ${k}`, baseValue, shockedValue, pnl: shockedValue - baseValue, byPosition, byUnderlying };
  });
}
