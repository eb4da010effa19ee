export * from '../sabr/index';
export * from '../svi/index';
export * from '../ssvi/index';
export { VolSurface } from './vol-surface';
export type { ForwardSpec, SsviSurfaceInput, SurfacePoint, ArbitrageReport, ArbitrageReportOptions } from './vol-surface';
export { bootstrapSviConfidence } from './confidence';
export type { SviBootstrapOptions, SviBootstrapResult, Interval } from './confidence';
export { compareFits } from './compare';
export type { CompareFitsOptions, FitComparison, ParameterDrift } from './compare';
