// QuantLib C++ AnalyticHestonEngine on the options heston.mjs writes.
//
// usage: ql_heston <inputs.bin> <out-prefix> <method> <repeats>
//   inputs.bin: n (float64), then columns type(+1 call/-1 put), spot, strike, days (Actual/365
//   Fixed, T = days/365), rate, dividend yield, v0, kappa, theta, sigma, rho.
//   Writes <out-prefix>.<method>.bin (n NPVs; NaN where QuantLib threw) and prints
//   RESULT <method> <ns per option> <number of throws>.
// Timing: one untimed pass, then <repeats> passes; the median pass per option. Each pass calls
// Instrument::recalculate() then NPV() on options whose engine and model were built outside
// the timed loop.
//
// Methods (QuantLib 1.29):
//   laguerre144   AnalyticHestonEngine(model, 144): Gatheral complex log, Gauss-Laguerre 144
//                 points (QuantLib's default constructor)
//   ap_laguerre   AnalyticHestonEngine(model, AndersenPiterbarg, Integration::gaussLaguerre(128))
//   lobatto8      AnalyticHestonEngine(model, relTolerance 1e-8, maxEvaluations 10000)
//   lobatto14     AnalyticHestonEngine(model, relTolerance 1e-14, maxEvaluations 1e6): the
//                 setting of the reference file shared/reference/heston/analytic.json

#include <ql/exercise.hpp>
#include <ql/instruments/vanillaoption.hpp>
#include <ql/models/equity/hestonmodel.hpp>
#include <ql/pricingengines/vanilla/analytichestonengine.hpp>
#include <ql/processes/hestonprocess.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/settings.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>
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

#include "driver_io.hpp"

using namespace QuantLib;

namespace {

constexpr int kCols = 11;

Inputs load(const char* path) { return loadColumns(path, kCols); }

ext::shared_ptr<PricingEngine> makeEngine(const std::string& m, const ext::shared_ptr<HestonModel>& model) {
  if (m == "laguerre144") return ext::make_shared<AnalyticHestonEngine>(model, 144);
  if (m == "ap_laguerre")
    return ext::make_shared<AnalyticHestonEngine>(model, AnalyticHestonEngine::AndersenPiterbarg,
                                                  AnalyticHestonEngine::Integration::gaussLaguerre(128));
  if (m == "lobatto8") return ext::make_shared<AnalyticHestonEngine>(model, 1e-8, 10000);
  if (m == "lobatto14") return ext::make_shared<AnalyticHestonEngine>(model, 1e-14, 1000000);
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: ql_heston <inputs.bin> <out-prefix> <method> <repeats>\n");
    return 2;
  }
  const Inputs in = load(argv[1]);
  const std::string prefix = argv[2];
  const std::string method = argv[3];
  const int reps = std::max(1, std::atoi(argv[4]));
  const Date today(15, January, 2024);
  Settings::instance().evaluationDate() = today;
  std::printf("QL_VERSION %s\n", QL_VERSION);
  const DayCounter dc = Actual365Fixed();

  std::vector<ext::shared_ptr<VanillaOption>> options;
  for (std::size_t i = 0; i < in.n; ++i) {
    Handle<YieldTermStructure> rTS(ext::make_shared<FlatForward>(today, in.col(4)[i], dc));
    Handle<YieldTermStructure> qTS(ext::make_shared<FlatForward>(today, in.col(5)[i], dc));
    Handle<Quote> s0(ext::make_shared<SimpleQuote>(in.col(1)[i]));
    auto process = ext::make_shared<HestonProcess>(rTS, qTS, s0, in.col(6)[i], in.col(7)[i], in.col(8)[i], in.col(9)[i], in.col(10)[i]);
    auto model = ext::make_shared<HestonModel>(process);
    auto engine = makeEngine(method, model);
    if (!engine) { std::fprintf(stderr, "unknown method %s\n", method.c_str()); return 2; }
    const Date expiry = today + static_cast<Integer>(std::lround(in.col(3)[i]));
    auto payoff = ext::make_shared<PlainVanillaPayoff>(in.col(0)[i] > 0 ? Option::Call : Option::Put, in.col(2)[i]);
    auto option = ext::make_shared<VanillaOption>(payoff, ext::make_shared<EuropeanExercise>(expiry));
    option->setPricingEngine(engine);
    options.push_back(option);
  }
  std::vector<double> out(in.n, std::numeric_limits<double>::quiet_NaN());
  std::size_t throws = 0;
  auto pass = [&]() {
    throws = 0;
    for (std::size_t i = 0; i < in.n; ++i) {
      try {
        options[i]->recalculate();
        out[i] = options[i]->NPV();
      } catch (const std::exception& e) {
        out[i] = std::numeric_limits<double>::quiet_NaN();
        if (throws++ == 0) std::fprintf(stderr, "%s row %zu: %s\n", method.c_str(), i, e.what());
      }
    }
  };
  pass();
  const double ns = medianNs(reps, pass);
  std::printf("RESULT %s %.4f %zu\n", method.c_str(), ns / in.n, throws);
  writeDoubles(prefix + "." + method + ".bin", out);
  return 0;
}
