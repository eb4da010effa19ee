// Seeded PRNG for benchmark inputs: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator,
// as in PractRand) seeded through SplitMix32, with 53-bit uniform doubles. It is written out here
// rather than imported so the inputs do not change when a package's generator does, and the C++
// side never needs to reproduce it: inputs are handed to C++ through a binary file.

export function createRng(seed) {
  let s = seed >>> 0;
  const splitmix32 = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = 1;
  const next32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next32();
  /** Uniform in [0, 1) with 53 random bits. */
  const uniform = () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
  return {
    uniform,
    /** Uniform in [lo, hi). */
    between: (lo, hi) => lo + (hi - lo) * uniform(),
    /** Log-uniform in [lo, hi). */
    logBetween: (lo, hi) => lo * Math.exp(Math.log(hi / lo) * uniform()),
  };
}
