// Reference Black-Scholes-Merton prices in IEEE quad precision (__float128 with libquadmath,
// 113-bit significand) for the accuracy columns: the same formula as bs.cpp with
// N(x) = erfcq(-x/sqrt2)/2, rounded to double once at the end. Its own relative error is ~1e-30
// times the cancellation of the call/put difference, far below double precision everywhere in
// the benchmark domains, so it tells which double implementation is right when two disagree.
//
// usage: bs_ref <inputs.bin> <out.bin>   (g++ -O2 bs_ref.cpp -lquadmath)
//   inputs.bin: n (float64), then columns type(+1/-1), spot, strike, expiry, rate, q, vol.

#include <cmath>
#include <quadmath.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) { std::fprintf(stderr, "usage: bs_ref <inputs.bin> <out.bin>\n"); return 2; }
  std::ifstream f(argv[1], std::ios::binary);
  if (!f) { std::perror(argv[1]); return 2; }
  double nd = 0;
  f.read(reinterpret_cast<char*>(&nd), sizeof nd);
  const std::size_t n = static_cast<std::size_t>(nd);
  std::vector<double> d(7 * n), out(n);
  f.read(reinterpret_cast<char*>(d.data()), d.size() * sizeof(double));
  typedef __float128 Q;
  const Q rs2 = sqrtq(0.5Q);
  for (std::size_t i = 0; i < n; ++i) {
    const Q w = d[i], S = d[n + i], K = d[2 * n + i], T = d[3 * n + i], r = d[4 * n + i], q = d[5 * n + i], v = d[6 * n + i];
    const Q sd = v * sqrtq(T);
    const Q d1 = (logq(S / K) + (r - q) * T) / sd + 0.5Q * sd;
    const Q d2 = d1 - sd;
    const Q p = w * (S * expq(-q * T) * 0.5Q * erfcq(-w * d1 * rs2) - K * expq(-r * T) * 0.5Q * erfcq(-w * d2 * rs2));
    out[i] = static_cast<double>(p > 0 ? p : Q(0));
  }
  std::ofstream o(argv[2], std::ios::binary);
  o.write(reinterpret_cast<const char*>(out.data()), out.size() * sizeof(double));
  return 0;
}
