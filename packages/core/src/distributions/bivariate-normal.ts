/**
 * The bivariate standard normal CDF P(X <= x, Y <= y) with correlation rho.
 *
 * A. Genz, "Numerical computation of rectangular bivariate and trivariate normal and t
 * probabilities", Statistics and Computing 14 (2004) 251-260, algorithm BVND (TVPACK):
 * - |rho| < 0.925: Drezner & Wesolowsky (1990), Gauss-Legendre over asin(rho) of the
 *   Plackett/Sheppard integral L(h, k, rho) = Phi(-h)Phi(-k) + 1/(2pi) int_0^asin(rho) ... ;
 * - |rho| >= 0.925: the integral over sqrt(1 - rho^2) with the singular part removed
 *   analytically (Genz's eq. for the near-singular case), rule on the smooth remainder.
 * 6, 12 or 20 points by |rho| < 0.3, < 0.75, otherwise. Genz reports ~1e-15 absolute; the
 * test measures it against 50-digit mpmath.
 * Gauss-Legendre nodes/weights below are the negative half, recomputed to full double
 * precision with mpmath (Genz's table has 16 digits).
 */
import { InvalidInputError } from '../errors/errors';
import { requireInRange } from '../validation/validate';
import { normCdf } from './normal';

const GL_X = [
  [-0.932469514203152, -0.6612093864662645, -0.2386191860831969],
  [
    -0.9815606342467192, -0.9041172563704749, -0.7699026741943047, -0.5873179542866175, -0.3678314989981802,
    -0.1252334085114689,
  ],
  [
    -0.9931285991850949, -0.9639719272779138, -0.912234428251326, -0.8391169718222188, -0.7463319064601508,
    -0.636053680726515, -0.5108670019508271, -0.37370608871541955, -0.22778585114164507, -0.07652652113349734,
  ],
];
const GL_W = [
  [0.17132449237917036, 0.3607615730481386, 0.46791393457269104],
  [
    0.04717533638651183, 0.10693932599531843, 0.16007832854334622, 0.20316742672306592, 0.2334925365383548,
    0.24914704581340277,
  ],
  [
    0.017614007139152118, 0.04060142980038694, 0.06267204833410907, 0.08327674157670475, 0.10193011981724044,
    0.11819453196151841, 0.13168863844917664, 0.14209610931838204, 0.14917298647260374, 0.15275338713072584,
  ],
];

const TWO_PI = 2 * Math.PI;
const SQRT_TWO_PI = Math.sqrt(TWO_PI);

/** Genz's BVND: P(X > h, Y > k) for finite h, k and |r| < 1. */
function bvnd(h: number, k: number, r: number): number {
  const ar = Math.abs(r);
  const ng = ar < 0.3 ? 0 : ar < 0.75 ? 1 : 2;
  const xg = GL_X[ng];
  const wg = GL_W[ng];
  const lg = xg.length;
  let hk = h * k;
  let bvn = 0;
  if (ar < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r);
    for (let i = 0; i < lg; i++) {
      let sn = Math.sin((asr * (xg[i] + 1)) / 2);
      bvn += wg[i] * Math.exp((sn * hk - hs) / (1 - sn * sn));
      sn = Math.sin((asr * (1 - xg[i])) / 2);
      bvn += wg[i] * Math.exp((sn * hk - hs) / (1 - sn * sn));
    }
    return (bvn * asr) / (2 * TWO_PI) + normCdf(-h) * normCdf(-k);
  }
  if (r < 0) {
    k = -k;
    hk = -hk;
  }
  const as = (1 - r) * (1 + r);
  let a = Math.sqrt(as);
  const bs = (h - k) * (h - k);
  const c = (4 - hk) / 8;
  const d = (12 - hk) / 16;
  bvn = a * Math.exp(-(bs / as + hk) / 2) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5);
  if (hk > -160) {
    const b = Math.sqrt(bs);
    bvn -= Math.exp(-hk / 2) * SQRT_TWO_PI * normCdf(-b / a) * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
  }
  a /= 2;
  for (let i = 0; i < lg; i++) {
    let xs = (a * (xg[i] + 1)) ** 2;
    let rs = Math.sqrt(1 - xs);
    bvn += a * wg[i] * (Math.exp(-bs / (2 * xs) - hk / (1 + rs)) / rs - Math.exp(-(bs / xs + hk) / 2) * (1 + c * xs * (1 + d * xs)));
    xs = (as * (1 - xg[i]) ** 2) / 4;
    rs = Math.sqrt(1 - xs);
    bvn +=
      a *
      wg[i] *
      Math.exp(-(bs / xs + hk) / 2) *
      (Math.exp((-hk * (1 - rs)) / (2 * (1 + rs))) / rs - (1 + c * xs * (1 + d * xs)));
  }
  bvn = -bvn / TWO_PI;
  if (r > 0) return bvn + normCdf(-Math.max(h, k));
  return -bvn + Math.max(0, normCdf(-h) - normCdf(-k));
}

function requireNotNaN(field: string, v: number): void {
  if (typeof v !== 'number') throw new InvalidInputError(field, 'must be a number', v);
  if (v !== v) throw new InvalidInputError(field, 'must not be NaN', v);
}

/**
 * P(X <= x, Y <= y) for standard normals X, Y with correlation rho (Genz 2004, BVND),
 * ~1e-15 absolute. x and y may be ±Infinity; rho = ±1 are handled exactly
 * (Phi(min(x, y)) and max(0, Phi(x) + Phi(y) - 1)).
 *
 * @throws InvalidInputError('x' | 'y') for NaN, ('rho') for NaN or rho outside [-1, 1].
 */
export function bivariateNormalCdf(x: number, y: number, rho: number): number {
  requireNotNaN('x', x);
  requireNotNaN('y', y);
  requireInRange('rho', rho, -1, 1);
  if (x === -Infinity || y === -Infinity) return 0;
  if (x === Infinity) return normCdf(y);
  if (y === Infinity) return normCdf(x);
  if (rho === 1) return normCdf(Math.min(x, y));
  // Phi(x) - Phi(-y) = P(-y < X <= x); the two CDFs are each accurate in absolute terms.
  if (rho === -1) return x + y <= 0 ? 0 : Math.max(0, normCdf(x) - normCdf(-y));
  if (rho === 0) return normCdf(x) * normCdf(y);
  // P(X <= x, Y <= y) = P(-X >= -x, -Y >= -y), and (-X, -Y) has the same correlation.
  const v = bvnd(-x, -y, rho);
  // The quadrature can leave a few 1e-17 outside [0, 1] when the answer is 0 or 1.
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
