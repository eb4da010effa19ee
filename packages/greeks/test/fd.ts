/**
 * Central finite differences with one Richardson step (error O(h⁴)), used to check each
 * analytic greek against the analytic greek it is the derivative of.
 */
export function richardson(f: (x: number) => number, x: number, h: number): number {
  const c = (k: number) => (f(x + k) - f(x - k)) / (2 * k);
  return (4 * c(h / 2) - c(h)) / 3;
}

/**
 * |fd - analytic| in units of the allowed error: rel·|analytic| + rel·|parent|/xScale, where
 * |parent|/xScale is the size a derivative of the parent has when nothing cancels (it absorbs
 * the roundoff of the difference quotient and greeks that cross zero).
 */
export function fdUnits(fd: number, analytic: number, parent: number, xScale: number, rel: number): number {
  return Math.abs(fd - analytic) / (rel * (Math.abs(analytic) + Math.abs(parent) / xScale) + 1e-300);
}
