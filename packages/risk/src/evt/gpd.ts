/**
 * Peaks-over-threshold: maximum-likelihood fit of the generalized Pareto distribution to the
 * exceedances y = L − u of the losses L strictly above the threshold u (Pickands 1975;
 * Davison & Smith 1990): F(y) = 1 − (1 + ξ y/β)^{−1/ξ} (ξ = 0: 1 − e^{−y/β}), ξ > 0 heavy tail
 * (scipy's genpareto c, evd's shape).
 *
 * Method: Newton-Raphson on ℓ(ξ, β) with the analytic Hessian from a moment start; if it fails,
 * the profile likelihood: for fixed ξ the score equation in β, Σ ξy/(β + ξy) = nξ/(1 + ξ), has
 * a unique root (Brent), giving ℓ_p(ξ), maximised over ξ > −1 by a grid bracket and
 * golden-section search (Grimshaw 1993 reduces the problem the same way). Profile-likelihood confidence interval for ξ: {ξ : 2(ℓ̂ − ℓ_p(ξ)) ≤ χ²₁(level)}
 * (Coles 2001, §2.6.6 and §4.3.4), endpoints by Brent; likewise for β with ℓ_p(β) = max_ξ ℓ(ξ, β)
 * (inner maximisation by safeguarded Newton in ξ). The ξ ≤ −1 region (unbounded
 * likelihood) is excluded; an endpoint that runs into ξ = −1 or ξ = 10 is reported at that bound
 * with a flag. Exact to the root-finder tolerance (~1e-10 relative in ξ, β).
 */
import { InvalidInputError, NoSolutionError, brent, goldenSectionMinimize, normInv, requireFiniteArray, requireObject } from '@quantforge/core';

/** Options of {@link fitGpd}. */
export interface GpdOptions {
  /** The threshold u: exceedances are the losses strictly above it. */
  threshold: number;
  /** Level of the profile-likelihood interval for ξ (default 0.95). */
  ciLevel?: number;
  /** Compute the profile-likelihood interval (default true; false skips it, ~10× faster). */
  confidenceInterval?: boolean;
}

/** Result of {@link fitGpd}. */
export interface GpdFit {
  /** Shape ξ (> 0 heavy tail). */
  xi: number;
  /** Scale β > 0. */
  beta: number;
  /** Number of losses strictly above the threshold (N_u). */
  nExceedances: number;
  /** Total number of losses n. */
  n: number;
  /** The threshold u. */
  threshold: number;
  /** Maximised log-likelihood of the exceedances. */
  logLikelihood: number;
  /** Profile-likelihood interval for ξ at `ciLevel` (absent with `confidenceInterval: false`). */
  xiCI?: { lower: number; upper: number; level: number; lowerAtBound: boolean; upperAtBound: boolean };
  /** Profile-likelihood interval for β at `ciLevel`, ℓ_p(β) = max_ξ ℓ(ξ, β) (absent with `confidenceInterval: false`). */
  betaCI?: { lower: number; upper: number; level: number };
}

const XI_MIN = -1 + 1e-9;
const XI_MAX = 10;

/** GPD log-likelihood of exceedances y (internal). */
export function gpdLogLik(y: Float64Array, xi: number, beta: number): number {
  const n = y.length;
  if (!(beta > 0)) return -Infinity;
  let s = 0;
  if (Math.abs(xi) < 1e-12) {
    for (let i = 0; i < n; i++) s += y[i];
    return -n * Math.log(beta) - s / beta;
  }
  for (let i = 0; i < n; i++) {
    const t = (xi * y[i]) / beta;
    if (!(t > -1)) return -Infinity;
    s += Math.log1p(t);
  }
  return -n * Math.log(beta) - (1 + 1 / xi) * s;
}

/** β̂(ξ): root of the β-score for fixed ξ (internal). y must be > 0 with max ymax. */
function betaHat(y: Float64Array, xi: number, ymean: number, ymax: number): number {
  const n = y.length;
  if (Math.abs(xi) < 1e-12) return ymean;
  const target = (n * xi) / (1 + xi);
  // score(lnβ) = Σ ξy/(β + ξy) − target: decreasing in β for ξ > 0, increasing for ξ < 0.
  const score = (lb: number): number => {
    const b = Math.exp(lb);
    let s = 0;
    for (let i = 0; i < n; i++) s += (xi * y[i]) / (b + xi * y[i]);
    return s - target;
  };
  let lo: number;
  let hi: number;
  if (xi > 0) {
    lo = Math.log(ymean) - 1;
    hi = Math.log(ymean) + 1;
    while (score(lo) < 0) lo -= 2;
    while (score(hi) > 0) hi += 2;
  } else {
    const bmin = -xi * ymax;
    lo = Math.log(bmin) + 1e-12 + Math.max(1e-15, 1e-12 * Math.abs(Math.log(bmin)));
    hi = Math.log(Math.max(ymean, bmin)) + 1;
    while (score(hi) < 0) hi += 2;
    if (score(lo) >= 0) return Math.exp(lo);
  }
  // Safeguarded Newton in ln β (score' = −Σ ξyβ/(β + ξy)²), bisection when a step leaves the bracket.
  const inc = xi < 0; // score increasing in ln β
  let lb = 0.5 * (lo + hi);
  for (let it = 0; it < 200; it++) {
    const b = Math.exp(lb);
    let f = -target;
    let d = 0;
    for (let i = 0; i < n; i++) {
      const q = b + xi * y[i];
      f += (xi * y[i]) / q;
      d -= (xi * y[i] * b) / (q * q);
    }
    if (f === 0) return b;
    if ((f > 0) === inc) hi = lb;
    else lo = lb;
    let next = lb - f / d;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - lb) <= 1e-15 * Math.max(1, Math.abs(lb)) || hi - lo <= 1e-15 * Math.max(1, Math.abs(lb))) return Math.exp(next);
    lb = next;
  }
  return Math.exp(brent(score, lo, hi, { xTol: 1e-14 }).root);
}

/**
 * Newton-Raphson on ℓ(ξ, β) with analytic gradient and Hessian and step halving (keeps
 * 1 + ξy/β > 0 and ℓ increasing), from the method-of-moments start ξ₀ = ½(1 − m²/s²),
 * β₀ = ½m(1 + m²/s²) (Hosking & Wallis 1987). Returns undefined when it fails (the caller falls
 * back to the profile-likelihood search). y is scaled to mean 1.
 */
function newtonGpd(y: Float64Array): { xi: number; beta: number } | undefined {
  const n = y.length;
  let m = 0;
  let v = 0;
  for (let i = 0; i < n; i++) m += y[i];
  m /= n;
  for (let i = 0; i < n; i++) v += (y[i] - m) ** 2;
  v /= n - 1;
  let xi = Math.min(0.8, Math.max(-0.4, 0.5 * (1 - (m * m) / v)));
  let beta = 0.5 * m * (1 + (m * m) / v);
  let ymax = 0;
  for (let i = 0; i < n; i++) ymax = Math.max(ymax, y[i]);
  if (xi < 0 && beta <= -xi * ymax) beta = -xi * ymax * 1.5;
  let ll = gpdLogLik(y, xi, beta);
  for (let iter = 0; iter < 100; iter++) {
    if (Math.abs(xi) < 1e-7) xi = xi < 0 ? -1e-7 : 1e-7; // keep the 1/ξ forms well defined
    let sL = 0;
    let sZT = 0;
    let sZT2 = 0;
    let sZ2T2 = 0;
    for (let i = 0; i < n; i++) {
      const z = y[i] / beta;
      const t = 1 + xi * z;
      sL += Math.log1p(xi * z);
      const zt = z / t;
      sZT += zt;
      sZT2 += zt / t;
      sZ2T2 += zt * zt;
    }
    const gx = sL / (xi * xi) - (1 + 1 / xi) * sZT;
    const gb = -n / beta + ((1 + xi) / beta) * sZT;
    const hxx = (-2 / (xi * xi * xi)) * sL + (2 / (xi * xi)) * sZT + (1 + 1 / xi) * sZ2T2;
    const hbb = n / (beta * beta) - ((1 + xi) / (beta * beta)) * (sZT + sZT2);
    const hxb = (sZT - (1 + xi) * sZ2T2) / beta;
    const det = hxx * hbb - hxb * hxb;
    let dx: number;
    let db: number;
    if (hxx < 0 && det > 0) {
      dx = -(hbb * gx - hxb * gb) / det;
      db = -(-hxb * gx + hxx * gb) / det;
    } else {
      // Not locally concave: a scaled gradient step.
      const s = 0.1 / Math.max(1e-12, Math.hypot(gx, gb / beta));
      dx = s * gx;
      db = s * gb;
    }
    let step = 1;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      const xn = xi + step * dx;
      const bn = beta + step * db;
      if (bn > 0 && xn > -1) {
        const ln = gpdLogLik(y, xn, bn);
        if (ln >= ll) {
          const done = Math.abs(step * dx) <= 1e-13 * (1 + Math.abs(xi)) && Math.abs(step * db) <= 1e-13 * beta;
          xi = xn;
          beta = bn;
          ll = ln;
          accepted = true;
          if (done) return { xi, beta };
          break;
        }
      }
      step /= 2;
    }
    if (!accepted) {
      // No ascent at rounding level: converged if the gradient is negligible.
      return Math.abs(gx) * 1 + Math.abs(gb) * beta <= 1e-6 * n ? { xi, beta } : undefined;
    }
  }
  return undefined;
}

/**
 * Fits the GPD to the exceedances of `losses` over `threshold` by maximum likelihood.
 *
 * @param losses positive numbers are losses (pass −returns).
 * @throws InvalidInputError for non-finite losses (naming the index), a non-finite threshold, or
 *   fewer than 3 exceedances; NoSolutionError('no-mle') when the profile likelihood has no
 *   interior maximum in (−1, 10).
 * @example fitGpd(losses, { threshold: quantile(losses, 0.95) })
 */
export function fitGpd(losses: ArrayLike<number>, options: GpdOptions): GpdFit {
  const o = requireObject('options', options);
  const L = requireFiniteArray(losses, 'losses');
  const u = o.threshold as number;
  if (typeof u !== 'number' || !Number.isFinite(u)) throw new InvalidInputError('threshold', 'must be a finite number', u);
  const level = o.ciLevel === undefined ? 0.95 : (o.ciLevel as number);
  if (typeof level !== 'number' || !(level > 0 && level < 1)) throw new InvalidInputError('ciLevel', 'must be in (0, 1)', level);
  const ex: number[] = [];
  for (let i = 0; i < L.length; i++) if (L[i] > u) ex.push(L[i] - u);
  if (ex.length < 3) throw new InvalidInputError('threshold', `leaves ${ex.length} exceedances; the GPD fit needs at least 3`, u);
  const yRaw = Float64Array.from(ex);
  // Scale to unit mean (ξ is scale-free, β scales): conditions the root finders.
  let ymean = 0;
  for (const v of yRaw) ymean += v;
  ymean /= yRaw.length;
  const y = yRaw.map((v) => v / ymean);
  let ymax = 0;
  for (const v of y) ymax = Math.max(ymax, v);
  const profile = (xi: number): number => gpdLogLik(y, xi, betaHat(y, xi, 1, ymax));

  const nt = newtonGpd(y);
  let xi: number;
  if (nt !== undefined && nt.xi > XI_MIN && nt.xi < XI_MAX) xi = nt.xi;
  else xi = profileSearch(y, profile);
  const lmax = profile(xi);
  const beta = betaHat(y, xi, 1, ymax) * ymean;
  if (o.confidenceInterval === false) {
    return { xi, beta, nExceedances: y.length, n: L.length, threshold: u, logLikelihood: lmax - y.length * Math.log(ymean) };
  }

  // Profile-likelihood interval: 2(ℓ̂ − ℓ_p(ξ)) = χ²₁(level) = Φ⁻¹((1+level)/2)².
  const crit = normInv((1 + level) / 2) ** 2;
  const g = (t: number): number => 2 * (lmax - profile(t)) - crit;
  const endpoint = (dir: 1 | -1): { v: number; atBound: boolean } => {
    const bound = dir > 0 ? XI_MAX : XI_MIN;
    let step = 0.05;
    let inner = xi;
    let outer = xi + dir * step;
    while (dir > 0 ? outer < bound : outer > bound) {
      if (g(outer) > 0) return { v: brent(g, Math.min(inner, outer), Math.max(inner, outer), { xTol: 1e-10 }).root, atBound: false };
      inner = outer;
      step *= 2;
      outer = xi + dir * step;
    }
    if (g(bound) > 0) return { v: brent(g, Math.min(inner, bound), Math.max(inner, bound), { xTol: 1e-10 }).root, atBound: false };
    return { v: bound, atBound: true };
  };
  const lo = endpoint(-1);
  const hi = endpoint(1);
  // Profile interval for β (in the unit-mean scale, then rescaled): ℓ_p(β) = max_ξ ℓ(ξ, β).
  const bHat = beta / ymean;
  const gb = (lb: number): number => 2 * (lmax - profileBeta(y, Math.exp(lb), xi, ymax)) - crit;
  const betaEnd = (dir: 1 | -1): number => {
    let inner = Math.log(bHat);
    let step = 0.05;
    for (let k = 0; k < 60; k++) {
      const outer = Math.log(bHat) + dir * step;
      if (gb(outer) > 0) return Math.exp(brent(gb, Math.min(inner, outer), Math.max(inner, outer), { xTol: 1e-12 }).root) * ymean;
      inner = outer;
      step *= 2;
    }
    return dir > 0 ? Infinity : 0;
  };
  const betaLo = betaEnd(-1);
  const betaHi = betaEnd(1);
  return {
    xi,
    beta,
    nExceedances: y.length,
    n: L.length,
    threshold: u,
    logLikelihood: lmax - y.length * Math.log(ymean),
    xiCI: { lower: lo.v, upper: hi.v, level, lowerAtBound: lo.atBound, upperAtBound: hi.atBound },
    betaCI: { lower: betaLo, upper: betaHi, level },
  };
}

/** ℓ_p(β) = max_ξ ℓ(ξ, β): safeguarded Newton in ξ from ξ₀, golden section as fallback. */
function profileBeta(y: Float64Array, beta: number, xi0: number, ymax: number): number {
  const n = y.length;
  const lo = Math.max(XI_MIN, (-beta / ymax) * (1 - 1e-12));
  let xi = Math.max(xi0, lo + 1e-9);
  let ll = gpdLogLik(y, xi, beta);
  for (let iter = 0; iter < 50; iter++) {
    const x = Math.abs(xi) < 1e-7 ? (xi < 0 ? -1e-7 : 1e-7) : xi;
    let sL = 0;
    let sZT = 0;
    let sZ2T2 = 0;
    for (let i = 0; i < n; i++) {
      const z = y[i] / beta;
      const t = 1 + x * z;
      sL += Math.log1p(x * z);
      const zt = z / t;
      sZT += zt;
      sZ2T2 += zt * zt;
    }
    const g = sL / (x * x) - (1 + 1 / x) * sZT;
    const h = (-2 / (x * x * x)) * sL + (2 / (x * x)) * sZT + (1 + 1 / x) * sZ2T2;
    let d = h < 0 ? -g / h : Math.sign(g) * 0.05;
    let ok = false;
    for (let k = 0; k < 60; k++) {
      const xn = xi + d;
      if (xn > lo) {
        const ln = gpdLogLik(y, xn, beta);
        if (ln >= ll) {
          const done = Math.abs(d) <= 1e-12 * (1 + Math.abs(xi));
          xi = xn;
          ll = ln;
          ok = true;
          if (done) return ll;
          break;
        }
      }
      d /= 2;
    }
    if (!ok) return ll;
  }
  return ll;
}

/** Fallback: grid bracket of the profile maximum, then golden-section search. */
function profileSearch(y: Float64Array, profile: (xi: number) => number): number {

  const grid: number[] = [];
  for (let xi = -0.95; xi <= 3.0001; xi += 0.05) grid.push(xi);
  let best = 0;
  const vals = grid.map(profile);
  for (let i = 1; i < grid.length; i++) if (vals[i] > vals[best]) best = i;
  if (best === 0 || best === grid.length - 1) {
    // Fall back to a wider search towards the boundary that wins.
    if (best === grid.length - 1 && profile(XI_MAX) > vals[best]) throw new NoSolutionError('no-mle', 'fitGpd: the profile likelihood increases up to xi = 10; raise the threshold or check the data');
  }
  const a = best === 0 ? XI_MIN : grid[best - 1];
  const b = grid[Math.min(grid.length - 1, best + 1)];
  // Golden section on −profile (the profile likelihood is unimodal in ξ on the bracket).
  return goldenSectionMinimize((xi) => -profile(xi), a, b, { maxIterations: 200, tolerance: 1e-12 }).x;
}
