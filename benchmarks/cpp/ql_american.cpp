// QuantLib C++ American-option engines on the options american.mjs writes.
//
// usage: ql_american <inputs.bin> <out-prefix> <method> <repeats> <rows> [lsm-samples]
//   inputs.bin: n (float64), then columns type(+1 call/-1 put), spot, strike, days (expiry in
//   days, Actual/365 Fixed, so T = days/365 exactly as the script passes it to quantforge),
//   rate, dividend yield, vol, target price (for the implied-vol methods).
//   Runs <method> on the first <rows> options (one instrument and engine per option, built
//   outside the timed loop), writes <out-prefix>.<method>.bin (n values: NPV, or the implied vol
//   for iv_*; NaN where not run or where QuantLib threw) and prints
//   RESULT <method> <ns per option> <number of throws>.
// Timing: one untimed pass (warm-up; not for lsm and qdfp_ref), then <repeats> passes over the rows; the median pass is
// reported per option. Each pass calls Instrument::recalculate() then NPV() (a full engine run,
// NPV only, greeks the engine computes anyway included), so set-up of the term structures is
// not timed — like quantforge's americanValuation, which is timed per call from plain numbers.
//
// Methods (QuantLib 1.29):
//   crr1000   BinomialVanillaEngine<CoxRossRubinstein>(1000)
//   lr1001    BinomialVanillaEngine<LeisenReimer>(1001)
//   fd200     FdBlackScholesVanillaEngine(200 t, 200 x, 2 damping), Douglas (Crank-Nicolson)
//   fd1000    FdBlackScholesVanillaEngine(1000, 1000, 2)
//   lsm       MCAmericanEngine<PseudoRandom>: 50 steps, antithetic, Laguerre order 3, seed 42,
//             <lsm-samples> antithetic samples (default 50,000 = 100,000 paths, as quantforge's
//             'paths' counts both members of a pair), 2048 calibration samples (QuantLib default)
//   qdfp_fast / qdfp_accurate / qdfp_high   QdFpAmericanEngine fastScheme / accurateScheme /
//             highPrecisionScheme
//   qdfp_ref  QdFpAmericanEngine(QdFpTanhSinhIterationScheme(30, 96, 1e-13)): reference
//   qdplus    QdPlusAmericanEngine (defaults: 8 points, Halley, eps 1e-6)
//   baw       BaroneAdesiWhaleyApproximationEngine
//   bjs       BjerksundStenslandApproximationEngine
//   iv_fd     VanillaOption::impliedVolatility(target, process) — QuantLib's route for American
//             options (an FD engine inside plus Brent), default accuracy 1e-4
//   iv_qdfp   detail::ImpliedVolatilityHelper::calculate with QdFpAmericanEngine(accurateScheme),
//             Brent, accuracy 1e-8 — the fastest route a QuantLib user can assemble

#include <ql/exercise.hpp>
#include <ql/instruments/impliedvolatility.hpp>
#include <ql/instruments/vanillaoption.hpp>
#include <ql/methods/lattices/binomialtree.hpp>
#include <ql/pricingengines/vanilla/baroneadesiwhaleyengine.hpp>
#include <ql/pricingengines/vanilla/binomialengine.hpp>
#include <ql/pricingengines/vanilla/bjerksundstenslandengine.hpp>
#include <ql/pricingengines/vanilla/fdblackscholesvanillaengine.hpp>
#include <ql/pricingengines/vanilla/mcamericanengine.hpp>
#include <ql/pricingengines/vanilla/qdfpamericanengine.hpp>
#include <ql/pricingengines/vanilla/qdplusamericanengine.hpp>
#include <ql/processes/blackscholesprocess.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/settings.hpp>
#include <ql/termstructures/volatility/equityfx/blackconstantvol.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
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

constexpr int kCols = 8;

Inputs load(const char* path) { return loadColumns(path, kCols); }

// One option with its own market (quotes, flat curves, process) so engines never share state.
struct Case {
  ext::shared_ptr<SimpleQuote> spot, vol;
  ext::shared_ptr<GeneralizedBlackScholesProcess> process;
  ext::shared_ptr<VanillaOption> option;
  double target = 0;
};

Case makeCase(const Inputs& in, std::size_t i, const Date& today) {
  const DayCounter dc = Actual365Fixed();
  Case c;
  c.spot = ext::make_shared<SimpleQuote>(in.col(1)[i]);
  c.vol = ext::make_shared<SimpleQuote>(in.col(6)[i]);
  Handle<YieldTermStructure> rTS(ext::make_shared<FlatForward>(today, in.col(4)[i], dc));
  Handle<YieldTermStructure> qTS(ext::make_shared<FlatForward>(today, in.col(5)[i], dc));
  Handle<BlackVolTermStructure> vTS(ext::make_shared<BlackConstantVol>(today, NullCalendar(), Handle<Quote>(c.vol), dc));
  c.process = ext::make_shared<BlackScholesMertonProcess>(Handle<Quote>(c.spot), qTS, rTS, vTS);
  const Date expiry = today + static_cast<Integer>(std::lround(in.col(3)[i]));
  auto payoff = ext::make_shared<PlainVanillaPayoff>(in.col(0)[i] > 0 ? Option::Call : Option::Put, in.col(2)[i]);
  auto exercise = ext::make_shared<AmericanExercise>(today, expiry);
  c.option = ext::make_shared<VanillaOption>(payoff, exercise);
  c.target = in.col(7)[i];
  return c;
}

ext::shared_ptr<PricingEngine> makeEngine(const std::string& m, const Case& c, Size lsmSamples) {
  const auto& p = c.process;
  if (m == "crr1000") return ext::make_shared<BinomialVanillaEngine<CoxRossRubinstein>>(p, 1000);
  if (m == "lr1001") return ext::make_shared<BinomialVanillaEngine<LeisenReimer>>(p, 1001);
  if (m == "fd200") return ext::make_shared<FdBlackScholesVanillaEngine>(p, 200, 200, 2);
  if (m == "fd1000") return ext::make_shared<FdBlackScholesVanillaEngine>(p, 1000, 1000, 2);
  if (m == "lsm")
    return MakeMCAmericanEngine<PseudoRandom>(p)
        .withSteps(50)
        .withAntitheticVariate()
        .withSamples(lsmSamples)
        .withPolynomialOrder(3)
        .withBasisSystem(LsmBasisSystem::Laguerre)
        .withSeed(42);
  if (m == "qdfp_fast") return ext::make_shared<QdFpAmericanEngine>(p, QdFpAmericanEngine::fastScheme());
  if (m == "qdfp_accurate" || m == "iv_qdfp") return ext::make_shared<QdFpAmericanEngine>(p, QdFpAmericanEngine::accurateScheme());
  if (m == "qdfp_high") return ext::make_shared<QdFpAmericanEngine>(p, QdFpAmericanEngine::highPrecisionScheme());
  if (m == "qdfp_ref") return ext::make_shared<QdFpAmericanEngine>(p, ext::make_shared<QdFpTanhSinhIterationScheme>(30, 96, 1e-13));
  if (m == "qdplus") return ext::make_shared<QdPlusAmericanEngine>(p);
  if (m == "baw") return ext::make_shared<BaroneAdesiWhaleyApproximationEngine>(p);
  if (m == "bjs") return ext::make_shared<BjerksundStenslandApproximationEngine>(p);
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: ql_american <inputs.bin> <out-prefix> <method> <repeats> <rows> [lsm-samples]\n");
    return 2;
  }
  const Inputs in = load(argv[1]);
  const std::string prefix = argv[2];
  const std::string method = argv[3];
  const int reps = std::max(1, std::atoi(argv[4]));
  const std::size_t rows = std::min<std::size_t>(in.n, std::max(1, std::atoi(argv[5])));
  const Size lsmSamples = argc > 6 ? static_cast<Size>(std::atol(argv[6])) : 50000;

  const Date today(15, January, 2024);
  Settings::instance().evaluationDate() = today;
  std::printf("QL_VERSION %s\n", QL_VERSION);

  std::vector<Case> cases;
  std::vector<ext::shared_ptr<PricingEngine>> engines;
  const bool iv = method.rfind("iv_", 0) == 0;
  for (std::size_t i = 0; i < rows; ++i) {
    cases.push_back(makeCase(in, i, today));
    if (method == "iv_fd") {
      engines.push_back(nullptr);
      continue;
    }
    // iv_qdfp prices through its own vol quote (ImpliedVolatilityHelper::clone), see below.
    auto e = makeEngine(method, cases.back(), lsmSamples);
    if (!e) { std::fprintf(stderr, "unknown method %s\n", method.c_str()); return 2; }
    engines.push_back(e);
    if (!iv) cases.back().option->setPricingEngine(e);
  }
  // iv_qdfp: the engine must see the helper's vol quote, so build it on a cloned process.
  std::vector<ext::shared_ptr<SimpleQuote>> ivQuotes(rows);
  if (method == "iv_qdfp") {
    for (std::size_t i = 0; i < rows; ++i) {
      ivQuotes[i] = ext::make_shared<SimpleQuote>(0.0);
      auto proc = detail::ImpliedVolatilityHelper::clone(cases[i].process, ivQuotes[i]);
      engines[i] = ext::make_shared<QdFpAmericanEngine>(proc, QdFpAmericanEngine::accurateScheme());
    }
  }

  std::vector<double> out(in.n, std::numeric_limits<double>::quiet_NaN());
  std::size_t throws = 0;
  auto pass = [&]() {
    throws = 0;
    for (std::size_t i = 0; i < rows; ++i) {
      try {
        Case& c = cases[i];
        if (method == "iv_fd") {
          out[i] = c.option->impliedVolatility(c.target, c.process);
        } else if (method == "iv_qdfp") {
          out[i] = detail::ImpliedVolatilityHelper::calculate(*c.option, *engines[i], *ivQuotes[i], c.target, 1e-8, 100, 1e-7, 4.0);
        } else {
          c.option->recalculate();
          out[i] = c.option->NPV();
        }
      } catch (const std::exception& e) {
        out[i] = std::numeric_limits<double>::quiet_NaN();
        if (throws++ == 0) std::fprintf(stderr, "%s row %zu: %s\n", method.c_str(), i, e.what());
      }
    }
  };
  if (method != "lsm" && method != "qdfp_ref") pass();  // warm-up (one LSM pass is seconds long)
  const double ns = medianNs(reps, pass);
  std::printf("RESULT %s %.4f %zu\n", method.c_str(), ns / rows, throws);
  writeDoubles(prefix + "." + method + ".bin", out);
  return 0;
}
