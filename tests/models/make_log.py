#!/usr/bin/env python3
"""Deterministic synthetic transaction log for the lifetime-value oracle.

    python3 tests/models/make_log.py tests/fixtures/models/clv_log.csv [--customers 2600 --seed 20240630]

Only the standard library (random.Random, seeded), so the same seed gives the same file
on any Python 3. Columns: customer,date,amount (dates YYYY-MM-DD, amounts with 2 decimals).

What is in it, on purpose:
- customers arriving over 2023-01-01 .. 2024-09-30, log closing 2024-12-31;
- each customer buys as a Poisson process with a gamma-distributed weekly rate and, after
  each purchase, "dies" with a beta-distributed probability (the BG/NBD story), but some
  customers lapse: a dormant spell of 3-9 months, then they return at their old rate;
- several orders on one day (about 12% of purchase days get a second or third order);
- refunds (amount < 0), about 5% of orders, dated the same day or up to 30 days later
  (sometimes on a day with no purchase, so a refund-only day), a few customers whose
  first row is a refund, and a few orders of amount 0.00 (a purchase, per METRICS.md);
- rows are shuffled within each day, and the file is sorted by date only.
"""
import argparse
import datetime as dt
import math
import random

START = dt.date(2023, 1, 1)
END = dt.date(2024, 12, 31)
LAST_ARRIVAL = dt.date(2024, 9, 30)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("output")
    ap.add_argument("--customers", type=int, default=2600)
    ap.add_argument("--seed", type=int, default=20240630)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    horizon = (END - START).days
    arrival_span = (LAST_ARRIVAL - START).days
    rows = []
    for i in range(args.customers):
        cid = "C%05d" % (i + 1)
        first = rng.randrange(arrival_span + 1)
        rate = rng.gammavariate(0.9, 1 / 3.0) / 7.0  # purchases per day; mean ~0.3/week
        p_drop = rng.betavariate(0.8, 3.0)
        lapser = rng.random() < 0.15
        mean_spend = rng.gammavariate(4.0, 12.0) + 5.0
        days = [first]
        day = first
        lapsed = False
        while True:
            if rng.random() < p_drop:
                if lapser and not lapsed:
                    lapsed = True  # dormant 3-9 months, then back
                    day += rng.randint(90, 270)
                    if day > horizon:
                        break
                    days.append(day)
                    continue
                break
            day += max(1, math.ceil(rng.expovariate(rate + 1e-9)))
            if day > horizon:
                break
            days.append(day)
        if rng.random() < 0.01:  # a refund before the first purchase (earlier order elsewhere)
            before = first - rng.randint(1, 20)
            if before >= 0:
                rows.append((before, cid, -round(rng.uniform(5, 40), 2)))
        for d in days:
            n_orders = 1
            u = rng.random()
            if u < 0.03:
                n_orders = 3
            elif u < 0.12:
                n_orders = 2
            for _ in range(n_orders):
                if rng.random() < 0.01:
                    amount = 0.0
                else:
                    amount = round(rng.gammavariate(6.0, mean_spend / 6.0), 2)
                rows.append((d, cid, amount))
                if amount > 0 and rng.random() < 0.05:
                    later = d + rng.choice([0, 0, 1, 3, 7, 14, 30])
                    if later <= horizon:
                        part = amount if rng.random() < 0.6 else round(amount * rng.uniform(0.1, 0.9), 2)
                        rows.append((later, cid, -part))
    rng.shuffle(rows)
    rows.sort(key=lambda r: r[0])
    with open(args.output, "w", newline="\n") as f:
        f.write("customer,date,amount\n")
        for d, cid, amount in rows:
            f.write("%s,%s,%.2f\n" % (cid, (START + dt.timedelta(days=d)).isoformat(), amount))
    print("%d rows, %d customers -> %s" % (len(rows), args.customers, args.output))


if __name__ == "__main__":
    main()
