#!/usr/bin/env python3
"""Reference values for packages/core special functions and normal distributions.

Writes packages/core/test/fixtures/normal.json (shared/reference format) from mpmath at 50
significant digits. Every input is a binary64 number; mpmath evaluates at that exact value
and the expected value is the nearest double to the 50-digit result (the 25-digit string is
kept in info.digits).

Run from the repository root:  python3 packages/core/scripts/make-normal-fixtures.py
"""
import json
import os
import sys

import mpmath
from mpmath import mp, mpf

mp.dps = 50

cases = []


def add(fn, inputs, value):
    v = mpf(value)
    cases.append({
        "id": f"{fn}-{sum(1 for c in cases if c['input']['fn'] == fn):03d}",
        "input": {"fn": fn, **inputs},
        "expected": {fn: float(v)},
        "info": {"digits": mpmath.nstr(v, 25)},
    })


def ncdf(x):
    return mpmath.erfc(-mpf(x) / mpmath.sqrt(2)) / 2


def npdf(x):
    x = mpf(x)
    return mpmath.exp(-x * x / 2) / mpmath.sqrt(2 * mpmath.pi)


def ninv(p):
    """Phi^{-1}(p) at the exact double p, by Newton on log Phi (p <= 1/2) with mp precision."""
    p = mpf(p)
    if p > mpf(1) / 2:
        return -ninv(1 - p)
    if p == mpf(1) / 2:
        return mpf(0)
    with mp.workdps(80):
        lp = mpmath.log(p)
        # starting point: erfinv for moderate p, tail asymptotics otherwise
        x = -mpmath.sqrt(2) * mpmath.erfinv(1 - 2 * p) if p > mpf('1e-15') else -mpmath.sqrt(-2 * lp)
        for _ in range(200):
            c = ncdf(x)
            step = (mpmath.log(c) - lp) * c / npdf(x)
            x -= step
            if abs(step) < mpf(10) ** -70 * (1 + abs(x)):
                break
        else:
            raise RuntimeError(f"ninv did not converge at p={p}")
    return x


def bvn_drezner(x, y, r):
    """P(X<=x, Y<=y) by Phi(x)Phi(y) + 1/(2pi) int_0^r exp(-(x^2-2sxy+y^2)/(2(1-s^2)))/sqrt(1-s^2) ds."""
    x, y, r = mpf(x), mpf(y), mpf(r)
    f = lambda s: mpmath.exp(-(x * x - 2 * s * x * y + y * y) / (2 * (1 - s * s))) / mpmath.sqrt(1 - s * s)
    return ncdf(x) * ncdf(y) + mpmath.quad(f, [0, r]) / (2 * mpmath.pi)


def bvn_conditional(x, y, r):
    """P(X<=x, Y<=y) = int_{-inf}^x phi(s) Phi((y - r s)/sqrt(1-r^2)) ds (independent cross-check)."""
    x, y, r = mpf(x), mpf(y), mpf(r)
    sq = mpmath.sqrt(1 - r * r)
    g = lambda s: npdf(s) * ncdf((y - r * s) / sq)
    pts = [-mpmath.inf] + sorted(set([min(x, mpf(-40)), min(x, y / r if r != 0 else x), x]))
    pts = [p for p in pts if p <= x]
    return mpmath.quad(g, pts)


def bvn(x, y, r):
    with mp.workdps(120):  # the Drezner form cancels to ~1e-60 absolute at 50 digits for rho < 0
        return +_bvn(x, y, r)


def _bvn(x, y, r):
    x, y, r = mpf(x), mpf(y), mpf(r)
    if r == 1:
        return ncdf(min(x, y))
    if r == -1:
        return max(mpf(0), ncdf(x) - ncdf(-y))
    return bvn_drezner(x, y, r)


# --- normCdf and normPdf -------------------------------------------------------------------
xs = set()
for i in range(-380, 91):  # -38 .. 9 step 0.1
    xs.add(round(i / 10, 10))
for i in range(-100, 101):  # -10 .. 10 step 0.05 (dense)
    xs.add(round(i / 20, 10))
for v in [-37, -30, -20, -38.4, -38.45, -37.5, -37.123456789, -25.0000001, -8.29, -1e-10, 1e-10, -1e-300,
          -0.6629126073623883, 0.6629126073623883, -0.66, -0.67, 1e-5, -1e-5, 5.5e-17, 8.2924, 8.3]:
    xs.add(float(v))
# irregular points (non multiples of 1/16) in the tail where the exact split matters
for k in range(60):
    xs.add(-37.0 + k * 0.6123456789 - 36.0 * (k % 2))
for x in sorted(xs):
    if -38.5 <= x <= 9:
        add("normCdf", {"x": x}, ncdf(x))
for x in sorted(xs)[::3]:
    if -38.5 <= x <= 9:
        add("normPdf", {"x": x}, npdf(x))

# --- normLogCdf -----------------------------------------------------------------------------
for x in [-1e5, -1e4, -1234.5678, -100, -50, -40, -38.5, -37, -20, -10, -5, -1, -0.5, 0, 0.5, 1, 3, 5, 8, 10, 20, 38]:
    # log1p(-Phi(-x)) keeps the tiny value of log Phi(x) for large positive x
    add("normLogCdf", {"x": float(x)}, mpmath.log(ncdf(x)) if x <= 0 else mpmath.log1p(-ncdf(-x)))

# --- normInv --------------------------------------------------------------------------------
ps = set()
for e in range(-300, 0, 7):
    for m in (1.0, 2.5, 7.3):
        ps.add(float(m * 10.0 ** e))
for k in range(1, 100):
    ps.add(k / 100)
for v in [1e-300, 5e-310, 5e-324, 2.2250738585072014e-308, 0.02425, 0.075, 0.0750000001, 0.25, 0.2499999999,
          0.5 - 2 ** -30, 0.5 + 2 ** -30, 0.5, 0.5 - 1e-12, 0.925, 0.97575, 1 - 1e-10, 1 - 2 ** -40,
          1 - 2 ** -52, 1 - 2 ** -53, 0.9999999999999998, 1 - 1e-15, 1e-16, 1.1102230246251565e-16]:
    ps.add(float(v))
for p in sorted(ps):
    if 0 < p < 1:
        add("normInv", {"p": p}, ninv(p))

# --- erf, erfc, erfcx -----------------------------------------------------------------------
exs = sorted(set([round(i / 8, 10) for i in range(-48, 49)] + [1e-300, 1e-20, 1e-8, 0.46875, 0.4687500001, 4.0,
             4.0000001, 5.5, 10, 26, 26.5, 27, 27.2, 1e3, 1e8, -1e-8, -0.3, -3.3, -26.5, 0.123456789, 2.71828]))
for x in exs:
    add("erf", {"x": x}, mpmath.erf(x))
    if x <= 27.2:
        add("erfc", {"x": x}, mpmath.erfc(x))
    if x >= -26.5:
        add("erfcx", {"x": x}, mpmath.exp(mpf(x) ** 2) * mpmath.erfc(x))

# --- logGamma and gamma ---------------------------------------------------------------------
gxs = sorted(set([1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999999,
                  1, 1.000001, 1.001, 1.01, 1.1, 1.25, 1.5, 1.75, 1.9, 1.99, 1.999999, 2, 2.000001, 2.01, 2.5,
                  2.99, 3, 3.5, 4, 5, 7.5, 10, 12.9, 13, 13.1, 20, 25.5, 30, 50, 99.5, 100, 143, 150.25, 170,
                  171.5, 200, 1000, 1234.5678, 1e5, 1e10, 1e15, 1e20, 1e100, 1e300]
                 + [k / 7 for k in range(1, 140)]))
for x in gxs:
    add("logGamma", {"x": float(x)}, mpmath.loggamma(x))
    if x <= 171.6:
        add("gamma", {"x": float(x)}, mpmath.gamma(x))
for x in [-0.5, -1.5, -2.5, -0.1, -0.999, -1.001, -3.25, -10.5, -20.1, -100.5, -170.5]:
    add("gamma", {"x": float(x)}, mpmath.gamma(x))

# --- bivariate normal -----------------------------------------------------------------------
grid = [-5, -2.5, -1, -0.3, 0, 0.7, 1.5, 3]
rhos = [-1, -0.999, -0.95, -0.9, -0.7, -0.5, -0.2, 0, 0.1, 0.3, 0.6, 0.8, 0.925, 0.95, 0.999, 1]
maxdiff = mpf(0)
for r in rhos:
    for i, x in enumerate(grid):
        for y in grid[i::2]:
            v = bvn(x, y, r)
            if abs(r) < 1 and (x + y + r * 3) % 2 < 0.4:  # cross-check a subset with the second formula
                maxdiff = max(maxdiff, abs(v - bvn_conditional(x, y, r)))
            add("bivariateNormalCdf", {"x": float(x), "y": float(y), "rho": float(r)}, v)
for x, y, r in [(-8, -8, 0.5), (-10, 1, 0.3), (8, 8, -0.5), (-1.5, 1.5, -0.999), (2, -2, 0.9999), (0.1, 0.2, 0.92),
                (0.1, 0.2, 0.93), (0.1, 0.2, 0.75), (0.1, 0.2, 0.3), (-3, -3, 0.99999), (-3, -3, -0.99999)]:
    v = bvn(x, y, r)
    maxdiff = max(maxdiff, abs(v - bvn_conditional(x, y, r)))
    add("bivariateNormalCdf", {"x": float(x), "y": float(y), "rho": float(r)}, v)

out = {
    "name": "core/normal",
    "source": f"mpmath {mpmath.__version__} at mp.dps=50 (packages/core/scripts/make-normal-fixtures.py): "
              "ncdf = erfc(-x/sqrt2)/2, npdf, log(ncdf), quantile by 80-digit Newton on log ncdf, "
              "erf/erfc/exp(x^2)erfc, loggamma/gamma, bivariate normal by Drezner's integral over rho with "
              "mpmath.quad (rho = +-1 closed form)",
    "conventions": "input.fn names the quantforge function; the expected key is the function name. "
                   "Inputs are binary64 values evaluated exactly; expected = nearest double of the 50-digit "
                   "value (info.digits). bivariateNormalCdf = P(X<=x, Y<=y), corr(X,Y)=rho. "
                   "normInv cases with p > 1/2 are -Phi^{-1}(1-p) with 1-p exact. "
                   f"Bivariate cross-check against int phi(s) Phi((y-rho s)/sqrt(1-rho^2)) ds: max |diff| = "
                   f"{mpmath.nstr(maxdiff, 3)}.",
    "tolerance": {"abs": 0, "rel": 1e-15},
    "fieldTolerance": {
        "normCdf": {"abs": 0, "rel": 1e-15},
        "normPdf": {"abs": 0, "rel": 1e-15},
        "normLogCdf": {"abs": 0, "rel": 1e-15},
        "normInv": {"abs": 0, "rel": 2e-15},
        "erf": {"abs": 0, "rel": 1e-15},
        "erfc": {"abs": 0, "rel": 1e-15},
        "erfcx": {"abs": 0, "rel": 1e-15},
        "logGamma": {"abs": 1e-300, "rel": 1e-15},
        "gamma": {"abs": 0, "rel": 2e-15},
        "bivariateNormalCdf": {"abs": 1e-14, "rel": 0},
    },
    "cases": cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "normal.json")
with open(path, "w") as fh:
    fh.write("{\n")
    for k in ("name", "source", "conventions", "tolerance", "fieldTolerance"):
        fh.write(f" {json.dumps(k)}: {json.dumps(out[k])},\n")
    fh.write(' "cases": [\n')
    fh.write(",\n".join("  " + json.dumps(c) for c in cases))
    fh.write("\n ]\n}\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(path)}; bivariate cross-check max diff {mpmath.nstr(maxdiff, 3)}",
      file=sys.stderr)
