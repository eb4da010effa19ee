/**
 * Parametric VaR and expected shortfall (positive losses, units of the returns), conventions of
 * shared/reference/risk/var.json: mean x̄, sample standard deviation s (ddof 1), c the confidence.
 *
 * - `'normal'`: VaR = −x̄ + s·z_c, ES = −x̄ + s·φ(z_c)/(1 − c), z_c = Φ⁻¹(c).
 * - `'cornish-fisher'` (modified VaR; Zangari 1996, Favre & Galeano 2002): z = Φ⁻¹(1 − c),
 *   S = skewness, K = excess kurtosis (biased moments m3/m2^{3/2}, m4/m2² − 3),
 *   z_cf = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36, VaR = −(x̄ + s·z_cf).
 *   (No ES: the expansion does not define a distribution.)
 * - `'t'`: location-scale Student-t fitted by maximum likelihood ({@link fitStudentT}):
 *   VaR = −loc + scale·t_c, ES = −loc + scale·f_ν(t_c)/(1 − c)·(ν + t_c²)/(ν − 1), t_c = T_ν⁻¹(c)
 *   (ES needs ν > 1).
 */
import { InvalidInputError, mean, normInv, normPdf, skewness, excessKurtosis, standardDeviation, studentTInv, studentTPdf } from '@quantforge/core';
import { fitStudentT } from './student-t-fit';
import type { StudentTFit } from './student-t-fit';
import { requireConfidence, requireOptions, requireReturns } from './validate';

/** Distributions of {@link parametricVaR}. */
export type ParametricDistribution = 'normal' | 't' | 'cornish-fisher';

/** Options of {@link parametricVaR} / {@link parametricES}. */
export interface ParametricVaROptions {
  /** Confidence level c in (0, 1). */
  confidence: number;
  /** `'normal'` (default), `'t'` or `'cornish-fisher'` (VaR only). */
  distribution?: ParametricDistribution;
  /** A Student-t fit to reuse (skips the ML fit; `'t'` only). */
  tFit?: Pick<StudentTFit, 'dof' | 'loc' | 'scale'>;
}

function parse(returns: ArrayLike<number>, options: ParametricVaROptions, allowCF: boolean) {
  const o = requireOptions(options);
  const c = requireConfidence(o.confidence);
  const dist = (o.distribution ?? 'normal') as ParametricDistribution;
  if (dist !== 'normal' && dist !== 't' && !(allowCF && dist === 'cornish-fisher')) {
    throw new InvalidInputError('distribution', allowCF ? "must be 'normal', 't' or 'cornish-fisher'" : "must be 'normal' or 't'", dist);
  }
  const x = requireReturns(returns, dist === 'normal' ? 2 : 3);
  return { c, dist, x };
}

function tParams(x: Float64Array, given: ParametricVaROptions['tFit']): { dof: number; loc: number; scale: number } {
  if (given === undefined) return fitStudentT(x);
  for (const k of ['dof', 'loc', 'scale'] as const) {
    if (typeof given[k] !== 'number' || !Number.isFinite(given[k])) throw new InvalidInputError(`tFit.${k}`, 'must be a finite number', given[k]);
  }
  if (!(given.dof > 0)) throw new InvalidInputError('tFit.dof', 'must be > 0', given.dof);
  if (!(given.scale > 0)) throw new InvalidInputError('tFit.scale', 'must be > 0', given.scale);
  return given;
}

/**
 * Parametric VaR of a return series under a normal, Student-t (ML fit) or Cornish-Fisher model.
 * @throws InvalidInputError for non-finite returns (naming the index), fewer than 2 (normal) or
 *   3 (t, Cornish-Fisher) observations, a confidence outside (0, 1) or an unknown distribution.
 * @example parametricVaR(returns, { confidence: 0.99, distribution: 'cornish-fisher' })
 */
export function parametricVaR(returns: ArrayLike<number>, options: ParametricVaROptions): number {
  const { c, dist, x } = parse(returns, options, true);
  if (dist === 't') {
    const f = tParams(x, options.tFit);
    return -f.loc + f.scale * studentTInv(c, f.dof);
  }
  const m = mean(x);
  const s = standardDeviation(x, 1);
  if (dist === 'normal') return -m + s * normInv(c);
  const z = normInv(1 - c);
  const S = skewness(x);
  const K = excessKurtosis(x);
  const z2 = z * z;
  const z3 = z2 * z;
  const zcf = z + ((z2 - 1) * S) / 6 + ((z3 - 3 * z) * K) / 24 - ((2 * z3 - 5 * z) * S * S) / 36;
  return -(m + s * zcf);
}

/**
 * Parametric expected shortfall under a normal or Student-t (ML fit) model. The t ES needs ν > 1.
 * @throws as {@link parametricVaR}; InvalidInputError for `'cornish-fisher'` (no ES defined) or a
 *   fitted ν ≤ 1 (infinite mean loss).
 */
export function parametricES(returns: ArrayLike<number>, options: ParametricVaROptions): number {
  const { c, dist, x } = parse(returns, options, false);
  if (dist === 't') {
    const f = tParams(x, options.tFit);
    if (!(f.dof > 1)) throw new InvalidInputError('tFit.dof', 'the t expected shortfall needs dof > 1 (the mean loss is infinite)', f.dof);
    const t = studentTInv(c, f.dof);
    return -f.loc + ((f.scale * studentTPdf(t, f.dof)) / (1 - c)) * ((f.dof + t * t) / (f.dof - 1));
  }
  const m = mean(x);
  const s = standardDeviation(x, 1);
  const z = normInv(c);
  return -m + (s * normPdf(z)) / (1 - c);
}
