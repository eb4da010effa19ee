/**
 * Maximum-likelihood fit of the generalized extreme value distribution to block maxima
 * (Jenkinson 1955; Coles 2001, §3.3), in R evd's parameterisation:
 *   G(x) = exp(−[1 + ξ (x − μ)/σ]^{−1/ξ}),  ξ = `shape` > 0 Fréchet (heavy tail), ξ = 0 Gumbel,
 *   ξ < 0 Weibull (scipy's genextreme c = −ξ).
 * Method: Nelder-Mead then BFGS (core) on (μ, ln σ, ξ) for the maxima standardised by their sample
 * standard deviation (exact rescaling); |ξ| < 1e-8 uses the Gumbel limit. The MLE is regular for
 * ξ > −0.5 (Smith 1985).
 */
import { ConvergenceError, InvalidInputError, NoSolutionError, bfgs, mean, nelderMead, requireFiniteArray, requireObject, standardDeviation } from '@quantforge/core';

/** Result of {@link fitGev}. */
export interface GevFit {
  /** Location μ. */
  loc: number;
  /** Scale σ > 0. */
  scale: number;
  /** Shape ξ (evd convention: > 0 Fréchet). */
  shape: number;
  /** Maximised log-likelihood. */
  logLikelihood: number;
  /** Number of maxima. */
  n: number;
}

/** GEV negative log-likelihood for standardised data z (internal). */
function gevNll(x: Float64Array, mu: number, sigma: number, xi: number): number {
  if (!(sigma > 0)) return Infinity;
  const n = x.length;
  let s = n * Math.log(sigma);
  if (Math.abs(xi) < 1e-8) {
    for (let i = 0; i < n; i++) {
      const z = (x[i] - mu) / sigma;
      s += z + Math.exp(-z);
    }
    return s;
  }
  for (let i = 0; i < n; i++) {
    const t = 1 + (xi * (x[i] - mu)) / sigma;
    if (!(t > 0)) return Infinity;
    const lt = Math.log(t);
    s += (1 + 1 / xi) * lt + Math.exp(-lt / xi);
  }
  return s;
}

/**
 * Splits `losses` into consecutive non-overlapping blocks of `blockSize` starting at the first
 * value (the incomplete last block is dropped) and returns the block maxima.
 * @throws InvalidInputError for non-finite losses or blockSize not an integer ≥ 1 / larger than n.
 */
export function blockMaxima(losses: ArrayLike<number>, blockSize: number): Float64Array {
  const x = requireFiniteArray(losses, 'losses');
  if (typeof blockSize !== 'number' || !Number.isInteger(blockSize) || blockSize < 1) throw new InvalidInputError('blockSize', 'must be an integer >= 1', blockSize);
  const m = Math.floor(x.length / blockSize);
  if (m < 1) throw new InvalidInputError('blockSize', `exceeds the number of losses (${x.length})`, blockSize);
  const out = new Float64Array(m);
  for (let b = 0; b < m; b++) {
    let mx = -Infinity;
    for (let i = b * blockSize; i < (b + 1) * blockSize; i++) mx = Math.max(mx, x[i]);
    out[b] = mx;
  }
  return out;
}

/**
 * Fits the GEV to block maxima by maximum likelihood.
 * @param blockMaxima at least 5 finite values, not all equal (see {@link blockMaxima}).
 * @throws InvalidInputError for bad input; NoSolutionError `gev-shape-below-minus-one` when the
 *   likelihood is unbounded (shape ≤ −1, Smith 1985); ConvergenceError (lastIterate { loc, scale, shape })
 *   when the optimiser stops away from an optimum.
 * @example fitGev(blockMaxima(losses, 21)).shape
 */
export function fitGev(blockMaxima: ArrayLike<number>, options: { maxIterations?: number } = {}): GevFit {
  requireObject('options', options);
  const x = requireFiniteArray(blockMaxima, 'blockMaxima', 5);
  const n = x.length;
  const m = mean(x);
  const sd = standardDeviation(x);
  if (!(sd > 0)) throw new InvalidInputError('blockMaxima', 'must not all be equal');
  const z = x.map((v) => (v - m) / sd);
  // Gumbel moment start: σ = √6/π, μ = −γ_E σ (standardised units), ξ = 0.1.
  const s0 = Math.sqrt(6) / Math.PI;
  const f = (th: Float64Array): number => gevNll(z, th[0], Math.exp(th[1]), th[2]) / n;
  const nm = nelderMead(f, [-0.5772156649 * s0, Math.log(s0), 0.1], { step: 0.1, tolerance: 1e-10, throwOnMaxIterations: false });
  // For ξ ≤ −1 the GEV likelihood is unbounded as the upper end point approaches max(x) (Smith
  // 1985): no maximum-likelihood estimate exists, and the search runs onto the support boundary.
  const unbounded = (xi: number): NoSolutionError =>
    new NoSolutionError(
      'gev-shape-below-minus-one',
      `fitGev: the likelihood rises without bound as the shape falls below -1 (reached ${xi.toPrecision(3)}): the block maxima look bounded above with a very short tail, where no GEV maximum-likelihood estimate exists (Smith 1985); use larger blocks, more data, or a GPD fit over a threshold`,
    );
  if (!(nm.x[2] > -1)) throw unbounded(nm.x[2]);
  let res;
  try {
    res = bfgs(f, nm.x, { tolerance: 1e-10, maxIterations: options.maxIterations ?? 500, throwOnMaxIterations: false });
  } catch (e) {
    // A start on the support boundary has an infinite gradient: the same unbounded case.
    if (e instanceof InvalidInputError && e.field === 'x0') throw unbounded(nm.x[2]);
    throw e;
  }
  if (!(res.x[2] > -1)) throw unbounded(res.x[2]);
  const th = res.value <= nm.value ? res.x : nm.x;
  const fit = { loc: m + sd * th[0], scale: sd * Math.exp(th[1]), shape: th[2] };
  if (!res.converged && res.gradientNorm > 1e-6) {
    throw new ConvergenceError(`fitGev: optimiser stopped (${res.reason}) with gradient norm ${res.gradientNorm.toExponential(2)}`, res.iterations, fit);
  }
  return { ...fit, logLikelihood: -gevNll(x, fit.loc, fit.scale, fit.shape), n };
}
