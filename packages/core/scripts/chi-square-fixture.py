#!/usr/bin/env python3
"""Reference values for the regularized incomplete gamma functions and the chi-square distribution.

Writes packages/core/test/fixtures/chi-square.json (shared/reference format). Expected values come
from mpmath (gammainc regularized, 50 digits) at the exact binary64 inputs; info.scipy holds
scipy.special / scipy.stats values for comparison (not checked). Quantiles are solved in mpmath
(findroot at 50 digits) so the expected x is the double nearest the exact quantile.

Run from the repository root:  python3 packages/core/scripts/chi-square-fixture.py
"""
import json
import os

import mpmath
import numpy as np
import scipy
from mpmath import mp, mpf
from scipy import special, stats

mp.dps = 50
rng = np.random.default_rng(20261127)
cases = []


def add(fn, inp, value, sp):
    v = mpf(value)
    if v != 0 and abs(v) < mpf('1e-300'):
        return
    cases.append({
        "id": f"{fn}-{sum(1 for c in cases if c['input']['fn'] == fn):03d}",
        "input": {"fn": fn, **inp},
        "expected": {"value": float(v)},
        "info": {"digits": mpmath.nstr(v, 25), "scipy": float(sp)},
    })


def _lower(a, x):
    """P(a, x) for x < a by its power series, summed in 50-digit arithmetic (mpmath's hypergeometric
    summation gives up for large a); cross-checked against mpmath.gammainc where it converges."""
    a, x = mpf(a), mpf(x)
    term, total, n = mpf(1), mpf(1), 0
    while True:
        n += 1
        term *= x / (a + n)
        total += term
        if term < total * mpf(10) ** -48:
            break
    return total * mpmath.exp(a * mpmath.log(x) - x - mpmath.loggamma(a + 1))


def _upper(a, x):
    """Q(a, x) for x >= a: mpmath.gammainc (its asymptotic/continued-fraction path)."""
    try:
        return mpmath.gammainc(mpf(a), mpf(x), mpmath.inf, regularized=True)
    except mpmath.libmp.NoConvergence:
        # Legendre continued fraction (modified Lentz) in 50-digit arithmetic
        a, x = mpf(a), mpf(x)
        tiny = mpf(10) ** -300
        b = x + 1 - a
        c, d = 1 / tiny, 1 / b
        h = d
        i = 0
        while True:
            i += 1
            an = -i * (i - a)
            b += 2
            d = an * d + b
            d = tiny if abs(d) < tiny else d
            c = b + an / c
            c = tiny if abs(c) < tiny else c
            d = 1 / d
            h *= d * c
            if abs(d * c - 1) < mpf(10) ** -48:
                break
        return h * mpmath.exp(a * mpmath.log(x) - x - mpmath.loggamma(a))


def P(a, x):
    # evaluate the smaller side and complement the other (50 digits cover any cancellation here)
    return _lower(a, x) if mpf(x) < mpf(a) else 1 - _upper(a, x)


def Q(a, x):
    return _upper(a, x) if mpf(x) >= mpf(a) else 1 - _lower(a, x)


def newton(f, k, t, sign):
    """Newton in 50-digit arithmetic from scipy's quantile (already ~1e-14 close)."""
    a = mpf(k) / 2
    t = mpf(t)
    for _ in range(30):
        dens = mpmath.exp((a - 1) * mpmath.log(t / 2) - t / 2 - mpmath.loggamma(a)) / 2
        step = f(t) / (sign * dens)
        t -= step
        if abs(step) < abs(t) * mpf(10) ** -40:
            return t
    raise RuntimeError("newton")


grid_a = [1e-8, 1e-3, 0.1, 0.5, 1.0, 1.5, 2.5, 4.5, 9.5, 10.0, 17.3, 50.0, 150.0, 1000.0, 12345.5, 1e5]
pairs = []
for a in grid_a:
    for r in [1e-6, 0.01, 0.3, 0.8, 0.97, 1.0, 1.03, 1.2, 2.0, 4.0, 10.0, 30.0]:
        x = float(a * r) if a >= 1 else float(r)
        pairs.append((a, x))
# near-mean points for large a and far tails
for a in [20.0, 200.0, 2000.0, 50000.0]:
    for zs in [-8, -3, -1, -0.1, 0.1, 1, 3, 8, 20]:
        x = a + zs * np.sqrt(a)
        if x > 0:
            pairs.append((a, float(x)))
for _ in range(40):
    a = float(10 ** rng.uniform(-3, 4))
    x = float(a * 10 ** rng.uniform(-1.5, 1.0))
    pairs.append((a, x))
for a, x in pairs:
    add("gammaP", {"a": a, "x": x}, P(a, x), special.gammainc(a, x))
    add("gammaQ", {"a": a, "x": x}, Q(a, x), special.gammaincc(a, x))

for k in [0.5, 1.0, 2.0, 3.0, 9.0, 10.0, 25.0, 99.0, 1000.0]:
    for x in [1e-4, 0.5 * k, k, 2 * k + 1, 5 * k + 10, 1000.0]:
        x = float(x)
        add("chiSquareCdf", {"x": x, "k": k}, P(k / 2, x / 2), stats.chi2.cdf(x, k))
        add("chiSquareSf", {"x": x, "k": k}, Q(k / 2, x / 2), stats.chi2.sf(x, k))
    for p in [1e-20, 1e-6, 0.01, 0.05, 0.5, 0.9, 0.95, 0.999, 1 - 1e-9]:
        target = mpf(p)
        x0 = mpf(stats.chi2.ppf(p, k))
        root = newton(lambda t: P(mpf(k) / 2, t / 2) - target, k, x0, 1)
        add("chiSquareInv", {"p": p, "k": k}, root, stats.chi2.ppf(p, k))
    for q in [1e-300, 1e-100, 1e-12, 0.001]:
        target = mpf(q)
        x0 = mpf(stats.chi2.isf(q, k))
        root = newton(lambda t: Q(mpf(k) / 2, t / 2) - target, k, x0, -1)
        add("chiSquareIsf", {"q": q, "k": k}, root, stats.chi2.isf(q, k))

out = {
    "name": "core/chi-square",
    "source": f"mpmath {mpmath.__version__} gammainc(regularized=True) and findroot at 50 digits; "
    f"scipy {scipy.__version__} values in info.scipy (not checked)",
    "conventions": "gammaP = P(a,x) = gamma(a,x)/Gamma(a); gammaQ = 1 - P computed directly; chiSquareCdf(x,k) = "
    "P(k/2, x/2); chiSquareSf = Q(k/2, x/2); chiSquareInv(p,k) solves Cdf = p; chiSquareIsf(q,k) solves Sf = q. "
    "Inputs are exact binary64 values; expected = nearest double to the 50-digit value. Values below 1e-300 dropped. Tolerance: the far tails have condition number ~|log value| (an exponent of -500 computed with relative error eps is 1e-13 relative), so rel 2e-13 rather than a few ulps.",
    "tolerance": {"abs": 0, "rel": 2e-13},
    "fieldTolerance": {},
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "chi-square.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print(len(cases), "cases ->", path)
