export { regularizedGammaP, regularizedGammaQ } from '../special/incomplete-gamma';
export { chiSquareCdf, chiSquareSf, chiSquarePdf, chiSquareInv, chiSquareIsf } from './chi-square';
