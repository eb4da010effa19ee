// Helpers for the C++ reference programs: find g++, compile into benchmarks/.build/ (only when
// the source is newer than the binary), exchange data through flat binary files of float64.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_DIR = join(BENCH_DIR, '.build');

export function ensureBuildDir() {
  mkdirSync(BUILD_DIR, { recursive: true });
  return BUILD_DIR;
}

/** The g++ version line, or undefined when g++ is not on the PATH. */
export function gxxVersion() {
  const r = spawnSync('g++', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0 || r.error) return undefined;
  return r.stdout.split('\n')[0].trim();
}

/**
 * Compiles benchmarks/cpp/<name>.cpp to benchmarks/.build/<name> with g++ -O2 (plus `extra`
 * flags, e.g. -lQuantLib). Returns the binary path, or throws with the compiler's message.
 */
export function compile(name, extra = []) {
  ensureBuildDir();
  const src = join(BENCH_DIR, 'cpp', `${name}.cpp`);
  const bin = join(BUILD_DIR, name);
  const flagsFile = `${bin}.flags`;
  const flags = ['-O2', '-std=gnu++17', '-o', bin, src, ...extra];
  const sameFlags = existsSync(flagsFile) && readFileSync(flagsFile, 'utf8') === flags.join(' ');
  // Rebuild when the source or a shared header (cpp/*.hpp) is newer than the binary.
  const cppDir = join(BENCH_DIR, 'cpp');
  const newest = Math.max(statSync(src).mtimeMs, ...readdirSync(cppDir).filter((f) => f.endsWith('.hpp')).map((f) => statSync(join(cppDir, f)).mtimeMs));
  if (sameFlags && existsSync(bin) && statSync(bin).mtimeMs > newest) return bin;
  const r = spawnSync('g++', flags, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`g++ failed for ${name}:\n${r.stderr}`);
  writeFileSync(flagsFile, flags.join(' '));
  return bin;
}

/** Writes columns (equal-length Float64Arrays) as: n (float64), then each column in turn. */
export function writeColumns(path, columns) {
  const n = columns[0].length;
  const buf = new Float64Array(1 + columns.length * n);
  buf[0] = n;
  columns.forEach((c, j) => {
    if (c.length !== n) throw new Error('column length mismatch');
    buf.set(c, 1 + j * n);
  });
  writeFileSync(path, new Uint8Array(buf.buffer));
}

/** Reads a file of raw float64 values (as written by the C++ programs). */
export function readFloat64(path) {
  const b = readFileSync(path);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/**
 * Runs a compiled program; it prints lines `RESULT <label> <ns-per-item> <checksum>`.
 * Returns a Map label -> { ns, checksum }.
 */
export function run(bin, args) {
  const out = execFileSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const results = new Map();
  for (const line of out.split('\n')) {
    const m = /^RESULT (\S+) (\S+) (\S+)/.exec(line);
    if (m) results.set(m[1], { ns: Number(m[2]), checksum: Number(m[3]) });
  }
  return results;
}

/**
 * Quad-precision reference BSM prices (cpp/bs_ref.cpp, __float128) for columns
 * { type, spot, strike, expiry, rate, dividendYield, vol }, or undefined without g++/libquadmath.
 */
export function quadReference(tag, c) {
  if (!gxxVersion()) return undefined;
  let bin;
  try {
    bin = compile('bs_ref', ['-lquadmath']);
  } catch {
    return undefined;
  }
  const n = c.spot.length;
  const col = (x) => (typeof x === 'number' ? new Float64Array(n).fill(x) : Float64Array.from(x));
  const inFile = join(BUILD_DIR, `${tag}.ref.in.bin`);
  const outFile = join(BUILD_DIR, `${tag}.ref.out.bin`);
  writeColumns(inFile, [col(c.type), col(c.spot), col(c.strike), col(c.expiry), col(c.rate), col(c.dividendYield ?? 0), col(c.vol)]);
  execFileSync(bin, [inFile, outFile]);
  return readFloat64(outFile);
}

const scipyCache = new Map();
/** "scipy X / numpy Y" when `python` (default: python3 on PATH) can import both, else undefined (cached). */
export function scipyVersion(python = 'python3') {
  if (!scipyCache.has(python)) {
    const r = spawnSync(python, ['-c', 'import numpy, scipy; print("scipy", scipy.__version__, "/ numpy", numpy.__version__)'], { encoding: 'utf8' });
    scipyCache.set(python, r.status === 0 && !r.error ? r.stdout.trim() : '');
  }
  return scipyCache.get(python) || undefined;
}

/** Runs benchmarks/py/scipy_peers.py with `args`; same RESULT protocol as the C++ programs. */
export function runScipy(args) {
  return run('python3', [join(BENCH_DIR, 'py', 'scipy_peers.py'), ...args]);
}
