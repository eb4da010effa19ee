/**
 * Single-linkage agglomerative clustering of n points from a dense distance matrix (row-major),
 * via Prim's minimum spanning tree (O(n²)) then merging its edges in increasing order — the
 * method of scipy.cluster.hierarchy.linkage(method='single'), same output layout:
 * row k = [cluster a, cluster b, distance, size], a < b, new cluster id n + k.
 */
export function singleLinkage(dist: Float64Array, n: number): [number, number, number, number][] {
  if (n < 2) return [];
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n).fill(-1);
  const edges: [number, number, number][] = [];
  let cur = 0;
  inTree[0] = 1;
  for (let step = 1; step < n; step++) {
    let next = -1;
    let nd = Infinity;
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      const d = dist[cur * n + j];
      if (d < best[j]) {
        best[j] = d;
        from[j] = cur;
      }
      if (best[j] < nd || next < 0) {
        nd = best[j];
        next = j;
      }
    }
    edges.push([from[next], next, nd]);
    inTree[next] = 1;
    cur = next;
  }
  edges.sort((a, b) => a[2] - b[2]);
  // union-find with the current cluster id of each root
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const clusterId = Int32Array.from({ length: n }, (_, i) => i);
  const size = new Int32Array(n).fill(1);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const Z: [number, number, number, number][] = [];
  edges.forEach(([a, b, d], k) => {
    const ra = find(a);
    const rb = find(b);
    const ca = clusterId[ra];
    const cb = clusterId[rb];
    parent[rb] = ra;
    size[ra] += size[rb];
    clusterId[ra] = n + k;
    Z.push([Math.min(ca, cb), Math.max(ca, cb), d, size[ra]]);
  });
  return Z;
}

/** Leaves in dendrogram order (López de Prado's quasi-diagonalisation, getQuasiDiag). */
export function leafOrder(Z: [number, number, number, number][], n: number): number[] {
  if (n === 1) return [0];
  const out: number[] = [];
  const stack: number[] = [2 * n - 2];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c < n) out.push(c);
    else {
      const [a, b] = Z[c - n];
      stack.push(b, a);
    }
  }
  return out;
}
