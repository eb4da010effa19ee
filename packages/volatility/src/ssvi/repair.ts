/**
 * Arbitrage repair of a fitted SVI surface (a list of raw-SVI slices, increasing expiry).
 *
 * "Smallest change" here means: slice by slice in increasing expiry, the repaired slice minimises
 * the root-mean-square change of total variance, √(mean_j (w_new(k_j) - w_old(k_j))²), over a fit
 * grid k_j (default 81 points on [-2, 2]), subject to no butterfly arbitrage (Durrleman g ≥ 0) and
 * no calendar arbitrage against the already repaired earlier slice (w_new ≥ w_prev) on the check
 * window, and the wing bound b(1+|ρ|) ≤ 2. The constrained problem is solved by bounded
 * Levenberg-Marquardt from the original slice with exact-penalty residuals on a 241-point grid plus
 * cutting-plane points added where the dense checks fail, the weight growing ×10 (to 10⁶) until
 * the dense checks pass — a local minimiser of that distance, not a certified global one.
 * Slices that are already arbitrage-free (against their repaired predecessor) are left unchanged.
 */
import { InvalidInputError, NoSolutionError, levenbergMarquardt, requireFinite, requireInteger } from '@quantforge/core';
import { linspace, sviButterflyArbitrage, sviG } from '../svi/butterfly';
import type { SviRawParams } from '../svi/raw';
import { sviW } from '../svi/raw';
import type { SviSlice } from './calendar';
import { validateSlices } from './calendar';

/** Options of {@link repairSviSurface}. */
export interface RepairOptions {
  /** Fit-grid range for the distance (default [-2, 2]). */
  kMin?: number;
  kMax?: number;
  /** Fit-grid points (default 81). */
  points?: number;
  /** Check window for the arbitrage conditions (default [-3, 3], 1201 points for calendar, 6001 for butterfly). */
  checkMin?: number;
  checkMax?: number;
}

/** Per-slice outcome of {@link repairSviSurface}. */
export interface RepairedSlice extends SviSlice {
  /** Whether the slice had to be changed. */
  changed: boolean;
  /** RMS change of total variance on the fit grid (0 when unchanged). */
  rmsChange: number;
  /** Max |change| of total variance on the fit grid. */
  maxChange: number;
}

const RHO_MAX = 0.999;

/**
 * Removes butterfly and calendar arbitrage from SVI slices with the smallest change in total
 * variance (see the module comment for the precise meaning).
 *
 * @throws InvalidInputError for bad slices or options.
 * @throws NoSolutionError('repair-failed') when a slice cannot be made arbitrage-free.
 */
export function repairSviSurface(slices: readonly SviSlice[], options: RepairOptions = {}): RepairedSlice[] {
  validateSlices(slices);
  const kMin = options.kMin === undefined ? -2 : requireFinite('kMin', options.kMin);
  const kMax = options.kMax === undefined ? 2 : requireFinite('kMax', options.kMax);
  if (!(kMax > kMin)) throw new InvalidInputError('kMax', 'must be > kMin', kMax);
  const nFit = options.points === undefined ? 81 : requireInteger('points', options.points, 5);
  const cLo = options.checkMin === undefined ? -3 : requireFinite('checkMin', options.checkMin);
  const cHi = options.checkMax === undefined ? 3 : requireFinite('checkMax', options.checkMax);
  if (!(cHi > cLo)) throw new InvalidInputError('checkMax', 'must be > checkMin', cHi);
  const kFit = linspace(kMin, kMax, nFit);
  const kPenBase = Array.from(linspace(cLo, cHi, 241));
  const kCal = linspace(cLo, cHi, 1201);
  const out: RepairedSlice[] = [];
  let prev: SviRawParams | undefined;
  for (let s = 0; s < slices.length; s++) {
    const orig = slices[s]!.params;
    const calendarOk = (p: SviRawParams): boolean => {
      if (!prev) return true;
      for (const k of kCal) if (sviW(k, p.a, p.b, p.rho, p.m, p.sigma) < sviW(k, prev.a, prev.b, prev.rho, prev.m, prev.sigma)) return false;
      return true;
    };
    const ok = (p: SviRawParams): boolean =>
      p.b * (1 + Math.abs(p.rho)) <= 2 + 1e-12 && !sviButterflyArbitrage(p, { kMin: cLo, kMax: cHi, points: 6001 }).hasArbitrage && calendarOk(p);
    if (ok(orig)) {
      out.push({ expiry: slices[s]!.expiry, params: { ...orig }, changed: false, rmsChange: 0, maxChange: 0 });
      prev = orig;
      continue;
    }
    const target = kFit.map((k) => sviW(k, orig.a, orig.b, orig.rho, orig.m, orig.sigma));
    // Penalty points: a base grid plus cutting planes added where the dense checks fail.
    const kPen = kPenBase.slice();
    const prevP = prev;
    const toRaw = (x: ArrayLike<number>): SviRawParams => ({ a: x[0]!, b: (2 * x[1]!) / (1 + Math.abs(x[2]!)), rho: x[2]!, m: x[3]!, sigma: x[4]! });
    const rho0 = Math.max(-RHO_MAX, Math.min(RHO_MAX, orig.rho));
    let x0 = [orig.a, Math.min(1, (orig.b * (1 + Math.abs(rho0))) / 2), rho0, orig.m, Math.max(orig.sigma, 1e-4)];
    let found: SviRawParams | undefined;
    const scale = Math.max(...target.map(Math.abs), 1e-8);
    for (let round = 0, mu = 10; round < 12 && !found; round++, mu = Math.min(mu * 10, 1e6)) {
      const P = kPen.length;
      const prevW = prevP ? kPen.map((k) => sviW(k, prevP.a, prevP.b, prevP.rho, prevP.m, prevP.sigma)) : undefined;
      const res = levenbergMarquardt(
        (x, r) => {
          const p = toRaw(x);
          for (let j = 0; j < nFit; j++) r[j] = sviW(kFit[j]!, p.a, p.b, p.rho, p.m, p.sigma) - target[j]!;
          for (let j = 0; j < P; j++) {
            const k = kPen[j]!;
            const w = sviW(k, p.a, p.b, p.rho, p.m, p.sigma);
            r[nFit + j] = w > 0 ? mu * Math.max(0, 1e-6 - sviG(k, p.a, p.b, p.rho, p.m, p.sigma)) : mu * (1 - w / scale);
            r[nFit + P + j] = prevW ? (mu * Math.max(0, prevW[j]! + 1e-6 * scale - w)) / scale : 0;
          }
        },
        x0,
        {
          residualCount: nFit + 2 * P,
          lower: [-Infinity, 0, -RHO_MAX, -10, 1e-4],
          upper: [Infinity, 1, RHO_MAX, 10, 10],
          maxIterations: 300,
          tolerance: 1e-12,
          throwOnMaxIterations: false,
        },
      );
      const p = toRaw(res.x);
      if (ok(p)) found = p;
      else if (prevP && !sviButterflyArbitrage(p, { kMin: cLo, kMax: cHi, points: 6001 }).hasArbitrage) {
        // Only a tiny calendar deficit left: lift a by it (a parallel shift of total variance).
        let deficit = 0;
        for (const k of kCal) deficit = Math.max(deficit, sviW(k, prevP.a, prevP.b, prevP.rho, prevP.m, prevP.sigma) - sviW(k, p.a, p.b, p.rho, p.m, p.sigma));
        const lifted = { ...p, a: p.a + deficit * (1 + 1e-9) + 1e-15 };
        if (deficit < 1e-4 * scale && ok(lifted)) found = lifted;
      }
      if (!found) {
        const bf = sviButterflyArbitrage(p, { kMin: cLo, kMax: cHi, points: 6001 });
        if (bf.hasArbitrage) kPen.push(bf.at - 1e-3, bf.at, bf.at + 1e-3);
        if (prevP) {
          let worst = Infinity;
          let at = 0;
          for (const k of kCal) {
            const d = sviW(k, p.a, p.b, p.rho, p.m, p.sigma) - sviW(k, prevP.a, prevP.b, prevP.rho, prevP.m, prevP.sigma);
            if (d < worst) {
              worst = d;
              at = k;
            }
          }
          if (worst < 0) kPen.push(at);
        }
      }
      x0 = Array.from(res.x);
    }
    if (!found) {
      throw new NoSolutionError('repair-failed', `repairSviSurface: slice ${s} (expiry ${slices[s]!.expiry}) could not be made arbitrage-free; check the earlier slices`);
    }
    let ss = 0;
    let mx = 0;
    for (let j = 0; j < nFit; j++) {
      const d = sviW(kFit[j]!, found.a, found.b, found.rho, found.m, found.sigma) - target[j]!;
      ss += d * d;
      mx = Math.max(mx, Math.abs(d));
    }
    out.push({ expiry: slices[s]!.expiry, params: found, changed: true, rmsChange: Math.sqrt(ss / nFit), maxChange: mx });
    prev = found;
  }
  return out;
}
