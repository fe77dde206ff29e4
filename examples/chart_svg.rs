//! Writes the CRR chart of a fixture to stdout as SVG: `cargo run --example chart_svg > crr.svg`.
fn main() {
    let file = retention::ingest::read_file("x", include_bytes!("../tests/fixtures/period_counts_comma.csv")).unwrap();
    let retention::ingest::Dataset::PeriodCounts(p) = &file.dataset else { panic!("not period counts") };
    let points: Vec<_> = p
        .rows
        .iter()
        .map(|r| retention::charts::rates::RatePoint {
            label: r.period.to_string(),
            crr: r.crr(),
            churn: r.churn_rate(),
        })
        .collect();
    print!("{}", retention::charts::rates::svg(&points, retention::i18n::Lang::En, 760, 340));
}
