#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of the transaction-log figures.

Written from ../../../shared/METRICS.md (Inputs, Totals, The customer base over time,
Cohorts) and docs/definitions.md only, not from the Rust code.

    python3 tests/oracle/metrics.py INPUT.csv OUTPUT.json [--label TEXT]

Money is held as exact integers (cents, or whatever the finest decimal in the file is)
and every ratio is computed as an exact fraction, then rounded once to a float. So each
figure is the correctly rounded value of its definition; compare with a small relative
tolerance (say 1e-9), since a float implementation may differ in the last digits.
"""
import argparse
import hashlib
import json
import math
from decimal import Decimal
from fractions import Fraction

import pandas as pd

ID, DATE, AMOUNT = "customer_id", "order_date", "amount"
FREQ = {"week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}  # W-SUN: Monday..Sunday
BASE_SETTINGS = [("month", 90), ("week", 30), ("quarter", 90), ("year", 365), ("month", 7), ("week", 90)]
GAP_BINS = [(1, 7), (8, 14), (15, 30), (31, 60), (61, 90), (91, 180), (181, 365), (366, math.inf)]
SEGMENTS = ["champions", "loyal", "promising", "new", "needs_attention",
            "at_risk", "cant_lose", "hibernating", "lost"]
FLAG_PAIRS = [("yes", "no"), ("ja", "nee"), ("true", "false"), ("y", "n"), ("j", "n"), ("1", "0")]


# ---------- small exact-arithmetic helpers ----------
def ratio(a, b, times=1):
    """times * a / b as a float rounded once; None when b == 0."""
    return None if b == 0 else float(Fraction(a) * times / Fraction(b))


def pct(a, b):
    return ratio(a, b, 100)


def minus_from_100(x):
    """100 - x for an exact Fraction x, or None."""
    return None if x is None else float(100 - x)


# ---------- Inputs ----------
def load(path):
    log = pd.read_csv(path, dtype=str, keep_default_na=False)
    # "a time of day is ignored": keep the calendar date only
    log["day"] = pd.to_datetime(log[DATE].str.strip().str[:10], format="%Y-%m-%d")
    amounts = log[AMOUNT].str.strip()
    # exact money: integers in units of 10^-scale (scale = most decimals seen)
    scale = int(amounts.str.extract(r"\.(\d*)$")[0].str.len().fillna(0).max())
    log["units"] = amounts.map(lambda s: int(Decimal(s).scaleb(scale)))
    log.attrs["unit"] = 10 ** scale
    # a row with amount < 0 is a refund, amount >= 0 a purchase
    log["purchase"] = log["units"] >= 0
    return log


def money(log, units):
    return float(Fraction(int(units), log.attrs["unit"]))


def purchase_days(log):
    """Distinct (customer, day) pairs with at least one purchase."""
    return log.loc[log["purchase"], [ID, "day"]].drop_duplicates()


# ---------- Totals ----------
def totals(log):
    n = log[ID].nunique()
    purchases = log[log["purchase"]]
    t = len(purchases)
    dates_per_customer = purchase_days(log).groupby(ID).size()
    revenue = int(log["units"].sum())
    return {
        "customers_total": n,
        "transactions_total": t,
        "revenue_total": money(log, revenue),
        "aov": ratio(int(purchases["units"].sum()), t * log.attrs["unit"]),
        "purchase_frequency": ratio(t, n),
        "repeat_rate": pct(int((dates_per_customer >= 2).sum()), n),
        "top10_revenue_share": concentration(log)["top10_revenue_share"],
    }


def customer_revenue(log):
    """Each customer's revenue (all amounts, refunds included), in exact units."""
    return log.groupby(ID)["units"].sum()


# ---------- Concentration ----------
def concentration(log):
    rev = customer_revenue(log).sort_values(ascending=False).tolist()
    n, total = len(rev), sum(rev)
    top = -(-n // 10)  # ceil(n / 10)
    top_rev, other_rev = sum(rev[:top]), sum(rev[top:])
    spend_ratio = None
    if n - top > 0 and other_rev > 0:
        spend_ratio = float(Fraction(top_rev, top) / Fraction(other_rev, n - top))
    lorenz = None
    if total > 0:
        lowest_first = [0] + list(pd.Series(rev[::-1]).cumsum())  # revenue of the k lowest
        lorenz = [pct(int(lowest_first[j * n // 100]), total) for j in range(101)]
    return {"top10_revenue_share": pct(top_rev, total) if total != 0 else None,
            "top10_spend_ratio": spend_ratio, "lorenz": lorenz}


# ---------- Time between purchases ----------
def days_between(log):
    pdays = purchase_days(log).sort_values([ID, "day"])
    gaps = pdays.groupby(ID)["day"].diff().dropna().dt.days.astype(int).sort_values().tolist()
    k = len(gaps)
    median = None
    if k:
        median = float(Fraction(gaps[(k - 1) // 2] + gaps[k // 2], 2))
    return {
        "days_between_median": median,
        "days_between_mean": ratio(sum(gaps), k),
        "days_between_histogram": [sum(lo <= g <= hi for g in gaps) for lo, hi in GAP_BINS],
    }


# ---------- Periods ----------
def period_label(p, granularity):
    if granularity == "week":  # ISO week of the Monday that starts it, with the ISO year
        iso = p.start_time.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if granularity == "month":
        return f"{p.year}-{p.month:02d}"
    if granularity == "quarter":
        return f"{p.year}-Q{p.quarter}"
    return f"{p.year}"


def log_periods(log, granularity):
    """Periods from the one holding the first purchase to the one holding the last."""
    days = log.loc[log["purchase"], "day"]
    return pd.period_range(days.min(), days.max(), freq=FREQ[granularity])


# ---------- The customer base over time ----------
def base_at(pdays, b, window):
    """Customers with a purchase on day d with b - W <= d < b."""
    inside = (pdays["day"] >= b - pd.Timedelta(days=window)) & (pdays["day"] < b)
    return set(pdays.loc[inside, ID])


def base_table(log, periods, window):
    pdays = purchase_days(log)
    first = pdays.groupby(ID)["day"].min()  # first purchase ever
    bounds = [p.start_time for p in periods] + [(periods[-1] + 1).start_time]
    bases = [base_at(pdays, b, window) for b in bounds]
    rows = []
    for i, p in enumerate(periods):
        start, end = bounds[i], bounds[i + 1]
        s, e = bases[i], bases[i + 1]
        joined = e - s
        new = sum(first[c] >= start for c in joined)
        crr = None if not s else Fraction(len(e) - len(joined), len(s)) * 100
        rows.append({
            "period": p, "base_start": len(s), "base_end": len(e),
            "churned": len(s - e), "joined": len(joined),
            "new_customers": int(new), "reactivated": len(joined) - int(new),
            "acquired": int(((first >= start) & (first < end)).sum()),
            "crr": crr,
        })
    return rows


def base_json(rows, granularity):
    out = []
    for r in rows:
        r = dict(r, period=period_label(r["period"], granularity))
        crr = r["crr"]
        r["crr"] = None if crr is None else float(crr)
        r["churn_rate"] = minus_from_100(crr)
        out.append(r)
    return out


# ---------- Cohorts ----------
def cohorts(log, granularity):
    freq = FREQ[granularity]
    periods = log_periods(log, granularity)
    last = periods[-1].ordinal
    rows = log.assign(p=pd.PeriodIndex(log["day"], freq=freq).asi8)
    # acquisition cohort = period of the customer's first purchase
    cohort = rows[rows["purchase"]].groupby(ID)["p"].min().rename("cohort")
    rows = rows.join(cohort, on=ID, how="inner")  # refund-only customers have no cohort
    rows["offset"] = rows["p"] - rows["cohort"]
    rows = rows[(rows["offset"] >= 0) & (rows["p"] <= last)]
    size = cohort.value_counts()
    active = rows[rows["purchase"]].groupby(["cohort", "offset"])[ID].nunique()
    revenue = rows.groupby(["cohort", "offset"])["units"].sum()

    out, avg_active, avg_size = [], {}, {}
    for c in sorted(size.index):
        n = int(size[c])
        rev0 = int(revenue.get((c, 0), 0))
        offsets = []
        for k in range(last - c + 1):
            a, r = int(active.get((c, k), 0)), int(revenue.get((c, k), 0))
            offsets.append({"offset": k, "cohort_active": a, "cohort_retention": pct(a, n),
                            "cohort_revenue": money(log, r),
                            "cohort_revenue_pct": pct(r, rev0) if rev0 != 0 else None})
            # cohort_avg_retention: size-weighted, over cohorts that reach offset k
            avg_active[k] = avg_active.get(k, 0) + a
            avg_size[k] = avg_size.get(k, 0) + n
        label = period_label(pd.Period(ordinal=c, freq=freq), granularity)
        out.append({"cohort": label, "cohort_size": n, "offsets": offsets})
    avg = [pct(avg_active[k], avg_size[k]) for k in sorted(avg_active)]
    return out, avg


# ---------- RFM segments ----------
def segment_of(r, f):
    if r == 5:
        return "champions" if f >= 4 else "promising" if f >= 2 else "new"
    if r == 4:
        return "loyal" if f >= 4 else "promising"
    if r == 3:
        return "loyal" if f >= 4 else "needs_attention"
    # r is 1 or 2
    if f == 5:
        return "cant_lose"
    if f >= 3:
        return "at_risk"
    return "hibernating" if r == 2 else "lost"


def rfm(log):
    pdays = purchase_days(log)
    reference = pdays["day"].max() + pd.Timedelta(days=1)  # L + 1
    c = pd.DataFrame({
        "recency": (reference - pdays.groupby(ID)["day"].max()).dt.days,
        "frequency": pdays.groupby(ID).size(),
    })
    c["monetary"] = customer_revenue(log).reindex(c.index)
    m = len(c)
    # w = customers strictly worse; score = 1 + floor(5 w / m)
    worse = {"r": c["recency"].rank(method="min", ascending=False) - 1,  # higher recency is worse
             "f": c["frequency"].rank(method="min") - 1,
             "m": c["monetary"].rank(method="min") - 1}
    for k, w in worse.items():
        c[k] = (1 + (5 * w.astype(int)) // m).astype(int)
    c["segment"] = [segment_of(r, f) for r, f in zip(c["r"], c["f"])]

    segments = {}
    for s in SEGMENTS:
        g = c[c["segment"] == s]
        k = len(g)
        segments[s] = {
            "segment_customers": k, "segment_share": pct(k, m),
            "segment_revenue": money(log, g["monetary"].sum()),
            "recency_mean": ratio(int(g["recency"].sum()), k),
            "frequency_mean": ratio(int(g["frequency"].sum()), k),
            "monetary_mean": ratio(int(g["monetary"].sum()), k * log.attrs["unit"]),
        }
    cells = (c["r"].astype(str) + c["f"].astype(str) + c["m"].astype(str)).value_counts()
    order = log[ID].drop_duplicates()  # order of first appearance in the file
    first = [i for i in order if i in c.index][:200]
    return {
        "reference_day": reference.strftime("%Y-%m-%d"),
        "scored_customers": m,
        "segments": segments,
        "score_cells": {k: int(v) for k, v in cells.items()},
        "first_customers": [
            {"id": i, "recency": int(c.at[i, "recency"]), "frequency": int(c.at[i, "frequency"]),
             "monetary": money(log, c.at[i, "monetary"]),
             "r": int(c.at[i, "r"]), "f": int(c.at[i, "f"]), "m": int(c.at[i, "m"])}
            for i in first],
    }


# ---------- Segment comparison ----------
def attribute_values(log, column):
    """Each customer's value: the cell of their first row in the file, trimmed."""
    return log.drop_duplicates(ID).set_index(ID)[column].str.strip()


def compare(log, column, granularity="month", window=90):
    values = attribute_values(log, column)
    periods = log_periods(log, granularity)  # the log's periods, as on the page
    out = {}
    for v in sorted(values.unique()):
        sub = log[log[ID].isin(values.index[values == v])]
        t = totals(sub)
        rows = base_table(sub, periods, window)
        s_sum = sum(r["base_start"] for r in rows)
        kept = sum(r["base_start"] - r["churned"] for r in rows)
        crr = None if s_sum == 0 else Fraction(kept, s_sum) * 100
        n, rev = t["customers_total"], int(sub["units"].sum())
        out[v] = {k: t[k] for k in ["customers_total", "transactions_total", "revenue_total",
                                    "aov", "purchase_frequency", "repeat_rate"]}
        out[v].update({
            "revenue_per_customer": ratio(rev, n * log.attrs["unit"]),
            "crr": None if crr is None else float(crr),
            "churn_rate": minus_from_100(crr),
            "_revenue_units": rev,  # for the uplift below; dropped from the output
        })
    return out


def flag_pair(values):
    """(yes value, no value) when the column looks like a membership flag, else None."""
    lowered = {v.lower(): v for v in values if v != ""}
    pair = next((p for p in FLAG_PAIRS if set(lowered) == set(p)), None)
    return None if pair is None else (lowered[pair[0]], lowered[pair[1]])


def member_spend_uplift(table, pair):
    """(revenue_per_customer of "yes" / that of "no" - 1) x 100."""
    yes, no = table[pair[0]], table[pair[1]]
    if no["_revenue_units"] <= 0:
        return None
    rpc_yes = Fraction(yes["_revenue_units"], yes["customers_total"])
    rpc_no = Fraction(no["_revenue_units"], no["customers_total"])
    return float((rpc_yes / rpc_no - 1) * 100)


# ---------- main ----------
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--label", help="how the input was made (default: its path)")
    args = ap.parse_args()

    with open(args.input, "rb") as fh:
        sha = hashlib.sha256(fh.read()).hexdigest()
    log = load(args.input)
    attrs = [col for col in pd.read_csv(args.input, nrows=0).columns if col not in (ID, DATE, AMOUNT)]

    result = {
        "input": {"file": args.label or args.input, "sha256": sha, "rows": len(log)},
        "totals": totals(log),
        "days_between": days_between(log),
        "base": {f"{g}-{w}": base_json(base_table(log, log_periods(log, g), w), g)
                 for g, w in BASE_SETTINGS},
        "cohorts": {}, "cohort_avg_retention": {},
        "concentration": concentration(log),
        "rfm": rfm(log),
        "segments": {}, "member_spend_uplift": {},
    }
    for g in ["month", "quarter"]:
        result["cohorts"][g], result["cohort_avg_retention"][g] = cohorts(log, g)
    for col in attrs:
        table = compare(log, col)
        pair = flag_pair(table)
        if pair is not None:
            result["member_spend_uplift"][col] = member_spend_uplift(table, pair)
        for row in table.values():
            del row["_revenue_units"]
        result["segments"][col] = {"month-90": table}

    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump(result, fh, sort_keys=True, indent=1, ensure_ascii=False)
        fh.write("\n")


if __name__ == "__main__":
    main()
