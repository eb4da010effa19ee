export { bsPrice, bsPriceKernel } from './european/black-scholes';
export { black76Price, black76PriceKernel } from './european/black76';
export { bachelierPrice, bachelierPriceKernel, normalisedBachelier } from './european/bachelier';
export {
  normalisedBlack,
  normalisedBlackCall,
  normalisedBlackCallOverVega,
  smallTExpansionGivenMillsRatio,
  normalisedIntrinsic,
  normalisedVega,
  lnNormalisedVega,
  logRatio,
} from './european/normalised-black';
export { bsPriceBatch, black76PriceBatch, bachelierPriceBatch } from './european/batch';
export { isValidBsRow, isValidForwardRow } from './european/row-validity';
export type { BsInput, Black76Input, BachelierInput, BsBatchInput, ForwardBatchInput } from './european/types';
export { americanPrice, americanValuation, americanExerciseBoundary } from './american/american-price';
export { fixedPointImpliedVol } from './american/fixed-point/implied-vol';
export { americanPriceBatch } from './american/american-batch';
export type { AmericanBatchInput, AmericanBatchOptions, AmericanBatchResult } from './american/american-batch';
export type {
  AmericanInput,
  AmericanOptions,
  AmericanResult,
  AmericanMethod,
  TreeMethod,
  CashDividend,
  ExerciseBoundary,
  EngineResult,
} from './american/types';
export * from './heston/index';
