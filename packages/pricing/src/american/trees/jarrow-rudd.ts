import { logDrift } from './lattice';
import type { BinomialLattice, LatticeInputs } from './lattice';

/**
 * Jarrow & Rudd (1983), equal probabilities: ln-moves ν·dt ± σ√dt with ν = r − q − σ²/2 and
 * pu = ½ (QuantLib JarrowRudd). The tree matches the log-mean and log-variance exactly; the
 * discounted stock is a martingale only to O(dt²) per step.
 */
export function jarrowRuddLattice(a: LatticeInputs): BinomialLattice {
  const dt = a.expiry / a.steps;
  const drift = logDrift(a) * dt;
  const dx = a.vol * Math.sqrt(dt);
  return { up: Math.exp(drift + dx), down: Math.exp(drift - dx), pu: 0.5 };
}
