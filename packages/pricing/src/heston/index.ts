export { hestonPrice } from './heston-price';
export type { HestonPriceOptions } from './heston-price';
export { hestonGreeks } from './heston-greeks';
export { hestonCharacteristicFunction } from './characteristic-function';
export type { HestonCfInput } from './characteristic-function';
export type { HestonInput, HestonParameters, HestonGreeks } from './types';
export { calibrateHeston } from './calibrate-heston';
export type { HestonQuote, HestonCalibrationInput, HestonCalibrationResult } from './calibrate-heston';
