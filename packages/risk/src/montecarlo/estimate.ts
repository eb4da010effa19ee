import { InvalidInputError, normInv, normPdf, quantileSorted } from '@quantforge/core';

/** Loss statistics of a simulated P&L sample. */
export interface PnlSummary {
  /** VaR: type-7 quantile of the losses (−P&L) at `confidence`, a positive number for a loss. */
  var: number;
  /** ES: mean of the losses at or beyond the VaR. */
  es: number;
  mean: number;
  stdDev: number;
  min: number;
  max: number;
  /** P&L quantiles at 1%, 5%, 50%, 95%, 99%. */
  quantiles: { p01: number; p05: number; p50: number; p95: number; p99: number };
  /**
   * Monte Carlo standard errors. VaR: √(p(1−p)/n)·s where the sparsity s = 1/f(VaR) is estimated
   * by Siddiqui's difference quotient (Q(p+b) − Q(p−b))/(2b) with the Hall-Sheather bandwidth b.
   * ES: √((Var(L | L ≥ VaR) + p(ES − VaR)²) / (n(1−p))) (Yamai & Yoshiba 2002, asymptotic).
   */
  standardError: { var: number; es: number };
}

/** Validates a confidence level in (0, 1). */
export function requireConfidence(confidence: unknown): number {
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    throw new InvalidInputError('confidence', 'must be in (0, 1)', confidence);
  }
  return confidence;
}

/**
 * Summarises a P&L sample (gains positive): VaR and ES as positive losses (type-7 quantile, ES
 * the mean of losses ≥ VaR, the conventions of shared/reference/risk), moments, quantiles and
 * standard errors. `pnl` is not modified.
 */
export function summarisePnl(pnl: ArrayLike<number>, confidence: number): PnlSummary {
  requireConfidence(confidence);
  const n = pnl.length;
  if (n < 2) throw new InvalidInputError('scenarios', 'needs at least 2 scenarios', n);
  const losses = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = pnl[i];
    if (!Number.isFinite(v)) throw new InvalidInputError(`pnl[${i}]`, 'must be finite (a revaluation failed)', v);
    losses[i] = 0 - v; // not -v: a zero P&L is a +0 loss
    sum += v;
  }
  losses.sort();
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (pnl[i] - mean) ** 2;
  const VaR = quantileSorted(losses, confidence);
  let tailSum = 0;
  let tailSq = 0;
  let m = 0;
  for (let i = n - 1; i >= 0 && losses[i] >= VaR; i--) {
    tailSum += losses[i];
    tailSq += losses[i] * losses[i];
    m++;
  }
  const es = tailSum / m;
  const tailVar = m > 1 ? Math.max(0, (tailSq - m * es * es) / (m - 1)) : 0;
  // Hall & Sheather (1988) bandwidth for the sparsity estimate at α = 0.05.
  const p = confidence;
  const zp = normInv(p);
  const za = normInv(0.975);
  let b = Math.pow(n, -1 / 3) * Math.pow(za, 2 / 3) * Math.pow((1.5 * normPdf(zp) ** 2) / (2 * zp * zp + 1), 1 / 3);
  b = Math.min(b, 0.5 * Math.min(p, 1 - p));
  const sparsity = (quantileSorted(losses, p + b) - quantileSorted(losses, p - b)) / (2 * b);
  const q = (x: number) => -quantileSorted(losses, 1 - x);
  return {
    var: VaR,
    es,
    mean,
    stdDev: Math.sqrt(ss / (n - 1)),
    min: -losses[n - 1],
    max: -losses[0],
    quantiles: { p01: q(0.01), p05: q(0.05), p50: q(0.5), p95: q(0.95), p99: q(0.99) },
    standardError: {
      var: Math.sqrt((p * (1 - p)) / n) * sparsity,
      es: Math.sqrt((tailVar + p * (es - VaR) ** 2) / (n * (1 - p))),
    },
  };
}
