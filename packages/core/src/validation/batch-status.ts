/**
 * Per-row status codes written by batch functions into an optional `Uint8Array`.
 * A batch never throws half-way: a bad row yields `NaN` in the output and one of these codes.
 */
export const BatchStatus = {
  /** The row was computed. */
  Ok: 0,
  /** An input field of the row was invalid (NaN, infinite, out of domain, unknown type). */
  InvalidInput: 1,
  /** The row's price is below the lower no-arbitrage bound (e.g. below intrinsic value). */
  BelowLowerBound: 2,
  /** The row's price is above the upper no-arbitrage bound. */
  AboveUpperBound: 3,
  /** An iterative method did not converge for the row. */
  NoConvergence: 4,
} as const;

export type BatchStatusCode = (typeof BatchStatus)[keyof typeof BatchStatus];
