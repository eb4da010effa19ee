/**
 * The typed errors every quantforge package throws. Bad input never becomes a silent NaN:
 * scalar functions throw one of these, batch functions write a {@link BatchStatus} per row.
 */

/** Base class so callers can catch everything quantforge throws with one `instanceof`. */
export class QuantforgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An input field has a value the function cannot accept (NaN, out of domain, wrong type). */
export class InvalidInputError extends QuantforgeError {
  /** The name of the offending field, as the caller spelled it (`'spot'`, `'vol'`, `'strikes[3]'`). */
  readonly field: string;
  /** Why the value was rejected, e.g. `'must be > 0'`. */
  readonly reason: string;
  /** The value received. */
  readonly value: unknown;

  constructor(field: string, reason: string, value?: unknown) {
    super(`Invalid input '${field}': ${reason}${value === undefined ? '' : ` (got ${formatValue(value)})`}`);
    this.field = field;
    this.reason = reason;
    this.value = value;
  }
}

/**
 * The input is valid but the problem has no solution, e.g. an option price outside the
 * no-arbitrage bounds has no implied volatility. `reason` says what to change.
 */
export class NoSolutionError extends QuantforgeError {
  /** A short machine-readable tag, e.g. `'below-intrinsic'`, `'above-upper-bound'`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** A constrained problem (e.g. a portfolio with incompatible bounds) has no feasible point. */
export class InfeasibleError extends QuantforgeError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** An iterative method stopped before reaching its tolerance. */
export class ConvergenceError extends QuantforgeError {
  readonly iterations: number;
  /** The last iterate the method reached (parameters, a root estimate...), when it has one. */
  readonly lastIterate: unknown;
  constructor(message: string, iterations: number, lastIterate?: unknown) {
    super(message);
    this.iterations = iterations;
    this.lastIterate = lastIterate;
  }
}

function formatValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
