export { processOptionChain } from './process-chain';
export { parseOptionChainCsv, parseOptionChainJson } from './parse';
export type { ChainField, ChainParseError, ChainParseOptions, ChainParseResult } from './parse';
export { impliedForward } from './implied-forward';
export type { ParityPair, ImpliedForwardResult } from './implied-forward';
export { classifyExpiry, expiryCalendar, rollSchedule, thirdFriday } from './dates';
export type { ExpiryInfo, RollEvent } from './dates';
export { selectStrikeByDelta } from './select-by-delta';
export { chainActivity, contractKey, unusualActivity } from './activity';
export type { ActivitySummary, UnusualActivityFlag } from './activity';
export type {
  OptionChainRow,
  DropReason,
  DroppedQuote,
  ChainQuote,
  ChainSlice,
  ChainFilters,
  ExpiryKind,
  ProcessChainOptions,
  ProcessedChain,
} from './types';
// smile and term metrics and raw-quote arbitrage (src/metrics, re-exported here because the
// package barrel src/index.ts re-exports this barrel)
export * from '../metrics/index';
