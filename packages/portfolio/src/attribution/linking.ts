import { InvalidInputError } from '@quantforge/core';
import type { BrinsonResult, BrinsonSectorEffect } from './brinson-fachler';

/** Options of {@link linkAttribution}. */
export interface LinkingOptions {
  /** `'carino'` (default, Cariño 1999) or `'menchero'` (Menchero 2000). */
  method?: 'carino' | 'menchero';
}

/** The result of {@link linkAttribution}: the period effects scaled so they add up over time. */
export interface LinkedAttribution {
  method: 'carino' | 'menchero';
  /** Linked per-sector effects (sector names from the first period). */
  sectors: BrinsonSectorEffect[];
  allocation: number;
  selection: number;
  interaction: number;
  /** Π(1 + R_P,t) − 1. */
  portfolioReturn: number;
  /** Π(1 + R_B,t) − 1. */
  benchmarkReturn: number;
  /** R_P − R_B over the whole horizon = allocation + selection + interaction. */
  activeReturn: number;
  /** The per-period scale factors applied to each period's effects. */
  coefficients: number[];
}

/** log1p(x)/x, stable near 0 (limit 1). */
function log1pOverX(x: number): number {
  return x === 0 ? 1 : Math.log1p(x) / x;
}

/**
 * (ln(1+a) − ln(1+b))/(a − b) = log1p(x)/x / (1+b) with x = (a − b)/(1+b): no cancellation when
 * a ≈ b, and the limit 1/(1+a) when a = b.
 */
function logRatio(a: number, b: number): number {
  return log1pOverX((a - b) / (1 + b)) / (1 + b);
}

/** x/T / expm1(log1p(x)/T), stable near 0 (limit 1). */
function mencheroRatio(x: number, T: number): number {
  if (x === 0) return 1;
  const d = Math.expm1(Math.log1p(x) / T);
  return d === 0 ? 1 : x / T / d;
}

/**
 * Links single-period attributions (e.g. from brinsonFachler, same sectors in every period) into a
 * multi-period attribution whose effects sum exactly to the compounded active return R − B,
 * R = Π(1 + R_t) − 1, B = Π(1 + B_t) − 1.
 *
 * - Cariño (1999): each period's effects are scaled by k_t / K with
 *   k_t = (ln(1+R_t) − ln(1+B_t))/(R_t − B_t) and K = (ln(1+R) − ln(1+B))/(R − B) (limits 1/(1+x) when equal).
 * - Menchero (2000): scaled by M + α_t with M = ((R − B)/T)/((1+R)^{1/T} − (1+B)^{1/T}) (limit
 *   (1+R)^{(T−1)/T}) and α_t = (R − B − M Σ(R_s − B_s)) (R_t − B_t) / Σ(R_s − B_s)² (0 when all
 *   period active returns are 0), the optimal correction that minimises Σ α_t².
 *
 * @throws InvalidInputError for an empty list, differing sector counts, or a period return ≤ −1.
 */
export function linkAttribution(input: readonly BrinsonResult[], options: LinkingOptions = {}): LinkedAttribution {
  const method = options.method ?? 'carino';
  if (method !== 'carino' && method !== 'menchero') throw new InvalidInputError('method', "must be 'carino' or 'menchero'", method);
  if (!Array.isArray(input) || input.length === 0) throw new InvalidInputError('periods', 'needs at least one period attribution');
  const periods: readonly BrinsonResult[] = input;
  const T = periods.length;
  const n = periods[0].sectors.length;
  let lr = 0;
  let lb = 0;
  periods.forEach((p, t) => {
    if (p?.sectors?.length !== n) throw new InvalidInputError(`periods[${t}]`, `must have the same ${n} sectors as period 0`);
    for (const [v, f] of [
      [p.portfolioReturn, 'portfolioReturn'],
      [p.benchmarkReturn, 'benchmarkReturn'],
    ] as const) {
      if (!Number.isFinite(v) || v <= -1) throw new InvalidInputError(`periods[${t}].${f}`, 'must be a finite return > −1', v);
    }
    lr += Math.log1p(p.portfolioReturn);
    lb += Math.log1p(p.benchmarkReturn);
  });
  const R = Math.expm1(lr);
  const B = Math.expm1(lb);
  const coefficients: number[] = [];
  if (method === 'carino') {
    const K = logRatio(R, B);
    for (const p of periods) coefficients.push(logRatio(p.portfolioReturn, p.benchmarkReturn) / K);
  } else {
    // M = ((R − B)/T)/((1+R)^{1/T} − (1+B)^{1/T}) = (1+B)^{1−1/T} · (x/T)/expm1(log1p(x)/T), x = (R − B)/(1+B)
    const M = Math.pow(1 + B, 1 - 1 / T) * mencheroRatio((R - B) / (1 + B), T);
    let sumA = 0;
    let sumA2 = 0;
    for (const p of periods) {
      const a = p.portfolioReturn - p.benchmarkReturn;
      sumA += a;
      sumA2 += a * a;
    }
    for (const p of periods) {
      const a = p.portfolioReturn - p.benchmarkReturn;
      const alpha = sumA2 > 0 ? ((R - B - M * sumA) * a) / sumA2 : 0;
      coefficients.push(M + alpha);
    }
  }
  const sectors: BrinsonSectorEffect[] = periods[0].sectors.map((s) => ({ sector: s.sector, allocation: 0, selection: 0, interaction: 0, total: 0 }));
  let A = 0;
  let S = 0;
  let I = 0;
  periods.forEach((p, t) => {
    const c = coefficients[t];
    p.sectors.forEach((s, i) => {
      const o = sectors[i];
      o.allocation += c * s.allocation;
      o.selection += c * s.selection;
      o.interaction += c * s.interaction;
      o.total += c * (s.allocation + s.selection + s.interaction);
    });
    A += c * p.allocation;
    S += c * p.selection;
    I += c * p.interaction;
  });
  return { method, sectors, allocation: A, selection: S, interaction: I, portfolioReturn: R, benchmarkReturn: B, activeReturn: R - B, coefficients };
}
