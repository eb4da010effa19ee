import type { AmericanParams } from '../types';

/**
 * The simulation grid of the Longstaff-Schwartz engine: node k (0-based) is the exercise date
 * t[k] > 0; the last node is the expiry. Nodes are the `timeSteps` equally spaced dates
 * T·j/timeSteps (Longstaff & Schwartz 2001 use 50 per year for their Table 1) plus every cash
 * dividend date that is not already a node, so a holder can exercise just before a dividend.
 *
 * Spot values at a node are cum-dividend: the exercise value at a dividend date uses S before the
 * drop, and the path continues from max(S - D, 0). A dividend paid at time 0 is taken off the
 * initial spot (exercise at time 0 still sees the cum-dividend spot); a dividend at the expiry
 * gives the payoff max(h(S), h(S - D)) (exercise before or after the drop).
 */
export interface LsmGrid {
  /** Number of nodes (exercise dates). */
  n: number;
  time: Float64Array;
  /** Log-drift (r - q - σ²/2)·dt of the step into node k. */
  drift: Float64Array;
  /** Length Δt of the step into node k. */
  dt: Float64Array;
  /**
   * ∂t_k/∂T: how node k moves when the expiry moves by dT with the dividends (calendar time passing
   * shortens the expiry and brings every dividend date closer by the same amount): k/timeSteps for
   * the equally spaced dates, 1 for dividend dates.
   */
  timeSens: Float64Array;
  rate: number;
  /** Volatility σ (for the pathwise vega). */
  vol: number;
  /** σ·√dt of the step into node k. */
  sd: Float64Array;
  /** exp(-r·dt) of the step into node k. */
  disc: Float64Array;
  /** exp(-r·t[k]): discount factor from node k to today. */
  discToZero: Float64Array;
  /** Cash dividend paid right after node k (0 if none). */
  dividend: Float64Array;
  /** Sum of the dividends paid at time 0. */
  initialDividend: number;
}

/** Two dates closer than this fraction of the expiry are one node. */
const MERGE = 1e-10;

export function lsmGrid(p: AmericanParams, timeSteps: number): LsmGrid {
  const T = p.expiry;
  const times: number[] = [];
  for (let j = 1; j <= timeSteps; j++) times.push(j === timeSteps ? T : (T * j) / timeSteps);
  let initialDividend = 0;
  const divs: { time: number; amount: number }[] = [];
  for (const d of p.dividends) {
    if (d.time <= MERGE * T) initialDividend += d.amount;
    else divs.push(d);
  }
  // Add the dividend dates that are not already nodes.
  for (const d of divs) {
    const j = Math.min(timeSteps, Math.max(1, Math.round((d.time / T) * timeSteps)));
    if (Math.abs(times[j - 1] - d.time) > MERGE * T) times.push(d.time);
  }
  times.sort((a, b) => a - b);
  const n = times.length;
  const time = Float64Array.from(times);
  const drift = new Float64Array(n);
  const sd = new Float64Array(n);
  const disc = new Float64Array(n);
  const discToZero = new Float64Array(n);
  const dividend = new Float64Array(n);
  const dts = new Float64Array(n);
  const timeSens = new Float64Array(n);
  const mu = p.rate - p.dividendYield - 0.5 * p.vol * p.vol;
  for (let k = 0; k < n; k++) {
    const dt = time[k] - (k === 0 ? 0 : time[k - 1]);
    dts[k] = dt;
    timeSens[k] = time[k] / T;
    drift[k] = mu * dt;
    sd[k] = p.vol * Math.sqrt(dt);
    disc[k] = Math.exp(-p.rate * dt);
    discToZero[k] = Math.exp(-p.rate * time[k]);
  }
  for (const d of divs) {
    // The node nearest to the dividend date (it exists by construction).
    let best = 0;
    for (let k = 1; k < n; k++) if (Math.abs(time[k] - d.time) < Math.abs(time[best] - d.time)) best = k;
    dividend[best] += d.amount;
    timeSens[best] = 1;
  }
  return { n, time, dt: dts, timeSens, rate: p.rate, vol: p.vol, drift, sd, disc, discToZero, dividend, initialDividend };
}

