import type { NumericColumn, OptionType, TypeColumn } from '@quantforge/core';

/** Inputs of the generalised Black-Scholes-Merton model (DESIGN.md units). */
export interface BsInput {
  type: OptionType;
  /** Spot price of the underlying, > 0. */
  spot: number;
  /** Strike, > 0. */
  strike: number;
  /** Time to expiry in years, >= 0 (0 gives the intrinsic value). */
  expiry: number;
  /** Continuously compounded risk-free rate (annual decimal). */
  rate: number;
  /** Continuous dividend yield (annual decimal), default 0. */
  dividendYield?: number;
  /** Lognormal volatility (annual decimal), > 0. */
  vol: number;
}

/** Inputs of Black (1976) on a forward. */
export interface Black76Input {
  type: OptionType;
  /** Forward price for the option's expiry, > 0. */
  forward: number;
  strike: number;
  expiry: number;
  /** Rate used to discount the payoff: price = e^{-rate·expiry} × undiscounted Black. */
  rate: number;
  /** Lognormal volatility of the forward, > 0. */
  vol: number;
}

/** Inputs of the Bachelier (normal) model; forward and strike may be negative. */
export interface BachelierInput {
  type: OptionType;
  forward: number;
  strike: number;
  expiry: number;
  rate: number;
  /** Absolute normal volatility of the forward, in price units per √year, > 0. */
  vol: number;
}

/** Struct-of-arrays form of {@link BsInput} for the batch functions. */
export interface BsBatchInput {
  type: TypeColumn;
  spot: NumericColumn;
  strike: NumericColumn;
  expiry: NumericColumn;
  rate: NumericColumn;
  dividendYield?: NumericColumn;
  vol: NumericColumn;
}

/** Struct-of-arrays form of {@link Black76Input} / {@link BachelierInput}. */
export interface ForwardBatchInput {
  type: TypeColumn;
  forward: NumericColumn;
  strike: NumericColumn;
  expiry: NumericColumn;
  rate: NumericColumn;
  vol: NumericColumn;
}
