export { impliedVol } from './implied/bsm-implied-vol';
export type { ImpliedVolInput } from './implied/bsm-implied-vol';
export { black76ImpliedVol } from './implied/black76-implied-vol';
export type { Black76ImpliedVolInput } from './implied/black76-implied-vol';
export { impliedNormalVol } from './implied/implied-normal-vol';
export type { ImpliedNormalVolInput } from './implied/implied-normal-vol';
export { impliedVolBatch, black76ImpliedVolBatch, impliedNormalVolBatch } from './implied/batch';
export type { ImpliedVolBatchInput, ForwardImpliedVolBatchInput } from './implied/batch';
