import { logDrift } from './lattice';
import type { LatticeInputs } from './lattice';

/** One step of a recombining trinomial tree in ln x: moves +dx, 0, −dx with pu, pm, pd. */
export interface TrinomialLattice {
  dx: number;
  pu: number;
  pm: number;
  pd: number;
}

/**
 * Stretch λ = dx/(σ√dt) of the strike-aligned tree: √(3/2), Kamrad & Ritchken's (1991) choice
 * (pm = 1/3 without drift). Measured on qdfp.json (Richardson, BBS smoothing, 1000 steps): max
 * error 2.0e-4 at √(3/2), 5.4e-4 at Hull's √3.
 */
export const TRINOMIAL_STRETCH = Math.sqrt(1.5);

/**
 * The step of a trinomial tree in ln x with space step `dx` (Boyle 1986; Kamrad & Ritchken 1991),
 * probabilities matching the first two moments of the log step exactly (Clewlow & Strickland
 * 1998, §3.6): with ν = r − q − σ²/2 and m2 = σ²dt + ν²dt²,
 *   pu = ½(m2/dx² + ν·dt/dx),  pd = ½(m2/dx² − ν·dt/dx),  pm = 1 − m2/dx².
 * All three are >= 0 iff √m2 <= dx <= m2/(|ν|dt); outside that interval this returns undefined.
 */
export function trinomialStep(a: LatticeInputs, dx: number): TrinomialLattice | undefined {
  const dt = a.expiry / a.steps;
  const drift = logDrift(a) * dt;
  const m2 = a.vol * a.vol * dt + drift * drift;
  const second = m2 / (dx * dx);
  const first = drift / dx;
  const pu = 0.5 * (second + first);
  const pd = 0.5 * (second - first);
  const pm = 1 - second;
  if (!(dx > 0 && Number.isFinite(dx) && pu >= 0 && pd >= 0 && pm >= 0)) return undefined;
  return { dx, pu, pd, pm };
}

/**
 * The unaligned trinomial tree (the fallback of {@link strikeAlignedGrid}): dx = σ√(3dt) clamped
 * into the interval where the probabilities of {@link trinomialStep} are >= 0, which is never
 * empty, so the tree is valid for every σ > 0 (for tiny σ it becomes a drift tree).
 */
export function trinomialLattice(a: LatticeInputs): TrinomialLattice {
  const dt = a.expiry / a.steps;
  const drift = logDrift(a) * dt;
  const m2 = a.vol * a.vol * dt + drift * drift;
  let dx = Math.sqrt(3) * a.vol * Math.sqrt(dt);
  const lower = Math.sqrt(m2);
  if (dx < lower) dx = lower;
  if (drift !== 0) {
    const upper = m2 / Math.abs(drift);
    if (dx > upper) dx = upper;
  }
  const second = m2 / (dx * dx);
  const first = drift / dx;
  const pu = Math.max(0.5 * (second + first), 0);
  const pd = Math.max(0.5 * (second - first), 0);
  return { dx, pu, pd, pm: Math.max(1 - pu - pd, 0) };
}

/**
 * Where the nodes of a trinomial tree lie: level k (t_k = k·dt) has the nodes
 * centre·e^{(i − k − halfWidth)·dx}, i = 0..2(k + halfWidth), so t = 0 has 2·halfWidth + 1 nodes
 * around `centre`. The price is read at the spot x0: the middle node when centre = x0 (halfWidth
 * 1), else by interpolation over the five nodes of t = 0 (halfWidth 2).
 */
export interface TrinomialGrid {
  lattice: TrinomialLattice;
  centre: number;
  halfWidth: 1 | 2;
}

/**
 * The strike-aligned grid: dx = λ·σ·√dt (λ = {@link TRINOMIAL_STRETCH}, the same at every step
 * count) and nodes K_T·e^{(j + shift)·dx}, K_T the strike the payoff sees at expiry; `centre` is
 * the node of t = 0 nearest the spot x0 (x0 itself when shift = 0 and x0 = K_T). Undefined when
 * the probabilities at this dx leave [0, 1] (tiny σ, huge drift), or K_T <= 0.
 *
 * Why: a tree whose payoff kink falls at a fraction of a space step that changes with n has an
 * error that jumps with n (the trinomial with dx = σ√(3dt) centred on the spot: 7e-3 at 1000
 * steps, not monotone), which defeats Richardson extrapolation. With the strike at a fixed
 * fraction (0 or ½) of a step — the alignment Kamrad & Ritchken (1991) and Figlewski & Gao
 * (1999) obtain by the choice of the grid — the error is smooth in n. The spot, which is then
 * between nodes, is read by quartic interpolation over the five nodes of t = 0 (an O(dx⁵) error).
 */
export function strikeAlignedGrid(a: LatticeInputs, shift: 0 | 0.5): TrinomialGrid | undefined {
  const strike = a.strike;
  if (!(strike > 0)) return undefined;
  const dx = TRINOMIAL_STRETCH * a.vol * Math.sqrt(a.expiry / a.steps);
  const lattice = trinomialStep(a, dx);
  if (lattice === undefined) return undefined;
  const x0 = a.x0;
  if (shift === 0 && x0 === strike) return { lattice, centre: x0, halfWidth: 1 };
  const j = Math.round(Math.log(x0 / strike) / dx - shift) + shift;
  return { lattice, centre: strike * Math.exp(j * dx), halfWidth: 2 };
}
