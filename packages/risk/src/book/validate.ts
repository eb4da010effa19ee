import { InvalidInputError, requireFinite, requireNonNegative, requireObject, requireOptionType, requirePositive } from '@quantforge/core';
import type { MarketData, Position, UnderlyingMarket } from './types';

/** Validates one position (field names are prefixed with `field`, e.g. `positions[3].strike`). */
export function validatePosition(position: Position, field = 'position'): Position {
  const p = requireObject(field, position);
  if (typeof p.id !== 'string' || p.id === '') throw new InvalidInputError(`${field}.id`, 'must be a non-empty string', p.id);
  if (typeof p.underlying !== 'string' || p.underlying === '') {
    throw new InvalidInputError(`${field}.underlying`, 'must be a non-empty string', p.underlying);
  }
  requireFinite(`${field}.quantity`, p.quantity);
  if (p.multiplier !== undefined) requirePositive(`${field}.multiplier`, p.multiplier);
  if (p.book !== undefined && typeof p.book !== 'string') throw new InvalidInputError(`${field}.book`, 'must be a string', p.book);
  if (p.kind === 'option') {
    requireOptionType(`${field}.type`, p.type);
    requirePositive(`${field}.strike`, p.strike);
    requireNonNegative(`${field}.expiry`, p.expiry);
    if (p.exercise !== undefined && p.exercise !== 'european' && p.exercise !== 'american') {
      throw new InvalidInputError(`${field}.exercise`, "must be 'european' or 'american'", p.exercise);
    }
  } else if (p.kind !== 'linear') {
    throw new InvalidInputError(`${field}.kind`, "must be 'linear' or 'option'", p.kind);
  }
  return position;
}

/** Validates the market of one underlying. */
export function validateUnderlyingMarket(m: UnderlyingMarket, field: string): UnderlyingMarket {
  requireObject(field, m);
  requirePositive(`${field}.spot`, m.spot);
  requirePositive(`${field}.vol`, m.vol);
  requireFinite(`${field}.rate`, m.rate);
  if (m.dividendYield !== undefined) requireFinite(`${field}.dividendYield`, m.dividendYield);
  return m;
}

/**
 * Validates positions against a market: each position is well-formed, ids are unique, and every
 * underlying a position names has market data.
 */
export function validateBook(positions: readonly Position[], market: MarketData, field = 'positions'): void {
  if (!Array.isArray(positions)) throw new InvalidInputError(field, 'must be an array of positions', positions);
  requireObject('market', market);
  const ids = new Set<string>();
  const checked = new Set<string>();
  for (let i = 0; i < positions.length; i++) {
    const p = validatePosition(positions[i], `${field}[${i}]`);
    if (ids.has(p.id)) throw new InvalidInputError(`${field}[${i}].id`, 'duplicates an earlier position id', p.id);
    ids.add(p.id);
    if (!checked.has(p.underlying)) {
      const m = market[p.underlying];
      if (m === undefined) throw new InvalidInputError(`${field}[${i}].underlying`, 'has no market data', p.underlying);
      validateUnderlyingMarket(m, `market.${p.underlying}`);
      checked.add(p.underlying);
    }
  }
}
