/**
 * The batch twin of the scalar validation: a row is computed only when every field would pass
 * the scalar checks (`requireOptionType`, `requirePositive`, `requireNonNegative`,
 * `requireFinite`), so a batch and the scalar functions accept exactly the same inputs.
 */

/** w ∈ {+1, -1}; S, K, σ finite and > 0; T finite and >= 0; r, q finite. */
export function isValidRow(w: number, S: number, K: number, T: number, r: number, q: number, sigma: number): boolean {
  return (
    (w === 1 || w === -1) &&
    S > 0 &&
    S < Infinity &&
    K > 0 &&
    K < Infinity &&
    T >= 0 &&
    T < Infinity &&
    r > -Infinity &&
    r < Infinity &&
    q > -Infinity &&
    q < Infinity &&
    sigma > 0 &&
    sigma < Infinity
  );
}
