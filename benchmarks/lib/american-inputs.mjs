// Inputs of american.mjs: a fixed, documented set of American options and a 200-quote chain.
//
// Expiries are whole days on Actual/365 Fixed (T = days / 365), so QuantLib, which works from
// dates, sees exactly the T quantforge gets. Spot is 100 throughout.

export const SPOT = 100;

// [type, strike, days, rate, dividendYield, vol]: 12 puts and 8 calls, strikes 80-120, T 0.25-2,
// r 0-8%, q 0-6%, σ 15-45%. Row 3 is the Andersen-Lake-Offengenden example (K 95, r 7.5%,
// q 5%, σ 25%, T 1); rows 10 (put, r = 0) and 20 (call, q = 0) have no early-exercise premium.
const SET = [
  ['put', 80, 91, 0.05, 0.0, 0.3],
  ['put', 90, 182, 0.03, 0.02, 0.2],
  ['put', 95, 365, 0.075, 0.05, 0.25],
  ['put', 100, 91, 0.08, 0.0, 0.15],
  ['put', 100, 365, 0.05, 0.01, 0.35],
  ['put', 100, 730, 0.06, 0.0, 0.4],
  ['put', 105, 547, 0.02, 0.03, 0.45],
  ['put', 110, 182, 0.04, 0.0, 0.25],
  ['put', 120, 365, 0.07, 0.02, 0.2],
  ['put', 120, 730, 0.0, 0.0, 0.3],
  ['put', 85, 730, 0.01, 0.06, 0.18],
  ['put', 115, 91, 0.06, 0.04, 0.42],
  ['call', 80, 182, 0.02, 0.04, 0.25],
  ['call', 90, 365, 0.03, 0.06, 0.3],
  ['call', 100, 91, 0.01, 0.05, 0.2],
  ['call', 100, 730, 0.04, 0.03, 0.35],
  ['call', 110, 547, 0.0, 0.02, 0.45],
  ['call', 120, 365, 0.05, 0.06, 0.15],
  ['call', 95, 730, 0.08, 0.05, 0.22],
  ['call', 105, 182, 0.06, 0.0, 0.28],
];

/** The option set as quantforge inputs (objects) plus the columns handed to C++. */
export function americanSet() {
  const inputs = SET.map(([type, strike, days, rate, dividendYield, vol]) => ({
    type, spot: SPOT, strike, expiry: days / 365, rate, dividendYield, vol,
  }));
  const col = (f) => Float64Array.from(SET, f);
  return {
    inputs,
    columns: {
      type: col((r) => (r[0] === 'call' ? 1 : -1)),
      spot: col(() => SPOT),
      strike: col((r) => r[1]),
      days: col((r) => r[2]),
      rate: col((r) => r[3]),
      dividendYield: col((r) => r[4]),
      vol: col((r) => r[5]),
    },
  };
}

/**
 * A chain of 200 quotes: 5 expiries (30, 91, 182, 365, 730 days) × 20 strikes (70-146, step 4)
 * × call and put; r 4%, q 2%, a smile σ = 0.22 + 0.3 ln(K/S)² − 0.05 ln(K/S).
 */
export function americanChain() {
  const out = [];
  for (const days of [30, 91, 182, 365, 730]) {
    for (let j = 0; j < 20; j++) {
      const strike = 70 + 4 * j;
      const m = Math.log(strike / SPOT);
      const vol = 0.22 + 0.3 * m * m - 0.05 * m;
      for (const type of ['call', 'put']) {
        out.push({ type, spot: SPOT, strike, expiry: days / 365, rate: 0.04, dividendYield: 0.02, vol });
      }
    }
  }
  return out;
}
