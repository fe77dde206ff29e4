"""Acquisition versus retention, recomputed with pandas from ../shared/METRICS.md
("Acquisition versus retention") and docs/definitions.md ("Acquisition versus retention
(additions)") alone, without looking at the Rust code: spend spread over the analysis
periods pro rata by days, joined with the base over time of the transaction log.

    python3 tests/oracle/acquisition.py /tmp/oracle-100k.csv tests/fixtures/oracle/spend-100k.csv \
        tests/fixtures/oracle/acquisition-100k.json

Exact arithmetic: spend in cents, shares of days as fractions, each figure rounded once.
`ltv_cac` and `payback_months` take a fixed CLV (150) and monthly margin (12.50) per
customer, the inputs the app is given, so that the test checks the formulas only.
"""
import hashlib
import json
import re
import sys
from decimal import Decimal
from fractions import Fraction

import pandas as pd

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from metrics import AMOUNT, DATE, ID, FREQ, base_table, load, log_periods, period_label, purchase_days  # noqa: E402

CLV, MONTHLY_MARGIN = Fraction(150), Fraction(1250, 100)
SETTINGS = [("month", 90), ("week", 30), ("quarter", 90)]

ACQUISITION_WORDS = ["acqui", "werv", "nieuw", "new", "prospect"]
RETENTION_WORDS = ["reten", "behoud", "loyal", "bestaand", "existing", "keep"]
ACQUISITION_CHANNELS = ["google", "facebook", "meta", "tiktok", "affiliate"]
RETENTION_CHANNELS = ["nieuwsbrief", "newsletter", "e-mail", "email", "loyalty", "crm", "push"]


def kind(type_text, channel):
    t = type_text.strip().lower()
    if any(w in t for w in ACQUISITION_WORDS):
        return "acquisition"
    if any(w in t for w in RETENTION_WORDS):
        return "retention"
    c = channel.strip().lower()
    if any(w in c for w in ACQUISITION_CHANNELS):
        return "acquisition"
    if any(w in c for w in RETENTION_CHANNELS):
        return "retention"
    return "unspecified"


def is_date(text):
    return len(re.findall(r"\d+", text)) == 3


def span_of(text, by_day):
    """[start, end) of a spend row's period as Timestamps."""
    if is_date(text):
        d = pd.Timestamp(text)
        if by_day:
            return d, d + pd.Timedelta(days=1)
        p = d.to_period("M")
    elif re.fullmatch(r"\d{4}-Q\d", text):
        p = pd.Period(text, freq="Q")
    elif re.fullmatch(r"\d{4}-\d{2}", text):
        p = pd.Period(text, freq="M")
    elif re.fullmatch(r"\d{4}", text):
        p = pd.Period(text, freq="Y")
    else:
        raise ValueError(text)
    return p.start_time.normalize(), (p + 1).start_time.normalize()


def ratio(a, b):
    return None if b == 0 else float(Fraction(a) / Fraction(b))


def figures(acq, ret, acquired, retained, orders_new, orders_existing):
    cac = None if acquired == 0 else Fraction(acq) / acquired
    cpr = None if retained == 0 else Fraction(ret) / retained
    return {
        "acquisition_spend": float(acq), "retention_spend": float(ret),
        "acquired": acquired, "retained": retained,
        "orders_new": orders_new, "orders_existing": orders_existing,
        "cac": None if cac is None else float(cac),
        "cost_per_retained": None if cpr is None else float(cpr),
        "cost_ratio": None if cac is None or cpr is None or cpr == 0 else float(cac / cpr),
        "cpo_new": ratio(acq, orders_new), "cpo_existing": ratio(ret, orders_existing),
        "_cac": cac,
    }


def channel_figures(log, spend, spans, periods, bounds, span_sums, granularity):
    """Per channel over the span (docs/definitions.md): the channel's spend inside the
    periods; acquired and first-period orders of the customers whose value in the log's
    channel column names the channel (the attribute column where most customers name a
    spend channel, trimmed and case aside), else the whole log's; retained and existing
    orders always the whole log's."""
    names = list(dict.fromkeys(c for c in spend["channel"] if c != ""))
    lower = {n.strip().lower(): n for n in names}
    attributes = [c for c in log.columns if c not in (ID, DATE, AMOUNT, "day", "units", "purchase")]
    firsts = log.groupby(ID, sort=False).first()
    best, best_n = None, 0
    for a in attributes:
        n = int(firsts[a].fillna("").str.strip().str.lower().isin(lower.keys()).sum())
        if n > best_n:
            best, best_n = a, n
    freq = FREQ[granularity]
    purchases = log.loc[log["purchase"], [ID, "day"]].copy()
    first = purchase_days(log).groupby(ID)["day"].min()
    purchases["new"] = purchases["day"].dt.to_period(freq) == purchases[ID].map(first).dt.to_period(freq)
    _, _, acquired_all, retained, orders_new_all, orders_existing = span_sums
    out = []
    for name in names:
        acq, ret = Fraction(0), Fraction(0)
        for (start, end, amount, k, channel) in spans:
            if channel != name:
                continue
            days = (end - start).days
            inside = sum(max(0, (min(bounds[i + 1], end) - max(bounds[i], start)).days) for i in range(len(periods)))
            if k == "acquisition":
                acq += amount * inside / days
            elif k == "retention":
                ret += amount * inside / days
        if best is None:
            acquired, orders_new = acquired_all, orders_new_all
        else:
            ids = firsts.index[firsts[best].fillna("").str.strip().str.lower() == name.strip().lower()]
            ids = ids[ids.isin(first.index)]
            acquired = len(ids)
            orders_new = int(purchases[purchases[ID].isin(ids) & purchases["new"]].shape[0])
        f = figures(acq, ret, acquired, retained, orders_new, orders_existing)
        del f["_cac"]
        out.append(dict(f, channel=name, attributed=best is not None))
    return out, best


def acquisition(log, spend, granularity, window):
    periods = log_periods(log, granularity)
    bounds = [p.start_time.normalize() for p in periods] + [(periods[-1] + 1).start_time.normalize()]
    n = len(periods)
    alloc = {k: [Fraction(0)] * n for k in ("acquisition", "retention", "unspecified")}
    outside = {k: Fraction(0) for k in alloc}
    by_day = any(is_date(t) and pd.Timestamp(t).day != 1 for t in spend["period"])
    split = False
    spans = []
    for _, r in spend.iterrows():
        start, end = span_of(r["period"], by_day)
        days = (end - start).days
        amount = Fraction(int(Decimal(r["spend"]).scaleb(2)), 100)
        k = kind(r["type"], r["channel"])
        spans.append((start, end, amount, k, r["channel"]))
        placed, touched = 0, 0
        for i in range(n):
            a, b = max(bounds[i], start), min(bounds[i + 1], end)
            overlap = (b - a).days
            if overlap > 0:
                alloc[k][i] += amount * overlap / days
                placed += overlap
                touched += 1
        split = split or touched > 1
        outside[k] += amount * (days - placed) / days
    base = base_table(log, periods, window)
    # Orders: purchase rows, new in the period of the customer's first purchase.
    purchases = log.loc[log["purchase"], [ID, "day"]].copy()
    first = purchase_days(log).groupby(ID)["day"].min()
    freq = FREQ[granularity]
    purchases["p"] = purchases["day"].dt.to_period(freq)
    purchases["first_p"] = purchases[ID].map(first).dt.to_period(freq)
    new_orders = purchases[purchases["p"] == purchases["first_p"]].groupby("p").size()
    old_orders = purchases[purchases["p"] != purchases["first_p"]].groupby("p").size()
    rows, sums = [], [Fraction(0), Fraction(0), 0, 0, 0, 0]
    for i, p in enumerate(periods):
        b = base[i]
        vals = [alloc["acquisition"][i], alloc["retention"][i], b["acquired"], b["base_start"] - b["churned"],
                int(new_orders.get(p, 0)), int(old_orders.get(p, 0))]
        sums = [s + v for s, v in zip(sums, vals)]
        f = figures(*vals)
        del f["_cac"]
        rows.append(dict(f, period=period_label(p, granularity)))
    span = figures(*sums)
    cac = span.pop("_cac")
    channels, column = channel_figures(log, spend, spans, periods, bounds, sums, granularity)
    return {
        "channels": channels, "channel_column": column,
        "periods": rows, "span": span,
        "ltv_cac": None if not cac else float(CLV / cac),
        "payback_months": None if cac is None else float(cac / MONTHLY_MARGIN),
        "split": split,
        "outside": [float(outside[k]) for k in ("acquisition", "retention", "unspecified")],
    }


def main():
    log_path, spend_path, out = sys.argv[1:4]
    log = load(log_path)
    spend = pd.read_csv(spend_path, dtype=str, keep_default_na=False)
    sha = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
    result = {
        "input": {"log_sha256": sha(log_path), "spend": spend_path, "spend_sha256": sha(spend_path)},
        "clv": float(CLV), "monthly_margin": float(MONTHLY_MARGIN),
        "acquisition": {f"{g}-{w}": acquisition(log, spend, g, w) for g, w in SETTINGS},
    }
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, sort_keys=True, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
