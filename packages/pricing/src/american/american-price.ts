import { InvalidInputError } from '@quantforge/core';
import { bawEngine } from './approximations/barone-adesi-whaley';
import { bjerksundStenslandEngine } from './approximations/bjerksund-stensland';
import { fdEngine } from './fd/fd-engine';
import { fixedPointEngine } from './fixed-point/fixed-point-engine';
import { qdPlusEngine } from './fixed-point/qd-plus';
import { lsmEngine } from './lsm/lsm-engine';
import { americanParams } from './params';
import { treeEngine } from './trees/tree-engine';
import type { AmericanInput, AmericanMethod, AmericanOptions, AmericanParams, AmericanResult, EngineResult, ExerciseBoundary } from './types';

const METHODS: readonly AmericanMethod[] = [
  'fixed-point', 'qdplus', 'crr', 'jr', 'tian', 'trigeorgis', 'leisen-reimer', 'joshi', 'trinomial', 'fd', 'lsm', 'baw', 'bjerksund-stensland',
];
const METHOD_SET: ReadonlySet<string> = new Set(METHODS);

/** Methods that model discrete cash dividends; the others take a continuous yield only. */
const CASH_DIVIDEND_METHODS: ReadonlySet<AmericanMethod> = new Set(['fd', 'lsm', 'crr', 'jr', 'tian', 'trigeorgis', 'leisen-reimer', 'joshi', 'trinomial']);

/** `wantVegaRho`: the engine may return vega and rho itself (fixed-point: implicit differentiation). */
function runEngine(method: AmericanMethod, p: AmericanParams, o: AmericanOptions, wantBoundary: boolean, wantVegaRho = false): EngineResult {
  switch (method) {
    case 'fixed-point':
      return fixedPointEngine(p, o, wantBoundary, wantVegaRho);
    case 'qdplus':
      return qdPlusEngine(p, o, wantBoundary);
    case 'fd':
      return fdEngine(p, o, wantBoundary);
    case 'lsm':
      return lsmEngine(p, o, wantBoundary);
    case 'baw':
      return bawEngine(p, o, wantVegaRho);
    case 'bjerksund-stensland':
      return bjerksundStenslandEngine(p, o, wantVegaRho);
    default:
      return treeEngine(p, o, method, wantBoundary);
  }
}

function resolveMethod(options: AmericanOptions, p: AmericanParams): AmericanMethod {
  const method = options.method ?? 'fixed-point';
  if (!METHOD_SET.has(method)) throw new InvalidInputError('options.method', `must be one of ${METHODS.join(', ')}`, method);
  if (p.dividends.length > 0 && !CASH_DIVIDEND_METHODS.has(method)) {
    throw new InvalidInputError('dividends', `cash dividends are not supported by method '${method}'; use 'fd', 'lsm' or a tree`);
  }
  return method;
}

/** The limits with a defined answer that need no engine: expiry 0 and spot 0. */
function degenerate(p: AmericanParams, method: AmericanMethod): AmericanResult | undefined {
  if (p.expiry === 0) {
    const itm = p.w * (p.spot - p.strike);
    const delta = itm > 0 ? p.w : itm === 0 ? 0.5 * p.w : 0;
    return { price: Math.max(itm, 0), delta, gamma: 0, theta: 0, vega: 0, rho: 0, method };
  }
  if (p.spot === 0) {
    // A put on a worthless stock is exercised at once for K; a call is worth nothing.
    return p.w === 1
      ? { price: 0, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0, method }
      : { price: p.strike, delta: -1, gamma: 0, theta: 0, vega: 0, rho: 0, method };
  }
  return undefined;
}

/**
 * One engine run: price, delta, gamma, theta (and the LSM error fields) without the bumped vega
 * and rho. Five times cheaper than {@link americanPrice}; what an implied-vol solver or a
 * scenario loop wants.
 */
export function americanValuation(input: AmericanInput, options: AmericanOptions = {}): EngineResult & { method: AmericanMethod } {
  const p = americanParams(input);
  const method = resolveMethod(options, p);
  const limit = degenerate(p, method);
  if (limit !== undefined) return { price: limit.price, delta: limit.delta, gamma: limit.gamma, theta: limit.theta, method };
  // Engines return a fresh object: tag it instead of copying (a few µs on the closed forms).
  const r = runEngine(method, p, options, false) as EngineResult & { method: AmericanMethod };
  r.method = method;
  return r;
}

/**
 * Price of an American option with price, delta, gamma, theta (from the engine) and vega, rho
 * (central bumps through the same engine: the same grid, tree or random numbers, so the bump
 * measures the model, not the noise).
 *
 * @example
 * americanPrice({ type: 'put', spot: 100, strike: 95, expiry: 1, rate: 0.075, dividendYield: 0.05, vol: 0.25 });
 * americanPrice(input, { method: 'crr', steps: 2000, richardson: true });
 * americanPrice(input, { method: 'lsm', paths: 100_000, seed: 7, upperBound: true });
 */
export function americanPrice(input: AmericanInput, options: AmericanOptions = {}): AmericanResult {
  const p = americanParams(input);
  const method = resolveMethod(options, p);
  const limit = degenerate(p, method);
  if (limit !== undefined) return limit;
  const base = runEngine(method, p, options, false, true);
  if (base.vega !== undefined && base.rho !== undefined) {
    const r = base as AmericanResult;
    r.method = method;
    return r;
  }
  // Relative bumps sized for a second-order central difference with ~1e-8 truncation at double precision.
  const hVol = 1e-4 * Math.max(p.vol, 0.01);
  const hRate = 1e-4;
  const priceAt = (q: AmericanParams) => runEngine(method, q, options, false).price;
  // An engine may give one of them (fixed-point: rho is bumped next to a regime change in the rate).
  const vega = base.vega ?? (priceAt({ ...p, vol: p.vol + hVol }) - priceAt({ ...p, vol: p.vol - hVol })) / (2 * hVol);
  const rho = base.rho ?? (priceAt({ ...p, rate: p.rate + hRate }) - priceAt({ ...p, rate: p.rate - hRate })) / (2 * hRate);
  return { ...base, vega, rho, method };
}

/**
 * The early-exercise boundary: time to expiry -> critical spot. Exact (to the scheme's accuracy)
 * from the fixed-point engine, read off the grid/tree for 'fd' and the trees, estimated from the
 * regression for 'lsm'.
 */
export function americanExerciseBoundary(input: AmericanInput, options: AmericanOptions = {}): ExerciseBoundary {
  const p = americanParams(input);
  const method = resolveMethod(options, p);
  if (p.expiry === 0) return { time: new Float64Array(0), spot: new Float64Array(0) };
  const result = runEngine(method, { ...p, spot: p.spot > 0 ? p.spot : p.strike }, options, true);
  if (result.boundary === undefined) {
    throw new InvalidInputError('options.method', `method '${method}' gives no exercise boundary; use 'fixed-point', 'qdplus', 'fd', 'lsm' or a tree`);
  }
  return result.boundary;
}
