//! The analysis's figures as the chart modules take them (`crate::charts`, drawn
//! generic over plotters' backend): points, series and names in the page's language.

use super::super::chart::{CHART_HEIGHT, CHART_WIDTH};
use super::format::value_label;
use crate::charts::{bars, flow, heatmap, lines, lorenz, palette, rates, Reference};
use crate::i18n::Lang;
use crate::metrics::base::BasePeriod;
use crate::metrics::cohorts::{with_customers, Cohort};
use crate::metrics::comparison::Comparison;
use crate::metrics::concentration::Concentration;
use crate::metrics::purchase_gaps::PurchaseGaps;
use crate::metrics::rfm::Rfm;

const SIZE: (u32, u32) = (CHART_WIDTH, CHART_HEIGHT);

/// The cohort heatmap is drawn taller than the other charts.
pub const HEATMAP_HEIGHT: u32 = 420;

pub struct BaseCharts {
    pub rates: String,
    pub flow: String,
}

pub struct CohortCharts {
    pub heatmap: String,
    pub curves: String,
}

pub fn base_charts(base: &[BasePeriod], lang: Lang) -> BaseCharts {
    let x = lang.texts().analysis;
    let (w, h) = SIZE;
    let points: Vec<rates::RatePoint> = base
        .iter()
        .map(|p| rates::RatePoint { label: p.period.to_string(), crr: p.crr, churn: p.churn_rate })
        .collect();
    let flow_points: Vec<flow::FlowPoint> = base
        .iter()
        .map(|p| flow::FlowPoint {
            label: p.period.to_string(),
            retained: p.retained(),
            new: p.new_customers,
            reactivated: p.reactivated,
            churned: p.churned,
        })
        .collect();
    let names = flow::FlowNames {
        retained: x.flow_retained,
        new: x.col_new,
        reactivated: x.col_reactivated,
        churned: x.col_churned,
    };
    BaseCharts { rates: rates::svg(&points, lang, w, h), flow: flow::svg(&flow_points, names, lang, w, h) }
}

pub fn cohort_charts(cohorts: &[Cohort], average: &[Option<f64>], lang: Lang, revenue: bool) -> CohortCharts {
    let x = lang.texts().analysis;
    let (w, h) = SIZE;
    let cohorts: Vec<_> = with_customers(cohorts).collect();
    let labels: Vec<String> = cohorts.iter().map(|c| c.period.to_string()).collect();
    let values: Vec<Vec<Option<f64>>> = cohorts
        .iter()
        .map(|c| (0..c.active.len()).map(|k| if revenue { c.revenue_pct(k) } else { c.retention(k) }).collect())
        .collect();
    let offsets: Vec<String> = (0..average.len()).map(|k| k.to_string()).collect();
    let mut curves: Vec<lines::Series> = cohorts
        .iter()
        .map(|c| lines::Series {
            name: "",
            color: palette::COHORT,
            values: (0..c.active.len()).map(|k| c.retention(k)).collect(),
            emphasis: false,
        })
        .collect();
    curves.push(lines::Series { name: x.average_name, color: palette::CRR, values: average.to_vec(), emphasis: true });
    CohortCharts {
        heatmap: heatmap::svg(&labels, &values, x.offset_axis, x.col_cohort, lang, w, h.max(HEATMAP_HEIGHT)),
        curves: lines::svg(&offsets, &curves, lines::Axis { max: 100.0, percent: true }, &[], lang, w, h),
    }
}

pub fn gaps_chart(gaps: &PurchaseGaps, lang: Lang) -> String {
    let x = lang.texts().analysis;
    let (w, h) = SIZE;
    let labels: Vec<String> = x.gap_bins.iter().map(|s| s.to_string()).collect();
    let counts: Vec<f64> = gaps.days_between_histogram.iter().map(|&c| c as f64).collect();
    bars::svg(&labels, &counts, &[], x.gaps_axis, lang, w, h)
}

pub fn lorenz_chart(c: &Concentration, lang: Lang) -> Option<String> {
    let x = lang.texts().analysis;
    let (w, h) = SIZE;
    let names = lorenz::LorenzNames {
        curve: x.lorenz_curve,
        equality: x.lorenz_equality,
        top10: x.top10_label,
        x_title: x.lorenz_x,
        y_title: x.lorenz_y,
    };
    Some(lorenz::svg(c.lorenz.as_ref()?, c.top10_revenue_share, names, lang, w, h))
}

/// Revenue per segment, when the log has amounts.
pub fn rfm_chart(rfm: &Rfm, lang: Lang) -> Option<String> {
    let t = lang.texts();
    let x = t.analysis;
    let (w, h) = SIZE;
    rfm.segments.iter().all(|s| s.segment_revenue.is_some()).then(|| {
        let names: Vec<String> = rfm.segments.iter().map(|s| (x.segment_name)(s.segment).to_string()).collect();
        let revenue: Vec<f64> = rfm.segments.iter().map(|s| s.segment_revenue.unwrap_or(0.0)).collect();
        bars::svg(&names, &revenue, &[], t.fig_revenue, lang, w, h)
    })
}

pub fn comparison_chart(comparison: &Comparison, lang: Lang) -> Option<String> {
    let x = lang.texts().analysis;
    let (w, h) = SIZE;
    let c = Some(comparison).filter(|c| c.groups.iter().any(|g| g.revenue_per_customer.is_some()))?;
    let names: Vec<String> = c.groups.iter().map(|g| value_label(lang, &g.value)).collect();
    let values: Vec<f64> = c.groups.iter().map(|g| g.revenue_per_customer.unwrap_or(0.0)).collect();
    // Members' spend as the literature has it: the non-members' figure + 18%.
    let claimed = c.claimed_member_revenue().map(|value| Reference { value, label: x.claim_member, bars: None });
    Some(bars::svg(&names, &values, claimed.as_slice(), x.col_revenue_per_customer, lang, w, h))
}
