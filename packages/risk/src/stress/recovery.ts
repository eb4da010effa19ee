import { InfeasibleError, InvalidInputError, requireInteger, requirePositive } from '@quantforge/core';
import { positionRiskUnchecked } from '../book/revalue';
import type { Book, PositionRisk } from '../book/types';
import { validateLimit } from '../monitor/limits';
import type { RiskLimit } from '../monitor/limits';
import { resolveRiskModel } from '../monitor/parametric-var';
import type { ParametricRiskModel } from '../monitor/parametric-var';
import { aggregateSnapshot } from '../monitor/snapshot';
import type { RiskSnapshot } from '../monitor/snapshot';
import { requireBook } from './stress-test';

/** Options of {@link proposeRecovery}. */
export interface RecoveryOptions {
  limits: readonly RiskLimit[];
  /** Needed when a limit watches `var`. */
  riskModel?: ParametricRiskModel;
  /** Fraction of each position's current quantity cut per greedy step (default 0.1). */
  step?: number;
  /** Step cap (default 1000). */
  maxSteps?: number;
}

/** One proposed reduction. */
export interface Reduction {
  id: string;
  fromQuantity: number;
  toQuantity: number;
}

/** Result of {@link proposeRecovery}. */
export interface RecoveryProposal {
  reductions: Reduction[];
  /** Greedy steps taken. */
  steps: number;
  /** Limit values before and after, by limit id. */
  before: Record<string, number>;
  after: Record<string, number>;
  /** Gross notional cut, Σ |Δquantity × multiplier × spot|. */
  notionalReduced: number;
}

type Scope = ReturnType<typeof validateLimit>;

function limitValue(s: RiskSnapshot, l: Scope): number {
  const t = l.scope.kind === 'total' ? s.total : l.scope.kind === 'underlying' ? s.byUnderlying[l.scope.name] : s.byBook[l.scope.name];
  return t === undefined ? 0 : t[l.metric];
}

/**
 * Proposes position reductions that bring a breached book back inside its limits: a greedy
 * descent that, at each step, cuts by `step` × original quantity the position with the largest
 * reduction of the total relative excess Σ_l max(0, |metric_l| − max_l)/max_l per unit of gross
 * notional cut, until no limit is breached. Greeks scale linearly with quantity, so each step
 * re-aggregates the unit greeks (no repricing); VaR limits use the parametric model. Greedy is not
 * optimal (an LP would be, for greek limits only, which are linear in the quantities); it is
 * simple, handles the non-linear VaR, and only ever reduces positions (never adds hedges).
 * Cost O(steps × n²).
 *
 * @throws InfeasibleError('no-improving-reduction') when no single reduction lowers the excess
 *   (e.g. a limit that only a new hedge could satisfy), or ('max-steps') when the cap is hit.
 */
export function proposeRecovery(book: Book, options: RecoveryOptions): RecoveryProposal {
  requireBook(book);
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'must be an object', options);
  if (!Array.isArray(options.limits) || options.limits.length === 0) throw new InvalidInputError('limits', 'must be a non-empty array', options.limits);
  const limits = options.limits.map((l, i) => validateLimit(l, `limits[${i}]`));
  const model = options.riskModel === undefined ? undefined : resolveRiskModel(options.riskModel);
  if (model === undefined && limits.some((l) => l.metric === 'var')) throw new InvalidInputError('riskModel', 'is required for a var limit');
  const step = options.step === undefined ? 0.1 : requirePositive('step', options.step);
  if (step > 1) throw new InvalidInputError('step', 'must be <= 1', step);
  const maxSteps = options.maxSteps === undefined ? 1000 : requireInteger('maxSteps', options.maxSteps, 1);
  const positions = book.positions;
  const units = positions.map((p) => positionRiskUnchecked(p, book.market[p.underlying]));
  const keep = new Float64Array(positions.length).fill(1);
  const rowsAt = (k: Float64Array): PositionRisk[] =>
    units.map((u, i) => ({
      ...u,
      value: u.value * k[i],
      delta: u.delta * k[i],
      gamma: u.gamma * k[i],
      vega: u.vega * k[i],
      rho: u.rho * k[i],
      theta: u.theta * k[i],
      notional: u.notional * k[i],
      dollarDelta: u.dollarDelta * k[i],
      dollarGamma: u.dollarGamma * k[i],
    }));
  const excessOf = (s: RiskSnapshot) =>
    limits.reduce((acc, l) => acc + Math.max(0, Math.abs(limitValue(s, l)) - l.max) / (l.max > 0 ? l.max : 1), 0);
  const values = (s: RiskSnapshot) => Object.fromEntries(limits.map((l) => [l.id, limitValue(s, l)]));
  let snap = aggregateSnapshot(rowsAt(keep), model);
  const before = values(snap);
  let excess = excessOf(snap);
  let steps = 0;
  while (excess > 0) {
    if (steps >= maxSteps) throw new InfeasibleError('max-steps', `proposeRecovery: limits still breached after ${maxSteps} steps; raise maxSteps or step`);
    let best = -1;
    let bestScore = 0;
    let bestSnap: RiskSnapshot | undefined;
    let bestExcess = excess;
    for (let i = 0; i < positions.length; i++) {
      if (keep[i] <= 0 || units[i].notional === 0) continue;
      const trial = keep.slice();
      const cut = Math.min(step, trial[i]);
      trial[i] -= cut;
      const s = aggregateSnapshot(rowsAt(trial), model);
      const e = excessOf(s);
      const score = (excess - e) / (cut * units[i].notional);
      if (score > bestScore) {
        bestScore = score;
        best = i;
        bestSnap = s;
        bestExcess = e;
      }
    }
    if (best < 0 || bestSnap === undefined) {
      throw new InfeasibleError('no-improving-reduction', 'proposeRecovery: no position reduction lowers the limit excess; the limits need a hedge or a higher max');
    }
    keep[best] = Math.max(0, keep[best] - step);
    snap = bestSnap;
    excess = bestExcess;
    steps++;
  }
  const reductions: Reduction[] = [];
  let notionalReduced = 0;
  positions.forEach((p, i) => {
    if (keep[i] < 1) {
      reductions.push({ id: p.id, fromQuantity: p.quantity, toQuantity: p.quantity * keep[i] });
      notionalReduced += units[i].notional * (1 - keep[i]);
    }
  });
  return { reductions, steps, before, after: values(snap), notionalReduced };
}
