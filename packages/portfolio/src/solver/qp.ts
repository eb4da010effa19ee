import { ConvergenceError, InvalidInputError } from '@quantforge/core';
import { ConstraintConflictError } from '../constraints/errors';
import { solveBoundedQp } from './bounded-qp';
import { choleskyLower } from './cholesky';
import type { LinearRows, QpProblem, QpSolution } from './types';

/** Internal constraint kinds. */
const ROW = 0;
const BOUND = 1;

interface Constraints {
  kind: Int8Array;
  /** Bound: variable index. */
  index: Int32Array;
  /** Bound: +1 for x_i ≥ l, −1 for −x_i ≥ −u. */
  sign: Float64Array;
  /** Right-hand side after normalisation (row rows have unit norm). */
  rhs: Float64Array;
  /** Row: the normalised coefficients; 1 / ‖a‖ kept to undo the scaling of multipliers. */
  vec: (Float64Array | null)[];
  invNorm: Float64Array;
  label: (k: number) => string;
  /** Where constraint k came from: ['eq' | 'ineq' | 'lower' | 'upper', original index]. */
  origin: (k: number) => [string, number];
  meq: number;
  m: number;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}

function readRows(r: LinearRows | undefined, n: number, field: string): { rows: Float64Array[]; rhs: Float64Array; labels: string[] } {
  if (r === undefined) return { rows: [], rhs: new Float64Array(0), labels: [] };
  const m = r.rows.length;
  if (r.rhs.length !== m) throw new InvalidInputError(`${field}.rhs`, `must have ${m} entries (one per row), got ${r.rhs.length}`);
  const rows: Float64Array[] = [];
  const rhs = new Float64Array(m);
  const labels: string[] = [];
  for (let k = 0; k < m; k++) {
    const a = r.rows[k];
    if (a.length !== n) throw new InvalidInputError(`${field}.rows[${k}]`, `must have ${n} entries (one per variable), got ${a.length}`);
    const v = Float64Array.from(a);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(v[i])) throw new InvalidInputError(`${field}.rows[${k}][${i}]`, 'must be a finite number', v[i]);
    }
    if (!Number.isFinite(r.rhs[k])) throw new InvalidInputError(`${field}.rhs[${k}]`, 'must be a finite number', r.rhs[k]);
    rows.push(v);
    rhs[k] = r.rhs[k];
    labels.push(r.labels?.[k] ?? `${field}[${k}]`);
  }
  return { rows, rhs, labels };
}

function buildConstraints(p: QpProblem, n: number): Constraints {
  const eq = readRows(p.equalities, n, 'equalities');
  const ineq = readRows(p.inequalities, n, 'inequalities');
  const lower = p.lower;
  const upper = p.upper;
  if (lower !== undefined && lower.length !== n) throw new InvalidInputError('lower', `must have ${n} entries, got ${lower.length}`);
  if (upper !== undefined && upper.length !== n) throw new InvalidInputError('upper', `must have ${n} entries, got ${upper.length}`);
  const bl: number[] = [];
  const bu: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = lower?.[i] ?? -Infinity;
    const u = upper?.[i] ?? Infinity;
    if (Number.isNaN(l) || l === Infinity) throw new InvalidInputError(`lower[${i}]`, 'must be a number < +Infinity (−Infinity for none)', l);
    if (Number.isNaN(u) || u === -Infinity) throw new InvalidInputError(`upper[${i}]`, 'must be a number > −Infinity (+Infinity for none)', u);
    if (l > u) {
      throw new ConstraintConflictError('bounds', [`lower[${i}] = ${fmt(l)}`, `upper[${i}] = ${fmt(u)}`], [`make lower[${i}] ≤ upper[${i}]`]);
    }
    if (l > -Infinity) bl.push(i);
    if (u < Infinity) bu.push(i);
  }
  const meq = eq.rows.length;
  const m = meq + ineq.rows.length + bl.length + bu.length;
  const c: Constraints = {
    kind: new Int8Array(m),
    index: new Int32Array(m),
    sign: new Float64Array(m),
    rhs: new Float64Array(m),
    vec: new Array<Float64Array | null>(m).fill(null),
    invNorm: new Float64Array(m).fill(1),
    label: () => '',
    origin: () => ['', 0],
    meq,
    m,
  };
  let k = 0;
  const addRow = (v: Float64Array, b: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += v[i] * v[i];
    s = Math.sqrt(s);
    if (s === 0) {
      c.kind[k] = ROW;
      c.vec[k] = v;
      c.rhs[k] = b;
      k++;
      return;
    }
    for (let i = 0; i < n; i++) v[i] /= s;
    c.kind[k] = ROW;
    c.vec[k] = v;
    c.rhs[k] = b / s;
    c.invNorm[k] = 1 / s;
    k++;
  };
  for (let r = 0; r < meq; r++) addRow(eq.rows[r], eq.rhs[r]);
  for (let r = 0; r < ineq.rows.length; r++) addRow(ineq.rows[r], ineq.rhs[r]);
  const nIneq = ineq.rows.length;
  for (const i of bl) {
    c.kind[k] = BOUND;
    c.index[k] = i;
    c.sign[k] = 1;
    c.rhs[k] = lower![i];
    k++;
  }
  for (const i of bu) {
    c.kind[k] = BOUND;
    c.index[k] = i;
    c.sign[k] = -1;
    c.rhs[k] = -upper![i];
    k++;
  }
  const offL = meq + nIneq;
  const offU = offL + bl.length;
  c.origin = (q) => {
    if (q < meq) return ['eq', q];
    if (q < offL) return ['ineq', q - meq];
    if (q < offU) return ['lower', bl[q - offL]];
    return ['upper', bu[q - offU]];
  };
  c.label = (q) => {
    const [t, i] = c.origin(q);
    if (t === 'eq') return eq.labels[i];
    if (t === 'ineq') return ineq.labels[i];
    const name = p.variableNames?.[i] ?? `x[${i}]`;
    if (t === 'lower') return `lower bound ${name} ≥ ${fmt(lower![i])}`;
    return `upper bound ${name} ≤ ${fmt(upper![i])}`;
  };
  return c;
}

/** Lower Cholesky factor as a flat row-major array; null when H is not positive definite. */
function choleskyFlat(h: Float64Array, n: number): Float64Array | null {
  return choleskyLower(h, n, 1e-14);
}

function readSquare(a: ReadonlyArray<ArrayLike<number>>, field: string): Float64Array {
  const n = a.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const r = a[i];
    if (r.length !== n) throw new InvalidInputError(`${field}[${i}]`, `must have ${n} entries (square matrix), got ${r.length}`);
    for (let j = 0; j < n; j++) {
      const v = r[j];
      if (!Number.isFinite(v)) throw new InvalidInputError(`${field}[${i}][${j}]`, 'must be a finite number', v);
      out[i * n + j] = v;
    }
  }
  return out;
}

/**
 * Solves a dense strictly convex QP by the dual active-set method of Goldfarb and Idnani (1983),
 * "A numerically stable dual method for solving strictly convex quadratic programs", Math. Prog.
 * 27 — the algorithm of R's quadprog::solve.QP. It starts at the unconstrained minimiser and adds
 * violated constraints one at a time, keeping J = L⁻ᵀQ and the triangular R of the active normals
 * up to date with Givens rotations (O(n²) per step after the O(n³) start). Bounds are handled as
 * unit-vector constraints without forming them (O(n) per product).
 *
 * Exact up to rounding at termination (every constraint satisfied to 1e-12 after the rows are
 * normalised to unit length; the objective is scaled by the mean of diag(H) internally).
 *
 * When `hessian` is given and the constraints are one equality row plus bounds (long-only /
 * boxed minimum variance), `method: 'auto'` first runs a primal active-set method on the free
 * variables ({@link solveBoundedQp}: only H_FF is factorised, by Cholesky up/downdates — O(n·|F|)
 * per iteration instead of O(n²) per bound); it returns the exact KKT point of its final free
 * set (equal to the dual answer to rounding) or hands over to the dual method when it cannot
 * certify one (infeasible start, singular free block, iteration cap), so the errors below are
 * unchanged. `QpSolution.method` says which ran.
 *
 * @throws InvalidInputError when H is not positive definite or inputs are malformed.
 * @throws ConstraintConflictError (an InfeasibleError) when the constraints have no common point:
 *   it lists the constraints that conflict (a Farkas certificate of the dual step).
 * @throws ConvergenceError after 10·(n + m) + 100 active-set changes (does not happen on a
 *   well-posed problem; carries the last iterate).
 */
export function solveQp(problem: QpProblem): QpSolution {
  const method = problem.method ?? 'auto';
  if (method !== 'auto' && method !== 'dual-active-set' && method !== 'primal-active-set') {
    throw new InvalidInputError('method', "must be 'auto', 'dual-active-set' or 'primal-active-set'", method);
  }
  let n: number;
  let Lflat: Float64Array;
  let H: Float64Array | null = null;
  if (problem.choleskyFactor !== undefined) {
    n = problem.choleskyFactor.length;
    Lflat = readSquare(problem.choleskyFactor, 'choleskyFactor');
    for (let i = 0; i < n; i++) {
      if (!(Lflat[i * n + i] > 0)) throw new InvalidInputError(`choleskyFactor[${i}][${i}]`, 'must be > 0 (a Cholesky factor of a positive-definite matrix)', Lflat[i * n + i]);
    }
    if (problem.hessian !== undefined) {
      if (problem.hessian.length !== n) throw new InvalidInputError('hessian', `must be ${n} × ${n} like choleskyFactor, got ${problem.hessian.length} rows`);
      H = readSquare(problem.hessian, 'hessian');
    }
  } else if (problem.hessian !== undefined) {
    n = problem.hessian.length;
    if (n === 0) throw new InvalidInputError('hessian', 'must be a non-empty square matrix');
    H = readSquare(problem.hessian, 'hessian');
    const L = choleskyFlat(H, n);
    if (L === null) throw new InvalidInputError('hessian', 'must be positive definite (its Cholesky factorisation failed); the QP is not strictly convex');
    Lflat = L;
  } else {
    throw new InvalidInputError('hessian', 'is required (or choleskyFactor)');
  }
  if (n === 0) throw new InvalidInputError('hessian', 'must be a non-empty square matrix');
  const cIn = problem.linear;
  if (cIn !== undefined && cIn.length !== n) throw new InvalidInputError('linear', `must have ${n} entries, got ${cIn.length}`);
  if (cIn !== undefined) {
    for (let i = 0; i < n; i++) if (!Number.isFinite(cIn[i])) throw new InvalidInputError(`linear[${i}]`, 'must be a finite number', cIn[i]);
  }
  const cons = buildConstraints(problem, n);

  const eligible = H !== null && cons.meq === 1 && cons.m === 1 + countBounds(problem, n);
  if (method === 'primal-active-set' && !eligible) {
    throw new InvalidInputError('method', "'primal-active-set' needs `hessian` and exactly one equality row plus bounds (no inequality rows)", method);
  }
  if (eligible && method !== 'dual-active-set') {
    const fast = primalPath(problem, H!, n, cons);
    if (fast !== null) return fast;
  }

  // Scale H to unit mean diagonal: H = σ H', c = σ c'. diag(H)_i = ‖L_i‖².
  let sigma = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += Lflat[i * n + k] * Lflat[i * n + k];
    sigma += s;
  }
  sigma /= n;
  const rs = 1 / Math.sqrt(sigma);
  const c = new Float64Array(n);
  if (cIn !== undefined) for (let i = 0; i < n; i++) c[i] = cIn[i] / sigma;
  // J = L'^{-T} stored column-major: column j of J is row j of L'^{-1}.
  const J = new Float64Array(n * n);
  {
    const y = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      y.fill(0, 0, n);
      y[k] = 1 / (Lflat[k * n + k] * rs);
      J[k * n + k] = y[k];
      for (let i = k + 1; i < n; i++) {
        const ri = i * n;
        let s = 0;
        for (let mm = k; mm < i; mm++) s += Lflat[ri + mm] * y[mm];
        y[i] = -(s * rs) / (Lflat[ri + i] * rs);
        J[i * n + k] = y[i];
      }
    }
  }
  // Rows ≥ colEnd[j] of column j of J are exactly 0 (J starts upper triangular); loops stop there.
  const colEnd = Int32Array.from({ length: n }, (_, j) => j + 1);
  const x = new Float64Array(n);
  {
    // x = −J Jᵀ c
    for (let j = 0; j < n; j++) {
      const col = j * n;
      let t = 0;
      for (let i = 0; i < n; i++) t += J[col + i] * c[i];
      if (t !== 0) for (let i = 0; i < n; i++) x[i] -= t * J[col + i];
    }
  }

  const m = cons.m;
  const meq = cons.meq;
  const R = new Float64Array(n * n); // row-major, upper triangular in its leading iq × iq block
  const d = new Float64Array(n);
  const z = new Float64Array(n);
  const r = new Float64Array(n);
  const u = new Float64Array(n); // multipliers of the active set
  const A = new Int32Array(n); // active constraint ids
  const isActive = new Uint8Array(m);
  const skipped = new Uint8Array(m);
  let iq = 0;
  let rNorm = 1;
  let iterations = 0;
  const maxIterations = 10 * (n + m) + 100;

  const slack = (k: number): number => {
    if (cons.kind[k] === BOUND) return cons.sign[k] * x[cons.index[k]] - cons.rhs[k];
    const v = cons.vec[k]!;
    let s = 0;
    for (let i = 0; i < n; i++) s += v[i] * x[i];
    return s - cons.rhs[k];
  };
  const computeD = (k: number) => {
    if (cons.kind[k] === BOUND) {
      const idx = cons.index[k];
      const sg = cons.sign[k];
      for (let j = 0; j < n; j++) d[j] = sg * J[j * n + idx];
    } else {
      const v = cons.vec[k]!;
      for (let j = 0; j < n; j++) {
        const col = j * n;
        const end = colEnd[j];
        let s = 0;
        for (let i = 0; i < end; i++) s += J[col + i] * v[i];
        d[j] = s;
      }
    }
  };
  /** z = J₂ d₂ (columns iq..n−1); returns d₂ᵀd₂ = zᵀn_p; r = R⁻¹ d₁. */
  const computeZR = (): number => {
    z.fill(0);
    let zn = 0;
    for (let j = iq; j < n; j++) {
      const dj = d[j];
      if (dj === 0) continue;
      zn += dj * dj;
      const col = j * n;
      const end = colEnd[j];
      for (let i = 0; i < end; i++) z[i] += dj * J[col + i];
    }
    for (let i = iq - 1; i >= 0; i--) {
      let s = d[i];
      const ri = i * n;
      for (let k = i + 1; k < iq; k++) s -= R[ri + k] * r[k];
      r[i] = s / R[ri + i];
    }
    return zn;
  };
  /**
   * Adds the constraint whose d = Jᵀn is in `d`; false when it depends on the active ones. Givens
   * rotations from the bottom zero d[iq+1..]; a zero d[j] costs nothing, which keeps the early
   * steps cheap while J = L⁻ᵀ is still nearly triangular.
   */
  const addConstraint = (): boolean => {
    for (let j = n - 1; j >= iq + 1; j--) {
      let cc = d[j - 1];
      let ss = d[j];
      if (ss === 0) continue;
      const h = Math.hypot(cc, ss);
      d[j] = 0;
      ss /= h;
      cc /= h;
      if (cc < 0) {
        cc = -cc;
        ss = -ss;
        d[j - 1] = -h;
      } else d[j - 1] = h;
      const xny = ss / (1 + cc);
      const c0 = (j - 1) * n;
      const c1 = j * n;
      const end = Math.max(colEnd[j - 1], colEnd[j]);
      colEnd[j - 1] = end;
      colEnd[j] = end;
      for (let k = 0; k < end; k++) {
        const t1 = J[c0 + k];
        const t2 = J[c1 + k];
        const a = t1 * cc + t2 * ss;
        J[c0 + k] = a;
        J[c1 + k] = xny * (t1 + a) - t2;
      }
    }
    iq++;
    for (let i = 0; i < iq; i++) R[i * n + iq - 1] = d[i];
    const diag = Math.abs(d[iq - 1]);
    if (diag <= 1e-13 * rNorm) return false;
    if (diag > rNorm) rNorm = diag;
    return true;
  };
  const deleteConstraint = (pos: number) => {
    isActive[A[pos]] = 0;
    for (let i = pos; i < iq - 1; i++) {
      A[i] = A[i + 1];
      u[i] = u[i + 1];
      for (let row = 0; row <= i + 1; row++) R[row * n + i] = R[row * n + i + 1];
    }
    for (let row = 0; row < n; row++) R[row * n + iq - 1] = 0;
    iq--;
    for (let j = pos; j < iq; j++) {
      const rj = j * n;
      const rj1 = (j + 1) * n;
      let cc = R[rj + j];
      let ss = R[rj1 + j];
      if (ss === 0) continue;
      const h = Math.hypot(cc, ss);
      cc /= h;
      ss /= h;
      R[rj1 + j] = 0;
      if (cc < 0) {
        R[rj + j] = -h;
        cc = -cc;
        ss = -ss;
      } else R[rj + j] = h;
      const xny = ss / (1 + cc);
      for (let k = j + 1; k < iq; k++) {
        const t1 = R[rj + k];
        const t2 = R[rj1 + k];
        const a = t1 * cc + t2 * ss;
        R[rj + k] = a;
        R[rj1 + k] = xny * (t1 + a) - t2;
      }
      const c0 = j * n;
      const c1 = (j + 1) * n;
      const end = Math.max(colEnd[j], colEnd[j + 1]);
      colEnd[j] = end;
      colEnd[j + 1] = end;
      for (let k = 0; k < end; k++) {
        const t1 = J[c0 + k];
        const t2 = J[c1 + k];
        const a = t1 * cc + t2 * ss;
        J[c0 + k] = a;
        J[c1 + k] = xny * (t1 + a) - t2;
      }
    }
  };
  const conflict = (p: number): never => {
    const names = [cons.label(p)];
    for (let k = 0; k < iq; k++) if (Math.abs(r[k]) > 1e-12) names.push(cons.label(A[k]));
    throw new ConstraintConflictError('constraints', names, ['relax at least one of the listed constraints']);
  };

  // Equalities: each becomes active with a full step.
  for (let k = 0; k < meq; k++) {
    if (iq >= n) {
      throw new ConstraintConflictError('equalities', [cons.label(k)], [`there are more independent equality constraints than ${n} variables; remove redundant ones`]);
    }
    computeD(k);
    const zn = computeZR();
    const s = slack(k);
    let t2 = 0;
    if (zn > 1e-26) t2 = -s / zn;
    else if (Math.abs(s) > 1e-12) conflict(k);
    if (zn > 1e-26) {
      for (let i = 0; i < n; i++) x[i] += t2 * z[i];
      for (let i = 0; i < iq; i++) u[i] -= t2 * r[i];
      u[iq] = t2;
      A[iq] = k;
      isActive[k] = 1;
      if (!addConstraint()) conflict(k);
    }
    iterations++;
  }

  // Inequalities.
  const feasTol = 1e-12;
  for (;;) {
    let p = -1;
    let worst = -feasTol;
    for (let k = meq; k < m; k++) {
      if (isActive[k] || skipped[k]) continue;
      const s = slack(k);
      if (s < worst) {
        worst = s;
        p = k;
      }
    }
    if (p < 0) break;
    let up = 0;
    let sp = worst;
    for (;;) {
      if (++iterations > maxIterations) {
        throw new ConvergenceError(`solveQp: no convergence after ${maxIterations} active-set changes`, iterations, Float64Array.from(x));
      }
      computeD(p);
      const zn = computeZR();
      let t1 = Infinity;
      let l = -1;
      for (let k = 0; k < iq; k++) {
        if (A[k] < meq) continue;
        if (r[k] > 0) {
          const q = u[k] / r[k];
          if (q < t1) {
            t1 = q;
            l = k;
          }
        }
      }
      const t2 = zn > 1e-26 ? -sp / zn : Infinity;
      const t = Math.min(t1, t2);
      if (t === Infinity) {
        // Farkas bound: n_p = Σ r_k n_k with r_k ≤ 0 on inequalities ⇒ n_p·x ≤ Σ r_k b_k. When that
        // bound reaches b_p the violation is rounding in a degenerate vertex, not a conflict.
        let bound = -cons.rhs[p];
        for (let k = 0; k < iq; k++) bound += r[k] * cons.rhs[A[k]];
        if (bound < -1e-9) conflict(p);
        for (let k = 0; k < iq; k++) u[k] += up * r[k];
        skipped[p] = 1;
        break;
      }
      if (t2 === Infinity) {
        for (let k = 0; k < iq; k++) u[k] -= t * r[k];
        up += t;
        deleteConstraint(l);
        continue;
      }
      for (let i = 0; i < n; i++) x[i] += t * z[i];
      for (let k = 0; k < iq; k++) u[k] -= t * r[k];
      up += t;
      if (t === t2) {
        u[iq] = up;
        A[iq] = p;
        isActive[p] = 1;
        if (!addConstraint()) conflict(p);
        break;
      }
      deleteConstraint(l);
      sp = slack(p);
    }
  }

  for (let k = meq; k < m; k++) {
    if (skipped[k] && slack(k) < -1e-9) throw new ConstraintConflictError('constraints', [cons.label(k)], ['the problem is degenerate at this constraint; perturb its bound slightly']);
  }
  // Results in the caller's scale.
  let obj = 0;
  for (let i = 0; i < n; i++) {
    // ½ xᵀHx through L: ½‖Lᵀx‖²
    let s = 0;
    for (let k = i; k < n; k++) s += Lflat[k * n + i] * x[k];
    obj += 0.5 * s * s + (cIn?.[i] ?? 0) * x[i];
  }
  const nEq = meq;
  const nIneqRows = problem.inequalities?.rows.length ?? 0;
  const mult = {
    equalities: new Float64Array(nEq),
    inequalities: new Float64Array(nIneqRows),
    lower: new Float64Array(n),
    upper: new Float64Array(n),
  };
  const active: string[] = [];
  for (let k = 0; k < iq; k++) {
    const id = A[k];
    active.push(cons.label(id));
    const [t, i] = cons.origin(id);
    const val = u[k] * sigma * cons.invNorm[id];
    if (t === 'eq') mult.equalities[i] = val;
    else if (t === 'ineq') mult.inequalities[i] = val;
    else if (t === 'lower') mult.lower[i] = val;
    else mult.upper[i] = val;
  }
  return { x, objective: obj, iterations, active, multipliers: mult, method: 'dual-active-set' };
}

function countBounds(p: QpProblem, n: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) {
    if ((p.lower?.[i] ?? -Infinity) > -Infinity) k++;
    if ((p.upper?.[i] ?? Infinity) < Infinity) k++;
  }
  return k;
}

/** The primal bound-constrained path (one equality row + bounds); null → use the dual method. */
function primalPath(p: QpProblem, Hin: Float64Array, n: number, cons: Constraints): QpSolution | null {
  // Symmetric H from the lower triangle (the dual method reads only that triangle too).
  const H = Hin;
  const T = 32;
  for (let ib = 0; ib < n; ib += T) {
    for (let jb = 0; jb <= ib; jb += T) {
      const iEnd = Math.min(n, ib + T);
      for (let i = ib; i < iEnd; i++) {
        const jEnd = Math.min(i, jb + T);
        for (let j = jb; j < jEnd; j++) H[j * n + i] = H[i * n + j];
      }
    }
  }
  const c = new Float64Array(n);
  if (p.linear !== undefined) for (let i = 0; i < n; i++) c[i] = p.linear[i];
  const a = Float64Array.from(p.equalities!.rows[0]);
  const b = p.equalities!.rhs[0];
  const l = new Float64Array(n);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    l[i] = p.lower?.[i] ?? -Infinity;
    u[i] = p.upper?.[i] ?? Infinity;
  }
  const r = solveBoundedQp(H, c, a, b, l, u, n);
  if (r === null) return null;
  const { x, state, mu } = r;
  let nnz = 0;
  const nz = new Int32Array(n);
  for (let i = 0; i < n; i++) if (x[i] !== 0) nz[nnz++] = i;
  let obj = 0;
  for (let s = 0; s < nnz; s++) {
    const i = nz[s];
    let t = 0;
    for (let q = 0; q < nnz; q++) t += H[i * n + nz[q]] * x[nz[q]];
    obj += x[i] * (0.5 * t + c[i]);
  }
  const mult = {
    equalities: Float64Array.of(r.lambda),
    inequalities: new Float64Array(0),
    lower: new Float64Array(n),
    upper: new Float64Array(n),
  };
  const active: string[] = [cons.label(0)];
  const name = (i: number) => p.variableNames?.[i] ?? `x[${i}]`;
  for (let i = 0; i < n; i++) {
    const st = state[i];
    if (st === 0) continue;
    const atLower = st === 1 || (st === 3 && mu[i] >= 0);
    if (atLower) {
      mult.lower[i] = Math.max(0, mu[i]);
      active.push(`lower bound ${name(i)} ≥ ${fmt(l[i])}`);
    } else {
      mult.upper[i] = Math.max(0, -mu[i]);
      active.push(`upper bound ${name(i)} ≤ ${fmt(u[i])}`);
    }
  }
  return { x, objective: obj, iterations: r.iterations, active, multipliers: mult, method: 'primal-active-set' };
}
