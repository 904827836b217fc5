#!/usr/bin/python3
"""Regenerates reference.json: inputs and scipy / statsmodels outputs for app/domain/stats tests.

Needs numpy, scipy, statsmodels and mpmath (Debian: apt-get install python3-scipy python3-statsmodels
python3-mpmath):
    /usr/bin/python3 app/domain/stats/reference/make-reference.py
The tests only read reference.json, so CI does not need Python. NaN outputs are written as null.
"""
import json
import math
import os
import warnings

import mpmath
import numpy as np
import scipy
import statsmodels
from scipy import special, stats
from statsmodels.stats.inter_rater import fleiss_kappa

warnings.simplefilter("ignore")  # constant-input warnings: those cases expect NaN → null
rng = np.random.default_rng(20240101)


def num(v):
    v = float(v)
    return None if math.isnan(v) or math.isinf(v) else v


def correlation_case(name, x, y):
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    n = len(x)
    pr = stats.pearsonr(x, y)
    ci = None
    if n > 3 and not math.isnan(pr.statistic):
        c = pr.confidence_interval(0.95)
        ci = [num(c.low), num(c.high)]
    sr = stats.spearmanr(x, y)
    kr = stats.kendalltau(x, y, variant="b", method="asymptotic")
    return {
        "name": name, "x": x, "y": y,
        "expected": {
            "n": n, "pearson": num(pr.statistic), "pearson_p": num(pr.pvalue), "pearson_ci95": ci,
            "spearman": num(sr.statistic), "spearman_p": num(sr.pvalue),
            "kendall_tau_b": num(kr.statistic), "kendall_p": num(kr.pvalue),
        },
    }


def likert(n, lo=1, hi=5):
    return rng.integers(lo, hi + 1, size=n)


def correlations():
    cases = []
    for n in [3, 4, 5, 7, 10, 30, 100, 500, 2000]:
        human = likert(n)
        judge = np.round(human + rng.normal(0, 1.2, size=n), 3)  # real-valued judge tracking humans
        cases.append(correlation_case(f"likert vs judge n={n}", human, judge))
    for n in [4, 10, 100, 2000]:
        cases.append(correlation_case(f"likert vs likert, independent n={n}", likert(n), likert(n)))
    for n in [10, 200, 2000]:
        a = likert(n)
        b = np.clip(a + rng.integers(-1, 2, size=n), 1, 5)
        cases.append(correlation_case(f"likert vs likert, correlated n={n}", a, b))
    for n in [20, 1000]:
        a = rng.integers(1, 3, size=n)
        b = rng.integers(1, 3, size=n)
        cases.append(correlation_case(f"binary heavy ties n={n}", a, b))
    for n in [50, 1000]:
        x = np.round(rng.normal(size=n), 4)
        cases.append(correlation_case(f"real, weak n={n}", x, np.round(0.1 * x + rng.normal(size=n), 4)))
        cases.append(correlation_case(f"real, strong n={n}", x, np.round(x + 0.05 * rng.normal(size=n), 4)))
    cases.append(correlation_case("large n, tiny p", *(lambda x: (x, x + rng.normal(0, 0.5, 2000)))(
        np.round(rng.normal(size=2000), 4))))
    r = np.arange(1, 11)
    cases.append(correlation_case("perfect positive", r, 2 * r + 1))
    cases.append(correlation_case("perfect negative", r, -3 * r))
    cases.append(correlation_case("perfect with ties", [1, 1, 2, 2, 3, 4], [2, 2, 5, 5, 7, 9]))
    cases.append(correlation_case("n=3", [1, 2, 3], [1, 3, 2]))
    cases.append(correlation_case("n=3 ties", [1, 1, 2], [2, 3, 3]))
    cases.append(correlation_case("n=4", [1, 2, 3, 4], [2, 1, 4, 3]))
    cases.append(correlation_case("n=4 reals", [0.5, 2.25, 3.0, 7.5], [1.0, 0.25, 4.0, 3.5]))
    cases.append(correlation_case("zero correlation", [1, 2, 3, 4, 5], [2, 1, 3, 1, 2]))
    cases.append(correlation_case("constant x", [3] * 10, list(range(10))))
    cases.append(correlation_case("constant y", list(range(8)), [1.5] * 8))
    return cases


def alpha_naive(units, level):
    """Krippendorff (2011) by explicit pairs: independent of the TypeScript implementation."""
    units = [u for u in units if len(u) >= 2]
    values = sorted({v for u in units for v in u})
    idx = {v: i for i, v in enumerate(values)}
    k = len(values)
    o = np.zeros((k, k))
    for u in units:
        m = len(u)
        for i in range(m):
            for j in range(m):
                if i != j:
                    o[idx[u[i]], idx[u[j]]] += 1 / (m - 1)
    nc = o.sum(axis=1)
    n = nc.sum()
    d = np.zeros((k, k))
    for c in range(k):
        for e in range(k):
            a, b = values[c], values[e]
            if level == "nominal":
                d[c, e] = 0 if c == e else 1
            elif level == "interval":
                d[c, e] = (a - b) ** 2
            elif level == "ratio":
                d[c, e] = 0 if c == e else ((a - b) / (a + b)) ** 2
            else:
                lo, hi = min(c, e), max(c, e)
                d[c, e] = (nc[lo:hi + 1].sum() - (nc[lo] + nc[hi]) / 2) ** 2
    if n < 2:
        return None
    expected = (np.outer(nc, nc) * d).sum()
    if expected == 0:
        return None
    return num(1 - (n - 1) * (o * d).sum() / expected)


def random_units(count, raters, lo, hi, missing):
    units = []
    for _ in range(count):
        true = rng.integers(lo, hi + 1)
        u = [int(np.clip(true + rng.integers(-1, 2), lo, hi)) for _ in range(raters) if rng.random() >= missing]
        units.append(u)
    return units


PUBLISHED = [  # Krippendorff (2011): 12 units, values of observers A-D (missing values left out)
    [1, 1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4], [4, 4, 4, 4],
    [1, 1, 2, 1], [2, 2, 2, 2], [5, 5, 5], [1, 1], [3],
]


def krippendorff_cases():
    cases = [{"name": "Krippendorff (2011) published example", "units": PUBLISHED,
              "expected": {lv: alpha_naive(PUBLISHED, lv) for lv in ["nominal", "ordinal", "interval", "ratio"]}}]
    for count, raters, lo, hi, missing in [(10, 3, 1, 5, 0.2), (60, 4, 1, 5, 0.3), (300, 2, 1, 5, 0.0),
                                           (200, 6, 1, 3, 0.4), (500, 3, 0, 4, 0.25)]:
        units = random_units(count, raters, lo, hi, missing)
        cases.append({"name": f"{count} units, {raters} raters, {lo}-{hi}, missing {missing}", "units": units,
                      "expected": {lv: alpha_naive(units, lv) for lv in ["nominal", "ordinal", "interval", "ratio"]}})
    return cases


def fleiss_cases():
    cases = []
    for count, raters, cats in [(10, 2, [1, 2, 3, 4, 5]), (50, 3, [1, 2, 3, 4, 5]), (200, 5, [1, 2, 3]),
                                (30, 4, [1, 2, 3, 4, 5, 6, 7]), (15, 2, [1, 2])]:
        units = random_units(count, raters, cats[0], cats[-1], 0.0)
        table = [[u.count(c) for c in cats] for u in units]
        cases.append({"name": f"{count} units x {raters} raters, {len(cats)} categories", "units": units,
                      "categories": cats, "expected": num(fleiss_kappa(np.array(table), method="fleiss"))})
    units = [[1, 1, 2], [2, 2, 2], [3, 3, 1], [1, 1, 1], [2, 3, 3]]
    table = [[u.count(c) for c in [1, 2, 3, 4, 5]] for u in units]
    cases.append({"name": "unused categories", "units": units, "categories": [1, 2, 3, 4, 5],
                  "expected": num(fleiss_kappa(np.array(table), method="fleiss"))})
    return cases


def mean_cases():
    cases = []
    for n in [2, 3, 5, 10, 30, 200, 5000]:
        v = [float(x) for x in np.round(rng.normal(3, 1, size=n), 3)]
        m = float(np.mean(v))
        lo, hi = stats.t.interval(0.95, n - 1, loc=m, scale=stats.sem(v))
        cases.append({"values": v, "mean": m, "ci95": [float(lo), float(hi)]})
    return cases


def special_cases():
    xs = [1e-3, 0.1, 0.5, 1, 1.5, 2, 3.7, 9.99, 10, 10.5, 25, 123.456, 1e4, 5e5]
    ab = [(0.5, 0.5, 0.3), (1.5, 0.5, 0.9), (5, 0.5, 0.01), (50, 0.5, 0.95), (999, 0.5, 0.99),
          (999, 0.5, 0.9999), (2.5, 3.5, 0.4), (10, 20, 0.35), (0.5, 7, 0.02), (4999.5, 0.5, 0.999)]
    zs = [0, 1e-8, 0.1, 0.5, 1, 1.4999, 1.5, 2, 3, 5, 8, 12, 20, 26]
    dfs = [1, 2, 3, 4, 5, 9, 29, 99, 999, 4999, 99999]
    ts = [(0.5, 1), (2, 3), (-1.3, 7), (4.2, 30), (10, 500), (2.5, 100000)]
    return {
        "lgamma": [[x, math.lgamma(x)] for x in xs],
        "betainc": [[a, b, x, float(special.betainc(a, b, x))] for a, b, x in ab],
        "erfc": [[z, float(special.erfc(z))] for z in zs],
        "t_ppf_975": [[df, float(stats.t.ppf(0.975, df))] for df in dfs],
        "t_sf": [[t, df, float(stats.t.sf(t, df))] for t, df in ts],
    }


def high_precision_cases():
    """40-digit values (mpmath): scipy's own stdtrit / betainc are only good to ~1e-10 / 1e-12 here."""
    mpmath.mp.dps = 40
    half = mpmath.mpf(1) / 2

    def t_tail(t, df):
        return mpmath.betainc(mpmath.mpf(df) / 2, half, 0, df / (df + t * t), regularized=True) / 2

    quantiles = []
    for df in [1, 2, 3, 5, 9, 29, 99, 999, 99999]:
        q = mpmath.findroot(lambda t: t_tail(t, df) - mpmath.mpf("0.025"), 5.0 if df <= 2 else 2.0)
        quantiles.append([df, float(q)])
    ab = [(999, 0.5, 0.99), (999, 0.5, 0.9999), (4999.5, 0.5, 0.999), (5, 0.5, 0.01), (0.5, 0.5, 0.3)]
    betainc = [[a, b, x, float(mpmath.betainc(a, b, 0, x, regularized=True))] for a, b, x in ab]
    return {"t_ppf_975": quantiles, "betainc": betainc}


def main():
    out = {
        "generated_by": "app/domain/stats/reference/make-reference.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__,
                     "mpmath": mpmath.__version__},
        "correlations": correlations(),
        "krippendorff": krippendorff_cases(),
        "fleiss": fleiss_cases(),
        "mean_ci": mean_cases(),
        "special": special_cases(),
        "high_precision": high_precision_cases(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
