export { QuantforgeError, InvalidInputError, NoSolutionError, InfeasibleError, ConvergenceError } from './errors/errors';
export {
  requireFinite,
  requirePositive,
  requireNonNegative,
  requireInRange,
  requireInteger,
  requireOptionType,
  requireObject,
  optionalFinite,
  optionSign,
  isValidTypeCode,
} from './validation/validate';
export type { OptionType } from './validation/validate';
export { BatchStatus } from './validation/batch-status';
export type { BatchStatusCode } from './validation/batch-status';
export { batchLength, toFloat64Column, toTypeColumn, outputBuffer, statusBuffer } from './batch/columns';
export type { NumericColumn, TypeColumn, BatchOptions } from './batch/columns';
export { erf, erfc, erfcx } from './special/erf';
export { logGamma, gamma } from './special/gamma';
export { normPdf, normCdf, normCdfTailRatio, normInv, normLogCdf } from './distributions/normal';
export { exp } from './special/exp';
export { bivariateNormalCdf } from './distributions/bivariate-normal';
export { brent } from './roots/brent';
export { newton, halley } from './roots/newton';
export type { RootOptions, RootResult } from './roots/types';
export type { SafeguardedRootOptions, ValueAndDerivatives } from './roots/newton';
export { Xoshiro256StarStar, createRng } from './random/xoshiro';
export type { RandomSource } from './random/xoshiro';
export { SobolSequence, SOBOL_MAX_DIMENSION } from './random/sobol';
export type { SobolOptions } from './random/sobol';
export { BrownianBridge } from './random/brownian-bridge';
// Barrels of the shared numerics (one owner each while they are being built).
export * from './linalg/index';
export * from './statistics/index';
export * from './optimize/minimizers';
export * from './optimize/least-squares';
export * from './quadrature/index';
export * from './distributions/student-t-family';
export * from './distributions/chi-square-family';
