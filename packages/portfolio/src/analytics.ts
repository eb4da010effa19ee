// Analytics side of @quantforge/portfolio: covariance estimation, performance analytics,
// P&L attribution and discrete allocation.
export { sampleMean, sampleCovariance } from './covariance/sample';
export type { SampleCovarianceOptions } from './covariance/sample';
export { ewmaCovariance } from './covariance/ewma';
export type { EwmaCovarianceOptions, EwmaCovarianceResult } from './covariance/ewma';
export { ledoitWolf } from './covariance/ledoit-wolf';
export type { ShrinkageOptions, ScaledIdentityShrinkage } from './covariance/ledoit-wolf';
export { ledoitWolfConstantCorrelation } from './covariance/ledoit-wolf-constant-correlation';
export type { ConstantCorrelationShrinkage } from './covariance/ledoit-wolf-constant-correlation';
export { oas } from './covariance/oas';
export type { OasOptions } from './covariance/oas';
export { covarianceToCorrelation, correlationToCovariance } from './covariance/correlation';
export type { CorrelationResult } from './covariance/correlation';
export { repairCovariance, requirePsdCovariance } from './covariance/psd-repair';
export type { RepairCovarianceOptions, RepairCovarianceResult } from './covariance/psd-repair';
export { pcaFactorModel } from './covariance/pca-factor-model';
export type { PcaFactorModel } from './covariance/pca-factor-model';
export { fundamentalFactorModel } from './covariance/fundamental-factor-model';
export type { FundamentalFactorModel, FundamentalFactorModelOptions } from './covariance/fundamental-factor-model';
export type { PerformanceOptions } from './performance/conventions';
export { returnsFromPrices } from './performance/returns-from-prices';
export type { ReturnsFromPricesOptions } from './performance/returns-from-prices';
export { annualizedReturn, annualizedVolatility } from './performance/annualized';
export type { AnnualizedReturnOptions, AnnualizedVolatilityOptions } from './performance/annualized';
export { sharpeRatio } from './performance/sharpe';
export { sortinoRatio, downsideDeviation } from './performance/sortino';
export type { SortinoOptions } from './performance/sortino';
export { calmarRatio } from './performance/calmar';
export { omegaRatio } from './performance/omega';
export type { OmegaOptions } from './performance/omega';
export { maxDrawdown } from './performance/drawdown';
export type { MaxDrawdownOptions, MaxDrawdownResult } from './performance/drawdown';
export { trackingError, informationRatio } from './performance/active';
export { capm } from './performance/capm';
export type { CapmResult } from './performance/capm';
export {
  RollingPerformance,
  rollingMean,
  rollingVolatility,
  rollingSharpe,
  rollingBeta,
  rollingCorrelation,
  rollingTrackingError,
} from './performance/rolling';
export type { RollingOptions, RollingSnapshot } from './performance/rolling';
export { compareWithBenchmark } from './performance/compare';
export type { BenchmarkComparison, SeriesSummary } from './performance/compare';
export { brinsonFachler } from './attribution/brinson-fachler';
export type { BrinsonInput, BrinsonResult, BrinsonSectorEffect } from './attribution/brinson-fachler';
export { linkAttribution } from './attribution/linking';
export type { LinkingOptions, LinkedAttribution } from './attribution/linking';
export { factorAttribution } from './attribution/factor-attribution';
export type { FactorAttributionInput, FactorAttribution } from './attribution/factor-attribution';
export { riskAttribution } from './attribution/risk-attribution';
export type { RiskAttributionInput, RiskAttribution } from './attribution/risk-attribution';
export { greeksPnlExplain } from './attribution/greeks-pnl-explain';
export type {
  PositionGreeks,
  MarketMoves,
  ExplainPosition,
  GreeksPnlExplainInput,
  PnlTerms,
  GreeksPnlExplain,
} from './attribution/greeks-pnl-explain';
export { discreteAllocation } from './allocation/greedy';
export type { GreedyAllocationInput } from './allocation/greedy';
export { discreteAllocationMip } from './allocation/mip';
export type { MipAllocationOptions } from './allocation/mip';
export type { DiscreteAllocationInput, DiscreteAllocation, MoneyInput } from './allocation/inputs';
