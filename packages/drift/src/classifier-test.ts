/**
 * Classifier two-sample test for multivariate drift (Lopez-Paz & Oquab 2017, "Revisiting
 * classifier two-sample tests"): if a classifier can tell reference rows from current rows
 * better than chance, the distributions differ.
 */
import { ConvergenceError, InvalidInputError, createRng, normCdf } from '@quantforge/core';
import { stackMatrices, toMatrix, type MultiSample } from './multivariate';

export interface ClassifierTestOptions {
  /** Number of cross-validation folds (default 5). */
  folds?: number;
  /** Seed of the fold assignment (default 0). */
  seed?: number;
  /** L2 penalty on the standardised coefficients (default 1e-3). */
  ridge?: number;
}

export interface ClassifierTestResult {
  /** Cross-validated (out-of-fold) ROC AUC of the classifier; 0.5 = no signal. */
  auc: number;
  /**
   * One-sided p-value of AUC > 1/2 from the Mann-Whitney null distribution of the out-of-fold AUC,
   * normal approximation z = (AUC − ½)/sqrt((n + m + 1)/(12 n m)) (Hanley & McNeil 1982). Approximate:
   * the out-of-fold scores are not exactly exchangeable under the null.
   */
  pValue: number;
  folds: number;
}

/** ROC AUC by the Mann-Whitney statistic with midranks for ties; labels 1 = positive. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => scores[i] - scores[j]);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && scores[order[j]] === scores[order[i]]) j++;
    const r = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) {
      if (labels[order[t]] === 1) {
        rankSumPos += r;
        nPos++;
      }
    }
    i = j;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) throw new InvalidInputError('labels', 'need both classes for an AUC');
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Ridge logistic regression by iteratively reweighted least squares (Newton), intercept unpenalised. */
function fitLogistic(X: Float64Array, y: Float64Array, rows: number, cols: number, ridge: number): Float64Array {
  const p = cols + 1;
  const w = new Float64Array(p);
  const H = new Float64Array(p * p);
  const g = new Float64Array(p);
  for (let it = 0; it < 50; it++) {
    H.fill(0);
    g.fill(0);
    for (let i = 0; i < rows; i++) {
      let eta = w[0];
      for (let c = 0; c < cols; c++) eta += w[c + 1] * X[i * cols + c];
      const mu = 1 / (1 + Math.exp(-eta));
      const r = y[i] - mu;
      const v = Math.max(mu * (1 - mu), 1e-10);
      for (let a = 0; a < p; a++) {
        const xa = a === 0 ? 1 : X[i * cols + a - 1];
        g[a] += xa * r;
        for (let b = a; b < p; b++) H[a * p + b] += v * xa * (b === 0 ? 1 : X[i * cols + b - 1]);
      }
    }
    for (let a = 1; a < p; a++) {
      g[a] -= ridge * w[a];
      H[a * p + a] += ridge;
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) H[a * p + b] = H[b * p + a];
    const step = solve(H, g, p);
    let mx = 0;
    for (let a = 0; a < p; a++) {
      w[a] += step[a];
      mx = Math.max(mx, Math.abs(step[a]));
    }
    if (mx < 1e-10) return w;
  }
  // separable data: the ridge keeps the iterates finite; return them (the AUC only needs the ranking)
  if (!w.every(Number.isFinite)) throw new ConvergenceError('classifierTest: logistic regression diverged', 50, Array.from(w));
  return w;
}

/** Gaussian elimination with partial pivoting (p is tiny). */
function solve(A: Float64Array, b: Float64Array, p: number): Float64Array {
  const M = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(M[r * p + c]) > Math.abs(M[piv * p + c])) piv = r;
    if (piv !== c) {
      for (let k = 0; k < p; k++) [M[c * p + k], M[piv * p + k]] = [M[piv * p + k], M[c * p + k]];
      [x[c], x[piv]] = [x[piv], x[c]];
    }
    const d = M[c * p + c] || 1e-300;
    for (let r = c + 1; r < p; r++) {
      const f = M[r * p + c] / d;
      if (f === 0) continue;
      for (let k = c; k < p; k++) M[r * p + k] -= f * M[c * p + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = p - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < p; k++) s -= M[c * p + k] * x[k];
    x[c] = s / (M[c * p + c] || 1e-300);
  }
  return x;
}

/**
 * Classifier two-sample test: label reference rows 0 and current rows 1, standardise each feature
 * (pooled mean / sd), fit ridge logistic regression in `folds`-fold cross-validation with a seeded
 * random fold assignment, score the held-out rows, and report the out-of-fold ROC AUC with the
 * Mann-Whitney p-value. Detects shifts the classifier can represent (location and linear
 * structure); use {@link mmdTest} for general distribution differences.
 */
export function classifierTwoSampleTest(reference: MultiSample, current: MultiSample, options: ClassifierTestOptions = {}): ClassifierTestResult {
  const A = toMatrix(reference, 'reference', 2);
  const B = toMatrix(current, 'current', 2);
  const P = stackMatrices(A, B);
  const folds = options.folds ?? 5;
  if (!Number.isInteger(folds) || folds < 2) throw new InvalidInputError('folds', 'must be an integer >= 2', folds);
  if (P.rows < 2 * folds) throw new InvalidInputError('folds', `needs at least 2 rows per fold (${P.rows} rows)`, folds);
  const ridge = options.ridge ?? 1e-3;
  if (!(ridge >= 0) || !Number.isFinite(ridge)) throw new InvalidInputError('ridge', 'must be finite and >= 0', ridge);
  const { rows, cols } = P;
  const X = Float64Array.from(P.data);
  for (let c = 0; c < cols; c++) {
    let m = 0;
    for (let i = 0; i < rows; i++) m += X[i * cols + c];
    m /= rows;
    let s = 0;
    for (let i = 0; i < rows; i++) s += (X[i * cols + c] - m) ** 2;
    const sd = Math.sqrt(s / rows) || 1;
    for (let i = 0; i < rows; i++) X[i * cols + c] = (X[i * cols + c] - m) / sd;
  }
  const y = new Float64Array(rows);
  for (let i = A.rows; i < rows; i++) y[i] = 1;
  // seeded fold assignment, stratified: shuffle each class and deal round-robin
  const rng = createRng(options.seed ?? 0);
  const fold = new Int32Array(rows);
  for (const [lo, hi] of [
    [0, A.rows],
    [A.rows, rows],
  ]) {
    const ids = Array.from({ length: hi - lo }, (_, i) => lo + i);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(rng.nextFloat() * (i + 1));
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    ids.forEach((id, t) => (fold[id] = t % folds));
  }
  const scores = new Float64Array(rows);
  for (let f = 0; f < folds; f++) {
    const train: number[] = [];
    for (let i = 0; i < rows; i++) if (fold[i] !== f) train.push(i);
    const Xt = new Float64Array(train.length * cols);
    const yt = new Float64Array(train.length);
    train.forEach((i, t) => {
      for (let c = 0; c < cols; c++) Xt[t * cols + c] = X[i * cols + c];
      yt[t] = y[i];
    });
    const w = fitLogistic(Xt, yt, train.length, cols, ridge);
    for (let i = 0; i < rows; i++) {
      if (fold[i] !== f) continue;
      let eta = w[0];
      for (let c = 0; c < cols; c++) eta += w[c + 1] * X[i * cols + c];
      scores[i] = eta;
    }
  }
  const auc = rocAuc(scores, y);
  const n = A.rows;
  const m = B.rows;
  const z = (auc - 0.5) / Math.sqrt((n + m + 1) / (12 * n * m));
  return { auc, pValue: normCdf(-z), folds };
}
