#!/usr/bin/env python3
"""Reference points for quantforge's SobolSequence (packages/core/src/random/sobol.ts).

Uses scipy.stats.qmc.Sobol(d, scramble=False), which implements the same Joe & Kuo (2008)
new-joe-kuo-6.21201 direction numbers with 30-bit precision. Points with index < 2^30 only
involve direction numbers V_1..V_30, so they are exact dyadic rationals and must match
quantforge's 32-bit generator bit for bit.

The fixture holds
  * `points`: the first 256 points, coordinates for dimensions {1,2,3,10,100,500,1111}, as
    integers x * 2^32;
  * `checksums`: for every dimension 1..1111, sum_i X_i and sum_i (i + 1) X_i (X_i = x_i * 2^32)
    over the first 256 points, exact integers (< 2^48);
  * `skipped`: the same two checksums per dimension for 8 points starting at index
    2^29 + 12345 (reached with fast_forward), which exercises direction numbers V_1..V_30.

Run with a python that has scipy (Debian: apt-get install python3-scipy, then /usr/bin/python3):
  /usr/bin/python3 packages/core/scripts/make-sobol-fixture.py > packages/core/test/fixtures/sobol-scipy.json
"""
import json
import sys

import numpy as np
import scipy
from scipy.stats import qmc

MAX_DIM = 1111
N = 256
DIMS = [1, 2, 3, 10, 100, 500, 1111]
SKIP = 2**29 + 12345
N_SKIPPED = 8


def as_ints(x):
    X = x * 2.0**32
    assert np.all(X == np.floor(X)), "points are not multiples of 2^-32"
    return X.astype(np.int64)


def checksums(X):
    w = np.arange(1, X.shape[0] + 1, dtype=np.int64)[:, None]
    return X.sum(axis=0).tolist(), (w * X).sum(axis=0).tolist()


with np.errstate(all="ignore"):
    import warnings

    warnings.simplefilter("ignore")
    first = as_ints(qmc.Sobol(MAX_DIM, scramble=False).random(N))
    eng = qmc.Sobol(MAX_DIM, scramble=False)
    eng.fast_forward(SKIP)
    skipped = as_ints(eng.random(N_SKIPPED))

s1, sw = checksums(first)
k1, kw = checksums(skipped)
fixture = {
    "name": "Sobol points, Joe-Kuo new-joe-kuo-6.21201, unscrambled",
    "source": f"scipy {scipy.__version__} scipy.stats.qmc.Sobol(d, scramble=False) via "
    "packages/core/scripts/make-sobol-fixture.py",
    "conventions": "coordinates as integers X = x * 2^32; points[dim][i] is point i (0-based, the first "
    "point is the origin); checksums[dim-1] = [sum_i X_i, sum_i (i+1) X_i] over the first 256 points; "
    f"skipped: the same over {N_SKIPPED} points starting at index {SKIP}",
    "tolerance": {"abs": 0, "rel": 0},
    "n": N,
    "points": {str(d): first[:, d - 1].tolist() for d in DIMS},
    "checksums": [[a, b] for a, b in zip(s1, sw)],
    "skipped": {"start": SKIP, "n": N_SKIPPED, "checksums": [[a, b] for a, b in zip(k1, kw)]},
}
json.dump(fixture, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
