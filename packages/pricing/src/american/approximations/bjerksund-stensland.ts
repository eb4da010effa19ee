import { InvalidInputError, bivariateNormalCdf, normCdf, normPdf } from '@quantforge/core';
import { bsPriceKernel } from '../../european/black-scholes';
import type { AmericanOptions, AmericanParams, EngineResult } from '../types';

/**
 * Bjerksund & Stensland flat-boundary approximations of the American call (the put by the
 * put-call transformation put(S, K, r, q) = call(K, S, q, r)):
 *
 * - '1993' (the default): one flat boundary over [0, T] — Bjerksund & Stensland (1993),
 *   "Closed-form approximation of American options", Scandinavian Journal of Management 9,
 *   S87-S99; what QuantLib's BjerksundStenslandApproximationEngine computes
 *   (ql/pricingengines/vanilla/bjerksundstenslandengine.cpp). The published checks 5.2704
 *   and 4.4531 (Haug 1998, p. 27, QuantLib's testBjerksundStenslandValues) and 94.89543 at σ = 10
 *   are values of this form: 1993 gives 5.270404, 4.453064, 94.895428; the 2002 form gives
 *   5.286859, 4.462752 (exact American 5.309058, 4.486674) and 94.895389, so only the first two
 *   tell the forms apart, and they pick 1993 — hence the default.
 * - '2002': two flat boundaries, I₁ on [0, t₁] and I₂ on [t₁, T], t₁ = (√5 − 1)T/2 — Bjerksund &
 *   Stensland (2002), "Closed form valuation of American options", NHH discussion paper 2002:9;
 *   Haug (2007), The Complete Guide to Option Pricing Formulas, 2nd ed., ch. 3. The ψ terms
 *   use the bivariate normal CDF. A better exercise policy, so usually a tighter lower bound (the
 *   two checks above: error 0.022 and 0.024 against 1993's 0.039 and 0.034), at several times the
 *   cost (eight bivariate normal CDFs). Published check: MathWorks' optstockbybjs example (their
 *   BS 2002 implementation): put S = 120, K = 100, r = 8%, q = 4%, σ = 20%, T = 91/366 -> 0.1108
 *   (we give 0.110836; 1993 gives 0.110656).
 *
 * Both are the values of feasible exercise policies (lower bounds that can fall below the European
 * value for long-dated deep in-the-money puts, e.g. σ = 10); returned unchanged, as QuantLib. φ is
 * written without the S^γ factor (QuantLib 2023 form) so large vols do not overflow; a runaway
 * boundary (ln(I/F)/σ√T > 12.5) returns the European value, as QuantLib.
 *
 * Greeks: Δ and Γ analytic for '1993' (I does not depend on S; the put's by homogeneity of degree
 * one in (S, K)), by central bumps (h = 1e-4 S) for '2002'; θ by a central bump in T
 * (h = 1e-5 max(T, 1/365), capped at T/2); vega and rho by central bumps of the formula
 * (h = 1e-4 max(σ, 0.01) and 1e-4). Truncation error of the bumps ~1e-9 relative.
 */

export type BjerksundStenslandScheme = '1993' | '2002';

/** The phi of the 1993 form without the S^γ factor, with its first two log-S derivatives. */
function phi(S: number, gamma: number, H: number, I: number, rT: number, bT: number, variance: number): number {
  const sv = Math.sqrt(variance);
  const lambda = -rT + gamma * bT + 0.5 * gamma * (gamma - 1) * variance;
  const d = -(Math.log(S / H) + (bT + (gamma - 0.5) * variance)) / sv;
  const kappa = (2 * bT) / variance + (2 * gamma - 1);
  return Math.exp(lambda) * (normCdf(d) - Math.pow(I / S, kappa) * normCdf(d - (2 * Math.log(I / S)) / sv));
}

/**
 * S^γ φ(S) and its first two S-derivatives (for the analytic Δ, Γ of the 1993 form): with
 * A = S^γ N(d₁), B = S^{γ-κ} N(d₂), d₁' = -1/(Sv), d₂' = +1/(Sv), v = σ√T:
 * A'' = S^{γ-2}[γ(γ-1)N(d₁) - (2γ-1)n(d₁)/v - d₁n(d₁)/v²], B'' likewise with the sign of d₂'.
 */
function phiS(S: number, gamma: number, H: number, I: number, rT: number, bT: number, variance: number, out: Float64Array, base = 1): void {
  const v = Math.sqrt(variance);
  const el = Math.exp(-rT + gamma * bT + 0.5 * gamma * (gamma - 1) * variance);
  const d1 = -(Math.log(S / H) + (bT + (gamma - 0.5) * variance)) / v;
  const kappa = (2 * bT) / variance + (2 * gamma - 1);
  const d2 = d1 - (2 * Math.log(I / S)) / v;
  const mu = gamma - kappa;
  const N1 = normCdf(d1);
  const n1 = normPdf(d1);
  const N2 = normCdf(d2);
  const n2 = normPdf(d2);
  // (S/base)^γ: the caller scales by base^γ (base = I for γ = β, where S^β alone overflows).
  const Sg = Math.pow(S / base, gamma);
  // I^κ S^{γ-κ} = S^γ (I/S)^κ.
  const Bf = Sg * Math.pow(I / S, kappa);
  const A0 = Sg * N1;
  const A1 = (Sg / S) * (gamma * N1 - n1 / v);
  const A2 = (Sg / (S * S)) * (gamma * (gamma - 1) * N1 - ((2 * gamma - 1) * n1) / v - (d1 * n1) / variance);
  const B0 = Bf * N2;
  const B1 = (Bf / S) * (mu * N2 + n2 / v);
  const B2 = (Bf / (S * S)) * (mu * (mu - 1) * N2 + ((2 * mu - 1) * n2) / v - (d2 * n2) / variance);
  out[0] = el * (A0 - B0);
  out[1] = el * (A1 - B1);
  out[2] = el * (A2 - B2);
}

/** The 1993 boundary I and β of a call (S, X) with rT, bT = (r - q)T and σ²T. */
function boundary1993(X: number, rT: number, bT: number, variance: number): { I: number; beta: number } {
  const beta = 0.5 - bT / variance + Math.sqrt((bT / variance - 0.5) * (bT / variance - 0.5) + (2 * rT) / variance);
  const BInfinity = (beta / (beta - 1)) * X;
  const B0 = bT === rT ? X : Math.max(X, (rT / (rT - bT)) * X);
  const ht = (-(bT + 2 * Math.sqrt(variance)) * B0) / (BInfinity - B0);
  return { I: B0 + (BInfinity - B0) * (1 - Math.exp(ht)), beta };
}

/**
 * American call (S, X) by the 1993 form with discount factors from rT, qT and its S-derivatives
 * (out = [value, dV/dS, d²V/dS²]).
 */
function call1993(S: number, X: number, rT: number, qT: number, variance: number, out: Float64Array): void {
  const bT = rT - qT;
  const rfD = Math.exp(-rT);
  const dD = Math.exp(-qT);
  const european = (): void => {
    const sd = Math.sqrt(variance);
    const fwd = (S * dD) / rfD;
    out[0] = bsPriceKernel(1, fwd, X, 1, 0, 0, sd) * rfD;
    const d1 = Math.log(fwd / X) / sd + 0.5 * sd;
    out[1] = dD * normCdf(d1);
    out[2] = (dD * normPdf(d1)) / (S * sd);
  };
  // Early exercise is never optimal for a call when q <= 0.
  if (dD >= 1) return european();
  const { I, beta } = boundary1993(X, rT, bT, variance);
  if (S >= I) {
    out[0] = Math.max(0, S - X);
    out[1] = 1;
    out[2] = 0;
    return;
  }
  if (Math.log(I / ((S * dD) / rfD)) / Math.sqrt(variance) > 12.5 || !Number.isFinite(I)) return european();
  const t = scratch;
  let v = 0;
  let d = 0;
  let g = 0;
  // (I - X)(S/I)^β (1 - φ(β, I)): α S^β - α S^β φ̃(β, I, I) with α S^β = (I - X)(S/I)^β
  // (β ~ 2r/σ² is huge at tiny vol: S^β alone overflows).
  const alpha = I - X;
  const Sb = Math.pow(S / I, beta);
  v += alpha * Sb;
  d += alpha * beta * (Sb / S);
  g += alpha * beta * (beta - 1) * (Sb / (S * S));
  phiS(S, beta, I, I, rT, bT, variance, t, I);
  v -= alpha * t[0]!;
  d -= alpha * t[1]!;
  g -= alpha * t[2]!;
  const terms: [number, number, number][] = [
    [1, 1, I],
    [-1, 1, X],
    [-X, 0, I],
    [X, 0, X],
  ];
  for (const [c, gamma, H] of terms) {
    phiS(S, gamma, H, I, rT, bT, variance, t);
    v += c * t[0]!;
    d += c * t[1]!;
    g += c * t[2]!;
  }
  out[0] = v;
  out[1] = d;
  out[2] = g;
}

const scratch = new Float64Array(3);

/** The 1993 call value alone (the form of the price used by the bumps). */
function call1993Value(S: number, X: number, rT: number, qT: number, variance: number): number {
  const bT = rT - qT;
  const rfD = Math.exp(-rT);
  const dD = Math.exp(-qT);
  const european = () => bsPriceKernel(1, (S * dD) / rfD, X, 1, 0, 0, Math.sqrt(variance)) * rfD;
  if (dD >= 1) return european();
  const { I, beta } = boundary1993(X, rT, bT, variance);
  if (S >= I) return Math.max(0, S - X);
  const fwd = (S * dD) / rfD;
  if (Math.log(I / fwd) / Math.sqrt(variance) > 12.5 || !Number.isFinite(I)) return european();
  return (
    (I - X) * Math.pow(S / I, beta) * (1 - phi(S, beta, I, I, rT, bT, variance)) +
    S * phi(S, 1, I, I, rT, bT, variance) -
    S * phi(S, 1, X, I, rT, bT, variance) -
    X * phi(S, 0, I, I, rT, bT, variance) +
    X * phi(S, 0, X, I, rT, bT, variance)
  );
}

/**
 * The 2002 form (Haug 2007, ch. 3; the same terms as OpenGamma Strata's BjerksundStenslandModel): a call (S, X) with rate r, carry b = r - q, vol σ, expiry T, in calendar units.
 */
function call2002(S: number, X: number, T: number, r: number, b: number, sigma: number): number {
  const european = (): number => bsPriceKernel(1, S, X, T, r, r - b, sigma);
  // No early exercise when b >= r (q <= 0).
  if (b >= r) return european();
  const s2 = sigma * sigma;
  const t1 = 0.5 * (Math.sqrt(5) - 1) * T;
  const yb = 0.5 - b / s2;
  const beta = yb + Math.sqrt(yb * yb + (2 * r) / s2);
  const BInfinity = (beta / (beta - 1)) * X;
  const B0 = Math.abs(r - b) < 1e-15 ? X : Math.max(X, (r / (r - b)) * X);
  const h = (t: number): number => (-(b * t + 2 * sigma * Math.sqrt(t)) * X * X) / ((BInfinity - B0) * B0);
  const I1 = B0 + (BInfinity - B0) * (1 - Math.exp(h(t1)));
  const I2 = B0 + (BInfinity - B0) * (1 - Math.exp(h(T)));
  if (!Number.isFinite(I1) || !Number.isFinite(I2)) return european();
  if (S >= I2) return S - X;
  // As the 1993 guard: a boundary far beyond the forward (tiny vol·√T) gives the European value.
  if (Math.log(I2 / (S * Math.exp(b * T))) / (sigma * Math.sqrt(T)) > 12.5) return european();
  const alpha1 = (I1 - X) * Math.pow(I1, -beta);
  const alpha2 = (I2 - X) * Math.pow(I2, -beta);
  const ph = (t: number, gamma: number, H: number, I: number): number => phi2002(S, t, gamma, H, I, r, b, sigma);
  const ps = (gamma: number, H: number): number => psi2002(S, T, gamma, H, I2, I1, t1, r, b, sigma);
  return (
    alpha2 * Math.pow(S, beta) -
    alpha2 * ph(t1, beta, I2, I2) +
    ph(t1, 1, I2, I2) -
    ph(t1, 1, I1, I2) -
    X * ph(t1, 0, I2, I2) +
    X * ph(t1, 0, I1, I2) +
    alpha1 * ph(t1, beta, I1, I2) -
    alpha1 * ps(beta, I1) +
    ps(1, I1) -
    ps(1, X) -
    X * ps(0, I1) +
    X * ps(0, X)
  );
}

/** φ(S, t, γ, H, I) = e^{λt} S^γ [N(d₁) - (I/S)^κ N(d₂)] (Haug 2007, BS 2002). */
function phi2002(S: number, t: number, gamma: number, H: number, I: number, r: number, b: number, sigma: number): number {
  const s2 = sigma * sigma;
  const v = sigma * Math.sqrt(t);
  const lambda = -r + gamma * b + 0.5 * gamma * (gamma - 1) * s2;
  const kappa = (2 * b) / s2 + 2 * gamma - 1;
  const y = (t * (b + (gamma - 0.5) * s2)) / v;
  const d1 = -(Math.log(S / H) / v + y);
  const d2 = -(Math.log((I * I) / (S * H)) / v + y);
  return Math.exp(lambda * t) * Math.pow(S, gamma) * (normCdf(d1) - Math.pow(I / S, kappa) * normCdf(d2));
}

/** ψ(S, T, γ, H, I₂, I₁, t₁) of Bjerksund & Stensland (2002) with ρ = sqrt(t₁/T). */
function psi2002(S: number, T: number, gamma: number, H: number, I2: number, I1: number, t1: number, r: number, b: number, sigma: number): number {
  const s2 = sigma * sigma;
  const v1 = sigma * Math.sqrt(t1);
  const v2 = sigma * Math.sqrt(T);
  const m = b + (gamma - 0.5) * s2;
  const y1 = (t1 * m) / v1;
  const y2 = (T * m) / v2;
  const e1 = -(Math.log(S / I1) / v1 + y1);
  const e2 = -(Math.log((I2 * I2) / (S * I1)) / v1 + y1);
  const e3 = e1 + 2 * y1;
  const e4 = e2 + 2 * y1;
  const f1 = -(Math.log(S / H) / v2 + y2);
  const f2 = -(Math.log((I2 * I2) / (S * H)) / v2 + y2);
  const f3 = -(Math.log((I1 * I1) / (S * H)) / v2 + y2);
  const f4 = -(Math.log((S * I1 * I1) / (H * I2 * I2)) / v2 + y2);
  const lambda = -r + gamma * b + 0.5 * gamma * (gamma - 1) * s2;
  const kappa = (2 * b) / s2 + 2 * gamma - 1;
  const rho = Math.sqrt(t1 / T);
  return (
    Math.exp(lambda * T) *
    Math.pow(S, gamma) *
    (bivariateNormalCdf(e1, f1, rho) -
      Math.pow(I2 / S, kappa) * bivariateNormalCdf(e2, f2, rho) -
      Math.pow(I1 / S, kappa) * bivariateNormalCdf(e3, f3, -rho) +
      Math.pow(I1 / I2, kappa) * bivariateNormalCdf(e4, f4, -rho))
  );
}

/** Resolves `options.scheme` for this method (default '1993'). */
export function bjerksundStenslandScheme(o: AmericanOptions): BjerksundStenslandScheme {
  const s = o.scheme ?? '1993';
  if (s !== '1993' && s !== '2002') throw new InvalidInputError('options.scheme', "must be '1993' or '2002' for method 'bjerksund-stensland'", s);
  return s;
}

/** The price of the option p under a form (put by the put-call transformation). */
export function bjerksundStenslandValue(p: AmericanParams, scheme: BjerksundStenslandScheme): number {
  const { w, spot: S, strike: K, expiry: T, rate: r, dividendYield: q, vol } = p;
  if (scheme === '2002') return w === 1 ? call2002(S, K, T, r, r - q, vol) : call2002(K, S, T, q, q - r, vol);
  const variance = vol * vol * T;
  return w === 1 ? call1993Value(S, K, r * T, q * T, variance) : call1993Value(K, S, q * T, r * T, variance);
}

/**
 * Bjerksund-Stensland ('1993' default or '2002') with Δ, Γ, θ and, when `wantVegaRho`, vega and
 * rho (see the file comment).
 */
export function bjerksundStenslandEngine(p: AmericanParams, o: AmericanOptions, wantVegaRho = false): EngineResult {
  const scheme = bjerksundStenslandScheme(o);
  const price = (q: AmericanParams): number => bjerksundStenslandValue(q, scheme);
  let v: number;
  let delta: number;
  let gamma: number;
  if (scheme === '1993') {
    const out = new Float64Array(3);
    const { w, spot: S, strike: K, expiry: T, rate: r, dividendYield: q, vol } = p;
    const variance = vol * vol * T;
    if (w === 1) {
      call1993(S, K, r * T, q * T, variance, out);
      v = out[0]!;
      delta = out[1]!;
      gamma = out[2]!;
    } else {
      // put(S, K) = call(K, S) with the roles swapped; V is homogeneous of degree one in (S', K'):
      // ∂V/∂K' = (V - S'∂V/∂S')/K', ∂²V/∂K'² = S'²∂²V/∂S'²/K'².
      call1993(K, S, q * T, r * T, variance, out);
      v = out[0]!;
      delta = (v - K * out[1]!) / S;
      gamma = (K * K * out[2]!) / (S * S);
    }
  } else {
    v = price(p);
    const h = 1e-4 * p.spot;
    const up = price({ ...p, spot: p.spot + h });
    const dn = price({ ...p, spot: p.spot - h });
    delta = (up - dn) / (2 * h);
    gamma = (up - 2 * v + dn) / (h * h);
  }
  const ht = Math.min(1e-5 * Math.max(p.expiry, 1 / 365), 0.5 * p.expiry);
  const theta = (price({ ...p, expiry: p.expiry - ht }) - price({ ...p, expiry: p.expiry + ht })) / (2 * ht) + 0;
  if (!wantVegaRho) return { price: v, delta, gamma, theta };
  const hv = 1e-4 * Math.max(p.vol, 0.01);
  const vega = (price({ ...p, vol: p.vol + hv }) - price({ ...p, vol: p.vol - hv })) / (2 * hv);
  const hr = 1e-4;
  const rho = (price({ ...p, rate: p.rate + hr }) - price({ ...p, rate: p.rate - hr })) / (2 * hr);
  return { price: v, delta, gamma, theta, vega, rho };
}
