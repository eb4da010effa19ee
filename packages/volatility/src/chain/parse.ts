import { InvalidInputError } from '@quantforge/core';
import type { OptionType } from '@quantforge/core';
import type { OptionChainRow } from './types';

/** Canonical chain fields. */
export type ChainField = keyof OptionChainRow;

/** A row the parser could not read, with the field and the reason. */
export interface ChainParseError {
  /** 1-based line (CSV, header = line 1) or 0-based index (JSON). */
  line: number;
  field: string;
  reason: string;
}

/** Result of the chain parsers: the rows read and a reason for every row skipped. */
export interface ChainParseResult {
  rows: OptionChainRow[];
  errors: ChainParseError[];
}

/** Options of the parsers. */
export interface ChainParseOptions {
  /**
   * Extra header/key names: `{ 'Exp Date': 'expiry', 'C/P': 'type' }`. Matching is
   * case-insensitive and ignores spaces, '_' and '-'. Built-in aliases cover the usual vendor
   * names (expiration, strikePrice, putCall/right/cp, bidPrice, lastPrice, openInterest/oi,
   * underlyingPrice/spot, quoteTime/timestamp).
   */
  headerMap?: Record<string, ChainField>;
  /** CSV delimiter (default: detected among ',', ';', '\t'). */
  delimiter?: string;
}

const ALIASES: Record<string, ChainField> = {
  expiry: 'expiry',
  expiration: 'expiry',
  expirationdate: 'expiry',
  expirydate: 'expiry',
  exp: 'expiry',
  expdate: 'expiry',
  maturity: 'expiry',
  strike: 'strike',
  strikeprice: 'strike',
  k: 'strike',
  type: 'type',
  optiontype: 'type',
  putcall: 'type',
  callput: 'type',
  right: 'type',
  cp: 'type',
  side: 'type',
  bid: 'bid',
  bidprice: 'bid',
  ask: 'ask',
  askprice: 'ask',
  offer: 'ask',
  last: 'last',
  lastprice: 'last',
  lasttrade: 'last',
  volume: 'volume',
  vol: 'volume',
  openinterest: 'openInterest',
  oi: 'openInterest',
  underlying: 'underlying',
  underlyingprice: 'underlying',
  spot: 'underlying',
  undprice: 'underlying',
  quotetime: 'quoteTime',
  timestamp: 'quoteTime',
  quotedate: 'quoteTime',
  lasttradedate: 'quoteTime',
};

const norm = (s: string): string => s.toLowerCase().replace(/[\s_\-/]/g, '');

function resolver(headerMap: Record<string, ChainField> | undefined): (key: string) => ChainField | undefined {
  const map = new Map<string, ChainField>(Object.entries(ALIASES));
  if (headerMap !== undefined) {
    if (typeof headerMap !== 'object' || headerMap === null) throw new InvalidInputError('headerMap', 'must be an object', headerMap);
    for (const [k, v] of Object.entries(headerMap)) map.set(norm(k), v);
  }
  return (key) => map.get(norm(key));
}

/** 'call'/'put' from C, P, Call, PUT, calls, puts... or undefined. */
function parseType(v: unknown): OptionType | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (s === 'c' || s === 'call' || s === 'calls') return 'call';
  if (s === 'p' || s === 'put' || s === 'puts') return 'put';
  return undefined;
}

function parseNumber(v: unknown): number | undefined | null {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim().replace(/,/g, '');
  if (s === '' || s === '-' || s.toLowerCase() === 'nan' || s.toLowerCase() === 'n/a') return undefined;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}

const NUMERIC: ChainField[] = ['strike', 'bid', 'ask', 'last', 'volume', 'openInterest', 'underlying'];

/** Builds a row from a record of canonical fields; pushes an error and returns undefined when unusable. */
function toRow(rec: Partial<Record<ChainField, unknown>>, line: number, errors: ChainParseError[]): OptionChainRow | undefined {
  const type = parseType(rec.type);
  if (type === undefined) {
    errors.push({ line, field: 'type', reason: `cannot read option type from ${JSON.stringify(rec.type)}` });
    return undefined;
  }
  if (rec.expiry === undefined || rec.expiry === '' || rec.expiry === null) {
    errors.push({ line, field: 'expiry', reason: 'missing' });
    return undefined;
  }
  const row: Record<string, unknown> = {
    expiry: rec.expiry instanceof Date ? rec.expiry : String(rec.expiry).trim(),
    type,
  };
  for (const f of NUMERIC) {
    const x = parseNumber(rec[f]);
    if (x === null) {
      errors.push({ line, field: f, reason: `not a number: ${JSON.stringify(rec[f])}` });
      return undefined;
    }
    if (x !== undefined) row[f] = x;
  }
  if (row.strike === undefined) {
    errors.push({ line, field: 'strike', reason: 'missing' });
    return undefined;
  }
  if (rec.quoteTime !== undefined && rec.quoteTime !== '') row.quoteTime = rec.quoteTime as string | number | Date;
  return row as unknown as OptionChainRow;
}

/** Splits CSV text into records (RFC 4180 quoting: "a,b" and "" inside quotes). */
function splitCsv(text: string, delimiter: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
    } else if (c === '"') inQuotes = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    out.push(row);
  }
  return out;
}

/**
 * Parses an option chain from CSV text with a header line. Columns are mapped to the chain
 * fields by name (see {@link ChainParseOptions.headerMap}); unknown columns are ignored. Rows
 * that cannot be read (bad type, non-numeric strike...) are skipped with a reason in `errors`;
 * blank lines are ignored.
 *
 * @throws InvalidInputError when `text` is not a string, has no header, or lacks a required
 *   column (expiry, strike, type).
 */
export function parseOptionChainCsv(text: string, options: ChainParseOptions = {}): ChainParseResult {
  if (typeof text !== 'string') throw new InvalidInputError('text', 'must be a string', typeof text);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter =
    options.delimiter ??
    ([',', ';', '\t'] as const).reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const records = splitCsv(text.replace(/^\uFEFF/, ''), delimiter).filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
  if (records.length === 0) throw new InvalidInputError('text', 'has no header line', text.slice(0, 40));
  const resolve = resolver(options.headerMap);
  const header = records[0]!.map((h) => resolve(h.trim()));
  for (const req of ['expiry', 'strike', 'type'] as const) {
    if (!header.includes(req)) throw new InvalidInputError('text', `has no '${req}' column (map it with headerMap)`, records[0]!.join(delimiter));
  }
  const rows: OptionChainRow[] = [];
  const errors: ChainParseError[] = [];
  for (let i = 1; i < records.length; i++) {
    const rec: Partial<Record<ChainField, unknown>> = {};
    records[i]!.forEach((v, j) => {
      const f = header[j];
      if (f !== undefined) rec[f] = v;
    });
    const row = toRow(rec, i + 1, errors);
    if (row) rows.push(row);
  }
  return { rows, errors };
}

/**
 * Parses an option chain from a JSON array of objects (or its JSON text). Keys are mapped as in
 * {@link parseOptionChainCsv}; numbers may be numbers or numeric strings. Unreadable rows are
 * skipped with a reason in `errors` (line = array index).
 *
 * @throws InvalidInputError when the input is not an array (or JSON text of one).
 */
export function parseOptionChainJson(input: string | readonly unknown[], options: ChainParseOptions = {}): ChainParseResult {
  let arr: unknown = input;
  if (typeof input === 'string') {
    try {
      arr = JSON.parse(input);
    } catch (e) {
      throw new InvalidInputError('input', `is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (!Array.isArray(arr)) throw new InvalidInputError('input', 'must be an array of rows', typeof arr);
  const resolve = resolver(options.headerMap);
  const rows: OptionChainRow[] = [];
  const errors: ChainParseError[] = [];
  arr.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ line: i, field: 'row', reason: 'not an object' });
      return;
    }
    const rec: Partial<Record<ChainField, unknown>> = {};
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
      const f = resolve(k);
      if (f !== undefined) rec[f] = v;
    }
    const row = toRow(rec, i, errors);
    if (row) rows.push(row);
  });
  return { rows, errors };
}
