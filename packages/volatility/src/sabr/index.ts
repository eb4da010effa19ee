export { sabrVol } from './hagan';
export { sabrNormalVol } from './hagan-normal';
export { calibrateSabr } from './calibrate';
export type { SabrVolInput } from './params';
export type { CalibrateSabrInput, SabrCalibration } from './calibrate';
