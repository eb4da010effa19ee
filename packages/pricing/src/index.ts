export { bsPrice, bsPriceKernel } from './european/black-scholes';
export { black76Price, black76PriceKernel } from './european/black76';
export { bachelierPrice, bachelierPriceKernel, normalisedBachelier } from './european/bachelier';
export { bsPriceBatch, black76PriceBatch, bachelierPriceBatch } from './european/batch';
export type { BsInput, Black76Input, BachelierInput, BsBatchInput, ForwardBatchInput } from './european/types';
