/**
 * Shape-preserving rational cubic interpolation (Delbourgo & Gregory 1985), used by Let's Be
 * Rational (Jäckel 2015/2016, section 5) to build the initial guesses of the four zones.
 *
 *   f(t) = [y_r t³ + (r y_r - h d_r) t²(1-t) + (r y_l + h d_l) t(1-t)² + y_l (1-t)³] / [1 + (r-3) t(1-t)]
 *
 * with t = (x - x_l)/h, h = x_r - x_l; r is the control parameter (r = 3 gives the cubic Hermite
 * interpolant, r → ∞ the straight line).
 */
const DBL_EPSILON = Number.EPSILON;
const DBL_MIN = 2.2250738585072014e-308;
const DBL_MAX = Number.MAX_VALUE;

const MINIMUM_CONTROL_PARAMETER = -(1 - Math.sqrt(DBL_EPSILON));
const MAXIMUM_CONTROL_PARAMETER = 2 / (DBL_EPSILON * DBL_EPSILON);

function isZero(x: number): boolean {
  return Math.abs(x) < DBL_MIN;
}

export function rationalCubicInterpolation(
  x: number,
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  r: number,
): number {
  const h = xR - xL;
  if (Math.abs(h) <= 0) return 0.5 * (yL + yR);
  const t = (x - xL) / h;
  if (!(r >= MAXIMUM_CONTROL_PARAMETER)) {
    const omt = 1 - t;
    const t2 = t * t;
    const omt2 = omt * omt;
    // Delbourgo-Gregory (2.4) divided by (2.5).
    return (
      (yR * t2 * t + (r * yR - h * dR) * t2 * omt + (r * yL + h * dL) * t * omt2 + yL * omt2 * omt) /
      (1 + (r - 3) * t * omt)
    );
  }
  return yR * t + yL * (1 - t); // linear, without over- or underflow
}

function controlParameterToFitSecondDerivativeAtLeftSide(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  secondDerivativeL: number,
): number {
  const h = xR - xL;
  const numerator = 0.5 * h * secondDerivativeL + (dR - dL);
  if (isZero(numerator)) return 0;
  const denominator = (yR - yL) / h - dL;
  if (isZero(denominator)) return numerator > 0 ? MAXIMUM_CONTROL_PARAMETER : MINIMUM_CONTROL_PARAMETER;
  return numerator / denominator;
}

function controlParameterToFitSecondDerivativeAtRightSide(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  secondDerivativeR: number,
): number {
  const h = xR - xL;
  const numerator = 0.5 * h * secondDerivativeR + (dR - dL);
  if (isZero(numerator)) return 0;
  const denominator = dR - (yR - yL) / h;
  if (isZero(denominator)) return numerator > 0 ? MAXIMUM_CONTROL_PARAMETER : MINIMUM_CONTROL_PARAMETER;
  return numerator / denominator;
}

/** The smallest r that keeps the interpolant monotone and convex/concave where the data allow (D&G 3.8, 3.18). */
function minimumControlParameter(dL: number, dR: number, s: number, preferShapePreservationOverSmoothness: boolean): number {
  const monotonic = dL * s >= 0 && dR * s >= 0;
  const convex = dL <= s && s <= dR;
  const concave = dL >= s && s >= dR;
  if (!monotonic && !convex && !concave) return MINIMUM_CONTROL_PARAMETER;
  const dRmdL = dR - dL;
  const dRms = dR - s;
  const smdL = s - dL;
  let r1 = -DBL_MAX;
  let r2 = r1;
  if (monotonic) {
    if (!isZero(s)) r1 = (dR + dL) / s;
    else if (preferShapePreservationOverSmoothness) r1 = MAXIMUM_CONTROL_PARAMETER;
  }
  if (convex || concave) {
    if (!(isZero(smdL) || isZero(dRms))) r2 = Math.max(Math.abs(dRmdL / dRms), Math.abs(dRmdL / smdL));
    else if (preferShapePreservationOverSmoothness) r2 = MAXIMUM_CONTROL_PARAMETER;
  } else if (monotonic && preferShapePreservationOverSmoothness) {
    r2 = MAXIMUM_CONTROL_PARAMETER;
  }
  return Math.max(MINIMUM_CONTROL_PARAMETER, r1, r2);
}

export function convexRationalCubicControlParameterToFitSecondDerivativeAtLeftSide(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  secondDerivativeL: number,
  preferShapePreservationOverSmoothness: boolean,
): number {
  const r = controlParameterToFitSecondDerivativeAtLeftSide(xL, xR, yL, yR, dL, dR, secondDerivativeL);
  const rMin = minimumControlParameter(dL, dR, (yR - yL) / (xR - xL), preferShapePreservationOverSmoothness);
  return Math.max(r, rMin);
}

export function convexRationalCubicControlParameterToFitSecondDerivativeAtRightSide(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  secondDerivativeR: number,
  preferShapePreservationOverSmoothness: boolean,
): number {
  const r = controlParameterToFitSecondDerivativeAtRightSide(xL, xR, yL, yR, dL, dR, secondDerivativeR);
  const rMin = minimumControlParameter(dL, dR, (yR - yL) / (xR - xL), preferShapePreservationOverSmoothness);
  return Math.max(r, rMin);
}
