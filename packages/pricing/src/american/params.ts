import { InvalidInputError, optionSign, optionalFinite, requireFinite, requireNonNegative, requireObject, requireOptionType, requirePositive } from '@quantforge/core';
import type { AmericanInput, AmericanParams, CashDividend } from './types';

/**
 * Validates an American input as `bsPrice` does, except that `spot = 0` is allowed (the put is
 * then exercised at once), and checks the cash dividends: finite amounts >= 0 paid at times in
 * [0, expiry], sorted by time. Dividends after expiry are dropped (they do not affect the option).
 */
export function americanParams(input: AmericanInput): AmericanParams {
  requireObject('input', input);
  const w = optionSign(requireOptionType('type', input.type));
  const spot = requireNonNegative('spot', input.spot);
  const strike = requirePositive('strike', input.strike);
  const expiry = requireNonNegative('expiry', input.expiry);
  const rate = requireFinite('rate', input.rate);
  const dividendYield = optionalFinite('dividendYield', input.dividendYield, 0);
  const vol = requirePositive('vol', input.vol);
  const dividends: CashDividend[] = [];
  if (input.dividends !== undefined) {
    if (!Array.isArray(input.dividends)) throw new InvalidInputError('dividends', 'must be an array of { time, amount }', input.dividends);
    input.dividends.forEach((d: CashDividend, i: number) => {
      requireObject(`dividends[${i}]`, d);
      const time = requireNonNegative(`dividends[${i}].time`, d.time);
      const amount = requireNonNegative(`dividends[${i}].amount`, d.amount);
      if (time <= expiry && amount > 0) dividends.push({ time, amount });
    });
    dividends.sort((a, b) => a.time - b.time);
  }
  return { w, spot, strike, expiry, rate, dividendYield, vol, dividends };
}
