import { InvalidInputError } from '@quantforge/core';
import { bsGreeks } from '@quantforge/greeks';
import { americanPrice, americanValuation, bsPriceKernel } from '@quantforge/pricing';
import type { AmericanOptions } from '@quantforge/pricing';
import { validateBook, validatePosition, validateUnderlyingMarket } from './validate';
import type { MarketData, OptionPosition, Position, PositionRisk, UnderlyingMarket } from './types';

/** Pricer used for American positions unless the position says otherwise: fast, ~1e-3 accurate. */
export const DEFAULT_AMERICAN_OPTIONS: AmericanOptions = Object.freeze({ method: 'bjerksund-stensland' });

/** quantity × multiplier. */
export function positionScale(p: Position): number {
  return p.quantity * (p.multiplier ?? 1);
}

/**
 * Unit value of a position's instrument (one unit of underlying, or one option on one unit) at
 * explicit market inputs, unchecked. Europeans use the BSM kernel of @quantforge/pricing (the same
 * kernel `bsPrice`/`bsPriceBatch` run); Americans use `americanValuation` with the position's
 * `americanOptions` (default Bjerksund-Stensland 2002, about 1e-3 absolute on the reference set).
 */
export function unitValueAt(p: Position, spot: number, vol: number, rate: number, dividendYield: number, expiry?: number): number {
  if (p.kind === 'linear') return spot;
  const T = Math.max(0, expiry ?? p.expiry);
  if (p.exercise === 'american') {
    return americanValuation(
      { type: p.type, spot, strike: p.strike, expiry: T, rate, dividendYield, vol },
      p.americanOptions ?? DEFAULT_AMERICAN_OPTIONS,
    ).price;
  }
  return bsPriceKernel(p.type === 'call' ? 1 : -1, spot, p.strike, T, rate, dividendYield, vol);
}

/** Present value of a position (quantity × multiplier × unit value) in a market. */
export function positionValue(position: Position, market: MarketData): number {
  validatePosition(position);
  const m = market?.[position.underlying];
  if (m === undefined) throw new InvalidInputError('position.underlying', 'has no market data', position.underlying);
  validateUnderlyingMarket(m, `market.${position.underlying}`);
  return positionScale(position) * unitValueAt(position, m.spot, m.vol, m.rate, m.dividendYield ?? 0);
}

/** Unit greeks of an option (value, delta, gamma, vega, rho, theta), unchecked inputs. */
export function optionUnitRisk(p: OptionPosition, m: UnderlyingMarket): { value: number; delta: number; gamma: number; vega: number; rho: number; theta: number } {
  const input = { type: p.type, spot: m.spot, strike: p.strike, expiry: p.expiry, rate: m.rate, dividendYield: m.dividendYield ?? 0, vol: m.vol };
  if (p.exercise === 'american') {
    const r = americanPrice(input, p.americanOptions ?? DEFAULT_AMERICAN_OPTIONS);
    return { value: r.price, delta: r.delta, gamma: r.gamma, vega: r.vega, rho: r.rho, theta: r.theta };
  }
  const g = bsGreeks(input);
  return { value: g.price, delta: g.delta, gamma: g.gamma, vega: g.vega, rho: g.rho, theta: g.theta };
}

/** Position risk given a validated position and market (no validation; used by the hot paths). */
export function positionRiskUnchecked(p: Position, m: UnderlyingMarket): PositionRisk {
  const s = positionScale(p);
  const u = p.kind === 'linear' ? { value: m.spot, delta: 1, gamma: 0, vega: 0, rho: 0, theta: 0 } : optionUnitRisk(p, m);
  const delta = s * u.delta;
  const gamma = s * u.gamma;
  return {
    id: p.id,
    underlying: p.underlying,
    book: p.book ?? 'default',
    value: s * u.value,
    delta,
    gamma,
    vega: s * u.vega,
    rho: s * u.rho,
    theta: s * u.theta,
    notional: Math.abs(s * m.spot),
    dollarDelta: delta * m.spot,
    dollarGamma: gamma * m.spot * m.spot,
  };
}

/**
 * Value and greeks of a position in currency units (× quantity × multiplier): Europeans by the
 * analytic BSM greeks of @quantforge/greeks (`bsGreeks`), Americans by `americanPrice` (engine
 * delta/gamma/theta, bumped vega/rho). Raw partial derivatives (DESIGN.md units).
 */
export function positionGreeks(position: Position, market: MarketData): PositionRisk {
  validateBook([position], market, 'position');
  return positionRiskUnchecked(position, market[position.underlying]);
}

/** Aggregated risk of a set of positions. */
export interface RiskTotals {
  value: number;
  delta: number;
  gamma: number;
  vega: number;
  rho: number;
  theta: number;
  notional: number;
  dollarDelta: number;
  dollarGamma: number;
}

/** A zeroed {@link RiskTotals}. */
export function emptyTotals(): RiskTotals {
  return { value: 0, delta: 0, gamma: 0, vega: 0, rho: 0, theta: 0, notional: 0, dollarDelta: 0, dollarGamma: 0 };
}

/** Adds `r` into `acc` (in place) and returns `acc`. */
export function addTotals(acc: RiskTotals, r: RiskTotals): RiskTotals {
  acc.value += r.value;
  acc.delta += r.delta;
  acc.gamma += r.gamma;
  acc.vega += r.vega;
  acc.rho += r.rho;
  acc.theta += r.theta;
  acc.notional += r.notional;
  acc.dollarDelta += r.dollarDelta;
  acc.dollarGamma += r.dollarGamma;
  return acc;
}

/** Book risk: per position, per underlying, per book and the total. */
export interface BookRisk {
  positions: PositionRisk[];
  byUnderlying: Record<string, RiskTotals>;
  byBook: Record<string, RiskTotals>;
  total: RiskTotals;
}

/**
 * Values and greeks of every position and their sums per underlying, per book and in total.
 * Sums over underlyings of different currencies are the caller's concern (one currency assumed).
 */
export function bookGreeks(positions: readonly Position[], market: MarketData): BookRisk {
  validateBook(positions, market);
  const rows = positions.map((p) => positionRiskUnchecked(p, market[p.underlying]));
  const byUnderlying: Record<string, RiskTotals> = {};
  const byBook: Record<string, RiskTotals> = {};
  const total = emptyTotals();
  for (const r of rows) {
    addTotals((byUnderlying[r.underlying] ??= emptyTotals()), r);
    addTotals((byBook[r.book] ??= emptyTotals()), r);
    addTotals(total, r);
  }
  return { positions: rows, byUnderlying, byBook, total };
}

/** Present value of a book (sum of position values). */
export function bookValue(positions: readonly Position[], market: MarketData): number {
  validateBook(positions, market);
  let v = 0;
  for (const p of positions) {
    const m = market[p.underlying];
    v += positionScale(p) * unitValueAt(p, m.spot, m.vol, m.rate, m.dividendYield ?? 0);
  }
  return v;
}
