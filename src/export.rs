//! The figures of an analysis as files: every table as CSV and everything as one
//! JSON document, keyed by the names of METRICS.md / docs/definitions.md; and the
//! skipped rows of a load as CSV. Made in the browser; pure functions, tested natively.

use crate::ingest::RowError;
use crate::metrics::analysis::Analysis;
use crate::metrics::cohorts::with_customers;
use serde_json::{json, Map, Value};

/// The tables that can be downloaded, as `data-table` names them.
pub const TABLES: [&str; 6] = ["totals", "base", "cohorts", "rfm", "comparison", "nps"];

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v}"))
}

fn csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = header.join(",");
    out.push_str("\r\n");
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| quote(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Every skipped row of `files` as a CSV file: the four column names of `header`
/// (file, line, column, reason) and, per row, the sentence `reason` makes of it (the
/// page passes its language's). Text fields are always quoted.
pub fn row_errors_csv<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [RowError])>,
    header: [&str; 4],
    reason: impl Fn(&RowError) -> String,
) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = format!("{}\r\n", header.join(","));
    for (name, errors) in files {
        for e in errors {
            let column = e.column.as_ref().map_or(String::new(), |c| {
                if c.name.is_empty() {
                    (c.index + 1).to_string()
                } else {
                    format!("{} ({})", c.index + 1, c.name)
                }
            });
            out.push_str(&format!("{},{},{},{}\r\n", quote(name), e.line, quote(&column), quote(&reason(e))));
        }
    }
    out
}

/// The figures of one key: value pairs (totals, concentration, gaps).
fn totals_pairs(a: &Analysis) -> Vec<(&'static str, Option<f64>)> {
    let t = &a.summary.totals;
    let c = a.summary.concentration.as_ref();
    vec![
        ("customers_total", Some(t.customers_total as f64)),
        ("transactions_total", Some(t.transactions_total as f64)),
        ("revenue_total", t.revenue_total),
        ("aov", t.aov),
        ("purchase_frequency", t.purchase_frequency),
        ("repeat_rate", t.repeat_rate),
        ("top10_revenue_share", a.summary.top10_revenue_share()),
        ("top10_spend_ratio", c.and_then(|c| c.top10_spend_ratio)),
        ("days_between_median", a.summary.gaps.days_between_median),
        ("days_between_mean", a.summary.gaps.days_between_mean),
    ]
}

/// One table as CSV; `None` for a table this analysis does not have.
pub fn table_csv(a: &Analysis, table: &str) -> Option<String> {
    Some(match table {
        "totals" => csv(&["metric", "value"], totals_pairs(a).into_iter().map(|(k, v)| vec![k.to_string(), num(v)])),
        "base" => csv(
            &[
                "period",
                "base_start",
                "base_end",
                "churned",
                "joined",
                "new_customers",
                "reactivated",
                "acquired",
                "crr",
                "churn_rate",
            ],
            a.base.iter().map(|p| {
                let counts =
                    [p.base_start, p.base_end, p.churned, p.joined, p.new_customers, p.reactivated, p.acquired];
                let mut row = vec![p.period.to_string()];
                row.extend(counts.iter().map(u64::to_string));
                row.extend([num(p.crr), num(p.churn_rate)]);
                row
            }),
        ),
        "cohorts" => csv(
            &[
                "cohort",
                "offset",
                "cohort_size",
                "cohort_active",
                "cohort_retention",
                "cohort_revenue",
                "cohort_revenue_pct",
            ],
            with_customers(&a.cohorts).flat_map(|c| {
                (0..c.active.len()).map(move |k| {
                    vec![
                        c.period.to_string(),
                        k.to_string(),
                        c.size.to_string(),
                        c.active[k].to_string(),
                        num(c.retention(k)),
                        num(Some(c.revenue[k])),
                        num(c.revenue_pct(k)),
                    ]
                })
            }),
        ),
        "rfm" => csv(
            &[
                "segment",
                "segment_customers",
                "segment_share",
                "segment_revenue",
                "recency_mean",
                "frequency_mean",
                "monetary_mean",
            ],
            a.summary.rfm.segments.iter().map(|s| {
                vec![
                    s.segment.key().to_string(),
                    s.segment_customers.to_string(),
                    num(s.segment_share),
                    num(s.segment_revenue),
                    num(s.recency_mean),
                    num(s.frequency_mean),
                    num(s.monetary_mean),
                ]
            }),
        ),
        "comparison" => {
            let cmp = a.comparison.as_ref()?;
            csv(
                &[
                    "column",
                    "segment",
                    "customers_total",
                    "transactions_total",
                    "revenue_total",
                    "aov",
                    "purchase_frequency",
                    "repeat_rate",
                    "revenue_per_customer",
                    "crr",
                    "churn_rate",
                ],
                cmp.groups.iter().map(|g| {
                    vec![
                        cmp.column.clone(),
                        g.value.clone(),
                        g.customers_total.to_string(),
                        g.transactions_total.to_string(),
                        num(g.revenue_total),
                        num(g.aov),
                        num(g.purchase_frequency),
                        num(g.repeat_rate),
                        num(g.revenue_per_customer),
                        num(g.crr),
                        num(g.churn_rate),
                    ]
                }),
            )
        }
        "nps" => {
            let s = a.survey.as_ref()?;
            csv(
                &["segment", "nps_matched", "repeat_rate", "churn_rate"],
                s.groups.iter().map(|g| {
                    vec![g.group.key().to_string(), g.nps_matched.to_string(), num(g.repeat_rate), num(g.churn_rate)]
                }),
            )
        }
        _ => return None,
    })
}

fn opt(v: Option<f64>) -> Value {
    v.map_or(Value::Null, Value::from)
}

/// Every figure of the analysis as one JSON document.
pub fn analysis_json(a: &Analysis) -> String {
    let mut totals = Map::new();
    for (k, v) in totals_pairs(a) {
        totals.insert(k.to_string(), opt(v));
    }
    totals.insert("days_between_histogram".into(), json!(a.summary.gaps.days_between_histogram));
    let base: Vec<Value> = a
        .base
        .iter()
        .map(|p| {
            json!({
                "period": p.period.to_string(), "base_start": p.base_start, "base_end": p.base_end,
                "churned": p.churned, "joined": p.joined, "new_customers": p.new_customers,
                "reactivated": p.reactivated, "acquired": p.acquired, "crr": opt(p.crr), "churn_rate": opt(p.churn_rate),
            })
        })
        .collect();
    let cohorts: Vec<Value> = with_customers(&a.cohorts)
        .map(|c| {
            let offsets: Vec<Value> = (0..c.active.len())
                .map(|k| {
                    json!({
                        "offset": k, "cohort_active": c.active[k], "cohort_retention": opt(c.retention(k)),
                        "cohort_revenue": c.revenue[k], "cohort_revenue_pct": opt(c.revenue_pct(k)),
                    })
                })
                .collect();
            json!({ "cohort": c.period.to_string(), "cohort_size": c.size, "offsets": offsets })
        })
        .collect();
    let rfm: Map<String, Value> = a
        .summary
        .rfm
        .segments
        .iter()
        .map(|s| {
            (
                s.segment.key().to_string(),
                json!({
                    "segment_customers": s.segment_customers, "segment_share": opt(s.segment_share),
                    "segment_revenue": opt(s.segment_revenue), "recency_mean": opt(s.recency_mean),
                    "frequency_mean": opt(s.frequency_mean), "monetary_mean": opt(s.monetary_mean),
                }),
            )
        })
        .collect();
    let comparison = a.comparison.as_ref().map_or(Value::Null, |cmp| {
        let groups: Map<String, Value> = cmp
            .groups
            .iter()
            .map(|g| {
                (
                    g.value.clone(),
                    json!({
                        "customers_total": g.customers_total, "transactions_total": g.transactions_total,
                        "revenue_total": opt(g.revenue_total), "aov": opt(g.aov),
                        "purchase_frequency": opt(g.purchase_frequency), "repeat_rate": opt(g.repeat_rate),
                        "revenue_per_customer": opt(g.revenue_per_customer), "crr": opt(g.crr), "churn_rate": opt(g.churn_rate),
                    }),
                )
            })
            .collect();
        json!({
            "column": cmp.column, "segments": groups,
            "member_spend_uplift": opt(cmp.membership.as_ref().and_then(|m| m.member_spend_uplift)),
        })
    });
    let survey = a.survey.as_ref().map_or(Value::Null, |s| {
        let groups: Map<String, Value> = s
            .groups
            .iter()
            .map(|g| {
                (
                    g.group.key().to_string(),
                    json!({ "nps_matched": g.nps_matched, "repeat_rate": opt(g.repeat_rate), "churn_rate": opt(g.churn_rate) }),
                )
            })
            .collect();
        json!({ "nps": opt(s.survey.nps), "responses": s.survey.responses, "segments": groups })
    });
    let doc = json!({
        "file": a.file,
        "settings": {
            "granularity": a.settings.granularity.key(),
            "window_days": a.settings.window_days,
            "segment": a.settings.segment_by,
        },
        "span": a.summary.span.map(|(f, l)| json!([f.to_string(), l.to_string()])),
        "totals": totals,
        "base": base,
        "cohorts": cohorts,
        "cohort_avg_retention": a.cohort_avg_retention.iter().map(|v| opt(*v)).collect::<Vec<_>>(),
        "lorenz": a.summary.concentration.as_ref().and_then(|c| c.lorenz.clone()),
        "rfm": { "reference_day": a.summary.rfm.reference_day.map(|d| d.to_string()), "segments": rfm },
        "comparison": comparison,
        "nps": survey,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Dataset};
    use crate::metrics::analysis::AnalysisSettings;

    fn analysis() -> Analysis {
        let f = read_file("o.csv", b"customer,date,amount,kanaal\na,2024-01-05,10,web\nb,2024-02-01,20,\"win,kel\"\n")
            .unwrap();
        let Dataset::Transactions(log) = &f.dataset else { panic!() };
        let settings = AnalysisSettings { segment_by: Some("kanaal".into()), ..Default::default() };
        Analysis::of("o.csv", log, None, &settings)
    }

    #[test]
    fn tables_as_csv() {
        let a = analysis();
        let base = table_csv(&a, "base").unwrap();
        let lines: Vec<&str> = base.lines().collect();
        assert_eq!(
            lines[0],
            "period,base_start,base_end,churned,joined,new_customers,reactivated,acquired,crr,churn_rate"
        );
        // January: a joins (in the base at 02-01); S = 0 so no rates.
        assert_eq!(lines[1], "2024-01,0,1,0,1,1,0,1,,");
        // February: S = 1 (a), E = 2 (a, b), N = 1: CRR 100.
        assert_eq!(lines[2], "2024-02,1,2,0,1,1,0,1,100,0");
        let cmp = table_csv(&a, "comparison").unwrap();
        assert!(cmp.contains("kanaal,\"win,kel\",1,1,20,20,1,0,20,,"), "{cmp}");
        assert!(table_csv(&a, "nps").is_none());
        assert!(table_csv(&a, "nonsense").is_none());
        for t in TABLES.iter().filter(|t| **t != "nps") {
            assert!(table_csv(&a, t).is_some(), "{t}");
        }
    }

    #[test]
    fn everything_as_json() {
        let doc: Value = serde_json::from_str(&analysis_json(&analysis())).unwrap();
        assert_eq!(doc["totals"]["customers_total"], json!(2.0));
        assert_eq!(doc["totals"]["revenue_total"], json!(30.0));
        assert_eq!(doc["base"][1]["period"], json!("2024-02"));
        assert_eq!(doc["base"][1]["crr"], json!(100.0));
        assert_eq!(doc["base"][0]["crr"], Value::Null);
        assert_eq!(doc["settings"]["granularity"], json!("month"));
        assert_eq!(doc["cohorts"][0]["offsets"][1]["cohort_retention"], json!(0.0));
        assert_eq!(doc["comparison"]["segments"]["web"]["revenue_per_customer"], json!(10.0));
        assert_eq!(doc["lorenz"].as_array().unwrap().len(), 101);
    }
}
