import { createRng, InvalidInputError, requireFinite, requireInteger, requirePositive } from '@quantforge/core';
import type { MatrixInput } from '@quantforge/core';
import { bsPriceKernel, logRatio } from '@quantforge/pricing';
import { positionRiskUnchecked, positionScale, unitValueAt } from '../book/revalue';
import { validateBook } from '../book/validate';
import type { MarketData, Position } from '../book/types';
import { resolveCovariance } from './covariance';
import { requireConfidence, summarisePnl } from './estimate';
import type { PnlSummary } from './estimate';
import { simulateFactorShocks } from './scenarios';
import { hoistEuropeans, MODE_GENERIC, revalueEuropeanBlock } from './european-revaluation';

export type Revaluation = 'full' | 'delta-gamma' | 'delta-gamma-vega';

/** Options of {@link monteCarloVaR}. */
export interface MonteCarloVaROptions {
  positions: readonly Position[];
  market: MarketData;
  /**
   * Underlyings in the order of the covariance rows (default: the distinct underlyings of the
   * positions in order of first appearance). Every position's underlying must be one of them.
   */
  factors?: readonly string[];
  /** Annualised covariance of the factors' log-returns (or arithmetic returns, see `shockType`). */
  covariance?: MatrixInput;
  /** Correlation of the factor returns (with `vols`, default the market vols of the factors). */
  correlation?: MatrixInput;
  /** Annual return volatilities for `correlation`. */
  vols?: ArrayLike<number>;
  /** Repair a non-PSD matrix by the nearest correlation matrix (Higham 2002); default false. */
  repair?: boolean;
  /** 'normal' (default) or 't' (multivariate Student-t with `nu` > 2, same covariance). */
  distribution?: 'normal' | 't';
  nu?: number;
  /** Number of scenarios (>= 2). */
  scenarios: number;
  /** Horizon in years (e.g. 1/252 or 10/252). */
  horizon: number;
  confidence: number;
  seed: number;
  /** 'full' (default): reprice every position; 'delta-gamma(-vega)': the Taylor approximation. */
  revaluation?: Revaluation;
  /** 'log' (default): S' = S·e^x; 'arithmetic': S' = S·(1 + x). */
  shockType?: 'log' | 'arithmetic';
  /**
   * Optional implied-vol shocks: Δσ_k = stdDev_k·√h·(ρ ε_k + √(1−ρ²) w_k), with ε_k the factor's
   * standardised return shock, w_k independent normals, ρ = `spotCorrelation` (default 0),
   * `stdDev` the annualised std of absolute vol changes (a number applies to every factor).
   */
  volShocks?: { stdDev: number | ArrayLike<number>; spotCorrelation?: number };
  /** Age options by the horizon (expiry − h) in revaluation and add theta·h to the Taylor P&L; default false. */
  ageing?: boolean;
  /** Return the scenario P&L vector (`pnl`); default false. */
  keepPnl?: boolean;
  /** Return each position's scenario P&L (`positionPnl[i]`, for Euler allocation); default false. */
  keepPositionPnl?: boolean;
}

/** Result of {@link monteCarloVaR}: loss statistics plus what was simulated. */
export interface MonteCarloVaRResult extends PnlSummary {
  confidence: number;
  horizon: number;
  scenarios: number;
  revaluation: Revaluation;
  factors: string[];
  /** Present value of the book today. */
  baseValue: number;
  /** True when a non-PSD matrix was repaired. */
  repaired: boolean;
  pnl?: Float64Array;
  positionPnl?: Float64Array[];
}

function perFactor(name: string, v: number | ArrayLike<number>, k: number): Float64Array {
  const out = new Float64Array(k);
  if (typeof v === 'number') return out.fill(requireFinite(name, v));
  if (v?.length !== k) throw new InvalidInputError(name, `must have ${k} entries (one per factor)`, v?.length);
  for (let i = 0; i < k; i++) out[i] = requireFinite(`${name}[${i}]`, v[i]);
  return out;
}

/**
 * Monte Carlo VaR and ES of a book of linear and option positions.
 *
 * Scenarios: factor returns over `horizon` from a multivariate normal or Student-t with the
 * given annualised covariance (Cholesky factor; a non-PSD input throws
 * `NotPositiveSemidefiniteError` naming the smallest eigenvalue, or is repaired by Higham's
 * nearest correlation with `repair: true`), seeded xoshiro256**.
 *
 * Revaluation: 'full' reprices every option in every scenario. Europeans: the scenario-invariant
 * parts of each option (K·e^{-rT}, e^{-qT}, σ√T, ln(S₀/K) + (r − q)T) are computed once, ln(S'/S₀)
 * once per underlying and scenario, and the price per option and scenario keeps the relative
 * precision of `bsPrice` (Jäckel's normalised-Black expansions far out of the money, exponential-free
 * Mills ratios; tested against `bsPrice` to 1e-13 relative or 1e-15·spot absolute), about 30-40 ns
 * per price on one thread (`european-revaluation.ts`); with `volShocks` σ√T changes per scenario
 * and each price is `bsPriceKernel`. Scenarios are revalued in cache-sized blocks, option by
 * option, without allocation per scenario. Americans: `americanValuation` (position
 * `americanOptions`, default Bjerksund-Stensland: ~27 µs per price, so large American books want
 * the Taylor paths).
 * 'delta-gamma' uses P&L ≈ Σ_k δ_k ΔS_k + ½ Γ_k ΔS_k² per underlying k (greeks at today's
 * market), 'delta-gamma-vega' adds ν_k Δσ_k; their error is O(ΔS³) per position.
 *
 * VaR/ES follow shared/reference/risk conventions (type-7 quantile of losses, ES the mean of the
 * losses at or beyond VaR, positive numbers for losses); standard errors as in {@link summarisePnl}.
 * The risk-free rate and dividend yield are held fixed; P&L is undiscounted over the horizon.
 */
export function monteCarloVaR(options: MonteCarloVaROptions): MonteCarloVaRResult {
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'must be an object', options);
  const confidence = requireConfidence(options.confidence);
  const run = simulateBook(options, 0, undefined);
  const summary = summarisePnl(run.pnl, confidence);
  const result: MonteCarloVaRResult = {
    ...summary,
    confidence,
    horizon: options.horizon,
    scenarios: run.pnl.length,
    revaluation: run.revaluation,
    factors: run.factors,
    baseValue: run.baseValue,
    repaired: run.repaired,
  };
  if (options.keepPnl === true) result.pnl = run.pnl;
  if (run.positionPnl !== undefined) result.positionPnl = run.positionPnl;
  return result;
}

/** Options of {@link monteCarloPnl}: those of {@link monteCarloVaR} without the VaR ones, plus a scenario range. */
export type MonteCarloPnlOptions = Omit<MonteCarloVaROptions, 'confidence' | 'keepPnl'> & {
  /** First scenario to revalue (default 0). */
  start?: number;
  /** One past the last scenario to revalue (default `scenarios`). */
  end?: number;
};

/** Scenario P&L of a book for scenarios [start, end) of a Monte Carlo run. */
export interface MonteCarloPnl {
  /** pnl[s − start] for s in [start, end). */
  pnl: Float64Array;
  positionPnl?: Float64Array[];
  baseValue: number;
  factors: string[];
  repaired: boolean;
  revaluation: Revaluation;
}

/**
 * The scenario P&L behind {@link monteCarloVaR}, for a slice [start, end) of its scenarios: the
 * same seed gives the same scenarios whatever the slice (all scenarios are drawn, only the slice is
 * revalued), so workers (Web Workers, worker_threads) can each revalue a slice and the
 * concatenation fed to `summarisePnl` equals `monteCarloVaR` on the whole run bit for bit. This is
 * the parallel form (the package itself starts no workers, so it runs in browsers too): give
 * worker w of W the range [⌊w·n/W⌋, ⌊(w+1)·n/W⌋) and the same options; each worker still draws
 * all n scenarios (cheap next to revaluation), so the speed-up approaches W for large books.
 */
export function monteCarloPnl(options: MonteCarloPnlOptions): MonteCarloPnl {
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'must be an object', options);
  return simulateBook(options, options.start ?? 0, options.end);
}

function simulateBook(o: Omit<MonteCarloVaROptions, 'confidence'>, startIn: number, endIn: number | undefined): MonteCarloPnl & { pnl: Float64Array } {
  validateBook(o.positions, o.market);
  const horizon = requirePositive('horizon', o.horizon);
  const nScen = requireInteger('scenarios', o.scenarios, 2);
  const start = requireInteger('start', startIn, 0);
  const end = endIn === undefined ? nScen : requireInteger('end', endIn, start + 1);
  if (start >= nScen || end > nScen) throw new InvalidInputError('end', `the range [start, end) must lie in [0, ${nScen}]`, end);
  const span = end - start;
  const revaluation = o.revaluation ?? 'full';
  if (revaluation !== 'full' && revaluation !== 'delta-gamma' && revaluation !== 'delta-gamma-vega') {
    throw new InvalidInputError('revaluation', "must be 'full', 'delta-gamma' or 'delta-gamma-vega'", revaluation);
  }
  const shockType = o.shockType ?? 'log';
  if (shockType !== 'log' && shockType !== 'arithmetic') throw new InvalidInputError('shockType', "must be 'log' or 'arithmetic'", shockType);
  const positions = o.positions;
  const factors = o.factors !== undefined ? [...o.factors] : [...new Set(positions.map((p) => p.underlying))];
  const k = factors.length;
  if (k === 0) throw new InvalidInputError('positions', 'needs at least one position (or factors)');
  const index = new Map<string, number>();
  factors.forEach((f, i) => {
    if (typeof f !== 'string') throw new InvalidInputError(`factors[${i}]`, 'must be a string', f);
    if (index.has(f)) throw new InvalidInputError(`factors[${i}]`, 'duplicates an earlier factor', f);
    if (o.market[f] === undefined) throw new InvalidInputError(`factors[${i}]`, 'has no market data', f);
    index.set(f, i);
  });
  const fi = new Int32Array(positions.length);
  positions.forEach((p, i) => {
    const j = index.get(p.underlying);
    if (j === undefined) throw new InvalidInputError(`positions[${i}].underlying`, 'is not one of the factors', p.underlying);
    fi[i] = j;
  });
  const vols = o.covariance === undefined && o.correlation !== undefined ? (o.vols ?? factors.map((f) => o.market[f].vol)) : o.vols;
  const cov = resolveCovariance({ covariance: o.covariance, correlation: o.correlation, vols, repair: o.repair }, k);
  const { returns, normals } = simulateFactorShocks({
    factor: cov.factor,
    scenarios: nScen,
    horizon,
    distribution: o.distribution,
    nu: o.nu,
    seed: o.seed,
  });

  // Vol shocks (absolute), row-major scenarios × k; undefined when not simulated.
  let volShift: Float64Array | undefined;
  if (o.volShocks !== undefined) {
    const sdv = perFactor('volShocks.stdDev', o.volShocks.stdDev, k);
    const rho = o.volShocks.spotCorrelation ?? 0;
    if (!(Math.abs(requireFinite('volShocks.spotCorrelation', rho)) <= 1)) {
      throw new InvalidInputError('volShocks.spotCorrelation', 'must be in [-1, 1]', rho);
    }
    const rng = createRng(o.seed + 1);
    const rh = Math.sqrt(1 - rho * rho);
    const sh = Math.sqrt(horizon);
    volShift = new Float64Array(nScen * k);
    for (let s = 0; s < nScen * k; s++) volShift[s] = sdv[s % k] * sh * (rho * normals[s] + rh * rng.nextNormal());
  }

  const spot0 = Float64Array.from(factors, (f) => o.market[f].spot);
  const vol0 = Float64Array.from(factors, (f) => o.market[f].vol);
  const ageing = o.ageing === true;
  const age = ageing ? horizon : 0;

  // Base values (today, unaged).
  const scale = Float64Array.from(positions, positionScale);
  const baseUnit = Float64Array.from(positions, (p) => {
    const m = o.market[p.underlying];
    return unitValueAt(p, m.spot, m.vol, m.rate, m.dividendYield ?? 0);
  });
  let baseValue = 0;
  for (let i = 0; i < positions.length; i++) baseValue += scale[i] * baseUnit[i];

  const pnl = new Float64Array(span);
  const keepPos = o.keepPositionPnl === true;
  const positionPnl = keepPos ? positions.map(() => new Float64Array(span)) : undefined;
  const Sp = new Float64Array(k);
  const Vp = new Float64Array(k);
  const shockSpots = (s: number): void => {
    const off = s * k;
    for (let j = 0; j < k; j++) {
      const x = returns[off + j];
      Sp[j] = shockType === 'log' ? spot0[j] * Math.exp(x) : spot0[j] * (1 + x);
      Vp[j] = volShift === undefined ? vol0[j] : Math.max(1e-4, vol0[j] + volShift[off + j]);
    }
  };

  if (revaluation === 'full') {
    fullRevaluation({
      positions,
      market: o.market,
      fi,
      k,
      start,
      end,
      spot0,
      vol0,
      returns,
      volShift,
      shockType,
      age,
      scale,
      baseUnit,
      pnl,
      positionPnl,
    });
  } else {
    const withVega = revaluation === 'delta-gamma-vega';
    const risks = positions.map((p) => positionRiskUnchecked(p, o.market[p.underlying]));
    const D = new Float64Array(k);
    const G = new Float64Array(k);
    const V = new Float64Array(k);
    let theta = 0;
    risks.forEach((r, i) => {
      D[fi[i]] += r.delta;
      G[fi[i]] += r.gamma;
      V[fi[i]] += r.vega;
      theta += r.theta;
    });
    const carry = ageing ? theta * horizon : 0;
    for (let s = start; s < end; s++) {
      shockSpots(s);
      let total = carry;
      for (let j = 0; j < k; j++) {
        const dS = Sp[j] - spot0[j];
        total += D[j] * dS + 0.5 * G[j] * dS * dS;
        if (withVega) total += V[j] * (Vp[j] - vol0[j]);
      }
      pnl[s - start] = total;
      if (positionPnl !== undefined) {
        for (let i = 0; i < positions.length; i++) {
          const j = fi[i];
          const r = risks[i];
          const dS = Sp[j] - spot0[j];
          positionPnl[i][s - start] = r.delta * dS + 0.5 * r.gamma * dS * dS + (withVega ? r.vega * (Vp[j] - vol0[j]) : 0) + (ageing ? r.theta * horizon : 0);
        }
      }
    }
  }

  return { pnl, positionPnl, baseValue, factors, repaired: cov.repaired, revaluation };
}

/** Scenarios revalued per block: the block's spot columns (k × 256 × 2 doubles) stay in cache. */
const BLOCK = 256;

interface FullRevaluationInput {
  positions: readonly Position[];
  market: MarketData;
  fi: Int32Array;
  k: number;
  start: number;
  end: number;
  spot0: Float64Array;
  vol0: Float64Array;
  returns: Float64Array;
  volShift: Float64Array | undefined;
  shockType: 'log' | 'arithmetic';
  age: number;
  scale: Float64Array;
  baseUnit: Float64Array;
  pnl: Float64Array;
  positionPnl: Float64Array[] | undefined;
}

/**
 * Full revaluation of scenarios [start, end), in blocks of {@link BLOCK} scenarios: per block the
 * shocked spot S', ln(S'/S₀) (and the shocked vol) of each underlying are formed once, then each
 * European is revalued over the block with its scenario-invariant parts hoisted
 * (`european-revaluation.ts`), then the other positions. pnl[s] sums the positions in the same
 * order for every s (Europeans first, then the rest), so slices and blocks do not change a bit.
 */
function fullRevaluation(o: FullRevaluationInput): void {
  const { positions, fi, k, start, end, spot0, vol0, returns, volShift, age, scale, baseUnit, pnl, positionPnl } = o;
  const logShock = o.shockType === 'log';
  const euro: number[] = [];
  const other: number[] = [];
  positions.forEach((p, i) => (p.kind === 'option' && p.exercise !== 'american' ? euro : other).push(i));
  const e = hoistEuropeans(
    euro.map((i) => {
      const p = positions[i] as Extract<Position, { kind: 'option' }>;
      const mk = o.market[p.underlying];
      return {
        w: p.type === 'call' ? 1 : -1,
        spot: mk.spot,
        strike: p.strike,
        expiry: Math.max(0, p.expiry - age),
        rate: mk.rate,
        dividendYield: mk.dividendYield ?? 0,
        vol: mk.vol,
      };
    }),
  );
  const m = e.m;
  const span = Math.min(BLOCK, end - start);
  const spotCol = Array.from({ length: k }, () => new Float64Array(span));
  const logCol = Array.from({ length: k }, () => new Float64Array(span));
  const volCol = volShift === undefined ? undefined : Array.from({ length: k }, () => new Float64Array(span));
  for (let b0 = start; b0 < end; b0 += BLOCK) {
    const n = Math.min(BLOCK, end - b0);
    const out = b0 - start;
    for (let j = 0; j < k; j++) {
      const S0 = spot0[j];
      const Sc = spotCol[j];
      const Lc = logCol[j];
      for (let u = 0; u < n; u++) {
        const x = returns[(b0 + u) * k + j];
        const S = logShock ? S0 * Math.exp(x) : S0 * (1 + x);
        Sc[u] = S;
        Lc[u] = logRatio(S, S0);
      }
      if (volCol !== undefined && volShift !== undefined) {
        const Vc = volCol[j];
        for (let u = 0; u < n; u++) Vc[u] = Math.max(1e-4, vol0[j] + volShift[(b0 + u) * k + j]);
      }
    }
    for (let u = 0; u < n; u++) pnl[out + u] = 0;
    for (let r = 0; r < m; r++) {
      const j = fi[euro[r]];
      const Sc = spotCol[j];
      const Lc = logCol[j];
      const sc = scale[euro[r]];
      const base = baseUnit[euro[r]];
      const keep = positionPnl === undefined ? undefined : positionPnl[euro[r]];
      const w = e.w[r];
      if (volCol !== undefined) {
        // Simulated vols: σ√T changes per scenario, so only the pricing kernel itself is shared.
        const Vc = volCol[j];
        const K = e.strike[r];
        const T = e.expiry[r];
        const rate = e.rate[r];
        const q = e.dividendYield[r];
        for (let u = 0; u < n; u++) {
          const v = sc * (bsPriceKernel(w, Sc[u], K, T, rate, q, Vc[u]) - base);
          pnl[out + u] += v;
          if (keep !== undefined) keep[out + u] = v;
        }
      } else if (e.mode[r] === MODE_GENERIC) {
        const K = e.strike[r];
        const T = e.expiry[r];
        const rate = e.rate[r];
        const q = e.dividendYield[r];
        const vol = e.vol[r];
        for (let u = 0; u < n; u++) {
          const v = sc * (bsPriceKernel(w, Sc[u], K, T, rate, q, vol) - base);
          pnl[out + u] += v;
          if (keep !== undefined) keep[out + u] = v;
        }
      } else {
        revalueEuropeanBlock(e, r, Lc, Sc, n, sc, base, pnl, out, keep);
      }
    }
    for (const i of other) {
      const p = positions[i];
      const j = fi[i];
      const Sc = spotCol[j];
      const keep = positionPnl === undefined ? undefined : positionPnl[i];
      for (let u = 0; u < n; u++) {
        let v: number;
        if (p.kind === 'linear') v = scale[i] * (Sc[u] - spot0[j]);
        else {
          const mk = o.market[p.underlying];
          const vol = volCol === undefined ? vol0[j] : volCol[j][u];
          v = scale[i] * (unitValueAt(p, Sc[u], vol, mk.rate, mk.dividendYield ?? 0, p.expiry - age) - baseUnit[i]);
        }
        pnl[out + u] += v;
        if (keep !== undefined) keep[out + u] = v;
      }
    }
  }
}
