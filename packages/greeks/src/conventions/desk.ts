import { InvalidInputError, requireObject, requirePositive } from '@quantforge/core';
import type { BsGreekName } from '../greek-names';
import { BS_GREEK_NAMES } from '../greek-names';

/** Options of the desk-convention helpers. */
export interface DeskOptions {
  /** Days per year for the per-day time greeks: 365 (calendar, default) or e.g. 252 (trading). */
  daysPerYear?: number;
}

/**
 * Multiplier turning a raw greek (as returned by `bsGreeks`/`black76Greeks`) into desk units.
 * With D = daysPerYear, a vol point = 0.01 of vol and 1% of rate = 100 bp = 0.01:
 *
 * | greek | desk unit | factor |
 * |---|---|---|
 * | price, delta, gamma, speed, dualDelta, dualGamma | unchanged | 1 |
 * | theta | per calendar day | 1/D |
 * | charm, color | change of delta / gamma per day | 1/D |
 * | vega | per vol point | 1/100 |
 * | vanna, zomma | change of delta / gamma per vol point | 1/100 |
 * | volga | change of (per-point) vega per vol point | 1/100² |
 * | ultima | change of (per-point) volga per vol point | 1/100³ |
 * | veta | change of (per-point) vega per day | 1/(100·D) |
 * | rho, phi | per 1% (100 bp) move of rate / dividend yield | 1/100 |
 */
export function deskScaleFactor(greek: BsGreekName, options: DeskOptions = {}): number {
  const days = requirePositive('daysPerYear', requireObject('options', options).daysPerYear ?? 365);
  switch (greek) {
    case 'price':
    case 'delta':
    case 'gamma':
    case 'speed':
    case 'dualDelta':
    case 'dualGamma':
      return 1;
    case 'theta':
    case 'charm':
    case 'color':
      return 1 / days;
    case 'vega':
    case 'vanna':
    case 'zomma':
    case 'rho':
    case 'phi':
      return 0.01;
    case 'volga':
      return 1e-4;
    case 'ultima':
      return 1e-6;
    case 'veta':
      return 0.01 / days;
    default:
      throw new InvalidInputError('greek', `must be one of ${BS_GREEK_NAMES.join(', ')}`, greek);
  }
}

/**
 * Rescales raw greeks into desk units (see {@link deskScaleFactor} for the table): theta per
 * day, vega per vol point, rho/phi per 1%, and so on. Explicit only — no function in this
 * package returns desk units by default. Works on the result of `bsGreeks` or `black76Greeks`
 * (or any subset of their fields); the input is not modified.
 *
 * Time greeks are divided by `daysPerYear` (a per-day figure, not the exact one-day change).
 *
 * @example
 * const desk = toDeskGreeks(bsGreeks({ type: 'put', spot: 100, strike: 95, expiry: 0.5, rate: 0.03, vol: 0.2 }));
 * desk.theta; // value lost per calendar day
 */
export function toDeskGreeks<T extends Partial<Record<BsGreekName, number>>>(greeks: T, options: DeskOptions = {}): T {
  const g = requireObject('greeks', greeks);
  const days = requirePositive('daysPerYear', requireObject('options', options).daysPerYear ?? 365);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(g)) {
    const value = g[key];
    if (!(BS_GREEK_NAMES as readonly string[]).includes(key) || typeof value !== 'number') out[key] = value;
    // theta, charm, color: divided by days (one rounding; value * (1/days) rounds twice).
    else if (key === 'theta' || key === 'charm' || key === 'color') out[key] = value / days;
    else out[key] = value * deskScaleFactor(key as BsGreekName, { daysPerYear: days });
  }
  return out as T;
}
