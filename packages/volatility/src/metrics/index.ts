export { smilePoints, smileVolAt } from './smile-slice';
export type { SmilePoints, SmileSliceInput } from './smile-slice';
export { atmVol, smileAtDelta, riskReversal25, butterfly25, skewSlope, termStructure } from './smile-metrics';
export type { DeltaPoint, TermPoint } from './smile-metrics';
export { detectStaticArbitrage } from './quote-arbitrage';
export type { ArbitrageQuote, ArbitrageSlice, ArbitrageViolation, ViolationQuote } from './quote-arbitrage';
