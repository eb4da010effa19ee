import { BatchStatus, InvalidInputError, outputBuffer, statusBuffer } from '@quantforge/core';
import type { BsBatchInput } from '../european/types';
import { bsBatchColumns } from '../european/bs-batch-columns';
import { isValidBsRow } from '../european/row-validity';
import { americanPrice } from './american-price';
import { nearRateKink, presetScheme } from './fixed-point/fixed-point-engine';
import { putIsEuropean } from './fixed-point/premium';
import { WarmFixedPointPut } from './fixed-point/warm-solver';
import type { AmericanParams } from './types';

/**
 * Largest residual |G(y) - y| before a warm row's boundary-Newton update that ends the row (the
 * update leaves an error of second order in it).
 */
const BATCH_NEWTON_RESIDUAL = 1e-5;

/** Struct-of-arrays input of {@link americanPriceBatch} (as `bsPriceBatch`; no cash dividends). */
export type AmericanBatchInput = BsBatchInput;

/** Output columns of {@link americanPriceBatch}. */
export interface AmericanBatchResult {
  price: Float64Array;
  delta: Float64Array;
  gamma: Float64Array;
  theta: Float64Array;
  vega: Float64Array;
  rho: Float64Array;
}

export interface AmericanBatchOptions {
  /** Fixed-point preset (default 'accurate', as `americanPrice`). */
  scheme?: 'accurate' | 'high-precision';
  /** Where to write the results (each column length >= rows); allocated when absent. */
  out?: Partial<AmericanBatchResult>;
  /** Per-row status codes (`BatchStatus`): Ok, or InvalidInput (that row is NaN). */
  status?: Uint8Array;
}

/**
 * American prices with all first-order greeks (price, delta, gamma, theta, vega, rho) for many
 * options at once, by the fixed-point engine (`americanPrice`'s default method).
 *
 * Rows that share (type, expiry, rate, dividend yield) share an exercise boundary up to the vol:
 * in put coordinates y = (ln(B/x_max))² does not depend on the spot or the scale of the strike.
 * So each such group is priced in order of vol, the first row from a cold start (exactly
 * `americanPrice`), each later one from the previous boundary moved along its vol tangent dy/dσ
 * (implicit function theorem, see fixed-point/sensitivities.ts), then one sweep fused with the
 * greeks' linear system and Newton's update of the boundary y <- y + (I - ∂G/∂y)⁻¹(G(y) - y) from
 * the same Jacobian, repeated while that sweep's residual was above 1e-5. Delta and gamma are
 * analytic, theta from the PDE, vega and rho by the implicit function theorem. Accuracy: a warm
 * row sits at the converged fixed point of the preset, which differs from the cold engine's fixed
 * number of sweeps by about that engine's iteration error: on the 200-quote benchmark chain the
 * batch is within 1.4e-6 of `americanPrice` and 2.5e-7 of the 'high-precision' price
 * (`americanPrice` itself: 1.6e-6); vega within 2.9e-5, rho 1.0e-4.
 *
 * Rows the fast path does not cover go through `americanPrice` row by row: expiry 0, rho next to
 * a regime change in the rate, the double-boundary case (error row), or no precomputed plan. A
 * row whose inputs `americanPrice` would reject gets NaN in every column and
 * `BatchStatus.InvalidInput`; the batch never throws half-way.
 *
 * @example
 * const strikes = Float64Array.from([90, 95, 100, 105, 110]);
 * const vols = Float64Array.from([0.24, 0.22, 0.2, 0.21, 0.23]);
 * const { price, delta, vega } = americanPriceBatch({ type: 'put', spot: 100, strike: strikes, expiry: 0.5, rate: 0.04, dividendYield: 0.02, vol: vols });
 */
export function americanPriceBatch(input: AmericanBatchInput, options: AmericanBatchOptions = {}): AmericanBatchResult {
  const { n, type, spot, strike, expiry, rate, dividendYield, vol } = bsBatchColumns(input);
  const scheme = options.scheme ?? 'accurate';
  if (scheme !== 'accurate' && scheme !== 'high-precision') {
    throw new InvalidInputError('options.scheme', "must be 'accurate' or 'high-precision'", scheme);
  }
  const o = options.out ?? {};
  const out: AmericanBatchResult = {
    price: outputBuffer('out.price', o.price, n),
    delta: outputBuffer('out.delta', o.delta, n),
    gamma: outputBuffer('out.gamma', o.gamma, n),
    theta: outputBuffer('out.theta', o.theta, n),
    vega: outputBuffer('out.vega', o.vega, n),
    rho: outputBuffer('out.rho', o.rho, n),
  };
  const status = statusBuffer(options.status, n);

  // Group the valid rows by (type, T, r, q); rows the fast path does not take go to `scalar`.
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const w = type[i]!;
    const ok = isValidBsRow(w, spot[i]!, strike[i]!, expiry[i]!, rate[i]!, dividendYield[i]!, vol[i]!);
    if (status !== undefined) status[i] = ok ? BatchStatus.Ok : BatchStatus.InvalidInput;
    if (!ok) {
      writeRow(out, i, NaN, NaN, NaN, NaN, NaN, NaN);
      continue;
    }
    const key = `${w}|${expiry[i]}|${rate[i]}|${dividendYield[i]}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [i]);
    else g.push(i);
  }

  const params = (i: number): AmericanParams => ({
    w: type[i] as 1 | -1,
    spot: spot[i]!,
    strike: strike[i]!,
    expiry: expiry[i]!,
    rate: rate[i]!,
    dividendYield: dividendYield[i]!,
    vol: vol[i]!,
    dividends: [],
  });
  const scalar = (i: number): void => {
    const p = params(i);
    try {
      const r = americanPrice({ type: p.w === 1 ? 'call' : 'put', spot: p.spot, strike: p.strike, expiry: p.expiry, rate: p.rate, dividendYield: p.dividendYield, vol: p.vol }, { scheme });
      writeRow(out, i, r.price, r.delta, r.gamma, r.theta, r.vega, r.rho);
    } catch {
      writeRow(out, i, NaN, NaN, NaN, NaN, NaN, NaN);
      if (status !== undefined) status[i] = BatchStatus.InvalidInput;
    }
  };

  for (const rows of groups.values()) {
    const i0 = rows[0]!;
    const w = type[i0]!;
    const T = expiry[i0]!;
    // Put coordinates: call(S, K, r, q) = put(K, S, q, r).
    const pr = w === -1 ? rate[i0]! : dividendYield[i0]!;
    const pq = w === -1 ? dividendYield[i0]! : rate[i0]!;
    // Expiry 0, a European put (no premium) and the double-boundary case (an error row): row by row.
    if (T === 0 || (pr < 0 && pq < pr) || putIsEuropean(pr, pq, T)) {
      for (const i of rows) scalar(i);
      continue;
    }
    const solver = new WarmFixedPointPut(1, 1, pr, pq, T, scheme);
    if (!solver.ok || presetScheme(scheme, solver.pp).scheme.iterations < 4) {
      for (const i of rows) scalar(i);
      continue;
    }
    rows.sort((a, b) => vol[a]! - vol[b]!);
    let cold = true;
    for (const i of rows) {
      const S = spot[i]!;
      const K = strike[i]!;
      const p = params(i);
      if (S === 0 || nearRateKink(p)) {
        scalar(i);
        continue;
      }
      const ps = w === -1 ? S : K;
      const pk = w === -1 ? K : S;
      solver.setOption(ps, pk);
      const v = vol[i]!;
      // Warm: one sweep fused with the greeks' system and a Newton update of the boundary
      // (WarmFixedPointPut.evaluateNewton), another while that sweep's residual was above 1e-5 (the
      // update leaves an error of second order in it). On the benchmark chain this is ~0.78 of the
      // previous two-plain-sweep form's time, with the same agreement with americanPrice.
      if (cold) solver.evaluate(v, true, 0, 0, true);
      else solver.evaluateNewton(v, 0);
      for (let k = 0; k < 8 && !cold && solver.greeks !== undefined && solver.residual() > BATCH_NEWTON_RESIDUAL; k++) solver.evaluateNewton(v, 0);
      // A spurious fixed point (y not increasing in τ) or a slow one: this row from a cold start.
      if (!cold && (!solver.plausible() || solver.residual() > BATCH_NEWTON_RESIDUAL)) solver.evaluate(v, true, 1, 0, true);
      const g = solver.greeks;
      if (g === undefined) {
        cold = true;
        scalar(i);
        continue;
      }
      cold = false;
      // θ from the Black-Scholes PDE in put coordinates (0 in the exercise region).
      const theta = g.exercised ? 0 : pr * g.price - (pr - pq) * ps * g.delta - 0.5 * v * v * ps * ps * g.gamma;
      if (w === -1) writeRow(out, i, g.price, g.delta, g.gamma, theta, g.vega, g.dr);
      else writeRow(out, i, g.price, (g.price - ps * g.delta) / pk, (ps * ps * g.gamma) / (pk * pk), theta, g.vega, g.dq);
    }
  }
  return out;
}

function writeRow(out: AmericanBatchResult, i: number, price: number, delta: number, gamma: number, theta: number, vega: number, rho: number): void {
  out.price[i] = price;
  out.delta[i] = delta;
  out.gamma[i] = gamma;
  out.theta[i] = theta;
  out.vega[i] = vega;
  out.rho[i] = rho;
}
