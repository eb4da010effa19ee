// Reference C++ loop for the European benchmark: the same Black-Scholes-Merton formula as
// @quantforge/pricing (ln F/K formed as ln(S/K) + (r-q)T; N(x) = erfc(-x/sqrt2)/2 via std::erfc),
// compiled with plain g++ -O2 (no -ffast-math, no explicit SIMD), on the inputs european.mjs
// writes. Times each pass with std::chrono over several repetitions and prints the median.
//
// usage: bs <inputs.bin> <repeats> <out-prefix>
//   inputs.bin: n (float64), then columns type(+1/-1), spot, strike, expiry, rate, q, vol.
//   writes <out-prefix>.price.bin (n doubles) and <out-prefix>.greeks.bin (6n doubles:
//   price, delta, vega, theta, rho, phi as columns).
// prints: RESULT price <ns/option> <checksum> and RESULT greeks <ns/option> <checksum>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

namespace {

const double INV_SQRT2 = 0.70710678118654752440;
const double INV_SQRT2PI = 0.39894228040143267794;

inline double normCdf(double x) { return 0.5 * std::erfc(-x * INV_SQRT2); }
inline double normPdf(double x) { return INV_SQRT2PI * std::exp(-0.5 * x * x); }

struct Inputs {
  std::size_t n = 0;
  const double *w, *S, *K, *T, *r, *q, *v;
  std::vector<double> data;
};

Inputs load(const char* path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) { std::perror(path); std::exit(2); }
  double nd = 0;
  f.read(reinterpret_cast<char*>(&nd), sizeof nd);
  Inputs in;
  in.n = static_cast<std::size_t>(nd);
  in.data.resize(7 * in.n);
  f.read(reinterpret_cast<char*>(in.data.data()), 7 * in.n * sizeof(double));
  const double* p = in.data.data();
  in.w = p; in.S = p + in.n; in.K = p + 2 * in.n; in.T = p + 3 * in.n;
  in.r = p + 4 * in.n; in.q = p + 5 * in.n; in.v = p + 6 * in.n;
  return in;
}

__attribute__((noinline)) void priceLoop(const Inputs& in, double* out) {
  for (std::size_t i = 0; i < in.n; ++i) {
    const double w = in.w[i], S = in.S[i], K = in.K[i], T = in.T[i], r = in.r[i], q = in.q[i], v = in.v[i];
    const double sd = v * std::sqrt(T);
    const double lm = std::log(S / K) + (r - q) * T;
    const double d1 = lm / sd + 0.5 * sd;
    const double d2 = d1 - sd;
    const double p = w * (S * std::exp(-q * T) * normCdf(w * d1) - K * std::exp(-r * T) * normCdf(w * d2));
    out[i] = p > 0 ? p : 0;
  }
}

// price, delta, vega, theta, rho, phi (raw partial derivatives; theta = -dV/dT per year).
__attribute__((noinline)) void greeksLoop(const Inputs& in, double* out) {
  const std::size_t n = in.n;
  double *price = out, *delta = out + n, *vega = out + 2 * n, *theta = out + 3 * n, *rho = out + 4 * n, *phi = out + 5 * n;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = in.w[i], S = in.S[i], K = in.K[i], T = in.T[i], r = in.r[i], q = in.q[i], v = in.v[i];
    const double sqrtT = std::sqrt(T);
    const double sd = v * sqrtT;
    const double lm = std::log(S / K) + (r - q) * T;
    const double d1 = lm / sd + 0.5 * sd;
    const double d2 = d1 - sd;
    const double dq = std::exp(-q * T), dr = std::exp(-r * T);
    const double Nd1 = normCdf(w * d1), Nd2 = normCdf(w * d2), pd1 = normPdf(d1);
    const double Sq = S * dq, Kr = K * dr;
    const double p = w * (Sq * Nd1 - Kr * Nd2);
    price[i] = p > 0 ? p : 0;
    delta[i] = w * dq * Nd1;
    vega[i] = Sq * pd1 * sqrtT;
    theta[i] = -Sq * pd1 * v / (2 * sqrtT) + w * q * Sq * Nd1 - w * r * Kr * Nd2;
    rho[i] = w * T * Kr * Nd2;
    phi[i] = -w * T * Sq * Nd1;
  }
}

template <class F>
double medianNs(int reps, F&& pass) {
  std::vector<double> t;
  pass();  // warm-up (page faults, caches)
  for (int k = 0; k < reps; ++k) {
    auto t0 = std::chrono::steady_clock::now();
    pass();
    auto t1 = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

void dump(const std::string& path, const std::vector<double>& v) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) { std::fprintf(stderr, "usage: bs <inputs.bin> <repeats> <out-prefix>\n"); return 2; }
  Inputs in = load(argv[1]);
  const int reps = std::atoi(argv[2]);
  const std::string prefix = argv[3];

  std::vector<double> prices(in.n), greeks(6 * in.n);
  const double nsPrice = medianNs(reps, [&] { priceLoop(in, prices.data()); });
  const double nsGreeks = medianNs(reps, [&] { greeksLoop(in, greeks.data()); });

  double cs1 = 0, cs2 = 0;
  for (double x : prices) cs1 += x;
  for (double x : greeks) cs2 += x;
  std::printf("RESULT price %.4f %.17g\n", nsPrice / in.n, cs1);
  std::printf("RESULT greeks %.4f %.17g\n", nsGreeks / in.n, cs2);
  dump(prefix + ".price.bin", prices);
  dump(prefix + ".greeks.bin", greeks);
  return 0;
}
