/** Every failure names its cause. */
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { InfeasibleError, InvalidInputError } from '@quantforge/core';
import {
  blackLitterman,
  ConstraintConflictError,
  efficientReturn,
  maxSharpe,
  minVariance,
  NotPsdCovarianceError,
  riskParity,
  SingularCovarianceError,
  solveQp,
} from '@quantforge/portfolio';
import { randomProblem } from './helpers';

const { covariance, mu } = randomProblem(4, 42);

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

describe('bad input → InvalidInputError naming the field', () => {
  it('NaN in the covariance', () => {
    const c = covariance.map((r) => [...r]);
    c[1][2] = NaN;
    const e = thrown(() => minVariance({ covariance: c }));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).field).toBe('covariance[1][2]');
  });
  it('mismatched expected returns and non-square covariance', () => {
    expect((thrown(() => maxSharpe({ covariance, expectedReturns: [0.1, 0.2] })) as InvalidInputError).field).toBe('expectedReturns');
    expect((thrown(() => minVariance({ covariance: [[1, 0]] })) as InvalidInputError).field).toBe('covariance');
    expect((thrown(() => maxSharpe({ covariance, expectedReturns: [0.1, NaN, 0.1, 0.1] })) as InvalidInputError).field).toBe('expectedReturns[1]');
  });
  it('asymmetric covariance and bad options', () => {
    const c = covariance.map((r) => [...r]);
    c[0][1] += 0.01;
    expect(thrown(() => minVariance({ covariance: c }))).toBeInstanceOf(InvalidInputError);
    expect((thrown(() => riskParity({ covariance, budgets: [1, 1, 0, 1] })) as InvalidInputError).field).toBe('budgets[2]');
    expect((thrown(() => efficientReturn({ covariance, expectedReturns: mu, targetReturn: NaN })) as InvalidInputError).field).toBe('targetReturn');
    expect(thrown(() => minVariance({ covariance, bounds: [[0, 1]] }))).toBeInstanceOf(InvalidInputError);
  });
  it('accepts an ml-matrix Matrix', () => {
    const a = minVariance({ covariance: new Matrix(covariance) }).weights;
    const b = minVariance({ covariance }).weights;
    a.forEach((w, i) => expect(w).toBe(b[i]));
  });
});

describe('covariance problems', () => {
  const bad = [
    [1, 0.9, 0.9],
    [0.9, 1, -0.9],
    [0.9, -0.9, 1],
  ];
  it('non-PSD is rejected with the offending eigenvalue, or repaired on request', () => {
    const e = thrown(() => minVariance({ covariance: bad }));
    expect(e).toBeInstanceOf(NotPsdCovarianceError);
    expect((e as NotPsdCovarianceError).minEigenvalue).toBeLessThan(0);
    expect(e.message).toMatch(/eigenvalue -/);
    expect(e.message).toMatch(/repair: true/);
    const r = minVariance({ covariance: bad, repair: true });
    expect(r.repaired).toBe(true);
    expect(Math.abs(r.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
  });
  it('singular covariance → SingularCovarianceError saying what to change', () => {
    const s = [
      [1, 1],
      [1, 1],
    ];
    const e = thrown(() => minVariance({ covariance: s }));
    expect(e).toBeInstanceOf(SingularCovarianceError);
    expect(e.message).toMatch(/ledoitWolf|ridge|drop/);
  });
});

describe('infeasible constraint sets → ConstraintConflictError listing the conflict', () => {
  it('target return above the maximum achievable names the maximum', () => {
    const e = thrown(() => efficientReturn({ covariance, expectedReturns: mu, targetReturn: 1 })) as ConstraintConflictError;
    expect(e).toBeInstanceOf(InfeasibleError);
    expect(e.code).toBe('target-return');
    expect(e.message).toContain(String(Number(Math.max(...mu).toPrecision(6))));
  });
  it('bounds summing to less than the budget', () => {
    const e = thrown(() => minVariance({ covariance, bounds: [0, 0.2] })) as ConstraintConflictError;
    expect(e.code).toBe('budget');
    expect(e.conflicts.join(' ')).toMatch(/upper bounds summing to 0.8/);
    expect(e.suggestions.join(' ')).toMatch(/raise some upper bounds by 0.2/);
  });
  it('all expected returns ≤ riskFree for maxSharpe (PyPortfolioOpt #427)', () => {
    const e = thrown(() => maxSharpe({ covariance, expectedReturns: mu.map((m) => -m) })) as ConstraintConflictError;
    expect(e.code).toBe('no-positive-excess-return');
    expect(e.message).toMatch(/riskFree/);
  });
  it('group bounds that contradict the budget are found by the solver and listed', () => {
    const e = thrown(() =>
      minVariance({
        covariance,
        groups: [
          { assets: [0, 1], upper: 0.3, name: 'equities' },
          { assets: [2, 3], upper: 0.3, name: 'bonds' },
        ],
      }),
    ) as ConstraintConflictError;
    expect(e).toBeInstanceOf(ConstraintConflictError);
    expect(e.conflicts.join(' ')).toMatch(/budget/);
    expect(e.conflicts.join(' ')).toMatch(/equities/);
    expect(e.conflicts.join(' ')).toMatch(/bonds/);
  });
  it('lower bound above upper bound', () => {
    expect((thrown(() => minVariance({ covariance, bounds: { lower: [0, 0.5, 0, 0], upper: [1, 0.4, 1, 1] } })) as ConstraintConflictError).code).toBe('bounds');
  });
});

describe('solveQp edge cases', () => {
  it('1 variable, unconstrained and bounded', () => {
    expect(solveQp({ hessian: [[2]], linear: [-2] }).x[0]).toBeCloseTo(1, 15);
    expect(solveQp({ hessian: [[2]], linear: [-2], upper: [0.5] }).x[0]).toBe(0.5);
  });
  it('rejects an indefinite Hessian and an empty one', () => {
    expect(() => solveQp({ hessian: [[-1]] })).toThrow(/positive definite/);
    expect(() => solveQp({ hessian: [] })).toThrow(InvalidInputError);
  });
  it('±0 and ±Infinity bounds', () => {
    const s = solveQp({ hessian: [[1, 0], [0, 1]], linear: [1, -1], lower: [-0, -Infinity], upper: [Infinity, 0] });
    expect(s.x[0]).toBe(0);
    expect(s.x[1]).toBe(0);
  });
});

describe('Black-Litterman input checks', () => {
  it('names the field', () => {
    const base = { covariance: [[0.04]], marketWeights: [1], riskAversion: 2.5, tau: 0.05, P: [[1]], Q: [0.1] };
    expect((thrown(() => blackLitterman({ ...base, tau: 0 })) as InvalidInputError).field).toBe('tau');
    expect((thrown(() => blackLitterman({ ...base, P: [[1, 0]] })) as InvalidInputError).field).toBe('P');
    expect((thrown(() => blackLitterman({ ...base, Q: [0.1, 0.2] })) as InvalidInputError).field).toBe('Q');
  });
});
