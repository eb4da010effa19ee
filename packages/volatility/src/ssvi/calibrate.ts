/**
 * Joint SSVI calibration to all expiries at once (Gatheral & Jacquier 2014, §4-5): one ρ, one φ and
 * one ATM total variance θᵢ per expiry, minimising Σ Wᵢⱼ (w(kᵢⱼ, θᵢ) - wᵢⱼ)² by bounded
 * Levenberg-Marquardt from three ρ starts.
 *
 * No-arbitrage by construction (parameter transformations, so every iterate is admissible):
 * - θ₁ ≥ 10⁻¹⁰ and θᵢ = θᵢ₋₁ + δᵢ with δᵢ ≥ 0 (non-decreasing ATM variance: no calendar arbitrage);
 * - Heston-like φ: λ = (1+|ρ|)/4 + s, s ≥ 0 (Corollary 4.1);
 * - power-law φ: η = 2q/(1+|ρ|), q ∈ [0, 1], γ ∈ [0, ½] (butterfly and calendar conditions of
 *   Theorems 4.1-4.2, see {@link ssviPhi}).
 * So the fitted surface (with θ interpolated monotonically in t) is free of static arbitrage.
 */
import { InvalidInputError, levenbergMarquardt, requireFinite, requireNonNegative, requireObject, requirePositive } from '@quantforge/core';
import type { SsviPhi } from './phi';
import { phiAndDerivative } from './phi';
import { ssviW } from './ssvi';

/** One expiry's quotes for {@link calibrateSsvi}. */
export interface SsviSliceInput {
  /** Years (> 0); slices strictly increasing in expiry. */
  expiry: number;
  /** Log-moneyness ln(K/F_t), strictly increasing. */
  k: ArrayLike<number>;
  /** Total implied variance σ²t (> 0). */
  w: ArrayLike<number>;
  /** Optional per-quote weights ≥ 0. */
  weights?: ArrayLike<number>;
}

/** Input of {@link calibrateSsvi}. */
export interface CalibrateSsviInput {
  slices: SsviSliceInput[];
  /** φ family. Default 'power-law'. */
  phi?: 'heston' | 'power-law';
}

/** Result of {@link calibrateSsvi}. */
export interface SsviCalibration {
  rho: number;
  phi: SsviPhi;
  /** Slice expiries (years), increasing. */
  expiries: Float64Array;
  /** Fitted ATM total variances θᵢ (non-decreasing). */
  thetas: Float64Array;
  /** RMSE in total variance over all quotes (unweighted). */
  rmse: number;
  /** RMSE per slice. */
  sliceRmse: Float64Array;
  /** LM iterations of the winning start. */
  iterations: number;
}

interface Slice {
  t: number;
  k: Float64Array;
  w: Float64Array;
  sw: Float64Array;
}

function readSlices(input: CalibrateSsviInput): Slice[] {
  requireObject('input', input);
  const slices = input.slices;
  if (!Array.isArray(slices) || slices.length === 0) throw new InvalidInputError('slices', 'must be a non-empty array', slices);
  const out: Slice[] = [];
  for (let s = 0; s < slices.length; s++) {
    const sl = slices[s]!;
    requireObject(`slices[${s}]`, sl);
    const t = requirePositive(`slices[${s}].expiry`, sl.expiry);
    if (s > 0 && !(t > out[s - 1]!.t)) throw new InvalidInputError(`slices[${s}].expiry`, 'expiries must be strictly increasing', t);
    const { k, w } = sl;
    if (k === null || typeof k !== 'object' || typeof k.length !== 'number' || k.length === 0) {
      throw new InvalidInputError(`slices[${s}].k`, 'must be a non-empty array', k);
    }
    if (w === null || typeof w !== 'object' || w.length !== k.length) {
      throw new InvalidInputError(`slices[${s}].w`, `must be an array of the same length as k (${k.length})`, w);
    }
    if (k.length < 3) throw new InvalidInputError(`slices[${s}].k`, 'need at least 3 quotes per slice', k.length);
    const K = new Float64Array(k.length);
    const W = new Float64Array(k.length);
    const SW = new Float64Array(k.length).fill(1);
    for (let i = 0; i < k.length; i++) {
      K[i] = requireFinite(`slices[${s}].k[${i}]`, k[i]);
      if (i > 0 && !(K[i]! > K[i - 1]!)) throw new InvalidInputError(`slices[${s}].k[${i}]`, 'k must be strictly increasing', k[i]);
      W[i] = requirePositive(`slices[${s}].w[${i}]`, w[i]);
      if (sl.weights !== undefined) {
        if (sl.weights.length !== k.length) throw new InvalidInputError(`slices[${s}].weights`, `must have length ${k.length}`, sl.weights.length);
        SW[i] = Math.sqrt(requireNonNegative(`slices[${s}].weights[${i}]`, sl.weights[i]));
      }
    }
    out.push({ t, k: K, w: W, sw: SW });
  }
  return out;
}

/** Total variance at k = 0 by linear interpolation (flat outside). */
function atmVariance(s: Slice): number {
  const { k, w } = s;
  const n = k.length;
  if (0 <= k[0]!) return w[0]!;
  if (0 >= k[n - 1]!) return w[n - 1]!;
  let i = 1;
  while (k[i]! < 0) i++;
  const u = (0 - k[i - 1]!) / (k[i]! - k[i - 1]!);
  return w[i - 1]! + u * (w[i]! - w[i - 1]!);
}

/**
 * Fits an SSVI surface to all slices at once (see the module comment). The result is free of
 * static arbitrage by construction; build a {@link VolSurface} from it with `VolSurface.fromSsvi`.
 *
 * @throws InvalidInputError for no slices, unsorted expiries or k, w ≤ 0, fewer than 3 quotes in
 *   a slice, or fewer quotes in total than parameters.
 * @throws ConvergenceError if no start converges within the iteration cap.
 */
export function calibrateSsvi(input: CalibrateSsviInput): SsviCalibration {
  const slices = readSlices(input);
  const kind = input.phi ?? 'power-law';
  if (kind !== 'heston' && kind !== 'power-law') throw new InvalidInputError('phi', "must be 'heston' or 'power-law'", kind);
  const nS = slices.length;
  const nPhi = kind === 'heston' ? 1 : 2;
  const nParams = 1 + nPhi + nS;
  let m = 0;
  for (const s of slices) m += s.k.length;
  if (m < nParams) throw new InvalidInputError('slices', `need at least ${nParams} quotes in total for ${nParams} parameters`, m);

  const decode = (x: ArrayLike<number>): { rho: number; phi: SsviPhi } => {
    const rho = x[0]!;
    const phi: SsviPhi =
      kind === 'heston'
        ? { type: 'heston', lambda: (1 + Math.abs(rho)) / 4 + x[1]! }
        : { type: 'power-law', eta: (2 * x[1]!) / (1 + Math.abs(rho)), gamma: x[2]! };
    return { rho, phi };
  };
  const thetaStart = 1 + nPhi;
  // φ(θ) and its partials: [φ, ∂φ/∂θ, ∂φ/∂ρ, ∂φ/∂shape₁, ∂φ/∂shape₂] (shape = s | q, γ).
  const dphi = new Float64Array(5);
  const phiPartials = (x: ArrayLike<number>, theta: number): void => {
    const rho = x[0]!;
    const c = 1 + Math.abs(rho);
    const sg = Math.sign(rho);
    if (kind === 'heston') {
      const lambda = c / 4 + x[1]!;
      const [f, fTheta] = phiAndDerivative({ type: 'heston', lambda }, theta);
      // φ = λψ(λθ): ∂φ/∂λ = ψ + λθψ'(λθ) = (φ + θ·∂φ/∂θ)/λ.
      const dLambda = (f + theta * fTheta) / lambda;
      dphi[0] = f;
      dphi[1] = fTheta;
      dphi[2] = (dLambda * sg) / 4;
      dphi[3] = dLambda;
      dphi[4] = 0;
    } else {
      const q = x[1]!;
      const gamma = x[2]!;
      const base = Math.pow(theta, -gamma) * Math.pow(1 + theta, gamma - 1);
      const eta = (2 * q) / c;
      const f = eta * base;
      dphi[0] = f;
      dphi[1] = f * (-gamma / theta + (gamma - 1) / (1 + theta));
      dphi[2] = ((-2 * q * sg) / (c * c)) * base;
      dphi[3] = (2 / c) * base;
      dphi[4] = f * Math.log((1 + theta) / theta);
    }
  };
  const residuals = (x: Float64Array, out: Float64Array): void => {
    const rho = x[0]!;
    const r2 = 1 - rho * rho;
    let theta = 0;
    let r = 0;
    for (let s = 0; s < nS; s++) {
      theta += x[thetaStart + s]!;
      phiPartials(x, theta);
      const f = dphi[0]!;
      const sl = slices[s]!;
      for (let i = 0; i < sl.k.length; i++) {
        const u = f * sl.k[i]! + rho;
        out[r++] = sl.sw[i]! * ((theta / 2) * (1 + rho * f * sl.k[i]! + Math.sqrt(u * u + r2)) - sl.w[i]!);
      }
    }
  };
  const jacobian = (x: Float64Array, J: Float64Array[]): void => {
    const rho = x[0]!;
    const r2 = 1 - rho * rho;
    let theta = 0;
    let r = 0;
    for (let s = 0; s < nS; s++) {
      theta += x[thetaStart + s]!;
      phiPartials(x, theta);
      const f = dphi[0]!;
      const sl = slices[s]!;
      for (let i = 0; i < sl.k.length; i++) {
        const k = sl.k[i]!;
        const u = f * k + rho;
        const R = Math.sqrt(u * u + r2);
        const w = (theta / 2) * (1 + rho * f * k + R);
        const dwdphi = (theta / 2) * k * (rho + u / R);
        const dwdrho = (theta / 2) * (f * k + (f * k) / R);
        const dwdtheta = w / theta + dwdphi * dphi[1]!;
        const sw = sl.sw[i]!;
        const row = J[r++]!;
        row[0] = sw * (dwdrho + dwdphi * dphi[2]!);
        row[1] = sw * dwdphi * dphi[3]!;
        if (nPhi === 2) row[2] = sw * dwdphi * dphi[4]!;
        for (let j = 0; j < nS; j++) row[thetaStart + j] = j <= s ? sw * dwdtheta : 0;
      }
    }
  };
  // θ starts: ATM variances made non-decreasing.
  const th0: number[] = [];
  let prev = 0;
  for (const s of slices) {
    const v = Math.max(atmVariance(s), prev, 1e-8);
    th0.push(v - prev);
    prev = v;
  }
  const lower = [-0.999, 0, ...(kind === 'heston' ? [] : [0]), 1e-10, ...new Array<number>(nS - 1).fill(0)];
  const upper = [0.999, kind === 'heston' ? 100 : 1, ...(kind === 'heston' ? [] : [0.5]), Infinity, ...new Array<number>(nS - 1).fill(Infinity)];
  let best: { x: Float64Array; cost: number; iterations: number } | undefined;
  for (const rho0 of [-0.6, -0.2, 0.3]) {
    const x0 = [rho0, ...(kind === 'heston' ? [0.5] : [0.5, 0.4]), ...th0];
    const res = levenbergMarquardt(residuals, x0, { residualCount: m, jacobian, lower, upper, maxIterations: 200, tolerance: 1e-10 });
    if (best === undefined || res.cost < best.cost) best = { x: res.x, cost: res.cost, iterations: res.iterations };
  }
  const { rho, phi } = decode(best!.x);
  const thetas = new Float64Array(nS);
  let acc = 0;
  for (let s = 0; s < nS; s++) thetas[s] = acc += best!.x[thetaStart + s]!;
  const sliceRmse = new Float64Array(nS);
  let ss = 0;
  for (let s = 0; s < nS; s++) {
    const sl = slices[s]!;
    let e2 = 0;
    for (let i = 0; i < sl.k.length; i++) e2 += (ssviW(sl.k[i]!, thetas[s]!, rho, phi) - sl.w[i]!) ** 2;
    sliceRmse[s] = Math.sqrt(e2 / sl.k.length);
    ss += e2;
  }
  return { rho, phi, expiries: Float64Array.from(slices, (s) => s.t), thetas, rmse: Math.sqrt(ss / m), sliceRmse, iterations: best!.iterations };
}
