//! Native fit times of the lifetime-value models on customer summaries as
//! `bench/make_summaries.py` writes them (`ID,frequency,recency,T,monetary_value`):
//! BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma, each fitted `BENCH_RUNS` times (median
//! printed with iterations and evaluations). Not a test; the browser figures in
//! BENCHMARKS.md come from `bench/models.mjs`. Rerun by hand:
//!
//! ```text
//! /work/venv/bin/python bench/make_summaries.py            # bench/output/summary_*.csv
//! BENCH_FILES=bench/output/summary_100000.csv cargo bench --bench models
//! ```

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use retention::models::data::Customer;
    use retention::models::gamma_gamma::{self, SpendRow};
    use retention::models::{bgnbd, mbgnbd, pareto_nbd};
    use std::time::Instant;

    let files = std::env::var("BENCH_FILES").unwrap_or_else(|_| "bench/output/summary_100000.csv".into());
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    let only = std::env::var("BENCH_MODELS").unwrap_or_else(|_| "bgnbd,pareto,mbgnbd,gamma".into());
    for file in files.split(',') {
        let text = std::fs::read_to_string(file.trim()).expect("a summary file (bench/make_summaries.py)");
        let mut customers = Vec::new();
        let mut spend = Vec::new();
        for line in text.lines().skip(1) {
            let f: Vec<f64> = line.split(',').skip(1).map(|v| v.parse().expect("a number")).collect();
            customers.push(Customer { x: f[0], t_x: f[1], t: f[2], weight: 1.0 });
            if f[0] > 0.0 && f.len() > 3 && f[3] > 0.0 {
                spend.push(SpendRow { x: f[0], mean_spend: f[3], weight: 1.0 });
            }
        }
        println!("{file}: {} customers, {} repeat buyers", customers.len(), spend.len());
        let time = |name: &str, fit: &mut dyn FnMut() -> (u32, u32, f64)| {
            if !only.split(',').any(|m| name.to_lowercase().replace(['/', '-'], "").starts_with(m)) {
                return;
            }
            let mut times = Vec::new();
            let mut last = (0, 0, 0.0);
            for _ in 0..runs {
                let start = Instant::now();
                last = fit();
                times.push(start.elapsed().as_secs_f64() * 1e3);
            }
            times.sort_by(f64::total_cmp);
            println!(
                "  {name:<12} median {:>9.1} ms  ({} runs; {} iterations, {} evaluations, ll {:.4})",
                times[times.len() / 2],
                runs,
                last.0,
                last.1,
                last.2
            );
        };
        if only.split(',').any(|m| m == "valuer") {
            valuer(&text, runs);
            continue;
        }
        time("BG/NBD", &mut || {
            let (_, f) = bgnbd::fit(&customers).expect("fits");
            (f.iterations, f.evaluations, f.log_likelihood)
        });
        time("Pareto/NBD", &mut || {
            let (_, f) = pareto_nbd::fit(&customers).expect("fits");
            (f.iterations, f.evaluations, f.log_likelihood)
        });
        time("MBG/NBD", &mut || {
            let (_, f) = mbgnbd::fit(&customers).expect("fits");
            (f.iterations, f.evaluations, f.log_likelihood)
        });
        time("Gamma-Gamma", &mut || {
            let f = gamma_gamma::fit(&spend).expect("fits");
            (f.fit.iterations, f.fit.evaluations, f.fit.log_likelihood)
        });
    }
}

/// What the worker does for a dropped summary (BENCH_MODELS=valuer): the four fits
/// and the valuation (predictions for every customer, intervals, backtest), timed apart.
#[cfg(not(target_arch = "wasm32"))]
fn valuer(text: &str, runs: usize) {
    use retention::ingest::other_kinds::SummaryRow;
    use retention::metrics::lifetime::fits::ModelKind;
    use retention::metrics::lifetime::{Source, ValuationSettings, Valuer};
    use std::time::Instant;
    let rows: Vec<SummaryRow> = text
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let n = |i: usize| f[i].parse::<f64>().expect("a number");
            SummaryRow {
                customer: f[0].to_string(),
                frequency: n(1),
                recency: n(2),
                age: n(3),
                monetary_value: Some(n(4)),
            }
        })
        .collect();
    let clock = Instant::now();
    let now = || clock.elapsed().as_secs_f64() * 1e3;
    for _ in 0..runs {
        let mut v = Valuer::default();
        let settings = ValuationSettings::default();
        let source = Source::Summary(&rows);
        let mut line = String::new();
        for kind in [ModelKind::BgNbd, ModelKind::GammaGamma] {
            let t = now();
            v.fit(source, &settings, kind, &now);
            line += &format!("{kind:?} {:.0} ms, ", now() - t);
        }
        let t = now();
        v.value(source, &settings, &now).expect("a valuation");
        line += &format!("value {:.0} ms, ", now() - t);
        for kind in [ModelKind::ParetoNbd, ModelKind::MbgNbd] {
            let t = now();
            v.fit(source, &settings, kind, &now);
            line += &format!("{kind:?} {:.0} ms, ", now() - t);
        }
        let t = now();
        v.value(source, &settings, &now).expect("a valuation");
        line += &format!("value with the backtest {:.0} ms", now() - t);
        println!("  {line}");
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
