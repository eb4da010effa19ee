export { parametricAllocation } from './parametric';
export type { ParametricAllocationInput, ParametricAllocation } from './parametric';
export { scenarioAllocation } from './scenario';
export type { ScenarioAllocationInput, ScenarioAllocation } from './scenario';
export { marginalVaR, componentVaR, incrementalVaR } from './euler';
export type { AllocationInput, IncrementalVaR } from './euler';
