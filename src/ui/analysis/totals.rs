//! Totals of the log and the days between purchases.

use super::super::chart::ChartFigure;
use super::super::figure::{card, money, use_currency};
use super::chart_data::gaps_chart;
use super::format::{count, csv_button, heading, num, pct};
use super::SectionProps;
use crate::export::Table;
use crate::metrics::analysis::Analysis;
use crate::metrics::keys as key;
use yew::prelude::*;

/// Whether two analyses show the same here.
pub fn same(a: &Analysis, b: &Analysis) -> bool {
    a.summary.totals == b.summary.totals && a.summary.gaps == b.summary.gaps
}

#[function_component(TotalsSection)]
pub fn totals_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let t = lang.texts();
    let x = t.analysis;
    let v = &a.summary.totals;
    let gaps = &a.summary.gaps;
    let cur = use_currency();
    let cards = vec![
        card(
            t.fig_customers.into(),
            key::CUSTOMERS_TOTAL,
            Some(v.customers_total as f64),
            count(lang, v.customers_total),
            None,
        ),
        card(
            t.fig_transactions.into(),
            key::TRANSACTIONS_TOTAL,
            Some(v.transactions_total as f64),
            count(lang, v.transactions_total),
            None,
        ),
        card(t.fig_revenue.into(), key::REVENUE_TOTAL, v.revenue_total, money(lang, cur, v.revenue_total), None),
        card(t.fig_aov.into(), key::AOV, v.aov, money(lang, cur, v.aov), None),
        card(
            t.fig_frequency.into(),
            key::PURCHASE_FREQUENCY,
            v.purchase_frequency,
            num(lang, v.purchase_frequency, 2),
            None,
        ),
        card(t.fig_repeat_rate.into(), key::REPEAT_RATE, v.repeat_rate, pct(lang, v.repeat_rate), None),
        card(
            x.fig_days_median.into(),
            key::DAYS_BETWEEN_MEDIAN,
            gaps.days_between_median,
            num(lang, gaps.days_between_median, 1),
            None,
        ),
        card(
            x.fig_days_mean.into(),
            key::DAYS_BETWEEN_MEAN,
            gaps.days_between_mean,
            num(lang, gaps.days_between_mean, 1),
            None,
        ),
    ];
    let alt = (x.gaps_alt)(&num(lang, gaps.days_between_median, 1), &num(lang, gaps.days_between_mean, 1));
    html! {
        <div class="analysis-part" id="sec-totals" data-section="totals">
            { heading(x.sec_totals, csv_button(a, stem, lang, Table::Totals)) }
            <div class="kpis wide">{ for cards }</div>
            <ChartFigure name="purchase-gaps" title={x.gaps_title} svg={gaps_chart(gaps, lang)} alt={alt} stem={stem.clone()} />
        </div>
    }
}
