#!/usr/bin/python3
"""Generates test/fixtures/analytics-covariance.json: reference values for the covariance
estimators of @quantforge/portfolio from scikit-learn, numpy, pandas and statsmodels.

Run from packages/portfolio:  /usr/bin/python3 scripts/make-analytics-covariance.py [path/to/lpp2005rec.csv]
(the CSV is ../shared/data/lpp2005rec.csv, the same data @quantforge/datasets embeds).
"""
import json, sys, os
import numpy as np
import pandas as pd
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.covariance import OAS, LedoitWolf

here = os.path.dirname(os.path.abspath(__file__))
csv = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '../../../../shared/data/lpp2005rec.csv')
lpp = pd.read_csv(csv)
ASSETS = ['SBI', 'SPI', 'SII', 'LMI', 'MPI', 'ALT']
X_lpp = lpp[ASSETS].to_numpy()

rng = np.random.default_rng(20261127)
# a small correlated data set embedded in the fixture (T=40, N=7)
A = rng.normal(size=(7, 7))
X_rand = rng.normal(size=(40, 7)) @ A.T * 0.01 + 0.001
X_rand = np.round(X_rand, 10)


def cov_cor(x):
    """Transcription of Ledoit & Wolf's covCor.m (2004, 'Honey, I shrunk the sample covariance')."""
    t, n = x.shape
    x = x - x.mean(axis=0)
    sample = x.T @ x / t
    var = np.diag(sample)
    sqrtvar = np.sqrt(var)
    rbar = (np.sum(sample / np.outer(sqrtvar, sqrtvar)) - n) / (n * (n - 1))
    prior = rbar * np.outer(sqrtvar, sqrtvar)
    np.fill_diagonal(prior, var)
    y = x ** 2
    phiMat = y.T @ y / t - 2 * (x.T @ x) * sample / t + sample ** 2
    phi = phiMat.sum()
    term1 = (x ** 3).T @ x / t
    help_ = x.T @ x / t
    helpDiag = np.diag(help_)
    term2 = helpDiag[:, None] * sample
    term3 = help_ * var[:, None]
    term4 = var[:, None] * sample
    thetaMat = term1 - term2 - term3 + term4
    np.fill_diagonal(thetaMat, 0)
    rho = np.diag(phiMat).sum() + rbar * np.sum(np.outer(1 / sqrtvar, sqrtvar) * thetaMat)
    gamma = np.linalg.norm(sample - prior, 'fro') ** 2
    kappa = (phi - rho) / gamma
    shrinkage = max(0.0, min(1.0, kappa / t))
    sigma = shrinkage * prior + (1 - shrinkage) * sample
    return sigma, shrinkage, prior, rbar


def ewma_pandas(x, lam, centre):
    df = pd.DataFrame(x)
    t, n = x.shape
    if centre:
        # pandas: adjust=True weights (1-alpha)^(T-1-k) normalised; bias=True = no correction
        c = df.ewm(alpha=1 - lam, adjust=True).cov(bias=True)
        return c.loc[t - 1].to_numpy()
    w = lam ** np.arange(t - 1, -1, -1)
    w = w / w.sum()
    return (x * w[:, None]).T @ x


def pca(x, k):
    S = np.cov(x, rowvar=False, ddof=1)
    vals, vecs = np.linalg.eigh(S)
    order = np.argsort(vals)[::-1][:k]
    B = vecs[:, order]
    for f in range(k):
        s = B[:, f].sum()
        if s < 0 or (s == 0 and B[np.nonzero(B[:, f])[0][0], f] < 0):
            B[:, f] = -B[:, f]
    lam = vals[order]
    common = B @ np.diag(lam) @ B.T
    d = np.maximum(0, np.diag(S) - np.diag(common))
    return {
        'eigenvalues': lam.tolist(),
        'loadings': B.tolist(),
        'specificVariances': d.tolist(),
        'covariance': (common + np.diag(d)).tolist(),
        'explainedVariance': float(lam.sum() / np.trace(S)),
    }


def fundamental(x, B, w=None):
    t, n = x.shape
    f = []
    res = []
    for q in range(t):
        model = sm.WLS(x[q], B, weights=np.ones(n) if w is None else w).fit()
        f.append(model.params)
        res.append(model.resid)
    f = np.array(f)
    res = np.array(res)
    F = np.cov(f, rowvar=False, ddof=1)
    F = np.atleast_2d(F)
    d = res.var(axis=0, ddof=1)
    return {
        'factorReturns': f.tolist(),
        'factorCovariance': F.tolist(),
        'specificVariances': d.tolist(),
        'covariance': (B @ F @ B.T + np.diag(d)).tolist(),
    }


cases = []
for name, X, ref in [('lpp2005rec', X_lpp, {'dataset': 'lpp2005rec', 'assets': ASSETS}), ('random40x7', X_rand, {'returns': X_rand.tolist()})]:
    lw = LedoitWolf().fit(X)
    S0 = np.cov(X, rowvar=False, ddof=0)
    cases.append({'id': f'ledoitWolf-{name}', 'input': {**ref, 'estimator': 'ledoitWolf'},
                  'expected': {'covariance': lw.covariance_.tolist(), 'shrinkage': float(lw.shrinkage_), 'target': float(np.trace(S0) / X.shape[1])}})
    o = OAS().fit(X)
    cases.append({'id': f'oas-{name}', 'input': {**ref, 'estimator': 'oas'},
                  'expected': {'covariance': o.covariance_.tolist(), 'shrinkage': float(o.shrinkage_)}})
    sig, sh, prior, rbar = cov_cor(X)
    cases.append({'id': f'constantCorrelation-{name}', 'input': {**ref, 'estimator': 'ledoitWolfConstantCorrelation'},
                  'expected': {'covariance': sig.tolist(), 'shrinkage': float(sh), 'target': prior.tolist(), 'averageCorrelation': float(rbar)}})
    for lam, centre in [(0.94, False), (0.97, True)]:
        cases.append({'id': f'ewma-{name}-{lam}-{"centre" if centre else "zero-mean"}', 'input': {**ref, 'estimator': 'ewmaCovariance', 'lambda': lam, 'centre': centre},
                      'expected': {'covariance': ewma_pandas(X, lam, centre).tolist()}})
    for k in [1, 3]:
        cases.append({'id': f'pca-{name}-k{k}', 'input': {**ref, 'estimator': 'pcaFactorModel', 'k': k}, 'expected': pca(X, k)})

# fundamental model: intercept + two styles + a 2-sector dummy on lpp2005rec
B = np.array([[1, 0.5, -1.0, 1], [1, 1.2, 0.3, 0], [1, 0.9, 0.8, 0], [1, 0.1, -0.6, 1], [1, 0.7, 0.2, 0], [1, 1.5, 1.1, 0]], dtype=float)
cases.append({'id': 'fundamental-lpp2005rec-ols', 'input': {'dataset': 'lpp2005rec', 'assets': ASSETS, 'estimator': 'fundamentalFactorModel', 'exposures': B.tolist()},
              'expected': fundamental(X_lpp, B)})
wts = np.array([1.0, 2.0, 0.5, 1.5, 1.0, 0.8])
cases.append({'id': 'fundamental-lpp2005rec-wls', 'input': {'dataset': 'lpp2005rec', 'assets': ASSETS, 'estimator': 'fundamentalFactorModel', 'exposures': B.tolist(), 'weights': wts.tolist()},
              'expected': fundamental(X_lpp, B, wts)})

out = {
    'name': 'portfolio/analytics-covariance',
    'source': f'scikit-learn {sklearn.__version__} LedoitWolf/OAS; numpy {np.__version__} (covCor.m transcription, eigh); pandas {pd.__version__} ewm().cov(bias=True); statsmodels {statsmodels.__version__} WLS; generated by packages/portfolio/scripts/make-analytics-covariance.py',
    'conventions': "returns: T x N rows. 'dataset: lpp2005rec' = columns SBI,SPI,SII,LMI,MPI,ALT of lpp2005rec.csv as is (377 rows); otherwise input.returns. "
                   "ledoitWolf/oas: sklearn (assume_centered=False, ddof 0, target m I, m = trace(S0)/N). constantCorrelation: Ledoit-Wolf (2004) covCor.m, ddof 0. "
                   "ewma: weights lam^(T-1-k) normalised to sum 1; centre=true removes the weighted mean (pandas ewm(alpha=1-lam, adjust=True).cov(bias=True), last row), centre=false is zero-mean (numpy). "
                   "pca: eigenvectors of np.cov(ddof=1), top k, sign so each loading column sums >= 0; specific = diag(S) - diag(B L B'). "
                   "fundamental: per-period statsmodels WLS of r_t on the N x K exposures (no added constant; column 0 is the intercept), factor covariance np.cov ddof 1, specific = residual var ddof 1, covariance = B F B' + diag(d).",
    'tolerance': {'abs': 1e-15, 'rel': 1e-9},
    'fieldTolerance': {'shrinkage': {'abs': 1e-12, 'rel': 1e-9}, 'averageCorrelation': {'abs': 1e-12, 'rel': 1e-9}, 'explainedVariance': {'abs': 1e-12, 'rel': 1e-9},
                       'loadings': {'abs': 1e-9, 'rel': 0}, 'factorReturns': {'abs': 1e-13, 'rel': 1e-9}},
    'cases': cases,
}
dst = os.path.join(here, '../test/fixtures/analytics-covariance.json')
with open(dst, 'w') as fh:
    json.dump(out, fh, indent=1)
print('wrote', dst, len(cases), 'cases')
