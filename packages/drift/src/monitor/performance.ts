/**
 * Model-performance metrics on labelled feedback (batch twins of the monitor's tracking).
 */
import { InvalidInputError } from '@quantforge/core';
import { rocAuc } from '../classifier-test';
import { toSample } from '../sample';

export interface ClassificationMetrics {
  /** Share of rows with (score >= threshold) === (label === 1). */
  accuracy: number;
  /** ROC AUC of the scores (null when only one class is present). */
  auc: number | null;
  count: number;
}

export interface RegressionMetrics {
  mae: number;
  rmse: number;
  count: number;
}

/** Accuracy at `threshold` (default 0.5) and ROC AUC of scores against 0/1 labels. */
export function classificationMetrics(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold = 0.5): ClassificationMetrics {
  const s = toSample(scores, 'scores');
  const y = toSample(labels, 'labels');
  if (y.length !== s.length) throw new InvalidInputError('labels', `must have the same length as scores (${s.length})`, y.length);
  let ok = 0;
  let pos = 0;
  for (let i = 0; i < s.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new InvalidInputError(`labels[${i}]`, 'must be 0 or 1', y[i]);
    pos += y[i];
    if ((s[i] >= threshold ? 1 : 0) === y[i]) ok++;
  }
  const auc = pos > 0 && pos < s.length ? rocAuc(s, y) : null;
  return { accuracy: ok / s.length, auc, count: s.length };
}

/** Mean absolute error and root mean squared error of predictions against actual values. */
export function regressionMetrics(predictions: ArrayLike<number>, actual: ArrayLike<number>): RegressionMetrics {
  const p = toSample(predictions, 'predictions');
  const a = toSample(actual, 'actual');
  if (a.length !== p.length) throw new InvalidInputError('actual', `must have the same length as predictions (${p.length})`, a.length);
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    const e = p[i] - a[i];
    abs += Math.abs(e);
    sq += e * e;
  }
  return { mae: abs / p.length, rmse: Math.sqrt(sq / p.length), count: p.length };
}
