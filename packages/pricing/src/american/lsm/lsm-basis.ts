/**
 * Regression bases of the Longstaff-Schwartz engine, on the moneyness x = S/K. Degree d gives
 * d + 1 functions:
 * - 'laguerre': the constant and the first d weighted Laguerre polynomials
 *   e^{-x/2} L_0(x), ..., e^{-x/2} L_{d-1}(x) (Longstaff & Schwartz 2001, eq. (2) and §3: "a
 *   constant and the first three weighted Laguerre polynomials" for degree 3);
 * - 'monomial': 1, x, ..., x^d.
 * L_0 = 1, L_1 = 1 - x, (j+1) L_{j+1} = (2j + 1 - x) L_j - j L_{j-1}.
 */
export type LsmBasis = 'laguerre' | 'monomial';

/** Writes the m = degree + 1 basis values at x into `out[off + j·stride]`, j = 0..m-1. */
export function basisValues(basis: LsmBasis, m: number, x: number, out: Float64Array, off: number, stride: number): void {
  out[off] = 1;
  if (m === 1) return;
  if (basis === 'monomial') {
    let v = 1;
    for (let j = 1; j < m; j++) {
      v *= x;
      out[off + j * stride] = v;
    }
    return;
  }
  const e = Math.exp(-0.5 * x);
  let lPrev = 1;
  let l = 1 - x;
  out[off + stride] = e;
  if (m > 2) out[off + 2 * stride] = e * l;
  for (let j = 1; j + 2 < m; j++) {
    const next = ((2 * j + 1 - x) * l - j * lPrev) / (j + 1);
    lPrev = l;
    l = next;
    out[off + (j + 2) * stride] = e * l;
  }
}

/** Σ_j coef[off + j] φ_j(x): the fitted continuation value (in strike units) at x = S/K. */
export function basisDot(basis: LsmBasis, m: number, coef: Float64Array, off: number, x: number): number {
  if (basis === 'monomial') {
    let acc = coef[off + m - 1];
    for (let j = m - 2; j >= 0; j--) acc = acc * x + coef[off + j];
    return acc;
  }
  if (m === 1) return coef[off];
  let lPrev = 1;
  let l = 1 - x;
  let acc = coef[off + 1];
  if (m > 2) acc += coef[off + 2] * l;
  for (let j = 1; j + 2 < m; j++) {
    const next = ((2 * j + 1 - x) * l - j * lPrev) / (j + 1);
    lPrev = l;
    l = next;
    acc += coef[off + j + 2] * l;
  }
  return coef[off] + Math.exp(-0.5 * x) * acc;
}
