import { createRng } from '@quantforge/core';
import type { AmericanOptions, AmericanParams, EngineResult } from '../types';
import { lsmBoundary } from './lsm-boundary';
import { lsmConfig } from './lsm-config';
import { lsmGrid } from './lsm-grid';
import { pseudoNormals, sobolNormals } from './lsm-normals';
import { simulatePaths } from './lsm-paths';
import { fitPolicy } from './lsm-policy';
import { pricePolicy } from './lsm-pricer';
import { dualUpperBound } from './lsm-upper-bound';

/** Relative spot bump of the pathwise deltas whose difference gives gamma. */
const GAMMA_BUMP = 0.01;

/**
 * Longstaff-Schwartz least-squares Monte Carlo (Longstaff & Schwartz 2001, "Valuing American
 * options by simulation: a simple least-squares approach", RFS 14(1); QuantLib's
 * MCAmericanEngine / LongstaffSchwartzPathPricer) for an American option under GBM with a
 * continuous dividend yield and discrete cash dividends.
 *
 * 1. Policy: `paths` paths (antithetic pairs by default) of the spot at `timeSteps` equally spaced
 *    exercise dates (plus the cash-dividend dates) are regressed backwards
 *    (fitPolicy: Householder QR on the in-the-money paths, basis 'laguerre' or 'monomial' in S/K).
 * 2. Price: the fitted policy is applied to a second, independent set of `paths` paths (another
 *    xoshiro256** stream, 2^128 draws away, or another digital shift of the Sobol points): the
 *    mean is an unbiased estimate of a feasible policy's value, i.e. a lower bound for the
 *    Bermudan (and American) price up to its standard error `stdError`. Exercise at time 0 is
 *    allowed: price = max(intrinsic, estimate) (then stdError = 0, delta = w, gamma = theta = 0).
 * 3. Greeks on the same pricing paths and policy (pricePolicy): delta, vega, rho and theta (= -∂V/∂T, the
 *    exercise dates scaling with the expiry and the dividend dates moving with calendar time) by
 *    pathwise estimators with the stopping date held fixed, gamma by the central difference of
 *    the pathwise deltas at spot·(1 ± 1%) with common random numbers. Their Monte Carlo error is
 *    not reported (typically ~1e-3 on delta, a few % on gamma and theta at 100k paths).
 * 4. Optional Andersen-Broadie dual upper bound (`upperBound: true`) from `upperBoundPaths` outer
 *    paths and `nestedPaths` inner paths per in-the-money date.
 * 5. With `wantBoundary`, the exercise boundary estimated from the regressions (lsmBoundary).
 *
 * Biases to keep in mind: the price is a Bermudan price with `timeSteps` exercise dates (below
 * the American price by O(1/timeSteps), a few cents at 50 dates for the usual cases) and the
 * policy is suboptimal (lower bound). Same seed → identical numbers.
 */
export function lsmEngine(p: AmericanParams, o: AmericanOptions, wantBoundary: boolean): EngineResult {
  const cfg = lsmConfig(o, (timeSteps) => lsmGrid(p, timeSteps).n);
  const grid = lsmGrid(p, cfg.timeSteps);
  const root = createRng(cfg.seed);
  const streams = [root.clone(), root.clone(), root.clone(), root.clone()];
  for (let i = 1; i < streams.length; i++) for (let j = 0; j < i; j++) streams[i].jump();
  const [policyRng, pricingRng, outerRng, innerRng] = streams;
  const normalsFor = (rng: typeof root) => (cfg.sequence === 'sobol' ? sobolNormals(grid.time, rng) : pseudoNormals(rng));

  const paths = simulatePaths(grid, p.spot, cfg.paths, cfg.antithetic, normalsFor(policyRng));
  const policy = fitPolicy(grid, paths, cfg.paths, p, cfg.basis, cfg.degree);
  const est = pricePolicy(grid, policy, p.spot, GAMMA_BUMP, cfg.paths, cfg.antithetic, normalsFor(pricingRng));

  const intrinsic = Math.max(p.w * (p.spot - p.strike), 0);
  let result: EngineResult;
  if (intrinsic > 0 && intrinsic >= est.value) {
    result = { price: intrinsic, delta: p.w, gamma: 0, theta: 0, vega: 0, rho: 0, stdError: 0 };
  } else {
    const gamma = (est.deltaUp - est.deltaDown) / (2 * GAMMA_BUMP * p.spot);
    result = { price: est.value, delta: est.delta, gamma, theta: -est.dExpiry, vega: est.vega, rho: est.rho, stdError: est.stdError };
  }
  if (cfg.upperBound) {
    const ub = dualUpperBound(grid, policy, p.spot, est.value, cfg.upperBoundPaths, cfg.nestedPaths, cfg.antithetic, outerRng, innerRng);
    result.upperBound = ub.value;
    result.upperBoundStdError = Math.sqrt(ub.stdError * ub.stdError + est.stdError * est.stdError);
  }
  if (wantBoundary) result.boundary = lsmBoundary(grid, policy, p.expiry);
  return result;
}
