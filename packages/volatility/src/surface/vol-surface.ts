/**
 * An implied-volatility surface built from fitted slices: raw-SVI slices (e.g. from
 * {@link calibrateSvi}) or an SSVI fit ({@link calibrateSsvi}).
 *
 * Coordinates: k = ln(K/F(T)) (forward log-moneyness), w(k, T) = σ_BS(K, T)²·T.
 *
 * Interpolation across expiries:
 * - SVI slices: linear in total variance at fixed k between consecutive slices,
 *   w(k,T) = (1-u)wᵢ(k) + u wᵢ₊₁(k), u = (T-Tᵢ)/(Tᵢ₊₁-Tᵢ). This preserves the absence of calendar
 *   arbitrage of the slices (w non-decreasing in T at fixed k). It does not by itself guarantee
 *   butterfly-freeness between slices; {@link VolSurface.arbitrageReport} checks intermediate times.
 * - SSVI: the SSVI formula at θ(T), θ piecewise linear in T through (0, 0) and the fitted (Tᵢ, θᵢ).
 *   With the fitter's parameter bounds the surface is free of static arbitrage at every T.
 *
 * Extrapolation: in strike, the slice formulas themselves (SVI/SSVI wings are asymptotically linear
 * in k with slopes ≤ 2, consistent with Lee's moment formula); in time, before the first expiry
 * w(k,T) = (T/T₁)·w₁(k) (SSVI: θ(T) = θ₁T/T₁), after the last w(k,T) = (T/Tₙ)·wₙ(k) (SSVI:
 * θ(T) = θₙT/Tₙ) — constant implied vol at fixed k, so no calendar arbitrage is introduced.
 * Scaling w by s = T/T₁ < 1 keeps Durrleman's g ≥ 0 (g is concave in s, non-negative at s = 0
 * and 1); scaling by s = T/Tₙ > 1 does not guarantee it for SVI slices (SSVI surfaces stay
 * arbitrage-free) — pass such expiries in `arbitrageReport({ extraExpiries })` to check them.
 *
 * Local volatility (Dupire in total variance, Gatheral 2006 eq. 1.10):
 *   σ_loc²(k,T) = ∂_T w / (1 - (k/w)∂_k w + ¼(-¼ - 1/w + k²/w²)(∂_k w)² + ½∂²_k w),
 * with every derivative analytic. ∂_T w is piecewise constant in T for SVI slices (right
 * derivative at a slice expiry), the chain rule ∂_θ w·θ'(T) for SSVI.
 *
 * Forward curve: a constant, `{ spot, rate, dividendYield }` (F = S e^{(r-q)T}), or a function of T.
 */
import { InvalidInputError, NoSolutionError, requireFinite, requireInteger, requirePositive } from '@quantforge/core';
import { sviButterflyArbitrage, sviG } from '../svi/butterfly';
import type { SviRawParams } from '../svi/raw';
import { sviDerivatives } from '../svi/raw';
import type { SviSlice } from '../ssvi/calendar';
import { validateSlices } from '../ssvi/calendar';
import type { SsviPhi } from '../ssvi/phi';
import { validatePhi } from '../ssvi/phi';
import { ssviDerivatives } from '../ssvi/ssvi';

/** How the surface gets F(T). */
export type ForwardSpec = number | { spot: number; rate?: number; dividendYield?: number } | ((expiry: number) => number);

/** Input of `VolSurface.fromSsvi`. */
export interface SsviSurfaceInput {
  rho: number;
  phi: SsviPhi;
  expiries: ArrayLike<number>;
  thetas: ArrayLike<number>;
}

/** Local derivatives of the surface at (k, T). */
export interface SurfacePoint {
  w: number;
  dwdk: number;
  d2wdk2: number;
  dwdT: number;
}

/** Result of {@link VolSurface.arbitrageReport}. */
export interface ArbitrageReport {
  arbitrageFree: boolean;
  /** Per checked expiry: Durrleman's g minimum (butterfly). */
  butterfly: { expiry: number; hasArbitrage: boolean; minG: number; at: number }[];
  /** Per pair of consecutive checked expiries: min over k of w(k, T₂) - w(k, T₁) (calendar). */
  calendar: { from: number; to: number; hasArbitrage: boolean; minDiff: number; at: number }[];
}

/** Options of {@link VolSurface.arbitrageReport}. */
export interface ArbitrageReportOptions {
  /** k window, default [-3, 3]. */
  kMin?: number;
  kMax?: number;
  /** k points, default 601. */
  points?: number;
  /** Extra expiries to check between slices: this many per interval (default 3). */
  between?: number;
  /** Further expiries to check (e.g. extrapolated ones beyond the last slice). */
  extraExpiries?: ArrayLike<number>;
}

type Kind = { type: 'svi'; slices: SviRawParams[] } | { type: 'ssvi'; rho: number; phi: SsviPhi; thetas: Float64Array };

/** The implied-volatility surface (see the module comment for interpolation and extrapolation). */
export class VolSurface {
  /** Slice expiries (years), increasing. */
  readonly expiries: Float64Array;
  private readonly kind: Kind;
  private readonly fwd: (t: number) => number;
  private readonly buf = new Float64Array(4);
  private readonly buf2 = new Float64Array(4);

  private constructor(expiries: Float64Array, kind: Kind, forward: ForwardSpec) {
    this.expiries = expiries;
    this.kind = kind;
    this.fwd = forwardFunction(forward);
  }

  /**
   * A surface from raw-SVI slices (strictly increasing expiries), e.g. the outputs of
   * {@link calibrateSvi} with their expiries.
   */
  static fromSviSlices(slices: readonly SviSlice[], forward: ForwardSpec): VolSurface {
    validateSlices(slices);
    return new VolSurface(
      Float64Array.from(slices, (s) => s.expiry),
      { type: 'svi', slices: slices.map((s) => ({ a: s.params.a, b: s.params.b, rho: s.params.rho, m: s.params.m, sigma: s.params.sigma })) },
      forward,
    );
  }

  /** A surface from an SSVI fit ({@link calibrateSsvi}'s result or the same fields). */
  static fromSsvi(fit: SsviSurfaceInput, forward: ForwardSpec): VolSurface {
    if (fit === null || typeof fit !== 'object') throw new InvalidInputError('fit', 'must be an object', fit);
    const rho = requireFinite('rho', fit.rho);
    if (!(Math.abs(rho) < 1)) throw new InvalidInputError('rho', 'must be in (-1, 1)', rho);
    const phi = validatePhi(fit.phi);
    const n = fit.expiries?.length;
    if (!n) throw new InvalidInputError('expiries', 'must be a non-empty array', fit.expiries);
    if (fit.thetas?.length !== n) throw new InvalidInputError('thetas', `must have length ${n}`, fit.thetas);
    const T = new Float64Array(n);
    const th = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      T[i] = requirePositive(`expiries[${i}]`, fit.expiries[i]);
      th[i] = requirePositive(`thetas[${i}]`, fit.thetas[i]);
      if (i > 0 && !(T[i]! > T[i - 1]!)) throw new InvalidInputError(`expiries[${i}]`, 'must be strictly increasing', T[i]);
      if (i > 0 && !(th[i]! >= th[i - 1]!)) throw new InvalidInputError(`thetas[${i}]`, 'must be non-decreasing (calendar arbitrage)', th[i]);
    }
    return new VolSurface(T, { type: 'ssvi', rho, phi: { ...phi }, thetas: th }, forward);
  }

  /** The forward F(T). */
  forward(expiry: number): number {
    return this.fwd(requirePositive('expiry', expiry));
  }

  /** w, ∂w/∂k, ∂²w/∂k², ∂w/∂T at (k, T) (analytic). */
  point(k: number, expiry: number): SurfacePoint {
    requireFinite('k', k);
    requirePositive('expiry', expiry);
    this.eval(k, expiry);
    return { w: this.buf[0]!, dwdk: this.buf[1]!, d2wdk2: this.buf[2]!, dwdT: this.buf[3]! };
  }

  /** Total implied variance w(k, T) at log-moneyness k = ln(K/F(T)). */
  totalVariance(k: number, expiry: number): number {
    requireFinite('k', k);
    requirePositive('expiry', expiry);
    this.eval(k, expiry);
    return this.buf[0]!;
  }

  /**
   * Black implied vol at strike K and expiry T: √(w(ln(K/F(T)), T)/T).
   * @throws NoSolutionError('negative-variance') if the surface's w < 0 there.
   */
  impliedVol(strike: number, expiry: number): number {
    const K = requirePositive('strike', strike);
    const t = requirePositive('expiry', expiry);
    this.eval(Math.log(K / this.fwd(t)), t);
    const w = this.buf[0]!;
    if (!(w >= 0)) throw new NoSolutionError('negative-variance', `total variance ${w} < 0 at strike ${K}, expiry ${t}`);
    return Math.sqrt(w / t);
  }

  /**
   * Dupire local volatility at (K, T) from Gatheral's formula in total variance (module comment).
   * @throws NoSolutionError('calendar-arbitrage') when ∂_T w < 0, ('butterfly-arbitrage') when the
   *   denominator (Durrleman's g) ≤ 0 or w ≤ 0.
   */
  localVol(strike: number, expiry: number): number {
    const K = requirePositive('strike', strike);
    const t = requirePositive('expiry', expiry);
    const k = Math.log(K / this.fwd(t));
    this.eval(k, t);
    const [w, wk, wkk, wT] = this.buf;
    if (!(w! > 0)) throw new NoSolutionError('butterfly-arbitrage', `total variance ${w} ≤ 0 at strike ${K}, expiry ${t}`);
    const u = 1 - (k * wk!) / (2 * w!);
    const g = u * u - ((wk! * wk!) / 4) * (1 / w! + 0.25) + wkk! / 2;
    if (!(g > 0)) throw new NoSolutionError('butterfly-arbitrage', `Durrleman g = ${g} ≤ 0 at strike ${K}, expiry ${t}: no local vol`);
    if (!(wT! >= 0)) throw new NoSolutionError('calendar-arbitrage', `∂w/∂T = ${wT} < 0 at strike ${K}, expiry ${t}: no local vol`);
    return Math.sqrt(wT! / g);
  }

  /**
   * Butterfly check at each slice expiry and `between` intermediate expiries per interval, and
   * calendar check between consecutive checked expiries, on a k grid (default 601 points on [-3, 3]).
   */
  arbitrageReport(options: ArbitrageReportOptions = {}): ArbitrageReport {
    const kMin = options.kMin === undefined ? -3 : requireFinite('kMin', options.kMin);
    const kMax = options.kMax === undefined ? 3 : requireFinite('kMax', options.kMax);
    if (!(kMax > kMin)) throw new InvalidInputError('kMax', 'must be > kMin', kMax);
    const n = options.points === undefined ? 601 : requireInteger('points', options.points, 2);
    const between = options.between === undefined ? 3 : requireInteger('between', options.between, 0);
    const times: number[] = [];
    const T = this.expiries;
    for (let i = 0; i < T.length; i++) {
      times.push(T[i]!);
      if (i + 1 < T.length) for (let j = 1; j <= between; j++) times.push(T[i]! + ((T[i + 1]! - T[i]!) * j) / (between + 1));
    }
    if (options.extraExpiries !== undefined) {
      for (let i = 0; i < options.extraExpiries.length; i++) times.push(requirePositive(`extraExpiries[${i}]`, options.extraExpiries[i]));
      times.sort((x, y) => x - y);
    }
    const ks = new Float64Array(n);
    for (let j = 0; j < n; j++) ks[j] = j === n - 1 ? kMax : kMin + (j * (kMax - kMin)) / (n - 1);
    const butterfly: ArbitrageReport['butterfly'] = [];
    const calendar: ArbitrageReport['calendar'] = [];
    let prevW: Float64Array | undefined;
    let prevT = 0;
    for (const t of times) {
      const wRow = new Float64Array(n);
      let minG = Infinity;
      let at = kMin;
      const isSviKnot = this.kind.type === 'svi' && T.indexOf(t) >= 0;
      for (let j = 0; j < n; j++) {
        const k = ks[j]!;
        let g: number;
        if (isSviKnot) {
          const p = (this.kind as { slices: SviRawParams[] }).slices[T.indexOf(t)]!;
          sviDerivatives(k, p, this.buf);
          g = this.buf[0]! > 0 ? sviG(k, p.a, p.b, p.rho, p.m, p.sigma) : -Infinity;
        } else {
          this.eval(k, t);
          const [w, wk, wkk] = this.buf;
          const u = 1 - (k * wk!) / (2 * w!);
          g = w! > 0 ? u * u - ((wk! * wk!) / 4) * (1 / w! + 0.25) + wkk! / 2 : -Infinity;
        }
        wRow[j] = this.buf[0]!;
        if (g < minG) {
          minG = g;
          at = k;
        }
      }
      butterfly.push({ expiry: t, hasArbitrage: minG < 0, minG, at });
      if (prevW) {
        let minDiff = Infinity;
        let dAt = kMin;
        for (let j = 0; j < n; j++) {
          const d = wRow[j]! - prevW[j]!;
          if (d < minDiff) {
            minDiff = d;
            dAt = ks[j]!;
          }
        }
        // Tolerate rounding of equal variances (interpolation between identical slices).
        calendar.push({ from: prevT, to: t, hasArbitrage: minDiff < -1e-14, minDiff, at: dAt });
      }
      prevW = wRow;
      prevT = t;
    }
    return {
      arbitrageFree: butterfly.every((b) => !b.hasArbitrage) && calendar.every((c) => !c.hasArbitrage),
      butterfly,
      calendar,
    };
  }

  /** Dense butterfly check of one SVI slice of the surface (SVI surfaces only). */
  sliceButterfly(index: number): ReturnType<typeof sviButterflyArbitrage> {
    if (this.kind.type !== 'svi') throw new InvalidInputError('index', 'sliceButterfly is for SVI-slice surfaces', index);
    const i = requireInteger('index', index, 0);
    if (i >= this.kind.slices.length) throw new InvalidInputError('index', `must be < ${this.kind.slices.length}`, index);
    return sviButterflyArbitrage(this.kind.slices[i]!);
  }

  /** Fills this.buf with w, w_k, w_kk, w_T at (k, T). */
  private eval(k: number, t: number): void {
    const T = this.expiries;
    const n = T.length;
    const out = this.buf;
    if (this.kind.type === 'ssvi') {
      const th = this.kind.thetas;
      let theta: number;
      let dTheta: number;
      if (t <= T[0]!) {
        dTheta = th[0]! / T[0]!;
        theta = dTheta * t;
      } else if (t >= T[n - 1]!) {
        dTheta = th[n - 1]! / T[n - 1]!;
        theta = dTheta * t;
      } else {
        const i = upperIndex(T, t);
        dTheta = (th[i]! - th[i - 1]!) / (T[i]! - T[i - 1]!);
        theta = th[i - 1]! + dTheta * (t - T[i - 1]!);
      }
      ssviDerivatives(k, theta, this.kind.rho, this.kind.phi, out);
      out[3] = out[3]! * dTheta;
      return;
    }
    const sl = this.kind.slices;
    if (t <= T[0]! || t >= T[n - 1]!) {
      const j = t <= T[0]! ? 0 : n - 1;
      sviDerivatives(k, sl[j]!, out);
      const s = t / T[j]!;
      out[3] = out[0]! / T[j]!;
      out[0] = out[0]! * s;
      out[1] = out[1]! * s;
      out[2] = out[2]! * s;
      return;
    }
    const i = upperIndex(T, t);
    const u = (t - T[i - 1]!) / (T[i]! - T[i - 1]!);
    sviDerivatives(k, sl[i - 1]!, out);
    sviDerivatives(k, sl[i]!, this.buf2);
    const b = this.buf2;
    out[3] = (b[0]! - out[0]!) / (T[i]! - T[i - 1]!);
    out[0] = out[0]! + u * (b[0]! - out[0]!);
    out[1] = out[1]! + u * (b[1]! - out[1]!);
    out[2] = out[2]! + u * (b[2]! - out[2]!);
  }
}

/** Smallest i with T[i] > t (T[0] ≤ t < T[n-1]), by binary search. */
function upperIndex(T: Float64Array, t: number): number {
  let lo = 0;
  let hi = T.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (T[mid]! > t) hi = mid;
    else lo = mid;
  }
  return hi;
}

function forwardFunction(spec: ForwardSpec): (t: number) => number {
  if (typeof spec === 'number') {
    const f = requirePositive('forward', spec);
    return () => f;
  }
  if (typeof spec === 'function') {
    return (t: number) => {
      const f = spec(t);
      if (!(typeof f === 'number' && f > 0 && Number.isFinite(f))) throw new InvalidInputError('forward', `forward(${t}) must be a finite number > 0`, f);
      return f;
    };
  }
  if (spec === null || typeof spec !== 'object') throw new InvalidInputError('forward', 'must be a number, { spot, rate, dividendYield } or a function', spec);
  const s = requirePositive('forward.spot', spec.spot);
  const r = spec.rate === undefined ? 0 : requireFinite('forward.rate', spec.rate);
  const q = spec.dividendYield === undefined ? 0 : requireFinite('forward.dividendYield', spec.dividendYield);
  return (t: number) => s * Math.exp((r - q) * t);
}
