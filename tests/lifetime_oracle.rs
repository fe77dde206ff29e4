//! The whole lifetime-value path (log → per-customer summary → fits → predictions →
//! backtest), checked against the `lifetimes` package on PyPI: `tests/models/oracle.py`
//! wrote `tests/fixtures/models/clv_log_reference*.json` from `clv_log.csv` (see
//! `tests/models/README.md` to rerun it). Parameters are compared with the oracle's
//! maximum (`mle`, lifetimes' fit polished on its own likelihood).

#![cfg(not(target_arch = "wasm32"))]

use retention::calendar::{Date, TimeUnit};
use retention::ingest::{read_file, Dataset};
use retention::metrics::lifetime::{ModelKind, Source, TableQuery, ValuationSettings, Valuer};
use serde_json::Value;

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(1e-12)
}

fn reference(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(format!("tests/fixtures/models/{name}")).unwrap()).unwrap()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn check_unit(file: &str, unit: TimeUnit, all_customers: bool) {
    let want = reference(file);
    let loaded = read_file("clv_log.csv", include_bytes!("fixtures/models/clv_log.csv")).unwrap();
    let Dataset::Transactions(log) = &loaded.dataset else { panic!("not a log") };
    let settings = ValuationSettings {
        time_unit: unit,
        calibration_end: Date::from_iso(want["calibration_end"].as_str().unwrap()),
        ..ValuationSettings::default()
    };
    let source = Source::Log(log);
    let mut valuer = Valuer::default();
    let clock = || 0.0;
    for (kind, key, names) in [
        (ModelKind::BgNbd, "bgnbd", &["r", "alpha", "a", "b"][..]),
        (ModelKind::MbgNbd, "mbgnbd", &["r", "alpha", "a", "b"][..]),
        (ModelKind::ParetoNbd, "pnbd", &["r", "alpha", "s", "beta"][..]),
        (ModelKind::GammaGamma, "gg", &["p", "q", "v"][..]),
    ] {
        let answer = valuer.fit(source, &settings, kind, &clock);
        let fit = answer.result.as_ref().unwrap_or_else(|e| panic!("{key}: {e}"));
        let mle = &want["models"][key]["mle"];
        for (e, name) in fit.estimates.iter().zip(names) {
            assert_eq!(e.name, *name);
            let expected = f(&mle["params"][name]);
            assert!(close(e.value, expected, 1e-4), "{file} {key} {name}: {} vs {expected}", e.value);
        }
        assert!(close(fit.log_likelihood, f(&mle["ll"]), 1e-8), "{key} ll {} vs {}", fit.log_likelihood, mle["ll"]);
        assert_eq!(answer.customers as u64, want["models"][key]["n"].as_u64().unwrap(), "{key} customers");
        // Standard errors where lifetimes gives them (it has none for Pareto/NBD).
        if let Some(se) = want["models"][key]["lifetimes"].get("se") {
            for (e, name) in fit.estimates.iter().zip(names) {
                assert!(close(e.se.unwrap(), f(&se[name]), 2e-2), "{key} se {name}: {:?} vs {}", e.se, se[name]);
            }
        }
    }
    let v = valuer.value(source, &settings, &clock).expect("a valuation");
    // Pareto/NBD was fitted above, so the backtest compares with it.
    assert_eq!(v.customers as u64, want["customers_in_models"].as_u64().unwrap());
    assert!(close(v.p_alive_mean, f(&want["p_alive_mean"]), 1e-5), "p_alive_mean {}", v.p_alive_mean);
    let b = v.backtest.as_ref().expect("a holdout");
    assert_eq!(b.actual_total, want["holdout_actual_total"].as_u64().unwrap());
    assert!(close(b.length, f(&want["H_h"]), 1e-12));
    assert!(close(b.predicted_total, f(&want["holdout_predicted_total"]), 1e-5), "{}", b.predicted_total);
    assert!(close(b.pnbd_predicted_total.unwrap(), f(&want["holdout_predicted_total_pnbd"]), 1e-4));

    // Per customer: the summary exactly, the predictions to 1e-4.
    let all =
        TableQuery { sort: retention::metrics::lifetime::SortColumn::Customer, limit: 500, ..TableQuery::default() };
    let mut rows = Vec::new();
    let mut offset = 0;
    loop {
        let page = valuer.page(source, &TableQuery { offset, ..all.clone() });
        if page.rows.is_empty() {
            break;
        }
        offset += page.rows.len();
        rows.extend(page.rows);
    }
    let customers = want["customers"].as_array().unwrap();
    if all_customers {
        assert_eq!(rows.len(), customers.len());
    }
    for c in customers {
        let id = c["id"].as_str().unwrap();
        let row = rows.iter().find(|r| r.customer == id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(row.x as u64, c["x"].as_u64().unwrap(), "{id} x");
        assert!(close(row.t_x, f(&c["t_x"]), 1e-12) && close(row.t, f(&c["T"]), 1e-12), "{id} t_x, T");
        match c["monetary"].as_f64() {
            Some(m) => assert!(close(row.monetary.unwrap(), m, 1e-12), "{id} monetary"),
            None => assert_eq!(row.monetary, None, "{id} monetary"),
        }
        assert_eq!(row.holdout.unwrap() as u64, c["holdout_x"].as_u64().unwrap(), "{id} holdout");
        assert!(
            close(row.p_alive, f(&c["bgnbd"]["p_alive"]), 1e-4),
            "{id} p_alive {} vs {}",
            row.p_alive,
            c["bgnbd"]["p_alive"]
        );
        if let Some(spend) = c["gg_spend"].as_f64() {
            assert!(close(row.spend.unwrap(), spend, 1e-4), "{id} spend");
        }
    }
}

#[test]
fn weeks_every_customer_against_lifetimes() {
    check_unit("clv_log_reference.json", TimeUnit::Week, true);
}

#[test]
fn days_and_months_against_lifetimes() {
    check_unit("clv_log_reference_day.json", TimeUnit::Day, false);
    check_unit("clv_log_reference_month.json", TimeUnit::Month, false);
}
