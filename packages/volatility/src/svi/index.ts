export { sviTotalVariance, sviImpliedVol } from './raw';
export type { SviRawParams } from './raw';
export { sviButterflyArbitrage } from './butterfly';
export type { SviButterflyOptions, SviButterflyResult } from './butterfly';
export { sviRawToNatural, sviNaturalToRaw, sviRawToJumpWings, sviJumpWingsToRaw } from './parametrizations';
export type { SviNaturalParams, SviJumpWingsParams } from './parametrizations';
export { calibrateSvi } from './calibrate';
export type { CalibrateSviInput, CalibrateSviOptions, SviCalibration } from './calibrate';
