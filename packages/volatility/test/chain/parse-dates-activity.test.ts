import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@quantforge/core';
import {
  chainActivity,
  classifyExpiry,
  contractKey,
  expiryCalendar,
  parseOptionChainCsv,
  parseOptionChainJson,
  processOptionChain,
  rollSchedule,
  thirdFriday,
  unusualActivity,
} from '@quantforge/volatility';
import { syntheticChain } from './synthetic';

describe('parseOptionChainCsv / parseOptionChainJson', () => {
  const { rows, spec } = syntheticChain({ expiries: ['2024-02-16', '2024-03-15'] });

  it('round-trips a synthetic chain through vendor-style CSV headers and processes it identically', () => {
    const header = 'Expiration Date,Strike Price,Put/Call,Bid,Ask,Last Price,Volume,Open Interest,Underlying Price,Extra';
    const lines = rows.map((r) => [r.expiry, r.strike, r.type === 'call' ? 'C' : 'P', r.bid, r.ask, r.last, r.volume, r.openInterest, r.underlying, 'x'].join(','));
    const parsed = parseOptionChainCsv([header, ...lines, ''].join('\r\n'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual(rows);
    const a = processOptionChain(rows, { asOf: spec.asOf });
    const b = processOptionChain(parsed.rows, { asOf: spec.asOf });
    expect(b).toEqual(a);
  });

  it('handles quoting, semicolons, custom header maps and per-row errors', () => {
    const csv = [
      'Exp;K;CP;bid;ask;volume',
      '2024-02-16;"1,000";call;1.5;1.7;"12"',
      '2024-02-16;1010;X;1.5;1.7;1',
      '2024-02-16;abc;put;1.5;1.7;1',
      ';1020;put;1;2;3',
      '',
      '20240216;1030;P;1;2;',
    ].join('\n');
    const r = parseOptionChainCsv(csv, { headerMap: { CP: 'type' } });
    expect(r.rows).toEqual([
      { expiry: '2024-02-16', strike: 1000, type: 'call', bid: 1.5, ask: 1.7, volume: 12 },
      { expiry: '20240216', strike: 1030, type: 'put', bid: 1, ask: 2 },
    ]);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'type'],
      [4, 'strike'],
      [5, 'expiry'],
    ]);
  });

  it('typed errors for unusable input', () => {
    expect(() => parseOptionChainCsv('')).toThrow(InvalidInputError);
    expect(() => parseOptionChainCsv('strike,bid\n1,2')).toThrow(InvalidInputError);
    expect(() => parseOptionChainCsv(5 as never)).toThrow(InvalidInputError);
    expect(() => parseOptionChainJson('{"a":1}')).toThrow(InvalidInputError);
    expect(() => parseOptionChainJson('not json')).toThrow(InvalidInputError);
  });

  it('JSON arrays and text with aliases', () => {
    const r = parseOptionChainJson([
      { expirationDate: '2024-02-16', strikePrice: '100', optionType: 'Put', bidPrice: 1, askPrice: '1.2', oi: 5 },
      { expiry: '2024-02-16', strike: 100, type: 'call', bid: 1, ask: 1.1, volume: 'many' },
      7,
    ]);
    expect(r.rows).toEqual([{ expiry: '2024-02-16', strike: 100, type: 'put', bid: 1, ask: 1.2, openInterest: 5 }]);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [1, 'volume'],
      [2, 'row'],
    ]);
    expect(parseOptionChainJson(JSON.stringify(rows.slice(0, 4))).rows).toEqual(rows.slice(0, 4));
  });
});

describe('expiry management', () => {
  it('third Fridays and classification', () => {
    expect(new Date(thirdFriday(2024, 3)).toISOString().slice(0, 10)).toBe('2024-03-15');
    expect(new Date(thirdFriday(2024, 11)).toISOString().slice(0, 10)).toBe('2024-11-15');
    expect(new Date(thirdFriday(2023, 9)).toISOString().slice(0, 10)).toBe('2023-09-15');
    expect(classifyExpiry('2024-03-15')).toBe('quarterly');
    expect(classifyExpiry('2024-02-16')).toBe('monthly');
    expect(classifyExpiry('2024-02-09')).toBe('weekly');
    expect(classifyExpiry('2024-02-29')).toBe('other');
    expect(() => thirdFriday(2024, 13)).toThrow(InvalidInputError);
  });

  it('calendar sorts, de-duplicates and drops past expiries; roll schedule', () => {
    const cal = expiryCalendar(['2024-03-15', '2024-01-19', '2023-12-15', '2024-01-26', '2024-01-19', '2024-02-16'], { asOf: '2024-01-02' });
    expect(cal.map((c) => [c.expiry, c.days, c.kind])).toEqual([
      ['2024-01-19', 17, 'monthly'],
      ['2024-01-26', 24, 'weekly'],
      ['2024-02-16', 45, 'monthly'],
      ['2024-03-15', 73, 'quarterly'],
    ]);
    expect(cal[0]!.timeToExpiry).toBe(17 / 365);
    const rolls = rollSchedule(['2024-01-19', '2024-01-26', '2024-02-16', '2024-03-15'], { asOf: '2024-01-02', daysBefore: 5 });
    expect(rolls).toEqual([
      { from: '2024-01-19', to: '2024-02-16', rollDate: '2024-01-12' },
      { from: '2024-02-16', to: '2024-03-15', rollDate: '2024-02-09' },
    ]);
    expect(() => expiryCalendar(['2024-02-30'], { asOf: '2024-01-02' })).toThrow(InvalidInputError);
  });
});

describe('volume / open-interest analytics', () => {
  const rows = [
    { expiry: '2024-02-16', strike: 100, type: 'call' as const, volume: 500, openInterest: 100 },
    { expiry: '2024-02-16', strike: 100, type: 'put' as const, volume: 50, openInterest: 1000 },
    { expiry: '2024-02-16', strike: 110, type: 'call' as const, volume: 30, openInterest: 0 },
    { expiry: '2024-03-15', strike: 100, type: 'put' as const, volume: 20, openInterest: 400 },
    { expiry: '2024-03-15', strike: 100, type: 'call' as const, volume: NaN, openInterest: -4 },
  ];

  it('totals and put/call ratios', () => {
    const a = chainActivity(rows);
    expect(a.byExpiry).toEqual([
      { expiry: '2024-02-16', callVolume: 530, putVolume: 50, callOpenInterest: 100, putOpenInterest: 1000, putCallVolumeRatio: 50 / 530, putCallOpenInterestRatio: 10 },
      { expiry: '2024-03-15', callVolume: 0, putVolume: 20, callOpenInterest: 0, putOpenInterest: 400 },
    ]);
    expect(a.total.callVolume).toBe(530);
    expect(a.total.putOpenInterest).toBe(1400);
  });

  it('flags volume/OI, zero OI and z-scores against history', () => {
    const history = { [contractKey(rows[1]!)]: [10, 12, 8, 10] };
    const flags = unusualActivity(rows, { history });
    // z for the put: mean 10, sd = sqrt(8/3)
    const put = flags.find((f) => f.index === 1)!;
    expect(put.zScore).toBeCloseTo((50 - 10) / Math.sqrt(8 / 3), 12);
    expect(put.reasons).toEqual(['volume-z-score']);
    expect(flags[0]!.index).toBe(1);
    expect(flags.find((f) => f.index === 0)!.reasons).toEqual(['volume-oi-ratio']);
    expect(flags.find((f) => f.index === 2)!.reasons).toEqual(['volume-without-open-interest']);
    expect(flags.find((f) => f.index === 3)).toBeUndefined();
    expect(() => unusualActivity('x' as never)).toThrow(InvalidInputError);
  });
});
