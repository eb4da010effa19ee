#!/usr/bin/env python3
"""Extra reference values for packages/drift beyond shared/reference/drift (scipy, fixed seed).

Writes packages/drift/test/fixtures/extra-scipy.json (shared/reference format):
  kstwo   : scipy.stats.kstwo.sf / cdf over every branch of _kolmogn (n <= 140 DMTW / Pomeranz /
            smirnov; n > 140 DMTW / Pelz-Good / smirnov; Ruben-Gambino ends)
  ksExact : scipy.stats.ks_2samp(method='exact') on unequal and equal sizes, with ties
  cvm     : scipy.stats.cramervonmises_2samp (exact for sizes <= 20, asymptotic above)
  gtest   : scipy.stats.chi2_contingency(table, correction=False, lambda_='log-likelihood')
  ad3     : scipy.stats.anderson_ksamp with three samples (statistic, critical values, p-value)

Run from the repository root:  python3 packages/drift/scripts/extra-fixture.py
"""
import json
import os
import warnings

import numpy as np
import scipy
from scipy import stats

warnings.simplefilter("ignore")
rng = np.random.default_rng(7)
cases = []


def r10(x):
    return [float(f"{v:.10g}") for v in x]


for n, x in [(5, 0.15), (5, 0.3), (5, 0.95), (10, 0.08), (10, 0.2), (10, 0.35), (10, 0.6), (30, 0.1), (30, 0.25),
             (30, 0.45), (100, 0.05), (100, 0.12), (100, 0.3), (140, 0.2), (141, 0.04), (200, 0.05), (200, 0.09),
             (200, 0.15), (500, 0.02), (500, 0.05), (500, 0.08), (1000, 0.01), (1000, 0.03), (5000, 0.015),
             (20000, 0.005), (20000, 0.012), (50000, 0.004), (3, 0.9), (150, 0.0045)]:
    cases.append({"id": f"kstwo-{n}-{x}", "input": {"kind": "kstwo", "n": n, "x": x},
                  "expected": {"sf": float(stats.kstwo.sf(x, n)), "cdf": float(stats.kstwo.cdf(x, n))}})

for i, (n1, n2, shift, ties) in enumerate([(30, 45, 0.3, False), (12, 12, 0.8, False), (200, 150, 0.1, False),
                                          (64, 96, 0.0, True), (500, 700, 0.2, False), (7, 3, 1.0, False)]):
    a = rng.normal(size=n1)
    b = rng.normal(size=n2) + shift
    if ties:
        a, b = np.round(a, 1), np.round(b, 1)
    a, b = r10(a), r10(b)
    res = stats.ks_2samp(a, b, method="exact")
    cases.append({"id": f"ksExact-{i}", "input": {"kind": "ksExact", "a": a, "b": b},
                  "expected": {"statistic": float(res.statistic), "pValue": float(res.pvalue)}})

for i, (n1, n2, shift) in enumerate([(8, 10, 0.5), (15, 20, 1.0), (20, 20, 0.0), (40, 60, 0.4), (300, 250, 0.15),
                                    (25, 100, 0.0)]):
    a = r10(rng.normal(size=n1))
    b = r10(rng.normal(size=n2) + shift)
    res = stats.cramervonmises_2samp(a, b)
    cases.append({"id": f"cvm-{i}", "input": {"kind": "cvm", "a": a, "b": b},
                  "expected": {"statistic": float(res.statistic), "pValue": float(res.pvalue)}})

for i in range(4):
    k = int(rng.integers(2, 8))
    ca = rng.integers(1, 60, size=k).tolist()
    cb = rng.integers(1, 60, size=k).tolist()
    stat, p, dof, _ = stats.chi2_contingency([ca, cb], correction=False, lambda_="log-likelihood")
    cases.append({"id": f"gtest-{i}", "input": {"kind": "gtest", "a": ca, "b": cb},
                  "expected": {"statistic": float(stat), "pValue": float(p), "dof": int(dof)}})

for i in range(2):
    s = [r10(rng.normal(size=int(m)) + 0.3 * j * i) for j, m in enumerate(rng.integers(15, 60, size=3))]
    res = stats.anderson_ksamp(s)
    cases.append({"id": f"ad3-{i}", "input": {"kind": "ad3", "samples": s},
                  "expected": {"statistic": float(res.statistic), "criticalValues": [float(c) for c in res.critical_values],
                               "pValue": float(res.pvalue)}})

out = {
    "name": "drift/extra-scipy",
    "source": f"scipy {scipy.__version__}, numpy {np.__version__} (kstwo, ks_2samp exact, cramervonmises_2samp, "
              "chi2_contingency log-likelihood, anderson_ksamp k=3); seed 7",
    "conventions": "As shared/reference/drift/tests.json. Samples rounded to 10 significant digits. kstwo: sf and cdf "
                   "at (n, x). ksExact: ks_2samp(a, b, method='exact'). cvm: cramervonmises_2samp(a, b) method auto "
                   "(exact when both sizes <= 20). gtest: chi2_contingency([a, b], correction=False, "
                   "lambda_='log-likelihood'). ad3: anderson_ksamp([s0, s1, s2]) midrank; its p-value is scipy's "
                   "interpolation capped to [0.001, 0.25].",
    "tolerance": {"abs": 1e-9, "rel": 1e-7},
    "fieldTolerance": {"pValue": {"abs": 2e-7, "rel": 1e-7}},
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "extra-scipy.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print(len(cases), "cases ->", path)
