import { InvalidInputError, NoSolutionError, requireFinite, requireObject } from '@quantforge/core';

/** One strike with both a call and a put quote (mid prices, present values). */
export interface ParityPair {
  strike: number;
  callMid: number;
  putMid: number;
  /** Half-width of the combined bid-ask (call spread + put spread)/2; 0 if unknown. */
  halfSpread?: number;
}

/** Result of {@link impliedForward}. */
export interface ImpliedForwardResult {
  forward: number;
  discount: number;
  /** Indices (into `pairs`) kept in the final fit. */
  used: number[];
  /** Indices rejected as outliers. */
  outliers: number[];
  /** RMS residual of C - P - D(F - K) over the kept pairs. */
  rms: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : 0.5 * (s[n / 2 - 1]! + s[n / 2]!);
}

/**
 * Implied forward F and discount D of one expiry from put-call parity C - P = D(F - K):
 * weighted least squares of C - P on K (slope -D, intercept D·F), weights 1/(half-spread + ε)²,
 * made robust by removing, one at a time, the pair whose residual exceeds `threshold` robust
 * standard deviations (1.4826·MAD, floored at a 1e-12 price scale) and lies outside its own
 * bid-ask half-width, then refitting. With `discount` given only F is fitted (weighted mean of
 * Kᵢ + (Cᵢ - Pᵢ)/D with the same outlier rule). Needs ≥ 2 pairs (≥ 1 with `discount`).
 *
 * @throws InvalidInputError for bad pairs; NoSolutionError 'too-few-pairs' or
 *   'degenerate-parity' (all strikes equal, or a fitted D ≤ 0 or F ≤ 0).
 */
export function impliedForward(
  pairs: readonly ParityPair[],
  options: { discount?: number; threshold?: number } = {},
): ImpliedForwardResult {
  if (!Array.isArray(pairs)) throw new InvalidInputError('pairs', 'must be an array', pairs);
  requireObject('options', options);
  pairs.forEach((p, i) => {
    requireObject(`pairs[${i}]`, p);
    requireFinite(`pairs[${i}].strike`, p.strike);
    requireFinite(`pairs[${i}].callMid`, p.callMid);
    requireFinite(`pairs[${i}].putMid`, p.putMid);
    if (p.halfSpread !== undefined) requireFinite(`pairs[${i}].halfSpread`, p.halfSpread);
  });
  const threshold = options.threshold === undefined ? 4 : requireFinite('threshold', options.threshold);
  const knownD = options.discount === undefined ? undefined : requireFinite('discount', options.discount);
  if (knownD !== undefined && !(knownD > 0)) throw new InvalidInputError('discount', 'must be > 0', knownD);
  const minPairs = knownD === undefined ? 2 : 1;
  if (pairs.length < minPairs) {
    throw new NoSolutionError('too-few-pairs', `put-call parity needs >= ${minPairs} call/put pairs at common strikes, got ${pairs.length}`);
  }
  const scale = Math.max(...pairs.map((p) => Math.abs(p.strike)), 1);
  const weight = pairs.map((p) => 1 / (Math.max(p.halfSpread ?? 0, 1e-6 * scale) ** 2));
  const y = pairs.map((p) => p.callMid - p.putMid);
  let active = pairs.map((_, i) => i);
  const outliers: number[] = [];
  for (;;) {
    let D: number;
    let F: number;
    if (knownD === undefined) {
      let sw = 0;
      let sk = 0;
      let sy = 0;
      for (const i of active) {
        sw += weight[i]!;
        sk += weight[i]! * pairs[i]!.strike;
        sy += weight[i]! * y[i]!;
      }
      const km = sk / sw;
      const ym = sy / sw;
      let skk = 0;
      let sky = 0;
      for (const i of active) {
        const dk = pairs[i]!.strike - km;
        skk += weight[i]! * dk * dk;
        sky += weight[i]! * dk * (y[i]! - ym);
      }
      if (!(skk > 1e-24 * km * km)) throw new NoSolutionError('degenerate-parity', 'parity pairs span a single strike: slope (discount) undetermined');
      const slope = sky / skk;
      D = -slope;
      F = (ym - slope * km) / D;
    } else {
      D = knownD;
      let sw = 0;
      let sf = 0;
      for (const i of active) {
        sw += weight[i]!;
        sf += weight[i]! * (pairs[i]!.strike + y[i]! / D);
      }
      F = sf / sw;
    }
    if (!(D > 0 && F > 0 && Number.isFinite(F))) {
      throw new NoSolutionError('degenerate-parity', `put-call parity fit gives discount ${D} and forward ${F}; check the quotes`);
    }
    const res = active.map((i) => y[i]! - D * (F - pairs[i]!.strike));
    const rms = Math.sqrt(res.reduce((s, r) => s + r * r, 0) / res.length);
    if (active.length > minPairs + 1) {
      const med = median(res);
      const mad = 1.4826 * median(res.map((r) => Math.abs(r - med)));
      const robust = Math.max(mad, 1e-12 * scale);
      let worst = -1;
      let worstZ = threshold;
      res.forEach((r, j) => {
        const i = active[j]!;
        const z = Math.abs(r) / robust;
        if (z > worstZ && Math.abs(r) > (pairs[i]!.halfSpread ?? 0)) {
          worstZ = z;
          worst = j;
        }
      });
      if (worst >= 0) {
        outliers.push(active[worst]!);
        active = active.filter((_, j) => j !== worst);
        continue;
      }
    }
    return { forward: F, discount: D, used: active, outliers: outliers.sort((a, b) => a - b), rms };
  }
}
