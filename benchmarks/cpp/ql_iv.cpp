// QuantLib C++ implied volatility on the inputs impliedvol.mjs writes.
//
// usage: ql_iv <inputs.bin> <repeats> <out-prefix> <accuracy-tight>
//   inputs.bin: n (float64), then columns type(+1/-1), price, spot, strike, expiry, rate, q.
//   For each solver variant writes <out-prefix>.<label>.bin (n implied vols; NaN where QuantLib
//   threw) and prints RESULT <label> <ns/option> <number-of-throws>.
// Each option goes through the public function with F = S e^{(r-q)T}, discount e^{-rT}:
//   vol = blackFormulaImpliedStdDev[LiRS](type, K, F, price, discount, 0, guess = Null,
//                                          accuracy, maxIterations = 100) / sqrt(T).
// Variants: the default accuracy (1e-6 on the standard deviation) and a tight one.

#include <ql/pricingengines/blackformula.hpp>
#include <ql/version.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

using namespace QuantLib;

namespace {

struct Inputs {
  std::size_t n = 0;
  std::vector<double> data;
  const double *w, *P, *S, *K, *T, *r, *q;
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
  const std::size_t n = in.n;
  in.w = p; in.P = p + n; in.S = p + 2 * n; in.K = p + 3 * n; in.T = p + 4 * n; in.r = p + 5 * n; in.q = p + 6 * n;
  return in;
}

enum class Method { Newton, LiRS };

std::size_t solveAll(const Inputs& in, Method m, double accuracy, double* out) {
  std::size_t throws = 0;
  for (std::size_t i = 0; i < in.n; ++i) {
    const double T = in.T[i];
    const double F = in.S[i] * std::exp((in.r[i] - in.q[i]) * T);
    const double D = std::exp(-in.r[i] * T);
    const Option::Type type = in.w[i] > 0 ? Option::Call : Option::Put;
    try {
      const double sd = m == Method::Newton
          ? blackFormulaImpliedStdDev(type, in.K[i], F, in.P[i], D, 0.0, Null<Real>(), accuracy, 100)
          : blackFormulaImpliedStdDevLiRS(type, in.K[i], F, in.P[i], D, 0.0, Null<Real>(), 1.0, accuracy, 100);
      out[i] = sd / std::sqrt(T);
    } catch (const std::exception&) {
      out[i] = std::numeric_limits<double>::quiet_NaN();
      ++throws;
    }
  }
  return throws;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) { std::fprintf(stderr, "usage: ql_iv <inputs.bin> <repeats> <out-prefix> <accuracy-tight>\n"); return 2; }
  Inputs in = load(argv[1]);
  const int reps = std::max(1, std::atoi(argv[2]));
  const std::string prefix = argv[3];
  const double tight = std::atof(argv[4]);

  struct Variant { const char* label; Method m; double acc; };
  const Variant variants[] = {
      {"ql_default", Method::Newton, 1.0e-6},
      {"ql_tight", Method::Newton, tight},
      {"lirs_default", Method::LiRS, 1.0e-6},
      {"lirs_tight", Method::LiRS, tight},
  };
  std::printf("QL_VERSION %s\n", QL_VERSION);
  std::vector<double> out(in.n);
  for (const Variant& v : variants) {
    std::size_t throws = solveAll(in, v.m, v.acc, out.data());  // warm-up
    std::vector<double> t;
    for (int k = 0; k < reps; ++k) {
      auto t0 = std::chrono::steady_clock::now();
      throws = solveAll(in, v.m, v.acc, out.data());
      auto t1 = std::chrono::steady_clock::now();
      t.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
    }
    std::sort(t.begin(), t.end());
    std::printf("RESULT %s %.4f %zu\n", v.label, t[t.size() / 2] / in.n, throws);
    std::ofstream f(prefix + "." + v.label + ".bin", std::ios::binary);
    f.write(reinterpret_cast<const char*>(out.data()), out.size() * sizeof(double));
  }
  return 0;
}
