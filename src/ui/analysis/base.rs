//! The customer base per period: S, E, churned, joined (new and reactivated), CRR and
//! churn, with the rates chart and the flow chart.

use super::super::chart::ChartFigure;
use super::super::figure::{figures_table, how_computed, period_cell};
use super::chart_data::base_charts;
use super::format::{count, csv_button, heading, pct};
use super::SectionProps;
use crate::export::Table;
use crate::metrics::analysis::Analysis;
use crate::metrics::keys as key;
use yew::prelude::*;

/// Whether two analyses show the same here.
pub fn same(a: &Analysis, b: &Analysis) -> bool {
    a.base == b.base && a.base_complete_from == b.base_complete_from && a.settings.window_days == b.settings.window_days
}

#[function_component(BaseSection)]
pub fn base_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let charts = base_charts(&a.base, lang);
    let t = lang.texts();
    let x = t.analysis;
    let complete_from = a.base_complete_from;
    let note = complete_from.map(|d| (x.window_note)(a.settings.window_days, &d.to_string()));
    let rates_alt = match (a.base.first(), a.base.last()) {
        (Some(f), Some(l)) => {
            let crrs = a.base.iter().filter_map(|p| p.crr);
            let (min, max) = crrs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
            (t.chart_alt)(a.base.len(), &f.period.to_string(), &l.period.to_string(), min, max)
        }
        _ => String::new(),
    };
    html! {
        <div class="analysis-part" id="sec-base" data-section="base">
            { heading(x.sec_base, csv_button(a, stem, lang, Table::Base)) }
            if let Some(note) = note { <p class="note" data-testid="window-note">{ note }</p> }
            { how_computed(t.calc.how_computed, &[x.base_explain]) }
            { figures_table(t.col_period, &[t.col_s, t.col_e, x.col_churned, x.col_joined, x.col_new, x.col_reactivated, x.col_acquired, t.col_crr, t.col_churn], html! {
                { for a.base.iter().map(|r| {
                    let period = AttrValue::from(r.period.to_string());
                    let under = complete_from.is_some_and(|d| r.period.start() < d);
                    let c = |metric: &'static str, v: u64| html! {
                        { period_cell(metric, Some(v as f64), count(lang, v), period.clone()) }
                    };
                    html! {
                        <tr class={classes!(under.then_some("undercounted"))}>
                            <th scope="row">{ period.clone() }{ if under { x.undercount_mark } else { "" } }</th>
                            { c(key::BASE_START, r.base_start) }
                            { c(key::BASE_END, r.base_end) }
                            { c(key::CHURNED, r.churned) }
                            { c(key::JOINED, r.joined) }
                            { c(key::NEW_CUSTOMERS, r.new_customers) }
                            { c(key::REACTIVATED, r.reactivated) }
                            { c(key::ACQUIRED, r.acquired) }
                            { period_cell(key::CRR, r.crr, pct(lang, r.crr), period.clone()) }
                            { period_cell(key::CHURN_RATE, r.churn_rate, pct(lang, r.churn_rate), period) }
                        </tr>
                    }
                }) }
            }) }
            <ChartFigure name="crr" title={x.rates_title} svg={charts.rates} alt={rates_alt} stem={stem.clone()} />
            <ChartFigure name="flow" title={x.flow_title} svg={charts.flow} alt={(x.flow_alt)(a.base.len())} stem={stem.clone()} />
        </div>
    }
}
