//! Cross-check against an independent implementation: `tests/oracle/metrics.py`
//! recomputes every figure of METRICS.md and docs/definitions.md with pandas (exact
//! cents and fractions); its output for a generated 100k-row log (and for a small
//! hand-checked file) is committed in `tests/fixtures/oracle/`. Every figure the app
//! computes must equal it to 1e-9 (relative).

use retention::calendar::Granularity;
use retention::ingest::{read_file, CustomerLog, Dataset};
use retention::metrics::analysis::{Analysis, AnalysisSettings};
use retention::metrics::comparison::compare;
use retention::metrics::rfm;
use retention::metrics::timeline::Timeline;
use retention::synth::{log_string, LogOptions};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

fn close(ours: Option<f64>, theirs: &Value, what: &str) {
    match (ours, theirs.as_f64()) {
        (None, None) => {}
        (Some(a), Some(b)) => {
            assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{what}: app {a}, oracle {b}");
        }
        (a, _) => panic!("{what}: app {a:?}, oracle {theirs}"),
    }
}

fn count(ours: u64, theirs: &Value, what: &str) {
    assert_eq!(Some(ours), theirs.as_u64(), "{what}");
}

fn log_of(name: &str, bytes: &[u8]) -> CustomerLog {
    let file = read_file(name, bytes).expect("readable");
    assert_eq!(file.errors.total, 0, "{:?}", file.errors.listed.first());
    match file.dataset {
        Dataset::Transactions(log) => log,
        other => panic!("{:?}", other.kind()),
    }
}

fn check(log: &CustomerLog, oracle: &Value) {
    let settings = |g: Granularity, w: u32| AnalysisSettings { granularity: g, window_days: w, segment_by: None };
    let month = Analysis::of("log.csv", log, None, &settings(Granularity::Month, 90));

    // Totals.
    let t = &month.summary.totals;
    let o = &oracle["totals"];
    count(t.customers_total, &o["customers_total"], "customers_total");
    count(t.transactions_total, &o["transactions_total"], "transactions_total");
    close(t.revenue_total, &o["revenue_total"], "revenue_total");
    close(t.aov, &o["aov"], "aov");
    close(t.purchase_frequency, &o["purchase_frequency"], "purchase_frequency");
    close(t.repeat_rate, &o["repeat_rate"], "repeat_rate");
    close(month.summary.top10_revenue_share(), &o["top10_revenue_share"], "top10_revenue_share");

    // Time between purchases.
    let o = &oracle["days_between"];
    close(month.summary.gaps.days_between_median, &o["days_between_median"], "days_between_median");
    close(month.summary.gaps.days_between_mean, &o["days_between_mean"], "days_between_mean");
    let histogram: Vec<u64> =
        o["days_between_histogram"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(month.summary.gaps.days_between_histogram, histogram);

    // The customer base, for every setting the oracle computed.
    for (key, rows) in oracle["base"].as_object().unwrap() {
        let (g, w) = key.split_once('-').unwrap();
        let a = Analysis::of("log.csv", log, None, &settings(Granularity::from_key(g).unwrap(), w.parse().unwrap()));
        let rows = rows.as_array().unwrap();
        assert_eq!(a.base.len(), rows.len(), "{key}: periods");
        for (ours, theirs) in a.base.iter().zip(rows) {
            let what = format!("{key} {}", ours.period);
            assert_eq!(ours.period.to_string(), theirs["period"].as_str().unwrap(), "{what}");
            count(ours.base_start, &theirs["base_start"], &format!("{what} base_start"));
            count(ours.base_end, &theirs["base_end"], &format!("{what} base_end"));
            count(ours.churned, &theirs["churned"], &format!("{what} churned"));
            count(ours.joined, &theirs["joined"], &format!("{what} joined"));
            count(ours.new_customers, &theirs["new_customers"], &format!("{what} new_customers"));
            count(ours.reactivated, &theirs["reactivated"], &format!("{what} reactivated"));
            count(ours.acquired, &theirs["acquired"], &format!("{what} acquired"));
            close(ours.crr, &theirs["crr"], &format!("{what} crr"));
            close(ours.churn_rate, &theirs["churn_rate"], &format!("{what} churn_rate"));
        }
    }

    // Cohorts (the oracle lists only cohorts with customers).
    for (key, cohorts) in oracle["cohorts"].as_object().unwrap() {
        let a = Analysis::of("log.csv", log, None, &settings(Granularity::from_key(key).unwrap(), 90));
        let ours: Vec<_> = a.cohorts.iter().filter(|c| c.size > 0).collect();
        let theirs = cohorts.as_array().unwrap();
        assert_eq!(ours.len(), theirs.len(), "{key}: cohorts");
        for (c, o) in ours.iter().zip(theirs) {
            let what = format!("{key} cohort {}", c.period);
            assert_eq!(c.period.to_string(), o["cohort"].as_str().unwrap());
            count(c.size, &o["cohort_size"], &what);
            let offsets = o["offsets"].as_array().unwrap();
            assert_eq!(c.active.len(), offsets.len(), "{what}: offsets");
            for (k, o) in offsets.iter().enumerate() {
                count(c.active[k], &o["cohort_active"], &format!("{what}+{k} active"));
                close(c.retention(k), &o["cohort_retention"], &format!("{what}+{k} retention"));
                close(Some(c.revenue[k]), &o["cohort_revenue"], &format!("{what}+{k} revenue"));
                close(c.revenue_pct(k), &o["cohort_revenue_pct"], &format!("{what}+{k} revenue %"));
            }
        }
        let avg = oracle["cohort_avg_retention"][key].as_array().unwrap();
        assert_eq!(a.cohort_avg_retention.len(), avg.len());
        for (k, (ours, theirs)) in a.cohort_avg_retention.iter().zip(avg).enumerate() {
            close(*ours, theirs, &format!("{key} average retention +{k}"));
        }
    }

    // Concentration.
    let c = month.summary.concentration.as_ref().unwrap();
    let o = &oracle["concentration"];
    close(c.top10_revenue_share, &o["top10_revenue_share"], "top10_revenue_share");
    close(c.top10_spend_ratio, &o["top10_spend_ratio"], "top10_spend_ratio");
    let lorenz = c.lorenz.as_ref().unwrap();
    for (j, (ours, theirs)) in lorenz.iter().zip(o["lorenz"].as_array().unwrap()).enumerate() {
        close(Some(*ours), theirs, &format!("lorenz {j}"));
    }

    // RFM.
    let o = &oracle["rfm"];
    let (reference, scored) = rfm::score(log);
    assert_eq!(reference.map(|d| d.to_string()).as_deref(), o["reference_day"].as_str());
    count(scored.len() as u64, &o["scored_customers"], "scored customers");
    let mut cells: BTreeMap<String, u64> = BTreeMap::new();
    for s in &scored {
        *cells.entry(format!("{}{}{}", s.r, s.f, s.m.unwrap())).or_default() += 1;
    }
    let theirs: BTreeMap<String, u64> =
        o["score_cells"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap())).collect();
    assert_eq!(cells, theirs, "customers per R, F, M score");
    for (s, o) in scored.iter().zip(o["first_customers"].as_array().unwrap()) {
        let what = format!("customer {}", log.id(s.customer));
        assert_eq!(log.id(s.customer), o["id"].as_str().unwrap());
        count(u64::from(s.recency), &o["recency"], &what);
        count(u64::from(s.frequency), &o["frequency"], &what);
        close(s.monetary, &o["monetary"], &what);
        assert_eq!(
            (s.r, s.f, s.m),
            (o["r"].as_u64().unwrap() as u8, o["f"].as_u64().unwrap() as u8, o["m"].as_u64().map(|m| m as u8)),
            "{what}"
        );
    }
    for summary in &month.summary.rfm.segments {
        let o = &oracle["rfm"]["segments"][summary.segment.key()];
        let what = summary.segment.key();
        count(summary.segment_customers, &o["segment_customers"], what);
        close(summary.segment_share, &o["segment_share"], what);
        close(summary.segment_revenue, &o["segment_revenue"], what);
        close(summary.recency_mean, &o["recency_mean"], what);
        close(summary.frequency_mean, &o["frequency_mean"], what);
        close(summary.monetary_mean, &o["monetary_mean"], what);
    }

    // Segment comparison, every value of every attribute column.
    let (first, last) = log.span().unwrap();
    let timeline = Timeline::new(Granularity::Month, first, last);
    for (column, by_setting) in oracle["segments"].as_object().unwrap() {
        let index = log.attributes.iter().position(|a| &a.name == column).expect("column");
        let cmp = compare(log, index, &timeline, 90, None).unwrap();
        let theirs = by_setting["month-90"].as_object().unwrap();
        assert_eq!(cmp.groups.len(), theirs.len(), "{column}: values");
        for g in &cmp.groups {
            let o = &theirs[&g.value];
            let what = format!("{column}={}", g.value);
            count(g.customers_total, &o["customers_total"], &what);
            count(g.transactions_total, &o["transactions_total"], &what);
            close(g.revenue_total, &o["revenue_total"], &format!("{what} revenue_total"));
            close(g.aov, &o["aov"], &format!("{what} aov"));
            close(g.purchase_frequency, &o["purchase_frequency"], &format!("{what} purchase_frequency"));
            close(g.repeat_rate, &o["repeat_rate"], &format!("{what} repeat_rate"));
            close(g.revenue_per_customer, &o["revenue_per_customer"], &format!("{what} revenue_per_customer"));
            close(g.crr, &o["crr"], &format!("{what} crr"));
            close(g.churn_rate, &o["churn_rate"], &format!("{what} churn_rate"));
        }
        let uplift = cmp.membership.as_ref().and_then(|m| m.member_spend_uplift);
        close(uplift, &oracle["member_spend_uplift"][column], &format!("{column}: member_spend_uplift"));
    }
}

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/oracle/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_hand_checked_file_matches_the_oracle() {
    let log = log_of("tiny.csv", include_bytes!("fixtures/oracle/tiny.csv"));
    check(&log, &fixture("tiny.json"));
}

#[test]
fn a_generated_100k_row_log_matches_the_oracle() {
    // The same bytes as `gen --rows 100000 --seed 11` (the oracle records their sha256).
    let text = log_string(&LogOptions { rows: 100_000, seed: 11, ..LogOptions::default() });
    let oracle = fixture("metrics-100k.json");
    assert_eq!(oracle["input"]["rows"].as_u64(), Some(100_000));
    let sha: String = Sha256::digest(&text).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(Some(sha.as_str()), oracle["input"]["sha256"].as_str(), "the oracle read the same bytes");
    check(&log_of("gen-100k.csv", &text), &oracle);
}

/// Acquisition versus retention (`tests/oracle/acquisition.py`): the generated 100k log
/// with `spend-100k.csv` (spend by month, by day, by quarter and year, kinds by type word
/// and by channel name, spend outside the log's periods, a channel the log's channel column
/// names), for months, weeks and quarters, over the periods, the span and per channel.
#[test]
fn acquisition_versus_retention_matches_the_oracle() {
    use retention::metrics::acquisition::{allocate, spans, AcquisitionFigures, CustomerValue, OrderSplit};
    let text = log_string(&LogOptions { rows: 100_000, seed: 11, ..LogOptions::default() });
    let oracle = fixture("acquisition-100k.json");
    let sha: String = Sha256::digest(&text).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(Some(sha.as_str()), oracle["input"]["log_sha256"].as_str(), "the oracle read the same log");
    let log = log_of("gen-100k.csv", &text);
    let spend = read_file("spend-100k.csv", include_bytes!("fixtures/oracle/spend-100k.csv")).unwrap();
    assert_eq!(spend.errors.total, 0);
    let Dataset::MarketingSpend(rows) = &spend.dataset else { panic!("{:?}", spend.dataset.kind()) };
    let (placed, unplaced) = spans(rows);
    assert!(unplaced.is_empty(), "{unplaced:?}");
    let value = CustomerValue { clv: oracle["clv"].as_f64(), monthly_margin: oracle["monthly_margin"].as_f64() };
    let (first, last) = log.span().unwrap();
    for (key, o) in oracle["acquisition"].as_object().unwrap() {
        let (g, w) = key.split_once('-').unwrap();
        let g = Granularity::from_key(g).unwrap();
        let settings = AnalysisSettings { granularity: g, window_days: w.parse().unwrap(), segment_by: None };
        let analysis = Analysis::of("log.csv", &log, None, &settings);
        let timeline = Timeline::new(g, first, last);
        let f = AcquisitionFigures::of(
            &analysis.base,
            &OrderSplit::of(&log, &timeline),
            &allocate(&placed, &timeline, None),
            value,
        );
        let theirs = o["periods"].as_array().unwrap();
        assert_eq!(f.periods.len(), theirs.len(), "{key}: periods");
        let cmp = |c: &retention::metrics::acquisition::CostFigures, o: &Value, what: &str| {
            close(Some(c.acquisition_spend), &o["acquisition_spend"], &format!("{what} acquisition_spend"));
            close(Some(c.retention_spend), &o["retention_spend"], &format!("{what} retention_spend"));
            count(c.acquired, &o["acquired"], &format!("{what} acquired"));
            count(c.retained, &o["retained"], &format!("{what} retained"));
            count(c.orders_new, &o["orders_new"], &format!("{what} orders_new"));
            count(c.orders_existing, &o["orders_existing"], &format!("{what} orders_existing"));
            close(c.cac, &o["cac"], &format!("{what} cac"));
            close(c.cost_per_retained, &o["cost_per_retained"], &format!("{what} cost_per_retained"));
            close(c.cost_ratio, &o["cost_ratio"], &format!("{what} cost_ratio"));
            close(c.cpo_new, &o["cpo_new"], &format!("{what} cpo_new"));
            close(c.cpo_existing, &o["cpo_existing"], &format!("{what} cpo_existing"));
        };
        for ((period, c), o) in f.periods.iter().zip(theirs) {
            assert_eq!(Some(period.to_string().as_str()), o["period"].as_str(), "{key}");
            cmp(c, o, &format!("{key} {period}"));
        }
        cmp(&f.span, &o["span"], &format!("{key} span"));
        let (channels, column) = retention::metrics::acquisition::channel_costs(&log, &timeline, &placed, &f.span);
        assert_eq!(column.as_deref(), o["channel_column"].as_str(), "{key} channel column");
        let theirs = o["channels"].as_array().unwrap();
        assert_eq!(channels.len(), theirs.len(), "{key}: channels");
        for (c, o) in channels.iter().zip(theirs) {
            assert_eq!(Some(c.channel.as_str()), o["channel"].as_str(), "{key}");
            assert_eq!(Some(c.attributed), o["attributed"].as_bool(), "{key} {} attributed", c.channel);
            cmp(&c.figures, o, &format!("{key} channel {}", c.channel));
        }
        close(f.ltv_cac, &o["ltv_cac"], &format!("{key} ltv_cac"));
        close(f.payback_months, &o["payback_months"], &format!("{key} payback_months"));
        assert_eq!(Some(f.split), o["split"].as_bool(), "{key} split");
        for (k, (a, b)) in f.outside.iter().zip(o["outside"].as_array().unwrap()).enumerate() {
            close(Some(*a), b, &format!("{key} outside[{k}]"));
        }
    }
}
