#!/usr/bin/python3
"""Generates test/fixtures/analytics-performance.json: performance statistics of the
EuStockMarkets indices computed independently with numpy, pandas and statsmodels.

Run from packages/portfolio:  /usr/bin/python3 scripts/make-analytics-performance.py [path/to/eustockmarkets.csv]
"""
import json, os, sys
import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm

here = os.path.dirname(os.path.abspath(__file__))
csv = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '../../../../shared/data/eustockmarkets.csv')
px = pd.read_csv(csv)
P = 260.0   # EuStockMarkets is in business time, 260 days a year
RF = 0.02   # annual, per period RF / P


def perf(series, bench, name, bname):
    r = series.pct_change().dropna().to_numpy()
    b = bench.pct_change().dropna().to_numpy()
    T = len(r)
    rfp = RF / P
    exc = r - rfp
    cagr = np.prod(1 + r) ** (P / T) - 1
    vol = r.std(ddof=1) * np.sqrt(P)
    sharpe = exc.mean() / exc.std(ddof=1) * np.sqrt(P)
    tau = 0.0002
    dd = np.sqrt(np.mean(np.minimum(r - tau, 0) ** 2)) * np.sqrt(P)
    sortino = (r.mean() - tau) * P / dd
    dd0 = np.sqrt(np.mean(np.minimum(r, 0) ** 2)) * np.sqrt(P)
    wealth = np.concatenate([[1.0], np.cumprod(1 + r)])
    peak = np.maximum.accumulate(wealth)
    draw = 1 - wealth / peak
    trough = int(np.argmax(draw))
    pk = int(np.argmax(wealth[: trough + 1]))  # first index of the running max before the trough
    # the running peak is the LAST index attaining the max before the trough
    pk = int(np.max(np.nonzero(wealth[: trough + 1] == wealth[: trough + 1].max())[0]))
    rec = np.nonzero(wealth[trough + 1:] >= wealth[pk])[0]
    recovery = int(trough + 1 + rec[0]) if len(rec) else None
    duration = (recovery if recovery is not None else len(wealth) - 1) - pk
    mdd = float(draw[trough])
    omega = np.sum(np.maximum(r - 0.0005, 0)) / np.sum(np.maximum(0.0005 - r, 0))
    a = r - b
    te = a.std(ddof=1) * np.sqrt(P)
    ir = a.mean() / a.std(ddof=1) * np.sqrt(P)
    ols = sm.OLS(r - rfp, sm.add_constant(b - rfp)).fit()
    return {
        'id': f'{name}-vs-{bname}',
        'input': {'dataset': 'eustockmarkets', 'series': name, 'benchmark': bname, 'periodsPerYear': P, 'riskFree': RF, 'sortinoTarget': tau, 'omegaThreshold': 0.0005},
        'expected': {
            'returnsHead': r[:20].tolist(),
            'logReturnsHead': np.diff(np.log(series.to_numpy()))[:20].tolist(),
            'annualizedReturnGeometric': float(cagr),
            'annualizedReturnArithmetic': float(r.mean() * P),
            'annualizedVolatility': float(vol),
            'sharpeRatio': float(sharpe),
            'downsideDeviation': float(dd),
            'sortinoRatio': float(sortino),
            'sortinoRatioTarget0': float(r.mean() * P / dd0),
            'calmarRatio': float(cagr / mdd),
            'omegaRatio': float(omega),
            'maxDrawdown': mdd,
            'peakIndex': pk,
            'troughIndex': trough,
            'recoveryIndex': recovery,
            'duration': int(duration),
            'trackingError': float(te),
            'informationRatio': float(ir),
            'alpha': float(ols.params[0]),
            'beta': float(ols.params[1]),
            'rSquared': float(ols.rsquared),
            'alphaStdError': float(ols.bse[0]),
            'betaStdError': float(ols.bse[1]),
            'alphaTStat': float(ols.tvalues[0]),
            'betaTStat': float(ols.tvalues[1]),
        },
        'info': {'T': T, 'recoveryIndexIsNull': recovery is None},
    }


def rolling(series, bench, name, bname, window, n):
    r = series.pct_change().dropna().iloc[:n].reset_index(drop=True)
    b = bench.pct_change().dropna().iloc[:n].reset_index(drop=True)
    rfp = RF / P
    vol = (r.rolling(window).std(ddof=1) * np.sqrt(P)).dropna()
    sharpe = ((r - rfp).rolling(window).mean() / r.rolling(window).std(ddof=1) * np.sqrt(P)).dropna()
    beta = (r.rolling(window).cov(b) / b.rolling(window).var()).dropna()
    corr = r.rolling(window).corr(b).dropna()
    te = ((r - b).rolling(window).std(ddof=1) * np.sqrt(P)).dropna()
    return {
        'id': f'rolling-{name}-vs-{bname}-w{window}',
        'input': {'dataset': 'eustockmarkets', 'series': name, 'benchmark': bname, 'periodsPerYear': P, 'riskFree': RF, 'window': window, 'firstReturns': n},
        'expected': {'rollingVolatility': vol.tolist(), 'rollingSharpe': sharpe.tolist(), 'rollingBeta': beta.tolist(),
                     'rollingCorrelation': corr.tolist(), 'rollingTrackingError': te.tolist()},
    }


cases = [perf(px['DAX'], px['FTSE'], 'DAX', 'FTSE'), perf(px['SMI'], px['CAC'], 'SMI', 'CAC'), perf(px['FTSE'], px['DAX'], 'FTSE', 'DAX'),
         rolling(px['DAX'], px['FTSE'], 'DAX', 'FTSE', 60, 300), rolling(px['CAC'], px['SMI'], 'CAC', 'SMI', 21, 200)]
out = {
    'name': 'portfolio/analytics-performance',
    'source': f'numpy {np.__version__}, pandas {pd.__version__} (pct_change, rolling std/cov/var/corr), statsmodels {statsmodels.__version__} OLS; generated by packages/portfolio/scripts/make-analytics-performance.py',
    'conventions': "Data: eustockmarkets.csv prices; returns = simple pct_change (T = 1859), logReturnsHead = diff(log p). periodsPerYear P = 260, riskFree annual 0.02 (per period RF/P). "
                   "annualizedReturnGeometric = prod(1+r)^(P/T) - 1; arithmetic = P mean(r); vol = std(ddof 1) sqrt(P); sharpe = mean(r - RF/P)/std(r - RF/P, ddof 1) sqrt(P); "
                   "downsideDeviation = sqrt(mean(min(r - tau, 0)^2)) sqrt(P) with tau = input.sortinoTarget; sortino = (mean(r) - tau) P / downsideDeviation; sortinoRatioTarget0 uses tau = 0; "
                   "calmar = CAGR / maxDrawdown; omega at threshold 0.0005 = sum max(r-th,0)/sum max(th-r,0); drawdown on wealth W_0 = 1, W_{i+1} = W_i (1 + r_i): depth 1 - W/cummax(W), "
                   "trough = first argmax, peak = last index of the running max before it, recovery = first index after the trough with W >= W_peak (null if none), duration = (recovery or last index) - peak; "
                   "trackingError = std(r - b, ddof 1) sqrt(P); informationRatio = mean(r - b)/std(r - b) sqrt(P); CAPM = statsmodels OLS of r - RF/P on const + (b - RF/P). "
                   "rolling: the first input.firstReturns returns, pandas rolling(window) (ddof 1), NaN warm-up rows dropped (length T - w + 1).",
    'tolerance': {'abs': 1e-13, 'rel': 1e-9},
    'cases': cases,
}
dst = os.path.join(here, '../test/fixtures/analytics-performance.json')
with open(dst, 'w') as fh:
    json.dump(out, fh, indent=1)
print('wrote', dst, len(cases), 'cases')
