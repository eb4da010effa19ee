/**
 * Hagan et al. (2002) normal (Bachelier) implied volatility of the SABR model, eq. (A.69a):
 *
 *   σ_N = α (FK)^(β/2) (1 + L²/24 + L⁴/1920) / (1 + (1-β)²L²/24 + (1-β)⁴L⁴/1920) · ζ/x(ζ)
 *         · (1 + T(-β(2-β)α²/(24 (FK)^(1-β)) + ρανβ/(4 (FK)^((1-β)/2)) + (2-3ρ²)ν²/24)),
 *
 * L = ln(F/K), ζ = (ν/α)(FK)^((1-β)/2) L, x as in the lognormal formula (same small-ζ expansion
 * and near-ATM log handling as {@link sabrVol}). Asymptotic like the lognormal form; with
 * ν = 0 and β = 0 it is exactly α (the Bachelier model).
 */
import { qlClose, zOverX } from './hagan';
import type { SabrVolInput } from './params';
import { readSabrInput } from './params';

/**
 * SABR normal (Bachelier) implied volatility, in forward units per √year (e.g. 0.0080 = 80 bp).
 * Forward and strike (plus `shift`) must be > 0.
 *
 * @throws InvalidInputError as {@link sabrVol}.
 */
export function sabrNormalVol(input: SabrVolInput): number {
  const { f, k, t, alpha, beta, rho, nu } = readSabrInput(input);
  const oneMinusBeta = 1 - beta;
  const fk = f * k;
  let L: number;
  if (!qlClose(f, k)) L = Math.log(f / k);
  else {
    const eps = (f - k) / k;
    L = eps - 0.5 * eps * eps;
  }
  const fkHalfOneMinusBeta = Math.pow(fk, 0.5 * oneMinusBeta);
  const zeta = (nu / alpha) * fkHalfOneMinusBeta * L;
  const L2 = L * L;
  const omb2 = oneMinusBeta * oneMinusBeta;
  const num = 1 + L2 / 24 + (L2 * L2) / 1920;
  const den = 1 + (omb2 * L2) / 24 + (omb2 * omb2 * L2 * L2) / 1920;
  const first = alpha * Math.pow(fk, 0.5 * beta) * (num / den);
  const d =
    1 +
    t *
      ((-beta * (2 - beta) * alpha * alpha) / (24 * fkHalfOneMinusBeta * fkHalfOneMinusBeta) +
        (rho * alpha * nu * beta) / (4 * fkHalfOneMinusBeta) +
        ((2 - 3 * rho * rho) * nu * nu) / 24);
  return first * zOverX(zeta, rho) * d;
}
