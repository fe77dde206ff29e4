//! Native time to compute every figure of a transaction log's analysis (base over
//! time, cohorts, concentration, RFM, a segment comparison) from the per-customer data
//! the worker keeps: "first" is the first analysis after a load (`Analysis::of`),
//! "recompute" a change of setting once the settings-independent figures are known
//! (`Analysis::with` on a kept `LogSummary`, as the worker does). Not a test: rerun by
//! hand (BENCHMARKS.md):
//!
//! ```text
//! cargo bench --bench analysis                          # 1e5 and 1e6 rows
//! BENCH_ROWS=1e5,1e6,1e7 cargo bench --bench analysis
//! ```

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use retention::calendar::Granularity;
    use retention::ingest::{read_file, Dataset};
    use retention::metrics::analysis::{Analyser, Analysis, AnalysisSettings};
    use retention::metrics::summary::LogSummary;
    use retention::synth::{log_string, LogOptions};
    use std::hint::black_box;
    use std::time::Instant;

    let sizes = std::env::var("BENCH_ROWS").unwrap_or_else(|_| "1e5,1e6".into());
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    println!("{:>10} {:>10} {:>28} {:>10} {:>12}", "rows", "customers", "settings", "first ms", "recompute ms");
    for size in sizes.split(',') {
        let rows = size.trim().parse::<f64>().expect("a number of rows") as u64;
        let text = log_string(&LogOptions { rows, seed: 7, ..LogOptions::default() });
        let Dataset::Transactions(log) = read_file("bench.csv", &text).expect("readable").dataset else {
            panic!("not a transaction log")
        };
        drop(text);
        let settings = [
            AnalysisSettings::default(),
            AnalysisSettings { window_days: 30, ..AnalysisSettings::default() },
            AnalysisSettings { granularity: Granularity::Week, ..AnalysisSettings::default() },
            AnalysisSettings { segment_by: Some("region".into()), ..AnalysisSettings::default() },
        ];
        let mut analyser = Analyser::new(LogSummary::of(&log));
        // Start from the default settings, as a page does after a load.
        black_box(analyser.analyse("bench.csv", &log, None, &settings[0]));
        for s in &settings {
            let best = |f: &mut dyn FnMut()| {
                (0..runs)
                    .map(|_| {
                        let started = Instant::now();
                        f();
                        started.elapsed().as_secs_f64() * 1000.0
                    })
                    .fold(f64::INFINITY, f64::min)
            };
            let first = best(&mut || {
                black_box(Analysis::of("bench.csv", black_box(&log), None, s));
            });
            let recompute = best(&mut || {
                black_box(analyser.analyse("bench.csv", black_box(&log), None, s));
            });
            let label =
                format!("{}/W{}/{}", s.granularity.key(), s.window_days, s.segment_by.as_deref().unwrap_or("-"));
            println!("{rows:>10} {:>10} {label:>28} {first:>10.1} {recompute:>12.1}", log.customers());
        }
    }
}

/// Nothing to measure in the browser build (`cargo clippy --target wasm32-unknown-unknown --all-targets`).
#[cfg(target_arch = "wasm32")]
fn main() {}
