#!/usr/bin/env python3
"""Customer summaries for the model-fitting benchmarks, simulated from BG/NBD and Gamma-Gamma.

    python bench/make_summaries.py [--sizes 23570,100000,1000000] [--seed 7] [--out bench/output]

Writes bench/output/summary_<n>.csv in the lifetimes layout, `ID,frequency,recency,T,
monetary_value` (weeks), and summary_<n>.json beside it (parameters, seed, sha256), so
that bench/lifetimes_fit.py and the browser benchmark load the same files. bench/output/
is git-ignored; the files are made again by this script, bit for bit (numpy's PCG64
default_rng, seeded with [seed, n]).

The process, with CDNOW-like parameters (Fader, Hardie & Lee 2005; Fader & Hardie 2013):
- T ~ Uniform(27, 39) weeks (customers acquired over 12 weeks, observed until week 39);
- purchase rate lambda ~ Gamma(shape r = 0.24, rate alpha = 4.4); dropout probability
  p ~ Beta(a = 0.79, b = 2.4);
- repeat purchases follow a Poisson(lambda) process from the first purchase at 0; after each
  repeat purchase the customer drops out with probability p, so the number of repeat
  purchases they can make is K ~ Geometric(p) on {1, 2, ...};
- with N ~ Poisson(lambda T) arrivals in (0, T]: x = min(N, K), and t_x is the x-th of N
  uniform arrival times, T * Beta(x, N - x + 1) (0 when x = 0);
- spend: nu ~ Gamma(shape q = 3.74, rate v = 15.44) per customer, each purchase
  z ~ Gamma(shape p = 6.25, rate nu), so the mean of x purchases is Gamma(p x, rate nu x);
  monetary_value = that mean for x >= 1, 0 for x = 0 (the lifetimes convention).
recency and T are rounded to 4 decimals (recency then capped at T), monetary_value to 2.

With --days, T and recency are whole days (written in weeks, days / 7 to 6 decimals), as a
summary computed from dated orders is: summary_<n>_days.csv. Many customers then share
a history (x, t_x, T), which is what a log's summary looks like; the 4-decimal files are
the worst case for compressing identical histories.
"""
import argparse
import hashlib
import json
import os

import numpy as np

BGNBD = {"r": 0.24, "alpha": 4.4, "a": 0.79, "b": 2.4}
GG = {"p": 6.25, "q": 3.74, "v": 15.44}
T_RANGE = (27.0, 39.0)


def simulate(n, seed, days=False):
    rng = np.random.default_rng([seed, n])
    T = rng.uniform(*T_RANGE, size=n)
    lam = rng.gamma(BGNBD["r"], 1.0 / BGNBD["alpha"], size=n)
    p = rng.beta(BGNBD["a"], BGNBD["b"], size=n)
    N = rng.poisson(lam * T)
    K = rng.geometric(p)
    x = np.minimum(N, K)
    u = np.zeros(n)
    pos = x > 0
    u[pos] = rng.beta(x[pos], N[pos] - x[pos] + 1)
    if days:
        T4 = np.floor(T * 7) / 7
        tx = np.minimum(np.floor(T * u * 7) / 7, T4)
    else:
        T4 = np.round(T, 4)
        tx = np.minimum(np.round(T * u, 4), T4)
    nu = rng.gamma(GG["q"], 1.0 / GG["v"], size=n)
    m = np.zeros(n)
    m[pos] = rng.gamma(GG["p"] * x[pos], 1.0 / (nu[pos] * x[pos]))
    m = np.round(m, 2)
    return x, tx, T4, m


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="23570,100000,1000000")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--days", action="store_true", help="whole days (summary_<n>_days.csv)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "output"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for n in [int(s) for s in args.sizes.split(",")]:
        x, tx, T, m = simulate(n, args.seed, args.days)
        path = os.path.join(args.out, "summary_%d%s.csv" % (n, "_days" if args.days else ""))
        with open(path, "w", newline="\n") as f:
            f.write("ID,frequency,recency,T,monetary_value\n")
            line = "%d,%d,%.6f,%.6f,%.2f\n" if args.days else "%d,%d,%.4f,%.4f,%.2f\n"
            f.writelines(line % row for row in zip(range(1, n + 1), x, tx, T, m))
        digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
        meta = {"file": os.path.basename(path), "customers": n, "seed": [args.seed, n],
                "generator": "numpy.random.default_rng (PCG64), numpy " + np.__version__,
                "bgnbd": BGNBD, "gamma_gamma": GG, "T_weeks_uniform": T_RANGE, "sha256": digest,
                "mean_frequency": float(x.mean()), "share_x_ge_1": float((x >= 1).mean()),
                "max_frequency": int(x.max())}
        with open(path[:-4] + ".json", "w") as f:
            json.dump(meta, f, indent=1)
        print("%s  %d customers, mean x %.3f, x>=1 %.1f%%, sha256 %s" % (
            path, n, x.mean(), 100 * (x >= 1).mean(), digest))


if __name__ == "__main__":
    main()
