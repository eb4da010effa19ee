#!/usr/bin/env python3
"""Generate packages/pricing/test/fixtures/bs-otm.json and black76-otm.json: European prices where
the textbook formula w*(F N(w d1) - K N(w d2)) cancels (deep out of the money, 1-day expiries,
tiny vols, near the money with small vol*sqrt(T)), with 40-digit mpmath reference prices.

    python3 packages/pricing/scripts/gen_otm_fixture.py      (python3 with mpmath 1.3)

Deterministic: Python's Mersenne Twister with a fixed seed. Every input is a binary64 value and
is converted to mpmath exactly; the expected price is the 40-digit value of the formula at those
exact inputs, rounded to the nearest double. Each price is recomputed at 60 digits and must agree
with the 40-digit one to 1e-30 relative, or the generator stops.
"""
import json
import math
import os
import random

import mpmath
from mpmath import mp, mpf

SEED = 20261126
DIGITS = 40
CHECK_DIGITS = 60
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, '..', 'test', 'fixtures')


def ncdf(z):
    return mpmath.erfc(-z / mpmath.sqrt(2)) / 2


def black(w, fwd, strike, s):
    """Undiscounted w*(F N(w d1) - K N(w d2)) at the current precision (arguments are mpf)."""
    d1 = mpmath.log(fwd / strike) / s + s / 2
    d2 = d1 - s
    return w * (fwd * ncdf(w * d1) - strike * ncdf(w * d2))


def bs_price(c):
    w = 1 if c['type'] == 'call' else -1
    spot, strike, t, r, q, vol = (mpf(c[k]) for k in ('spot', 'strike', 'expiry', 'rate', 'dividendYield', 'vol'))
    # Discounted spot and strike: S e^{-qT} N(w d1) - K e^{-rT} N(w d2), ln of their ratio = ln(S/K) + (r-q)T.
    return black(w, spot * mpmath.exp(-q * t), strike * mpmath.exp(-r * t), vol * mpmath.sqrt(t))


def black76_price(c):
    w = 1 if c['type'] == 'call' else -1
    fwd, strike, t, r, vol = (mpf(c[k]) for k in ('forward', 'strike', 'expiry', 'rate', 'vol'))
    return mpmath.exp(-r * t) * black(w, fwd, strike, vol * mpmath.sqrt(t))


def exact(price_fn, inp):
    mp.dps = DIGITS
    p40 = price_fn(inp)
    mp.dps = CHECK_DIGITS
    p60 = price_fn(inp)
    mp.dps = DIGITS
    if not abs(p40 - p60) <= mpf('1e-30') * abs(p60):
        raise SystemExit(f'40 and 60 digits disagree for {inp}: {p40} vs {p60}')
    return p60


def normalised(inp, fwd_key):
    """(h, s, terms/price) in double precision, for the info field only."""
    s = inp['vol'] * math.sqrt(inp['expiry'])
    if fwd_key == 'spot':
        x = math.log(inp['spot'] / inp['strike']) + (inp['rate'] - inp['dividendYield']) * inp['expiry']
    else:
        x = math.log(inp['forward'] / inp['strike'])
    return x / s, s


def draw(rng, kind):
    """One option of the given kind: (days, vol, z) with z = |ln(F/K)|/(vol sqrt T) out of the money."""
    if kind == 'oneday':
        return 1, rng.uniform(0.002, 0.8), rng.uniform(0, 35)
    if kind == 'tinyvol':
        return rng.choice([1, 2, 7, 30, 91, 365, 730]), 10 ** rng.uniform(-3.3, -1.7), rng.uniform(0, 35)
    if kind == 'deep':
        return rng.choice([7, 30, 91, 182, 365, 1095, 3650]), rng.uniform(0.05, 1.0), rng.uniform(8, 35)
    if kind == 'near':  # near the money with small vol*sqrt(T): in or out of the money
        return rng.choice([1, 2, 7, 14]), rng.uniform(0.01, 0.3), rng.uniform(-3, 3)
    raise ValueError(kind)


KINDS = [('oneday', 60), ('tinyvol', 60), ('deep', 60), ('near', 40)]


def generate(model):
    rng = random.Random(f'{SEED}-{model}')
    cases = []
    if model == 'bs':
        # The case that exposed the textbook formula: a 1-day 0.57%-vol put ~10 sd out of the money.
        cases.append(('manual', {'type': 'put', 'spot': 13.088636557620289, 'strike': 13.048258964199356, 'expiry': 1 / 365,
                                 'rate': -0.01774, 'dividendYield': 0.05198, 'vol': 0.0057}, 1))
    for kind, n in KINDS:
        made = 0
        while made < n:
            days, vol, z = draw(rng, kind)
            w = rng.choice([1, -1])
            t = days / 365
            s = vol * math.sqrt(t)
            rate = round(rng.uniform(-0.02, 0.08), 5)
            if model == 'bs':
                q = round(rng.uniform(0, 0.06), 5)
                spot = rng.uniform(5, 500)
                fwd = spot * math.exp((rate - q) * t)
                # strike out of the money by z sd (z < 0: in the money), for the type w
                strike = fwd * math.exp(w * z * s)
                inp = {'type': 'call' if w == 1 else 'put', 'spot': spot, 'strike': strike, 'expiry': t, 'rate': rate,
                       'dividendYield': q, 'vol': vol}
                price = exact(bs_price, inp)
                scale = spot
            else:
                fwd = rng.uniform(0.5, 150)
                strike = fwd * math.exp(w * z * s)
                inp = {'type': 'call' if w == 1 else 'put', 'forward': fwd, 'strike': strike, 'expiry': t, 'rate': rate,
                       'vol': vol}
                price = exact(black76_price, inp)
                scale = fwd
            # Relative error is only meaningful for a normal double (and a price of at least 1e-290
            # of the underlying keeps every intermediate of the test away from underflow).
            if not price > mpf('1e-290') * scale:
                continue
            cases.append((kind, inp, days))
            made += 1
    out = []
    for i, (kind, inp, days) in enumerate(cases):
        price = exact(bs_price if model == 'bs' else black76_price, inp)
        h, s = normalised(inp, 'spot' if model == 'bs' else 'forward')
        out.append({
            'id': f'{model}-otm-{i:03d}',
            'input': inp,
            'expected': {'price': float(price)},
            'info': {'kind': kind, 'days': days, 'h': float(f'{h:.4g}'), 's': float(f'{s:.4g}'),
                     'digits': mpmath.nstr(price, 25)},
        })
    return out


COMMON_SOURCE = (
    f'packages/pricing/scripts/gen_otm_fixture.py: mpmath {mpmath.__version__} at {DIGITS} digits (every price re-checked '
    f'at {CHECK_DIGITS} digits to 1e-30 relative), inputs drawn with Python random (Mersenne Twister), seed {SEED}'
)
KIND_TEXT = (
    "info.kind: oneday (expiry 1/365, vol 0.2%-80%, 0-35 sd out of the money); tinyvol (vol 0.05%-2%, 1 day-2 years, "
    "0-35 sd); deep (8-35 sd, 1 week-10 years, vol 5%-100%); near (|ln(F/K)| <= 3 sd, in or out of the money, 1-14 days, "
    "vol 1%-30%); manual (the 1-day 0.57%-vol put ~10 sd out of the money that the textbook formula got 1.25e-10 wrong). "
    "info.h = ln(F/K)/(vol sqrt T) and info.s = vol sqrt T (double precision, for orientation); info.digits = 25 digits of "
    "the exact price. Cases whose price is below 1e-290 of the underlying are skipped."
)
TOLERANCE_TEXT = (
    'relative error <= max(tolerance.rel, 4 (1 + h^2) 2^-52), h = ln(F/K)/(vol sqrt T): out of the money the price '
    'behaves like exp(-h^2/2), so its relative condition number with respect to ln(F/K) and to vol sqrt T is ~h^2, and '
    'merely rounding those two numbers to double (as any double-precision code must) moves the exact price by '
    '~h^2 2^-53 relative, 1.4e-13 at |h| = 35. For |h| <= 3.2 the bound is the flat 1e-14.'
)
FIXTURES = {
    'bs': {
        'name': 'european/bs-otm',
        'conventions': (
            "Inputs as european/bs: type 'call'|'put'; spot, strike; expiry in years (= info.days/365 in double); rate, "
            'dividendYield continuously compounded; vol annualised. Expected price = S e^{-qT} N(d1) - K e^{-rT} N(d2) '
            '(call), K e^{-rT} N(-d2) - S e^{-qT} N(-d1) (put), d1 = (ln(S/K) + (r - q + vol^2/2)T)/(vol sqrt T), '
            'd2 = d1 - vol sqrt T, evaluated exactly at the binary64 inputs and rounded to the nearest double. '
            'N(z) = erfc(-z/sqrt 2)/2. ' + KIND_TEXT
        ),
    },
    'black76': {
        'name': 'european/black76-otm',
        'conventions': (
            "Inputs as european/black76: type 'call'|'put'; forward, strike; expiry in years (= info.days/365 in double); "
            'rate continuously compounded (discount D = e^{-rT}); vol annualised. Expected price = D [F N(d1) - K N(d2)] '
            '(call), D [K N(-d2) - F N(-d1)] (put), d1 = ln(F/K)/s + s/2, d2 = d1 - s, s = vol sqrt T, evaluated exactly '
            'at the binary64 inputs and rounded to the nearest double. ' + KIND_TEXT
        ),
    },
}


def main():
    for model, meta in FIXTURES.items():
        cases = generate(model)
        doc = {
            'name': meta['name'],
            'source': COMMON_SOURCE,
            'conventions': meta['conventions'],
            # Relative: every price here is tiny compared with the underlying, so an absolute
            # tolerance would say nothing. See TOLERANCE_TEXT for the conditioned part.
            'tolerance': {'abs': 0, 'rel': 1e-14},
            'conditionedTolerance': TOLERANCE_TEXT,
            'cases': cases,
        }
        path = os.path.join(OUT_DIR, f'{model}-otm.json')
        with open(path, 'w') as f:
            f.write('{\n')
            for key in ('name', 'source', 'conventions', 'tolerance', 'conditionedTolerance'):
                f.write(f' {json.dumps(key)}: {json.dumps(doc[key], ensure_ascii=False)},\n')
            f.write(' "cases": [\n')
            f.write(',\n'.join('  ' + json.dumps(c) for c in cases))
            f.write('\n ]\n}\n')
        print(f'wrote {path}: {len(cases)} cases')


if __name__ == '__main__':
    main()
