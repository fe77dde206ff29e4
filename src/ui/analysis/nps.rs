//! NPS groups matched to the log's customers: per group how many matched, their
//! repeat rate and churn.

use super::super::figure::{figures_table, how_computed, segment_cell};
use super::format::{count, csv_button, heading, pct};
use super::SectionProps;
use crate::export::Table;
use crate::metrics::analysis::Analysis;
use crate::metrics::keys as key;
use yew::prelude::*;

/// Whether two analyses show the same here.
pub fn same(a: &Analysis, b: &Analysis) -> bool {
    a.survey == b.survey
}

#[function_component(NpsSection)]
pub fn nps_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let t = lang.texts();
    let x = t.analysis;
    let Some(s) = &a.survey else { return html! {} };
    html! {
        <div class="analysis-part" id="sec-nps" data-section="nps">
            { heading(x.sec_nps, csv_button(a, stem, lang, Table::Nps)) }
            { how_computed(t.calc.how_computed, &[x.nps_explain]) }
            { figures_table(x.col_segment, &[x.col_matched, t.fig_repeat_rate, t.col_churn], html! {
                { for s.groups.iter().map(|g| {
                    let seg = AttrValue::from(g.group.key());
                    html! {
                        <tr>
                            <th scope="row">{ (x.group_name)(g.group) }</th>
                            { segment_cell(key::NPS_MATCHED, Some(g.nps_matched as f64), count(lang, g.nps_matched), seg.clone()) }
                            { segment_cell(key::REPEAT_RATE, g.repeat_rate, pct(lang, g.repeat_rate), seg.clone()) }
                            { segment_cell(key::CHURN_RATE, g.churn_rate, pct(lang, g.churn_rate), seg) }
                        </tr>
                    }
                }) }
            }) }
        </div>
    }
}
