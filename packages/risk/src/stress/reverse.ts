import { brent, ConvergenceError, InvalidInputError, NoSolutionError, requireInteger, requirePositive, solveLinear, toSymmetricRows } from '@quantforge/core';
import type { MatrixInput } from '@quantforge/core';
import type { Book, MarketShock } from '../book/types';
import { positionValues, requireBook, shockPnl } from './stress-test';

/** A risk factor of the book: one underlying's spot (relative move), vol or rate (absolute shift). */
export interface FactorRef {
  underlying: string;
  kind: 'spot' | 'vol' | 'rate';
}

/** Options of {@link reverseStressTest}. */
export interface ReverseStressOptions {
  factors: readonly FactorRef[];
  /** Loss to reach (> 0, currency). */
  targetLoss: number;
  /**
   * Shock directions over `factors` (each of length factors.length). Omit to search for the most
   * likely (Mahalanobis-smallest) shock, which needs `covariance`.
   */
  directions?: readonly ArrayLike<number>[];
  /** Covariance of the factor moves: sizes shocks by the Mahalanobis norm √(xᵀΣ⁻¹x). */
  covariance?: MatrixInput;
  /** Largest multiple of a direction searched (default 10; spot moves are kept > −99%). */
  maxScale?: number;
  /** Grid points of the scan for the first crossing (default 200). */
  gridPoints?: number;
}

/** The shock found along one direction. */
export interface ReverseStressPoint {
  direction: Float64Array;
  /** Whether the target loss was reached within maxScale. */
  found: boolean;
  /** Smallest multiple t > 0 of the direction whose loss equals the target (NaN when not found). */
  scale: number;
  /** The factor moves t·direction. */
  shock: Float64Array;
  /** Euclidean (no covariance) or Mahalanobis size of the shock. */
  size: number;
  loss: number;
}

/** Result of {@link reverseStressTest}. */
export interface ReverseStressResult {
  /** The found shock of smallest size. */
  best: ReverseStressPoint;
  /** One entry per direction (for the most-likely search: the iterates' final direction). */
  points: ReverseStressPoint[];
}

/** Builds the market shock of factor moves x. */
export function factorShock(factors: readonly FactorRef[], x: ArrayLike<number>): MarketShock {
  const spot: Record<string, number> = {};
  const vol: Record<string, number> = {};
  const rate: Record<string, number> = {};
  factors.forEach((f, i) => {
    const target = f.kind === 'spot' ? spot : f.kind === 'vol' ? vol : rate;
    target[f.underlying] = (target[f.underlying] ?? 0) + x[i];
  });
  return { spot, vol, rate };
}

function validateFactors(book: Book, factors: readonly FactorRef[]): void {
  if (!Array.isArray(factors) || factors.length === 0) throw new InvalidInputError('factors', 'must be a non-empty array', factors);
  factors.forEach((f, i) => {
    if (f === null || typeof f !== 'object' || book.market[f.underlying] === undefined) {
      throw new InvalidInputError(`factors[${i}].underlying`, 'has no market data', f?.underlying);
    }
    if (f.kind !== 'spot' && f.kind !== 'vol' && f.kind !== 'rate') throw new InvalidInputError(`factors[${i}].kind`, "must be 'spot', 'vol' or 'rate'", f.kind);
  });
}

/**
 * Reverse stress test: along each direction d, the smallest t > 0 whose shock t·d produces
 * `targetLoss` in full revaluation — the first sign change of loss(t) − target on a uniform scan
 * of (0, maxScale], refined by Brent's method to 1e-12 in t. Among the directions the shock of
 * smallest size wins: Euclidean ‖t·d‖, or Mahalanobis √((td)ᵀΣ⁻¹(td)) when `covariance` is given.
 *
 * Without `directions` (covariance required) it searches for the most likely shock reaching the
 * loss: the fixed point x = t·Σ∇L(x) of the first-order conditions of min xᵀΣ⁻¹x s.t. L(x) = target
 * (gradient by central differences; stops when the unit direction changes by < 1e-8; after 50
 * iterations throws ConvergenceError carrying the last point).
 *
 * @throws NoSolutionError('target-not-reached') when no direction reaches the loss within maxScale.
 */
export function reverseStressTest(book: Book, options: ReverseStressOptions): ReverseStressResult {
  requireBook(book);
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'must be an object', options);
  const { factors } = options;
  validateFactors(book, factors);
  const k = factors.length;
  const target = requirePositive('targetLoss', options.targetLoss);
  const maxScale = options.maxScale === undefined ? 10 : requirePositive('maxScale', options.maxScale);
  const gridPoints = options.gridPoints === undefined ? 200 : requireInteger('gridPoints', options.gridPoints, 2);
  let cov: number[][] | undefined;
  if (options.covariance !== undefined) {
    cov = toSymmetricRows(options.covariance, 'covariance');
    if (cov.length !== k) throw new InvalidInputError('covariance', `must be ${k}×${k} (one row per factor)`, cov.length);
  }
  const base = positionValues(book.positions, book.market);
  const lossAt = (x: ArrayLike<number>) => -shockPnl(book, factorShock(factors, x), base);
  const size = (x: Float64Array) => {
    if (cov === undefined) return Math.hypot(...x);
    const y = solveLinear(cov, x, 'covariance');
    let s = 0;
    for (let i = 0; i < k; i++) s += x[i] * y[i];
    return Math.sqrt(Math.max(s, 0));
  };
  const along = (d: Float64Array): ReverseStressPoint => {
    let tMax = maxScale;
    factors.forEach((f, i) => {
      if (f.kind === 'spot' && d[i] < 0) tMax = Math.min(tMax, 0.99 / -d[i]);
    });
    const g = (t: number) => lossAt(d.map((v) => v * t)) - target;
    let prevT = 0;
    let prev = -target;
    for (let j = 1; j <= gridPoints; j++) {
      const t = (tMax * j) / gridPoints;
      const v = g(t);
      if (v >= 0) {
        const root = v === 0 ? t : prev === 0 ? prevT : brent(g, prevT, t, { xTol: 1e-12 * Math.max(1, t) }).root;
        const shock = d.map((x) => x * root);
        return { direction: d, found: true, scale: root, shock, size: size(shock), loss: g(root) + target };
      }
      prevT = t;
      prev = v;
    }
    return { direction: d, found: false, scale: Number.NaN, shock: d.map(() => Number.NaN), size: Infinity, loss: Number.NaN };
  };

  let points: ReverseStressPoint[];
  if (options.directions !== undefined) {
    if (!Array.isArray(options.directions) || options.directions.length === 0) {
      throw new InvalidInputError('directions', 'must be a non-empty array', options.directions);
    }
    points = options.directions.map((d, i) => {
      if (d?.length !== k) throw new InvalidInputError(`directions[${i}]`, `must have ${k} entries (one per factor)`, d?.length);
      const v = Float64Array.from({ length: k }, (_, j) => {
        const x = d[j];
        if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidInputError(`directions[${i}][${j}]`, 'must be a finite number', x);
        return x;
      });
      if (v.every((x) => x === 0)) throw new InvalidInputError(`directions[${i}]`, 'must not be all zeros');
      return along(v);
    });
  } else {
    if (cov === undefined) throw new InvalidInputError('directions', 'are required unless a covariance is given (most-likely search)');
    points = [mostLikely(cov, k, lossAt, along)];
  }
  const found = points.filter((p) => p.found);
  if (found.length === 0) {
    throw new NoSolutionError('target-not-reached', `no direction reaches a loss of ${target} within maxScale ${maxScale}; raise maxScale or change the directions`);
  }
  const best = found.reduce((a, b) => (b.size < a.size ? b : a));
  return { best, points };
}

const MAX_ITERATIONS = 50;

function mostLikely(
  cov: number[][],
  k: number,
  lossAt: (x: ArrayLike<number>) => number,
  along: (d: Float64Array) => ReverseStressPoint,
): ReverseStressPoint {
  const gradient = (x: Float64Array) => {
    const gr = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const h = 1e-5 * Math.max(1e-2, Math.sqrt(cov[i][i]));
      const up = x.slice();
      const dn = x.slice();
      up[i] += h;
      dn[i] -= h;
      gr[i] = (lossAt(up) - lossAt(dn)) / (2 * h);
    }
    return gr;
  };
  const direction = (gr: Float64Array) => {
    const d = Float64Array.from({ length: k }, (_, i) => cov[i].reduce((a, c, j) => a + c * gr[j], 0));
    const n = Math.hypot(...d);
    if (!(n > 0)) throw new NoSolutionError('flat-book', 'the book has no sensitivity to the factors: no shock produces the loss');
    return d.map((v) => v / n);
  };
  let point = along(direction(gradient(new Float64Array(k))));
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    if (!point.found) return point;
    const d = direction(gradient(point.shock));
    let change = 0;
    for (let i = 0; i < k; i++) change = Math.max(change, Math.abs(d[i] - point.direction[i]));
    if (change < 1e-8) return point;
    point = along(d);
  }
  throw new ConvergenceError(`reverseStressTest: the most-likely shock search did not converge in ${MAX_ITERATIONS} iterations`, MAX_ITERATIONS, point);
}
