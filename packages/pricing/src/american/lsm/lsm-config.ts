import { InvalidInputError, SOBOL_MAX_DIMENSION, requireInteger } from '@quantforge/core';
import type { AmericanOptions } from '../types';

/** Validated Longstaff-Schwartz settings (the LSM fields of {@link AmericanOptions} with their defaults). */
export interface LsmConfig {
  timeSteps: number;
  /** Total paths of each path set (policy and pricing); even when antithetic. */
  paths: number;
  seed: number;
  basis: 'laguerre' | 'monomial';
  degree: number;
  antithetic: boolean;
  sequence: 'pseudo' | 'sobol';
  upperBound: boolean;
  upperBoundPaths: number;
  nestedPaths: number;
}

export const LSM_MIN_PATHS = 1000;
export const LSM_MAX_TIME_STEPS = 10_000;
export const LSM_MAX_DEGREE = 8;
/** Cap on stored path values (paths × exercise dates) of the policy set: 5e7 doubles = 400 MB. */
export const LSM_MAX_CELLS = 5e7;

function intOption(field: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const x = requireInteger(`options.${field}`, value, min);
  if (x > max) throw new InvalidInputError(`options.${field}`, `must be an integer in [${min}, ${max}]`, value);
  return x;
}

function boolOption(field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InvalidInputError(`options.${field}`, 'must be true or false', value);
  return value;
}

/**
 * Reads the LSM options: timeSteps (exercise dates, default 50, 1..10,000), paths (default
 * 100,000, minimum 1,000), seed (integer, default 42), basis ('laguerre' default | 'monomial'),
 * degree (1..8, default 3), antithetic (default true), sequence ('pseudo' default | 'sobol'),
 * upperBound (default false), upperBoundPaths (default 2,000, minimum 100), nestedPaths
 * (default 200, minimum 10). `nodeCount(timeSteps)` is the number of exercise dates including
 * the ones added for cash dividends (they count towards the Sobol dimension and the memory).
 */
export function lsmConfig(o: AmericanOptions, nodeCount: (timeSteps: number) => number = (t) => t): LsmConfig {
  const timeSteps = intOption('timeSteps', o.timeSteps, 50, 1, LSM_MAX_TIME_STEPS);
  const requested = intOption('paths', o.paths, 100_000, LSM_MIN_PATHS, 1e8);
  const seed = o.seed === undefined ? 42 : requireInteger('options.seed', o.seed);
  const basis = o.basis ?? 'laguerre';
  if (basis !== 'laguerre' && basis !== 'monomial') {
    throw new InvalidInputError('options.basis', "must be 'laguerre' or 'monomial'", basis);
  }
  const degree = intOption('degree', o.degree, 3, 1, LSM_MAX_DEGREE);
  const antithetic = boolOption('antithetic', o.antithetic, true);
  const sequence = o.sequence ?? 'pseudo';
  if (sequence !== 'pseudo' && sequence !== 'sobol') {
    throw new InvalidInputError('options.sequence', "must be 'pseudo' or 'sobol'", sequence);
  }
  const upperBound = boolOption('upperBound', o.upperBound, false);
  const upperBoundPaths = intOption('upperBoundPaths', o.upperBoundPaths, 2000, 100, 1e7);
  const nestedPaths = intOption('nestedPaths', o.nestedPaths, 200, 10, 1e6);
  const nodes = nodeCount(timeSteps);
  if (sequence === 'sobol' && nodes > SOBOL_MAX_DIMENSION) {
    throw new InvalidInputError('options.timeSteps', `with sequence 'sobol' the exercise dates (plus dividend dates) must be <= ${SOBOL_MAX_DIMENSION}`, o.timeSteps);
  }
  // Antithetic pairs count as two paths: round up to an even number.
  const paths = antithetic ? 2 * Math.ceil(requested / 2) : requested;
  if (paths * nodes > LSM_MAX_CELLS) {
    throw new InvalidInputError('options.paths', `paths × exercise dates must be <= ${LSM_MAX_CELLS} (memory of the stored policy paths)`, requested);
  }
  return { timeSteps, paths, seed, basis, degree, antithetic, sequence, upperBound, upperBoundPaths, nestedPaths };
}
