"""The warehouse SQL (src/sql/, printed by `retention sql`) run on real engines over a
generated log, every figure compared with what the app's own core computes from the
same log (`retention analyse --json --csv-dir`), to 1e-9.

    tests/warehouse/check.py [--engines duckdb,spark,postgres] [--rows 100000]

The log is the crate's own generator's (`gen`), 100,000 rows by default (generated
with some to spare, cut at 100,000 after the gap below is taken out), with these added so that every rule of METRICS.md is exercised (the script checks each is there):
refunds (the generator's), several orders of a customer on one day, customers who
lapse past the window and come back, empty periods (every order from 2023-07-01 to
2023-09-30 is taken out: an empty quarter, three empty months, thirteen empty weeks),
a customer with refunds only, a refund before a customer's first purchase, an id with
spaces around it, and rows the app skips (no customer id, no amount).

Engines: DuckDB (PyPI duckdb), Spark SQL in local mode (PyPI pyspark, Java), and
PostgreSQL when `pg_ctl` (Debian postgresql) is there: a throw-away cluster in a
temporary folder, on a Unix socket only. BigQuery and Snowflake are checked by the
golden SQL text (tests/sql_golden.rs). Each engine's time is printed. DuckDB's results
are also saved as CSV files and read by `retention analyse`, which must recognise the
summary as a customer summary, the base as period counts and the cohorts as a cohort
table, every row used.

Exit status 0 when every figure of every engine matches; the last line says
'N passed, N failed'.
"""

import argparse
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
# The binaries of the test profile (optimised; what `cargo test` has just built), or
# those in RETENTION_BIN_DIR.
BIN_DIR = os.environ.get("RETENTION_BIN_DIR", os.path.join(TARGET, "debug"))
RETENTION = os.path.join(BIN_DIR, "retention")
GEN = os.path.join(BIN_DIR, "gen")

TABLE = "shop.orders"
COLUMNS = ["customer_id", "order_date", "amount", "channel", "loyalty_member", "region"]
GAP = (date(2023, 7, 1), date(2023, 9, 30))
# (granularity, W) for the base and the cohorts; time units for the summary.
SETTINGS = [("month", 90), ("week", 30), ("quarter", 180), ("year", 365)]
UNITS = [("week", None), ("day", None), ("month", "2024-06-30")]
TOLERANCE = 1e-9


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def make_log(folder, rows):
    """The generator's log, with the gap taken out and the edge cases added."""
    raw = os.path.join(folder, "raw.csv")
    # The gap takes out about 8% of the orders: generate more, keep `rows` in all.
    run([GEN, "--rows", str(rows * 100 // 88), "--seed", "14", "-o", raw])
    path = os.path.join(folder, "orders.csv")
    with open(raw, newline="") as f, open(path, "w", newline="") as out:
        reader = csv.reader(f)
        writer = csv.writer(out, lineterminator="\n")
        header = next(reader)
        assert header == COLUMNS, header
        writer.writerow(header)
        kept = 0
        extra = [
            # Refunds only: counted in revenue, never in the base, a cohort or the summary.
            ["R-ONLY", "2023-03-10", "-12.50", "web", "no", "Utrecht"],
            # A refund before the first purchase: in no cohort cell.
            ["R-FIRST", "2023-01-05", "-5.00", "app", "no", "Utrecht"],
            ["R-FIRST", "2023-02-20", "40.00", "app", "no", "Utrecht"],
            ["R-FIRST", "2023-02-20", "2.50", "app", "no", "Utrecht"],
            # Spaces around the id: the same customer as without them.
            [" SPACED ", "2022-05-01", "10.00", "shop", "yes", "Limburg"],
            ["SPACED", "2022-11-01", "20.00", "shop", "yes", "Limburg"],
            # Rows the app skips (and lists): no customer id, no amount.
            ["", "2023-04-01", "10.00", "web", "no", "Utrecht"],
            ["NO-AMOUNT", "2023-04-01", "", "web", "no", "Utrecht"],
        ]
        for row in reader:
            if kept == rows - len(extra):
                break
            day = date.fromisoformat(row[1])
            if GAP[0] <= day <= GAP[1]:
                continue
            writer.writerow(row)
            kept += 1
        writer.writerows(extra)
    return path, kept + len(extra)


def check_log(path, rows):
    """The log has what it must have to exercise every rule."""
    days = {}
    refunds = 0
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if not row["customer_id"].strip() or not row["amount"]:
                continue
            if float(row["amount"]) < 0:
                refunds += 1
                continue
            days.setdefault(row["customer_id"].strip(), []).append(date.fromisoformat(row["order_date"]))
    all_days = [d for ds in days.values() for d in ds]
    # Empty periods: nothing in the gap, purchases before and after it.
    assert min(all_days) < GAP[0] and max(all_days) > GAP[1] and not any(GAP[0] <= d <= GAP[1] for d in all_days)
    same_day = sum(len(d) - len(set(d)) for d in days.values())
    lapsed = 0
    for d in days.values():
        d = sorted(set(d))
        lapsed += any((b - a).days > 365 for a, b in zip(d, d[1:]))
    assert refunds > rows // 100, refunds
    assert same_day > rows // 1000, same_day
    assert lapsed > rows // 1000, lapsed
    return {"refunds": refunds, "orders on a day already bought on": same_day, "customers back after > 365 days": lapsed}


def core(log, folder, granularity, window, unit, end):
    """The app's figures: `retention analyse`'s JSON and customers.csv."""
    out = os.path.join(folder, f"core-{granularity}-{window}-{unit}")
    cmd = [RETENTION, "analyse", log, "--granularity", granularity, "--window-days", str(window),
           "--time-unit", unit, "--json", out + ".json", "--csv-dir", out]
    if end:
        cmd += ["--calibration-end", end]
    run(cmd)
    with open(out + ".json") as f:
        doc = json.load(f)
    with open(os.path.join(out, "customers.csv"), newline="") as f:
        customers = list(csv.DictReader(f))
    return doc, customers


def sql(engine, what, granularity="month", window=90, unit="week", end=None):
    cmd = [RETENTION, "sql", "--engine", engine, "--table", TABLE, "--customer", "customer_id",
           "--date", "order_date", "--amount", "amount", "--attribute", "channel", "--what", what,
           "--granularity", granularity, "--window-days", str(window), "--time-unit", unit]
    if end:
        cmd += ["--calibration-end", end]
    return run(cmd).stdout


class Result:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.messages = []

    def same(self, what, got, want):
        ok = got == want
        if isinstance(want, float) or isinstance(got, float):
            ok = (got is None) == (want is None) and (
                got is None or abs(got - want) <= TOLERANCE * max(1.0, abs(got), abs(want)))
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            if len(self.messages) < 30:
                self.messages.append(f"{what}: engine {got!r}, core {want!r}")


def num(v):
    """An engine's value as a Python number (None for NULL)."""
    if v is None:
        return None
    if hasattr(v, "is_nan"):  # Decimal
        return float(v)
    return v


def compare_base(res, engine, label, rows, doc):
    want = doc["base"]
    res.same(f"{engine} {label} base: periods", [r["period"] for r in rows], [p["period"] for p in want])
    keys = [("S", "base_start"), ("E", "base_end"), ("N", "joined"), ("churned", "churned"),
            ("new_customers", "new_customers"), ("reactivated", "reactivated"), ("acquired", "acquired")]
    for r, p in zip(rows, want):
        for col, key in keys:
            res.same(f"{engine} {label} base {p['period']} {key}", int(r[col]), p[key])
        for key in ["crr", "churn_rate"]:
            res.same(f"{engine} {label} base {p['period']} {key}", num(r[key]), p[key])


def compare_cohorts(res, engine, label, rows, doc):
    want = [(c["cohort"], o["offset"], c["cohort_size"], o) for c in doc["cohorts"] for o in c["offsets"]]
    res.same(f"{engine} {label} cohorts: cells", [(r["cohort"], int(r["offset"])) for r in rows],
             [(c, k) for c, k, _, _ in want])
    for r, (c, k, size, o) in zip(rows, want):
        what = f"{engine} {label} cohort {c} +{k}"
        res.same(what + " size", int(r["cohort_size"]), size)
        res.same(what + " active", int(r["cohort_active"]), o["cohort_active"])
        for key in ["cohort_retention", "cohort_revenue", "cohort_revenue_pct"]:
            res.same(f"{what} {key}", num(r[key]), o[key])
    # The size-weighted average curve from the engine's cells, as docs/definitions.md defines it.
    sums = {}
    for r in rows:
        a, s = sums.get(int(r["offset"]), (0, 0))
        sums[int(r["offset"])] = (a + int(r["cohort_active"]), s + int(r["cohort_size"]))
    avg = [sums[k][0] / sums[k][1] * 100 for k in sorted(sums)]
    res.same(f"{engine} {label} cohort_avg_retention", len(avg), len(doc["cohort_avg_retention"]))
    for k, (a, b) in enumerate(zip(avg, doc["cohort_avg_retention"])):
        res.same(f"{engine} {label} cohort_avg_retention +{k}", a, b)


def compare_summary(res, engine, label, rows, customers):
    want = {c["customer_id"]: c for c in customers}
    got = {r["customer_id"]: r for r in rows}
    res.same(f"{engine} {label} summary: customers", sorted(got), sorted(want))
    for cid, c in want.items():
        r = got.get(cid)
        if r is None:
            continue
        for key in ["frequency"]:
            res.same(f"{engine} {label} {cid} {key}", int(r[key]), int(c[key]))
        for key in ["recency", "T", "monetary_value", "revenue"]:
            res.same(f"{engine} {label} {cid} {key}", float(num(r[key])), float(c[key]))
        for key in ["first_purchase", "last_purchase"]:
            res.same(f"{engine} {label} {cid} {key}", str(r[key]), c[key])
        res.same(f"{engine} {label} {cid} channel", r["channel"], c["channel"])


def compare_drop_in(res, db, folder):
    """The engine's results saved as CSV files are recognised by the app: the summary as a
    customer summary, the base as period counts (its S = 0 periods read as periods
    without a CRR, not skipped), the cohorts as a cohort table, every row used."""
    for what, kind in [("summary", "a customer summary"), ("base", "period counts"), ("cohorts", "a cohort table")]:
        path = os.path.join(folder, f"{db.name}-{what}.csv")
        text = sql(db.name, what).rstrip().rstrip(";")
        db.con.execute(f"COPY ({text}) TO '{path}' (HEADER, DELIMITER ',')")
        rows = db.query(text)
        out = run([RETENTION, "analyse", path]).stdout
        want = f"{os.path.basename(path)}: {kind}, {len(rows)} data rows, 0 skipped"
        res.same(f"{db.name} {what} file dropped into the app", out.splitlines()[0], want)


# --- Engines: each loads the log as the table shop.orders and runs a query. -----------

class DuckDb:
    name = "duckdb"

    def __init__(self, log, folder):
        import duckdb
        self.con = duckdb.connect()
        self.con.execute("CREATE SCHEMA shop")
        self.con.execute(
            "CREATE TABLE shop.orders AS SELECT * FROM read_csv(?, header = true, columns = {"
            "'customer_id': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DOUBLE', 'channel': 'VARCHAR',"
            "'loyalty_member': 'VARCHAR', 'region': 'VARCHAR'})", [log])

    def query(self, text):
        cur = self.con.execute(text)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def close(self):
        self.con.close()


class Spark:
    name = "spark"

    def __init__(self, log, folder):
        from pyspark.sql import SparkSession
        from pyspark.sql.types import DateType, DoubleType, StringType, StructField, StructType
        self.spark = (SparkSession.builder.master("local[2]").appName("retention-warehouse-check")
                      .config("spark.sql.warehouse.dir", os.path.join(folder, "spark-warehouse"))
                      .config("spark.sql.shuffle.partitions", "4")
                      .config("spark.ui.enabled", "false")
                      .config("spark.ui.showConsoleProgress", "false")
                      .config("spark.driver.memory", "2g")
                      .getOrCreate())
        self.spark.sparkContext.setLogLevel("ERROR")
        schema = StructType([StructField("customer_id", StringType()), StructField("order_date", DateType()),
                             StructField("amount", DoubleType()), StructField("channel", StringType()),
                             StructField("loyalty_member", StringType()), StructField("region", StringType())])
        frame = self.spark.read.csv(log, header=True, schema=schema, ignoreLeadingWhiteSpace=False,
                                    ignoreTrailingWhiteSpace=False)
        self.spark.sql("CREATE DATABASE IF NOT EXISTS shop")
        frame.write.mode("overwrite").saveAsTable("shop.orders")

    def query(self, text):
        return [row.asDict() for row in self.spark.sql(text).collect()]

    def close(self):
        self.spark.stop()


class Postgres:
    name = "postgres"

    def __init__(self, log, folder):
        bindir = pg_bindir()
        self.data = os.path.join(folder, "pg")
        self.sock = os.path.join(folder, "pgsock")
        os.makedirs(self.sock)
        user = []
        self.as_user = []
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root: a cluster owned by `nobody` in a folder it may write.
            for d in [folder, self.sock]:
                os.chmod(d, 0o777)
            self.as_user = ["runuser", "-u", "nobody", "--"]
            user = ["-U", "nobody"]
        self.bin = bindir
        run(self.as_user + [os.path.join(bindir, "initdb"), "-D", self.data, "-A", "trust", "--no-sync"])
        run(self.as_user + [os.path.join(bindir, "pg_ctl"), "-D", self.data, "-w", "-l", os.path.join(folder, "pg.log"),
                            "-o", f"-k {self.sock} -c listen_addresses='' -c fsync=off", "start"])
        self.psql_args = [os.path.join(bindir, "psql"), "-h", self.sock, "-d", "postgres", "-X", "-q",
                          "-v", "ON_ERROR_STOP=1"] + user
        self.psql("CREATE SCHEMA shop; CREATE TABLE shop.orders (customer_id TEXT, order_date DATE, "
                  "amount DOUBLE PRECISION, channel TEXT, loyalty_member TEXT, region TEXT);")
        with open(log, "rb") as f:
            subprocess.run(self.psql_args + ["-c", "\\copy shop.orders FROM STDIN WITH (FORMAT csv, HEADER true)"],
                           stdin=f, check=True, capture_output=True)

    def psql(self, text, csv_out=False):
        args = self.psql_args + (["--csv"] if csv_out else [])
        return subprocess.run(args, input=text, check=True, capture_output=True, text=True).stdout

    def query(self, text):
        # Full float precision, then the rows as CSV.
        out = self.psql("SET extra_float_digits = 3;\n" + text, csv_out=True)
        rows = list(csv.DictReader(out.splitlines()))
        return [{k: v if k in TEXT_COLUMNS else parse_pg(v) for k, v in r.items()} for r in rows]

    def close(self):
        run(self.as_user + [os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "fast", "stop"])


TEXT_COLUMNS = {"period", "cohort", "customer_id", "channel", "first_purchase", "last_purchase"}


def parse_pg(v):
    if v == "":
        return None
    try:
        return int(v)
    except ValueError:
        pass
    try:
        return float(v)
    except ValueError:
        return v


def pg_bindir():
    base = "/usr/lib/postgresql"
    if os.path.isdir(base):
        for version in sorted(os.listdir(base), key=lambda v: int(v) if v.isdigit() else 0, reverse=True):
            b = os.path.join(base, version, "bin")
            if os.path.exists(os.path.join(b, "initdb")):
                return b
    return None


ENGINES = {"duckdb": DuckDb, "spark": Spark, "postgres": Postgres}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engines", default="duckdb,spark,postgres")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    res = Result()
    if "RETENTION_BIN_DIR" not in os.environ:
        run(["cargo", "build", "--locked", "--profile", "test", "--bin", "retention", "--bin", "gen"], cwd=ROOT)
    with tempfile.TemporaryDirectory(prefix="retention-warehouse-") as folder:
        t = time.monotonic()
        log, rows = make_log(folder, args.rows)
        print(f"log: {rows} rows ({os.path.getsize(log) / 1e6:.1f} MB), {check_log(log, rows)}")
        cores = {}
        for (g, w), (u, end) in zip(SETTINGS, UNITS + [UNITS[0]]):
            cores[(g, w, u, end)] = core(log, folder, g, w, u, end)
        print(f"core figures ({len(cores)} settings): {time.monotonic() - t:.1f} s")
        for engine in args.engines.split(","):
            if engine == "postgres" and pg_bindir() is None:
                print("postgres: skipped (no PostgreSQL installed)")
                continue
            t = time.monotonic()
            db = ENGINES[engine](log, folder)
            loaded = time.monotonic() - t
            queries = 0
            for (g, w, u, end), (doc, customers) in cores.items():
                label = f"{g} W={w}"
                compare_base(res, engine, label, db.query(sql(engine, "base", g, w)), doc)
                compare_cohorts(res, engine, label, db.query(sql(engine, "cohorts", g, w)), doc)
                label = f"unit={u} end={end}"
                compare_summary(res, engine, label, db.query(sql(engine, "summary", unit=u, end=end)), customers)
                queries += 3
            if engine == "duckdb":
                compare_drop_in(res, db, folder)
            db.close()
            print(f"{engine}: loaded in {loaded:.1f} s, {queries} queries in {time.monotonic() - t - loaded:.1f} s")
    for m in res.messages:
        print("MISMATCH", m)
    print(f"{res.passed} passed, {res.failed} failed")
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
