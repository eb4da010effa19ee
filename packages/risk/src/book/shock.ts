import { InvalidInputError, requireFinite, requireObject } from '@quantforge/core';
import type { MarketData, MarketShock, ShockValue, UnderlyingMarket } from './types';

function shockFor(value: ShockValue | undefined, underlying: string): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  return value[underlying] ?? 0;
}

/** Validates a {@link MarketShock}: finite numbers only, spot moves > −1, time >= 0. */
export function validateShock(shock: MarketShock, field = 'shock'): MarketShock {
  requireObject(field, shock);
  for (const key of ['spot', 'vol', 'rate'] as const) {
    const v = shock[key];
    if (v === undefined) continue;
    if (typeof v === 'number') requireFinite(`${field}.${key}`, v);
    else {
      requireObject(`${field}.${key}`, v);
      for (const [name, x] of Object.entries(v)) requireFinite(`${field}.${key}.${name}`, x);
    }
  }
  const spots = shock.spot === undefined ? [] : typeof shock.spot === 'number' ? [shock.spot] : Object.values(shock.spot);
  for (const s of spots) if (!(s > -1)) throw new InvalidInputError(`${field}.spot`, 'a relative spot move must be > -1', s);
  if (shock.time !== undefined && !(requireFinite(`${field}.time`, shock.time) >= 0)) {
    throw new InvalidInputError(`${field}.time`, 'must be >= 0', shock.time);
  }
  return shock;
}

/**
 * The market after a shock: spot × (1 + spot move), vol + vol shift (floored at `minVol`, default
 * 1e-4, so a large negative vol shock stays a valid input), rate + rate shift.
 */
export function applyShock(market: MarketData, shock: MarketShock, minVol = 1e-4): Record<string, UnderlyingMarket> {
  validateShock(shock);
  const out: Record<string, UnderlyingMarket> = {};
  for (const [name, m] of Object.entries(market)) {
    out[name] = {
      spot: m.spot * (1 + shockFor(shock.spot, name)),
      vol: Math.max(minVol, m.vol + shockFor(shock.vol, name)),
      rate: m.rate + shockFor(shock.rate, name),
      dividendYield: m.dividendYield ?? 0,
    };
  }
  return out;
}
