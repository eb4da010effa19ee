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
 * Trinomial tree in ln x (Boyle 1986; Kamrad & Ritchken 1991, stretch λ = √3, i.e. Hull's
 * dx = σ√(3dt)), with probabilities that match the first two moments of the log step exactly
 * (Clewlow & Strickland 1998, §3.6): with ν = r − q − σ²/2 and m2 = σ²dt + ν²dt²,
 *   pu = ½(m2/dx² + ν·dt/dx),  pd = ½(m2/dx² − ν·dt/dx),  pm = 1 − m2/dx².
 * All three are >= 0 iff √m2 <= dx <= m2/(|ν|dt); dx = σ√(3dt) is clamped into that interval,
 * which is never empty, so the tree is valid for every σ > 0 (for tiny σ it becomes a drift tree).
 */
export function trinomialLattice(a: LatticeInputs): TrinomialLattice {
  const dt = a.expiry / a.steps;
  const drift = logDrift(a) * dt;
  const m2 = a.vol * a.vol * dt + drift * drift;
  let dx = a.vol * Math.sqrt(3 * dt);
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
