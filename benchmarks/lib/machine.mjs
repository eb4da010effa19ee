import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gxxVersion, scipyVersion } from './cpp.mjs';

export const QL_HEADER = '/usr/include/ql/quantlib.hpp';

/** QuantLib C++ version from the installed headers, or undefined. */
export function quantlibVersion() {
  const f = '/usr/include/ql/version.hpp';
  if (!existsSync(QL_HEADER) || !existsSync(f)) return undefined;
  const m = /#define\s+QL_VERSION\s+"([^"]+)"/.exec(readFileSync(f, 'utf8'));
  return m ? m[1] : 'unknown';
}

function cpuModel() {
  try {
    const out = execFileSync('lscpu', { encoding: 'utf8' });
    const m = /Model name:\s*(.+)/.exec(out);
    if (m) return m[1].trim();
  } catch {
    // lscpu missing: fall back to os.cpus()
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function printMachine() {
  const lines = [
    `date: ${new Date().toISOString()}`,
    `node: ${process.version} (V8 ${process.versions.v8})`,
    `cpu: ${cpuModel()} × ${cpus().length} logical`,
    `g++: ${gxxVersion() ?? 'not found'}`,
    `QuantLib C++: ${quantlibVersion() ?? 'not installed'}`,
    // The European/IV peers run python3 from PATH; the risk, portfolio, drift and surface peers
    // run Debian's /usr/bin/python3 (where python3-scipy, -sklearn, -statsmodels, -cvxopt live).
    `python3 (PATH): ${scipyVersion() ?? 'numpy/scipy not importable'}`,
    `/usr/bin/python3: ${scipyVersion('/usr/bin/python3') ?? 'numpy/scipy not importable'}`,
  ];
  for (const l of lines) console.log(`  ${l}`);
}
