//! A file of purchase histories over discrete opportunities: the BG/BB fit (its
//! parameters `bgbb_alpha` … `bgbb_delta` with standard errors, `bgbb_ll`) and per
//! history P(alive) at the next opportunity and the purchases expected in the next few.

use super::super::figure::{card, figures_table, machine_value};
use super::models::Models;
use crate::i18n::Lang;
use crate::metrics::keys;
use crate::metrics::lifetime::opportunities::AHEAD;
use crate::metrics::lifetime::OpportunityFigures;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OpportunitiesProps {
    pub lang: Lang,
    pub figures: Rc<OpportunityFigures>,
}

#[function_component(Opportunities)]
pub fn opportunities(p: &OpportunitiesProps) -> Html {
    let (lang, f) = (p.lang, &p.figures);
    let t = lang.texts();
    let x = t.lifetime;
    let n = |v: f64, d: usize| lang.number(v, d);
    html! {
        <>
            <div class="kpis wide">
                { card(x.fig_customers.into(), keys::MODEL_CUSTOMERS, Some(f.customers), n(f.customers, 0), None) }
            </div>
            <Models {lang} models={vec![f.answer.clone()]} />
            if !f.predictions.is_empty() {
                <details class="table-fold">
                    <summary>{ (t.analysis.show_table)(f.predictions.len() * 6) }</summary>
                    { figures_table(x.col_x, &[x.col_t_x, x.col_periods, x.col_weight, x.col_alive_next, &(x.col_expected_next)(AHEAD)], html! {
                        { for f.predictions.iter().map(|q| {
                            let key = format!("{}/{}/{}", q.row.frequency, q.row.recency, q.row.periods);
                            html! {
                                <tr data-history={key.clone()}>
                                    <th scope="row">{ q.row.frequency }</th>
                                    <td class="num">{ q.row.recency }</td>
                                    <td class="num">{ q.row.periods }</td>
                                    <td class="num">{ n(q.row.weight, 0) }</td>
                                    <td class="num" data-metric={keys::P_ALIVE} data-segment={key.clone()} data-value={machine_value(Some(q.p_alive * 100.0))}>
                                        { lang.percent(q.p_alive * 100.0) }
                                    </td>
                                    <td class="num" data-metric={keys::EXPECTED_PURCHASES} data-segment={key} data-value={machine_value(Some(q.expected))}>
                                        { n(q.expected, 3) }
                                    </td>
                                </tr>
                            }
                        }) }
                    }) }
                </details>
            }
        </>
    }
}
