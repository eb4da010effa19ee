export { requireFiniteArray } from './finite-array';
export { sum, mean, variance, standardDeviation, skewness, excessKurtosis } from './moments';
export { sortAscending, quantileSorted, quantile } from './quantile';
