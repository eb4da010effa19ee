import { InvalidInputError } from '@quantforge/core';
import { addTotals, emptyTotals, positionRiskUnchecked } from '../book/revalue';
import type { RiskTotals } from '../book/revalue';
import { validateBook } from '../book/validate';
import type { MarketData, Position, PositionRisk } from '../book/types';
import { parametricBookVaR, resolveRiskModel } from './parametric-var';
import type { ParametricRiskModel, ResolvedRiskModel } from './parametric-var';

/** Aggregated greeks plus the parametric VaR of the scope (NaN-free: 0 when no risk model). */
export interface ScopeRisk extends RiskTotals {
  var: number;
}

/** A position's risk plus its standalone parametric VaR. */
export interface PositionRiskWithVaR extends PositionRisk {
  var: number;
}

/** Everything the monitor keeps, as a plain object. */
export interface RiskSnapshot {
  positions: Record<string, PositionRiskWithVaR>;
  byUnderlying: Record<string, ScopeRisk>;
  byBook: Record<string, ScopeRisk>;
  total: ScopeRisk;
}

/** VaR of a scope from its per-factor dollar deltas/gammas (0 without a model). */
export function scopeVaR(model: ResolvedRiskModel | undefined, dd: Float64Array, dg: Float64Array): number {
  return model === undefined ? 0 : parametricBookVaR(model, dd, dg);
}

/** Standalone VaR of one position (0 without a model). */
export function positionVaR(model: ResolvedRiskModel | undefined, r: PositionRisk): number {
  if (model === undefined) return 0;
  const { dd, dg } = unitVectors(model, r.underlying, r);
  return scopeVaR(model, dd, dg);
}

/** Per-factor vectors of one underlying's dollar delta/gamma. */
export function unitVectors(model: ResolvedRiskModel, underlying: string, t: RiskTotals): { dd: Float64Array; dg: Float64Array } {
  const k = model.factors.length;
  const dd = new Float64Array(k);
  const dg = new Float64Array(k);
  const i = model.index.get(underlying);
  if (i === undefined) throw new InvalidInputError('underlying', 'is not a factor of the risk model', underlying);
  dd[i] = t.dollarDelta;
  dg[i] = t.dollarGamma;
  return { dd, dg };
}

/**
 * The batch twin of `RiskMonitor`: position risks, aggregates per underlying and per book, and
 * parametric VaR per scope, computed from scratch. A monitor fed the same positions and market
 * reports the same numbers (to summation-order rounding).
 */
export function computeRiskSnapshot(positions: readonly Position[], market: MarketData, riskModel?: ParametricRiskModel): RiskSnapshot {
  validateBook(positions, market);
  const model = riskModel === undefined ? undefined : resolveRiskModel(riskModel);
  const rows = positions.map((p) => positionRiskUnchecked(p, market[p.underlying]));
  return aggregateSnapshot(rows, model);
}

/** Aggregates position risks into a snapshot (shared by the monitor's full refresh). */
export function aggregateSnapshot(rows: readonly PositionRisk[], model: ResolvedRiskModel | undefined): RiskSnapshot {
  const k = model?.factors.length ?? 0;
  const positions: Record<string, PositionRiskWithVaR> = {};
  const underl: Record<string, RiskTotals> = {};
  const books: Record<string, RiskTotals> = {};
  const bookDd: Record<string, Float64Array> = {};
  const bookDg: Record<string, Float64Array> = {};
  const total = emptyTotals();
  for (const r of rows) {
    positions[r.id] = { ...r, var: positionVaR(model, r) };
    addTotals((underl[r.underlying] ??= emptyTotals()), r);
    addTotals((books[r.book] ??= emptyTotals()), r);
    addTotals(total, r);
    if (model !== undefined) {
      const i = model.index.get(r.underlying);
      if (i === undefined) throw new InvalidInputError('positions', `underlying '${r.underlying}' is not a factor of the risk model`, r.underlying);
      (bookDd[r.book] ??= new Float64Array(k))[i] += r.dollarDelta;
      (bookDg[r.book] ??= new Float64Array(k))[i] += r.dollarGamma;
    }
  }
  const byUnderlying: Record<string, ScopeRisk> = {};
  const totDd = new Float64Array(k);
  const totDg = new Float64Array(k);
  for (const [u, t] of Object.entries(underl)) {
    let v = 0;
    if (model !== undefined) {
      const { dd, dg } = unitVectors(model, u, t);
      v = scopeVaR(model, dd, dg);
      const i = model.index.get(u)!;
      totDd[i] = t.dollarDelta;
      totDg[i] = t.dollarGamma;
    }
    byUnderlying[u] = { ...t, var: v };
  }
  const byBook: Record<string, ScopeRisk> = {};
  for (const [b, t] of Object.entries(books)) byBook[b] = { ...t, var: model === undefined ? 0 : scopeVaR(model, bookDd[b], bookDg[b]) };
  return { positions, byUnderlying, byBook, total: { ...total, var: scopeVaR(model, totDd, totDg) } };
}
