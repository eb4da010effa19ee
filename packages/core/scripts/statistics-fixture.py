"""Generates test/fixtures/statistics-numpy.json: numpy/scipy values for core's statistics and
linear-algebra functions (quantile type 7, moments, eigenvalues, linear solves).
Run: /usr/bin/python3 scripts/statistics-fixture.py"""
import json, numpy as np, scipy, scipy.stats as st
rng = np.random.default_rng(20261127)
cases = []
for i, (n, kind) in enumerate([(1, 'normal'), (2, 'normal'), (7, 'normal'), (50, 'lognormal'), (333, 't3'), (1000, 'normal-offset')]):
    if kind == 'normal': x = rng.standard_normal(n)
    elif kind == 'lognormal': x = rng.lognormal(0, 1, n)
    elif kind == 't3': x = rng.standard_t(3, n)
    else: x = 1e6 + rng.standard_normal(n)
    x = [float(v) for v in x]
    ps = [0, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 1]
    exp = {'quantiles': [float(np.quantile(x, p)) for p in ps], 'mean': float(np.mean(x))}
    if n >= 2:
        exp.update(variance=float(np.var(x, ddof=1)), variance0=float(np.var(x, ddof=0)),
                   skewness=float(st.skew(x, bias=True)), excessKurtosis=float(st.kurtosis(x, fisher=True, bias=True)))
    cases.append({'id': f'moments-{kind}-{n}', 'input': {'x': x, 'p': ps}, 'expected': exp})
mats = []
for n in [2, 5, 12]:
    g = rng.standard_normal((n, n)); a = g @ g.T + n * np.eye(n) * 0.1
    b = rng.standard_normal(n)
    mats.append({'id': f'spd-{n}', 'input': {'matrix': a.tolist(), 'b': b.tolist()},
                 'expected': {'eigenvalues': np.linalg.eigvalsh(a).tolist(), 'solution': np.linalg.solve(a, b).tolist(),
                              'cholesky': np.linalg.cholesky(a).tolist()}})
out = {'name': 'core/statistics-numpy', 'source': f'numpy {np.__version__} (quantile default method linear = type 7, var, eigvalsh, solve, cholesky), scipy {scipy.__version__} stats.skew/kurtosis bias=True; scripts/statistics-fixture.py, seed 20261127',
       'conventions': 'quantile: Hyndman-Fan type 7; variance: ddof 1 (variance0: ddof 0); skewness g1 and excess kurtosis g2 biased moment estimators',
       'tolerance': {'abs': 1e-15, 'rel': 1e-13}, 'cases': cases, 'matrices': mats}
json.dump(out, open('test/fixtures/statistics-numpy.json', 'w'), indent=1)
