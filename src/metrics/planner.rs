//! The budget planner (what-if): the customer base, revenue and profit projected month by
//! month over 1 to 5 years from the log's own dynamics, and the same extra amount spent
//! on winning customers against spending it on keeping them (docs/definitions.md,
//! "Budget planner").
//!
//! The measured starting point ([`Baseline`]) is the simple CLV's population: the
//! customers active in the log's last window of L days, their yearly retention, their
//! orders per month and order value there; the spend file gives the acquisition and
//! retention spend per month, the CAC and the cost per kept customer. Month m then goes
//!
//! ```text
//!   lost_m      = C_{m−1} × (1 − r^(1/12))              r: yearly retention + points
//!   kept_m      = min(extra retention / cost per kept customer, lost_m)   (retention only)
//!   new_m       = acquisition per month / CAC            (+ extra / CAC: acquisition only)
//!   C_m         = C_{m−1} − lost_m + kept_m + new_m
//!   revenue_m   = C_m × orders per customer per month × AOV
//!   profit_m    = revenue_m × margin − acquisition − retention spend (− the extra)
//! ```
//! A pure function of its inputs: the page computes it on every slider move.

use super::acquisition::AcquisitionFigures;
use super::lifetime::SimpleInputs;
use crate::calendar::Period;
use serde::{Deserialize, Serialize};

/// Days in a month of the planner: a twelfth of the simple CLV's 365-day year.
pub const MONTH_DAYS: f64 = 365.0 / 12.0;
/// The longest projection, in years.
pub const MAX_YEARS: u32 = 5;

/// What the log (and the spend file, when there is one) measured.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// C_0: customers active in the log's last window.
    pub customers: f64,
    /// That window, L days.
    pub window_days: i32,
    /// Yearly retention r, 0..=1 (the simple CLV's).
    pub yearly_retention: f64,
    /// Orders per active customer per month.
    pub orders_per_month: f64,
    /// Revenue (refunds included) per order in the last window.
    pub aov: f64,
    /// Spend per month over the log's periods (0 without a spend file).
    pub acquisition_per_month: f64,
    pub retention_per_month: f64,
    /// CAC and cost per kept customer over the span (`None` without spend, or without
    /// customers to divide by).
    pub cac: Option<f64>,
    pub cost_per_retained: Option<f64>,
}

impl Baseline {
    /// From the simple CLV's measurements of the log and the acquisition figures over
    /// the span of `days` days of the log's periods. `None` when the log measures no
    /// retention or order value (too short, no amounts, no orders).
    pub fn of(inputs: &SimpleInputs, acquisition: Option<&AcquisitionFigures>, days: f64) -> Option<Baseline> {
        if inputs.active_customers == 0 || inputs.orders == 0 {
            return None;
        }
        let window = f64::from(inputs.window_days);
        let revenue = inputs.revenue_per_year / 365.0 * window * inputs.active_customers as f64;
        let per_month = |spend: f64| if days > 0.0 { spend / days * MONTH_DAYS } else { 0.0 };
        let span = acquisition.map(|a| &a.span);
        Some(Baseline {
            customers: inputs.active_customers as f64,
            window_days: inputs.window_days,
            yearly_retention: inputs.yearly_retention,
            orders_per_month: inputs.orders as f64 / inputs.active_customers as f64 / window * MONTH_DAYS,
            aov: revenue / inputs.orders as f64,
            acquisition_per_month: span.map_or(0.0, |s| per_month(s.acquisition_spend)),
            retention_per_month: span.map_or(0.0, |s| per_month(s.retention_spend)),
            cac: span.and_then(|s| s.cac).filter(|c| *c > 0.0),
            cost_per_retained: span.and_then(|s| s.cost_per_retained).filter(|c| *c > 0.0),
        })
    }
}

/// What the user sets (each starts at the measured value).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanInputs {
    /// 1 to [`MAX_YEARS`].
    pub years: u32,
    /// Points added to the yearly retention rate (−100..100); the result is kept in 0..=100%.
    pub retention_points: f64,
    pub acquisition_per_month: f64,
    /// CAC: what a new customer costs.
    pub cac: Option<f64>,
    pub aov: f64,
    /// Margin, % of revenue.
    pub margin_pct: f64,
    /// The extra amount per month whose use is compared.
    pub extra_per_month: f64,
    /// What keeping one more customer costs.
    pub cost_per_retained: Option<f64>,
}

impl PlanInputs {
    /// The measured values, with `margin_pct` and one year.
    pub fn measured(b: &Baseline, margin_pct: f64) -> PlanInputs {
        PlanInputs {
            years: 1,
            retention_points: 0.0,
            acquisition_per_month: b.acquisition_per_month,
            cac: b.cac,
            aov: b.aov,
            margin_pct,
            extra_per_month: 1000.0,
            cost_per_retained: b.cost_per_retained,
        }
    }

    /// The yearly retention rate used: measured + points, within 0..=1.
    pub fn yearly_retention(&self, b: &Baseline) -> f64 {
        (b.yearly_retention + self.retention_points / 100.0).clamp(0.0, 1.0)
    }
}

/// Where the extra amount goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scenario {
    /// The plan as set, without the extra amount.
    Plan,
    /// The extra amount on winning customers (at the CAC).
    Acquisition,
    /// The extra amount on keeping customers (at the cost per kept customer).
    Retention,
}

impl Scenario {
    pub const ALL: [Scenario; 3] = [Scenario::Plan, Scenario::Acquisition, Scenario::Retention];

    /// `data-segment` of the scenario's figures.
    pub fn key(self) -> &'static str {
        match self {
            Scenario::Plan => "plan",
            Scenario::Acquisition => "acquisition",
            Scenario::Retention => "retention",
        }
    }
}

/// One projected month.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Month {
    /// Customers at the month's end.
    pub customers: f64,
    pub new: f64,
    /// Customers lost (after those the extra retention spend kept).
    pub lost: f64,
    pub revenue: f64,
    pub spend: f64,
    pub profit: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub scenario: Scenario,
    pub months: Vec<Month>,
    pub revenue_total: f64,
    pub profit_total: f64,
    /// Customers at the end of the last month.
    pub customers_end: f64,
}

/// The month-by-month projection of one scenario.
pub fn project(b: &Baseline, p: &PlanInputs, scenario: Scenario) -> Projection {
    let monthly_retention = p.yearly_retention(b).powf(1.0 / 12.0);
    let extra = p.extra_per_month.max(0.0);
    let (extra_acquisition, extra_retention) = match scenario {
        Scenario::Plan => (0.0, 0.0),
        Scenario::Acquisition => (extra, 0.0),
        Scenario::Retention => (0.0, extra),
    };
    let acquisition = p.acquisition_per_month.max(0.0) + extra_acquisition;
    let per = |amount: f64, cost: Option<f64>| cost.filter(|c| *c > 0.0).map_or(0.0, |c| amount / c);
    let new = per(acquisition, p.cac);
    let spend = acquisition + b.retention_per_month + extra_retention;
    let revenue_per_customer = b.orders_per_month * p.aov;
    let margin = p.margin_pct / 100.0;
    let mut customers = b.customers;
    let months: Vec<Month> = (0..p.years.clamp(1, MAX_YEARS) * 12)
        .map(|_| {
            let leaving = customers * (1.0 - monthly_retention);
            let kept = per(extra_retention, p.cost_per_retained).min(leaving);
            customers = customers - leaving + kept + new;
            let revenue = customers * revenue_per_customer;
            Month { customers, new, lost: leaving - kept, revenue, spend, profit: revenue * margin - spend }
        })
        .collect();
    Projection {
        scenario,
        revenue_total: months.iter().map(|m| m.revenue).sum(),
        profit_total: months.iter().map(|m| m.profit).sum(),
        customers_end: customers,
        months,
    }
}

/// The three scenarios, and which use of the extra amount earns more over the horizon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub projections: [Projection; 3],
    /// Acquisition or Retention: the higher total profit (`None` on a tie, or when one of
    /// them cannot be computed: no CAC or no cost per kept customer).
    pub better: Option<Scenario>,
}

impl Plan {
    pub fn of(b: &Baseline, p: &PlanInputs) -> Plan {
        let projections = Scenario::ALL.map(|s| project(b, p, s));
        let (a, r) = (projections[1].profit_total, projections[2].profit_total);
        let comparable = p.cac.is_some() && p.cost_per_retained.is_some() && p.extra_per_month > 0.0;
        let better = match a.partial_cmp(&r) {
            _ if !comparable => None,
            Some(std::cmp::Ordering::Greater) => Some(Scenario::Acquisition),
            Some(std::cmp::Ordering::Less) => Some(Scenario::Retention),
            _ => None,
        };
        Plan { projections, better }
    }
}

/// The label of projected month `i` (0-based) after the month holding the log's last
/// day `last`: `2025-01`, ….
pub fn month_label(last: crate::calendar::Date, i: usize) -> String {
    let first = Period::containing(crate::calendar::Granularity::Month, last).end();
    let (y, m, _) = first.ymd();
    let n = i64::from(y) * 12 + i64::from(m) - 1 + i as i64;
    format!("{:04}-{:02}", n.div_euclid(12), n.rem_euclid(12) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// r = 0.9 a month (0.9¹² a year), 100 customers, half an order a month at 40.
    fn baseline() -> Baseline {
        Baseline {
            customers: 100.0,
            window_days: 365,
            yearly_retention: 0.9f64.powi(12),
            orders_per_month: 0.5,
            aov: 40.0,
            acquisition_per_month: 1000.0,
            retention_per_month: 200.0,
            cac: Some(50.0),
            cost_per_retained: Some(25.0),
        }
    }

    fn inputs() -> PlanInputs {
        PlanInputs { years: 1, margin_pct: 30.0, extra_per_month: 500.0, ..PlanInputs::measured(&baseline(), 30.0) }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn the_plan_by_hand() {
        // Each month: 10% of the base leaves, 1000 / 50 = 20 join; revenue 20 a customer;
        // profit 30% of it − 1200 of spend.
        //   m1: 100 − 10 + 20 = 110, revenue 2200, profit 660 − 1200 = −540
        //   m2: 110 − 11 + 20 = 119, revenue 2380, profit −486
        //   m3: 119 − 11.9 + 20 = 127.1, revenue 2542, profit −437.4
        let p = project(&baseline(), &inputs(), Scenario::Plan);
        let got: Vec<_> = p.months[..3].iter().map(|m| (m.customers, m.revenue, m.profit)).collect();
        for (g, w) in got.iter().zip([(110.0, 2200.0, -540.0), (119.0, 2380.0, -486.0), (127.1, 2542.0, -437.4)]) {
            assert!(close(g.0, w.0) && close(g.1, w.1) && close(g.2, w.2), "{g:?} vs {w:?}");
        }
        assert_eq!(p.months.len(), 12);
        assert!(close(p.months[0].lost, 10.0) && close(p.months[0].new, 20.0));
        // C_m = 200 − 100 × 0.9^m: the base tends to new / (1 − 0.9) = 200.
        let five = project(&baseline(), &PlanInputs { years: 5, ..inputs() }, Scenario::Plan);
        assert_eq!(five.months.len(), 60);
        assert!(close(five.customers_end, 200.0 - 100.0 * 0.9f64.powi(60)), "{}", five.customers_end);
    }

    #[test]
    fn the_extra_amount_on_winning_or_on_keeping() {
        // 500 more on acquisition: 1500 / 50 = 30 new a month.
        //   m1: 90 + 30 = 120, profit 720 − 1700 = −980; m2: 108 + 30 = 138, −872
        let a = project(&baseline(), &inputs(), Scenario::Acquisition);
        assert!(close(a.months[0].customers, 120.0) && close(a.months[0].profit, -980.0));
        assert!(close(a.months[1].customers, 138.0) && close(a.months[1].profit, -872.0));
        // 500 more on retention at 25 a kept customer: 20 kept a month, at most those who
        // leave: m1 10 leave, all kept: 100 + 20 = 120; m2 12 leave, all kept: 140.
        let r = project(&baseline(), &inputs(), Scenario::Retention);
        assert!(close(r.months[0].customers, 120.0) && close(r.months[0].lost, 0.0));
        assert!(close(r.months[1].customers, 140.0) && close(r.months[1].profit, 840.0 - 1700.0));
        // Keeping a customer at 1: the 500 keeps everyone who would leave, so the base
        // grows by the 20 won a month: 120, 140, …, 340, Σ = 1200 + 20 × 78 = 2760
        // customer-months. Winning 30 a month: C_m = 300 − 200 × 0.9^m, Σ over a year =
        // 3600 − 1800 × (1 − 0.9¹²) = 2308.373165666. Profit = Σ × 20 × 30% − 12 × 1700.
        let cheap = PlanInputs { cost_per_retained: Some(1.0), ..inputs() };
        let plan = Plan::of(&baseline(), &cheap);
        assert_eq!(plan.projections.clone().map(|p| p.scenario), Scenario::ALL);
        assert!(close(plan.projections[2].profit_total, 2760.0 * 6.0 - 20400.0));
        assert!(close(plan.projections[1].profit_total, 2308.3731656658 * 6.0 - 20400.0));
        assert!(close(plan.projections[2].customers_end, 340.0));
        assert_eq!(plan.better, Some(Scenario::Retention));
        // At 1000 a kept customer the 500 keeps half a customer a month: winning is better.
        let dear = PlanInputs { cost_per_retained: Some(1000.0), ..inputs() };
        assert_eq!(Plan::of(&baseline(), &dear).better, Some(Scenario::Acquisition));
        // Without a cost per kept customer there is nothing to compare.
        let blind = PlanInputs { cost_per_retained: None, ..inputs() };
        assert_eq!(Plan::of(&baseline(), &blind).better, None);
    }

    #[test]
    fn retention_points_and_bounds() {
        // +50 points on a yearly 28% → 78%; never above 100%.
        let b = baseline();
        let p = PlanInputs { retention_points: 50.0, ..inputs() };
        assert!(close(p.yearly_retention(&b), 0.9f64.powi(12) + 0.5));
        let all = PlanInputs { retention_points: 100.0, acquisition_per_month: 0.0, ..inputs() };
        assert_eq!(all.yearly_retention(&b), 1.0);
        // Nobody leaves and nobody joins: the base stays at 100.
        let p = project(&b, &all, Scenario::Plan);
        assert!(p.months.iter().all(|m| close(m.customers, 100.0) && m.lost == 0.0));
        // No CAC: nobody is won.
        let p = project(&b, &PlanInputs { cac: None, ..inputs() }, Scenario::Plan);
        assert!(close(p.months[0].customers, 90.0) && p.months[0].new == 0.0);
    }

    #[test]
    fn the_baseline_from_the_log_and_its_spend() {
        // 8 active customers with 20 orders in a window of 73 days, 3650 a year each:
        // revenue in the window 3650 / 365 × 73 × 8 = 5840, 292 an order; 20 / 8 / 73 ×
        // 365 / 12 orders a customer a month.
        let inputs = SimpleInputs {
            window_days: 73,
            earlier_customers: 10,
            retained: 5,
            yearly_retention: 0.25,
            revenue_per_year: 3650.0,
            active_customers: 8,
            orders: 20,
        };
        let b = Baseline::of(&inputs, None, 365.0).unwrap();
        assert!(close(b.aov, 292.0), "{}", b.aov);
        assert!(close(b.orders_per_month, 20.0 / 8.0 / 73.0 * 365.0 / 12.0));
        assert_eq!((b.customers, b.yearly_retention, b.cac, b.acquisition_per_month), (8.0, 0.25, None, 0.0));
        // Revenue a customer a month is the yearly revenue / 12.
        assert!(close(b.orders_per_month * b.aov, 3650.0 / 12.0));
        assert_eq!(Baseline::of(&SimpleInputs { orders: 0, ..inputs }, None, 365.0), None);
    }

    #[test]
    fn month_labels_after_the_log() {
        let last = crate::calendar::Date::from_ymd(2024, 11, 15).unwrap();
        assert_eq!(month_label(last, 0), "2024-12");
        assert_eq!(month_label(last, 1), "2025-01");
        assert_eq!(month_label(last, 13), "2026-01");
    }
}
