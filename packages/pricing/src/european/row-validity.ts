/**
 * The batch twin of the scalar validation: a row is computed only when every field would pass
 * the scalar checks (`requireOptionType`, `requirePositive`, `requireNonNegative`,
 * `requireFinite`), so a batch and the scalar functions accept exactly the same inputs.
 */

/** w ∈ {+1, -1}; S, K, σ finite and > 0; T finite and >= 0; r, q finite. */
export function isValidBsRow(w: number, S: number, K: number, T: number, r: number, q: number, sigma: number): boolean {
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

/** The same for a forward-based row: Black-76 needs F, K > 0, Bachelier any finite F and K. */
export function isValidForwardRow(w: number, F: number, K: number, T: number, r: number, sigma: number, lognormal: boolean): boolean {
  const levelsOk = lognormal ? F > 0 && F < Infinity && K > 0 && K < Infinity : F - F === 0 && K - K === 0;
  return (w === 1 || w === -1) && levelsOk && T >= 0 && T < Infinity && r - r === 0 && sigma > 0 && sigma < Infinity;
}
