"""scipy peers for the quantforge benchmarks (optional: run only when numpy/scipy import).

usage:
  python3 scipy_peers.py european <inputs.bin> <repeats> <out-prefix>
      inputs: n, then type(+1/-1), spot, strike, expiry, rate, q, vol (float64 columns).
      Vectorised numpy Black-Scholes-Merton with scipy.special.ndtr over all rows.
      writes <out-prefix>.scipy.bin; prints RESULT scipy <ns/option> <checksum>
  python3 scipy_peers.py iv <inputs.bin> <repeats> <out-prefix> <slow-n>
      inputs: n, then type, price, spot, strike, expiry, rate, q.
      (a) scipy.optimize.brentq per option on [1e-4, 10], xtol=1e-15, rtol=4*eps, first slow-n
          rows (what a Python user would typically write);
      (b) vectorised scipy.optimize.newton with the analytic vega over all rows, start 0.3.
      writes <out-prefix>.brentq.bin / .newton.bin (NaN where it failed);
      prints RESULT brentq ... and RESULT newton ...
Times with time.perf_counter: one warm-up, median of the repeats.
"""
import sys
import time
import warnings

import numpy as np
from scipy import optimize, special

warnings.filterwarnings("ignore")


def load(path, k):
    a = np.fromfile(path, dtype=np.float64)
    n = int(a[0])
    return [a[1 + j * n: 1 + (j + 1) * n] for j in range(k)]


def median_time(reps, fn):
    fn()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return ts[len(ts) // 2]


def bs_price(w, S, K, T, r, q, v):
    sd = v * np.sqrt(T)
    d1 = (np.log(S / K) + (r - q) * T) / sd + 0.5 * sd
    d2 = d1 - sd
    p = w * (S * np.exp(-q * T) * special.ndtr(w * d1) - K * np.exp(-r * T) * special.ndtr(w * d2))
    return np.maximum(p, 0.0)


def bs_vega(S, K, T, r, q, v):
    sd = v * np.sqrt(T)
    d1 = (np.log(S / K) + (r - q) * T) / sd + 0.5 * sd
    return S * np.exp(-q * T) * np.sqrt(T) * np.exp(-0.5 * d1 * d1) / np.sqrt(2 * np.pi)


def european(path, reps, prefix):
    w, S, K, T, r, q, v = load(path, 7)
    out = {}

    def run():
        out["p"] = bs_price(w, S, K, T, r, q, v)

    t = median_time(reps, run)
    out["p"].tofile(prefix + ".scipy.bin")
    print("RESULT scipy %.4f %.17g" % (t * 1e9 / len(S), float(np.sum(out["p"]))))


def iv(path, reps, prefix, slow_n):
    w, P, S, K, T, r, q = load(path, 7)
    n = len(S)
    slow_n = min(slow_n, n)
    res_b = np.full(n, np.nan)

    def run_brentq():
        for i in range(slow_n):
            wi, Si, Ki, Ti, ri, qi, Pi = w[i], S[i], K[i], T[i], r[i], q[i], P[i]

            def f(s):
                sd = s * np.sqrt(Ti)
                d1 = (np.log(Si / Ki) + (ri - qi) * Ti) / sd + 0.5 * sd
                return wi * (Si * np.exp(-qi * Ti) * special.ndtr(wi * d1) - Ki * np.exp(-ri * Ti) * special.ndtr(wi * (d1 - sd))) - Pi

            try:
                res_b[i] = optimize.brentq(f, 1e-4, 10.0, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=200)
            except (ValueError, RuntimeError):
                res_b[i] = np.nan

    t_b = median_time(max(1, reps // 2), run_brentq)
    res_b.tofile(prefix + ".brentq.bin")
    print("RESULT brentq %.4f %d" % (t_b * 1e9 / slow_n, int(np.sum(np.isnan(res_b[:slow_n])))))

    out = {}

    def run_newton():
        x = optimize.newton(
            lambda s: bs_price(w, S, K, T, r, q, s) - P,
            np.full(n, 0.3),
            fprime=lambda s: bs_vega(S, K, T, r, q, s),
            tol=1e-15, maxiter=100, disp=False)
        out["x"] = np.where(np.isfinite(x) & (x > 0), x, np.nan)

    t_n = median_time(reps, run_newton)
    out["x"].tofile(prefix + ".newton.bin")
    print("RESULT newton %.4f %d" % (t_n * 1e9 / n, int(np.sum(np.isnan(out["x"])))))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "european":
        european(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif mode == "iv":
        iv(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
    else:
        sys.exit("unknown mode " + mode)
