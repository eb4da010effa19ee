import { annualizedReturn, annualizedVolatility } from './annualized';
import { capm, type CapmResult } from './capm';
import { pairOf, periodsOf, type PerformanceOptions } from './conventions';
import { maxDrawdown } from './drawdown';
import { informationRatio, trackingError } from './active';
import { downsideDeviation } from './sortino';

/** One series' statistics inside {@link BenchmarkComparison}. */
export interface SeriesSummary {
  /** Geometric annualised return (CAGR). */
  annualizedReturn: number;
  /** Annualised volatility (ddof 1). */
  annualizedVolatility: number;
  /** Annualised Sharpe ratio (NaN-free: null when the volatility is 0). */
  sharpeRatio: number | null;
  /** Annualised Sortino ratio at target 0 (null when undefined, ±∞ allowed). */
  sortinoRatio: number | null;
  /** Maximum drawdown depth (positive fraction). */
  maxDrawdown: number;
  /** Periods from the worst drawdown's peak to recovery (or the end). */
  maxDrawdownDuration: number;
  /** CAGR / maxDrawdown (null when there is no drawdown). */
  calmarRatio: number | null;
  /** Total compounded return Π(1 + r) − 1. */
  totalReturn: number;
}

/** The result of {@link compareWithBenchmark}. */
export interface BenchmarkComparison {
  portfolio: SeriesSummary;
  benchmark: SeriesSummary;
  /** portfolio.annualizedReturn − benchmark.annualizedReturn (geometric difference of CAGRs). */
  excessAnnualizedReturn: number;
  /** Annualised tracking error. */
  trackingError: number;
  /** Annualised information ratio (null when the tracking error is 0). */
  informationRatio: number | null;
  /** CAPM regression of the portfolio on the benchmark. */
  capm: CapmResult;
  /** Correlation of the two return series. */
  correlation: number;
  /** Up-capture: mean portfolio return / mean benchmark return over periods with benchmark > 0 (null if none). */
  upCapture: number | null;
  /** Down-capture: the same over periods with benchmark < 0 (null if none). */
  downCapture: number | null;
  /** Fraction of periods where the portfolio beat the benchmark. */
  hitRate: number;
  /** Number of periods. */
  periods: number;
}

function summary(r: Float64Array, options: PerformanceOptions): SeriesSummary {
  const p = periodsOf(options);
  const cagr = annualizedReturn(r, { periodsPerYear: p });
  const vol = annualizedVolatility(r, { periodsPerYear: p });
  const rf = options.riskFree ?? 0;
  let m = 0;
  for (const v of r) m += v;
  m /= r.length;
  const dd = downsideDeviation(r, { periodsPerYear: p });
  const mdd = maxDrawdown(r);
  const num = m * p;
  return {
    annualizedReturn: cagr,
    annualizedVolatility: vol,
    sharpeRatio: vol > 0 ? ((m - rf / p) * p) / vol : null,
    sortinoRatio: dd > 0 ? num / dd : num === 0 ? null : num > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY,
    maxDrawdown: mdd.maxDrawdown,
    maxDrawdownDuration: mdd.duration,
    calmarRatio: mdd.maxDrawdown > 0 ? cagr / mdd.maxDrawdown : null,
    totalReturn: Math.expm1(r.reduce((s, v) => s + Math.log1p(v), 0)),
  };
}

/**
 * One summary of a portfolio against its benchmark over the same periods: each side's CAGR,
 * volatility, Sharpe (riskFree annual), Sortino (target 0), max drawdown and Calmar, plus tracking
 * error, information ratio, CAPM alpha/beta/R², correlation, up/down capture and hit rate. Every
 * convention is that of the single functions (see PerformanceOptions). Needs T ≥ 3.
 *
 * @throws InvalidInputError for NaN/±∞, mismatched lengths, T < 3 or a constant benchmark.
 */
export function compareWithBenchmark(returns: ArrayLike<number>, benchmark: ArrayLike<number>, options: PerformanceOptions = {}): BenchmarkComparison {
  const [r, b] = pairOf(returns, benchmark, 'returns', 'benchmark', 3);
  const p = periodsOf(options);
  const portfolio = summary(r, options);
  const bench = summary(b, options);
  const te = trackingError(r, b, { periodsPerYear: p });
  const c = capm(r, b, options);
  let upR = 0;
  let upB = 0;
  let nUp = 0;
  let downR = 0;
  let downB = 0;
  let nDown = 0;
  let hits = 0;
  for (let i = 0; i < r.length; i++) {
    if (b[i] > 0) {
      upR += r[i];
      upB += b[i];
      nUp++;
    } else if (b[i] < 0) {
      downR += r[i];
      downB += b[i];
      nDown++;
    }
    if (r[i] > b[i]) hits++;
  }
  const sd = (x: Float64Array) => annualizedVolatility(x, { periodsPerYear: 1 });
  let cov = 0;
  const mr = r.reduce((s, v) => s + v, 0) / r.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  for (let i = 0; i < r.length; i++) cov += (r[i] - mr) * (b[i] - mb);
  cov /= r.length - 1;
  const sr = sd(r);
  const sb = sd(b);
  return {
    portfolio,
    benchmark: bench,
    excessAnnualizedReturn: portfolio.annualizedReturn - bench.annualizedReturn,
    trackingError: te,
    informationRatio: te > 0 ? informationRatio(r, b, { periodsPerYear: p }) : null,
    capm: c,
    correlation: sr > 0 ? Math.max(-1, Math.min(1, cov / (sr * sb))) : 0,
    upCapture: nUp > 0 && upB !== 0 ? upR / upB : null,
    downCapture: nDown > 0 && downB !== 0 ? downR / downB : null,
    hitRate: hits / r.length,
    periods: r.length,
  };
}
