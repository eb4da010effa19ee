/**
 * The primal bound-constrained path of solveQp (one equality row + bounds) against the general
 * Goldfarb-Idnani path, HiGHS QP, the opt.json reference (R quadprog) and the KKT conditions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError } from '@quantforge/core';
import { loadHighs, sampleCovariance, solveQp, solveQpWith, type QpProblem } from '@quantforge/portfolio';
import { ConstraintConflictError } from '../../src/constraints/errors';
import { choleskyLower } from '../../src/solver/cholesky';
import { loadFixture, toleranceFor, toleranceRatio } from '../../../../test-utils/fixture';
import { lppReturns } from '../covariance/lpp';
import { lcg } from '../optimizers/helpers';

/** H = BBᵀ + δI (n × n), seeded. */
function spd(n: number, seed: number, k = 3, delta = 0.05): number[][] {
  const r = lcg(seed);
  const B = Array.from({ length: n }, () => Array.from({ length: k }, () => r() - 0.5));
  const H = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => B[i].reduce((s, v, f) => s + v * B[j][f], 0) + (i === j ? delta * (0.5 + r()) : 0)));
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) H[j][i] = H[i][j];
  return H;
}

/** max |Hx + c − λa − μ_lower + μ_upper| and the sign / complementarity conditions. */
function kkt(p: QpProblem, s: ReturnType<typeof solveQp>): number {
  const H = p.hessian!;
  const n = H.length;
  const a = p.equalities!.rows[0];
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let g = p.linear?.[i] ?? 0;
    for (let j = 0; j < n; j++) g += H[i][j] * s.x[j];
    const res = g - s.multipliers.equalities[0] * a[i] - s.multipliers.lower[i] + s.multipliers.upper[i];
    worst = Math.max(worst, Math.abs(res));
    expect(s.multipliers.lower[i]).toBeGreaterThanOrEqual(0);
    expect(s.multipliers.upper[i]).toBeGreaterThanOrEqual(0);
    if (s.multipliers.lower[i] > 0) expect(s.x[i]).toBe(p.lower![i]);
    if (s.multipliers.upper[i] > 0) expect(s.x[i]).toBe(p.upper![i]);
  }
  return worst;
}

const boundsArb = fc.constantFrom('long-only', 'capped', 'mixed');

function makeProblem(n: number, seed: number, kind: string, signedRow: boolean): QpProblem {
  const r = lcg(seed + 7);
  const hessian = spd(n, seed);
  const linear = Array.from({ length: n }, () => (r() - 0.5) * 0.2);
  const row = Array.from({ length: n }, () => (signedRow ? r() - 0.3 : 1));
  const lower = new Array<number>(n).fill(0);
  const upper = new Array<number>(n).fill(Infinity);
  if (kind === 'capped') for (let i = 0; i < n; i++) upper[i] = 0.15 + r() * 0.5;
  if (kind === 'mixed') {
    for (let i = 0; i < n; i++) {
      const t = r();
      if (t < 0.2) lower[i] = -Infinity;
      else if (t < 0.4) lower[i] = -0.3;
      if (r() < 0.4) upper[i] = 0.2 + r();
      if (r() < 0.1) upper[i] = lower[i] = Number.isFinite(lower[i]) ? lower[i] : 0.05; // fixed
    }
  }
  return { hessian, linear, equalities: { rows: [row], rhs: [1], labels: ['budget'] }, lower, upper };
}

describe('solveQp primal bound path', () => {
  it('agrees with the Goldfarb-Idnani path on random problems (x, objective, KKT)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 1e6 }), boundsArb, fc.boolean(), (n, seed, kind, signed) => {
        const p = makeProblem(n, seed, kind, signed);
        let dual: ReturnType<typeof solveQp> | null = null;
        let dualErr: unknown = null;
        try {
          dual = solveQp({ ...p, method: 'dual-active-set' });
        } catch (e) {
          dualErr = e;
        }
        if (dualErr !== null) {
          // Infeasible problems fall through to the dual method and name the conflict the same way.
          expect(dualErr).toBeInstanceOf(ConstraintConflictError);
          expect(() => solveQp(p)).toThrow(ConstraintConflictError);
          return;
        }
        const s = solveQp(p);
        // On these well-conditioned problems the primal path always certifies its answer itself.
        expect(s.method).toBe('primal-active-set');
        const scale = 1 + Math.abs(dual!.objective);
        expect(Math.abs(s.objective - dual!.objective)).toBeLessThanOrEqual(1e-12 * scale);
        for (let i = 0; i < n; i++) expect(Math.abs(s.x[i] - dual!.x[i])).toBeLessThanOrEqual(1e-8);
        expect(kkt(p, s)).toBeLessThanOrEqual(1e-10);
      }),
      { numRuns: 300, seed: 6 },
    );
  });

  it("is what 'auto' runs on budget + bounds, and its certificate holds to rounding", () => {
    const p = makeProblem(60, 3, 'capped', false);
    const s = solveQp(p);
    expect(s.method).toBe('primal-active-set');
    expect(kkt(p, s)).toBeLessThanOrEqual(1e-13);
    const sum = Array.from(s.x).reduce((u, v) => u + v, 0);
    expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-14);
    expect(s.active[0]).toBe('budget');
  });

  it('matches the opt.json minVariance reference (R quadprog) by both methods', () => {
    const fixture = loadFixture<{ assets: string[]; problem: string }, { weights: number[] }>(new URL('../fixtures/opt.json', import.meta.url));
    const tol = toleranceFor(fixture, 'weights');
    const c = fixture.cases.find((k) => k.input.problem === 'minVariance')!;
    const S = sampleCovariance(lppReturns(c.input.assets));
    const n = S.length;
    const p: QpProblem = { hessian: S, equalities: { rows: [new Array<number>(n).fill(1)], rhs: [1] }, lower: new Array<number>(n).fill(0) };
    for (const method of ['primal-active-set', 'dual-active-set'] as const) {
      const s = solveQp({ ...p, method });
      expect(s.method).toBe(method);
      for (let i = 0; i < n; i++) expect(toleranceRatio(s.x[i], c.expected.weights[i], tol)).toBeLessThanOrEqual(1);
    }
    const a = solveQp({ ...p, method: 'primal-active-set' }).x;
    const b = solveQp({ ...p, method: 'dual-active-set' }).x;
    for (let i = 0; i < n; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-14);
  });

  it('agrees with HiGHS QP on seeded long-only problems', async () => {
    const highs = await loadHighs();
    for (const seed of [1, 2, 3, 4]) {
      const n = 25;
      const H = spd(n, seed, 4, 0.02);
      const s = solveQp({ hessian: H, equalities: { rows: [new Array<number>(n).fill(1)], rhs: [1] }, lower: new Array<number>(n).fill(0), method: 'primal-active-set' });
      const h = solveQpWith(
        highs,
        {
          numCols: n,
          cost: new Float64Array(n),
          lower: new Float64Array(n),
          upper: new Float64Array(n).fill(Infinity),
          rowLower: [1],
          rowUpper: [1],
          matrix: { starts: Int32Array.from([0, n]), indices: Int32Array.from({ length: n }, (_, i) => i), values: new Float64Array(n).fill(1) },
        },
        H,
        { time_limit: 5 },
      );
      const obj = (x: ArrayLike<number>) => 0.5 * H.reduce((t, row, i) => t + x[i] * row.reduce((u, v, j) => u + v * x[j], 0), 0);
      // Ours is never worse than HiGHS's (to rounding) and the two agree to 1e-9 relative.
      expect(obj(s.x)).toBeLessThanOrEqual(obj(h.x) * (1 + 1e-12));
      expect(Math.abs(obj(s.x) - obj(h.x))).toBeLessThanOrEqual(1e-9 * obj(h.x));
    }
  });

  it('solves tiny and unbounded-variable cases exactly', () => {
    const one = solveQp({ hessian: [[2]], equalities: { rows: [[1]], rhs: [1] }, lower: [0] });
    expect(one.method).toBe('primal-active-set');
    expect(one.x[0]).toBe(1);
    // min x₁² + x₂² s.t. x₁ + x₂ = 1, no bounds: x = (½, ½), λ = 1.
    const free = solveQp({ hessian: [[2, 0], [0, 2]], equalities: { rows: [[1, 1]], rhs: [1] } });
    expect(free.method).toBe('primal-active-set');
    expect(free.x[0]).toBeCloseTo(0.5, 15);
    expect(free.x[1]).toBeCloseTo(0.5, 15);
    expect(free.multipliers.equalities[0]).toBeCloseTo(1, 15);
    // Fixed variable l = u = 0.25 and a cap: x = (0.25, 0.4, 0.35) by hand (x₃ = 1 − 0.25 − x₂, x₂ ≤ 0.4 binds).
    const fixed = solveQp({ hessian: [[1, 0, 0], [0, 1, 0], [0, 0, 4]], equalities: { rows: [[1, 1, 1]], rhs: [1] }, lower: [0.25, 0, 0], upper: [0.25, 0.4, 1] });
    expect(fixed.method).toBe('primal-active-set');
    expect(Array.from(fixed.x).map((v) => Number(v.toFixed(14)))).toEqual([0.25, 0.4, 0.35]);
    expect(fixed.active).toContain('upper bound x[1] ≤ 0.400000');
    // λ = ∂f/∂x₃ = 4·0.35 = 1.4; upper multipliers λ − g: x₀ 1.4 − 0.25, x₁ 1.4 − 0.4.
    expect(fixed.multipliers.equalities[0]).toBeCloseTo(1.4, 14);
    expect(fixed.multipliers.upper[0]).toBeCloseTo(1.15, 14);
    expect(fixed.multipliers.upper[1]).toBeCloseTo(1, 14);
  });

  it('falls back to the dual method on infeasible bounds and names the conflict', () => {
    const n = 5;
    const p: QpProblem = { hessian: spd(n, 9), equalities: { rows: [new Array<number>(n).fill(1)], rhs: [1], labels: ['budget: sum(w) = 1'] }, lower: new Array<number>(n).fill(0), upper: new Array<number>(n).fill(0.1) };
    try {
      solveQp(p);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConstraintConflictError);
      expect((e as ConstraintConflictError).conflicts).toContain('budget: sum(w) = 1');
      expect((e as ConstraintConflictError).conflicts.some((s) => s.startsWith('upper bound'))).toBe(true);
    }
  });

  it('hands a problem it cannot start over to the dual path (only x = 0 is feasible)', () => {
    // sum(x) = 0 with x ≥ 0: the all-at-bound start already satisfies the row, leaving no free
    // variable to carry λ, so the primal path declines and Goldfarb-Idnani answers x = 0.
    const s = solveQp({ hessian: spd(4, 11), linear: [-1, 0.5, -0.2, 0], equalities: { rows: [[1, 1, 1, 1]], rhs: [0] }, lower: [0, 0, 0, 0], method: 'primal-active-set' });
    expect(s.method).toBe('dual-active-set');
    for (const v of s.x) expect(Math.abs(v)).toBeLessThanOrEqual(1e-12); // the dual path's constraint tolerance
  });

  it('validates method', () => {
    const base: QpProblem = { hessian: [[1]], equalities: { rows: [[1]], rhs: [1] } };
    expect(() => solveQp({ ...base, method: 'simplex' as never })).toThrow(InvalidInputError);
    expect(() => solveQp({ ...base, inequalities: { rows: [[1]], rhs: [0] }, method: 'primal-active-set' })).toThrow(/primal-active-set/);
    expect(() => solveQp({ choleskyFactor: [[1]], equalities: { rows: [[1]], rhs: [1] }, method: 'primal-active-set' })).toThrow(InvalidInputError);
    expect(() => solveQp({ hessian: [[-1]], equalities: { rows: [[1]], rhs: [1] } })).toThrow(/positive definite/);
    expect(solveQp({ ...base, method: 'dual-active-set' }).method).toBe('dual-active-set');
  });
});

describe('choleskyLower (4 × 2 blocked)', () => {
  it('reproduces H = LLᵀ to rounding for every size 1..13 and rejects an indefinite matrix', () => {
    for (let n = 1; n <= 13; n++) {
      const H = spd(n, n + 40);
      const flat = Float64Array.from(H.flat());
      const L = choleskyLower(flat, n, 1e-14)!;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += L[i * n + k] * L[j * n + k];
          expect(Math.abs(s - H[i][j])).toBeLessThanOrEqual(1e-15 * 8);
          if (j > i) expect(L[i * n + j]).toBe(0);
        }
      }
    }
    expect(choleskyLower(Float64Array.from([1, 2, 2, 1]), 2, 1e-14)).toBeNull();
  });
});
