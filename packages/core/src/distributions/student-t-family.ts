/** Barrel: Student-t distribution and the regularized incomplete beta function it rests on. */
export { regularizedIncompleteBeta, regularizedIncompleteBetaComplement, logBeta } from '../special/incomplete-beta';
export { studentTPdf, studentTLogPdf, studentTCdf, studentTSf, studentTInv } from './student-t';
