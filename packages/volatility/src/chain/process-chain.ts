import { InvalidInputError, NoSolutionError, normCdf, normPdf, requireFinite, requireNonNegative, requireObject } from '@quantforge/core';
import { black76ImpliedVol } from '../implied/black76-implied-vol';
import { classifyExpiry, dayStart, isoDate, parseDateMs } from './dates';
import { impliedForward } from './implied-forward';
import type { ParityPair } from './implied-forward';
import type { ChainFilters, ChainQuote, ChainSlice, DroppedQuote, OptionChainRow, ProcessChainOptions, ProcessedChain } from './types';

const DAY_MS = 86_400_000;

interface Candidate {
  index: number;
  row: OptionChainRow;
  bid: number;
  ask: number;
  mid: number;
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1]! + s[n / 2]!);
}

/** The liquidity filter a quote fails first, or undefined when it passes. */
function liquidityReason(
  row: OptionChainRow,
  f: Required<Omit<ChainFilters, 'staleAfterSeconds'>> & { staleAfterSeconds?: number },
  asOfMs: number,
): [DroppedQuote['reason'], string] | undefined {
  const { bid, ask } = row;
  if (bid === undefined || ask === undefined || !Number.isFinite(bid) || !Number.isFinite(ask)) {
    return ['missing-quote', `bid ${bid} / ask ${ask}: both must be finite numbers`];
  }
  if (bid < 0 || ask < 0) return ['negative-price', `bid ${bid} / ask ${ask}`];
  if (bid > ask) return ['crossed', `bid ${bid} > ask ${ask}`];
  if (ask === 0) return ['zero-bid', 'bid and ask are 0'];
  if (f.dropZeroBid && bid === 0) return ['zero-bid', `bid 0, ask ${ask}`];
  const mid = 0.5 * (bid + ask);
  const spread = ask - bid;
  if (spread > f.maxRelativeSpread * mid && spread > f.minSpreadTolerance) {
    return ['wide-spread', `spread ${spread.toPrecision(4)} is ${((100 * spread) / mid).toFixed(1)} % of mid (max ${100 * f.maxRelativeSpread} %)`];
  }
  if (f.staleAfterSeconds !== undefined && row.quoteTime !== undefined) {
    let t: number;
    try {
      t = parseDateMs('quoteTime', row.quoteTime);
    } catch {
      return ['stale', `unreadable quoteTime ${String(row.quoteTime)}`];
    }
    const age = (asOfMs - t) / 1000;
    if (age > f.staleAfterSeconds) return ['stale', `quote is ${Math.round(age)} s old (max ${f.staleAfterSeconds} s)`];
  }
  if (f.minVolume > 0 && !((row.volume ?? 0) >= f.minVolume)) return ['low-volume', `volume ${row.volume ?? 0} < ${f.minVolume}`];
  if (f.minOpenInterest > 0 && !((row.openInterest ?? 0) >= f.minOpenInterest)) {
    return ['low-open-interest', `open interest ${row.openInterest ?? 0} < ${f.minOpenInterest}`];
  }
  return undefined;
}

function tryIv(type: 'call' | 'put', price: number, forward: number, strike: number, expiry: number, rate: number): number | undefined {
  if (!(price > 0)) return undefined;
  // outside the no-arbitrage bounds there is no vol: skip the solver (and its exception)
  const df = Math.exp(-rate * expiry);
  if (!(price > df * Math.max((type === 'call' ? 1 : -1) * (forward - strike), 0) && price < df * (type === 'call' ? forward : strike))) {
    return undefined;
  }
  try {
    return black76ImpliedVol({ type, price, forward, strike, expiry, rate });
  } catch {
    return undefined;
  }
}

/**
 * Processes a raw option chain into per-expiry slices:
 *
 * 1. rows with an unreadable expiry/strike/type are dropped ('invalid-row'); expiries on or
 *    before the valuation date are dropped ('expired');
 * 2. liquidity filters, first failure wins: 'missing-quote', 'negative-price', 'crossed'
 *    (bid > ask), 'zero-bid', 'wide-spread' (spread > maxRelativeSpread·mid and > minSpreadTolerance),
 *    'stale' (quoteTime older than staleAfterSeconds before asOf), 'low-volume',
 *    'low-open-interest', then 'duplicate' (same type and strike twice: the first is kept);
 * 3. forward F and discount D per expiry from put-call parity on the surviving call/put pairs
 *    ({@link impliedForward}: robust weighted regression; with `rate` given D = e^{-rT} and only F
 *    is fitted); with no usable pairs but a rate and a spot, F = S e^{(r-q)T} ('spot-carry');
 *    otherwise every quote of the expiry is dropped with 'no-forward';
 * 4. Black-76 implied vols of the mid, bid and ask on (F, D); a mid without an implied vol
 *    (below intrinsic, above the upper bound) is dropped with 'no-implied-vol'.
 *
 * Time to expiry is ACT/365 in calendar days between the valuation date and the expiry date.
 * Every input row ends up either in a slice's `quotes` or in a `dropped` list with its reason.
 *
 * @throws InvalidInputError when `rows` is not an array, no valuation date is given, or an
 *   option is invalid (negative rate is fine; spot ≤ 0, NaN thresholds are not).
 */
export function processOptionChain(rows: readonly OptionChainRow[], options: ProcessChainOptions): ProcessedChain {
  if (!Array.isArray(rows)) throw new InvalidInputError('rows', 'must be an array', typeof rows);
  requireObject('options', options);
  const asOfRaw = options.valuationDate ?? options.asOf;
  if (asOfRaw === undefined) throw new InvalidInputError('valuationDate', 'is required (or asOf)');
  const asOfMs = parseDateMs(options.valuationDate !== undefined ? 'valuationDate' : 'asOf', asOfRaw);
  const asOfDay = dayStart(asOfMs);
  const rate = options.rate === undefined ? undefined : requireFinite('rate', options.rate);
  const q = options.dividendYield === undefined ? 0 : requireFinite('dividendYield', options.dividendYield);
  const fo = options.filters ?? {};
  requireObject('filters', fo);
  const filters = {
    dropZeroBid: fo.dropZeroBid ?? true,
    maxRelativeSpread: fo.maxRelativeSpread === undefined ? 1 : requireNonNegative('filters.maxRelativeSpread', fo.maxRelativeSpread),
    minSpreadTolerance: fo.minSpreadTolerance === undefined ? 0.05 : requireNonNegative('filters.minSpreadTolerance', fo.minSpreadTolerance),
    staleAfterSeconds: fo.staleAfterSeconds === undefined ? undefined : requireNonNegative('filters.staleAfterSeconds', fo.staleAfterSeconds),
    minVolume: fo.minVolume === undefined ? 0 : requireNonNegative('filters.minVolume', fo.minVolume),
    minOpenInterest: fo.minOpenInterest === undefined ? 0 : requireNonNegative('filters.minOpenInterest', fo.minOpenInterest),
  };
  const threshold = options.outlierThreshold === undefined ? 4 : requireFinite('outlierThreshold', options.outlierThreshold);
  let spot = options.spot === undefined ? undefined : requireFinite('spot', options.spot);
  if (spot !== undefined && !(spot > 0)) throw new InvalidInputError('spot', 'must be > 0', spot);
  if (spot === undefined) {
    spot = median(rows.flatMap((r) => (r && typeof r.underlying === 'number' && r.underlying > 0 && Number.isFinite(r.underlying) ? [r.underlying] : [])));
  }

  const topDropped: DroppedQuote[] = [];
  const groups = new Map<number, { candidates: Candidate[]; dropped: DroppedQuote[]; seen: Map<string, number> }>();
  rows.forEach((row, index) => {
    const drop = (reason: DroppedQuote['reason'], detail: string): void => {
      topDropped.push({ index, row, reason, detail });
    };
    if (typeof row !== 'object' || row === null) return drop('invalid-row', 'row is not an object');
    let expMs: number;
    try {
      expMs = dayStart(parseDateMs('expiry', row.expiry));
    } catch (e) {
      return drop('invalid-row', (e as Error).message);
    }
    if (row.type !== 'call' && row.type !== 'put') return drop('invalid-row', `type ${JSON.stringify(row.type)} is not 'call' or 'put'`);
    if (!(typeof row.strike === 'number' && row.strike > 0 && Number.isFinite(row.strike))) {
      return drop('invalid-row', `strike ${String(row.strike)} must be a finite number > 0`);
    }
    if (expMs <= asOfDay) return drop('expired', `expiry ${isoDate(expMs)} is not after ${isoDate(asOfDay)}`);
    let g = groups.get(expMs);
    if (!g) {
      g = { candidates: [], dropped: [], seen: new Map() };
      groups.set(expMs, g);
    }
    const why = liquidityReason(row, filters, asOfMs);
    if (why) {
      g.dropped.push({ index, row, reason: why[0], detail: why[1] });
      return;
    }
    const key = `${row.type}|${row.strike}`;
    const dup = g.seen.get(key);
    if (dup !== undefined) {
      g.dropped.push({ index, row, reason: 'duplicate', detail: `same ${row.type} strike ${row.strike} as row ${dup}` });
      return;
    }
    g.seen.set(key, index);
    g.candidates.push({ index, row, bid: row.bid!, ask: row.ask!, mid: 0.5 * (row.bid! + row.ask!) });
  });

  const slices: ChainSlice[] = [];
  for (const expMs of [...groups.keys()].sort((a, b) => a - b)) {
    const g = groups.get(expMs)!;
    const days = Math.round((expMs - asOfDay) / DAY_MS);
    const T = days / 365;
    const expiry = isoDate(expMs);
    // parity pairs
    const calls = new Map<number, Candidate>();
    const puts = new Map<number, Candidate>();
    for (const c of g.candidates) (c.row.type === 'call' ? calls : puts).set(c.row.strike, c);
    const pairs: ParityPair[] = [];
    for (const [k, c] of calls) {
      const p = puts.get(k);
      if (p) pairs.push({ strike: k, callMid: c.mid, putMid: p.mid, halfSpread: 0.5 * (c.ask - c.bid + p.ask - p.bid) });
    }
    pairs.sort((a, b) => a.strike - b.strike);
    let F: number | undefined;
    let D: number | undefined;
    let source: ChainSlice['forwardSource'] = 'parity-regression';
    let used = 0;
    let outlierStrikes: number[] = [];
    let rms = 0;
    let failure = 'no call/put pairs at common strikes';
    try {
      const fit = impliedForward(pairs, { discount: rate === undefined ? undefined : Math.exp(-rate * T), threshold });
      F = fit.forward;
      D = fit.discount;
      source = rate === undefined ? 'parity-regression' : 'parity-given-rate';
      used = fit.used.length;
      outlierStrikes = fit.outliers.map((i) => pairs[i]!.strike);
      rms = fit.rms;
    } catch (e) {
      if (!(e instanceof NoSolutionError)) throw e;
      failure = e.message;
      if (rate !== undefined && spot !== undefined) {
        F = spot * Math.exp((rate - q) * T);
        D = Math.exp(-rate * T);
        source = 'spot-carry';
      }
    }
    const dropped = g.dropped;
    if (F === undefined || D === undefined) {
      for (const c of g.candidates) dropped.push({ index: c.index, row: c.row, reason: 'no-forward', detail: failure });
      topDropped.push(...dropped);
      continue;
    }
    const r = -Math.log(D) / T;
    const sqT = Math.sqrt(T);
    const quotes: ChainQuote[] = [];
    for (const c of g.candidates) {
      const type = c.row.type;
      let iv: number;
      try {
        iv = black76ImpliedVol({ type, price: c.mid, forward: F, strike: c.row.strike, expiry: T, rate: r });
      } catch (e) {
        dropped.push({ index: c.index, row: c.row, reason: 'no-implied-vol', detail: (e as Error).message });
        continue;
      }
      if (!(iv > 0)) {
        dropped.push({ index: c.index, row: c.row, reason: 'no-implied-vol', detail: 'mid equals the intrinsic value (zero vol)' });
        continue;
      }
      const K = c.row.strike;
      const k = Math.log(K / F);
      const s = iv * sqT;
      const d1 = -k / s + s / 2;
      const quote: ChainQuote = {
        index: c.index,
        type,
        strike: K,
        bid: c.bid,
        ask: c.ask,
        mid: c.mid,
        iv,
        logMoneyness: k,
        delta: type === 'call' ? normCdf(d1) : -normCdf(-d1),
        vega: D * F * normPdf(d1) * sqT,
        otm: type === 'call' ? K >= F : K < F,
      };
      const ivBid = tryIv(type, c.bid, F, K, T, r);
      const ivAsk = tryIv(type, c.ask, F, K, T, r);
      if (ivBid !== undefined) quote.ivBid = ivBid;
      if (ivAsk !== undefined) quote.ivAsk = ivAsk;
      if (c.row.last !== undefined) quote.last = c.row.last;
      if (c.row.volume !== undefined) quote.volume = c.row.volume;
      if (c.row.openInterest !== undefined) quote.openInterest = c.row.openInterest;
      quotes.push(quote);
    }
    quotes.sort((a, b) => a.strike - b.strike || (a.type === 'call' ? -1 : 1));
    dropped.sort((a, b) => a.index - b.index);
    slices.push({
      expiry,
      days,
      timeToExpiry: T,
      kind: classifyExpiry(expiry),
      forward: F,
      discount: D,
      impliedRate: r,
      forwardSource: source,
      parityPairs: used,
      parityOutliers: outlierStrikes,
      parityRms: rms,
      quotes,
      dropped,
    });
  }
  topDropped.sort((a, b) => a.index - b.index);
  return { asOf: isoDate(asOfDay), slices, dropped: topDropped };
}
