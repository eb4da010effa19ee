/**
 * GARCH(1,1) (Bollerslev 1986) and GJR-GARCH(1,1) (Glosten, Jagannathan & Runkle 1993) by
 * maximum likelihood with normal or standardised Student-t innovations:
 *
 *   x_t = μ + e_t,  e_t = √h_t z_t,
 *   h_t = ω + (α + γ·1[e_{t−1} < 0]) e²_{t−1} + β h_{t−1}   (γ = 0 for plain GARCH).
 *
 * Conventions follow R fGarch's `garchFit` (shared/reference/risk/garch.json): the likelihood
 * runs over ALL n observations with the 'mci' start e²_0 = h_0 = mean(e²) (e with the current μ),
 * so h_1 = ω + (α + β)·mean(e²) (GJR: the indicator of e_0 counts ½); the full log-density
 * −½ Σ [ln 2π + ln h_t + e_t²/h_t] (normal) or Σ [ln f_ν(e_t/√h_t) − ½ ln h_t] with f_ν the
 * unit-variance t density (fGarch 'std', ν > 2).
 *
 * Optimisation: BFGS (core) with the analytic gradient (differentiated variance recursion) on the
 * series standardised by its sample standard deviation (exact rescaling), over unconstrained coordinates
 * ω = e^w, persistence α + β + γ/2 = logistic(·) < 1 split by softmax shares (α, β, γ ≥ 0), and
 * ν = 2 + e^q. Standard errors from the inverse of a central-difference Hessian of −ℓ in the
 * natural parameters.
 */
import { ConvergenceError, InvalidInputError, bfgs, invertSpd, logBeta, requireObject } from '@quantforge/core';
import { digamma } from '../var/student-t-fit';
import { requireReturns } from '../var/validate';
import { mean, standardDeviation } from '@quantforge/core';

/** Options of {@link fitGarch}. */
export interface GarchOptions {
  /** `'garch'` (default) or `'gjr'` (leverage term γ). */
  model?: 'garch' | 'gjr';
  /** Innovation distribution: `'normal'` (default) or `'t'` (unit-variance Student-t). */
  dist?: 'normal' | 't';
  /** Include the constant mean μ (default true; false fixes μ = 0). */
  includeMean?: boolean;
  /** Compute standard errors from the numerical Hessian (default true). */
  standardErrors?: boolean;
  /** BFGS iteration cap (default 1000). */
  maxIterations?: number;
}

/** A fitted GARCH model (see {@link fitGarch}). */
export interface GarchFit {
  model: 'garch' | 'gjr';
  dist: 'normal' | 't';
  mu: number;
  omega: number;
  alpha: number;
  beta: number;
  /** Leverage coefficient (GJR only). */
  gamma?: number;
  /** Degrees of freedom of the unit-variance t (dist 't' only). */
  nu?: number;
  /** Maximised log-likelihood. */
  logLikelihood: number;
  /** Asymptotic standard errors (inverse Hessian), keyed like the parameters; undefined if the Hessian is not positive definite. */
  standardErrors?: Record<string, number>;
  /** √h_t for t = 1..n (in the units of the returns). */
  conditionalVolatility: Float64Array;
  /** Standardised residuals e_t/√h_t. */
  standardizedResiduals: Float64Array;
  /** α + β + γ/2 (< 1: covariance stationary). */
  persistence: number;
  /** ω / (1 − persistence), the long-run variance. */
  unconditionalVariance: number;
  /** e_n and h_n (the last residual and conditional variance), for forecasting. */
  lastResidual: number;
  lastVariance: number;
  /** BFGS iterations. */
  iterations: number;
  /** Number of observations. */
  n: number;
}

interface Params {
  mu: number;
  omega: number;
  alpha: number;
  beta: number;
  gamma: number;
  nu: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** −ℓ and the h path for natural parameters (internal). */
function negLogLik(x: Float64Array, p: Params, gjr: boolean, tDist: boolean, h?: Float64Array): number {
  const n = x.length;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const e = x[i] - p.mu;
    s2 += e * e;
  }
  s2 /= n;
  const { omega, alpha, beta, gamma, nu } = p;
  let ePrev2 = s2;
  let hPrev = s2;
  let negPrev = 0.5; // indicator of e_0 < 0 counted as its expectation
  let ll = 0;
  let tConst = 0;
  if (tDist) tConst = -logBeta(nu / 2, 0.5) - 0.5 * Math.log(nu - 2);
  for (let t = 0; t < n; t++) {
    const ht = omega + (alpha + (gjr ? gamma * negPrev : 0)) * ePrev2 + beta * hPrev;
    if (!(ht > 0)) return Infinity;
    const e = x[t] - p.mu;
    const e2 = e * e;
    if (h) h[t] = ht;
    if (tDist) ll += tConst - 0.5 * Math.log(ht) - ((nu + 1) / 2) * Math.log1p(e2 / (ht * (nu - 2)));
    else ll -= 0.5 * (LOG_2PI + Math.log(ht) + e2 / ht);
    ePrev2 = e2;
    hPrev = ht;
    negPrev = e < 0 ? 1 : 0;
  }
  return -ll;
}

/**
 * −ℓ and its gradient in the natural parameters [μ, ω, α, β, γ, ν] by differentiating the
 * variance recursion (dh_t/dθ = ∂h_t/∂θ + β dh_{t−1}/dθ; Fiorentini, Calzolari & Panattoni 1996).
 * The indicator 1[e < 0] is treated as locally constant (it jumps only where e = 0).
 */
function negLogLikGrad(x: Float64Array, p: Params, gjr: boolean, tDist: boolean, g: Float64Array): number {
  const n = x.length;
  const { mu, omega, alpha, beta, gamma, nu } = p;
  let s2 = 0;
  let sumE = 0;
  for (let i = 0; i < n; i++) {
    const e = x[i] - mu;
    s2 += e * e;
    sumE += e;
  }
  s2 /= n;
  const ds2mu = (-2 * sumE) / n;
  let ePrev = NaN;
  let ePrev2 = s2;
  let hPrev = s2;
  let negPrev = 0.5;
  // dh_{t−1}/d[μ, ω, α, β, γ]
  let dMu = ds2mu;
  let dOm = 0;
  let dAl = 0;
  let dBe = 0;
  let dGa = 0;
  let gMu = 0;
  let gOm = 0;
  let gAl = 0;
  let gBe = 0;
  let gGa = 0;
  let gNu = 0;
  let ll = 0;
  let tConst = 0;
  let dConst = 0;
  if (tDist) {
    tConst = -logBeta(nu / 2, 0.5) - 0.5 * Math.log(nu - 2);
    dConst = 0.5 * digamma((nu + 1) / 2) - 0.5 * digamma(nu / 2) - 0.5 / (nu - 2);
  }
  for (let t = 0; t < n; t++) {
    const a = alpha + (gjr ? gamma * negPrev : 0);
    const ht = omega + a * ePrev2 + beta * hPrev;
    if (!(ht > 0)) return Infinity;
    const de2mu = t === 0 ? ds2mu : -2 * ePrev;
    const nMu = a * de2mu + beta * dMu;
    const nOm = 1 + beta * dOm;
    const nAl = ePrev2 + beta * dAl;
    const nBe = hPrev + beta * dBe;
    const nGa = negPrev * ePrev2 + beta * dGa;
    const e = x[t] - mu;
    const e2 = e * e;
    let dldh: number;
    let dldmu: number;
    if (tDist) {
      const q = e2 / (ht * (nu - 2));
      const l1q = Math.log1p(q);
      ll += tConst - 0.5 * Math.log(ht) - ((nu + 1) / 2) * l1q;
      dldh = -0.5 / ht + ((nu + 1) / 2) * (q / (ht * (1 + q)));
      dldmu = ((nu + 1) * e) / (ht * (nu - 2) * (1 + q));
      gNu += dConst - 0.5 * l1q + ((nu + 1) / 2) * (q / ((nu - 2) * (1 + q)));
    } else {
      ll -= 0.5 * (LOG_2PI + Math.log(ht) + e2 / ht);
      dldh = -0.5 * (1 / ht - e2 / (ht * ht));
      dldmu = e / ht;
    }
    gMu += dldmu + dldh * nMu;
    gOm += dldh * nOm;
    gAl += dldh * nAl;
    gBe += dldh * nBe;
    gGa += dldh * nGa;
    dMu = nMu;
    dOm = nOm;
    dAl = nAl;
    dBe = nBe;
    dGa = nGa;
    ePrev = e;
    ePrev2 = e2;
    hPrev = ht;
    negPrev = e < 0 ? 1 : 0;
  }
  g[0] = -gMu;
  g[1] = -gOm;
  g[2] = -gAl;
  g[3] = -gBe;
  g[4] = -gGa;
  g[5] = -gNu;
  return -ll;
}

/** −ℓ/n and its gradient in the unconstrained coordinates θ (chain rule through {@link unpack}). */
export function objectiveGradient(y: Float64Array, th: Float64Array, includeMean: boolean, gjr: boolean, tDist: boolean, out: Float64Array): number {
  const p = unpack(th, includeMean, gjr, tDist);
  const gn = new Float64Array(6);
  const n = y.length;
  const f = negLogLikGrad(y, p, gjr, tDist, gn) / n;
  if (!Number.isFinite(f)) {
    out.fill(NaN);
    return Infinity;
  }
  let k = 0;
  if (includeMean) out[k++] = gn[0] / n;
  out[k++] = (gn[1] * p.omega) / n;
  const pers = p.alpha + p.beta + p.gamma / 2;
  const sa = p.alpha / pers;
  const sb = p.beta / pers;
  const sg = p.gamma / 2 / pers;
  const dp = pers * (1 - pers);
  out[k++] = (gn[2] * sa * dp + gn[3] * sb * dp + gn[4] * 2 * sg * dp) / n;
  out[k++] = (gn[2] * pers * sa * (1 - sa) - gn[3] * pers * sa * sb - gn[4] * 2 * pers * sa * sg) / n;
  if (gjr) out[k++] = (-gn[2] * pers * sa * sg - gn[3] * pers * sb * sg + gn[4] * 2 * pers * sg * (1 - sg)) / n;
  if (tDist) out[k++] = (gn[5] * (p.nu - 2)) / n;
  return f;
}

const logistic = (u: number): number => 1 / (1 + Math.exp(-u));

/** Unconstrained θ → natural parameters (in standardised units). */
export function unpack(th: Float64Array, includeMean: boolean, gjr: boolean, tDist: boolean): Params {
  let k = 0;
  const mu = includeMean ? th[k++] : 0;
  const omega = Math.exp(th[k++]);
  const pers = logistic(th[k++]);
  // Softmax shares of the persistence among α, β (and γ/2).
  const a = th[k++];
  const g = gjr ? th[k++] : -Infinity;
  const m = Math.max(a, 0, g);
  const ea = Math.exp(a - m);
  const eb = Math.exp(-m);
  const eg = gjr ? Math.exp(g - m) : 0;
  const z = ea + eb + eg;
  const nu = tDist ? 2 + Math.exp(th[k++]) : Infinity;
  return { mu, omega, alpha: (pers * ea) / z, beta: (pers * eb) / z, gamma: (2 * pers * eg) / z, nu };
}

function pack(p: Params, includeMean: boolean, gjr: boolean, tDist: boolean): number[] {
  const pers = p.alpha + p.beta + p.gamma / 2;
  const th: number[] = [];
  if (includeMean) th.push(p.mu);
  th.push(Math.log(p.omega), Math.log(pers / (1 - pers)), Math.log(p.alpha / p.beta));
  if (gjr) th.push(Math.log(p.gamma / 2 / p.beta));
  if (tDist) th.push(Math.log(p.nu - 2));
  return th;
}

/**
 * Fits GARCH(1,1) or GJR-GARCH(1,1) by maximum likelihood (fGarch conventions, see the module
 * note). Parameters are in the units of the returns (ω in squared units).
 *
 * @throws InvalidInputError for non-finite returns (naming the index), fewer than 10 observations,
 *   a constant series or bad options; ConvergenceError (lastIterate: the parameters reached) when
 *   the optimiser stops away from a stationary point.
 * @example const fit = fitGarch(loadDem2Gbp().returns, { model: 'garch', dist: 'normal' });
 */
export function fitGarch(returns: ArrayLike<number>, options: GarchOptions = {}): GarchFit {
  const o = requireObject('options', options);
  const model = (o.model ?? 'garch') as string;
  const dist = (o.dist ?? 'normal') as string;
  if (model !== 'garch' && model !== 'gjr') throw new InvalidInputError('model', "must be 'garch' or 'gjr'", model);
  if (dist !== 'normal' && dist !== 't') throw new InvalidInputError('dist', "must be 'normal' or 't'", dist);
  const includeMean = o.includeMean === undefined ? true : o.includeMean === true;
  const x = requireReturns(returns, 10);
  const n = x.length;
  const sd = standardDeviation(x);
  if (!(sd > 0)) throw new InvalidInputError('returns', 'must not be constant (zero variance)');
  const gjr = model === 'gjr';
  const tDist = dist === 't';
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = x[i] / sd;

  // Start values (fGarch-like): α = 0.1, β = 0.8, ω from the sample variance.
  const start: Params = {
    mu: includeMean ? mean(y) : 0,
    omega: 0.1 * 1,
    alpha: gjr ? 0.05 : 0.1,
    beta: 0.8,
    gamma: gjr ? 0.1 : 0,
    nu: tDist ? 8 : Infinity,
  };
  // BFGS asks for f(θ) then ∇f(θ) at the same θ: one pass computes both, the gradient is cached.
  const dim = pack(start, includeMean, gjr, tDist).length;
  const cacheTh = new Float64Array(dim).fill(NaN);
  const cacheG = new Float64Array(dim);
  const obj = (th: Float64Array): number => {
    const v = objectiveGradient(y, th, includeMean, gjr, tDist, cacheG);
    cacheTh.set(th);
    return v;
  };
  const res = bfgs(obj, pack(start, includeMean, gjr, tDist), {
    gradient: (th, g) => {
      let same = true;
      for (let i = 0; i < dim; i++) if (th[i] !== cacheTh[i]) same = false;
      if (!same) obj(th);
      g.set(cacheG);
    },
    tolerance: 1e-9,
    maxIterations: (o.maxIterations as number | undefined) ?? 1000,
    throwOnMaxIterations: false,
  });
  const ps = unpack(res.x, includeMean, gjr, tDist);
  const toNatural = (q: Params) => ({ ...q, mu: q.mu * sd, omega: q.omega * sd * sd });
  const p = toNatural(ps);
  if (!res.converged && res.gradientNorm > 1e-5) {
    throw new ConvergenceError(
      `fitGarch: the optimiser stopped (${res.reason}) after ${res.iterations} iterations with gradient norm ${res.gradientNorm.toExponential(2)}`,
      res.iterations,
      p,
    );
  }
  const h = new Float64Array(n);
  const nll = negLogLik(x, p, gjr, tDist, h);
  const vol = new Float64Array(n);
  const zres = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    vol[t] = Math.sqrt(h[t]);
    zres[t] = (x[t] - p.mu) / vol[t];
  }
  const persistence = p.alpha + p.beta + p.gamma / 2;
  const fit: GarchFit = {
    model,
    dist,
    mu: p.mu,
    omega: p.omega,
    alpha: p.alpha,
    beta: p.beta,
    ...(gjr ? { gamma: p.gamma } : {}),
    ...(tDist ? { nu: p.nu } : {}),
    logLikelihood: -nll,
    conditionalVolatility: vol,
    standardizedResiduals: zres,
    persistence,
    unconditionalVariance: persistence < 1 ? p.omega / (1 - persistence) : Infinity,
    lastResidual: x[n - 1] - p.mu,
    lastVariance: h[n - 1],
    iterations: res.iterations,
    n,
  };
  if (o.standardErrors !== false) {
    const se = hessianStandardErrors(y, ps, includeMean, gjr, tDist);
    if (se) {
      const scale: Record<string, number> = { mu: sd, omega: sd * sd, alpha: 1, beta: 1, gamma: 1, nu: 1 };
      fit.standardErrors = Object.fromEntries(Object.entries(se).map(([k, v]) => [k, v * scale[k]]));
    }
  }
  return fit;
}

/** Standard errors from a central-difference Hessian of −ℓ in natural parameters (standardised units). */
function hessianStandardErrors(y: Float64Array, p: Params, includeMean: boolean, gjr: boolean, tDist: boolean): Record<string, number> | undefined {
  const names: (keyof Params)[] = [];
  if (includeMean) names.push('mu');
  names.push('omega', 'alpha', 'beta');
  if (gjr) names.push('gamma');
  if (tDist) names.push('nu');
  const k = names.length;
  const base = names.map((nm) => p[nm]);
  const steps = base.map((v) => 1e-4 * Math.max(Math.abs(v), 1e-2));
  const f = (v: number[]): number => {
    const q = { ...p };
    names.forEach((nm, i) => (q[nm] = v[i]));
    return negLogLik(y, q, gjr, tDist);
  };
  const H: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const f0 = f(base);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let val: number;
      const v = base.slice();
      if (i === j) {
        v[i] = base[i] + steps[i];
        const fp = f(v);
        v[i] = base[i] - steps[i];
        const fm = f(v);
        val = (fp - 2 * f0 + fm) / (steps[i] * steps[i]);
      } else {
        const g = (di: number, dj: number) => {
          const w = base.slice();
          w[i] += di * steps[i];
          w[j] += dj * steps[j];
          return f(w);
        };
        val = (g(1, 1) - g(1, -1) - g(-1, 1) + g(-1, -1)) / (4 * steps[i] * steps[j]);
      }
      H[i][j] = val;
      H[j][i] = val;
    }
  }
  if (!H.every((r) => r.every(Number.isFinite))) return undefined;
  try {
    const inv = invertSpd(H);
    const out: Record<string, number> = {};
    names.forEach((nm, i) => (out[nm] = Math.sqrt(inv[i][i])));
    return out;
  } catch {
    return undefined;
  }
}
