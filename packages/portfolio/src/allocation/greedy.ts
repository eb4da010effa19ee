import { InvalidInputError } from '@quantforge/core';
import { allocationProblem, finishAllocation, type DiscreteAllocation, type DiscreteAllocationInput } from './inputs';

/** Input of {@link discreteAllocation}. */
export interface GreedyAllocationInput extends DiscreteAllocationInput {
  /** Only `'greedy'` (largest remainder) is synchronous; use discreteAllocationMip for the exact method. */
  method?: 'greedy';
}

/**
 * Turns target weights into whole shares by the largest-remainder method, with exact decimal.js
 * money: (1) buy ⌊w_i V / c_i⌋ lots of each asset (c_i = lot size × price); (2) with the cash left,
 * repeatedly buy one more lot of the asset with the largest remaining shortfall w_i V − value_i
 * among those whose lot still fits in the cash, until none does. Each asset gets at most one extra
 * lot, so it runs in O(N log N). Never overspends: Σ shares_i price_i ≤ totalValue exactly.
 * Long only (weights ≥ 0, Σ w ≤ 1; the rest stays cash).
 *
 * Greedy is fast but not optimal; {@link discreteAllocationMip} solves the integer program.
 *
 * @throws InvalidInputError for negative or non-finite weights, Σ w > 1, bad prices/lots, mismatched lengths.
 */
export function discreteAllocation(input: GreedyAllocationInput): DiscreteAllocation {
  if (input?.method !== undefined && input.method !== 'greedy') {
    throw new InvalidInputError('method', "must be 'greedy' (the exact method is the async discreteAllocationMip)", input.method);
  }
  const p = allocationProblem(input);
  const counts = new Array<number>(p.n);
  let cash = p.total;
  for (let i = 0; i < p.n; i++) {
    let k = p.targets[i].div(p.lotCosts[i]).floor();
    // guard the division's last digit: k·c ≤ t must hold
    while (k.gt(0) && p.lotCosts[i].mul(k).gt(p.targets[i])) k = k.sub(1);
    if (k.gt(Number.MAX_SAFE_INTEGER)) throw new InvalidInputError(`prices[${i}]`, 'is too small for totalValue: more than 2^53 lots');
    counts[i] = k.toNumber();
    cash = cash.sub(p.lotCosts[i].mul(k));
  }
  const shortfall = counts.map((k, i) => p.targets[i].sub(p.lotCosts[i].mul(k)));
  const order = Array.from({ length: p.n }, (_, i) => i).sort((a, b) => shortfall[b].cmp(shortfall[a]) || a - b);
  for (const i of order) {
    if (!shortfall[i].gt(0)) break;
    if (p.lotCosts[i].lte(cash)) {
      counts[i]++;
      cash = cash.sub(p.lotCosts[i]);
    }
  }
  return finishAllocation(p, counts, 'greedy');
}
