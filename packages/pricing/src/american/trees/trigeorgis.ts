import { logDrift } from './lattice';
import type { BinomialLattice, LatticeInputs } from './lattice';

/**
 * Trigeorgis (1991), the log-transformed CRR: equal jumps ±dx in ln x with
 * dx = √(σ²dt + ν²dt²), pu = ½ + ½·ν·dt/dx, ν = r − q − σ²/2 (QuantLib Trigeorgis). Its
 * probabilities are in (0, 1) for every σ > 0, so it is also the fallback of the other trees.
 */
export function trigeorgisLattice(a: LatticeInputs): BinomialLattice {
  const dt = a.expiry / a.steps;
  const drift = logDrift(a) * dt;
  const dx = Math.sqrt(a.vol * a.vol * dt + drift * drift);
  return { up: Math.exp(dx), down: Math.exp(-dx), pu: 0.5 + (0.5 * drift) / dx };
}
