/**
 * A bounded ascending buffer with O(log n) search and O(n) memmove insert/remove (fast for
 * windows up to ~10^5), the sorted sample a sliding window needs for KS / Wasserstein.
 */
export class SortedBuffer {
  private data: Float64Array;
  private n = 0;

  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(capacity, 1));
  }

  get length(): number {
    return this.n;
  }

  /** First index with data[i] >= v. */
  private lowerBound(v: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.data[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(v: number): void {
    if (this.n === this.data.length) {
      const d = new Float64Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    const i = this.lowerBound(v);
    this.data.copyWithin(i + 1, i, this.n);
    this.data[i] = v;
    this.n++;
  }

  /** Removes one occurrence of v (which must be present). */
  remove(v: number): void {
    const i = this.lowerBound(v);
    if (i >= this.n || this.data[i] !== v) throw new Error(`SortedBuffer: ${v} not present`);
    this.data.copyWithin(i, i + 1, this.n);
    this.n--;
  }

  clear(): void {
    this.n = 0;
  }

  /** A view of the sorted values (valid until the next mutation). */
  view(): Float64Array {
    return this.data.subarray(0, this.n);
  }
}
