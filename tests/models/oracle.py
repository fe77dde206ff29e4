#!/usr/bin/env python3
"""Reference values ("oracle") for the lifetime-value models, from the `lifetimes` package.

The per-customer summary (x, t_x, T, monetary value, holdout) is written here with pandas
from ../../../shared/METRICS.md, "Lifetime value"; it is NOT lifetimes'
summary_data_from_transaction_data, which is only run beside it as a cross-check (see
`lifetimes_summary_check`). The models are lifetimes' own fitters (BetaGeoFitter with
penalizer 0, ParetoNBDFitter, ModifiedBetaGeoFitter, GammaGammaFitter, and
BetaGeoBetaBinomFitter for donations.csv).

    # a transaction log (columns customer,date,amount; customer_id/order_date also accepted)
    python tests/models/oracle.py log LOG.csv OUT.json --calibration-end 2024-06-30 --unit week \
        [--first N]            # list only the first N customers (sorted by id)
        [--summary-only]       # the per-customer summary and holdout alone, no fits
    # the CDNOW / donations reference
    python tests/models/oracle.py cdnow tests/fixtures/models OUT.json

Log-likelihoods. lifetimes does not report the total log-likelihood l = sum_i log L_i:
- BetaGeoFitter and ModifiedBetaGeoFitter fit on time rescaled by s = 1 / max(T)
  (recency and T multiplied by s, alpha divided by s afterwards) and store
  `_negative_log_likelihood_` = -(sum_i w_i log L_i(scaled)) / sum_i w_i (a MEAN).
- ParetoNBDFitter uses the same scaling (alpha and beta divided by s afterwards) but stores
  -(sum_i w_i log L_i(scaled)) / mean_i(w_i), i.e. the negative TOTAL when all weights are 1.
- GammaGammaFitter and BetaGeoBetaBinomFitter do not rescale and store the mean
  -(sum_i w_i log L_i) / sum_i w_i.
Rescaling time by s multiplies each customer's likelihood by s^(-x_i) (the density of x
purchase times), so log L_i(original) = log L_i(scaled) + x_i log s, and
    BG/NBD, MBG/NBD: l = -nll_ * sum(w) + log(s) * sum(w x)
    Pareto/NBD:      l = -nll_ * mean(w) + log(s) * sum(w x)
    GG, BG/BB:       l = -nll_ * sum(w)
This script computes l directly, by evaluating lifetimes' own log-likelihood functions at
the natural parameters on the unscaled data, and checks it against the conversion above
(`ll_from_reported`).

Two parameter sets per model: `lifetimes` (what its fit returned; Pareto/NBD uses
Nelder-Mead with tol 1e-4 from a random start, seeded here with np.random.seed(0)) and
`mle` (the same log-likelihood, maximised further with Nelder-Mead in log-parameter space
from lifetimes' answer with tight tolerances; kept only when it is at least as good).
Predictions are lifetimes' own functions evaluated at the `mle` parameters.
"""
import argparse
import datetime as dt
import hashlib
import json
import math
import sys
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
from scipy.optimize import minimize

warnings.simplefilter("ignore")
import lifetimes  # noqa: E402
from lifetimes import (  # noqa: E402
    BetaGeoBetaBinomFitter,
    BetaGeoFitter,
    GammaGammaFitter,
    ModifiedBetaGeoFitter,
    ParetoNBDFitter,
)
from lifetimes.utils import summary_data_from_transaction_data  # noqa: E402

UNITS = {"day": 1.0, "week": 7.0, "month": 30.4375}
COLUMNS = {"customer": ["customer", "customer_id"], "date": ["date", "order_date"], "amount": ["amount"]}


def versions():
    import scipy
    import autograd  # noqa: F401
    from importlib.metadata import version

    return {
        "python": sys.version.split()[0],
        "lifetimes": lifetimes.__version__,
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "scipy": scipy.__version__,
        "autograd": version("autograd"),
    }


def fl(v):
    """A JSON-safe float (None for NaN/inf)."""
    v = float(v)
    return v if math.isfinite(v) else None


# ---------------------------------------------------------------- log-likelihoods
# Each returns the per-customer log L_i in ORIGINAL units at natural parameters, using
# lifetimes' own functions (weights 1, penalizer 0).
def total_ll(model, p, data):
    """l = sum_i w_i log L_i, original units, natural parameters p (a list)."""
    w = data["w"]
    if model in ("bgnbd", "mbgnbd"):
        f = BetaGeoFitter if model == "bgnbd" else ModifiedBetaGeoFitter
        return -f._negative_log_likelihood(np.log(p), data["x"], data["tx"], data["T"], w, 0.0) * w.sum()
    if model == "pnbd":
        if np.any(np.asarray(p) <= 0):
            return -np.inf
        return float((w * ParetoNBDFitter._conditional_log_likelihood(p, data["x"], data["tx"], data["T"])).sum())
    if model == "gg":
        return -GammaGammaFitter._negative_log_likelihood(np.log(p), data["x"], data["m"], w, 0.0) * w.sum()
    if model == "bgbb":
        return -BetaGeoBetaBinomFitter._negative_log_likelihood(
            np.log(p), data["x"], data["tx"], data["n"], w, 0.0) * w.sum()
    raise ValueError(model)


def ll_from_reported(model, fitter, data):
    w, x = data["w"], data["x"]
    nll = fitter._negative_log_likelihood_
    if model in ("bgnbd", "mbgnbd"):
        return -nll * w.sum() + math.log(fitter._scale) * (w * x).sum()
    if model == "pnbd":
        return -nll * w.mean() + math.log(fitter._scale) * (w * x).sum()
    return -nll * w.sum()


def polish(model, p0, data):
    """Maximise the same log-likelihood further from p0 (Nelder-Mead on log-parameters)."""
    def f(lp):
        v = total_ll(model, np.exp(lp), data)
        return -v if np.isfinite(v) else 1e300

    best = np.log(np.asarray(p0, float))
    best_f = f(best)
    for _ in range(3):  # restarts re-build the simplex around the current best point
        out = minimize(f, best, method="Nelder-Mead",
                       options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
        if out.fun <= best_f:
            best, best_f = out.x, out.fun
    return list(np.exp(best)), -best_f


PARAMS = {
    "bgnbd": ["r", "alpha", "a", "b"],
    "mbgnbd": ["r", "alpha", "a", "b"],
    "pnbd": ["r", "alpha", "s", "beta"],
    "gg": ["p", "q", "v"],
    "bgbb": ["alpha", "beta", "gamma", "delta"],
}


def fit_model(model, data):
    """Fit with lifetimes, convert its LL, polish; returns (fitter at mle params, report)."""
    x, tx, T, w = data["x"], data.get("tx"), data.get("T"), data["w"]
    if model == "bgnbd":
        fitter = BetaGeoFitter(penalizer_coef=0.0).fit(x, tx, T, weights=w)
    elif model == "mbgnbd":
        fitter = ModifiedBetaGeoFitter(penalizer_coef=0.0).fit(x, tx, T, weights=w)
    elif model == "pnbd":
        np.random.seed(0)  # lifetimes starts Nelder-Mead from np.random.normal(1, 0.05)
        fitter = ParetoNBDFitter(penalizer_coef=0.0).fit(x, tx, T, weights=w)
    elif model == "gg":
        fitter = GammaGammaFitter(penalizer_coef=0.0).fit(x, data["m"], weights=w)
    elif model == "bgbb":
        fitter = BetaGeoBetaBinomFitter(penalizer_coef=0.0).fit(x, tx, data["n"], weights=w)
    names = PARAMS[model]
    p_lt = [float(fitter.params_[k]) for k in names]
    ll_lt = total_ll(model, p_lt, data)
    ll_rep = ll_from_reported(model, fitter, data)
    assert abs(ll_lt - ll_rep) <= 1e-6 * abs(ll_lt), (model, ll_lt, ll_rep)
    p_mle, ll_mle = polish(model, p_lt, data)
    if ll_mle < ll_lt:
        p_mle, ll_mle = p_lt, ll_lt
    report = {
        "lifetimes": {
            "params": dict(zip(names, map(fl, p_lt))),
            "ll": fl(ll_lt),
            "reported_negative_log_likelihood_": fl(fitter._negative_log_likelihood_),
            "time_scale_s": fl(getattr(fitter, "_scale", 1.0)),
            "ll_from_reported": fl(ll_rep),
        },
        "mle": {"params": dict(zip(names, map(fl, p_mle))), "ll": fl(ll_mle)},
        "n": int(len(x)),
        "sum_w": fl(w.sum()),
    }
    if hasattr(fitter, "standard_errors_"):
        # lifetimes: params^2 * inv(Hessian of the mean nll in log-params) / sum(w), i.e. the
        # delta method from the log-parameters; at lifetimes' own optimum.
        report["lifetimes"]["se"] = {k: fl(fitter.standard_errors_[k]) for k in names}
    fitter.params_ = pd.Series(p_mle, index=names)
    return fitter, report


# ---------------------------------------------------------------- the transaction log
def load(path):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    cols = {}
    for role, names in COLUMNS.items():
        found = [c for c in raw.columns if c.strip().lower() in names]
        if not found:
            raise SystemExit("no %s column (one of %s) in %s" % (role, names, path))
        cols[role] = found[0]
    log = pd.DataFrame({"customer": raw[cols["customer"]]})
    log["day"] = pd.to_datetime(raw[cols["date"]].str.strip().str[:10], format="%Y-%m-%d")
    amounts = raw[cols["amount"]].str.strip()
    scale = int(amounts.str.extract(r"\.(\d*)$")[0].str.len().fillna(0).max())
    # exact money: integers in units of 10^-scale
    log["units"] = amounts.map(lambda s: int(Decimal(s).scaleb(scale)))
    log.attrs["unit"] = 10 ** scale
    log["purchase"] = log["units"] >= 0  # amount >= 0 is a purchase, < 0 a refund
    return log


def summarise(log, c, unit_days):
    """Per-customer x, t_x, T, monetary value and holdout count, as METRICS.md says."""
    purchases = log[log["purchase"]]
    # one row per (customer, purchase date), with that date's summed purchase amounts
    by_day = purchases.groupby(["customer", "day"], sort=True)["units"].sum().reset_index()
    last_date = purchases["day"].max()  # the log's last purchase date
    cal = by_day[by_day["day"] <= c]
    hold = by_day[(by_day["day"] > c) & (by_day["day"] <= last_date)]
    g = cal.groupby("customer")
    s = pd.DataFrame({"first": g["day"].min(), "last": g["day"].max(), "dates": g["day"].size()})
    s["x"] = s["dates"] - 1
    s["t_x_days"] = (s["last"] - s["first"]).dt.days
    s["T_days"] = (c - s["first"]).dt.days
    s["t_x"] = s["t_x_days"] / unit_days
    s["T"] = s["T_days"] / unit_days
    firsts = cal.merge(s[["first"]], left_on="customer", right_index=True)
    repeat = firsts[firsts["day"] > firsts["first"]].groupby("customer")["units"].agg(["sum", "size"])
    unit = log.attrs["unit"]
    s["monetary"] = None
    for cid, row in repeat.iterrows():  # exact mean, rounded once
        s.at[cid, "monetary"] = float(Fraction(int(row["sum"]), unit * int(row["size"])))
    s["holdout_x"] = hold.groupby("customer").size().reindex(s.index).fillna(0).astype(int)
    s = s.sort_index()
    return s, last_date


def lifetimes_summary_check(log, c, unit_days, s):
    """lifetimes' summary_data_from_transaction_data on the purchase rows, compared with ours.

    With freq='D' and freq_multiplier = the unit's days it counts x the same way (distinct
    purchase dates after the first; it groups rows by (customer, date) and sums the
    amounts per date), measures t_x and T as days / multiplier, and its monetary_value is the
    mean over repeat dates of the per-date sums: identical to ours, except that it gives
    monetary_value = 0 to customers with x = 0 (ours: none), and that it keeps refunds
    unless they are removed first (done here). With freq='W' (or 'M') instead, lifetimes
    first floors every date to its period (weeks ending Sunday), so x counts distinct
    WEEKS and t_x, T are whole numbers of periods: not METRICS.md's definition.
    """
    p = log[log["purchase"]].assign(amount=lambda d: d["units"] / d.attrs["unit"])
    p = p[["customer", "day", "amount"]]
    out = {}
    lt = summary_data_from_transaction_data(
        p, "customer", "day", monetary_value_col="amount", observation_period_end=c,
        freq="D", freq_multiplier=unit_days).sort_index()
    assert list(lt.index) == list(s.index)
    ours_m = s["monetary"].map(lambda v: 0.0 if v is None else v).astype(float)
    out["freq_D_multiplier"] = unit_days
    out["customers"] = int(len(lt))
    out["x_differ"] = int((lt["frequency"] != s["x"]).sum())
    out["t_x_max_abs_diff"] = fl((lt["recency"] - s["t_x"]).abs().max())
    out["T_max_abs_diff"] = fl((lt["T"] - s["T"]).abs().max())
    out["monetary_max_rel_diff"] = fl(((lt["monetary_value"] - ours_m).abs() / ours_m.abs().clip(lower=1e-300))
                                      [s["x"] > 0].max())
    if unit_days == 7.0:
        w = summary_data_from_transaction_data(p, "customer", "day", observation_period_end=c, freq="W")
        w = w.reindex(s.index)
        out["freq_W"] = {
            "note": "freq='W' floors dates to weeks (W-SUN) first: x = distinct weeks - 1",
            "x_differ": int((w["frequency"] != s["x"]).sum()),
            "t_x_differ": int(((w["recency"] - s["t_x"]).abs() > 1e-9).sum()),
            "T_differ": int(((w["T"] - s["T"]).abs() > 1e-9).sum()),
        }
    return out


def run_log(args):
    unit_days = UNITS[args.unit]
    log = load(args.input)
    c = pd.Timestamp(args.calibration_end)
    s, last_date = summarise(log, c, unit_days)
    H = (last_date - c).days / unit_days
    data = {"x": s["x"].to_numpy(int), "tx": s["t_x"].to_numpy(float), "T": s["T"].to_numpy(float),
            "w": np.ones(len(s))}
    res = {
        "what": "lifetime-value oracle (tests/models/oracle.py log)",
        "input": args.input,
        "input_sha256": hashlib.sha256(open(args.input, "rb").read()).hexdigest(),
        "versions": versions(),
        "calibration_end": c.date().isoformat(),
        "unit": args.unit,
        "unit_days": unit_days,
        "log_first_purchase_date": log[log["purchase"]]["day"].min().date().isoformat(),
        "log_last_purchase_date": last_date.date().isoformat(),
        "holdout_days": int((last_date - c).days),
        "H_h": H,
        "customers_in_models": int(len(s)),
        "customers_total": int(log["customer"].nunique()),
        "lifetimes_summary_check": lifetimes_summary_check(log, c, unit_days, s),
        "models": {},
    }
    res["sum_x"] = int(data["x"].sum())
    if args.summary_only:
        res["customers"] = [
            {"id": cid, "first": r["first"].date().isoformat(), "last": r["last"].date().isoformat(),
             "x": int(r["x"]), "t_x": fl(r["t_x"]), "T": fl(r["T"]), "monetary": r["monetary"],
             "holdout_x": int(r["holdout_x"])} for cid, r in s.iterrows()]
        res["holdout_actual_total"] = int(s["holdout_x"].sum())
        del res["models"]
        return write(args.output, res)
    fitters = {}
    for m in ("bgnbd", "pnbd", "mbgnbd"):
        fitters[m], res["models"][m] = fit_model(m, data)
    ggmask = (s["x"] >= 1) & s["monetary"].map(lambda v: v is not None and v > 0)
    gdata = {"x": s.loc[ggmask, "x"].to_numpy(float), "m": s.loc[ggmask, "monetary"].to_numpy(float),
             "w": np.ones(int(ggmask.sum()))}
    fitters["gg"], res["models"]["gg"] = fit_model("gg", gdata)
    gp = res["models"]["gg"]["mle"]["params"]
    res["models"]["gg"]["population_mean_spend"] = fl(gp["v"] * gp["p"] / (gp["q"] - 1))

    pred = {}
    x, tx, T = data["x"], data["tx"], data["T"]
    for m in ("bgnbd", "pnbd", "mbgnbd"):
        f = fitters[m]
        pred[m] = {
            "p_alive": np.atleast_1d(f.conditional_probability_alive(x, tx, T)),
            "e10": np.atleast_1d(f.conditional_expected_number_of_purchases_up_to_time(10.0, x, tx, T)),
            "eH": np.atleast_1d(f.conditional_expected_number_of_purchases_up_to_time(H, x, tx, T)),
        }
    spend = pd.Series(np.nan, index=s.index)
    spend[ggmask] = fitters["gg"].conditional_expected_average_profit(gdata["x"], gdata["m"])

    res["p_alive_mean"] = fl(pred["bgnbd"]["p_alive"].mean())
    res["holdout_actual_total"] = int(s["holdout_x"].sum())
    res["holdout_predicted_total"] = fl(pred["bgnbd"]["eH"].sum())
    res["holdout_predicted_total_pnbd"] = fl(pred["pnbd"]["eH"].sum())
    res["holdout_predicted_total_mbgnbd"] = fl(pred["mbgnbd"]["eH"].sum())
    res["customers_x_ge_1"] = int((s["x"] >= 1).sum())
    res["gg_customers"] = int(ggmask.sum())

    n = len(s) if args.first is None else min(args.first, len(s))
    rows = []
    for i, (cid, r) in enumerate(s.iloc[:n].iterrows()):
        row = {"id": cid, "first": r["first"].date().isoformat(), "last": r["last"].date().isoformat(),
               "x": int(r["x"]), "t_x": fl(r["t_x"]), "T": fl(r["T"]),
               "monetary": r["monetary"], "holdout_x": int(r["holdout_x"])}
        for m in ("bgnbd", "pnbd", "mbgnbd"):
            row[m] = {"p_alive": fl(pred[m]["p_alive"][i]), "e10": fl(pred[m]["e10"][i]),
                      "eH": fl(pred[m]["eH"][i])}
        row["gg_spend"] = fl(spend.iloc[i]) if ggmask.iloc[i] else None
        rows.append(row)
    res["customers_listed"] = n
    res["customers_note"] = ("sorted by id; monetary None when x = 0; e10 / eH = conditional expected "
                             "purchases over 10 units / over H_h; gg_spend None outside the GG fit set")
    res["customers"] = rows
    write(args.output, res)


# ---------------------------------------------------------------- CDNOW and donations
def run_cdnow(args):
    d = pd.read_csv(args.fixtures + "/cdnow_customers_summary.csv")
    data = {"x": d["frequency"].to_numpy(int), "tx": d["recency"].to_numpy(float),
            "T": d["T"].to_numpy(float), "w": np.ones(len(d))}
    res = {
        "what": "CDNOW and donations reference (tests/models/oracle.py cdnow)",
        "versions": versions(),
        "sources": {
            "count_models": "cdnow_customers_summary.csv (2,357 customers, weeks)",
            "gg": "cdnow_customers_summary_with_transactions.csv, rows with x >= 1 (zbar = mean repeat spend)",
            "bgbb": "donations.csv (weighted rows)",
        },
        "published_note": ("rounded values as printed in Fader, Hardie & Lee (2005) (BG/NBD, Pareto/NBD), "
                           "Fader & Hardie's note 025 (Gamma-Gamma) and Fader, Hardie & Shang (2010) (BG/BB); "
                           "a sanity check only, the tests should use `models`"),
        "published": {
            "bgnbd": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "ll": -9582.4},
            "pnbd": {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669, "ll": -9595.0},
            "gg": {"p": 6.25, "q": 3.74, "v": 15.44},
            "bgbb": {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783, "ll": -33225.6},
        },
        "models": {},
    }
    first = d.head(20)
    fx, ftx, fT = first["frequency"].to_numpy(int), first["recency"].to_numpy(float), first["T"].to_numpy(float)
    res["first20"] = [{"ID": int(i), "x": int(a), "t_x": float(b), "T": float(c)}
                      for i, a, b, c in zip(first["ID"], fx, ftx, fT)]
    for m in ("bgnbd", "pnbd", "mbgnbd"):
        f, rep = fit_model(m, data)
        rep["first20"] = {
            "p_alive": [fl(v) for v in np.atleast_1d(f.conditional_probability_alive(fx, ftx, fT))],
            "e39": [fl(v) for v in np.atleast_1d(
                f.conditional_expected_number_of_purchases_up_to_time(39.0, fx, ftx, fT))],
        }
        res["models"][m] = rep
    g = pd.read_csv(args.fixtures + "/cdnow_customers_summary_with_transactions.csv")
    g = g[g["x"] >= 1]
    gdata = {"x": g["x"].to_numpy(float), "m": g["zbar"].to_numpy(float), "w": np.ones(len(g))}
    f, rep = fit_model("gg", gdata)
    p = rep["mle"]["params"]
    rep["population_mean_spend"] = fl(p["v"] * p["p"] / (p["q"] - 1))
    g20 = g.head(20)
    rep["first20_with_x_ge_1"] = [
        {"ID": int(i), "x": int(a), "zbar": float(z), "expected_spend": fl(e)}
        for i, a, z, e in zip(g20["ID"], g20["x"], g20["zbar"],
                              f.conditional_expected_average_profit(g20["x"].to_numpy(float),
                                                                    g20["zbar"].to_numpy(float)))]
    res["models"]["gg"] = rep
    b = pd.read_csv(args.fixtures + "/donations.csv")
    bdata = {"x": b["frequency"].to_numpy(int), "tx": b["recency"].to_numpy(int),
             "n": b["periods"].to_numpy(int), "w": b["weights"].to_numpy(float)}
    f, rep = fit_model("bgbb", bdata)
    rep["rows"] = [
        {"frequency": int(a), "recency": int(r), "periods": int(n), "weights": int(w),
         "p_alive": fl(pa), "e5": fl(e5)}
        for a, r, n, w, pa, e5 in zip(
            b["frequency"], b["recency"], b["periods"], b["weights"],
            f.conditional_probability_alive(0, bdata["x"], bdata["tx"], bdata["n"]),
            f.conditional_expected_number_of_purchases_up_to_time(5, bdata["x"], bdata["tx"], bdata["n"]))]
    rep["rows_note"] = "p_alive at the last observed opportunity (m_periods_in_future = 0); e5 = expected over the next 5 opportunities"
    res["models"]["bgbb"] = rep
    write(args.output, res)


def write(path, res):
    """Indented JSON, but one customer (or row) per line, to keep the file small and diffable."""
    def dump(v, indent):
        pad = " " * indent
        if isinstance(v, dict) and v:
            items = [pad + " " + json.dumps(k) + ": " + dump(x, indent + 1) for k, x in v.items()]
            return "{\n" + ",\n".join(items) + "\n" + pad + "}"
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            return "[\n" + ",\n".join(pad + " " + json.dumps(x, separators=(",", ":")) for x in v) + "\n" + pad + "]"
        return json.dumps(v)

    with open(path, "w") as f:
        f.write(dump(res, 0) + "\n")
    print("wrote", path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("log")
    a.add_argument("input")
    a.add_argument("output")
    a.add_argument("--calibration-end", required=True, help="YYYY-MM-DD, inclusive")
    a.add_argument("--unit", choices=sorted(UNITS), default="week")
    a.add_argument("--first", type=int, help="list only the first N customers (by id)")
    a.add_argument("--summary-only", action="store_true", help="the summary and holdout, no model fits")
    b = sub.add_parser("cdnow")
    b.add_argument("fixtures", help="folder with the CDNOW and donations CSVs")
    b.add_argument("output")
    args = ap.parse_args()
    (run_log if args.cmd == "log" else run_cdnow)(args)


if __name__ == "__main__":
    main()
