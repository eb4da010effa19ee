/** Σ_{k<len} v[p+k]·v[q+k] with four accumulators (breaks the add-latency chain of one sum). */
export function dotRows(v: Float64Array, p: number, q: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += v[p + k] * v[q + k];
    s1 += v[p + k + 1] * v[q + k + 1];
    s2 += v[p + k + 2] * v[q + k + 2];
    s3 += v[p + k + 3] * v[q + k + 3];
  }
  for (; k < len; k++) s0 += v[p + k] * v[q + k];
  return s0 + s1 + (s2 + s3);
}
