//! The figures of an analysis as files: every table as CSV and everything as one
//! JSON document, keyed by the names of METRICS.md / docs/definitions.md; and the
//! skipped rows of a load as CSV. Made in the browser; pure functions, tested natively.

use crate::ingest::RowError;
use crate::metrics::acquisition::{AcquisitionFigures, CostFigures};
use crate::metrics::analysis::Analysis;
use crate::metrics::cohorts::with_customers;
use crate::metrics::keys as key;
use serde_json::{json, Map, Value};

/// A table of the analysis that can be downloaded as CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Totals,
    Base,
    Cohorts,
    Rfm,
    Comparison,
    Nps,
    /// Acquisition versus retention: a row per period, per channel and for the span.
    Acquisition,
}

impl Table {
    pub const ALL: [Table; 7] =
        [Table::Totals, Table::Base, Table::Cohorts, Table::Rfm, Table::Comparison, Table::Nps, Table::Acquisition];

    /// The name `data-table` and the download's file name give it.
    pub fn key(self) -> &'static str {
        match self {
            Table::Totals => "totals",
            Table::Base => "base",
            Table::Cohorts => "cohorts",
            Table::Rfm => "rfm",
            Table::Comparison => "comparison",
            Table::Nps => "nps",
            Table::Acquisition => "acquisition",
        }
    }

    pub fn from_key(key: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.key() == key)
    }
}

fn quote(field: &str) -> String {
    crate::metrics::csv_field(field).into_owned()
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
        (key::CUSTOMERS_TOTAL, Some(t.customers_total as f64)),
        (key::TRANSACTIONS_TOTAL, Some(t.transactions_total as f64)),
        (key::REVENUE_TOTAL, t.revenue_total),
        (key::AOV, t.aov),
        (key::PURCHASE_FREQUENCY, t.purchase_frequency),
        (key::REPEAT_RATE, t.repeat_rate),
        (key::TOP10_REVENUE_SHARE, a.summary.top10_revenue_share()),
        (key::TOP10_SPEND_RATIO, c.and_then(|c| c.top10_spend_ratio)),
        (key::DAYS_BETWEEN_MEDIAN, a.summary.gaps.days_between_median),
        (key::DAYS_BETWEEN_MEAN, a.summary.gaps.days_between_mean),
    ]
}

/// One table as CSV; `None` for a table this analysis does not have.
pub fn table_csv(a: &Analysis, table: Table) -> Option<String> {
    Some(match table {
        Table::Totals => {
            csv(&["metric", "value"], totals_pairs(a).into_iter().map(|(k, v)| vec![k.to_string(), num(v)]))
        }
        Table::Base => csv(
            &[
                "period",
                key::BASE_START,
                key::BASE_END,
                key::CHURNED,
                key::JOINED,
                key::NEW_CUSTOMERS,
                key::REACTIVATED,
                key::ACQUIRED,
                key::CRR,
                key::CHURN_RATE,
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
        Table::Cohorts => csv(
            &[
                "cohort",
                "offset",
                key::COHORT_SIZE,
                key::COHORT_ACTIVE,
                key::COHORT_RETENTION,
                key::COHORT_REVENUE,
                key::COHORT_REVENUE_PCT,
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
        Table::Rfm => csv(
            &[
                "segment",
                key::SEGMENT_CUSTOMERS,
                key::SEGMENT_SHARE,
                key::SEGMENT_REVENUE,
                key::RECENCY_MEAN,
                key::FREQUENCY_MEAN,
                key::MONETARY_MEAN,
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
        Table::Comparison => {
            let cmp = a.comparison.as_ref()?;
            csv(
                &[
                    "column",
                    "segment",
                    key::CUSTOMERS_TOTAL,
                    key::TRANSACTIONS_TOTAL,
                    key::REVENUE_TOTAL,
                    key::AOV,
                    key::PURCHASE_FREQUENCY,
                    key::REPEAT_RATE,
                    key::REVENUE_PER_CUSTOMER,
                    key::CRR,
                    key::CHURN_RATE,
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
        Table::Nps => {
            let s = a.survey.as_ref()?;
            csv(
                &["segment", key::NPS_MATCHED, key::REPEAT_RATE, key::CHURN_RATE],
                s.groups.iter().map(|g| {
                    vec![g.group.key().to_string(), g.nps_matched.to_string(), num(g.repeat_rate), num(g.churn_rate)]
                }),
            )
        }
        Table::Acquisition => {
            // A row per period, then per channel, then the span: `row` says which.
            let f = a.acquisition.as_ref()?;
            let mut header = vec!["row", "name"];
            header.extend(COST_KEYS);
            let row = |kind: &str, name: String, c: &CostFigures| {
                let mut r = vec![kind.to_string(), name];
                r.extend(cost_values(c).map(num));
                r
            };
            let rows = f
                .periods
                .iter()
                .map(|(p, c)| row("period", p.to_string(), c))
                .chain(f.channels.iter().map(|ch| row("channel", ch.channel.clone(), &ch.figures)))
                .chain(std::iter::once(row("span", String::new(), &f.span)));
            csv(&header, rows)
        }
    })
}

/// The figures of one period, channel or the span, in the order of [`COST_KEYS`].
fn cost_values(c: &CostFigures) -> [Option<f64>; 11] {
    [
        Some(c.acquisition_spend),
        Some(c.retention_spend),
        Some(c.acquired as f64),
        Some(c.retained as f64),
        Some(c.orders_new as f64),
        Some(c.orders_existing as f64),
        c.cac,
        c.cost_per_retained,
        c.cost_ratio,
        c.cpo_new,
        c.cpo_existing,
    ]
}

const COST_KEYS: [&str; 11] = [
    key::ACQUISITION_SPEND,
    key::RETENTION_SPEND,
    key::ACQUIRED,
    "retained",
    "orders_new",
    "orders_existing",
    key::CAC,
    key::COST_PER_RETAINED,
    key::COST_RATIO,
    key::CPO_NEW,
    key::CPO_EXISTING,
];

fn cost_json(c: &CostFigures) -> Value {
    Value::Object(COST_KEYS.iter().zip(cost_values(c)).map(|(k, v)| (k.to_string(), opt(v))).collect())
}

fn acquisition_json(f: &AcquisitionFigures) -> Value {
    let periods: Vec<Value> = f
        .periods
        .iter()
        .map(|(p, c)| {
            let mut v = cost_json(c);
            v["period"] = json!(p.to_string());
            v
        })
        .collect();
    let channels: Vec<Value> = f
        .channels
        .iter()
        .map(|ch| {
            let mut v = cost_json(&ch.figures);
            v["channel"] = json!(ch.channel);
            v["attributed"] = json!(ch.attributed);
            v
        })
        .collect();
    json!({
        "span": cost_json(&f.span), key::LTV_CAC: opt(f.ltv_cac), key::PAYBACK_MONTHS: opt(f.payback_months),
        "periods": periods, "channels": channels, "channel_column": f.channel_column,
        "split": f.split, "outside": f.outside, "unplaced": f.unplaced,
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
    totals.insert(key::DAYS_BETWEEN_HISTOGRAM.into(), json!(a.summary.gaps.days_between_histogram));
    let base: Vec<Value> = a
        .base
        .iter()
        .map(|p| {
            json!({
                "period": p.period.to_string(), key::BASE_START: p.base_start, key::BASE_END: p.base_end,
                key::CHURNED: p.churned, key::JOINED: p.joined, key::NEW_CUSTOMERS: p.new_customers,
                key::REACTIVATED: p.reactivated, key::ACQUIRED: p.acquired, key::CRR: opt(p.crr), key::CHURN_RATE: opt(p.churn_rate),
            })
        })
        .collect();
    let cohorts: Vec<Value> = with_customers(&a.cohorts)
        .map(|c| {
            let offsets: Vec<Value> = (0..c.active.len())
                .map(|k| {
                    json!({
                        "offset": k, key::COHORT_ACTIVE: c.active[k], key::COHORT_RETENTION: opt(c.retention(k)),
                        key::COHORT_REVENUE: c.revenue[k], key::COHORT_REVENUE_PCT: opt(c.revenue_pct(k)),
                    })
                })
                .collect();
            json!({ "cohort": c.period.to_string(), key::COHORT_SIZE: c.size, "offsets": offsets })
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
                    key::SEGMENT_CUSTOMERS: s.segment_customers, key::SEGMENT_SHARE: opt(s.segment_share),
                    key::SEGMENT_REVENUE: opt(s.segment_revenue), key::RECENCY_MEAN: opt(s.recency_mean),
                    key::FREQUENCY_MEAN: opt(s.frequency_mean), key::MONETARY_MEAN: opt(s.monetary_mean),
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
                        key::CUSTOMERS_TOTAL: g.customers_total, key::TRANSACTIONS_TOTAL: g.transactions_total,
                        key::REVENUE_TOTAL: opt(g.revenue_total), key::AOV: opt(g.aov),
                        key::PURCHASE_FREQUENCY: opt(g.purchase_frequency), key::REPEAT_RATE: opt(g.repeat_rate),
                        key::REVENUE_PER_CUSTOMER: opt(g.revenue_per_customer), key::CRR: opt(g.crr), key::CHURN_RATE: opt(g.churn_rate),
                    }),
                )
            })
            .collect();
        json!({
            "column": cmp.column, "segments": groups,
            key::MEMBER_SPEND_UPLIFT: opt(cmp.membership.as_ref().and_then(|m| m.member_spend_uplift)),
        })
    });
    let survey = a.survey.as_ref().map_or(Value::Null, |s| {
        let groups: Map<String, Value> = s
            .groups
            .iter()
            .map(|g| {
                (
                    g.group.key().to_string(),
                    json!({ key::NPS_MATCHED: g.nps_matched, key::REPEAT_RATE: opt(g.repeat_rate), key::CHURN_RATE: opt(g.churn_rate) }),
                )
            })
            .collect();
        json!({ key::NPS: opt(s.survey.nps), key::RESPONSES: s.survey.responses, "segments": groups })
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
        key::COHORT_AVG_RETENTION: a.cohort_avg_retention.iter().map(|v| opt(*v)).collect::<Vec<_>>(),
        "lorenz": a.summary.concentration.as_ref().and_then(|c| c.lorenz.clone()),
        "rfm": { "reference_day": a.summary.rfm.reference_day.map(|d| d.to_string()), "segments": rfm },
        "comparison": comparison,
        "nps": survey,
        "acquisition": a.acquisition.as_ref().map_or(Value::Null, acquisition_json),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The customer summary of a log as the core computes it (`metrics::calibration`), in
/// the layout of the warehouse SQL's summary (`crate::sql::summary`): customer_id,
/// frequency, recency, T[, monetary_value], first_purchase, last_purchase[, revenue],
/// then every attribute column of the log. One row per model customer (a purchase on
/// or before the calibration end), in the log's order; monetary_value is 0 for a
/// customer without repeat purchases, as `lifetimes` writes it.
pub fn customer_summary_csv(
    log: &crate::ingest::CustomerLog,
    cal: &crate::metrics::calibration::Calibration,
) -> String {
    let mut header: Vec<&str> = vec!["customer_id", "frequency", "recency", "T"];
    if log.has_amount {
        header.push("monetary_value");
    }
    header.extend(["first_purchase", "last_purchase"]);
    if log.has_amount {
        header.push("revenue");
    }
    header.extend(log.attributes.iter().map(|a| a.name.as_str()));
    let revenue = crate::metrics::totals::customer_revenue(log);
    let end = cal.end.map_or(i32::MAX, |d| d.0);
    let rows = cal.customers.iter().map(|c| {
        let i = c.index as usize;
        let days = log.days_of(i);
        let upto = &days[..days.partition_point(|&d| d <= end)];
        let day = |d: Option<&i32>| d.map_or(String::new(), |&d| crate::calendar::Date(d).to_string());
        let mut row = vec![log.id(i).to_string(), c.x.to_string(), format!("{}", c.t_x), format!("{}", c.t)];
        if log.has_amount {
            row.push(format!("{}", c.monetary.unwrap_or(0.0)));
        }
        row.extend([day(upto.first()), day(upto.last())]);
        if log.has_amount {
            row.push(format!("{}", revenue[i]));
        }
        row.extend(log.attributes.iter().map(|a| a.values[a.of_customer[i] as usize].to_string()));
        row
    });
    csv(&header, rows)
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
        let base = table_csv(&a, Table::Base).unwrap();
        let lines: Vec<&str> = base.lines().collect();
        assert_eq!(
            lines[0],
            "period,base_start,base_end,churned,joined,new_customers,reactivated,acquired,crr,churn_rate"
        );
        // January: a joins (in the base at 02-01); S = 0 so no rates.
        assert_eq!(lines[1], "2024-01,0,1,0,1,1,0,1,,");
        // February: S = 1 (a), E = 2 (a, b), N = 1: CRR 100.
        assert_eq!(lines[2], "2024-02,1,2,0,1,1,0,1,100,0");
        let cmp = table_csv(&a, Table::Comparison).unwrap();
        assert!(cmp.contains("kanaal,\"win,kel\",1,1,20,20,1,0,20,,"), "{cmp}");
        assert!(table_csv(&a, Table::Nps).is_none());
        assert!(Table::from_key("nonsense").is_none());
        // Every table but those of files this analysis has none of (survey, spend).
        for t in Table::ALL.into_iter().filter(|t| !["nps", "acquisition"].contains(&t.key())) {
            assert!(table_csv(&a, t).is_some(), "{t:?}");
        }
    }

    #[test]
    fn the_customer_summary_by_hand() {
        // a: 01-03 (10 + 5 on one day), 01-10 (20), 01-31 (30), a refund of 4 on 02-14;
        // b: 01-20 (8), a refund of 3 on 01-25. Weeks; c = the last purchase, 01-31.
        let f = read_file(
            "s.csv",
            b"customer,date,amount,kanaal\na,2024-01-03,10,web\na,2024-01-03,5,app\na,2024-01-10,20,web\n\
              b,2024-01-20,8,\"win,kel\"\nb,2024-01-25,-3,web\na,2024-01-31,30,web\na,2024-02-14,-4,web\n",
        )
        .unwrap();
        let Dataset::Transactions(log) = &f.dataset else { panic!() };
        let cal = crate::metrics::calibration::Calibration::of_log(log, None, crate::calendar::TimeUnit::Week);
        let lines: Vec<String> = customer_summary_csv(log, &cal).lines().map(String::from).collect();
        assert_eq!(
            lines[0],
            "customer_id,frequency,recency,T,monetary_value,first_purchase,last_purchase,revenue,kanaal"
        );
        // a: x = 2, t_x = T = 28 / 7 = 4, monetary (20 + 30) / 2, revenue 15 + 20 + 30 - 4.
        assert_eq!(lines[1], "a,2,4,4,25,2024-01-03,2024-01-31,61,web");
        // b: x = 0, T = 11 / 7, monetary 0, revenue 8 - 3.
        assert_eq!(lines[2], format!("b,0,0,{},0,2024-01-20,2024-01-20,5,\"win,kel\"", 11.0 / 7.0));
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn table_names_round_trip() {
        for t in Table::ALL {
            assert_eq!(Table::from_key(t.key()), Some(t));
        }
        let keys: Vec<&str> = Table::ALL.iter().map(|t| t.key()).collect();
        assert_eq!(keys, ["totals", "base", "cohorts", "rfm", "comparison", "nps", "acquisition"]);
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

    #[test]
    fn acquisition_in_the_json_and_as_a_table() {
        let f = read_file("o.csv", b"customer,date,amount\na,2024-01-05,10\nb,2024-02-01,20\n").unwrap();
        let Dataset::Transactions(log) = &f.dataset else { panic!() };
        let s =
            read_file("s.csv", b"maand,kosten,soort,kanaal\n2024-01,100,werving,Google Ads\n2024-02,40,behoud,CRM\n")
                .unwrap();
        let Dataset::MarketingSpend(rows) = &s.dataset else { panic!() };
        let a = Analysis::of("o.csv", log, None, &AnalysisSettings::default()).with_spend(
            log,
            rows,
            crate::metrics::acquisition::CustomerValue::default(),
        );
        assert!(table_csv(&analysis(), Table::Acquisition).is_none(), "no spend, no table");
        // a and b are new (January, February): 100 / 2; a is kept in February: 40 / 1.
        let doc: Value = serde_json::from_str(&analysis_json(&a)).unwrap();
        let acq = &doc["acquisition"];
        assert_eq!(acq["span"][key::CAC], json!(50.0));
        assert_eq!(acq["span"][key::COST_PER_RETAINED], json!(40.0));
        assert_eq!(acq["periods"][1]["period"], json!("2024-02"));
        assert_eq!(acq["periods"][0][key::COST_PER_RETAINED], Value::Null);
        assert_eq!(acq["channels"][0]["channel"], json!("Google Ads"));
        assert_eq!(acq["channels"][1][key::COST_PER_RETAINED], json!(40.0));
        let csv = table_csv(&a, Table::Acquisition).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("row,name,acquisition_spend,retention_spend,acquired,"), "{}", lines[0]);
        assert_eq!(lines.len(), 1 + 2 + 2 + 1);
        assert!(lines[1].starts_with("period,2024-01,100,0,1,0,1,0,100,,"), "{}", lines[1]);
        assert!(lines[5].starts_with("span,,100,40,2,1,"), "{}", lines[5]);
    }
}
