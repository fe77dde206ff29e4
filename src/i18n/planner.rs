//! The texts of the budget planner (one struct; a table per language in `en.rs`,
//! `nl.rs` and `de.rs`), its assumptions written out in words, and its download.

use super::Lang;
use crate::metrics::planner::{Baseline, Plan, PlanInputs, Scenario};

pub struct PlannerTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub no_baseline: &'static str,
    pub years: &'static str,
    pub years_n: fn(years: u32) -> String,
    pub retention_points: &'static str,
    pub acquisition: &'static str,
    pub cac: &'static str,
    pub aov: &'static str,
    pub margin: &'static str,
    pub extra: &'static str,
    pub cost_retained: &'static str,
    /// Beside a field: the value the log measured.
    pub measured: fn(value: &str) -> String,
    pub scenario: fn(Scenario) -> &'static str,
    pub fig_customers_end: &'static str,
    pub fig_revenue_total: &'static str,
    pub fig_profit_total: &'static str,
    pub col_month: &'static str,
    pub col_customers: &'static str,
    pub col_new: &'static str,
    pub col_lost: &'static str,
    pub col_revenue: &'static str,
    pub col_spend: &'static str,
    pub col_profit: &'static str,
    pub per_month: &'static str,
    pub assumptions_title: &'static str,
    pub assumptions: fn(&Facts) -> Vec<String>,
    /// Which use of the extra amount earns more (`None`: not comparable, or a tie).
    pub verdict: fn(better: Option<Scenario>, extra: &str, difference: &str, years: u32) -> String,
    pub chart_title: &'static str,
    pub chart_alt: fn(months: usize) -> String,
    pub export: &'static str,
    pub csv_scenario: &'static str,
}

/// The numbers the assumptions speak of, written in the page's language.
pub struct Facts {
    pub customers: String,
    pub window_days: String,
    pub measured_retention: String,
    pub points: String,
    pub yearly_retention: String,
    pub monthly_retention: String,
    pub acquisition: String,
    pub cac: Option<String>,
    pub new_per_month: Option<String>,
    pub orders_per_month: String,
    pub aov: String,
    pub margin: String,
    pub retention_spend: String,
    pub extra: String,
    pub cost_retained: Option<String>,
    pub kept_per_month: Option<String>,
    pub won_per_month: Option<String>,
}

impl Facts {
    pub fn of(lang: Lang, b: &Baseline, p: &PlanInputs) -> Facts {
        let n = |v: f64, d: usize| lang.number(v, d);
        let pct = |v: f64| format!("{}%", n(v * 100.0, 1));
        let per = |amount: f64, cost: Option<f64>| cost.filter(|c| *c > 0.0).map(|c| n(amount / c, 1));
        let r = p.yearly_retention(b);
        let signed = if p.retention_points < 0.0 { "−" } else { "+" };
        Facts {
            customers: n(b.customers, 0),
            window_days: n(f64::from(b.window_days), 0),
            measured_retention: pct(b.yearly_retention),
            points: format!("{signed}{}", n(p.retention_points.abs(), 1)),
            yearly_retention: pct(r),
            monthly_retention: pct(r.powf(1.0 / 12.0)),
            acquisition: n(p.acquisition_per_month, 2),
            cac: p.cac.filter(|c| *c > 0.0).map(|c| n(c, 2)),
            new_per_month: per(p.acquisition_per_month, p.cac),
            orders_per_month: n(b.orders_per_month, 3),
            aov: n(p.aov, 2),
            margin: format!("{}%", n(p.margin_pct, 1)),
            retention_spend: n(b.retention_per_month, 2),
            extra: n(p.extra_per_month, 2),
            cost_retained: p.cost_per_retained.filter(|c| *c > 0.0).map(|c| n(c, 2)),
            kept_per_month: per(p.extra_per_month, p.cost_per_retained),
            won_per_month: per(p.extra_per_month, p.cac),
        }
    }
}

impl PlannerTexts {
    /// The projection as CSV: the assumptions first (lines starting with `#`), then a
    /// row per scenario and month, numbers in machine form.
    pub fn csv(
        &self,
        lang: Lang,
        b: &Baseline,
        p: &PlanInputs,
        plan: &Plan,
        month: impl Fn(usize) -> String,
    ) -> String {
        let mut out = String::new();
        for line in (self.assumptions)(&Facts::of(lang, b, p)) {
            out.push_str("# ");
            out.push_str(&line.replace(['\n', '\r'], " "));
            out.push('\n');
        }
        let header = [
            self.csv_scenario,
            self.col_month,
            self.col_customers,
            self.col_new,
            self.col_lost,
            self.col_revenue,
            self.col_spend,
            self.col_profit,
        ];
        let header: Vec<String> = header.iter().map(|h| crate::metrics::csv_field(h).into_owned()).collect();
        out.push_str(&header.join(","));
        out.push('\n');
        for projection in &plan.projections {
            for (i, m) in projection.months.iter().enumerate() {
                let row = [m.customers, m.new, m.lost, m.revenue, m.spend, m.profit].map(|v| format!("{v}"));
                out.push_str(&format!("{},{},{}\n", projection.scenario.key(), month(i), row.join(",")));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_download_has_the_assumptions_then_every_month_of_every_scenario() {
        let b = Baseline {
            customers: 100.0,
            window_days: 365,
            yearly_retention: 0.5,
            orders_per_month: 0.5,
            aov: 40.0,
            acquisition_per_month: 1000.0,
            retention_per_month: 0.0,
            cac: Some(50.0),
            cost_per_retained: None,
        };
        let p = PlanInputs::measured(&b, 30.0);
        let plan = Plan::of(&b, &p);
        for lang in Lang::ALL {
            let t = lang.texts().planner;
            let csv = t.csv(lang, &b, &p, &plan, |i| format!("m{i}"));
            let lines: Vec<&str> = csv.lines().collect();
            let notes = lines.iter().take_while(|l| l.starts_with("# ")).count();
            assert!(notes >= 4, "{lang:?}: {notes} assumption lines");
            // A header, then 3 scenarios × 12 months.
            assert_eq!(lines.len(), notes + 1 + 36, "{lang:?}");
            assert!(lines[notes + 1].starts_with("plan,m0,"), "{}", lines[notes + 1]);
            assert!(lines.last().unwrap().starts_with("retention,m11,"));
            // Every row has the header's 8 fields.
            assert!(lines[notes + 1..].iter().all(|l| l.split(',').count() == 8));
        }
    }
}
