import { InvalidInputError, requireFinite } from '@quantforge/core';
import { parametricAllocation } from './parametric';
import type { ParametricAllocationInput } from './parametric';
import { scenarioAllocation, scenarioVaR, totalScenarioPnl } from './scenario';
import type { ScenarioAllocationInput } from './scenario';

export type AllocationInput = ParametricAllocationInput | ScenarioAllocationInput;

function isScenario(input: AllocationInput): input is ScenarioAllocationInput {
  return input !== null && typeof input === 'object' && 'positionPnl' in input;
}

/**
 * Marginal VaR ∂VaR/∂x_i. Parametric (delta-normal) when given `{ exposures, covariance,
 * confidence }`: z(Σx)_i/σ_p − μ_i. From scenarios when given `{ positionPnl, confidence }`:
 * −E[P&L_i | L = VaR] per unit of position scale (conditional-expectation estimator).
 */
export function marginalVaR(input: AllocationInput): Float64Array {
  return isScenario(input) ? scenarioAllocation(input).marginal : parametricAllocation(input).marginal;
}

/**
 * Component VaR x_i ∂VaR/∂x_i (Euler allocation): the components sum to the total VaR
 * (exactly for the parametric form up to rounding; for scenarios after the rescaling documented
 * on `scenarioAllocation`).
 */
export function componentVaR(input: AllocationInput): Float64Array {
  return isScenario(input) ? scenarioAllocation(input).component : parametricAllocation(input).component;
}

/** Result of {@link incrementalVaR}. */
export interface IncrementalVaR {
  /** VaR(book + change) − VaR(book), by full recomputation. */
  incremental: number;
  /** Its first-order estimate marginalᵀ·change (Jorion 2007, §7.2.3). */
  approximation: number;
  before: number;
  after: number;
}

/**
 * Incremental VaR of a trade. Parametric: `change` is added to the exposures. From scenarios:
 * `change` is the trade's P&L per scenario (the same scenarios as `positionPnl`).
 */
export function incrementalVaR(input: AllocationInput & { change: ArrayLike<number> }): IncrementalVaR {
  const change = input?.change;
  if (change === undefined || typeof change !== 'object' || typeof change.length !== 'number') {
    throw new InvalidInputError('change', 'must be an array of numbers', change);
  }
  if (isScenario(input)) {
    const { n, total } = totalScenarioPnl(input.positionPnl);
    if (change.length !== n) throw new InvalidInputError('change', `must have ${n} scenarios`, change.length);
    const before = scenarioVaR(total, input.confidence);
    const after = scenarioVaR(
      total.map((v, s) => v + requireFinite(`change[${s}]`, change[s])),
      input.confidence,
    );
    // First order: −E[trade P&L | L = VaR] over the same window as the component estimator.
    return { incremental: after - before, approximation: approxMarginal(input, total, change), before, after };
  }
  const base = parametricAllocation(input);
  const n = base.marginal.length;
  if (change.length !== n) throw new InvalidInputError('change', `must have ${n} entries`, change.length);
  const x = Float64Array.from(input.exposures);
  let approximation = 0;
  for (let i = 0; i < n; i++) {
    const d = requireFinite(`change[${i}]`, change[i]);
    x[i] += d;
    approximation += base.marginal[i] * d;
  }
  const after = parametricAllocation({ ...input, exposures: x }).var;
  return { incremental: after - base.var, approximation, before: base.var, after };
}

function approxMarginal(input: ScenarioAllocationInput, total: Float64Array, change: ArrayLike<number>): number {
  const n = total.length;
  const order = Array.from({ length: n }, (_, s) => s).sort((a, b) => total[b] - total[a]);
  const bw = input.bandwidth ?? Math.ceil(Math.sqrt(n) / 2);
  const centre = Math.round((n - 1) * input.confidence);
  const lo = Math.max(0, centre - bw);
  const hi = Math.min(n - 1, centre + bw);
  let a = 0;
  for (let r = lo; r <= hi; r++) a -= change[order[r]];
  return a / (hi - lo + 1);
}
