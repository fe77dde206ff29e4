//! Winning versus keeping customers (a marketing-spend file beside the log): the costs
//! over the whole span as cards, the literature's ratios as labelled references beside
//! them, the cost comparison as a chart, and the figures per period.

use super::super::chart::{ChartFigure, CHART_HEIGHT, CHART_WIDTH};
use super::super::figure::{card, figures_table, how_computed, period_cell};
use super::format::{heading, num};
use super::SectionProps;
use crate::charts::bars;
use crate::charts::Reference;
use crate::metrics::analysis::Analysis;
use crate::metrics::keys as key;
use yew::prelude::*;

/// The literature's ratio of the cost of winning a customer to keeping one (METRICS.md:
/// 5 to 6 times), drawn as references on the cost comparison; the cost-per-order claim
/// (5–20×) is written beside that figure.
pub const CLAIMED_COST_RATIO: (f64, f64) = (5.0, 6.0);

/// Whether two analyses show the same here.
pub fn same(a: &Analysis, b: &Analysis) -> bool {
    a.acquisition == b.acquisition
}

#[function_component(AcquisitionSection)]
pub fn acquisition_section(p: &SectionProps) -> Html {
    let (a, lang) = (&p.analysis, p.lang);
    let t = lang.texts();
    let x = t.analysis;
    let Some(f) = &a.acquisition else { return html! {} };
    let s = &f.span;
    let money = |v: Option<f64>| num(lang, v, 2);
    let chart = s.cac.zip(s.cost_per_retained).map(|(cac, kept)| {
        let labels = vec![x.fig_cac.to_string(), x.fig_cost_per_retained.to_string()];
        let marks: Vec<String> = [CLAIMED_COST_RATIO.0, CLAIMED_COST_RATIO.1]
            .iter()
            .map(|k| format!("{}× {} ({})", lang.number(*k, 0), x.fig_cost_per_retained.to_lowercase(), x.literature))
            .collect();
        let references: Vec<Reference> = [CLAIMED_COST_RATIO.0, CLAIMED_COST_RATIO.1]
            .iter()
            .zip(&marks)
            .map(|(k, label)| Reference { value: kept * k, label })
            .collect();
        let svg: AttrValue = bars::svg(&labels, &[cac, kept], &references, "", lang, CHART_WIDTH, CHART_HEIGHT).into();
        let alt = format!("{}: {}; {}: {}", x.fig_cac, money(Some(cac)), x.fig_cost_per_retained, money(Some(kept)));
        html! { <ChartFigure name="cost-comparison" title={x.sec_acquisition} {svg} alt={alt} stem={p.stem.clone()} /> }
    });
    let outside: f64 = f.outside.iter().sum();
    html! {
        <div class="analysis-part" data-section="acquisition">
            { heading(x.sec_acquisition, html! {}) }
            { how_computed(t.how_computed, &x.acquisition_explain) }
            <div class="kpis">
                { card(x.fig_cac.into(), key::CAC, s.cac, money(s.cac), None) }
                { card(x.fig_cost_per_retained.into(), key::COST_PER_RETAINED, s.cost_per_retained, money(s.cost_per_retained), None) }
                { card(x.fig_cost_ratio.into(), key::COST_RATIO, s.cost_ratio, num(lang, s.cost_ratio, 1),
                    Some(x.claim_cost_ratio.to_string())) }
                { card(x.fig_cpo_new.into(), key::CPO_NEW, s.cpo_new, money(s.cpo_new), None) }
                { card(x.fig_cpo_existing.into(), key::CPO_EXISTING, s.cpo_existing, money(s.cpo_existing),
                    Some(x.claim_cpo_ratio.to_string())) }
                { card(x.fig_ltv_cac.into(), key::LTV_CAC, f.ltv_cac, num(lang, f.ltv_cac, 1), Some(x.ltv_cac_note.to_string())) }
                { card(x.fig_payback.into(), key::PAYBACK_MONTHS, f.payback_months, num(lang, f.payback_months, 1), None) }
            </div>
            if f.split { <p class="note" data-testid="spend-split">{ x.acquisition_split }</p> }
            if outside > 0.0 { <p class="note" data-testid="spend-outside">{ (x.acquisition_outside)(&money(Some(outside))) }</p> }
            if f.unplaced > 0 { <p class="file-errors" data-testid="spend-unplaced">{ (x.acquisition_unplaced)(f.unplaced) }</p> }
            { for chart }
            { figures_table(t.col_period, &[x.col_acquisition_spend, x.col_retention_spend, x.fig_cac,
                x.fig_cost_per_retained, x.fig_cost_ratio, x.fig_cpo_new, x.fig_cpo_existing], html! {
                { for f.periods.iter().map(|(period, c)| {
                    let pe = AttrValue::from(period.to_string());
                    html! {
                        <tr>
                            <th scope="row">{ period.to_string() }</th>
                            { period_cell(key::ACQUISITION_SPEND, Some(c.acquisition_spend), money(Some(c.acquisition_spend)), pe.clone()) }
                            { period_cell(key::RETENTION_SPEND, Some(c.retention_spend), money(Some(c.retention_spend)), pe.clone()) }
                            { period_cell(key::CAC, c.cac, money(c.cac), pe.clone()) }
                            { period_cell(key::COST_PER_RETAINED, c.cost_per_retained, money(c.cost_per_retained), pe.clone()) }
                            { period_cell(key::COST_RATIO, c.cost_ratio, num(lang, c.cost_ratio, 1), pe.clone()) }
                            { period_cell(key::CPO_NEW, c.cpo_new, money(c.cpo_new), pe.clone()) }
                            { period_cell(key::CPO_EXISTING, c.cpo_existing, money(c.cpo_existing), pe) }
                        </tr>
                    }
                }) }
            }) }
        </div>
    }
}
