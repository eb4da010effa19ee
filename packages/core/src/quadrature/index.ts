export { gaussLegendre, gaussLegendreNodes } from './gauss-legendre';
export type { QuadratureRule } from './gauss-legendre';
export { gaussLaguerreNodes } from './gauss-laguerre';
export { adaptiveGaussLobatto, adaptiveGaussLobattoDetailed } from './gauss-lobatto';
export type { GaussLobattoOptions, GaussLobattoResult } from './gauss-lobatto';
