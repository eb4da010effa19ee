import type { AmericanOptions } from '@quantforge/pricing';

/** Fields every position has. `quantity` may be negative (short); value = quantity × multiplier × unit value. */
interface PositionBase {
  /** Unique id within a book. */
  id: string;
  /** Name of the underlying; must be a key of the {@link MarketData}. */
  underlying: string;
  /** Number of units (negative for a short position). */
  quantity: number;
  /** Contract multiplier (units of underlying per contract), default 1. */
  multiplier?: number;
  /** Optional book (desk) name for aggregation; default `'default'`. */
  book?: string;
}

/** A linear holding of the underlying (stock, index, future-like delta-one position). */
export interface LinearPosition extends PositionBase {
  kind: 'linear';
}

/** A European or American vanilla option on a named underlying, valued under Black-Scholes-Merton. */
export interface OptionPosition extends PositionBase {
  kind: 'option';
  type: 'call' | 'put';
  strike: number;
  /** Time to expiry in years, >= 0. */
  expiry: number;
  /** Exercise style, default `'european'`. */
  exercise?: 'european' | 'american';
  /** Pricer options for American exercise (default `{ method: 'bjerksund-stensland' }`, see {@link positionValue}). */
  americanOptions?: AmericanOptions;
}

export type Position = LinearPosition | OptionPosition;

/** Market state of one underlying (DESIGN.md units: annual decimals, continuous compounding). */
export interface UnderlyingMarket {
  spot: number;
  /** Lognormal (Black-Scholes) volatility, > 0. Required when options reference the underlying. */
  vol: number;
  /** Continuously compounded risk-free rate. */
  rate: number;
  /** Continuous dividend yield, default 0. */
  dividendYield?: number;
}

/** Market data keyed by underlying name. */
export type MarketData = Readonly<Record<string, UnderlyingMarket>>;

/** A book: positions plus the market they are valued in. */
export interface Book {
  positions: readonly Position[];
  market: MarketData;
}

/**
 * A shift of one factor: a number applies to every underlying, a record to the named ones
 * (missing names are not shocked).
 */
export type ShockValue = number | Readonly<Record<string, number>>;

/**
 * A hypothetical market scenario. `spot` is a relative move (−0.2 = spot × 0.8); `vol` and `rate`
 * are absolute additive shifts (0.05 = +5 vol points, 0.01 = +100bp); `time` ages every option
 * by that many years (expiry floored at 0).
 */
export interface MarketShock {
  name?: string;
  spot?: ShockValue;
  vol?: ShockValue;
  rate?: ShockValue;
  time?: number;
}

/** Position greeks in currency units (already × quantity × multiplier). */
export interface PositionRisk {
  id: string;
  underlying: string;
  book: string;
  /** Present value. */
  value: number;
  /** dV/dS (units of underlying). */
  delta: number;
  /** d²V/dS². */
  gamma: number;
  /** dV/dvol per 1.00 of vol. */
  vega: number;
  /** dV/drate. */
  rho: number;
  /** dV/dt per year (calendar time passing). */
  theta: number;
  /** |quantity × multiplier × spot|: gross notional in currency. */
  notional: number;
  /** delta × spot: currency P&L per 100% relative spot move (first order). */
  dollarDelta: number;
  /** gamma × spot²: currency second-order term per unit relative move squared. */
  dollarGamma: number;
}
