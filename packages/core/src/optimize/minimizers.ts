/** Barrel of the general-purpose minimizers (derivative-free simplex and quasi-Newton). */
export { nelderMead } from './nelder-mead';
export type { NelderMeadOptions, MinimizeResult } from './nelder-mead';
export { bfgs } from './bfgs';
export type { BfgsOptions, BfgsResult } from './bfgs';
export { goldenSectionMinimize } from './golden-section';
export type { GoldenSectionOptions, GoldenSectionResult } from './golden-section';
