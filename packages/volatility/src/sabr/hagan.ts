/**
 * Hagan, Kumar, Lesniewski & Woodward (2002), "Managing smile risk", eq. (2.17a): the SABR
 * lognormal (Black) implied volatility, computed exactly as QuantLib 1.29's
 * `unsafeSabrLogNormalVolatility` (ql/termstructures/volatility/sabr.cpp):
 *
 *   A = (FK)^(1-β), L = ln(F/K), z = (ν/α)√A·L, x(z) = ln((√(1-2ρz+z²)+z-ρ)/(1-ρ)),
 *   σ_B = α / (√A (1 + (1-β)²L²/24 + (1-β)⁴L⁴/1920)) · z/x(z)
 *         · (1 + T((1-β)²α²/(24A) + ρβνα/(4√A) + (2-3ρ²)ν²/24)).
 *
 * Like QuantLib: when F and K are within 42ε of each other L is replaced by ε - ε²/2 with
 * ε = (F-K)/K; when z² ≤ 10ε the ratio z/x(z) is replaced by its expansion 1 - ρz/2 - (3ρ²-2)z²/12
 * (so K = F gives exactly 1). The formula is Hagan's asymptotic expansion (error O(ν²T)² relative
 * to the true SABR model), not the model's exact smile; the result may be negative for extreme
 * parameters (it is returned as computed, as QuantLib does).
 */
import type { SabrArgs, SabrVolInput } from './params';
import { readSabrInput } from './params';

const QL_EPSILON = 2.220446049250313e-16;

/** QuantLib's `close(x, y)` with n = 42. @internal */
export function qlClose(x: number, y: number): boolean {
  if (x === y) return true;
  const diff = Math.abs(x - y);
  const tol = 42 * QL_EPSILON;
  if (x === 0 || y === 0) return diff < tol * tol;
  return diff <= tol * Math.abs(x) && diff <= tol * Math.abs(y);
}

/** The z/x(z) factor with QuantLib's small-z expansion. @internal */
export function zOverX(z: number, rho: number): number {
  if (Math.abs(z * z) > QL_EPSILON * 10) {
    const xx = Math.log((Math.sqrt(1 - 2 * rho * z + z * z) + z - rho) / (1 - rho));
    return z / xx;
  }
  return 1 - 0.5 * rho * z - ((3 * rho * rho - 2) * z * z) / 12;
}

/** @internal The unchecked lognormal formula (inputs already shifted and validated). */
export function sabrLognormalUnsafe(a: SabrArgs): number {
  const { f, k, t, alpha, beta, rho, nu } = a;
  const oneMinusBeta = 1 - beta;
  const A = Math.pow(f * k, oneMinusBeta);
  const sqrtA = Math.sqrt(A);
  let logM: number;
  if (!qlClose(f, k)) logM = Math.log(f / k);
  else {
    const eps = (f - k) / k;
    logM = eps - 0.5 * eps * eps;
  }
  const z = (nu / alpha) * sqrtA * logM;
  const C = oneMinusBeta * oneMinusBeta * logM * logM;
  const D = sqrtA * (1 + C / 24 + (C * C) / 1920);
  const d =
    1 +
    t *
      ((oneMinusBeta * oneMinusBeta * alpha * alpha) / (24 * A) +
        (0.25 * rho * beta * nu * alpha) / sqrtA +
        (2 - 3 * rho * rho) * ((nu * nu) / 24));
  return (alpha / D) * zOverX(z, rho) * d;
}

/**
 * SABR lognormal (Black-76) implied volatility by Hagan et al. (2002) eq. (2.17a), matching
 * QuantLib's `sabrVolatility` to ~1e-15 relative. With `shift` set, the shifted-lognormal vol
 * (the formula applied to F + shift and K + shift), as QuantLib's `shiftedSabrVolatility`.
 *
 * @throws InvalidInputError when forward (+ shift) or strike (+ shift) ≤ 0, expiry < 0, α ≤ 0,
 *   β ∉ [0, 1], |ρ| ≥ 1 or ν < 0.
 */
export function sabrVol(input: SabrVolInput): number {
  return sabrLognormalUnsafe(readSabrInput(input));
}
