import type { AmericanParams } from '../types';

/**
 * Delta, gamma (central differences in spot, h = 1e-4·S) and theta (central difference in expiry,
 * h = 1e-5·max(T, 1/365) capped at T/2) of a closed-form approximation `price(p)`, for the engines
 * whose formulas have no PDE-consistent theta. Truncation error ~h²·V''''/12 ≈ 1e-9 relative.
 */
export function bumpedGreeks(p: AmericanParams, price: (q: AmericanParams) => number, v0: number): { delta: number; gamma: number; theta: number } {
  const h = 1e-4 * p.spot;
  const up = price({ ...p, spot: p.spot + h });
  const dn = price({ ...p, spot: p.spot - h });
  const ht = Math.min(1e-5 * Math.max(p.expiry, 1 / 365), 0.5 * p.expiry);
  const later = price({ ...p, expiry: p.expiry + ht });
  const sooner = price({ ...p, expiry: p.expiry - ht });
  const theta = (sooner - later) / (2 * ht);
  return { delta: (up - dn) / (2 * h), gamma: (up - 2 * v0 + dn) / (h * h), theta: theta === 0 ? 0 : theta };
}
