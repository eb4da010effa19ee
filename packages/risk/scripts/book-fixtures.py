#!/usr/bin/env python3
"""Generates packages/risk/test/fixtures/book-correlation.json and book-revaluation.json.

Correlation cases on the EuStockMarkets daily closes (R datasets; /work/shared/data/eustockmarkets.csv),
log returns r_t = log(P_t / P_{t-1}), 1859 x 4 (DAX, SMI, CAC, FTSE), computed with numpy/scipy:
np.corrcoef for rolling/conditional windows, the RiskMetrics EWMA recursion, scipy.stats.rankdata for
tail dependence, the Jennrich (1970) statistic as in psych::cortest.jennrich with scipy.stats.chi2.sf,
and Fisher z with scipy.stats.norm.sf.
Revaluation cases: Black-Scholes-Merton prices with scipy.special.ndtr of a small option book at
shocked spots/vols, the P&L a full revaluation must reproduce.

Run: /usr/bin/python3 packages/risk/scripts/book-fixtures.py [path/to/eustockmarkets.csv]
"""
import json, sys, os, platform
import numpy as np
import scipy
from scipy import stats, special

here = os.path.dirname(os.path.abspath(__file__))
out_dir = os.path.join(here, '..', 'test', 'fixtures')
csv = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/eustockmarkets.csv'
data = np.genfromtxt(csv, delimiter=',', names=True)
names = ['DAX', 'SMI', 'CAC', 'FTSE']
prices = np.column_stack([data[n] for n in names])
R = np.diff(np.log(prices), axis=0)
T, k = R.shape
prov = f"numpy {np.__version__}, scipy {scipy.__version__}, python {platform.python_version()}"

cases = []
def mat(m): return [[float(x) for x in row] for row in m]

for end in [249, 999, T - 1]:
    w = 250
    cases.append({'id': f'rolling-w{w}-end{end}', 'input': {'kind': 'rolling', 'window': w, 'end': end},
                  'expected': {'matrix': mat(np.corrcoef(R[end - w + 1:end + 1].T))}})

for lam, warm in [(0.94, 30), (0.97, 100)]:
    S = (R[:warm].T @ R[:warm]) / warm
    for t in range(warm, T):
        S = lam * S + (1 - lam) * np.outer(R[t], R[t])
    d = np.sqrt(np.diag(S))
    cases.append({'id': f'ewma-l{lam}-w{warm}', 'input': {'kind': 'ewma', 'lambda': lam, 'warmup': warm},
                  'expected': {'matrix': mat(S / np.outer(d, d))}})

labels = np.where(R[:, 0] < 0, 'down', 'up')
for lab in ['down', 'up']:
    sub = R[labels == lab]
    cases.append({'id': f'conditional-{lab}', 'input': {'kind': 'conditional', 'label': lab, 'rule': 'DAX return < 0 -> down'},
                  'expected': {'matrix': mat(np.corrcoef(sub.T)), 'count': int(sub.shape[0])}})

for (i, j) in [(0, 2), (0, 3), (1, 3)]:
    for q in [0.05, 0.1]:
        u = stats.rankdata(R[:, i]) / (T + 1)
        v = stats.rankdata(R[:, j]) / (T + 1)
        lo = np.sum((u <= q) & (v <= q)) / (T * q)
        hi = np.sum((u > 1 - q) & (v > 1 - q)) / (T * q)
        cases.append({'id': f'tail-{names[i]}-{names[j]}-q{q}', 'input': {'kind': 'tail', 'i': i, 'j': j, 'q': q},
                      'expected': {'lower': float(lo), 'upper': float(hi)}})

for split in [900, 1500]:
    A, B = R[:split], R[split:]
    n1, n2 = A.shape[0], B.shape[0]
    R1, R2 = np.corrcoef(A.T), np.corrcoef(B.T)
    Rb = (n1 * R1 + n2 * R2) / (n1 + n2)
    Ri = np.linalg.inv(Rb)
    S = Rb * Ri + np.eye(k)
    c = n1 * n2 / (n1 + n2)
    Z = np.sqrt(c) * Ri @ (R1 - R2)
    dz = np.diag(Z)
    chi2 = np.trace(Z @ Z) / 2 - dz @ np.linalg.solve(S, dz)
    df = k * (k - 1) // 2
    se = np.sqrt(1 / (n1 - 3) + 1 / (n2 - 3))
    pairs = []
    for i in range(k):
        for j in range(i + 1, k):
            z = (np.arctanh(R1[i, j]) - np.arctanh(R2[i, j])) / se
            pairs.append({'i': i, 'j': j, 'z': float(z), 'pValue': float(2 * stats.norm.sf(abs(z)))})
    cases.append({'id': f'breakdown-split{split}', 'input': {'kind': 'breakdown', 'split': split},
                  'expected': {'statistic': float(chi2), 'df': df, 'pValue': float(stats.chi2.sf(chi2, df)), 'pairs': pairs}})

json.dump({
    'name': 'book-correlation',
    'source': f'packages/risk/scripts/book-fixtures.py ({prov}) on EuStockMarkets log returns (R datasets, /work/shared/data/eustockmarkets.csv)',
    'conventions': 'returns[t][j]: log return of index j (DAX, SMI, CAC, FTSE) on day t+1, 1859 x 4. rolling: Pearson (np.corrcoef) over rows end-window+1..end. ewma: S0 = R[:warmup]^T R[:warmup]/warmup (zero mean), S_t = lambda S_{t-1} + (1-lambda) r_t r_t^T for t >= warmup, correlation of the last S. conditional: label down when the DAX return < 0. tail: U = rankdata(average)/(n+1), lower = #{U<=q,V<=q}/(nq), upper = #{U>1-q,V>1-q}/(nq). breakdown: a = rows [0, split), b = rows [split, T); Jennrich chi-square as psych::cortest.jennrich, df = k(k-1)/2; Fisher z two-sided.',
    'tolerance': {'abs': 1e-12, 'rel': 1e-10},
    'fieldTolerance': {'statistic': {'abs': 1e-9, 'rel': 1e-9}, 'pValue': {'abs': 1e-12, 'rel': 1e-8}, 'z': {'abs': 1e-10, 'rel': 1e-10}},
    'cases': cases,
}, open(os.path.join(out_dir, 'book-correlation.json'), 'w'), indent=1)

# Full revaluation fixture.
def bs(w, S, K, T, r, q, v):
    sd = v * np.sqrt(T)
    d1 = (np.log(S / K) + (r - q + 0.5 * v * v) * T) / sd
    d2 = d1 - sd
    return w * (S * np.exp(-q * T) * special.ndtr(w * d1) - K * np.exp(-r * T) * special.ndtr(w * d2))

market = {'AAA': {'spot': 100.0, 'vol': 0.2, 'rate': 0.03, 'dividendYield': 0.01}, 'BBB': {'spot': 50.0, 'vol': 0.3, 'rate': 0.03, 'dividendYield': 0.0}}
positions = [
    {'id': 'c1', 'kind': 'option', 'underlying': 'AAA', 'type': 'call', 'strike': 105.0, 'expiry': 0.5, 'quantity': 10, 'multiplier': 100},
    {'id': 'p1', 'kind': 'option', 'underlying': 'AAA', 'type': 'put', 'strike': 95.0, 'expiry': 0.25, 'quantity': -5, 'multiplier': 100},
    {'id': 'c2', 'kind': 'option', 'underlying': 'BBB', 'type': 'call', 'strike': 50.0, 'expiry': 1.0, 'quantity': 20, 'multiplier': 100},
    {'id': 's1', 'kind': 'linear', 'underlying': 'BBB', 'quantity': 300},
]
def value(mk):
    tot = 0.0
    for p in positions:
        m = mk[p['underlying']]
        if p['kind'] == 'linear':
            tot += p['quantity'] * m['spot']
        else:
            w = 1 if p['type'] == 'call' else -1
            tot += p['quantity'] * p['multiplier'] * bs(w, m['spot'], p['strike'], p['expiry'], m['rate'], m['dividendYield'], m['vol'])
    return float(tot)
rcases = []
base = value(market)
shocks = [
    {'name': 'crash', 'spot': -0.2, 'vol': 0.15},
    {'name': 'rally', 'spot': 0.1, 'vol': -0.03},
    {'name': 'AAA only', 'spot': {'AAA': -0.05}, 'vol': {'AAA': 0.02}},
    {'name': 'rates', 'rate': 0.01},
]
for sh in shocks:
    mk = {}
    for u, m in market.items():
        g = lambda key: (sh.get(key, 0.0) if not isinstance(sh.get(key, 0.0), dict) else sh[key].get(u, 0.0))
        mk[u] = {'spot': m['spot'] * (1 + g('spot')), 'vol': m['vol'] + g('vol'), 'rate': m['rate'] + g('rate'), 'dividendYield': m['dividendYield']}
    rcases.append({'id': sh['name'], 'input': {'shock': sh}, 'expected': {'baseValue': base, 'pnl': value(mk) - base}})
json.dump({
    'name': 'book-revaluation',
    'source': f'packages/risk/scripts/book-fixtures.py ({prov}): Black-Scholes-Merton with scipy.special.ndtr',
    'conventions': 'book and market in `book`; shock spot relative (S(1+x)), vol and rate absolute shifts; pnl = value(shocked) - value(base), value = sum quantity*multiplier*price.',
    'tolerance': {'abs': 1e-8, 'rel': 1e-10},
    'book': {'positions': positions, 'market': market},
    'cases': rcases,
}, open(os.path.join(out_dir, 'book-revaluation.json'), 'w'), indent=1)
print('wrote', len(cases), 'correlation cases and', len(rcases), 'revaluation cases')
