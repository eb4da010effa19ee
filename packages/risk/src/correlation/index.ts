export { rollingCorrelation, ewmaCorrelation } from './rolling';
export type { CorrelationWindow, EwmaCorrelationOptions, EwmaCorrelation } from './rolling';
export { conditionalCorrelation } from './conditional';
export type { RegimeCorrelation } from './conditional';
export { tailDependence, pseudoObservations } from './tail-dependence';
export type { TailDependence } from './tail-dependence';
export { correlationBreakdownTest } from './breakdown';
export type { CorrelationBreakdown, PairBreakdown } from './breakdown';
