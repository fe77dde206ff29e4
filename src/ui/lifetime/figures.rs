//! The valuation's headline figures (P(alive), expected purchases, CLV with their
//! intervals) and the backtest against the holdout.

use super::super::chart::ChartFigure;
use super::super::figure::{card, how_computed, machine_value, money, use_currency};
use super::charts::backtest_charts;
use super::units;
use crate::i18n::lifetime::model_name;
use crate::i18n::Lang;
use crate::metrics::keys;
use crate::metrics::lifetime::predictions::Estimate;
use crate::metrics::lifetime::{ModelKind, Valuation};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ValuationProps {
    pub lang: Lang,
    pub valuation: Rc<Valuation>,
}

fn interval(lang: Lang, e: &Estimate, decimals: usize) -> Option<String> {
    let x = lang.texts().lifetime;
    Some((x.interval_note)(&lang.number(e.low?, decimals), &lang.number(e.high?, decimals)))
}

#[function_component(Figures)]
pub fn figures(p: &ValuationProps) -> Html {
    let (lang, v) = (p.lang, &p.valuation);
    let cur = use_currency();
    let t = lang.texts();
    let x = t.lifetime;
    let h = units(lang, v.horizon_units as f64, v.unit, 0);
    let n = |v: f64, d: usize| lang.number(v, d);
    html! {
        <div class="analysis-part">
            <div class="kpis wide">
                { card(x.fig_customers.into(), keys::MODEL_CUSTOMERS, Some(v.customers as f64), n(v.customers as f64, 0), None) }
                { card(x.fig_p_alive_mean.into(), keys::P_ALIVE_MEAN, Some(v.p_alive_mean * 100.0), lang.percent(v.p_alive_mean * 100.0), None) }
                { card((x.fig_expected)(&h), keys::EXPECTED_PURCHASES_TOTAL, Some(v.expected_purchases_total.value),
                    n(v.expected_purchases_total.value, 0), interval(lang, &v.expected_purchases_total, 0)) }
                if let Some(m) = &v.clv_mean {
                    { card((x.fig_clv_mean)(&h), keys::CLV_MEAN, Some(m.value), money(lang, cur, Some(m.value)), interval(lang, m, 2)) }
                }
                if let Some(total) = &v.clv_total {
                    { card(x.fig_clv_total.into(), keys::CLV_TOTAL, Some(total.value), n(total.value, 0), interval(lang, total, 0)) }
                }
                { card(x.fig_lapsed.into(), keys::LAPSED_CUSTOMERS, Some(v.lapsed as f64), n(v.lapsed as f64, 0), None) }
            </div>
            if let Some(problem) = &v.spend_problem {
                <p class="file-errors" data-testid="spend-problem">{ (x.spend_problem)(problem) }</p>
            }
            { how_computed(t.calc.how_computed, &x.figures_explain) }
        </div>
    }
}

#[function_component(BacktestView)]
pub fn backtest_view(p: &ValuationProps) -> Html {
    let (lang, v) = (p.lang, &p.valuation);
    let t = lang.texts();
    let x = t.lifetime;
    let Some(b) = &v.backtest else {
        return html! {
            <div class="analysis-part">
                <div class="section-head"><h3>{ x.backtest_title }</h3></div>
                <p class="note">{ x.no_holdout }</p>
            </div>
        };
    };
    let n = |v: f64, d: usize| lang.number(v, d);
    let span = v
        .holdout
        .map(|h| (x.holdout_span)(&h.first.to_string(), &h.last.to_string(), &units(lang, h.length, v.unit, 1)));
    let pct_err = |e: Option<f64>| {
        e.map_or(t.calc.no_figure.to_string(), |e| format!("{}{}", if e > 0.0 { "+" } else { "" }, lang.percent(e)))
    };
    let verdict = match (b.pnbd_better(), &b.pnbd_error) {
        (Some(true), Some(_)) => {
            Some((x.verdict)(model_name(ModelKind::ParetoNbd), model_name(ModelKind::BgNbd), true))
        }
        (Some(false), Some(_)) => {
            Some((x.verdict)(model_name(ModelKind::BgNbd), model_name(ModelKind::ParetoNbd), true))
        }
        _ => None,
    };
    let charts = backtest_charts(b, v.unit, lang);
    html! {
        <div class="analysis-part" data-testid="backtest">
            <div class="section-head"><h3>{ x.backtest_title }</h3></div>
            if let Some(span) = span { <p class="note">{ span }</p> }
            <div class="kpis wide">
                { card(x.fig_holdout_actual.into(), keys::HOLDOUT_ACTUAL_TOTAL, Some(b.actual_total as f64), n(b.actual_total as f64, 0), None) }
                { card(x.fig_holdout_predicted.into(), keys::HOLDOUT_PREDICTED_TOTAL, Some(b.predicted_total), n(b.predicted_total, 1), None) }
                if let Some(pn) = b.pnbd_predicted_total {
                    { card(x.fig_pnbd_predicted.into(), keys::PNBD_HOLDOUT_PREDICTED_TOTAL, Some(pn), n(pn, 1), None) }
                }
            </div>
            <div class="table-wrap" tabindex="0">
                <table class="figures compact">
                    <thead><tr>
                        <th scope="col">{ x.col_model }</th>
                        <th scope="col" class="num">{ x.col_mae }</th>
                        <th scope="col" class="num">{ x.col_total_error }</th>
                    </tr></thead>
                    <tbody>
                        { for [(ModelKind::BgNbd, Some(b.bgnbd_error)), (ModelKind::ParetoNbd, b.pnbd_error)].into_iter()
                            .filter_map(|(k, e)| Some((k, e?))).map(|(k, e)| html! {
                            <tr data-model={k.key()}>
                                <th scope="row">{ model_name(k) }</th>
                                <td class="num" data-metric={keys::param(k.key(), "holdout_mae")} data-value={machine_value(Some(e.mae))}>{ n(e.mae, 3) }</td>
                                <td class="num">{ pct_err(e.total_error_pct) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if let Some(verdict) = verdict { <p class="verdict" data-testid="model-verdict">{ verdict }</p> }
            <ChartFigure name="holdout-cumulative" title={x.cumulative_title} svg={charts.cumulative}
                alt={(x.cumulative_alt)(&n(b.actual_total as f64, 0), &n(b.predicted_total, 1))} stem="clv" />
            <ChartFigure name="holdout-by-purchases" title={x.by_x_title} svg={charts.by_purchases}
                alt={(x.by_x_alt)(b.by_purchases.len())} stem="clv" />
            { how_computed(t.calc.how_computed, &[x.backtest_explain]) }
        </div>
    }
}
