export { NotPositiveSemidefiniteError } from './errors';
export { resolveCovariance, squareRootFactor } from './covariance';
export type { CovarianceSpec, ResolvedCovariance } from './covariance';
export { simulateFactorShocks, sampleGamma } from './scenarios';
export type { FactorScenarioOptions } from './scenarios';
export { summarisePnl } from './estimate';
export type { PnlSummary } from './estimate';
export { monteCarloVaR, monteCarloPnl } from './monte-carlo-var';
export type { MonteCarloVaROptions, MonteCarloVaRResult, Revaluation, MonteCarloPnlOptions, MonteCarloPnl } from './monte-carlo-var';
