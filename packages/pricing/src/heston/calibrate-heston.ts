import {
  ConvergenceError,
  InvalidInputError,
  NoSolutionError,
  brent,
  levenbergMarquardt,
  normPdf,
  requireFinite,
  requireObject,
  requirePositive,
} from '@quantforge/core';
import type { OptionType } from '@quantforge/core';
import { bsPriceKernel } from '../european/black-scholes';
import { hestonUndiscounted, validateHestonParameters } from './heston-price';
import type { HestonParameters } from './types';

/** One market quote for {@link calibrateHeston}: a price or a Black-Scholes implied vol. */
export interface HestonQuote {
  strike: number;
  /** Years, > 0. */
  expiry: number;
  /** Default: the out-of-the-money side (call when K ≥ F, put otherwise). */
  type?: OptionType;
  /** Present value; give this or `vol`. */
  price?: number;
  /** Black-Scholes implied vol of the quote; give this or `price`. */
  vol?: number;
  /** Relative weight (default 1), e.g. 1/bid-ask width. */
  weight?: number;
}

/** Inputs of {@link calibrateHeston}. */
export interface HestonCalibrationInput {
  spot: number;
  rate: number;
  dividendYield?: number;
  quotes: readonly HestonQuote[];
  /** Starting point (default: several starts around the ATM variance). */
  initial?: Partial<HestonParameters>;
  /** Box for the parameters; defaults v0, θ ∈ [1e-4, 4], κ ∈ [1e-3, 20], σ ∈ [1e-3, 5], ρ ∈ [-0.999, 0.999]. */
  lower?: Partial<HestonParameters>;
  upper?: Partial<HestonParameters>;
  /**
   * 'vega' (default): residual = (model - market price)/BS vega, about the implied-vol error;
   * 'price': raw price residuals.
   */
  weighting?: 'vega' | 'price';
  /** Maximum LM iterations per start (default 100). */
  maxIterations?: number;
}

/** Result of {@link calibrateHeston}. */
export interface HestonCalibrationResult extends HestonParameters {
  /**
   * Root-mean-square of the weighted residuals: with 'vega' weighting, the vol error to first
   * order (vol units); with 'price', price units.
   */
  rmse: number;
  /** Root-mean-square price error (currency units). */
  priceRmse: number;
  /** 2κθ/σ² (≥ 1: the Feller condition holds). */
  fellerRatio: number;
  iterations: number;
  converged: boolean;
  /** Model minus market price per quote. */
  priceErrors: number[];
}

const KEYS = ['v0', 'kappa', 'theta', 'sigma', 'rho'] as const;
const DEFAULT_LOWER: HestonParameters = { v0: 1e-4, kappa: 1e-3, theta: 1e-4, sigma: 1e-3, rho: -0.999 };
const DEFAULT_UPPER: HestonParameters = { v0: 4, kappa: 20, theta: 4, sigma: 5, rho: 0.999 };

interface Prepared {
  w: 1 | -1;
  K: number;
  T: number;
  F: number;
  D: number;
  price: number;
  scale: number;
}

/**
 * Calibrates Heston (v0, κ, θ, σ, ρ) to option quotes across strikes and expiries by bounded
 * Levenberg-Marquardt (core `levenbergMarquardt`, forward-difference Jacobian) on vega-weighted
 * price residuals, from several starting points (the given one, or three spread around the ATM
 * variance); the best fit is returned. Prices use {@link hestonPrice}'s integral at accuracy
 * 1e-11·(F + K). The Feller condition is not imposed (see `fellerRatio`).
 *
 * @throws InvalidInputError for bad inputs (naming `quotes[i].field`); NoSolutionError
 *   'too-few-quotes' with fewer than 5 quotes; ConvergenceError when no start converges.
 */
export function calibrateHeston(input: HestonCalibrationInput): HestonCalibrationResult {
  requireObject('input', input);
  const spot = requirePositive('spot', input.spot);
  const rate = requireFinite('rate', input.rate);
  const q = input.dividendYield === undefined ? 0 : requireFinite('dividendYield', input.dividendYield);
  if (!Array.isArray(input.quotes)) throw new InvalidInputError('quotes', 'must be an array', input.quotes);
  const quotes: readonly HestonQuote[] = input.quotes;
  if (quotes.length < 5) throw new NoSolutionError('too-few-quotes', `Heston has 5 parameters; got ${quotes.length} quotes`);
  const weighting = input.weighting ?? 'vega';
  if (weighting !== 'vega' && weighting !== 'price') throw new InvalidInputError('weighting', "must be 'vega' or 'price'", weighting);
  const prepared: Prepared[] = quotes.map((qt, i) => {
    requireObject(`quotes[${i}]`, qt);
    const K = requirePositive(`quotes[${i}].strike`, qt.strike);
    const T = requirePositive(`quotes[${i}].expiry`, qt.expiry);
    const F = spot * Math.exp((rate - q) * T);
    const D = Math.exp(-rate * T);
    const type = qt.type ?? (K >= F ? 'call' : 'put');
    if (type !== 'call' && type !== 'put') throw new InvalidInputError(`quotes[${i}].type`, "must be 'call' or 'put'", type);
    const w = type === 'call' ? 1 : -1;
    const weight = qt.weight === undefined ? 1 : requirePositive(`quotes[${i}].weight`, qt.weight);
    let price: number;
    let vol: number;
    if (qt.vol !== undefined) {
      vol = requirePositive(`quotes[${i}].vol`, qt.vol);
      price = bsPriceKernel(w, spot, K, T, rate, q, vol);
    } else {
      price = requireFinite(`quotes[${i}].price`, qt.price);
      const lower = D * Math.max(w * (F - K), 0);
      const upper = D * (w === 1 ? F : K);
      if (!(price > lower && price < upper)) {
        throw new InvalidInputError(`quotes[${i}].price`, `must lie strictly inside the no-arbitrage bounds (${lower}, ${upper})`, price);
      }
      vol = brent((s) => bsPriceKernel(w, spot, K, T, rate, q, s) - price, 1e-4, 10, { xTol: 1e-10 }).root;
    }
    const sd = vol * Math.sqrt(T);
    const d1 = Math.log(F / K) / sd + sd / 2;
    const vega = D * F * normPdf(d1) * Math.sqrt(T);
    const scale = weighting === 'vega' ? weight / Math.max(vega, 1e-8 * (F + K)) : weight;
    return { w, K, T, F, D, price, scale };
  });
  const lowerP = { ...DEFAULT_LOWER, ...(input.lower ?? {}) };
  const upperP = { ...DEFAULT_UPPER, ...(input.upper ?? {}) };
  const lower = KEYS.map((k) => requireFinite(`lower.${k}`, lowerP[k]));
  const upper = KEYS.map((k) => requireFinite(`upper.${k}`, upperP[k]));
  const maxIterations = input.maxIterations ?? 100;

  // ATM variance estimate for the default starts: the quote nearest the money at the shortest expiry
  const near = prepared.reduce((b, p) => (Math.abs(Math.log(p.K / p.F)) / Math.sqrt(p.T) < Math.abs(Math.log(b.K / b.F)) / Math.sqrt(b.T) ? p : b));
  const atmIdx = prepared.indexOf(near);
  const atmVol = quotes[atmIdx]!.vol ?? brent((s) => bsPriceKernel(near.w, spot, near.K, near.T, rate, q, s) - near.price, 1e-4, 10).root;
  const v = atmVol * atmVol;
  const starts: number[][] = input.initial
    ? [KEYS.map((k) => input.initial![k] ?? { v0: v, kappa: 2, theta: v, sigma: 0.5, rho: -0.5 }[k])]
    : [
        [v, 2, v, 0.5, -0.5],
        [v, 0.7, 1.3 * v, 1, -0.8],
        [0.8 * v, 5, v, 0.3, -0.2],
      ];
  const m = prepared.length;
  const residuals = (x: Float64Array, out: Float64Array): void => {
    const p: HestonParameters = { v0: x[0]!, kappa: x[1]!, theta: x[2]!, sigma: x[3]!, rho: x[4]! };
    for (let i = 0; i < m; i++) {
      const pr = prepared[i]!;
      out[i] = (pr.D * hestonUndiscounted(pr.w, pr.F, pr.K, pr.T, p, 1e-11) - pr.price) * pr.scale;
    }
  };
  let best: { x: Float64Array; cost: number; iterations: number; converged: boolean } | undefined;
  let lastError: unknown;
  for (const x0 of starts) {
    try {
      const r = levenbergMarquardt(residuals, x0, { residualCount: m, lower, upper, maxIterations, throwOnMaxIterations: false, tolerance: 1e-10 });
      if (!best || r.cost < best.cost) best = { x: r.x, cost: r.cost, iterations: r.iterations, converged: r.converged };
    } catch (e) {
      lastError = e;
    }
  }
  if (!best) {
    throw new ConvergenceError(`calibrateHeston: no start converged (${lastError instanceof Error ? lastError.message : String(lastError)})`, 0);
  }
  const params = validateHestonParameters({ v0: best.x[0]!, kappa: best.x[1]!, theta: best.x[2]!, sigma: best.x[3]!, rho: best.x[4]! });
  const out = new Float64Array(m);
  residuals(best.x, out);
  const priceErrors = Array.from(out, (r, i) => r / prepared[i]!.scale);
  const rmse = Math.sqrt(out.reduce((s, r) => s + r * r, 0) / m);
  const priceRmse = Math.sqrt(priceErrors.reduce((s, r) => s + r * r, 0) / m);
  return {
    ...params,
    rmse,
    priceRmse,
    fellerRatio: params.sigma > 0 ? (2 * params.kappa * params.theta) / (params.sigma * params.sigma) : Infinity,
    iterations: best.iterations,
    converged: best.converged,
    priceErrors,
  };
}
