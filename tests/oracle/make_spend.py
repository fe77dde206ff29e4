"""Writes tests/fixtures/oracle/spend-100k.csv: synthetic marketing spend for the
generated 100k log (2022-01 .. 2024-12), in every shape a spend file takes: monthly
rows per channel with a type column, rows by day (so every date is a day), a quarter
and a year (split over months by days), a kind said only by the channel's name, spend
of no known kind, and spend before and after the log's periods. Deterministic (seeded).

    python3 tests/oracle/make_spend.py tests/fixtures/oracle/spend-100k.csv
"""
import random
import sys

rng = random.Random(20261203)
rows = [("period", "type", "channel", "spend")]
cents = lambda lo, hi: f"{rng.randint(lo * 100, hi * 100) / 100:.2f}"
for y in (2022, 2023, 2024):
    for m in range(1, 13):
        rows.append((f"{y}-{m:02d}", "acquisition", "Google Ads", cents(800, 2500)))
        if m % 2 == 0:
            rows.append((f"{y}-{m:02d}", "retention", "CRM", cents(100, 400)))
        # Newsletters by day: a kind said by the channel alone.
        for d in (3, 17):
            rows.append((f"{y}-{m:02d}-{d:02d}", "", "Nieuwsbrief", cents(20, 90)))
    for q in (1, 2, 3, 4):
        rows.append((f"{y}-Q{q}", "", "TikTok", cents(300, 900)))
    rows.append((f"{y}", "retention", "Loyalty app", cents(1000, 3000)))
    rows.append((f"{y}-06", "", "Radio", cents(200, 500)))
    # A channel the log names too (its channel column says "app" for some customers):
    # acquisition per channel is then its own customers'.
    for m in (3, 9):
        rows.append((f"{y}-{m:02d}", "acquisition", "App", cents(400, 1200)))
# Outside the log's periods.
rows.append(("2021-12", "acquisition", "Google Ads", "500.00"))
rows.append(("2025-01-15", "", "Nieuwsbrief", "40.00"))
with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as fh:
    for r in rows:
        fh.write(",".join(r) + "\n")
