import { InvalidInputError, requireFinite } from '@quantforge/core';
import { pairOf, periodsOf, returnsOf, riskFreePerPeriod, type PerformanceOptions } from './conventions';

/** Options of {@link RollingPerformance} and the rolling batch functions. */
export interface RollingOptions extends PerformanceOptions {
  /** Window length w in periods (integer ≥ 2). */
  window: number;
}

/** The statistics of the last `window` periods, as {@link RollingPerformance.update} returns them. */
export interface RollingSnapshot {
  /** Periods seen so far. */
  count: number;
  /** True once `window` periods have been seen; before that every statistic below is NaN. */
  ready: boolean;
  /** Per-period arithmetic mean of the window. */
  mean: number;
  /** Annualised volatility sd·√P (ddof 1). */
  volatility: number;
  /** Annualised Sharpe ratio (mean − riskFree/P)/sd·√P; NaN when the window has zero volatility. */
  sharpe: number;
  /** Beta to the benchmark cov(r, b)/var(b); NaN without a benchmark or when it is constant. */
  beta: number;
  /** Correlation with the benchmark; NaN without a benchmark or when either side is constant. */
  correlation: number;
  /** Annualised tracking error sd(r − b)·√P; NaN without a benchmark. */
  trackingError: number;
}

/**
 * Rolling-window performance statistics over a stream of returns (and optionally a benchmark).
 * Each `update` recomputes the window by the two-pass formulas from a ring buffer (O(w) per
 * update, no running-sum cancellation), so the results equal the full-sample functions applied to
 * the window (same ddof 1 and annualisation as sharpeRatio, annualizedVolatility, capm's beta,
 * trackingError) to rounding, and the batch functions (rollingSharpe, …) give exactly the same
 * numbers since they run this class.
 */
export class RollingPerformance {
  readonly window: number;
  readonly periodsPerYear: number;
  private readonly rf: number;
  private readonly r: Float64Array;
  private readonly b: Float64Array;
  private count = 0;
  private hasBenchmark: boolean | undefined;

  constructor(options: RollingOptions) {
    const w = options?.window;
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 2) {
      throw new InvalidInputError('window', 'must be an integer ≥ 2 (periods per window)', w);
    }
    this.window = w;
    this.periodsPerYear = periodsOf(options);
    this.rf = riskFreePerPeriod(options);
    this.r = new Float64Array(w);
    this.b = new Float64Array(w);
  }

  /** Adds one period's return (and benchmark return, given always or never) and returns the window statistics. */
  update(ret: number, benchmark?: number): RollingSnapshot {
    requireFinite('return', ret);
    const has = benchmark !== undefined;
    if (this.hasBenchmark === undefined) this.hasBenchmark = has;
    else if (this.hasBenchmark !== has) {
      throw new InvalidInputError('benchmark', this.hasBenchmark ? 'must be given on every update (it was given before)' : 'was not given on earlier updates; give it always or never');
    }
    if (has) requireFinite('benchmark', benchmark);
    const slot = this.count % this.window;
    this.r[slot] = ret;
    if (has) this.b[slot] = benchmark as number;
    this.count++;
    return this.snapshot();
  }

  /** The statistics of the current window. */
  snapshot(): RollingSnapshot {
    const w = this.window;
    const ready = this.count >= w;
    const out: RollingSnapshot = {
      count: this.count,
      ready,
      mean: Number.NaN,
      volatility: Number.NaN,
      sharpe: Number.NaN,
      beta: Number.NaN,
      correlation: Number.NaN,
      trackingError: Number.NaN,
    };
    if (!ready) return out;
    // Oldest-first order, so the sums run in the same order as a batch over the window.
    const start = this.count % w;
    const { r, b } = this;
    let sr = 0;
    let sb = 0;
    for (let k = 0; k < w; k++) {
      const i = (start + k) % w;
      sr += r[i];
      sb += b[i];
    }
    let mr = sr / w;
    let mb = sb / w;
    let cr = 0;
    let cb = 0;
    for (let k = 0; k < w; k++) {
      const i = (start + k) % w;
      cr += r[i] - mr;
      cb += b[i] - mb;
    }
    mr += cr / w;
    mb += cb / w;
    let srr = 0;
    let sbb = 0;
    let srb = 0;
    let saa = 0;
    const ma = mr - mb;
    for (let k = 0; k < w; k++) {
      const i = (start + k) % w;
      const dr = r[i] - mr;
      const db = b[i] - mb;
      const da = r[i] - b[i] - ma;
      srr += dr * dr;
      sbb += db * db;
      srb += dr * db;
      saa += da * da;
    }
    const sqrtP = Math.sqrt(this.periodsPerYear);
    const sd = Math.sqrt(srr / (w - 1));
    out.mean = mr;
    out.volatility = Math.sqrt((srr / (w - 1)) * this.periodsPerYear);
    out.sharpe = sd > 0 ? ((mr - this.rf) / sd) * sqrtP : Number.NaN;
    if (this.hasBenchmark === true) {
      out.beta = sbb > 0 ? srb / sbb : Number.NaN;
      out.correlation = sbb > 0 && srr > 0 ? Math.max(-1, Math.min(1, srb / Math.sqrt(srr * sbb))) : Number.NaN;
      out.trackingError = Math.sqrt((saa / (w - 1)) * this.periodsPerYear);
    }
    return out;
  }
}

type Metric = 'mean' | 'volatility' | 'sharpe' | 'beta' | 'correlation' | 'trackingError';

function runRolling(returns: ArrayLike<number>, benchmark: ArrayLike<number> | undefined, options: RollingOptions, metric: Metric): Float64Array {
  const roll = new RollingPerformance(options);
  let r: Float64Array;
  let b: Float64Array | undefined;
  if (benchmark === undefined) r = returnsOf(returns, 'returns', roll.window);
  else [r, b] = pairOf(returns, benchmark, 'returns', 'benchmark', roll.window);
  const out = new Float64Array(r.length - roll.window + 1);
  for (let i = 0; i < r.length; i++) {
    const s = b === undefined ? roll.update(r[i]) : roll.update(r[i], b[i]);
    if (s.ready) out[i - roll.window + 1] = s[metric];
  }
  return out;
}

/**
 * Rolling annualised volatility. Output k is the window ending at period k + w − 1 (length T − w + 1).
 * Same numbers as {@link RollingPerformance}.
 */
export function rollingVolatility(returns: ArrayLike<number>, options: RollingOptions): Float64Array {
  return runRolling(returns, undefined, options, 'volatility');
}

/** Rolling annualised Sharpe ratio (NaN for zero-volatility windows); layout as {@link rollingVolatility}. */
export function rollingSharpe(returns: ArrayLike<number>, options: RollingOptions): Float64Array {
  return runRolling(returns, undefined, options, 'sharpe');
}

/** Rolling per-period mean; layout as {@link rollingVolatility}. */
export function rollingMean(returns: ArrayLike<number>, options: RollingOptions): Float64Array {
  return runRolling(returns, undefined, options, 'mean');
}

/** Rolling beta to a benchmark (NaN where the benchmark window is constant); layout as {@link rollingVolatility}. */
export function rollingBeta(returns: ArrayLike<number>, benchmark: ArrayLike<number>, options: RollingOptions): Float64Array {
  return runRolling(returns, benchmark, options, 'beta');
}

/** Rolling correlation with a benchmark; layout as {@link rollingVolatility}. */
export function rollingCorrelation(returns: ArrayLike<number>, benchmark: ArrayLike<number>, options: RollingOptions): Float64Array {
  return runRolling(returns, benchmark, options, 'correlation');
}

/** Rolling annualised tracking error; layout as {@link rollingVolatility}. */
export function rollingTrackingError(returns: ArrayLike<number>, benchmark: ArrayLike<number>, options: RollingOptions): Float64Array {
  return runRolling(returns, benchmark, options, 'trackingError');
}
