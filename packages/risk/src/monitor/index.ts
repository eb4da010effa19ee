export { RiskMonitor } from './risk-monitor';
export type { RiskMonitorOptions, LimitEvent, LimitListener } from './risk-monitor';
export { computeRiskSnapshot } from './snapshot';
export type { RiskSnapshot, ScopeRisk, PositionRiskWithVaR } from './snapshot';
export { parametricBookVaR, resolveRiskModel } from './parametric-var';
export type { ParametricRiskModel, ResolvedRiskModel } from './parametric-var';
export { validateLimit, nextBreachState } from './limits';
export type { RiskLimit, LimitMetric, LimitScope } from './limits';
