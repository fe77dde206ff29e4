#!/usr/bin/env python3
"""Times lifetimes' fits (BG/NBD, Pareto/NBD, Gamma-Gamma) on customer summaries.

    python bench/make_summaries.py                  # once: bench/output/summary_<n>.csv
    python bench/lifetimes_fit.py [--sizes cdnow,23570,100000,1000000] [--models bgnbd,pnbd,gg]
                                  [--runs 3] [--max-seconds 600] [--out bench/output/lifetimes_fit.json]

Each fit runs in a fresh worker process (this script with --worker) that loads the CSV,
then times the fit alone with time.perf_counter and reports its peak RSS
(resource.getrusage(RUSAGE_SELF).ru_maxrss: the worker's high-water mark, data and Python
included). A fit still running --max-seconds after the worker has loaded its data is
killed and recorded as {"finished": false, "note": "did not finish in N s"}; the other runs
of that case are then skipped. The time is the median over --runs runs.

Sizes: `cdnow` = tests/fixtures/models/cdnow_customers_summary_with_transactions.csv (2,357
customers; x, t_x, T, zbar); a number n = bench/output/summary_n.csv. Gamma-Gamma is fitted
on the rows with frequency >= 1 and monetary_value > 0. Fits as lifetimes does by default:
BetaGeoFitter(penalizer_coef=0) (BFGS with autograd's gradient, tol 1e-7), ParetoNBDFitter
(Nelder-Mead, tol 1e-4, maxiter 2000, random start; np.random.seed(0) here),
GammaGammaFitter (BFGS, tol 1e-7). The worker also returns the fitted parameters and the
total log-likelihood (see tests/models/oracle.py), so runs can be checked against each other.
"""
import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CDNOW = os.path.join(ROOT, "tests", "fixtures", "models", "cdnow_customers_summary_with_transactions.csv")


def path_for(size):
    if size == "cdnow":
        return CDNOW
    return os.path.join(HERE, "output", "summary_%s.csv" % size)


def worker(model, size):
    import warnings

    warnings.simplefilter("ignore")
    import numpy as np
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter

    d = pd.read_csv(path_for(size))
    if size == "cdnow":
        d = d.rename(columns={"x": "frequency", "t_x": "recency", "zbar": "monetary_value"})
    x = d["frequency"].to_numpy(int)
    tx = d["recency"].to_numpy(float)
    T = d["T"].to_numpy(float)
    m = d["monetary_value"].to_numpy(float)
    print(json.dumps({"loaded": len(d)}), flush=True)
    t0 = time.perf_counter()
    if model == "bgnbd":
        f = BetaGeoFitter(penalizer_coef=0.0).fit(x, tx, T)
        n_fit = len(x)
    elif model == "pnbd":
        np.random.seed(0)
        f = ParetoNBDFitter(penalizer_coef=0.0).fit(x, tx, T)
        n_fit = len(x)
    elif model == "gg":
        keep = (x >= 1) & (m > 0)
        f = GammaGammaFitter(penalizer_coef=0.0).fit(x[keep], m[keep])
        n_fit = int(keep.sum())
    seconds = time.perf_counter() - t0
    # total log-likelihood l = sum log L_i in the data's units (tests/models/oracle.py)
    nll = f._negative_log_likelihood_
    if model == "bgnbd":
        ll = -nll * n_fit + np.log(f._scale) * x.sum()
    elif model == "pnbd":
        ll = -nll + np.log(f._scale) * x.sum()
    else:
        ll = -nll * n_fit
    print(json.dumps({
        "seconds": seconds,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "customers_fitted": n_fit,
        "params": {k: float(v) for k, v in f.params_.items()},
        "ll": float(ll),
    }), flush=True)


def run_once(model, size, max_seconds):
    p = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--worker", model, size],
                         stdout=subprocess.PIPE, text=True)
    first = p.stdout.readline()
    if not first:
        p.wait()
        return {"finished": False, "note": "worker failed (exit %s)" % p.returncode}
    loaded = time.monotonic()
    # read the result line, waiting at most max_seconds from the end of loading
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(p.stdout, selectors.EVENT_READ)
    while True:
        left = max_seconds - (time.monotonic() - loaded)
        if left <= 0 or not sel.select(timeout=left):
            p.kill()
            p.wait()
            return {"finished": False, "note": "did not finish in %g s" % max_seconds}
        line = p.stdout.readline()
        p.wait()
        if not line:
            return {"finished": False, "note": "worker failed (exit %s)" % p.returncode}
        out = json.loads(line)
        out["finished"] = True
        return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="cdnow,23570,100000,1000000")
    ap.add_argument("--models", default="bgnbd,pnbd,gg")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--max-seconds", type=float, default=600.0)
    ap.add_argument("--out", default=os.path.join(HERE, "output", "lifetimes_fit.json"))
    ap.add_argument("--worker", nargs=2, metavar=("MODEL", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(*args.worker)

    import lifetimes
    import numpy
    import pandas
    import scipy

    report = {
        "what": "lifetimes fit timings (bench/lifetimes_fit.py)",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version(),
                    "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE")},
        "versions": {"lifetimes": lifetimes.__version__, "numpy": numpy.__version__,
                     "pandas": pandas.__version__, "scipy": scipy.__version__},
        "runs": args.runs,
        "max_seconds": args.max_seconds,
        "results": [],
    }
    for size in args.sizes.split(","):
        if not os.path.exists(path_for(size)):
            sys.exit("%s is missing: run bench/make_summaries.py first" % path_for(size))
        for model in args.models.split(","):
            runs = []
            for _ in range(args.runs):
                r = run_once(model, size, args.max_seconds)
                runs.append(r)
                print("%-7s %-8s %s" % (size, model, json.dumps(r)), file=sys.stderr, flush=True)
                if not r["finished"]:
                    break
            done = [r for r in runs if r["finished"]]
            entry = {"size": size, "model": model}
            if len(done) == len(runs):
                entry.update({
                    "customers_fitted": done[0]["customers_fitted"],
                    "median_seconds": statistics.median(r["seconds"] for r in done),
                    "seconds": [r["seconds"] for r in done],
                    "peak_rss_mib": max(r["peak_rss_mib"] for r in done),
                    "params": done[0]["params"],
                    "ll": done[0]["ll"],
                })
            else:
                entry.update({"finished": False, "note": runs[-1]["note"],
                              "completed_runs": [r["seconds"] for r in done]})
            report["results"].append(entry)
    text = json.dumps(report, indent=1)
    print(text)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
