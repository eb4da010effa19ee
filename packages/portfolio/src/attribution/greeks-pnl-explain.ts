import { InvalidInputError } from '@quantforge/core';

/** A position's sensitivities, raw partial derivatives per unit (quantforge's greek convention). */
export interface PositionGreeks {
  /** dV/dS. */
  delta: number;
  /** d²V/dS². */
  gamma?: number;
  /** dV/dvol per 1.00 of vol. */
  vega?: number;
  /** dV/dt per year as calendar time passes (= −dV/dexpiry). */
  theta?: number;
  /** dV/drate per 1.00 of rate. */
  rho?: number;
  /** d²V/dS dvol (optional second-order cross term). */
  vanna?: number;
  /** d²V/dvol² (optional). */
  volga?: number;
}

/** Market moves over the explain period. */
export interface MarketMoves {
  /** Change of the underlying price ΔS (currency units). Default 0. */
  spot?: number;
  /** Change of the implied volatility Δσ (annual decimal, 0.01 = one vol point). Default 0. */
  vol?: number;
  /** Elapsed time Δt in years (e.g. 1/365 for one calendar day). Default 0. */
  time?: number;
  /** Change of the rate Δr (annual decimal). Default 0. */
  rate?: number;
}

/** One position of the book. */
export interface ExplainPosition {
  /** Number of units held (negative = short). */
  quantity: number;
  /** Greeks of one unit at the start of the period. */
  greeks: PositionGreeks;
  /** Moves of this position's market (override the book-level `moves` field by field). */
  moves?: MarketMoves;
  /** Optional label echoed in the breakdown. */
  id?: string;
  /** The actual (full revaluation) P&L of the position, if known: enables a per-position `unexplained`. */
  actualPnl?: number;
}

/** Input of {@link greeksPnlExplain}. */
export interface GreeksPnlExplainInput {
  positions: readonly ExplainPosition[];
  /** Book-level moves (default for every position). */
  moves?: MarketMoves;
  /** The book's actual P&L from full revaluation; gives `unexplained`. */
  actualPnl?: number;
}

/** P&L terms (currency units). */
export interface PnlTerms {
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
  vanna: number;
  volga: number;
  /** The sum of the terms above. */
  explained: number;
  /** actual − explained (null when the actual P&L was not given). */
  unexplained: number | null;
}

/** The result of {@link greeksPnlExplain}. */
export interface GreeksPnlExplain extends PnlTerms {
  positions: (PnlTerms & { id: string })[];
}

function finiteOr0(field: string, v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(field, 'must be a finite number', v);
  return v;
}

/**
 * Greeks-based P&L explain (Taylor expansion of each position's value):
 * ΔV ≈ Δ·ΔS + ½Γ·ΔS² + ν·Δσ + Θ·Δt + ρ·Δr [+ vanna·ΔS·Δσ + ½ volga·Δσ²], times the quantity,
 * summed over the book; unexplained = actual − explained. The error of the first five terms is
 * second order in the moves (cross terms such as vanna, volga, charm), so unexplained/actual → 0
 * as the moves shrink; adding vanna and volga leaves the terms in Δt·ΔS, Δt² and third order.
 * Greeks are raw partial derivatives (vega per 1.00 of vol, theta per year), as @quantforge/greeks.
 *
 * @throws InvalidInputError naming the field for non-finite quantities, greeks or moves.
 */
export function greeksPnlExplain(input: GreeksPnlExplainInput): GreeksPnlExplain {
  if (input === null || typeof input !== 'object') throw new InvalidInputError('input', 'must be an object', input);
  if (!Array.isArray(input.positions)) throw new InvalidInputError('positions', 'must be an array of positions', input.positions);
  const book = input.moves ?? {};
  const total: PnlTerms = { delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0, vanna: 0, volga: 0, explained: 0, unexplained: null };
  const positions = input.positions.map((p, i) => {
    const f = `positions[${i}]`;
    if (p === null || typeof p !== 'object') throw new InvalidInputError(f, 'must be an object', p);
    const q = finiteOr0(`${f}.quantity`, p.quantity);
    if (p.quantity === undefined) throw new InvalidInputError(`${f}.quantity`, 'is required (units held, negative for short)');
    const g = p.greeks;
    if (g === null || typeof g !== 'object') throw new InvalidInputError(`${f}.greeks`, 'must be an object with at least delta', g);
    if (g.delta === undefined) throw new InvalidInputError(`${f}.greeks.delta`, 'is required');
    const m = { ...book, ...(p.moves ?? {}) };
    const dS = finiteOr0(`${f}.moves.spot`, m.spot);
    const dv = finiteOr0(`${f}.moves.vol`, m.vol);
    const dt = finiteOr0(`${f}.moves.time`, m.time);
    const dr = finiteOr0(`${f}.moves.rate`, m.rate);
    const t: PnlTerms = {
      delta: q * finiteOr0(`${f}.greeks.delta`, g.delta) * dS,
      gamma: 0.5 * q * finiteOr0(`${f}.greeks.gamma`, g.gamma) * dS * dS,
      vega: q * finiteOr0(`${f}.greeks.vega`, g.vega) * dv,
      theta: q * finiteOr0(`${f}.greeks.theta`, g.theta) * dt,
      rho: q * finiteOr0(`${f}.greeks.rho`, g.rho) * dr,
      vanna: q * finiteOr0(`${f}.greeks.vanna`, g.vanna) * dS * dv,
      volga: 0.5 * q * finiteOr0(`${f}.greeks.volga`, g.volga) * dv * dv,
      explained: 0,
      unexplained: null,
    };
    t.explained = t.delta + t.gamma + t.vega + t.theta + t.rho + t.vanna + t.volga;
    if (p.actualPnl !== undefined) t.unexplained = finiteOr0(`${f}.actualPnl`, p.actualPnl) - t.explained;
    for (const k of ['delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'explained'] as const) total[k] += t[k];
    return { id: p.id ?? String(i), ...t };
  });
  if (input.actualPnl !== undefined) total.unexplained = finiteOr0('actualPnl', input.actualPnl) - total.explained;
  return { ...total, positions };
}
