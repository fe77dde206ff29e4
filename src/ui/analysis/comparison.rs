//! Segments compared by an attribute column the user picks: per value the customers,
//! CRR, churn, order value, frequency, repeat rate and revenue per customer; for a
//! membership column, members' spend against the claim of the literature.

use super::super::chart::ChartFigure;
use super::super::figure::{card, figures_table, how_computed, money, segment_cell, use_currency};
use super::chart_data::comparison_chart;
use super::format::{count, csv_button, heading, num, pct, value_label};
use super::SectionProps;
use crate::export::Table;
use crate::metrics::analysis::Analysis;
use crate::metrics::comparison::CLAIMED_MEMBER_UPLIFT;
use crate::metrics::keys as key;
use yew::prelude::*;

/// Whether two analyses show the same here.
pub fn same(a: &Analysis, b: &Analysis) -> bool {
    a.comparison == b.comparison && a.summary.attributes == b.summary.attributes
}

#[function_component(ComparisonSection)]
pub fn comparison_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let cur = use_currency();
    let t = lang.texts();
    let x = t.analysis;
    let Some(cmp) = &a.comparison else {
        let hint = if a.summary.attributes.is_empty() { x.comparison_none } else { x.comparison_pick };
        return html! {
            <div class="analysis-part" id="sec-comparison" data-section="comparison">
                { heading(x.sec_comparison, html! {}) }<p class="note">{ hint }</p>
            </div>
        };
    };
    let uplift = |u: f64| format!("{}{}", if u >= 0.0 { "+" } else { "" }, lang.percent(u));
    let claim = format!("{} ({}: +{}%)", x.claim_member, x.claim_reference, lang.number(CLAIMED_MEMBER_UPLIFT, 0));
    html! {
        <div class="analysis-part" id="sec-comparison" data-section="comparison">
            { heading(&format!("{}: {}", x.sec_comparison, cmp.column), csv_button(a, stem, lang, Table::Comparison)) }
            if let Some(m) = &cmp.membership {
                <div class="kpis wide">
                    { card((x.fig_member_uplift)(&m.yes), key::MEMBER_SPEND_UPLIFT, m.member_spend_uplift,
                        m.member_spend_uplift.map_or(t.calc.no_figure.to_string(), uplift), Some(claim)) }
                </div>
            }
            { how_computed(t.calc.how_computed, &[x.comparison_explain]) }
            { figures_table(x.col_value, &[t.fig_customers, t.col_crr, t.col_churn, t.fig_aov, t.fig_frequency, t.fig_repeat_rate, x.col_revenue_per_customer], html! {
                { for cmp.groups.iter().map(|g| {
                    let seg = AttrValue::from(g.value.clone());
                    html! {
                        <tr>
                            <th scope="row">{ value_label(lang, &g.value) }</th>
                            { segment_cell(key::CUSTOMERS_TOTAL, Some(g.customers_total as f64), count(lang, g.customers_total), seg.clone()) }
                            { segment_cell(key::CRR, g.crr, pct(lang, g.crr), seg.clone()) }
                            { segment_cell(key::CHURN_RATE, g.churn_rate, pct(lang, g.churn_rate), seg.clone()) }
                            { segment_cell(key::AOV, g.aov, money(lang, cur, g.aov), seg.clone()) }
                            { segment_cell(key::PURCHASE_FREQUENCY, g.purchase_frequency, num(lang, g.purchase_frequency, 2), seg.clone()) }
                            { segment_cell(key::REPEAT_RATE, g.repeat_rate, pct(lang, g.repeat_rate), seg.clone()) }
                            { segment_cell(key::REVENUE_PER_CUSTOMER, g.revenue_per_customer, money(lang, cur, g.revenue_per_customer), seg) }
                        </tr>
                    }
                }) }
            }) }
            if let Some(svg) = comparison_chart(cmp, lang) {
                <ChartFigure name="segment-comparison" title={format!("{}: {}", x.col_revenue_per_customer, cmp.column)}
                    svg={svg} alt={(x.comparison_alt)(cmp.groups.len())} stem={stem.clone()} />
            }
        </div>
    }
}
