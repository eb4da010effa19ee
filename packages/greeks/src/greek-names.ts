/**
 * The names of the greeks this package computes, in a fixed order. The order is also the slot
 * layout of the shared kernel's scratch buffer (see `kernel/generalized.ts`).
 */

/** Every output of {@link bsGreeks}: the price and sixteen raw partial derivatives. */
export const BS_GREEK_NAMES = [
  'price',
  'delta',
  'gamma',
  'vega',
  'theta',
  'rho',
  'phi',
  'vanna',
  'volga',
  'charm',
  'speed',
  'color',
  'zomma',
  'ultima',
  'veta',
  'dualDelta',
  'dualGamma',
] as const;

/** A Black-Scholes-Merton output name. */
export type BsGreekName = (typeof BS_GREEK_NAMES)[number];

/**
 * Every output of {@link black76Greeks}: the same set as BSM without `phi` (a futures option
 * has no dividend yield; `rho` is dV/drate with the forward held fixed).
 */
export const BLACK76_GREEK_NAMES = [
  'price',
  'delta',
  'gamma',
  'vega',
  'theta',
  'rho',
  'vanna',
  'volga',
  'charm',
  'speed',
  'color',
  'zomma',
  'ultima',
  'veta',
  'dualDelta',
  'dualGamma',
] as const;

/** A Black-76 output name. */
export type Black76GreekName = (typeof BLACK76_GREEK_NAMES)[number];

/** Any greek name this package knows. */
export type GreekName = BsGreekName;

/** Slot of each name in the kernel's scratch buffer. */
export const SLOT: Readonly<Record<BsGreekName, number>> = Object.freeze(
  Object.fromEntries(BS_GREEK_NAMES.map((name, i) => [name, i])) as Record<BsGreekName, number>,
);

/** Number of slots the kernel writes. */
export const SLOT_COUNT = BS_GREEK_NAMES.length;
