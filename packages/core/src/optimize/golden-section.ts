/**
 * Golden-section search for a minimum of a unimodal f on [lo, hi] (Kiefer 1953; Press et al.,
 * Numerical Recipes 3rd ed. §10.2): each step keeps the sub-bracket around the smaller of the two
 * interior values and reuses one function value, shrinking the bracket by 0.618… per evaluation.
 * Unchecked and allocation-light: the caller supplies a valid bracket (it is an inner-loop tool of
 * the SVI/SSVI arbitrage checks and the GPD profile likelihood).
 */

/** (√5 − 1)/2. */
const INV_PHI = 0.6180339887498949;

export interface GoldenSectionOptions {
  /** Iteration cap (default 100). */
  maxIterations?: number;
  /** Stop once hi − lo ≤ tolerance·max(1, |x₁|) (x₁ the lower interior point); omitted: only the cap stops. */
  tolerance?: number;
  /** Stop as soon as an interior value falls below this (e.g. 0 for "is there any negative value"). */
  stopBelow?: number;
}

export interface GoldenSectionResult {
  /** The interior point with the smaller value (the upper one on ties). */
  x: number;
  /** min(f(x₁), f(x₂)) at the end. */
  value: number;
}

export function goldenSectionMinimize(f: (x: number) => number, lo: number, hi: number, options: GoldenSectionOptions = {}): GoldenSectionResult {
  const maxIterations = options.maxIterations ?? 100;
  const { tolerance, stopBelow } = options;
  let x1 = hi - INV_PHI * (hi - lo);
  let x2 = lo + INV_PHI * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (
    let it = 0;
    it < maxIterations &&
    (tolerance === undefined || hi - lo > tolerance * Math.max(1, Math.abs(x1))) &&
    (stopBelow === undefined || (f1 >= stopBelow && f2 >= stopBelow));
    it++
  ) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - INV_PHI * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + INV_PHI * (hi - lo);
      f2 = f(x2);
    }
  }
  return { x: f1 < f2 ? x1 : x2, value: Math.min(f1, f2) };
}
