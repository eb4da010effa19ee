import { ConvergenceError } from '../errors/errors';
import { requireInteger } from '../validation/validate';

/**
 * A seedable source of random numbers. Everything random in quantforge takes one of these (or a
 * seed that becomes one), so the same seed gives the same numbers on every machine.
 */
export interface RandomSource {
  /** A uniform variate in [0, 1) with 53-bit resolution (a multiple of 2^-53; 0 is possible, 1 is not). */
  nextFloat(): number;
  /** A standard normal variate N(0, 1). */
  nextNormal(): number;
}

const TWO_POW_M32 = 2.3283064365386963e-10; // 2^-32 (multiplying by it is exact)
const TWO_POW_21 = 2097152;
const TWO_POW_M53 = 1.1102230246251565e-16; // 2^-53

// Jump polynomials of the reference code, as [hi, lo] 32-bit halves of each 64-bit word.
// JUMP advances 2^128 steps, LONG_JUMP 2^192 steps (Blackman & Vigna 2018, prng.di.unimi.it).
const JUMP = [0x180ec6d3, 0x3cfd0aba, 0xd5a61266, 0xf0c9392c, 0xa9582618, 0xe03fc9aa, 0x39abdc45, 0x29b1661c];
const LONG_JUMP = [0x76e15d3e, 0xfefdcbbf, 0xc5004e44, 0x1c522fb3, 0x77710069, 0x854ee241, 0x39109bb0, 0x2acbe635];

// A rejection loop that fails 10^3 times in a row has probability (1 - pi/4)^1000 < 1e-660: the
// cap only guarantees termination, it is never reached by a working generator.
const MAX_POLAR_TRIES = 1000;

/**
 * xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS
 * 2021; preprint 2018): period 2^256 - 1, passes BigCrush and PractRand, and `jump()` gives 2^128
 * non-overlapping streams for parallel work.
 *
 * The 256-bit state is kept as eight 32-bit halves and advanced with 32-bit integer arithmetic
 * (no BigInt), so it is fast and bit-identical to the reference C code on every JS engine.
 * Seeding follows the reference's recommendation: the state is four consecutive SplitMix64
 * outputs started from the seed.
 */
export class Xoshiro256StarStar implements RandomSource {
  // The state s[k] = (hi << 32) | lo as uint32 halves: st[2k] = hi, st[2k + 1] = lo; st[8], st[9]
  // hold the last 64-bit output. A typed array keeps the values unboxed (uint32 values above
  // 2^30 would otherwise become heap numbers when stored in object fields).
  private readonly st = new Uint32Array(10);
  // Marsaglia's polar method yields normals in pairs; the second one waits here.
  private spareNormal = 0;
  private hasSpare = false;

  /**
   * @param seed any finite integer-valued number. It is taken modulo 2^64 (two's complement for
   *   negative seeds, i.e. the C cast `(uint64_t)(int64_t)seed`), so distinct safe integers give
   *   distinct streams.
   */
  constructor(seed: number) {
    requireInteger('seed', seed, -Infinity);
    // SplitMix64 (Steele, Lea & Flood 2014) as in the reference splitmix64.c. BigInt is used
    // only here, once per generator, never in the per-number path.
    const mask = (1n << 64n) - 1n;
    let x = BigInt.asUintN(64, BigInt(seed));
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b97f4a7c15n) & mask;
      let z = x;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
      z ^= z >> 31n;
      this.st[2 * i] = Number(z >> 32n);
      this.st[2 * i + 1] = Number(z & 0xffffffffn);
    }
    // SplitMix64 is a bijection of consecutive counters, so at most one word is 0: the state is
    // never all-zero (the one state xoshiro must avoid).
  }

  /** One step of the reference `next()`: result = rotl(s1 * 5, 7) * 9, then the linear update. */
  private step(): void {
    const st = this.st;
    const s0h = st[0];
    const s0l = st[1];
    const s1h = st[2];
    const s1l = st[3];
    const s2h = st[4];
    const s2l = st[5];
    const s3h = st[6];
    const s3l = st[7];

    // a = s1 * 5 (mod 2^64). lo * 5 < 2^35 is exact in a double; its high part is the carry.
    let p = s1l * 5;
    let al = p >>> 0;
    let ah = Math.imul(s1h, 5) + (p - al) * TWO_POW_M32;
    // b = rotl(a, 7)
    const bh = (ah << 7) | (al >>> 25);
    const bl = (al << 7) | (ah >>> 25);
    // result = b * 9 (mod 2^64)
    p = (bl >>> 0) * 9;
    al = p >>> 0;
    ah = Math.imul(bh, 9) + (p - al) * TWO_POW_M32;
    st[8] = ah;
    st[9] = al;

    // t = s1 << 17
    const th = (s1h << 17) | (s1l >>> 15);
    const tl = s1l << 17;

    const n2h = s2h ^ s0h; // s2 ^= s0
    const n2l = s2l ^ s0l;
    const n3h = s3h ^ s1h; // s3 ^= s1
    const n3l = s3l ^ s1l;
    st[2] = s1h ^ n2h; // s1 ^= s2
    st[3] = s1l ^ n2l;
    st[0] = s0h ^ n3h; // s0 ^= s3
    st[1] = s0l ^ n3l;
    st[4] = n2h ^ th; // s2 ^= t
    st[5] = n2l ^ tl;
    // s3 = rotl(s3, 45) = rotl(swap halves, 13)
    st[6] = (n3l << 13) | (n3h >>> 19);
    st[7] = (n3h << 13) | (n3l >>> 19);
  }

  /** The upper 32 bits of the next 64-bit output (the upper bits are the strongest; reference advice). */
  nextUint32(): number {
    this.step();
    return this.st[8];
  }

  /**
   * A uniform variate in [0, 1): the top 53 bits of the next output times 2^-53, exactly the
   * reference's `(x >> 11) * 0x1.0p-53`. 0 has probability 2^-53; 1 is never returned.
   */
  nextFloat(): number {
    this.step();
    return (this.st[8] * TWO_POW_21 + (this.st[9] >>> 11)) * TWO_POW_M53;
  }

  /**
   * The next full 64-bit output as a BigInt. A convenience for interop and tests, not for hot
   * loops (it allocates).
   */
  nextBigUint64(): bigint {
    this.step();
    return (BigInt(this.st[8]) << 32n) | BigInt(this.st[9]);
  }

  /**
   * A standard normal variate by Marsaglia's polar method (Marsaglia & Bray 1964): exact, uses
   * only `Math.sqrt` (correctly rounded) and `Math.log`, and consumes uniforms deterministically,
   * so a seed gives the same normals everywhere. Normals come in pairs; the second is cached and
   * returned by the next call (`jump()` and `longJump()` discard it).
   */
  nextNormal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    for (let i = 0; i < MAX_POLAR_TRIES; i++) {
      const u = 2 * this.nextFloat() - 1;
      const v = 2 * this.nextFloat() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * m;
        this.hasSpare = true;
        return u * m;
      }
    }
    throw new ConvergenceError('nextNormal: polar rejection sampling did not accept a point', MAX_POLAR_TRIES);
  }

  /** Fills `out` with standard normals; the same numbers as `out.length` calls of `nextNormal()`. */
  fillNormal(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.nextNormal();
    return out;
  }

  /** Fills `out` with uniforms in [0, 1); the same numbers as `out.length` calls of `nextFloat()`. */
  fillFloat(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.nextFloat();
    return out;
  }

  /**
   * Advances the state by 2^128 steps (reference `jump()`). Clone, then jump k times, to get
   * non-overlapping streams for parallel workers: `const r2 = r.clone(); r2.jump();`.
   */
  jump(): void {
    this.applyJump(JUMP);
  }

  /** Advances the state by 2^192 steps (reference `long_jump()`): 2^64 starting points for `jump()`. */
  longJump(): void {
    this.applyJump(LONG_JUMP);
  }

  /** An independent copy with the same state (including a cached normal). */
  clone(): Xoshiro256StarStar {
    const c = new Xoshiro256StarStar(0);
    c.st.set(this.st);
    c.spareNormal = this.spareNormal;
    c.hasSpare = this.hasSpare;
    return c;
  }

  private applyJump(poly: readonly number[]): void {
    const st = this.st;
    const acc = new Uint32Array(8);
    for (let i = 0; i < 4; i++) {
      const wh = poly[2 * i];
      const wl = poly[2 * i + 1];
      for (let b = 0; b < 64; b++) {
        const bit = b < 32 ? (wl >>> b) & 1 : (wh >>> (b - 32)) & 1;
        if (bit) for (let k = 0; k < 8; k++) acc[k] ^= st[k];
        this.step();
      }
    }
    st.set(acc);
    this.hasSpare = false;
  }
}

/**
 * A seeded xoshiro256** generator. `seed` must be a finite integer-valued number, else
 * InvalidInputError('seed').
 */
export function createRng(seed: number): Xoshiro256StarStar {
  return new Xoshiro256StarStar(seed);
}
