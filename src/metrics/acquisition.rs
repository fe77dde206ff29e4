//! Acquisition versus retention (METRICS.md, "Acquisition versus retention"; the exact
//! forms in docs/definitions.md, "Acquisition versus retention (additions)"): marketing
//! spend spread over the analysis periods and joined with the customer base of the log.
//!
//! - A spend row covers the days of its period (a month, a week, a quarter, a year, or
//!   one day). Its amount goes to the analysis periods it overlaps in proportion to the
//!   days of overlap ("pro rata by days"); spend dated by day, or by periods that nest in
//!   the analysis periods, is simply summed. [`Allocation::split`] says whether any row
//!   had to be split, so the page can say so; spend on days outside the log's periods is
//!   kept apart ([`Allocation::outside`]), never silently dropped.
//! - Per period: `cac` = acquisition spend / acquired, `cost_per_retained` = retention
//!   spend / retained (S − churned), `cost_ratio` = cac / cost_per_retained, `cpo_new` =
//!   acquisition spend / orders from new customers (orders in the period of the
//!   customer's first purchase), `cpo_existing` = retention spend / the other orders. A
//!   figure whose denominator is 0 is `None` (shown as "—"), never ∞.
//! - Over the whole span the same ratios of the sums; `ltv_cac` = CLV / cac and
//!   `payback_months` = cac / monthly margin per customer, both over the span.

use super::base::BasePeriod;
use super::timeline::Timeline;
use crate::calendar::{Date, Granularity, Period};
use crate::ingest::other_kinds::{SpendKind, SpendRow};
use crate::ingest::period_counts::PeriodLabel;
use crate::ingest::{Activity, CustomerLog};
use serde::{Deserialize, Serialize};

/// One spend row placed on the calendar: `amount` over the days `first..end`.
#[derive(Clone, Debug, PartialEq)]
pub struct SpendSpan {
    pub first: i32,
    /// The first day after the span.
    pub end: i32,
    pub amount: f64,
    pub kind: SpendKind,
    pub channel: Option<String>,
}

impl SpendSpan {
    /// The row's span, when its period label is a calendar period (a text label that
    /// names no period cannot be placed: `None`).
    pub fn of_row(row: &SpendRow) -> Option<SpendSpan> {
        match &row.period {
            PeriodLabel::Period(p) => Some(SpendSpan {
                first: p.start().0,
                end: p.end().0,
                amount: row.spend,
                kind: row.kind,
                channel: row.channel.clone(),
            }),
            PeriodLabel::Text(_) => None,
        }
    }

    /// A span of one day.
    pub fn day(day: Date, amount: f64, kind: SpendKind, channel: Option<&str>) -> SpendSpan {
        SpendSpan { first: day.0, end: day.0 + 1, amount, kind, channel: channel.map(str::to_string) }
    }
}

/// The spend rows on the calendar, and the indices of the rows whose period names no
/// calendar period (reported, not used). A date is a day of spend, unless every date
/// in the file is the first of a month: then each is that month (a monthly export dated
/// `2024-03-01`, `01-04-2024`, …).
pub fn spans(rows: &[SpendRow]) -> (Vec<SpendSpan>, Vec<usize>) {
    let by_day = rows.iter().any(|r| r.day.is_some_and(|d| d.ymd().2 != 1));
    let mut out = Vec::with_capacity(rows.len());
    let mut unplaced = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let span = match (r.day, &r.period) {
            (Some(d), _) if by_day => Some(SpendSpan::day(d, r.spend, r.kind, r.channel.as_deref())),
            (Some(d), _) => {
                let month = Period::containing(Granularity::Month, d);
                let (first, end) = (month.start().0, month.end().0);
                Some(SpendSpan { first, end, amount: r.spend, kind: r.kind, channel: r.channel.clone() })
            }
            (None, _) => SpendSpan::of_row(r),
        };
        match span {
            Some(s) => out.push(s),
            None => unplaced.push(i),
        }
    }
    (out, unplaced)
}

/// Spend per analysis period, by kind.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Allocation {
    pub acquisition: Vec<f64>,
    pub retention: Vec<f64>,
    /// Spend whose kind the file does not say (counted in neither figure).
    pub unspecified: Vec<f64>,
    /// Whether some row spanned more than one analysis period and was split by days.
    pub split: bool,
    /// Spend on days outside the analysis periods, by kind (acquisition, retention,
    /// unspecified).
    pub outside: [f64; 3],
}

fn kind_index(kind: SpendKind) -> usize {
    match kind {
        SpendKind::Acquisition => 0,
        SpendKind::Retention => 1,
        SpendKind::Unspecified => 2,
    }
}

/// Spreads `spans` (of `channel` only, when given) over the periods of `timeline`, pro
/// rata by days.
pub fn allocate(spans: &[SpendSpan], timeline: &Timeline, channel: Option<&str>) -> Allocation {
    let n = timeline.len();
    let mut by_kind = [vec![0.0; n], vec![0.0; n], vec![0.0; n]];
    let mut out = Allocation::default();
    let bounds = timeline.bounds();
    for s in spans.iter().filter(|s| channel.is_none_or(|c| s.channel.as_deref() == Some(c))) {
        let days = f64::from((s.end - s.first).max(1));
        let k = kind_index(s.kind);
        let mut placed = 0.0;
        let mut periods = 0;
        for i in 0..n {
            let (a, b) = (bounds[i].max(s.first), bounds[i + 1].min(s.end));
            if b > a {
                let share = s.amount * f64::from(b - a) / days;
                by_kind[k][i] += share;
                placed += f64::from(b - a);
                periods += 1;
            }
        }
        if periods > 1 {
            out.split = true;
        }
        out.outside[k] += s.amount * (days - placed) / days;
    }
    let [acquisition, retention, unspecified] = by_kind;
    Allocation { acquisition, retention, unspecified, ..out }
}

/// Orders per analysis period from new customers (in the period of the customer's first
/// purchase) and from existing ones (every later period).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderSplit {
    pub new: Vec<u64>,
    pub existing: Vec<u64>,
}

impl OrderSplit {
    /// Purchase rows of the log (amount ≥ 0) by period and tenure.
    pub fn of(log: &CustomerLog, timeline: &Timeline) -> OrderSplit {
        let (mut new, mut existing) = (vec![0; timeline.len()], vec![0; timeline.len()]);
        for c in 0..log.customers() {
            for_orders(log.activity_of(c), timeline, |period, first, orders| {
                if period == first {
                    new[period] += orders;
                } else {
                    existing[period] += orders;
                }
            });
        }
        OrderSplit { new, existing }
    }
}

/// Calls `f(period, first period, orders)` for each purchase day of one customer (`days`)
/// on `timeline`; nothing for a customer without purchase days. Returns the period of
/// the customer's first purchase.
fn for_orders(days: Activity, timeline: &Timeline, mut f: impl FnMut(usize, usize, u64)) -> Option<usize> {
    let first = days.days.first().and_then(|&d| timeline.index_of(d))?;
    for d in days.iter() {
        if let Some(i) = timeline.index_of(d.day) {
            f(i, first, u64::from(d.purchases));
        }
    }
    Some(first)
}

/// The acquisition figures of one channel of the spend file, over the whole span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelCosts {
    /// The channel as the spend file names it.
    pub channel: String,
    /// Whether `acquired` and `orders_new` are the customers the log's channel column
    /// gives this channel ([`channel_column`]); otherwise they are the whole log's, and
    /// the channel's CAC is its part of the total CAC.
    pub attributed: bool,
    pub figures: CostFigures,
}

/// The channels of the spend spans, in order of first appearance.
pub fn channels(spans: &[SpendSpan]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in spans.iter().filter_map(|s| s.channel.as_deref()) {
        if !out.iter().any(|o| o == c) {
            out.push(c.to_string());
        }
    }
    out
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The log's attribute column that says through which channel customers came: the one
/// in which the most customers have a value equal to one of `channels` (trimmed, case
/// aside); the first such column on a tie; `None` when no value names a channel.
pub fn channel_column(log: &CustomerLog, channels: &[String]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (a, attribute) in log.attributes.iter().enumerate() {
        let named: Vec<bool> = attribute.values.iter().map(|v| channels.iter().any(|c| same_name(v, c))).collect();
        let customers = attribute.of_customer.iter().filter(|&&v| named[v as usize]).count();
        if customers > 0 && best.is_none_or(|(_, n)| customers > n) {
            best = Some((a, customers));
        }
    }
    best.map(|(a, _)| a)
}

/// Per channel, the customers whose value in the log's attribute `column` names it
/// (acquired: those with a purchase) and their orders in their first period.
fn attributed_acquisition(
    log: &CustomerLog,
    timeline: &Timeline,
    column: usize,
    channels: &[String],
) -> Vec<(u64, u64)> {
    let attribute = &log.attributes[column];
    let channel_of: Vec<Option<usize>> =
        attribute.values.iter().map(|v| channels.iter().position(|c| same_name(v, c))).collect();
    let mut out = vec![(0, 0); channels.len()];
    for (c, &value) in attribute.of_customer.iter().enumerate().take(log.customers()) {
        let Some(ch) = channel_of[value as usize] else { continue };
        let mut new_orders = 0;
        let first = for_orders(log.activity_of(c), timeline, |period, first, orders| {
            if period == first {
                new_orders += orders;
            }
        });
        if first.is_some() {
            out[ch].0 += 1;
            out[ch].1 += new_orders;
        }
    }
    out
}

/// The figures of each channel over the span: its own spend inside the log's periods
/// against the customers it won (when the log has a channel column naming it; else the
/// whole log's) and the whole base it helps keep (retention spend reaches every existing
/// customer: `retained` and `orders_existing` are always the whole log's).
pub fn channel_costs(
    log: &CustomerLog,
    timeline: &Timeline,
    placed: &[SpendSpan],
    span: &CostFigures,
) -> (Vec<ChannelCosts>, Option<String>) {
    let names = channels(placed);
    let column = channel_column(log, &names);
    let attributed = column.map(|c| attributed_acquisition(log, timeline, c, &names));
    let costs = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let spend = allocate(placed, timeline, Some(name));
            let (acquired, orders_new) = attributed.as_ref().map_or((span.acquired, span.orders_new), |a| a[i]);
            ChannelCosts {
                channel: name.clone(),
                attributed: attributed.is_some(),
                figures: CostFigures::of(
                    spend.acquisition.iter().sum(),
                    spend.retention.iter().sum(),
                    acquired,
                    span.retained,
                    orders_new,
                    span.orders_existing,
                ),
            }
        })
        .collect();
    (costs, column.map(|c| log.attributes[c].name.clone()))
}

/// The acquisition and retention figures of one period (or of the whole span).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostFigures {
    pub acquisition_spend: f64,
    pub retention_spend: f64,
    pub acquired: u64,
    pub retained: u64,
    pub orders_new: u64,
    pub orders_existing: u64,
    pub cac: Option<f64>,
    pub cost_per_retained: Option<f64>,
    pub cost_ratio: Option<f64>,
    pub cpo_new: Option<f64>,
    pub cpo_existing: Option<f64>,
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b > 0.0 && a.is_finite()).then(|| a / b)
}

impl CostFigures {
    pub fn of(
        acquisition_spend: f64,
        retention_spend: f64,
        acquired: u64,
        retained: u64,
        orders_new: u64,
        orders_existing: u64,
    ) -> CostFigures {
        let cac = ratio(acquisition_spend, acquired as f64);
        let cost_per_retained = ratio(retention_spend, retained as f64);
        CostFigures {
            acquisition_spend,
            retention_spend,
            acquired,
            retained,
            orders_new,
            orders_existing,
            cac,
            cost_per_retained,
            cost_ratio: cac.zip(cost_per_retained).and_then(|(a, r)| ratio(a, r)),
            cpo_new: ratio(acquisition_spend, orders_new as f64),
            cpo_existing: ratio(retention_spend, orders_existing as f64),
        }
    }
}

/// CLV / CAC; `None` without either or with a CAC of 0.
pub fn ltv_cac(clv: Option<f64>, cac: Option<f64>) -> Option<f64> {
    clv.zip(cac).and_then(|(v, c)| ratio(v, c))
}

/// CAC / the margin a customer brings in a month; `None` without either or without margin.
pub fn payback_months(cac: Option<f64>, monthly_margin: Option<f64>) -> Option<f64> {
    cac.zip(monthly_margin).and_then(|(c, m)| ratio(c, m))
}

/// What a customer is worth and earns, for `ltv_cac` and `payback_months`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerValue {
    /// CLV (margin) of a customer.
    pub clv: Option<f64>,
    /// Margin a customer brings in a month.
    pub monthly_margin: Option<f64>,
}

impl CustomerValue {
    /// From the simple CLV inputs measured from the log (revenue per active customer per
    /// year, yearly retention) with margin and yearly discount in %: CLV as METRICS.md's
    /// simple CLV, the monthly margin as margin × revenue per year / 12.
    pub fn of(inputs: Option<&super::lifetime::SimpleInputs>, margin_pct: f64, discount_pct: f64) -> CustomerValue {
        let Some(i) = inputs else { return CustomerValue::default() };
        let margin_per_year = margin_pct / 100.0 * i.revenue_per_year;
        CustomerValue {
            clv: crate::models::clv::simple_clv(margin_per_year, i.yearly_retention, discount_pct / 100.0).ok(),
            monthly_margin: Some(margin_per_year / 12.0).filter(|m| m.is_finite() && *m > 0.0),
        }
    }
}

/// Every acquisition-versus-retention figure of a log and its spend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AcquisitionFigures {
    pub periods: Vec<(Period, CostFigures)>,
    pub span: CostFigures,
    pub ltv_cac: Option<f64>,
    pub payback_months: Option<f64>,
    pub split: bool,
    pub outside: [f64; 3],
    /// Spend rows whose period names no calendar period (not used; the page says how many).
    pub unplaced: usize,
    /// Per channel of the spend file (none without a channel column).
    #[serde(default)]
    pub channels: Vec<ChannelCosts>,
    /// The log's column that names the channel customers came through, if any.
    #[serde(default)]
    pub channel_column: Option<String>,
}

impl AcquisitionFigures {
    /// The figures of `log` and its spend `rows` on the periods of `timeline` (those of
    /// `base`, the log's base over time).
    pub fn of_log(
        log: &CustomerLog,
        base: &[BasePeriod],
        timeline: &Timeline,
        rows: &[SpendRow],
        value: CustomerValue,
    ) -> AcquisitionFigures {
        let (placed, unplaced) = spans(rows);
        let spend = allocate(&placed, timeline, None);
        let figures = AcquisitionFigures::of(base, &OrderSplit::of(log, timeline), &spend, value);
        let (channels, channel_column) = channel_costs(log, timeline, &placed, &figures.span);
        AcquisitionFigures { unplaced: unplaced.len(), channels, channel_column, ..figures }
    }

    /// From the base over time (`base`, one entry per period of `timeline`), the orders
    /// split by tenure and the spend allocated to the same periods.
    pub fn of(
        base: &[BasePeriod],
        orders: &OrderSplit,
        spend: &Allocation,
        value: CustomerValue,
    ) -> AcquisitionFigures {
        let periods: Vec<_> = base
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let f = CostFigures::of(
                    spend.acquisition.get(i).copied().unwrap_or(0.0),
                    spend.retention.get(i).copied().unwrap_or(0.0),
                    p.acquired,
                    p.retained(),
                    orders.new.get(i).copied().unwrap_or(0),
                    orders.existing.get(i).copied().unwrap_or(0),
                );
                (p.period, f)
            })
            .collect();
        let sum_f = |f: &dyn Fn(&CostFigures) -> f64| periods.iter().map(|(_, c)| f(c)).sum::<f64>();
        let sum_u = |f: &dyn Fn(&CostFigures) -> u64| periods.iter().map(|(_, c)| f(c)).sum::<u64>();
        let span = CostFigures::of(
            sum_f(&|c| c.acquisition_spend),
            sum_f(&|c| c.retention_spend),
            sum_u(&|c| c.acquired),
            sum_u(&|c| c.retained),
            sum_u(&|c| c.orders_new),
            sum_u(&|c| c.orders_existing),
        );
        let ltv_cac = ltv_cac(value.clv, span.cac);
        let payback_months = payback_months(span.cac, value.monthly_margin);
        AcquisitionFigures {
            periods,
            span,
            ltv_cac,
            payback_months,
            split: spend.split,
            outside: spend.outside,
            unplaced: 0,
            channels: Vec::new(),
            channel_column: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        Date::from_ymd(y, m, d).unwrap().0
    }

    fn months(first: (i32, u32), last: (i32, u32)) -> Timeline {
        Timeline::new(Granularity::Month, day(first.0, first.1, 1), day(last.0, last.1, 1))
    }

    fn month_span(y: i32, m: u32, amount: f64, kind: SpendKind) -> SpendSpan {
        let p = Period::month(y, m).unwrap();
        SpendSpan { first: p.start().0, end: p.end().0, amount, kind, channel: None }
    }

    #[test]
    fn monthly_spend_on_monthly_periods_is_summed() {
        let t = months((2024, 1), (2024, 3));
        let spans = [
            month_span(2024, 1, 100.0, SpendKind::Acquisition),
            month_span(2024, 1, 40.0, SpendKind::Retention),
            month_span(2024, 3, 10.0, SpendKind::Acquisition),
            month_span(2024, 3, 5.0, SpendKind::Acquisition),
        ];
        let a = allocate(&spans, &t, None);
        assert_eq!(a.acquisition, vec![100.0, 0.0, 15.0]);
        assert_eq!(a.retention, vec![40.0, 0.0, 0.0]);
        assert!(!a.split);
        assert_eq!(a.outside, [0.0; 3]);
    }

    #[test]
    fn daily_spend_is_summed_into_its_month() {
        let t = months((2024, 1), (2024, 2));
        let spans: Vec<SpendSpan> = (1..=31)
            .map(|d| SpendSpan::day(Date::from_ymd(2024, 1, d).unwrap(), 2.0, SpendKind::Retention, Some("CRM")))
            .chain([SpendSpan::day(Date::from_ymd(2024, 2, 29).unwrap(), 7.0, SpendKind::Retention, None)])
            .collect();
        let a = allocate(&spans, &t, None);
        assert_eq!(a.retention, vec![62.0, 7.0]);
        assert!(!a.split);
        // Only the channel's rows.
        assert_eq!(allocate(&spans, &t, Some("CRM")).retention, vec![62.0, 0.0]);
    }

    #[test]
    fn a_quarter_on_monthly_periods_is_split_by_days() {
        // Q1 2024 = 31 + 29 + 31 = 91 days; 910 over it: 310, 290, 310.
        let t = months((2024, 1), (2024, 3));
        let q = Period::quarter(2024, 1).unwrap();
        let spans = [SpendSpan {
            first: q.start().0,
            end: q.end().0,
            amount: 910.0,
            kind: SpendKind::Acquisition,
            channel: None,
        }];
        let a = allocate(&spans, &t, None);
        let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9);
        assert!(close(&a.acquisition, &[310.0, 290.0, 310.0]), "{:?}", a.acquisition);
        assert!(a.split);
        // A month on weeks: January 2024 over the weeks from Monday 1 January: 7 days in
        // each of the first four, 3 (29–31) in the fifth.
        let weeks = Timeline::new(Granularity::Week, day(2024, 1, 1), day(2024, 1, 31));
        let a = allocate(&[month_span(2024, 1, 310.0, SpendKind::Retention)], &weeks, None);
        assert!(close(&a.retention, &[70.0, 70.0, 70.0, 70.0, 30.0]), "{:?}", a.retention);
        assert!(a.split);
    }

    #[test]
    fn spend_outside_the_periods_is_kept_apart() {
        // A month of spend half before the log's first period (spend in December 2023
        // for a log from January 2024) and a quarter reaching past its last.
        let t = months((2024, 1), (2024, 2));
        let q = Period::quarter(2024, 1).unwrap();
        let spans = [
            month_span(2023, 12, 31.0, SpendKind::Acquisition),
            SpendSpan { first: q.start().0, end: q.end().0, amount: 91.0, kind: SpendKind::Unspecified, channel: None },
        ];
        let a = allocate(&spans, &t, None);
        assert_eq!(a.acquisition, vec![0.0, 0.0]);
        assert!((a.unspecified[0] - 31.0).abs() < 1e-9 && (a.unspecified[1] - 29.0).abs() < 1e-9);
        assert!((a.outside[0] - 31.0).abs() < 1e-9 && (a.outside[2] - 31.0).abs() < 1e-9, "{:?}", a.outside);
    }

    fn base(period: Period, s: u64, churned: u64, acquired: u64) -> BasePeriod {
        BasePeriod {
            period,
            base_start: s,
            base_end: s - churned + acquired,
            churned,
            joined: acquired,
            new_customers: acquired,
            reactivated: 0,
            acquired,
            crr: None,
            churn_rate: None,
        }
    }

    #[test]
    fn figures_per_period_and_over_the_span() {
        let (jan, feb, mar) =
            (Period::month(2024, 1).unwrap(), Period::month(2024, 2).unwrap(), Period::month(2024, 3).unwrap());
        // January: nobody at the start; February: no new customers; March: no spend.
        let b = [base(jan, 0, 0, 10), base(feb, 10, 2, 0), base(mar, 8, 4, 5)];
        let orders = OrderSplit { new: vec![12, 0, 5], existing: vec![0, 16, 6] };
        let spend = Allocation {
            acquisition: vec![500.0, 100.0, 0.0],
            retention: vec![0.0, 80.0, 0.0],
            unspecified: vec![0.0; 3],
            split: false,
            outside: [0.0; 3],
        };
        let f =
            AcquisitionFigures::of(&b, &orders, &spend, CustomerValue { clv: Some(120.0), monthly_margin: Some(8.0) });
        let (_, j) = &f.periods[0];
        assert_eq!((j.cac, j.cost_per_retained, j.cost_ratio), (Some(50.0), None, None));
        assert_eq!((j.cpo_new, j.cpo_existing), (Some(500.0 / 12.0), None));
        let (_, fe) = &f.periods[1];
        // 100 on acquisition and nobody acquired: no CAC (not ∞); 80 / (10 − 2) = 10 per kept.
        assert_eq!((fe.cac, fe.cost_per_retained, fe.cost_ratio), (None, Some(10.0), None));
        assert_eq!((fe.cpo_new, fe.cpo_existing), (None, Some(5.0)));
        let (_, m) = &f.periods[2];
        // Zero spend: zero cost, a real figure.
        assert_eq!((m.cac, m.cost_per_retained, m.cost_ratio), (Some(0.0), Some(0.0), None));
        // Span: 600 / 15 = 40 per new customer, 80 / (0 + 8 + 4) = 6.67 per kept one.
        let s = &f.span;
        assert_eq!((s.acquired, s.retained, s.orders_new, s.orders_existing), (15, 12, 17, 22));
        assert_eq!(s.cac, Some(40.0));
        assert!((s.cost_per_retained.unwrap() - 80.0 / 12.0).abs() < 1e-12);
        assert!((s.cost_ratio.unwrap() - 40.0 / (80.0 / 12.0)).abs() < 1e-12);
        assert!((s.cpo_new.unwrap() - 600.0 / 17.0).abs() < 1e-12);
        assert!((s.cpo_existing.unwrap() - 80.0 / 22.0).abs() < 1e-12);
        // 120 / 40 = 3; 40 / 8 = 5 months.
        assert_eq!((f.ltv_cac, f.payback_months), (Some(3.0), Some(5.0)));
    }

    #[test]
    fn rows_by_day_by_month_and_unplaceable() {
        let read = |csv: &str| {
            let f = crate::ingest::read_file("s.csv", csv.as_bytes()).unwrap();
            let crate::ingest::Dataset::MarketingSpend(rows) = f.dataset else { panic!("{:?}", f.dataset.kind()) };
            rows
        };
        // Days: 15 and 1 January are days, since one date is not a month's first.
        let (s, bad) = spans(&read("date,spend,type\n2024-01-15,10,acquisition\n2024-01-01,5,acquisition\n"));
        assert_eq!(
            (s[0].first, s[0].end, s[1].first, s[1].end),
            (day(2024, 1, 15), day(2024, 1, 16), day(2024, 1, 1), day(2024, 1, 2))
        );
        assert!(bad.is_empty());
        // Every date the first of a month: months.
        let (s, _) = spans(&read("datum;kosten;soort\n01-03-2024;10;werving\n01-04-2024;5;werving\n"));
        assert_eq!((s[0].first, s[0].end, s[1].end), (day(2024, 3, 1), day(2024, 4, 1), day(2024, 5, 1)));
        // Periods, and a label that names none.
        let (s, bad) = spans(&read("period,spend,type\n2024-Q1,90,retention\nspring sale,5,retention\n"));
        assert_eq!((s.len(), s[0].first, s[0].end), (1, day(2024, 1, 1), day(2024, 4, 1)));
        assert_eq!(bad, vec![1]);
    }

    #[test]
    fn customer_value_from_the_simple_clv_inputs() {
        let inputs = crate::metrics::lifetime::SimpleInputs {
            window_days: 365,
            earlier_customers: 10,
            retained: 6,
            yearly_retention: 0.6,
            revenue_per_year: 120.0,
            active_customers: 8,
            orders: 20,
        };
        // Margin 30% of 120 = 36 a year; CLV = 36 × 1.1 / (1.1 − 0.6) = 79.2; 3 a month.
        let v = CustomerValue::of(Some(&inputs), 30.0, 10.0);
        assert!((v.clv.unwrap() - 79.2).abs() < 1e-12, "{v:?}");
        assert!((v.monthly_margin.unwrap() - 3.0).abs() < 1e-12);
        assert_eq!(CustomerValue::of(None, 30.0, 10.0), CustomerValue::default());
        // No margin: nothing to pay back with.
        assert_eq!(CustomerValue::of(Some(&inputs), 0.0, 10.0).monthly_margin, None);
    }

    #[test]
    fn orders_split_by_the_customers_first_period() {
        let csv = "customer,date,amount\na,2024-01-05,10\na,2024-01-20,10\na,2024-02-03,10\nb,2024-02-10,5\nb,2024-02-10,5\nb,2024-03-01,5\n";
        let f = crate::ingest::read_file("log.csv", csv.as_bytes()).unwrap();
        let crate::ingest::Dataset::Transactions(log) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        let t = months((2024, 1), (2024, 3));
        // a: two orders in January (new), one in February (existing); b: two orders on
        // 10 February (new), one in March (existing).
        assert_eq!(OrderSplit::of(log, &t), OrderSplit { new: vec![2, 2, 0], existing: vec![0, 1, 1] });
    }

    fn log_and_spend(log: &str, spend: &str) -> (CustomerLog, Vec<SpendRow>) {
        let f = crate::ingest::read_file("log.csv", log.as_bytes()).unwrap();
        let crate::ingest::Dataset::Transactions(log) = f.dataset else { panic!("{:?}", f.dataset.kind()) };
        let f = crate::ingest::read_file("s.csv", spend.as_bytes()).unwrap();
        let crate::ingest::Dataset::MarketingSpend(rows) = f.dataset else { panic!("{:?}", f.dataset.kind()) };
        (log, rows)
    }

    fn by_channel(log: &CustomerLog, rows: &[SpendRow]) -> AcquisitionFigures {
        let settings = crate::metrics::analysis::AnalysisSettings::default();
        let analysis = crate::metrics::analysis::Analysis::of("log.csv", log, None, &settings);
        let t = months((2024, 1), (2024, 3));
        AcquisitionFigures::of_log(log, &analysis.base, &t, rows, CustomerValue::default())
    }

    const SPEND: &str =
        "maand,kanaal,soort,kosten\n2024-01,Google Ads,werving,100\n2024-02,Nieuwsbrief,,30\n2024-02,TikTok,,50\n";

    #[test]
    fn per_channel_with_the_channel_the_log_names() {
        // a and b came through Google Ads (case and spaces aside), c organically. W = 90:
        // the base holds {a, b} on 1 February and {a, b, c} on 1 March and 1 April (b's
        // last purchase, 12 January, is 80 days before 1 April): nobody churns, so
        // retained = 0 + 2 + 3 = 5. Orders: new a 1 + b 2 (January) + c 1 (February),
        // existing a 1 (February) + c 1 (March).
        let log = "customer,date,amount,bron\na,2024-01-05,10,Google Ads\nb,2024-01-10,5, google ads\nb,2024-01-12,5, google ads\n\
                   a,2024-02-03,10,Google Ads\nc,2024-02-10,5,Organic\nc,2024-03-01,5,Organic\n";
        let (log, rows) = log_and_spend(log, SPEND);
        let f = by_channel(&log, &rows);
        assert_eq!((f.span.acquired, f.span.retained, f.span.orders_new, f.span.orders_existing), (3, 5, 4, 2));
        assert_eq!(f.channel_column.as_deref(), Some("bron"));
        let names: Vec<_> = f.channels.iter().map(|c| c.channel.as_str()).collect();
        assert_eq!(names, ["Google Ads", "Nieuwsbrief", "TikTok"]);
        let [g, n, t] = [&f.channels[0].figures, &f.channels[1].figures, &f.channels[2].figures];
        // Google Ads: 100 for a and b = 50 each; 100 / their 3 first-period orders.
        assert_eq!((g.acquired, g.orders_new, g.cac), (2, 3, Some(50.0)));
        assert!((g.cpo_new.unwrap() - 100.0 / 3.0).abs() < 1e-12);
        // No retention spend on it: 0 per kept customer, and no ratio against 0.
        assert_eq!((g.cost_per_retained, g.cost_ratio), (Some(0.0), None));
        // The newsletter keeps the whole base: 30 / 5 kept, 30 / 2 existing orders; it
        // won nobody.
        assert_eq!((n.cac, n.cost_per_retained, n.cpo_existing), (None, Some(6.0), Some(15.0)));
        // TikTok: 50 and no customer in the log names it: no CAC (not 0, not ∞).
        assert_eq!((t.acquisition_spend, t.acquired, t.cac), (50.0, 0, None));
        assert!(f.channels.iter().all(|c| c.attributed));
    }

    #[test]
    fn per_channel_without_a_channel_in_the_log() {
        // The same purchases without the column: each channel's CAC is its spend over all
        // 3 new customers, so that they add up to the total CAC (150 / 3 = 50).
        let log = "customer,date,amount\na,2024-01-05,10\nb,2024-01-10,5\nb,2024-01-12,5\na,2024-02-03,10\nc,2024-02-10,5\nc,2024-03-01,5\n";
        let (log, rows) = log_and_spend(log, SPEND);
        let f = by_channel(&log, &rows);
        assert_eq!(f.channel_column, None);
        let cac: Vec<_> = f.channels.iter().map(|c| c.figures.cac).collect();
        assert_eq!(cac, vec![Some(100.0 / 3.0), Some(0.0), Some(50.0 / 3.0)]);
        assert_eq!(f.span.cac, Some(50.0));
        assert!(f.channels.iter().all(|c| !c.attributed));
        // A spend file without channels has no channel figures.
        let (log, rows) = log_and_spend("customer,date\na,2024-01-05\n", "maand,kosten,soort\n2024-01,10,werving\n");
        assert!(by_channel(&log, &rows).channels.is_empty());
    }
}
