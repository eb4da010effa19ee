export type { LinearPosition, OptionPosition, Position, UnderlyingMarket, MarketData, Book, ShockValue, MarketShock, PositionRisk } from './types';
export { validatePosition, validateUnderlyingMarket, validateBook } from './validate';
export {
  DEFAULT_AMERICAN_OPTIONS,
  positionScale,
  unitValueAt,
  positionValue,
  positionGreeks,
  bookGreeks,
  bookValue,
} from './revalue';
export type { RiskTotals, BookRisk } from './revalue';
export { applyShock, validateShock } from './shock';
