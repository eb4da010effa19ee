/**
 * Polynomial interpolation on the n Chebyshev points of the second kind z_i = -cos(iπ/(n-1))
 * (ascending, z_0 = -1, z_{n-1} = 1), by the barycentric formula (weights (-1)^i, halved at the
 * ends; Berrut & Trefethen 2004). As QuantLib's ChebyshevInterpolation(SecondKind), which the
 * QD+ and fixed-point engines use for the exercise boundary in z = 2 sqrt(τ/T) - 1.
 */
export class ChebyshevInterpolation {
  readonly nodes: Float64Array;
  readonly y: Float64Array;
  private readonly weights: Float64Array;

  constructor(n: number) {
    this.nodes = new Float64Array(n);
    this.y = new Float64Array(n);
    this.weights = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.nodes[i] = n === 1 ? 0 : -Math.cos((i * Math.PI) / (n - 1));
      this.weights[i] = (i % 2 === 0 ? 1 : -1) * (i === 0 || i === n - 1 ? 0.5 : 1);
    }
  }

  /** The interpolant at z (extrapolates outside [-1, 1]). */
  value(z: number): number {
    const { nodes, y, weights } = this;
    let num = 0;
    let den = 0;
    for (let i = 0; i < nodes.length; i++) {
      const d = z - nodes[i]!;
      if (d === 0) return y[i]!;
      const c = weights[i]! / d;
      num += c * y[i]!;
      den += c;
    }
    return num / den;
  }
}
