/**
 * Kernel of the Heston characteristic function in the "little trap" form of Albrecher, Mayer,
 * Schoutens & Tistaert (2007), "The little Heston trap", Wilmott Magazine, rewritten so that no
 * term divides by σ² (the σ → 0 limit is exact and small σ loses no digits):
 *
 *   φ(z) = E[exp(i z ln(S_T / F_T))] = exp(C(z) + D(z) v₀),   q = z² + i z,  β = κ - ρσ i z,
 *   d = √(β² + σ² q) (Re d ≥ 0),  a = (β - d)/σ² = -q/(β + d),  g = (β - d)/(β + d) = σ² a/(β + d),
 *   D = a (1 - e^{-dT}) / (1 - g e^{-dT}),
 *   C = κθ [a T - 2 (y/σ²) · log1p(y)/y],  y = g (1 - e^{-dT})/(1 - g),  y/σ² = a(1 - e^{-dT})/((β + d)(1 - g)).
 *
 * 1 - e^{-dT} is evaluated with expm1 and log1p(y) with a real log1p of |1 + y|² - 1, so short
 * expiries and small σ keep full precision. Also returns ∂ ln φ/∂T from the Riccati equations
 * (∂D/∂T = -q/2 - βD + σ²D²/2, ∂C/∂T = κθ D) for the theta greek.
 */

/** Output layout of {@link hestonLogCfKernel}. */
export const CF_LOG_RE = 0;
export const CF_LOG_IM = 1;
export const CF_D_RE = 2;
export const CF_D_IM = 3;
export const CF_DT_RE = 4;
export const CF_DT_IM = 5;

/**
 * Writes ln φ(z), D(z) and ∂ ln φ/∂T for complex z = zr + i zi into out[0..5]. Unchecked: the
 * caller validates (κ, σ ≥ 0, |ρ| ≤ 1, T ≥ 0, v0, θ ≥ 0).
 */
export function hestonLogCfKernel(
  zr: number,
  zi: number,
  T: number,
  v0: number,
  kappa: number,
  theta: number,
  sigma: number,
  rho: number,
  out: Float64Array,
): void {
  // q = z² + iz
  const qr = zr * zr - zi * zi - zi;
  const qi = 2 * zr * zi + zr;
  // β = κ - ρσ i z = κ + ρσ zi - i ρσ zr
  const rs = rho * sigma;
  const br = kappa + rs * zi;
  const bi = -rs * zr;
  // d = sqrt(β² + σ² q)
  const s2 = sigma * sigma;
  const dr2 = br * br - bi * bi + s2 * qr;
  const di2 = 2 * br * bi + s2 * qi;
  let dr: number;
  let di: number;
  {
    const m = Math.hypot(dr2, di2);
    if (m === 0) {
      dr = 0;
      di = 0;
    } else if (dr2 >= 0) {
      dr = Math.sqrt(0.5 * (m + dr2));
      di = di2 / (2 * dr);
    } else {
      const t = Math.sqrt(0.5 * (m - dr2));
      dr = Math.abs(di2) / (2 * t);
      di = di2 < 0 ? -t : t;
    }
  }
  // β + d
  const pr = br + dr;
  const pi = bi + di;
  const pm = pr * pr + pi * pi;
  if (pm === 0) {
    // κ = σ = 0 (and then β = d = 0): constant variance v0, ln φ = -q v0 T / 2.
    out[0] = -0.5 * qr * v0 * T;
    out[1] = -0.5 * qi * v0 * T;
    out[2] = -0.5 * qr * T;
    out[3] = -0.5 * qi * T;
    out[4] = -0.5 * qr * v0;
    out[5] = -0.5 * qi * v0;
    return;
  }
  // a = -q/(β + d)
  const ar = -(qr * pr + qi * pi) / pm;
  const ai = -(qi * pr - qr * pi) / pm;
  // g = σ² a/(β + d)
  const gr = (s2 * (ar * pr + ai * pi)) / pm;
  const gi = (s2 * (ai * pr - ar * pi)) / pm;
  // e = exp(-dT), em1 = 1 - e
  const x = -dr * T;
  const yv = -di * T;
  const ex = Math.exp(x);
  const cy = Math.cos(yv);
  const sy = Math.sin(yv);
  const er = ex * cy;
  const ei = ex * sy;
  const sh = Math.sin(0.5 * yv);
  const mr = -Math.expm1(x) * cy + 2 * sh * sh;
  const mi = -ei;
  // denominator 1 - g e
  const nr = 1 - (gr * er - gi * ei);
  const ni = -(gr * ei + gi * er);
  const nm = nr * nr + ni * ni;
  // D = a·em1/(1 - g e)
  const amr = ar * mr - ai * mi;
  const ami = ar * mi + ai * mr;
  const Dr = (amr * nr + ami * ni) / nm;
  const Di = (ami * nr - amr * ni) / nm;
  // y/σ² = a·em1 / ((β + d)(1 - g))
  const omr = 1 - gr;
  const omi = -gi;
  const hr = pr * omr - pi * omi;
  const hi = pr * omi + pi * omr;
  const hm = hr * hr + hi * hi;
  const ysr = (amr * hr + ami * hi) / hm;
  const ysi = (ami * hr - amr * hi) / hm;
  // y = σ² · (y/σ²); L = log1p(y)/y
  const yr = s2 * ysr;
  const yi = s2 * ysi;
  let Lr: number;
  let Li: number;
  const ym = Math.hypot(yr, yi);
  if (ym < 1e-5) {
    // 1 - y/2 + y²/3 - y³/4 (error < 1e-20)
    const y2r = yr * yr - yi * yi;
    const y2i = 2 * yr * yi;
    const y3r = y2r * yr - y2i * yi;
    const y3i = y2r * yi + y2i * yr;
    Lr = 1 - yr / 2 + y2r / 3 - y3r / 4;
    Li = -yi / 2 + y2i / 3 - y3i / 4;
  } else {
    const lr = 0.5 * Math.log1p(2 * yr + yr * yr + yi * yi);
    const li = Math.atan2(yi, 1 + yr);
    const yy = yr * yr + yi * yi;
    Lr = (lr * yr + li * yi) / yy;
    Li = (li * yr - lr * yi) / yy;
  }
  const kt = kappa * theta;
  const Cr = kt * (ar * T - 2 * (ysr * Lr - ysi * Li));
  const Ci = kt * (ai * T - 2 * (ysr * Li + ysi * Lr));
  out[0] = Cr + Dr * v0;
  out[1] = Ci + Di * v0;
  out[2] = Dr;
  out[3] = Di;
  // ∂ln φ/∂T = κθ D + v0 (-q/2 - β D + σ² D²/2)
  const bDr = br * Dr - bi * Di;
  const bDi = br * Di + bi * Dr;
  const D2r = Dr * Dr - Di * Di;
  const D2i = 2 * Dr * Di;
  out[4] = kt * Dr + v0 * (-0.5 * qr - bDr + 0.5 * s2 * D2r);
  out[5] = kt * Di + v0 * (-0.5 * qi - bDi + 0.5 * s2 * D2i);
}
