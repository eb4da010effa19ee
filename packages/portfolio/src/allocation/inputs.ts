import { Decimal } from 'decimal.js';
import { InvalidInputError } from '@quantforge/core';

/** Money as decimal.js accepts it: a number, a decimal string ('1234.56') or a Decimal. */
export type MoneyInput = number | string | Decimal;

/** Input of {@link discreteAllocation} and {@link discreteAllocationMip}. */
export interface DiscreteAllocationInput {
  /** Target weights w_i ≥ 0 (long only), Σ w ≤ 1 (the rest stays cash), in input order. */
  weights: ArrayLike<number>;
  /** Price of one share of each asset (> 0). */
  prices: ArrayLike<MoneyInput>;
  /** Money to invest V (> 0). */
  totalValue: MoneyInput;
  /** Shares per tradable lot (positive integers, default 1): holdings are multiples of the lot. */
  lotSizes?: ArrayLike<number>;
}

/** The result of a discrete allocation. Money is decimal.js, exact. */
export interface DiscreteAllocation {
  /** Whole shares per asset (multiples of the lot size). */
  shares: number[];
  /** Money spent per asset, shares × price. */
  values: Decimal[];
  /** Σ values ≤ totalValue (never overspends). */
  spent: Decimal;
  /** totalValue − spent ≥ 0. */
  leftover: Decimal;
  /** values_i / totalValue. */
  achievedWeights: number[];
  /** √(mean_i (achieved_i − w_i)²), the RMSE of the weights (as PyPortfolioOpt reports). */
  weightRmse: number;
  /** Σ_i |w_i V − values_i| / V: the L1 value-tracking error as a fraction of V. */
  trackingErrorL1: number;
  /** Which method produced it. */
  method: 'greedy' | 'mip';
}

/** Validated allocation problem: targets t_i = w_i V, lot costs c_i = lot_i × price_i. */
export interface AllocationProblem {
  n: number;
  weights: Float64Array;
  prices: Decimal[];
  lots: number[];
  lotCosts: Decimal[];
  targets: Decimal[];
  total: Decimal;
}

/** decimal.js with enough digits that money arithmetic here is exact in practice. */
export const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });

function money(field: string, v: unknown): Decimal {
  if (!(typeof v === 'number' || typeof v === 'string' || Decimal.isDecimal(v))) {
    throw new InvalidInputError(field, 'must be a number, a decimal string or a Decimal', v);
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw new InvalidInputError(field, 'must be finite', v);
  let d: Decimal;
  try {
    d = new Money(v as Decimal.Value);
  } catch {
    throw new InvalidInputError(field, 'is not a valid decimal number', v);
  }
  if (!d.isFinite()) throw new InvalidInputError(field, 'must be finite', v);
  if (!d.gt(0)) throw new InvalidInputError(field, 'must be > 0', v);
  return d;
}

export function allocationProblem(input: DiscreteAllocationInput): AllocationProblem {
  if (input === null || typeof input !== 'object') throw new InvalidInputError('input', 'must be an object', input);
  const w = input.weights;
  if (w === null || typeof w !== 'object' || typeof w.length !== 'number') throw new InvalidInputError('weights', 'must be an array of numbers', w);
  const n = w.length;
  if (n < 1) throw new InvalidInputError('weights', 'needs at least one asset');
  const weights = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = w[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`weights[${i}]`, 'must be a finite number', v);
    if (v < 0) {
      throw new InvalidInputError(`weights[${i}]`, 'must be ≥ 0: discrete allocation is long only; allocate the short book separately with |w| and its own budget', v);
    }
    weights[i] = v;
    sum += v;
  }
  if (sum > 1 + 1e-9) throw new InvalidInputError('weights', `must sum to at most 1 (got ${sum}); normalise them or raise totalValue`);
  const p = input.prices;
  if (p === null || typeof p !== 'object' || p.length !== n) {
    throw new InvalidInputError('prices', `must have ${n} entries (one per weight), got ${p?.length}`);
  }
  const prices = Array.from({ length: n }, (_, i) => money(`prices[${i}]`, p[i]));
  const total = money('totalValue', input.totalValue);
  let lots: number[];
  if (input.lotSizes === undefined) lots = new Array<number>(n).fill(1);
  else {
    const l = input.lotSizes;
    if (l === null || typeof l !== 'object' || l.length !== n) throw new InvalidInputError('lotSizes', `must have ${n} entries (one per weight), got ${l?.length}`);
    lots = Array.from({ length: n }, (_, i) => {
      const v = l[i];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new InvalidInputError(`lotSizes[${i}]`, 'must be an integer ≥ 1 (shares per lot)', v);
      return v;
    });
  }
  const lotCosts = prices.map((pr, i) => pr.mul(lots[i]));
  const targets = Array.from(weights, (wi) => total.mul(wi));
  return { n, weights, prices, lots, lotCosts, targets, total };
}

/** Builds the result from lot counts, repairing any overspend (never expected) by selling the most overweight lots. */
export function finishAllocation(p: AllocationProblem, lotCounts: number[], method: 'greedy' | 'mip'): DiscreteAllocation {
  const counts = lotCounts.slice();
  let spent = counts.reduce((s, k, i) => s.add(p.lotCosts[i].mul(k)), new Money(0));
  while (spent.gt(p.total)) {
    let worst = -1;
    let worstOver = new Money(-Infinity);
    for (let i = 0; i < p.n; i++) {
      if (counts[i] === 0) continue;
      const over = p.lotCosts[i].mul(counts[i]).sub(p.targets[i]);
      if (over.gt(worstOver)) {
        worstOver = over;
        worst = i;
      }
    }
    counts[worst]--;
    spent = spent.sub(p.lotCosts[worst]);
  }
  const values = counts.map((k, i) => p.lotCosts[i].mul(k));
  const achieved = values.map((v) => v.div(p.total).toNumber());
  let se = 0;
  let l1 = new Money(0);
  for (let i = 0; i < p.n; i++) {
    se += (achieved[i] - p.weights[i]) ** 2;
    l1 = l1.add(p.targets[i].sub(values[i]).abs());
  }
  return {
    shares: counts.map((k, i) => k * p.lots[i]),
    values,
    spent,
    leftover: p.total.sub(spent),
    achievedWeights: achieved,
    weightRmse: Math.sqrt(se / p.n),
    trackingErrorL1: l1.div(p.total).toNumber(),
    method,
  };
}
