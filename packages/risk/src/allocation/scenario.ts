import { InvalidInputError, quantileSorted, requireInteger } from '@quantforge/core';
import { requireConfidence } from '../montecarlo/estimate';

/** Inputs of the scenario (Monte Carlo / historical) Euler allocation. */
export interface ScenarioAllocationInput {
  /** Position P&L per scenario: `positionPnl[i][s]` (e.g. `monteCarloVaR(...).positionPnl`). */
  positionPnl: readonly ArrayLike<number>[];
  confidence: number;
  /**
   * Number of scenarios on each side of the VaR order statistic averaged by the estimator
   * (default ⌈√n / 2⌉): the window is the 2·bandwidth + 1 scenarios whose total loss ranks nearest VaR.
   */
  bandwidth?: number;
}

/** Scenario VaR and its Euler decomposition. */
export interface ScenarioAllocation {
  /** Type-7 quantile of the total loss. */
  var: number;
  /**
   * Component VaR: −E[P&L_i | total loss ≈ VaR] by the conditional-expectation estimator
   * (Gourieroux, Laurent & Scaillet 2000; Hallerbach 2003) over the window around the VaR order
   * statistic, rescaled by `var / rawSum` so the components sum to `var` exactly.
   */
  component: Float64Array;
  /** The estimator before the rescaling (they sum to the mean loss of the window, `rawSum`). */
  rawComponent: Float64Array;
  rawSum: number;
  /**
   * Marginal VaR per unit of position scale: equal to `component` (each position is its own unit;
   * for a position held in q units the per-unit marginal is component / q).
   */
  marginal: Float64Array;
  percent: Float64Array;
}

function readPnl(positionPnl: readonly ArrayLike<number>[]): { n: number; total: Float64Array } {
  if (!Array.isArray(positionPnl) || positionPnl.length === 0) {
    throw new InvalidInputError('positionPnl', 'must be a non-empty array of per-position P&L vectors', positionPnl);
  }
  const n = positionPnl[0]?.length;
  if (typeof n !== 'number' || n < 2) throw new InvalidInputError('positionPnl[0]', 'needs at least 2 scenarios', n);
  const total = new Float64Array(n);
  positionPnl.forEach((row, i) => {
    if (row?.length !== n) throw new InvalidInputError(`positionPnl[${i}]`, `must have ${n} scenarios like positionPnl[0]`, row?.length);
    for (let s = 0; s < n; s++) {
      const v = row[s];
      if (!Number.isFinite(v)) throw new InvalidInputError(`positionPnl[${i}][${s}]`, 'must be a finite number', v);
      total[s] += v;
    }
  });
  return { n, total };
}

/**
 * Euler allocation of a scenario VaR (Monte Carlo or historical): components by the
 * conditional-expectation estimator, which has O(1/√window) noise; see {@link ScenarioAllocation}.
 */
export function scenarioAllocation(input: ScenarioAllocationInput): ScenarioAllocation {
  if (input === null || typeof input !== 'object') throw new InvalidInputError('input', 'must be an object', input);
  const p = requireConfidence(input.confidence);
  const { n, total } = readPnl(input.positionPnl);
  const order = Array.from({ length: n }, (_, s) => s).sort((a, b) => total[b] - total[a]); // ascending loss
  const losses = Float64Array.from(order, (s) => 0 - total[s]);
  const VaR = quantileSorted(losses, p);
  const bw = input.bandwidth === undefined ? Math.ceil(Math.sqrt(n) / 2) : requireInteger('bandwidth', input.bandwidth, 0);
  const centre = Math.round((n - 1) * p);
  const lo = Math.max(0, centre - bw);
  const hi = Math.min(n - 1, centre + bw);
  const count = hi - lo + 1;
  const k = input.positionPnl.length;
  const raw = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const row = input.positionPnl[i];
    let a = 0;
    for (let r = lo; r <= hi; r++) a -= row[order[r]];
    raw[i] = a / count;
  }
  let rawSum = 0;
  for (let i = 0; i < k; i++) rawSum += raw[i];
  if (rawSum === 0) throw new InvalidInputError('positionPnl', 'the losses near VaR sum to zero; components cannot be scaled');
  const f = VaR / rawSum;
  const component = raw.map((c) => c * f);
  return { var: VaR, component, rawComponent: raw, rawSum, marginal: component.slice(), percent: component.map((c) => c / VaR) };
}

/** Type-7 VaR of a total P&L vector (helper for incremental VaR). */
export function scenarioVaR(total: ArrayLike<number>, confidence: number): number {
  const losses = Float64Array.from(total, (v) => 0 - v).sort();
  return quantileSorted(losses, confidence);
}

export { readPnl as totalScenarioPnl };
