//! RFM segments: size, share, revenue and mean recency, frequency and monetary value
//! per segment, each segment's customers downloadable, with the revenue chart.

use super::super::chart::ChartFigure;
use super::super::figure::{figures_table, how_computed, money, segment_cell, use_currency};
use super::chart_data::rfm_chart;
use super::format::{count, csv_button, heading, num, pct};
use super::SectionProps;
use crate::export::Table;
use crate::metrics::analysis::Analysis;
use crate::metrics::keys as key;
use yew::prelude::*;

/// Whether two analyses show the same here.
pub fn same(a: &Analysis, b: &Analysis) -> bool {
    a.summary.rfm == b.summary.rfm
}

#[function_component(RfmSection)]
pub fn rfm_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let cur = use_currency();
    let t = lang.texts();
    let x = t.analysis;
    let rfm = &a.summary.rfm;
    html! {
        <div class="analysis-part" id="sec-rfm" data-section="rfm">
            { heading(x.sec_rfm, csv_button(a, stem, lang, Table::Rfm)) }
            if let Some(day) = rfm.reference_day { <p class="note">{ (x.rfm_reference)(&day.to_string()) }</p> }
            { how_computed(t.calc.how_computed, &[x.rfm_explain]) }
            { figures_table(x.col_segment, &[x.col_size, x.col_share, t.fig_revenue, x.col_recency, x.col_frequency, x.col_monetary, ""], html! {
                { for rfm.segments.iter().map(|s| {
                    let seg = AttrValue::from(s.segment.key());
                    let segment = s.segment;
                    let download = p.on_export_segment.reform(move |_: MouseEvent| segment);
                    html! {
                        <tr>
                            <th scope="row">{ (x.segment_name)(s.segment) }</th>
                            { segment_cell(key::SEGMENT_CUSTOMERS, Some(s.segment_customers as f64), count(lang, s.segment_customers), seg.clone()) }
                            { segment_cell(key::SEGMENT_SHARE, s.segment_share, pct(lang, s.segment_share), seg.clone()) }
                            { segment_cell(key::SEGMENT_REVENUE, s.segment_revenue, money(lang, cur, s.segment_revenue), seg.clone()) }
                            { segment_cell(key::RECENCY_MEAN, s.recency_mean, num(lang, s.recency_mean, 0), seg.clone()) }
                            { segment_cell(key::FREQUENCY_MEAN, s.frequency_mean, num(lang, s.frequency_mean, 1), seg.clone()) }
                            { segment_cell(key::MONETARY_MEAN, s.monetary_mean, money(lang, cur, s.monetary_mean), seg.clone()) }
                            <td>
                                if s.segment_customers > 0 {
                                    <button type="button" class="button small secondary" data-testid="export-segment"
                                        data-segment={seg.clone()} onclick={download}>{ x.download_ids }</button>
                                }
                            </td>
                        </tr>
                    }
                }) }
            }) }
            if let Some(svg) = rfm_chart(rfm, lang) {
                <ChartFigure name="rfm-segments" title={x.rfm_chart_title} svg={svg}
                    alt={(x.rfm_alt)(rfm.segments.len())} stem={stem.clone()} />
            }
        </div>
    }
}
