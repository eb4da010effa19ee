"""Writes test/fixtures/exp.json: exp(x) at 50 digits (mpmath) for the table exp of core.

Inputs: 1500 points uniform in [-707.9, 708.9], 1000 uniform in [-1, 1], 500 log-uniform in
|x| from 1e-12 to 1 (both signs) and the endpoints of the reduced-argument intervals
k·ln2/32 ± ln2/64 for k = -200..200 (the worst cases of the range reduction); seed 20261127.
"""
import json
import random

from mpmath import mp, mpf, exp, log, nstr

mp.dps = 50
rng = random.Random(20261127)
xs = [rng.uniform(-707.9, 708.9) for _ in range(1500)]
xs += [rng.uniform(-1, 1) for _ in range(1000)]
xs += [rng.choice((-1, 1)) * 10 ** rng.uniform(-12, 0) for _ in range(500)]
ln2_32 = log(2) / 32
for k in range(-200, 201):
    for half in (-1, 1):
        xs.append(float(k * ln2_32 + half * ln2_32 / 2))
xs += [0.0, 1.0, -1.0, 700.0, -700.0, 708.5, -707.5]
cases = []
for i, x in enumerate(xs):
    v = exp(mpf(x))
    cases.append({"id": f"exp-{i:04d}", "input": {"x": x}, "expected": {"exp": float(v)}, "info": {"digits": nstr(v, 25)}})
fixture = {
    "name": "core/exp",
    "source": f"mpmath {__import__('mpmath').__version__} at mp.dps=50 (packages/core/scripts/make-exp-fixture.py)",
    "conventions": "Inputs are binary64 values evaluated exactly; expected = nearest double of the 50-digit exp(x) (info.digits).",
    "tolerance": {"abs": 0, "rel": 2.3e-16},
    "cases": cases,
}
with open("test/fixtures/exp.json", "w") as f:
    json.dump(fixture, f, indent=1)
print(len(cases))
