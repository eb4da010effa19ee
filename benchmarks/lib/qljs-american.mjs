// @quantlib/ql (the pure-JavaScript QuantLib port, 0.3.6) American options: one instrument and
// market per option, engines as in QuantLib C++. Dates on Actual/365 Fixed, T = days / 365.

export async function loadQlJs() {
  try {
    return await import('@quantlib/ql');
  } catch {
    return undefined;
  }
}

/**
 * Builds, for each option of `columns` (see american-inputs.mjs), a VanillaOption with an
 * American exercise and its own Black-Scholes-Merton process. Returns [{ option, process }].
 */
export function qlJsCases(ql, columns, rows) {
  const today = ql.DateExt.UTC('15,January,2024');
  ql.Settings.evaluationDate.set(today);
  const dc = new ql.Actual365Fixed();
  const cases = [];
  for (let i = 0; i < rows; i++) {
    const flat = (x) => new ql.Handle(new ql.FlatForward().ffInit1(today, new ql.Handle(new ql.SimpleQuote(x)), dc));
    const vol = new ql.Handle(new ql.BlackConstantVol().bcvInit2(today, new ql.NullCalendar(), new ql.Handle(new ql.SimpleQuote(columns.vol[i])), dc));
    const process = new ql.BlackScholesMertonProcess(new ql.Handle(new ql.SimpleQuote(columns.spot[i])), flat(columns.dividendYield[i]), flat(columns.rate[i]), vol);
    const payoff = new ql.PlainVanillaPayoff(columns.type[i] > 0 ? ql.Option.Type.Call : ql.Option.Type.Put, columns.strike[i]);
    const exercise = new ql.AmericanExercise().aeInit1(today, ql.DateExt.add(today, Math.round(columns.days[i])));
    cases.push({ option: new ql.VanillaOption(payoff, exercise), process });
  }
  return cases;
}

/** Engine factories by benchmark key; keys QuantLib.js lacks are absent. */
export function qlJsEngines(ql) {
  return {
    crr1000: (p) => new ql.BinomialVanillaEngine(new ql.CoxRossRubinstein()).bveInit(p, 1000),
    lr1001: (p) => new ql.BinomialVanillaEngine(new ql.LeisenReimer()).bveInit(p, 1001),
    fd200: (p) => new ql.FdBlackScholesVanillaEngine(p, 200, 200, 2, ql.FdmSchemeDesc.Douglas()),
    fd1000: (p) => new ql.FdBlackScholesVanillaEngine(p, 1000, 1000, 2, ql.FdmSchemeDesc.Douglas()),
    baw: (p) => new ql.BaroneAdesiWhaleyApproximationEngine(p),
    bjs: (p) => new ql.BjerksundStenslandApproximationEngine(p),
  };
}
