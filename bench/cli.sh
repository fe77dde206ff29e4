#!/usr/bin/env bash
# Throughput and peak memory of the command-line tool (BENCHMARKS.md, "Command-line
# tool"): `retention analyse` on generated logs of each size, RUNS runs each, medians.
#
#   bench/cli.sh                    10^7 and 10^8 rows, 3 runs (run on a quiet machine)
#   SIZES=1e5 RUNS=1 bench/cli.sh   a quick check that the script works
#
# Logs are written once by the project's generator (`gen`, seed 1, default options:
# about 44 bytes a row) into BENCH_DIR (default /tmp/retention-bench) and kept for the
# next run. Each run reads the file, analyses it (months, W = 90) and writes the JSON
# and every table, as a batch job would; wall time and maximum resident set size come
# from /usr/bin/time -v. MB/s is the file's size in 10^6 bytes over the median wall time.
# The file is read once before the runs, so all runs find it in the page cache.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-1e7 1e8}"
RUNS="${RUNS:-3}"
BENCH_DIR="${BENCH_DIR:-/tmp/retention-bench}"
mkdir -p "$BENCH_DIR"

cargo build --locked --release --quiet --bin retention --bin gen
bin=target/release

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| rows | file (MB) | wall (s), median of $RUNS | MB/s | peak memory (MB) | cores |"
echo "|---:|---:|---:|---:|---:|---:|"
for size in $SIZES; do
  log="$BENCH_DIR/log-$size.csv"
  if [[ ! -s "$log" ]]; then
    "$bin/gen" --rows "$size" --seed 1 -o "$log.part" 2>/dev/null
    mv "$log.part" "$log"
  fi
  cat "$log" >/dev/null
  bytes=$(stat -c %s "$log")
  walls=()
  rss=()
  for _ in $(seq "$RUNS"); do
    out="$BENCH_DIR/out-$size"
    rm -rf "$out"
    /usr/bin/time -v "$bin/retention" analyse "$log" --json "$out.json" --csv-dir "$out" \
      >/dev/null 2>"$BENCH_DIR/time.txt"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$BENCH_DIR/time.txt")
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$BENCH_DIR/time.txt")
    walls+=("$wall")
    rss+=("$kb")
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  kb=$(printf '%s\n' "${rss[@]}" | median)
  awk -v rows="$size" -v bytes="$bytes" -v wall="$wall" -v kb="$kb" -v cores="$(nproc)" 'BEGIN {
    printf "| %s | %.0f | %.2f | %.0f | %.0f | %d |\n", rows, bytes / 1e6, wall, bytes / 1e6 / wall, kb / 1024, cores
  }'
done
