//! Winning versus keeping customers (a marketing-spend file beside the log): the costs
//! over the whole span as cards, the literature's ratios as labelled references beside
//! them, the cost comparison as a chart, and the figures per period.

use super::super::chart::{ChartFigure, CHART_HEIGHT, CHART_WIDTH};
use super::super::figure::{card, figures_table, how_computed, money, period_cell, segment_cell, use_currency};
use super::format::{csv_button, heading, num};
use super::SectionProps;
use crate::charts::bars;
use crate::charts::Reference;
use crate::export::Table;
use crate::i18n::Currency;
use crate::i18n::Lang;
use crate::metrics::acquisition::{AcquisitionFigures, CostFigures};
use crate::metrics::analysis::Analysis;
use crate::metrics::keys as key;
use yew::prelude::*;

/// The literature's ratio of the cost of winning a customer to keeping one (METRICS.md:
/// 5 to 6 times), drawn as references over the two cost bars of the cost comparison.
pub const CLAIMED_COST_RATIO: (f64, f64) = (5.0, 6.0);
/// The literature's ratio of the cost of an order from a new customer to one from an
/// existing customer (5 to 20 times), drawn over the two cost-per-order bars.
pub const CLAIMED_CPO_RATIO: (f64, f64) = (5.0, 20.0);

/// The cost of a new against a kept customer and of an order from each, as bars, with
/// the literature's ratios as labelled references over the bars they belong to (times
/// the user's own cost of keeping a customer, of an existing customer's order).
fn cost_chart(f: &AcquisitionFigures, p: &SectionProps, lang: Lang, cur: Currency) -> Option<Html> {
    let x = lang.texts().analysis;
    let s = &f.span;
    let (cac, kept) = s.cac.zip(s.cost_per_retained)?;
    let mut labels: Vec<String> = x.cost_bars[..2].iter().map(|l| l.to_string()).collect();
    let mut values = vec![cac, kept];
    // 5× and 6× lie close together: one label, "5–6×", on the upper line.
    let (low, high) = CLAIMED_COST_RATIO;
    let pair = format!("{}–{}× ({})", lang.number(low, 0), lang.number(high, 0), x.literature);
    let mut marks: Vec<(f64, String, (usize, usize))> =
        vec![(kept * low, String::new(), (0, 2)), (kept * high, pair, (0, 2))];
    if let Some((new, existing)) = s.cpo_new.zip(s.cpo_existing) {
        labels.extend(x.cost_bars[2..].iter().map(|l| l.to_string()));
        values.extend([new, existing]);
        marks.extend(
            [CLAIMED_CPO_RATIO.0, CLAIMED_CPO_RATIO.1]
                .iter()
                .map(|k| (existing * k, format!("{}× ({})", lang.number(*k, 0), x.literature), (2, 4))),
        );
    }
    let references: Vec<Reference> =
        marks.iter().map(|(value, label, bars)| Reference { value: *value, label, bars: Some(*bars) }).collect();
    let svg: AttrValue = bars::svg(&labels, &values, &references, "", lang, CHART_WIDTH, CHART_HEIGHT).into();
    let money = |v: f64| money(lang, cur, Some(v));
    let alt = labels.iter().zip(&values).map(|(l, v)| format!("{l}: {}", money(*v))).collect::<Vec<_>>().join("; ");
    let alt = format!("{alt}. {} {}", lang.calculators().claim_cost_ratio, x.claim_cpo_ratio);
    Some(
        html! { <ChartFigure name="cost-comparison" title={x.sec_acquisition} {svg} alt={alt} stem={p.stem.clone()} /> },
    )
}

/// One row of cost figures (a period's or a channel's): its name, then each figure in a
/// cell that `cell` makes (with `data-period` or `data-segment`).
fn cost_row(
    name: String,
    c: &CostFigures,
    lang: Lang,
    cur: Currency,
    cell: impl Fn(&'static str, Option<f64>, String) -> Html,
) -> Html {
    let m = |v: Option<f64>| money(lang, cur, v);
    html! {
        <tr>
            <th scope="row">{ name }</th>
            { cell(key::ACQUISITION_SPEND, Some(c.acquisition_spend), m(Some(c.acquisition_spend))) }
            { cell(key::RETENTION_SPEND, Some(c.retention_spend), m(Some(c.retention_spend))) }
            { cell(key::CAC, c.cac, m(c.cac)) }
            { cell(key::COST_PER_RETAINED, c.cost_per_retained, m(c.cost_per_retained)) }
            { cell(key::COST_RATIO, c.cost_ratio, num(lang, c.cost_ratio, 1)) }
            { cell(key::CPO_NEW, c.cpo_new, m(c.cpo_new)) }
            { cell(key::CPO_EXISTING, c.cpo_existing, m(c.cpo_existing)) }
        </tr>
    }
}

/// The figures of each channel of the spend file over the span.
fn channel_table(f: &AcquisitionFigures, lang: Lang, cur: Currency) -> Html {
    if f.channels.is_empty() {
        return html! {};
    }
    let t = lang.texts();
    let x = t.analysis;
    let note = match &f.channel_column {
        Some(column) => (x.channels_attributed)(column),
        None => x.channels_unattributed.to_string(),
    };
    html! {
        <div data-testid="channel-costs">
            <h4>{ x.channels_heading }</h4>
            <p class="note">{ note }</p>
            { figures_table(x.col_channel, &[x.col_acquisition_spend, x.col_retention_spend, t.calc.fig_cac,
                t.calc.fig_cost_per_retained, t.calc.fig_cost_ratio, x.fig_cpo_new, x.fig_cpo_existing], html! {
                { for f.channels.iter().map(|ch| {
                    let seg = AttrValue::from(ch.channel.clone());
                    cost_row(ch.channel.clone(), &ch.figures, lang, cur, |k, v, shown| segment_cell(k, v, shown, seg.clone()))
                }) }
            }) }
        </div>
    }
}

/// Whether two analyses show the same here.
pub fn same(a: &Analysis, b: &Analysis) -> bool {
    a.acquisition == b.acquisition
}

#[function_component(AcquisitionSection)]
pub fn acquisition_section(p: &SectionProps) -> Html {
    let (a, lang) = (&p.analysis, p.lang);
    let cur = use_currency();
    let t = lang.texts();
    let x = t.analysis;
    let Some(f) = &a.acquisition else { return html! {} };
    let s = &f.span;
    let money = |v: Option<f64>| money(lang, cur, v);
    let chart = cost_chart(f, p, lang, cur);
    let outside: f64 = f.outside.iter().sum();
    html! {
        <div class="analysis-part" id="sec-acquisition" data-section="acquisition">
            { heading(x.sec_acquisition, csv_button(a, &p.stem, lang, Table::Acquisition)) }
            { how_computed(t.calc.how_computed, &x.acquisition_explain) }
            <div class="kpis">
                { card(t.calc.fig_cac.into(), key::CAC, s.cac, money(s.cac), None) }
                { card(t.calc.fig_cost_per_retained.into(), key::COST_PER_RETAINED, s.cost_per_retained, money(s.cost_per_retained), None) }
                { card(t.calc.fig_cost_ratio.into(), key::COST_RATIO, s.cost_ratio, num(lang, s.cost_ratio, 1),
                    Some(t.calc.claim_cost_ratio.to_string())) }
                { card(x.fig_cpo_new.into(), key::CPO_NEW, s.cpo_new, money(s.cpo_new), None) }
                { card(x.fig_cpo_existing.into(), key::CPO_EXISTING, s.cpo_existing, money(s.cpo_existing),
                    Some(x.claim_cpo_ratio.to_string())) }
                { card(t.calc.fig_ltv_cac.into(), key::LTV_CAC, f.ltv_cac, num(lang, f.ltv_cac, 1), Some(x.ltv_cac_note.to_string())) }
                { card(t.calc.fig_payback.into(), key::PAYBACK_MONTHS, f.payback_months, num(lang, f.payback_months, 1), None) }
            </div>
            if f.split { <p class="note" data-testid="spend-split">{ x.acquisition_split }</p> }
            if outside > 0.0 { <p class="note" data-testid="spend-outside">{ (x.acquisition_outside)(&money(Some(outside))) }</p> }
            if f.unplaced > 0 { <p class="file-errors" data-testid="spend-unplaced">{ (x.acquisition_unplaced)(f.unplaced) }</p> }
            { for chart }
            { channel_table(f, lang, cur) }
            { figures_table(t.col_period, &[x.col_acquisition_spend, x.col_retention_spend, t.calc.fig_cac,
                t.calc.fig_cost_per_retained, t.calc.fig_cost_ratio, x.fig_cpo_new, x.fig_cpo_existing], html! {
                { for f.periods.iter().map(|(period, c)| {
                    let pe = AttrValue::from(period.to_string());
                    cost_row(period.to_string(), c, lang, cur, |k, v, shown| period_cell(k, v, shown, pe.clone()))
                }) }
            }) }
        </div>
    }
}
