//! How concentrated revenue is: the top 10% of customers' share and spend ratio, with
//! the Lorenz curve.

use super::super::chart::ChartFigure;
use super::super::figure::{card, how_computed};
use super::chart_data::lorenz_chart;
use super::format::{heading, pct};
use super::SectionProps;
use crate::metrics::analysis::Analysis;
use crate::metrics::concentration::CLAIMED_TOP10_SPEND_RATIO;
use crate::metrics::keys as key;
use yew::prelude::*;

/// Whether two analyses show the same here.
pub fn same(a: &Analysis, b: &Analysis) -> bool {
    a.summary.concentration == b.summary.concentration
}

#[function_component(ConcentrationSection)]
pub fn concentration_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let t = lang.texts();
    let x = t.analysis;
    let Some(c) = &a.summary.concentration else { return html! {} };
    let ratio_shown = c.top10_spend_ratio.map_or(t.calc.no_figure.to_string(), |r| format!("{}×", lang.number(r, 1)));
    let claim = format!("{} ({}: {}×)", x.claim_top10, x.claim_reference, lang.number(CLAIMED_TOP10_SPEND_RATIO, 0));
    html! {
        <div class="analysis-part" id="sec-concentration" data-section="concentration">
            { heading(x.sec_concentration, html! {}) }
            <div class="kpis wide">
                { card(t.fig_top10.into(), key::TOP10_REVENUE_SHARE, c.top10_revenue_share, pct(lang, c.top10_revenue_share), None) }
                { card(x.fig_top10_ratio.into(), key::TOP10_SPEND_RATIO, c.top10_spend_ratio, ratio_shown, Some(claim)) }
            </div>
            { how_computed(t.calc.how_computed, &[x.concentration_explain]) }
            if let Some(svg) = lorenz_chart(c, lang) {
                <ChartFigure name="lorenz" title={x.lorenz_title} svg={svg}
                    alt={(x.lorenz_alt)(&pct(lang, c.top10_revenue_share))} stem={stem.clone()} />
            }
        </div>
    }
}
