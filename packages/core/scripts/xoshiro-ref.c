/*
 * Reference outputs for quantforge's Xoshiro256StarStar (packages/core/src/random/xoshiro.ts).
 *
 * The generator, jump() and the SplitMix64 seeder below are the public-domain reference code of
 * Blackman & Vigna, https://prng.di.unimi.it/ (xoshiro256starstar.c, splitmix64.c), unchanged
 * except that the state is passed explicitly. The reference recommends filling the 256-bit state
 * with four consecutive SplitMix64 outputs; a JS seed s (a safe integer, possibly negative) maps
 * to the SplitMix64 state (uint64_t)(int64_t)s.
 *
 * Build and run (writes the fixture the tests read):
 *   g++ -O2 -o /tmp/xoshiro-ref packages/core/scripts/xoshiro-ref.c
 *   /tmp/xoshiro-ref > packages/core/test/fixtures/xoshiro256starstar-ref.json
 */
#include <stdint.h>
#include <stdio.h>

static uint64_t splitmix64_next(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

static inline uint64_t rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next(uint64_t *s) {
  const uint64_t result = rotl(s[1] * 5, 7) * 9;
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

static void jump(uint64_t *s) {
  static const uint64_t JUMP[] = {0x180ec6d33cfd0aba, 0xd5a61266f0c9392c, 0xa9582618e03fc9aa,
                                  0x39abdc4529b1661c};
  uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (size_t i = 0; i < sizeof JUMP / sizeof *JUMP; i++)
    for (int b = 0; b < 64; b++) {
      if (JUMP[i] & UINT64_C(1) << b) {
        s0 ^= s[0];
        s1 ^= s[1];
        s2 ^= s[2];
        s3 ^= s[3];
      }
      next(s);
    }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
}

static const int N = 20;

static void print_case(long long seed, int last) {
  uint64_t sm = (uint64_t)(int64_t)seed;
  uint64_t s[4];
  for (int i = 0; i < 4; i++) s[i] = splitmix64_next(&sm);
  printf("    {\n      \"id\": \"seed=%lld\",\n      \"input\": { \"seed\": %lld },\n", seed, seed);
  printf("      \"expected\": {\n        \"state\": [");
  for (int i = 0; i < 4; i++) printf("\"%016llx\"%s", (unsigned long long)s[i], i < 3 ? ", " : "");
  printf("],\n        \"uint64\": [");
  uint64_t copy[4] = {s[0], s[1], s[2], s[3]};
  for (int i = 0; i < N; i++) printf("\"%016llx\"%s", (unsigned long long)next(copy), i < N - 1 ? ", " : "");
  printf("],\n        \"float53\": [");
  for (int i = 0; i < 4; i++) copy[i] = s[i];
  for (int i = 0; i < N; i++) {
    /* the reference's recommended conversion to double: (x >> 11) * 0x1.0p-53 */
    printf("%.17g%s", (double)(next(copy) >> 11) * 0x1.0p-53, i < N - 1 ? ", " : "");
  }
  printf("],\n        \"afterJumpUint64\": [");
  for (int i = 0; i < 4; i++) copy[i] = s[i];
  jump(copy);
  for (int i = 0; i < N; i++) printf("\"%016llx\"%s", (unsigned long long)next(copy), i < N - 1 ? ", " : "");
  printf("]\n      }\n    }%s\n", last ? "" : ",");
}

int main(void) {
  const long long seeds[] = {0, 1, 42, 123456789, -1, -987654321, 9007199254740991LL};
  const int n = sizeof seeds / sizeof *seeds;
  printf("{\n  \"name\": \"xoshiro256** reference outputs\",\n");
  printf("  \"source\": \"Blackman & Vigna reference C code (https://prng.di.unimi.it/xoshiro256starstar.c, "
         "splitmix64.c), compiled with g++ from packages/core/scripts/xoshiro-ref.c\",\n");
  printf("  \"conventions\": \"state = four consecutive SplitMix64 outputs from (uint64_t)(int64_t)seed; uint64 "
         "values as 16-digit hex; float53 = (x >> 11) * 2^-53; afterJumpUint64 = outputs after one jump() from the "
         "seeded state\",\n");
  printf("  \"tolerance\": { \"abs\": 0, \"rel\": 0 },\n  \"cases\": [\n");
  for (int i = 0; i < n; i++) print_case(seeds[i], i == n - 1);
  printf("  ]\n}\n");
  return 0;
}
