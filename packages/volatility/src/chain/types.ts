import type { OptionType } from '@quantforge/core';

/** One row of an option chain as ingested (after parsing, before filtering). */
export interface OptionChainRow {
  /** Expiry date: 'YYYY-MM-DD' (UTC calendar date), a full ISO timestamp or a Date. */
  expiry: string | Date;
  strike: number;
  type: OptionType;
  bid?: number;
  ask?: number;
  last?: number;
  volume?: number;
  openInterest?: number;
  /** Underlying price seen with the quote. */
  underlying?: number;
  /** Time of the quote (ISO string, Date or epoch ms), used by the stale filter. */
  quoteTime?: string | Date | number;
}

/** Why a quote was dropped (one code per dropped quote, the first test it failed). */
export type DropReason =
  | 'invalid-row'
  | 'expired'
  | 'missing-quote'
  | 'negative-price'
  | 'crossed'
  | 'zero-bid'
  | 'wide-spread'
  | 'stale'
  | 'low-volume'
  | 'low-open-interest'
  | 'duplicate'
  | 'no-forward'
  | 'no-implied-vol';

/** A quote removed by the processor, with the reason and a human-readable detail. */
export interface DroppedQuote {
  /** Index of the row in the input array. */
  index: number;
  row: OptionChainRow;
  reason: DropReason;
  detail: string;
}

/** A quote that survived the filters, with its implied vol and forward-based analytics. */
export interface ChainQuote {
  index: number;
  type: OptionType;
  strike: number;
  bid: number;
  ask: number;
  mid: number;
  last?: number;
  volume?: number;
  openInterest?: number;
  /** Black-76 implied vol of the mid on the slice's forward and discount. */
  iv: number;
  /** Implied vol of the bid (undefined when the bid is 0 or below intrinsic). */
  ivBid?: number;
  /** Implied vol of the ask (undefined when it has no solution). */
  ivAsk?: number;
  /** Forward log-moneyness k = ln(K/F). */
  logMoneyness: number;
  /** Forward delta, not premium-adjusted: N(d₁) (call) or N(d₁) - 1 (put), with the mid iv. */
  delta: number;
  /** Black-76 vega of the present value, ∂V/∂σ = D·F·n(d₁)·√T. */
  vega: number;
  /** True when the quote is out of the money with respect to the forward (call K ≥ F, put K < F). */
  otm: boolean;
}

/** Kind of expiry in the listing calendar. */
export type ExpiryKind = 'quarterly' | 'monthly' | 'weekly' | 'other';

/** One expiry of a processed chain. */
export interface ChainSlice {
  /** Expiry as 'YYYY-MM-DD'. */
  expiry: string;
  /** Calendar days from the valuation date. */
  days: number;
  /** Years, ACT/365 from the valuation date. */
  timeToExpiry: number;
  kind: ExpiryKind;
  /** Implied forward F (put-call parity unless given). */
  forward: number;
  /** Discount factor D to the expiry (put-call parity unless a rate was given). */
  discount: number;
  /** Continuously compounded rate implied by the discount, -ln D / T. */
  impliedRate: number;
  /** How forward and discount were obtained. */
  forwardSource: 'parity-regression' | 'parity-given-rate' | 'spot-carry';
  /** Call/put pairs used in the parity fit (after outlier removal) and rejected as outliers. */
  parityPairs: number;
  parityOutliers: number[];
  /** Root-mean-square parity residual of the kept pairs (price units). */
  parityRms: number;
  /** Surviving quotes, sorted by strike then type (call first). */
  quotes: ChainQuote[];
  /** Quotes removed, each with its reason. */
  dropped: DroppedQuote[];
}

/** Liquidity filters; every threshold is optional and documented with its default. */
export interface ChainFilters {
  /** Drop quotes with bid ≤ 0 (default true). */
  dropZeroBid?: boolean;
  /** Maximum (ask - bid)/mid (default 1.0, i.e. 100 % of mid). */
  maxRelativeSpread?: number;
  /** Spreads at most this wide (price units) are never called wide (default 0.05). */
  minSpreadTolerance?: number;
  /** Drop quotes whose quoteTime is older than this many seconds before asOf (default: no stale filter). */
  staleAfterSeconds?: number;
  /** Minimum volume (default 0: no filter). */
  minVolume?: number;
  /** Minimum open interest (default 0: no filter). */
  minOpenInterest?: number;
}

/** Options of processOptionChain. */
export interface ProcessChainOptions {
  /** Valuation date ('YYYY-MM-DD', ISO timestamp or Date); `asOf` is an alias. */
  valuationDate?: string | Date;
  asOf?: string | Date;
  /** Continuously compounded rate: when given, D = e^{-rT} and only F is fitted from parity. */
  rate?: number;
  /** Spot of the underlying (default: median of the rows' `underlying`); used only as a fallback. */
  spot?: number;
  /** Dividend yield for the spot-carry fallback forward (default 0). */
  dividendYield?: number;
  filters?: ChainFilters;
  /** Robust parity fit: residuals beyond this many robust standard deviations are outliers (default 4). */
  outlierThreshold?: number;
}

/** Result of processOptionChain. */
export interface ProcessedChain {
  /** Valuation date as 'YYYY-MM-DD'. */
  asOf: string;
  slices: ChainSlice[];
  /** Rows that could not be attached to any expiry (invalid expiry, expired). */
  dropped: DroppedQuote[];
}
