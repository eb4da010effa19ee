import { InvalidInputError } from '@quantforge/core';
import type { MatrixInput } from '../covariance/matrix-input';
import type { PortfolioConstraints } from '../constraints/spec';

/** Options shared by the covariance-based optimizers. */
export interface CovarianceOptions extends PortfolioConstraints {
  /** Σ, N × N, in the returns' units per period (e.g. daily returns → daily covariance). */
  covariance: MatrixInput;
  /**
   * When Σ is not positive definite: false (default) rejects it naming the offending eigenvalue;
   * true clips its eigenvalues at 1e-10·λ_max (core nearestPsd) and proceeds.
   */
  repair?: boolean;
}

/** Risk and return of a portfolio. */
export interface PortfolioStats {
  /** wᵀΣw. */
  variance: number;
  /** √(wᵀΣw), same period as Σ. */
  volatility: number;
  /** μᵀw when expected returns were given. */
  expectedReturn?: number;
}

/** The common shape of every optimizer result. */
export interface OptimizerResult extends PortfolioStats {
  /** Weights in input order. */
  weights: number[];
  /** Active-set changes used by the QP solver. */
  iterations: number;
  /** The constraints active (binding) at the optimum, by name. */
  activeConstraints: string[];
  /** True when `repair` modified the covariance. */
  repaired: boolean;
}

export function quadForm(S: Float64Array, n: number, w: ArrayLike<number>): number {
  let q = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const ri = i * n;
    for (let j = 0; j < n; j++) s += S[ri + j] * w[j];
    q += w[i] * s;
  }
  return q;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function stats(S: Float64Array, n: number, w: ArrayLike<number>, mu?: ArrayLike<number>): PortfolioStats {
  const variance = Math.max(0, quadForm(S, n, w));
  const out: PortfolioStats = { variance, volatility: Math.sqrt(variance) };
  if (mu !== undefined) out.expectedReturn = dot(mu, w);
  return out;
}

export function requireOptions(o: unknown, fn: string): void {
  if (typeof o !== 'object' || o === null) throw new InvalidInputError('options', `${fn} takes one options object`, o);
}

export function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString();
}
