import { InvalidInputError, requireFinite, requireNonNegative } from '@quantforge/core';

/** Metrics a limit can watch. Greeks are raw (DESIGN.md units), in currency × quantity × multiplier. */
export type LimitMetric = 'delta' | 'gamma' | 'vega' | 'rho' | 'theta' | 'dollarDelta' | 'dollarGamma' | 'notional' | 'value' | 'var';

/** What a limit aggregates over: the whole monitor, one underlying or one book. */
export type LimitScope = { kind: 'total' } | { kind: 'underlying'; name: string } | { kind: 'book'; name: string };

/**
 * A risk limit: breached when |metric| > max (two-sided) or metric > max (`var`, `notional`).
 * With `hysteresis` h ∈ [0, 1) a breach clears only once |metric| <= max·(1 − h).
 */
export interface RiskLimit {
  id: string;
  metric: LimitMetric;
  scope?: LimitScope;
  max: number;
  hysteresis?: number;
}

/** Validates a limit; returns it with the default scope filled in. */
export function validateLimit(limit: RiskLimit, field = 'limit'): Required<Omit<RiskLimit, 'hysteresis'>> & { hysteresis: number } {
  if (limit === null || typeof limit !== 'object') throw new InvalidInputError(field, 'must be an object', limit);
  if (typeof limit.id !== 'string' || limit.id === '') throw new InvalidInputError(`${field}.id`, 'must be a non-empty string', limit.id);
  const metrics: LimitMetric[] = ['delta', 'gamma', 'vega', 'rho', 'theta', 'dollarDelta', 'dollarGamma', 'notional', 'value', 'var'];
  if (!metrics.includes(limit.metric)) throw new InvalidInputError(`${field}.metric`, `must be one of ${metrics.join(', ')}`, limit.metric);
  const max = requireNonNegative(`${field}.max`, limit.max);
  const h = limit.hysteresis === undefined ? 0 : requireFinite(`${field}.hysteresis`, limit.hysteresis);
  if (!(h >= 0 && h < 1)) throw new InvalidInputError(`${field}.hysteresis`, 'must be in [0, 1)', h);
  const scope = limit.scope ?? { kind: 'total' };
  if (scope.kind !== 'total' && ((scope.kind !== 'underlying' && scope.kind !== 'book') || typeof scope.name !== 'string')) {
    throw new InvalidInputError(`${field}.scope`, "must be { kind: 'total' } or { kind: 'underlying' | 'book', name }", scope);
  }
  return { id: limit.id, metric: limit.metric, scope, max, hysteresis: h };
}

/** The value a limit compares with its max: |x|. */
export function limitExposure(value: number): number {
  return Math.abs(value);
}

/** Breach state transition with hysteresis: returns the new breached flag. */
export function nextBreachState(breached: boolean, value: number, max: number, hysteresis: number): boolean {
  const x = limitExposure(value);
  return breached ? x > max * (1 - hysteresis) : x > max;
}
