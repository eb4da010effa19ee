import { InvalidInputError, requireFinite, requirePositive } from '@quantforge/core';
import { addTotals, emptyTotals, positionRiskUnchecked } from '../book/revalue';
import type { RiskTotals } from '../book/revalue';
import { validatePosition, validateUnderlyingMarket } from '../book/validate';
import type { MarketData, Position, UnderlyingMarket } from '../book/types';
import { nextBreachState, validateLimit } from './limits';
import type { LimitMetric, LimitScope, RiskLimit } from './limits';
import { resolveRiskModel } from './parametric-var';
import type { ParametricRiskModel, ResolvedRiskModel } from './parametric-var';
import { positionVaR, scopeVaR, unitVectors } from './snapshot';
import type { PositionRiskWithVaR, RiskSnapshot, ScopeRisk } from './snapshot';

/** A limit breach or clear. */
export interface LimitEvent {
  type: 'breach' | 'clear';
  limitId: string;
  metric: LimitMetric;
  scope: LimitScope;
  /** The metric's value that triggered the event. */
  value: number;
  max: number;
}

export type LimitListener = (event: LimitEvent) => void;

/** Options of {@link RiskMonitor}. */
export interface RiskMonitorOptions {
  market: MarketData;
  /** Parametric model for the VaR of every scope (omit: VaR reported as 0). */
  riskModel?: ParametricRiskModel;
  limits?: readonly RiskLimit[];
}

type ResolvedLimit = ReturnType<typeof validateLimit>;

/**
 * Real-time risk of a set of positions. Keeps each position's value, greeks (Europeans:
 * analytic BSM greeks, Americans: `americanPrice`) and standalone parametric VaR, their sums per underlying, per book and in
 * total, and a parametric (delta-normal or delta-gamma-normal) VaR of every scope; checks limits
 * after every change and emits `breach` / `clear` events (with optional hysteresis).
 *
 * Incremental: a market update on one underlying revalues only that underlying's positions
 * (`revaluations` counts position revaluations), then re-sums that underlying's aggregates and
 * the books holding it. The numbers equal {@link computeRiskSnapshot} on the same inputs.
 *
 * @example
 * const m = new RiskMonitor({ market: { SPX: { spot: 5000, vol: 0.18, rate: 0.04 } },
 *   riskModel: { factors: ['SPX'], covariance: [[0.0324]] },
 *   limits: [{ id: 'delta', metric: 'dollarDelta', max: 1e6, hysteresis: 0.1 }] });
 * m.on('breach', (e) => console.log('breach', e.limitId, e.value));
 * m.addPosition({ id: 'c1', kind: 'option', underlying: 'SPX', type: 'call', strike: 5000, expiry: 0.25, quantity: 10, multiplier: 100 });
 * m.updateMarket('SPX', { spot: 5100 });
 */
export class RiskMonitor {
  private readonly market = new Map<string, UnderlyingMarket>();
  private readonly model: ResolvedRiskModel | undefined;
  private readonly positions = new Map<string, Position>();
  private readonly risks = new Map<string, PositionRiskWithVaR>();
  /** underlying → ids (insertion order). */
  private readonly byUnderlyingIds = new Map<string, Set<string>>();
  /** underlying → book → totals (the cells everything else is summed from). */
  private readonly cells = new Map<string, Map<string, RiskTotals>>();
  private readonly underlyingTotals = new Map<string, ScopeRisk>();
  private readonly bookTotals = new Map<string, ScopeRisk>();
  private total: ScopeRisk = { ...emptyTotals(), var: 0 };
  private readonly limits = new Map<string, ResolvedLimit>();
  private readonly breached = new Map<string, boolean>();
  private readonly listeners = { breach: new Set<LimitListener>(), clear: new Set<LimitListener>() };
  private revaluationCount = 0;

  constructor(options: RiskMonitorOptions) {
    if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'must be an object', options);
    if (options.market === null || typeof options.market !== 'object') throw new InvalidInputError('market', 'must be an object', options.market);
    for (const [name, m] of Object.entries(options.market)) this.market.set(name, { ...validateUnderlyingMarket(m, `market.${name}`) });
    this.model = options.riskModel === undefined ? undefined : resolveRiskModel(options.riskModel);
    (options.limits ?? []).forEach((l, i) => this.setLimitQuiet(validateLimit(l, `limits[${i}]`)));
  }

  /** Number of position revaluations performed so far (a market update on X revalues X's positions only). */
  get revaluations(): number {
    return this.revaluationCount;
  }

  /** Subscribes to breach or clear events; returns an unsubscribe function. */
  on(type: 'breach' | 'clear', listener: LimitListener): () => void {
    if (type !== 'breach' && type !== 'clear') throw new InvalidInputError('type', "must be 'breach' or 'clear'", type);
    if (typeof listener !== 'function') throw new InvalidInputError('listener', 'must be a function', listener);
    this.listeners[type].add(listener);
    return () => this.listeners[type].delete(listener);
  }

  /** Adds a position (its id must be new); revalues only it. */
  addPosition(position: Position): void {
    validatePosition(position);
    if (this.positions.has(position.id)) throw new InvalidInputError('position.id', 'already exists (use updatePosition)', position.id);
    this.requireUnderlying(position.underlying);
    this.positions.set(position.id, { ...position });
    let ids = this.byUnderlyingIds.get(position.underlying);
    if (ids === undefined) this.byUnderlyingIds.set(position.underlying, (ids = new Set()));
    ids.add(position.id);
    this.revalue(position.id);
    this.refreshUnderlyings([position.underlying], [position.book ?? 'default']);
  }

  /** Replaces a position with the same id (quantity, strike, underlying...); revalues only it. */
  updatePosition(position: Position): void {
    validatePosition(position);
    const old = this.positions.get(position.id);
    if (old === undefined) throw new InvalidInputError('position.id', 'is not in the monitor (use addPosition)', position.id);
    this.requireUnderlying(position.underlying);
    this.positions.set(position.id, { ...position });
    if (old.underlying !== position.underlying) {
      this.byUnderlyingIds.get(old.underlying)!.delete(position.id);
      let ids = this.byUnderlyingIds.get(position.underlying);
      if (ids === undefined) this.byUnderlyingIds.set(position.underlying, (ids = new Set()));
      ids.add(position.id);
    }
    this.revalue(position.id);
    this.refreshUnderlyings([...new Set([old.underlying, position.underlying])], [old.book ?? 'default', position.book ?? 'default']);
  }

  /** Removes a position (no revaluation). */
  removePosition(id: string): void {
    const old = this.positions.get(id);
    if (old === undefined) throw new InvalidInputError('id', 'is not in the monitor', id);
    this.positions.delete(id);
    this.risks.delete(id);
    this.byUnderlyingIds.get(old.underlying)!.delete(id);
    this.refreshUnderlyings([old.underlying], [old.book ?? 'default']);
  }

  /** Updates one underlying's market (spot, vol, rate, dividend yield) and revalues its positions only. */
  updateMarket(underlying: string, update: { spot?: number; vol?: number; rate?: number; dividendYield?: number }): void {
    const m = this.market.get(underlying);
    if (update === null || typeof update !== 'object') throw new InvalidInputError('update', 'must be an object', update);
    const next: UnderlyingMarket = {
      spot: update.spot === undefined ? (m?.spot ?? NaN) : requirePositive('spot', update.spot),
      vol: update.vol === undefined ? (m?.vol ?? NaN) : requirePositive('vol', update.vol),
      rate: update.rate === undefined ? (m?.rate ?? NaN) : requireFinite('rate', update.rate),
      dividendYield: update.dividendYield === undefined ? (m?.dividendYield ?? 0) : requireFinite('dividendYield', update.dividendYield),
    };
    validateUnderlyingMarket(next, `market.${underlying}`);
    this.market.set(underlying, next);
    const ids = this.byUnderlyingIds.get(underlying);
    if (ids === undefined || ids.size === 0) return;
    const books = new Set<string>();
    for (const id of ids) {
      this.revalue(id);
      books.add(this.positions.get(id)!.book ?? 'default');
    }
    this.refreshUnderlyings([underlying], [...books]);
  }

  /** Adds or replaces a limit and evaluates it at once. */
  setLimit(limit: RiskLimit): void {
    this.setLimitQuiet(validateLimit(limit));
    this.checkLimits();
  }

  /** Removes a limit (no event). */
  removeLimit(id: string): void {
    this.limits.delete(id);
    this.breached.delete(id);
  }

  /** Ids of the limits currently breached. */
  breaches(): string[] {
    return [...this.breached].filter(([, b]) => b).map(([id]) => id);
  }

  /** Risk of one position, with its standalone parametric VaR. */
  positionRisk(id: string): PositionRiskWithVaR | undefined {
    const r = this.risks.get(id);
    return r === undefined ? undefined : { ...r };
  }

  /** A copy of every number the monitor keeps. */
  snapshot(): RiskSnapshot {
    const positions: Record<string, PositionRiskWithVaR> = {};
    for (const [id, r] of this.risks) positions[id] = { ...r };
    const byUnderlying: Record<string, ScopeRisk> = {};
    for (const [u, t] of this.underlyingTotals) byUnderlying[u] = { ...t };
    const byBook: Record<string, ScopeRisk> = {};
    for (const [b, t] of this.bookTotals) byBook[b] = { ...t };
    return { positions, byUnderlying, byBook, total: { ...this.total } };
  }

  /** The value of a metric over a scope (0 for an empty scope). */
  metric(metric: LimitMetric, scope: LimitScope = { kind: 'total' }): number {
    const t = scope.kind === 'total' ? this.total : scope.kind === 'underlying' ? this.underlyingTotals.get(scope.name) : this.bookTotals.get(scope.name);
    return t === undefined ? 0 : t[metric];
  }

  private requireUnderlying(u: string): void {
    if (!this.market.has(u)) throw new InvalidInputError('position.underlying', 'has no market data (call updateMarket first)', u);
    if (this.model !== undefined && !this.model.index.has(u)) throw new InvalidInputError('position.underlying', 'is not a factor of the risk model', u);
  }

  private setLimitQuiet(l: ResolvedLimit): void {
    this.limits.set(l.id, l);
    if (!this.breached.has(l.id)) this.breached.set(l.id, false);
  }

  private revalue(id: string): void {
    const p = this.positions.get(id)!;
    const r = positionRiskUnchecked(p, this.market.get(p.underlying)!);
    this.risks.set(id, { ...r, var: positionVaR(this.model, r) });
    this.revaluationCount++;
  }

  /** Re-sums the cells of the given underlyings, then the books and the total, then checks limits. */
  private refreshUnderlyings(underlyings: readonly string[], touchedBooks: readonly string[]): void {
    const books = new Set(touchedBooks);
    for (const u of underlyings) {
      const cell = new Map<string, RiskTotals>();
      const ut = emptyTotals();
      for (const id of this.byUnderlyingIds.get(u) ?? []) {
        const r = this.risks.get(id)!;
        let c = cell.get(r.book);
        if (c === undefined) cell.set(r.book, (c = emptyTotals()));
        addTotals(c, r);
        addTotals(ut, r);
        books.add(r.book);
      }
      for (const b of this.cells.get(u)?.keys() ?? []) books.add(b);
      if (cell.size === 0) {
        this.cells.delete(u);
        this.underlyingTotals.delete(u);
      } else {
        this.cells.set(u, cell);
        let v = 0;
        if (this.model !== undefined) {
          const { dd, dg } = unitVectors(this.model, u, ut);
          v = scopeVaR(this.model, dd, dg);
        }
        this.underlyingTotals.set(u, { ...ut, var: v });
      }
    }
    const k = this.model?.factors.length ?? 0;
    for (const b of books) {
      const t = emptyTotals();
      const dd = new Float64Array(k);
      const dg = new Float64Array(k);
      let any = false;
      for (const [u, cell] of this.cells) {
        const c = cell.get(b);
        if (c === undefined) continue;
        any = true;
        addTotals(t, c);
        if (this.model !== undefined) {
          const i = this.model.index.get(u)!;
          dd[i] += c.dollarDelta;
          dg[i] += c.dollarGamma;
        }
      }
      if (!any) this.bookTotals.delete(b);
      else this.bookTotals.set(b, { ...t, var: scopeVaR(this.model, dd, dg) });
    }
    const total = emptyTotals();
    const dd = new Float64Array(k);
    const dg = new Float64Array(k);
    for (const [u, t] of this.underlyingTotals) {
      addTotals(total, t);
      if (this.model !== undefined) {
        const i = this.model.index.get(u)!;
        dd[i] = t.dollarDelta;
        dg[i] = t.dollarGamma;
      }
    }
    this.total = { ...total, var: scopeVaR(this.model, dd, dg) };
    this.checkLimits();
  }

  private checkLimits(): void {
    for (const l of this.limits.values()) {
      const value = this.metric(l.metric, l.scope);
      const was = this.breached.get(l.id) ?? false;
      const now = nextBreachState(was, value, l.max, l.hysteresis);
      if (now === was) continue;
      this.breached.set(l.id, now);
      const event: LimitEvent = { type: now ? 'breach' : 'clear', limitId: l.id, metric: l.metric, scope: l.scope, value, max: l.max };
      for (const fn of this.listeners[event.type]) fn(event);
    }
  }
}
