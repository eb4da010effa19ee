// Tiny timing helper shared by the benchmarks: warm up, repeat, take the median.
//
// `measure(fn, opts)` calls `fn()` `warmup` times untimed (so V8 has tiered the hot code up to
// TurboFan), then `repeats` times timed with process.hrtime.bigint(), and returns the median
// wall time of one call in nanoseconds together with every sample. Divide by the number of
// options one call processes to get ns/option. The median (not the mean or the minimum) is
// reported so one GC pause or scheduler hiccup does not move the result.

export function measure(fn, { warmup = 2, repeats = 7 } = {}) {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += touch(fn());
  const samples = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    const r = fn();
    const t1 = process.hrtime.bigint();
    sink += touch(r);
    samples.push(Number(t1 - t0));
  }
  samples.sort((a, b) => a - b);
  const median = samples.length % 2 === 1
    ? samples[(samples.length - 1) >> 1]
    : 0.5 * (samples[samples.length / 2 - 1] + samples[samples.length / 2]);
  return { median, samples, sink };
}

// Keep results observable so no engine can drop the work as dead code.
function touch(r) {
  if (typeof r === 'number') return r;
  if (r && typeof r.length === 'number' && r.length > 0) return r[0];
  if (r && typeof r === 'object') {
    for (const k in r) return touch(r[k]);
  }
  return 0;
}

/** Formats nanoseconds per item with three significant digits. */
export function fmtNs(ns) {
  if (!Number.isFinite(ns)) return 'n/a';
  if (ns >= 100) return ns.toFixed(0);
  if (ns >= 10) return ns.toFixed(1);
  return ns.toFixed(2);
}

/** Formats a ratio such as 1.23x. */
export function fmtRatio(x) {
  if (!Number.isFinite(x)) return 'n/a';
  return x >= 10 ? `${x.toFixed(0)}x` : `${x.toFixed(2)}x`;
}

/** Formats an error/difference in scientific notation (or 0). */
export function fmtErr(x) {
  if (x === undefined) return '';
  if (Number.isNaN(x)) return 'NaN';
  if (x === 0) return '0';
  return x.toExponential(1);
}

/** Prints a Markdown table (so the console output pastes straight into RESULTS.md). */
export function printTable(headers, rows) {
  const widths = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => String(r[j]).length)));
  const line = (cells) => '| ' + cells.map((c, j) => String(c).padEnd(widths[j])).join(' | ') + ' |';
  console.log(line(headers));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

/**
 * Runs timed tasks in `rounds` interleaved rounds (task A, B, C, A, B, C, ...) and keeps, per
 * key, the best per-round figure. Each task returns an object of key -> ns/item (itself the
 * median of that round's repeats). On a shared machine background load only ever adds time, and
 * interleaving exposes every method to the same load, so the best round is the fairest figure.
 */
export function runRounds(tasks, rounds) {
  const best = {};
  for (let r = 0; r < rounds; r++) {
    for (const task of tasks) {
      const res = task();
      for (const [k, v] of Object.entries(res)) if (!(best[k] <= v)) best[k] = v;
    }
  }
  return best;
}

/** The 1-minute load average and core count, to judge how quiet the machine was. */
export async function loadNote() {
  const os = await import('node:os');
  return `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} logical CPUs`;
}
