/**
 * The allocation-free kernels shared by the scalar and batch implied-volatility functions (so that
 * a batch row and the scalar call give the same bits). A kernel returns the volatility (≥ 0) or a
 * negative {@link KernelCode}; the scalar wrappers turn codes into typed errors, the batch loops
 * into `NaN` + `BatchStatus`.
 */
import { BatchStatus, InvalidInputError, NoSolutionError } from '@quantforge/core';
import type { BatchStatusCode } from '@quantforge/core';
import { logRatio } from '@quantforge/pricing';
import { normalisedImpliedVolatility } from './lets-be-rational';

/** Negative kernel results. */
export const KernelCode = {
  InvalidInput: -1,
  NegativePrice: -2,
  BelowIntrinsic: -3,
  AboveUpperBound: -4,
  /** expiry = 0 with a price inside the bounds: every vol gives the same price. */
  ZeroExpiry: -5,
} as const;

/** Batch status for a kernel result. */
export function kernelStatus(result: number): BatchStatusCode {
  if (result >= 0) return BatchStatus.Ok;
  if (result === KernelCode.NegativePrice || result === KernelCode.BelowIntrinsic) return BatchStatus.BelowLowerBound;
  if (result === KernelCode.AboveUpperBound) return BatchStatus.AboveUpperBound;
  return BatchStatus.InvalidInput;
}

export function isFinitePositive(v: number): boolean {
  return v > 0 && v < Infinity;
}

/**
 * Black implied vol in forward space: `w` = +1 call / -1 put, `p` the undiscounted price, `F`,
 * `K` > 0, `T` ≥ 0 (all already validated as finite), `x` = ln(F/K) formed as accurately as the
 * caller can.
 * Bounds: max(w(F-K), 0) ≤ p < F (call) or K (put). A price at the intrinsic value (or below it
 * by no more than {@link intrinsicTolerance}) gives vol 0 (Jäckel's convention); T = 0 with a
 * price inside the bounds is undetermined.
 */
export function blackForwardKernel(w: number, p: number, F: number, K: number, T: number, x: number): number {
  if (p < 0) return KernelCode.NegativePrice;
  const intrinsic = Math.max(w > 0 ? F - K : K - F, 0);
  if (p < intrinsic - intrinsicTolerance(F, K)) return KernelCode.BelowIntrinsic;
  if (p >= (w > 0 ? F : K)) return KernelCode.AboveUpperBound;
  if (T === 0) return KernelCode.ZeroExpiry;
  if (p <= intrinsic) return 0;
  const beta = p / (Math.sqrt(F) * Math.sqrt(K));
  const s = normalisedImpliedVolatility(beta, x, w);
  // β within rounding of b_max = e^{θx/2}: indistinguishable from the upper bound (vol → ∞).
  if (s >= Number.MAX_VALUE) return KernelCode.AboveUpperBound;
  return s / Math.sqrt(T);
}

/**
 * How far below the intrinsic value a price may fall and still count as "at intrinsic" (vol 0):
 * 4ε·(|F| + |K|), the rounding noise of forming F - K (and F, and the undiscounting) itself.
 */
export function intrinsicTolerance(F: number, K: number): number {
  return 4 * Number.EPSILON * (Math.abs(F) + Math.abs(K));
}

/** BSM kernel: validates the row, converts to forward space (F = S e^{(r-q)T}, p = price·e^{rT}). */
export function bsmKernel(w: number, price: number, spot: number, strike: number, expiry: number, rate: number, dividendYield: number): number {
  if (
    (w !== 1 && w !== -1) ||
    !Number.isFinite(price) ||
    !isFinitePositive(spot) ||
    !isFinitePositive(strike) ||
    !(expiry >= 0 && expiry < Infinity) ||
    !Number.isFinite(rate) ||
    !Number.isFinite(dividendYield)
  ) {
    return KernelCode.InvalidInput;
  }
  const F = spot * Math.exp((rate - dividendYield) * expiry);
  const p = price * Math.exp(rate * expiry);
  if (!isFinitePositive(F) || !Number.isFinite(p)) return KernelCode.InvalidInput;
  // x = ln(F/K) = ln(S/K) + (r-q)T, formed without rounding F.
  return blackForwardKernel(w, p, F, strike, expiry, logRatio(spot, strike) + (rate - dividendYield) * expiry);
}

/** Black-76 kernel: validates the row, p = price·e^{rT}. */
export function black76Kernel(w: number, price: number, forward: number, strike: number, expiry: number, rate: number): number {
  if (
    (w !== 1 && w !== -1) ||
    !Number.isFinite(price) ||
    !isFinitePositive(forward) ||
    !isFinitePositive(strike) ||
    !(expiry >= 0 && expiry < Infinity) ||
    !Number.isFinite(rate)
  ) {
    return KernelCode.InvalidInput;
  }
  const p = price * Math.exp(rate * expiry);
  if (!Number.isFinite(p)) return KernelCode.InvalidInput;
  return blackForwardKernel(w, p, forward, strike, expiry, logRatio(forward, strike));
}

/**
 * Turns a negative kernel code into the scalar error. `lower`/`upper` are the present-value bounds
 * for the message; `model` names the price formula.
 */
export function throwForCode(code: number, price: number, lower: number, upper: number, field = 'expiry'): never {
  switch (code) {
    case KernelCode.NegativePrice:
      throw new NoSolutionError('negative-price', `price ${price} is negative; an option price must be >= 0 (lower bound ${lower}).`);
    case KernelCode.BelowIntrinsic:
      throw new NoSolutionError(
        'below-intrinsic',
        `price ${price} is below the lower no-arbitrage bound (discounted intrinsic value) ${lower}; no volatility reproduces it. Use a price >= ${lower}.`,
      );
    case KernelCode.AboveUpperBound:
      throw new NoSolutionError(
        'above-upper-bound',
        `price ${price} is at or above (or within rounding of) the upper no-arbitrage bound ${upper} (the limit as vol → ∞); no finite volatility reproduces it. Use a price < ${upper}.`,
      );
    case KernelCode.ZeroExpiry:
      throw new NoSolutionError(
        'zero-expiry',
        `expiry is 0: the price no longer depends on volatility, so the implied volatility is undetermined. Use an expiry > 0.`,
      );
    default:
      throw new InvalidInputError(field, 'gives a forward or discounted price that is not a finite positive number');
  }
}
