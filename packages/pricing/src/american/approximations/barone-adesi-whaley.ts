import { normCdf, normPdf } from '@quantforge/core';
import { bsPriceKernel } from '../../european/black-scholes';
import type { AmericanOptions, AmericanParams, EngineResult } from '../types';

/**
 * Barone-Adesi & Whaley (1987), "Efficient analytic approximation of American option values",
 * Journal of Finance 42(2): the quadratic approximation, as QuantLib's
 * BaroneAdesiWhaleyApproximationEngine (ql/pricingengines/vanilla/baroneadesiwhaleyengine.cpp):
 * seed of the critical price from the perpetual boundary, Newton iteration on the value-matching
 * condition, V = European + A (S/S*)^q2 (call, S < S*) or S - K beyond S*. We iterate the Newton
 * step to |LHS - RHS| <= 1e-13·K (QuantLib stops at 1e-6·K), capped at 100 steps, so the price is
 * a smooth function of the inputs (clean bumped greeks). Accuracy: the approximation error is
 * ~1e-3 to 1e-2 of the strike for long-dated/high-carry options (not an exact American price).
 * Δ and Γ are analytic (S* does not depend on S); θ is a central difference in expiry.
 */

function criticalPrice(w: 1 | -1, K: number, rd: number, dd: number, variance: number, seed = NaN): number {
  const sd = Math.sqrt(variance);
  const n = (2 * Math.log(dd / rd)) / variance;
  const m = (-2 * Math.log(rd)) / variance;
  const bT = Math.log(dd / rd);
  let Si: number;
  if (seed > 0) {
    // A nearby problem's critical price (the bumps of the greeks): Newton converges in 1-3 steps.
    Si = seed;
  } else if (w === 1) {
    const qu = (-(n - 1) + Math.sqrt((n - 1) * (n - 1) + 4 * m)) / 2;
    const Su = K / (1 - 1 / qu);
    const h = (-(bT + 2 * sd) * K) / (Su - K);
    Si = K + (Su - K) * (1 - Math.exp(h));
  } else {
    const qu = (-(n - 1) - Math.sqrt((n - 1) * (n - 1) + 4 * m)) / 2;
    const Su = K / (1 - 1 / qu);
    const h = ((bT - 2 * sd) * K) / (K - Su);
    Si = Su + (K - Su) * Math.exp(h);
  }
  const kk = Math.abs(rd - 1) > 1e-13 ? (-2 * Math.log(rd)) / (variance * (1 - rd)) : 2 / variance;
  const Q = w === 1 ? (-(n - 1) + Math.sqrt((n - 1) * (n - 1) + 4 * kk)) / 2 : (-(n - 1) - Math.sqrt((n - 1) * (n - 1) + 4 * kk)) / 2;
  for (let iter = 0; iter < 100; iter++) {
    const d1 = (Math.log((Si * dd) / (rd * K)) + 0.5 * variance) / sd;
    const euro = bsPriceKernel(w, Si * dd / rd, K, 1, 0, 0, sd) * rd;
    let lhs: number;
    let rhs: number;
    let bi: number;
    if (w === 1) {
      lhs = Si - K;
      rhs = euro + ((1 - dd * normCdf(d1)) * Si) / Q;
      bi = dd * normCdf(d1) * (1 - 1 / Q) + (1 - (dd * normPdf(d1)) / sd) / Q;
    } else {
      lhs = K - Si;
      rhs = euro - ((1 - dd * normCdf(-d1)) * Si) / Q;
      bi = -dd * normCdf(-d1) * (1 - 1 / Q) - (1 + (dd * normPdf(-d1)) / sd) / Q;
    }
    if (!(Math.abs(lhs - rhs) / K > 1e-13)) break;
    const next = w === 1 ? (K + rhs - bi * Si) / (1 - bi) : (K - rhs + bi * Si) / (1 + bi);
    if (!(next > 0) || !Number.isFinite(next)) break;
    if (Math.abs(next - Si) <= 1e-15 * Si) {
      Si = next;
      break;
    }
    Si = next;
  }
  return Si;
}

interface BawValue {
  price: number;
  delta: number;
  gamma: number;
  /** The critical price S* (NaN when there is no early exercise). */
  critical: number;
}

function bawValue(p: AmericanParams, seed = NaN): BawValue {
  const { w, spot: S, strike: K, expiry: T, rate: r, dividendYield: q, vol } = p;
  const variance = vol * vol * T;
  const sd = Math.sqrt(variance);
  const rd = Math.exp(-r * T);
  const dd = Math.exp(-q * T);
  const d1S = (Math.log(S / K) + (r - q) * T) / sd + 0.5 * sd;
  const euro: BawValue = {
    price: bsPriceKernel(w, S, K, T, r, q, vol),
    delta: w === 1 ? dd * normCdf(d1S) : -dd * normCdf(-d1S),
    gamma: (dd * normPdf(d1S)) / (S * sd),
    critical: NaN,
  };
  // A call on a non-dividend-paying stock (q <= 0) is never exercised early (QuantLib's branch).
  if (dd >= 1 && w === 1) return euro;
  const Sk = criticalPrice(w, K, rd, dd, variance, seed);
  const n = (2 * Math.log(dd / rd)) / variance;
  const kk = Math.abs(rd - 1) > 1e-13 ? (-2 * Math.log(rd)) / (variance * (1 - rd)) : 2 / variance;
  const disc = Math.sqrt((n - 1) * (n - 1) + 4 * kk);
  const Q = w === 1 ? (-(n - 1) + disc) / 2 : (-(n - 1) - disc) / 2;
  const d1 = (Math.log((Sk * dd) / (rd * K)) + 0.5 * variance) / sd;
  const a = w === 1 ? (Sk / Q) * (1 - dd * normCdf(d1)) : -(Sk / Q) * (1 - dd * normCdf(-d1));
  const inContinuation = w === 1 ? S < Sk : S > Sk;
  if (!inContinuation) return { price: w * (S - K), delta: w, gamma: 0, critical: Sk };
  const x = Math.pow(S / Sk, Q);
  return { price: euro.price + a * x, delta: euro.delta + (a * Q * x) / S, gamma: euro.gamma + (a * Q * (Q - 1) * x) / (S * S), critical: Sk };
}

/**
 * Barone-Adesi-Whaley American approximation with analytic Δ, Γ, a bumped θ and, when
 * `wantVegaRho`, vega and rho by central bumps (h = 1e-4 max(σ, 0.01), 1e-4). Each bump's
 * critical-price Newton starts from the base S* (1-3 steps instead of ~6 from the seed; it
 * converges to the same S* at 1e-13·K).
 */
export function bawEngine(p: AmericanParams, _o: AmericanOptions, wantVegaRho = false): EngineResult {
  const v = bawValue(p);
  const s = v.critical;
  const ht = Math.min(1e-5 * Math.max(p.expiry, 1 / 365), 0.5 * p.expiry);
  const theta = (bawValue({ ...p, expiry: p.expiry - ht }, s).price - bawValue({ ...p, expiry: p.expiry + ht }, s).price) / (2 * ht) + 0;
  if (!wantVegaRho) return { price: v.price, delta: v.delta, gamma: v.gamma, theta };
  const hv = 1e-4 * Math.max(p.vol, 0.01);
  const vega = (bawValue({ ...p, vol: p.vol + hv }, s).price - bawValue({ ...p, vol: p.vol - hv }, s).price) / (2 * hv);
  const hr = 1e-4;
  const rho = (bawValue({ ...p, rate: p.rate + hr }, s).price - bawValue({ ...p, rate: p.rate - hr }, s).price) / (2 * hr);
  return { price: v.price, delta: v.delta, gamma: v.gamma, theta, vega, rho };
}
