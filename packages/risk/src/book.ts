// The book side of @quantforge/risk: positions and revaluation, Monte Carlo VaR, Euler
// allocation, stress tests, the real-time RiskMonitor and correlation analysis.
export * from './book/index';
export * from './montecarlo/index';
export * from './allocation/index';
export * from './stress/index';
export * from './monitor/index';
export * from './correlation/index';
