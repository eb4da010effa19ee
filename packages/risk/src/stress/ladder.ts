import { InvalidInputError, requireFinite } from '@quantforge/core';
import { applyShock } from '../book/shock';
import type { Book, MarketShock } from '../book/types';
import { positionValues, requireBook } from './stress-test';

/** Options of {@link spotVolLadder}. */
export interface SpotVolLadderOptions {
  /** Relative spot moves (e.g. [−0.2, −0.1, 0, 0.1, 0.2]). */
  spotShocks: ArrayLike<number>;
  /** Absolute vol shifts (e.g. [−0.05, 0, 0.05]). */
  volShocks: ArrayLike<number>;
  /** Shock only this underlying (default: every underlying moves together). */
  underlying?: string;
}

/** A spot × vol grid of full-revaluation P&L. */
export interface SpotVolLadder {
  spotShocks: Float64Array;
  volShocks: Float64Array;
  baseValue: number;
  /** pnl[i][j]: P&L at spotShocks[i], volShocks[j]. */
  pnl: Float64Array[];
}

function grid(name: string, v: ArrayLike<number>, lower?: number): Float64Array {
  if (v === null || typeof v !== 'object' || typeof v.length !== 'number' || v.length === 0) {
    throw new InvalidInputError(name, 'must be a non-empty array of numbers', v);
  }
  return Float64Array.from({ length: v.length }, (_, i) => {
    const x = requireFinite(`${name}[${i}]`, v[i]);
    if (lower !== undefined && !(x > lower)) throw new InvalidInputError(`${name}[${i}]`, `must be > ${lower}`, x);
    return x;
  });
}

/** Spot × vol ladder: the book revalued in full at every (spot move, vol shift) pair. */
export function spotVolLadder(book: Book, options: SpotVolLadderOptions): SpotVolLadder {
  requireBook(book);
  const spotShocks = grid('spotShocks', options?.spotShocks, -1);
  const volShocks = grid('volShocks', options?.volShocks);
  const u = options.underlying;
  if (u !== undefined && book.market[u] === undefined) throw new InvalidInputError('underlying', 'has no market data', u);
  const base = positionValues(book.positions, book.market);
  let baseValue = 0;
  for (const v of base) baseValue += v;
  const pnl = Array.from(spotShocks, (ds) =>
    Float64Array.from(volShocks, (dv) => {
      const shock: MarketShock = u === undefined ? { spot: ds, vol: dv } : { spot: { [u]: ds }, vol: { [u]: dv } };
      const values = positionValues(book.positions, applyShock(book.market, shock));
      let s = 0;
      for (let i = 0; i < values.length; i++) s += values[i] - base[i];
      return s;
    }),
  );
  return { spotShocks, volShocks, baseValue, pnl };
}
