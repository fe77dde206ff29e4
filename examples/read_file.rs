//! Reads a CSV file from disk as the Web Worker does (`ingest::read_file`: detect on the
//! first MiB, the streaming `Reader`, `finish`; then the `FileReport`) and prints the
//! best time of N reads. For profiling on the benchmark's files (BENCHMARKS.md):
//!
//! ```text
//! cargo run --release --example read_file -- /tmp/retention-bench/log-en-1e6.csv 5
//! perf stat -e cycles:u,instructions:u target/release/examples/read_file FILE 1
//! ```

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use retention::ingest::{read_file, Dataset};
    use retention::report::FileReport;
    use std::time::Instant;

    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: read_file FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut best = f64::MAX;
    for _ in 0..runs {
        let started = Instant::now();
        let loaded = read_file("file.csv", &bytes).expect("a readable file");
        let report = FileReport::of(&loaded);
        let seconds = started.elapsed().as_secs_f64();
        best = best.min(seconds);
        let (customers, revenue) = match &loaded.dataset {
            Dataset::Transactions(log) => (log.customers(), log.amounts.iter().sum::<f64>()),
            _ => (0, 0.0),
        };
        eprintln!(
            "{seconds:.3} s: {} rows, {} skipped, {customers} customers, purchases {revenue:.2}",
            loaded.data_rows, report.errors.total
        );
    }
    println!("best of {runs}: {best:.3} s, {:.0} MB/s", bytes.len() as f64 / 1e6 / best);
}

/// Nothing to do in the browser build (`cargo clippy --target wasm32-unknown-unknown --all-targets`).
#[cfg(target_arch = "wasm32")]
fn main() {}
