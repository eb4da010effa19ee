/**
 * Robust raw-SVI slice calibration: minimise Σ Wᵢ (w(kᵢ) - wᵢ)² subject to b ≥ 0, |ρ| < 1,
 * σ > 0, b(1+|ρ|) ≤ 2 (Lee / Gatheral-Jacquier wing bound) and no butterfly arbitrage.
 *
 * 1. Quasi-explicit start (Zeliade 2009): the reduced problem over (m, σ) with (a, ρ, b) solved
 *    exactly under the constraints ({@link reducedSviFit}), scanned on a grid of (m, σ) and
 *    minimised by bounded Levenberg-Marquardt from the three best grid points (multi-start; starts
 *    that converge to the same (m, σ) are polished once).
 * 2. Constrained polish: LM over (a, u, ρ, m, σ) with b = 2u/(1+|ρ|), u ∈ [0, 1] (the wing bound
 *    by construction) and box bounds on ρ, m and σ (analytic Jacobian); when that optimum has
 *    butterfly arbitrage, the same LM again with penalty residuals that push Durrleman's
 *    g(k) ≥ 10⁻⁶ on a 121-point grid covering [-3, 3] and the data window ± 1 (plus cutting-plane
 *    points where a dense check failed), and a positive minimum variance. The penalty weight grows
 *    ×10 until the dense check passes (grid of step min(0.01, σ/2) on the same window with
 *    golden-section refinement of every near-zero local minimum of g).
 * 3. When the penalised fit is not within 50 % of the unconstrained SSE (or not arbitrage-free),
 *    an SSVI-type slice (arbitrage-free by Gatheral-Jacquier Theorem 4.2,
 *    {@link fitSsviTypeSlice}) is also fitted and polished the same way (a second start from
 *    inside the feasible set). The best arbitrage-free candidate of all stages is
 *    returned (the SSVI-type slice always is one).
 *
 * Warm start (`options.warmStart`, e.g. the neighbouring expiry's fit): the reduced LM from its
 * (m, σ) and one polish; kept when butterfly-free and no (m, σ) grid point has a lower reduced
 * SSE, otherwise the full multi-start above runs as well. Wing floors (`options.minWingSlopes`):
 * the reduced QP gets b(1∓ρ) ≥ floors ({@link reducedSviFitFloored}) and the polish runs over
 * (a, b(1-ρ), b(1+ρ), m, σ) with the floors as box bounds.
 *
 * The bounds keep σ ∈ [10⁻⁴, 10] and m within the data window widened by twice its width on each
 * side, which is what prevents the degenerate σ → 0 / m → ±∞ fits on wide windows (volsurf-rs #96).
 */
import {
  InvalidInputError,
  NoSolutionError,
  levenbergMarquardt,
  requireFinite,
  requireNonNegative,
  requireObject,
  requirePositive,
} from '@quantforge/core';
import { linspace, sviButterflyFast, sviG } from './butterfly';
import type { SviButterflyResult } from './butterfly';
import { reducedSviFit, reducedSviFitFloored } from './quasi-explicit';
import type { SviRawParams } from './raw';
import { sviW } from './raw';

/** Input of {@link calibrateSvi}. */
export interface CalibrateSviInput {
  /** Log-moneyness ln(K/F), strictly increasing, finite. */
  k: ArrayLike<number>;
  /** Market total implied variances σ²T (> 0), same length. */
  w: ArrayLike<number>;
  /** Per-quote weights ≥ 0 (e.g. vega or 1/spread²), at least 5 positive. Default all 1. */
  weights?: ArrayLike<number>;
}

/** Result of {@link calibrateSvi}. */
export interface SviCalibration extends SviRawParams {
  /** √(mean (w_fit(kᵢ) - wᵢ)²), unweighted. */
  rmse: number;
  /** √(Σ Wᵢ (w_fit - wᵢ)² / Σ Wᵢ). */
  weightedRmse: number;
  /** max |w_fit(kᵢ) - wᵢ|. */
  maxAbsError: number;
  /**
   * The butterfly check of the returned slice on [min(-3, k₀-1), max(3, kₙ₋₁+1)] (grid of step
   * min(0.01, σ/2), local minima refined by golden section; hasArbitrage is always false).
   */
  butterfly: SviButterflyResult;
  /** Which stage produced the returned parameters. */
  stage: 'polish' | 'quasi-explicit' | 'ssvi-slice';
  /** Number of LM runs (quasi-explicit starts + polish rounds). */
  starts: number;
}

/** Options of {@link calibrateSvi}. */
export interface CalibrateSviOptions {
  /**
   * A neighbouring slice's fit (e.g. the previous expiry's) to start from. The fit from it is
   * kept only when it is butterfly-free and no start of the quasi-explicit (m, σ) grid has a lower
   * SSE; otherwise the full multi-start runs (the warm fit stays a candidate). Typically 3-5×
   * faster; the result can differ from the cold fit only when the problem has several local
   * minima of nearly equal SSE.
   */
  warmStart?: SviRawParams;
  /**
   * Lower bounds on the asymptotic wing slopes: left b(1-ρ) ≥ `left`, right b(1+ρ) ≥ `right`
   * (each in [0, 2]). Pass the previous expiry's slopes so that the wings of consecutive slices
   * cannot cross (a necessary condition for no calendar arbitrage, Gatheral-Jacquier 2014 §2).
   * The fit then runs over (a, b(1-ρ), b(1+ρ), m, σ) with these as box bounds.
   */
  minWingSlopes?: { left: number; right: number };
}

/** @internal Validated arrays. */
export interface SviData {
  k: Float64Array;
  w: Float64Array;
  W: Float64Array;
}

/** @internal */
export function readSviData(input: CalibrateSviInput): SviData {
  requireObject('input', input);
  const { k, w, weights } = input;
  if (k === null || typeof k !== 'object' || typeof k.length !== 'number') throw new InvalidInputError('k', 'must be an array', k);
  if (w === null || typeof w !== 'object' || typeof w.length !== 'number') throw new InvalidInputError('w', 'must be an array', w);
  const n = k.length;
  if (n === 0) throw new InvalidInputError('k', 'must not be empty', k);
  if (w.length !== n) throw new InvalidInputError('w', `must have the same length as k (${n})`, w.length);
  if (n < 5) throw new InvalidInputError('k', 'need at least 5 quotes to fit the 5 SVI parameters', n);
  const K = new Float64Array(n);
  const V = new Float64Array(n);
  const W = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    K[i] = requireFinite(`k[${i}]`, k[i]);
    if (i > 0 && !(K[i]! > K[i - 1]!)) throw new InvalidInputError(`k[${i}]`, 'k must be strictly increasing', k[i]);
    V[i] = requirePositive(`w[${i}]`, w[i]);
  }
  if (weights !== undefined) {
    if (weights === null || typeof weights !== 'object' || weights.length !== n) {
      throw new InvalidInputError('weights', `must be an array of length ${n}`, weights);
    }
    let positive = 0;
    for (let i = 0; i < n; i++) if ((W[i] = requireNonNegative(`weights[${i}]`, weights[i])) > 0) positive++;
    if (positive < 5) throw new InvalidInputError('weights', 'need at least 5 positive weights for 5 parameters', positive);
  }
  return { k: K, w: V, W };
}

const SIGMA_MIN = 1e-4;
const SIGMA_MAX = 10;
const RHO_MAX = 0.999;
const G_MARGIN = 1e-6;

/**
 * Calibrates a raw SVI slice to total variances (see the module comment for the method). The
 * returned slice satisfies b ≥ 0, |ρ| < 1, σ > 0, b(1+|ρ|) ≤ 2 and passes the dense Durrleman
 * check on [min(-3, k₀-1), max(3, kₙ₋₁+1)].
 *
 * @throws InvalidInputError for empty/unsorted/mismatched arrays, w ≤ 0, bad weights, < 5 quotes,
 *   or bad options (field `warmStart.rho`, `minWingSlopes.left`, …).
 * @throws NoSolutionError('butterfly-arbitrage') when no arbitrage-free fit was found.
 */
export function calibrateSvi(input: CalibrateSviInput, options: CalibrateSviOptions = {}): SviCalibration {
  const data = readSviData(input);
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'must be an object', options);
  let warm: SviRawParams | undefined;
  if (options.warmStart !== undefined) {
    const p = options.warmStart;
    requireObject('warmStart', p);
    warm = {
      a: requireFinite('warmStart.a', p.a),
      b: requireNonNegative('warmStart.b', p.b),
      rho: requireFinite('warmStart.rho', p.rho),
      m: requireFinite('warmStart.m', p.m),
      sigma: requirePositive('warmStart.sigma', p.sigma),
    };
    if (!(Math.abs(warm.rho) < 1)) throw new InvalidInputError('warmStart.rho', 'must be in (-1, 1)', warm.rho);
  }
  let floor: { left: number; right: number } | undefined;
  if (options.minWingSlopes !== undefined) {
    requireObject('minWingSlopes', options.minWingSlopes);
    const left = requireNonNegative('minWingSlopes.left', options.minWingSlopes.left);
    const right = requireNonNegative('minWingSlopes.right', options.minWingSlopes.right);
    if (!(left <= 2)) throw new InvalidInputError('minWingSlopes.left', 'must be <= 2 (Lee / wing bound)', left);
    if (!(right <= 2)) throw new InvalidInputError('minWingSlopes.right', 'must be <= 2 (Lee / wing bound)', right);
    floor = { left, right };
  }
  return fitSviData(data, warm, floor);
}

/**
 * @internal The fit on validated data (k non-decreasing allowed: used by the bootstrap). With a
 * warm start: one polish from the warm (m, σ); the multi-start runs only when that fit has
 * butterfly arbitrage or a quasi-explicit grid point beats it.
 */
export function fitSviData(data: SviData, warm?: SviRawParams, floor?: { left: number; right: number }): SviCalibration {
  const { k, w, W } = data;
  const n = k.length;
  const kLo = k[0]!;
  const kHi = k[n - 1]!;
  const width = Math.max(kHi - kLo, 1e-3);
  const mLo = kLo - 2 * width;
  const mHi = kHi + 2 * width;
  const checkLo = Math.min(-3, kLo - 1);
  const checkHi = Math.max(3, kHi + 1);
  const sqrtW = W.map(Math.sqrt);
  const reduced = (m: number, s: number): ReturnType<typeof reducedSviFit> =>
    floor === undefined ? reducedSviFit(k, w, W, m, s) : reducedSviFitFloored(k, w, W, m, s, floor.left, floor.right);

  // --- 1. Quasi-explicit: grid scan of (m, σ), then LM on the reduced problem.
  const grid: { m: number; s: number; sse: number }[] = [];
  for (const m of linspace(kLo, kHi, 7)) {
    for (const s of [0.02, 0.08, 0.25, 0.6, 1.5].map((f) => Math.max(SIGMA_MIN, f * width))) {
      grid.push({ m, s, sse: reduced(m, s).sse });
    }
  }
  grid.sort((x, y) => x.sse - y.sse);
  const gridBest = grid[0]!.sse;
  const reducedResiduals = (x: Float64Array, out: Float64Array): void => {
    const r = reduced(x[0]!, x[1]!);
    const y0 = x[0]!;
    const s = x[1]!;
    for (let i = 0; i < n; i++) {
      const y = (k[i]! - y0) / s;
      out[i] = sqrtW[i]! * (r.a + r.d * y + r.c * Math.sqrt(y * y + 1) - w[i]!);
    }
  };
  const sseOf = (p: SviRawParams): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const e = sviW(k[i]!, p.a, p.b, p.rho, p.m, p.sigma) - w[i]!;
      s += W[i]! * e * e;
    }
    return s;
  };

  const candidates: SviRawParams[] = [];
  let starts = 0;
  const reducedToRaw = (m: number, s: number): SviRawParams => {
    const r = reduced(m, s);
    const b = r.c / s;
    const rho = r.c > 0 ? Math.max(-RHO_MAX, Math.min(RHO_MAX, r.d / r.c)) : 0;
    return { a: r.a, b: Math.min(b, 2 / (1 + Math.abs(rho))), rho, m, sigma: s };
  };
  const quasiExplicit = (from: readonly { m: number; s: number }[]): void => {
    for (const g of from) {
      starts++;
      const res = levenbergMarquardt(reducedResiduals, [g.m, g.s], {
        residualCount: n,
        lower: [mLo, SIGMA_MIN],
        upper: [mHi, SIGMA_MAX],
        maxIterations: 200,
        tolerance: 1e-10,
        throwOnMaxIterations: false,
      });
      const m = res.x[0]!;
      const s = res.x[1]!;
      // Starts converging to the same (m, σ) would polish to the same point: keep one.
      if (candidates.some((c) => Math.abs(c.m - m) <= 1e-9 * width && Math.abs(c.sigma - s) <= 1e-9 * width)) continue;
      candidates.push(reducedToRaw(m, s));
    }
    candidates.sort((x, y) => sseOf(x) - sseOf(y));
  };
  // --- 2. Constrained polish with butterfly penalties.
  const penK = Array.from(linspace(checkLo, checkHi, 121));
  // Polish variables: (a, u, ρ, m, σ) with b = 2u/(1+|ρ|), or with wing-slope floors
  // (a, sL, sR, m, σ) with sL = b(1-ρ), sR = b(1+ρ), so w = a + (sR-sL)/2·x + (sL+sR)/2·√(x²+σ²).
  const slopes = floor !== undefined;
  const toRaw = (x: ArrayLike<number>): SviRawParams => {
    if (slopes) {
      const sum = x[1]! + x[2]!;
      return { a: x[0]!, b: sum / 2, rho: sum > 0 ? (x[2]! - x[1]!) / sum : 0, m: x[3]!, sigma: x[4]! };
    }
    const rho = x[2]!;
    return { a: x[0]!, b: (2 * x[1]!) / (1 + Math.abs(rho)), rho, m: x[3]!, sigma: x[4]! };
  };
  const fromRaw = (p: SviRawParams): number[] =>
    slopes
      ? [p.a, Math.min(Math.max(p.b * (1 - p.rho), floor.left), 2), Math.min(Math.max(p.b * (1 + p.rho), floor.right), 2), p.m, p.sigma]
      : [p.a, (p.b * (1 + Math.abs(p.rho))) / 2, p.rho, p.m, p.sigma];
  const lowerB = slopes ? [-Infinity, floor.left, floor.right, mLo, SIGMA_MIN] : [-Infinity, 0, -RHO_MAX, mLo, SIGMA_MIN];
  const upperB = slopes ? [Infinity, 2, 2, mHi, SIGMA_MAX] : [Infinity, 1, RHO_MAX, mHi, SIGMA_MAX];
  const slopeTol = 1e-12;
  const check = (p: SviRawParams): SviButterflyResult => sviButterflyFast(p, checkLo, checkHi);
  let bestFree: { p: SviRawParams; sse: number; stage: SviCalibration['stage']; bf: SviButterflyResult } | undefined;
  /** Keeps p if it is arbitrage-free and better; returns true when p is arbitrage-free. */
  const offer = (p: SviRawParams, stage: SviCalibration['stage']): boolean => {
    if (!(p.b >= 0 && Math.abs(p.rho) < 1 && p.sigma > 0)) return false;
    if (slopes && !(p.b * (1 - p.rho) >= floor.left - slopeTol && p.b * (1 + p.rho) >= floor.right - slopeTol)) return false;
    const s = sseOf(p);
    if (bestFree !== undefined && s >= bestFree.sse) return !check(p).hasArbitrage;
    const bf = check(p);
    if (bf.hasArbitrage) return false;
    bestFree = { p, sse: s, stage, bf };
    return true;
  };

  /** Pass 0: no penalty, analytic Jacobian; returns the LM point (raw parameters). */
  const polish0 = (start: SviRawParams): Float64Array => {
    const x0 = fromRaw(start);
    {
      starts++;
      const res = levenbergMarquardt(
        (x, out) => {
          const a = x[0]!;
          // Linear and √ coefficients: bρ and b in either parametrisation.
          const b = slopes ? (x[1]! + x[2]!) / 2 : (2 * x[1]!) / (1 + Math.abs(x[2]!));
          const brho = slopes ? (x[2]! - x[1]!) / 2 : b * x[2]!;
          const m = x[3]!;
          const s2 = x[4]! * x[4]!;
          for (let i = 0; i < n; i++) {
            const d = k[i]! - m;
            out[i] = sqrtW[i]! * (a + brho * d + b * Math.sqrt(d * d + s2) - w[i]!);
          }
        },
        x0,
        {
          residualCount: n,
          jacobian: (x, J) => {
            if (slopes) {
              const b = (x[1]! + x[2]!) / 2;
              const brho = (x[2]! - x[1]!) / 2;
              const m = x[3]!;
              const sg = x[4]!;
              for (let i = 0; i < n; i++) {
                const xx = k[i]! - m;
                const R = Math.sqrt(xx * xx + sg * sg);
                const row = J[i]!;
                const s = sqrtW[i]!;
                row[0] = s;
                row[1] = (s * (R - xx)) / 2;
                row[2] = (s * (R + xx)) / 2;
                row[3] = s * (-brho - (b * xx) / R);
                row[4] = (s * b * sg) / R;
              }
              return;
            }
            const u = x[1]!;
            const rho = x[2]!;
            const m = x[3]!;
            const sg = x[4]!;
            const c = 1 + Math.abs(rho);
            const b = (2 * u) / c;
            const dbdrho = rho === 0 ? 0 : (-2 * u * Math.sign(rho)) / (c * c);
            for (let i = 0; i < n; i++) {
              const xx = k[i]! - m;
              const R = Math.sqrt(xx * xx + sg * sg);
              const row = J[i]!;
              const s = sqrtW[i]!;
              row[0] = s;
              row[1] = s * (2 / c) * (rho * xx + R);
              row[2] = s * (b * xx + dbdrho * (rho * xx + R));
              row[3] = s * b * (-rho - xx / R);
              row[4] = (s * b * sg) / R;
            }
          },
          lower: lowerB,
          upper: upperB,
          maxIterations: 300,
          tolerance: 1e-10,
          throwOnMaxIterations: false,
        },
      );
      offer(toRaw(res.x), 'polish');
      return res.x;
    }
  };
  /** Penalty rounds from a pass-0 point. */
  const polish = (start: Float64Array): void => {
    let x0 = Array.from(start);
    for (let round = 0, mu = 1; round < 6; round++, mu = Math.min(mu * 10, 1e4)) {
      starts++;
      const P = penK.length;
      const penaltyScale = mu * Math.sqrt(W.reduce((s, v) => s + v, 0) / n);
      const res = levenbergMarquardt(
        (x, out) => {
          const p = toRaw(x);
          for (let i = 0; i < n; i++) out[i] = sqrtW[i]! * (sviW(k[i]!, p.a, p.b, p.rho, p.m, p.sigma) - w[i]!);
          const minVar = p.a + p.b * p.sigma * Math.sqrt(1 - p.rho * p.rho);
          out[n] = penaltyScale * Math.max(0, 1e-8 - minVar);
          for (let j = 0; j < P; j++) {
            const kk = penK[j]!;
            const ww = sviW(kk, p.a, p.b, p.rho, p.m, p.sigma);
            out[n + 1 + j] = ww > 0 ? penaltyScale * Math.max(0, G_MARGIN - sviG(kk, p.a, p.b, p.rho, p.m, p.sigma)) : penaltyScale * (1 - ww);
          }
        },
        x0,
        {
          residualCount: n + 1 + P,
          lower: lowerB,
          upper: upperB,
          maxIterations: 300,
          tolerance: 1e-10,
          throwOnMaxIterations: false,
        },
      );
      const p = toRaw(res.x);
      if (offer(p, 'polish')) return;
      const bf = check(p);
      // Cutting plane: add the dense check's worst point to the penalty grid.
      penK.push(bf.at - 1e-3, bf.at, bf.at + 1e-3);
      x0 = Array.from(res.x);
    }
  };
  // Pass 0 from every quasi-explicit candidate (multi-start); penalties only when the best
  // unconstrained optimum is not arbitrage-free.
  let bestX: Float64Array | undefined;
  let bestSse = Infinity;
  if (warm !== undefined) {
    // Warm start: the reduced (variable-projection) LM from the neighbour's (m, σ), then a polish.
    quasiExplicit([{ m: Math.min(Math.max(warm.m, mLo), mHi), s: Math.min(Math.max(warm.sigma, SIGMA_MIN), SIGMA_MAX) }]);
    const x = polish0(candidates.pop()!);
    bestX = x;
    bestSse = sseOf(toRaw(x));
  }
  const warmAccepted = bestFree !== undefined && bestFree.sse <= bestSse * (1 + 1e-9) && bestSse <= gridBest;
  if (!warmAccepted) quasiExplicit(grid.slice(0, 3));
  for (const c of candidates) {
    const x = polish0(c);
    const e = sseOf(toRaw(x));
    if (e < bestSse) {
      bestSse = e;
      bestX = x;
    }
  }
  const needPenalty = bestFree === undefined || bestFree.sse > bestSse * (1 + 1e-9);
  if (needPenalty) polish(bestX!);
  if (bestFree === undefined) for (const c of candidates) offer(c, 'quasi-explicit');
  // The penalised fit may stall far from the constrained optimum: when it is not within 50 % of
  // the unconstrained SSE, also try from inside the feasible set.
  if (bestFree === undefined || (needPenalty && bestFree.sse > 1.5 * bestSse + 1e-300)) {
    // Fallback start that is arbitrage-free by construction: the best SSVI-type slice.
    const safe = fitSsviTypeSlice(k, w, W);
    offer(safe, 'ssvi-slice');
    polish(polish0(safe));
  }
  if (bestFree === undefined) {
    throw new NoSolutionError('butterfly-arbitrage', 'calibrateSvi: no butterfly-arbitrage-free SVI slice found; check the quotes for arbitrage (e.g. a non-convex smile)');
  }
  const { p, bf } = bestFree;
  let ss = 0;
  let wss = 0;
  let wsum = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const e = sviW(k[i]!, p.a, p.b, p.rho, p.m, p.sigma) - w[i]!;
    ss += e * e;
    wss += W[i]! * e * e;
    wsum += W[i]!;
    maxAbs = Math.max(maxAbs, Math.abs(e));
  }
  return {
    a: p.a,
    b: p.b,
    rho: p.rho,
    m: p.m,
    sigma: p.sigma,
    rmse: Math.sqrt(ss / n),
    weightedRmse: Math.sqrt(wss / wsum),
    maxAbsError: maxAbs,
    butterfly: bf,
    stage: bestFree.stage,
    starts,
  };
}

/**
 * @internal A slice of SSVI form (Gatheral-Jacquier 2014, eq. 4.1) at one expiry:
 * w = θ/2 (1 + ρφk + √((φk+ρ)² + 1-ρ²)) with θφ(1+|ρ|) ≤ 4·0.999 and θφ²(1+|ρ|) ≤ 4·0.999, which
 * is free of butterfly arbitrage by their Theorem 4.2. Fitted by LM over (θ, u, ρ), φ = u·φ_max.
 * Returned in raw form: a = θ(1-ρ²)/2, b = θφ/2, m = -ρ/φ, σ = √(1-ρ²)/φ.
 */
export function fitSsviTypeSlice(k: Float64Array, w: Float64Array, W: Float64Array): SviRawParams {
  const n = k.length;
  const sqrtW = W.map(Math.sqrt);
  const toRaw = (x: ArrayLike<number>): SviRawParams => {
    const theta = x[0]!;
    const rho = x[2]!;
    const c = (4 * 0.999) / (1 + Math.abs(rho));
    const phi = Math.max(x[1]! * Math.min(c / theta, Math.sqrt(c / theta)), 1e-8);
    return { a: (theta * (1 - rho * rho)) / 2, b: (theta * phi) / 2, rho, m: -rho / phi, sigma: Math.sqrt(1 - rho * rho) / phi };
  };
  // θ start: the quote nearest k = 0.
  let i0 = 0;
  for (let i = 1; i < n; i++) if (Math.abs(k[i]!) < Math.abs(k[i0]!)) i0 = i;
  let best: { x: Float64Array; cost: number } | undefined;
  for (const rho0 of [-0.5, 0, 0.5]) {
    const res = levenbergMarquardt(
      (x, out) => {
        const p = toRaw(x);
        for (let i = 0; i < n; i++) out[i] = sqrtW[i]! * (sviW(k[i]!, p.a, p.b, p.rho, p.m, p.sigma) - w[i]!);
      },
      [w[i0]!, 0.5, rho0],
      { residualCount: n, lower: [1e-10, 0, -RHO_MAX], upper: [Infinity, 1, RHO_MAX], maxIterations: 200, tolerance: 1e-10, throwOnMaxIterations: false },
    );
    if (best === undefined || res.cost < best.cost) best = { x: res.x, cost: res.cost };
  }
  return toRaw(best!.x);
}
