//! Subscriptions: the Kaplan-Meier survival with its 95% band and the sBG projection
//! beyond the data (`[data-chart=survival]`), the survival per period
//! (`km_survival`, `data-period` = periods since the start), sBG's α and β, and the
//! expected remaining lifetime of a new subscriber and its value. Also the sBG
//! calculator for survivors typed in (no file needed; it fits on the page, two
//! parameters on a handful of numbers).

use super::super::chart::{ChartFigure, CHART_HEIGHT, CHART_WIDTH};
use super::super::figure::{card, figures_table, how_computed, machine_value, money, use_currency};
use crate::calendar::TimeUnit;
use crate::charts::{lines, palette};
use crate::i18n::Lang;
use crate::metrics::keys;
use crate::metrics::lifetime::SubscriptionFigures;
use crate::models::optimise::Fit;
use crate::models::sbg::{self, SbgData};
use std::rc::Rc;
use yew::prelude::*;

fn unit_index(unit: TimeUnit) -> usize {
    TimeUnit::ALL.iter().position(|u| *u == unit).unwrap_or(0)
}

/// sBG's α and β with their standard errors as cards.
fn sbg_cards(lang: Lang, fit: &Fit, source: Option<&'static str>) -> Html {
    let n = |v: f64| lang.number(v, 3);
    html! {
        { for fit.estimates.iter().map(|e| {
            let key = keys::param(keys::SBG, &e.name);
            let se = e.se.map(|s| format!("± {}", n(s)));
            html! {
                <div class="kpi">
                    <span class="kpi-label">{ format!("sBG {}", e.name) }</span>
                    <span class="kpi-value small" data-metric={key.clone()} data-source={source} data-value={machine_value(Some(e.value))}>{ n(e.value) }</span>
                    <span class="kpi-note" data-metric={keys::se(&key)} data-source={source} data-value={machine_value(e.se)}>{ se.unwrap_or_default() }</span>
                </div>
            }
        }) }
    }
}

#[derive(Properties, PartialEq)]
pub struct SubscriptionsProps {
    pub lang: Lang,
    pub figures: Rc<SubscriptionFigures>,
}

#[function_component(SubscriptionsSection)]
pub fn subscriptions_section(p: &SubscriptionsProps) -> Html {
    let cur = use_currency();
    let (lang, f) = (p.lang, &p.figures);
    let t = lang.texts();
    let x = t.lifetime;
    let value = use_state(String::new);
    let rows = &f.km.rows;
    let periods = f.projected.len().max(rows.len());
    let labels: Vec<String> = (0..periods).map(|i| i.to_string()).collect();
    let km: Vec<Option<f64>> = (0..periods).map(|i| rows.get(i).map(|r| r.survival * 100.0)).collect();
    let low: Vec<Option<f64>> = (0..periods).map(|i| rows.get(i).and_then(|r| r.low).map(|v| v * 100.0)).collect();
    let high: Vec<Option<f64>> = (0..periods).map(|i| rows.get(i).and_then(|r| r.high).map(|v| v * 100.0)).collect();
    let projected: Vec<Option<f64>> = (0..periods).map(|i| f.projected.get(i).map(|v| v * 100.0)).collect();
    let mut series = vec![
        lines::Series { name: x.km_name, color: palette::CRR, values: km, emphasis: true },
        lines::Series { name: "", color: palette::REFERENCE, values: low, emphasis: false },
        lines::Series { name: "", color: palette::REFERENCE, values: high, emphasis: false },
    ];
    if !f.projected.is_empty() {
        series.push(lines::Series { name: x.sbg_name, color: palette::CHURN, values: projected, emphasis: true });
    }
    let svg: AttrValue =
        lines::svg(&labels, &series, lines::Axis { max: 100.0, percent: true }, &[], lang, CHART_WIDTH, CHART_HEIGHT)
            .into();
    let last = rows.last().map(|r| lang.percent(r.survival * 100.0)).unwrap_or_default();
    let unit = x.unit_plural[unit_index(f.unit)];
    let on_value = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| value.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let per_period = value.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite());
    let worth = per_period.zip(f.expected_lifetime).map(|(v, l)| v * l);
    let pct = |v: Option<f64>| v.map_or(t.calc.no_figure.to_string(), |v| lang.percent(v * 100.0));
    html! {
        <section class="card lifetime" data-section="subscriptions">
            <h2>{ x.subscriptions_title }</h2>
            <div class="kpis wide">
                if let Ok(fit) = &f.sbg { { sbg_cards(lang, fit, None) } }
                if let Some(l) = f.expected_lifetime {
                    { card((x.fig_remaining)(unit), keys::EXPECTED_REMAINING_LIFETIME, Some(l), lang.number(l, 2), None) }
                }
            </div>
            if let Err(e) = &f.sbg { <p class="file-errors" data-testid="fit-error">{ (x.fit_error)(e) }</p> }
            <div class="fields">
                <label class="field">
                    <span>{ x.value_per_period_label }</span>
                    <input type="text" inputmode="decimal" data-testid="value-per-period" value={(*value).clone()} oninput={on_value} />
                </label>
                <div class="kpi">
                    <span class="kpi-label">{ x.fig_remaining_value }</span>
                    <span class="kpi-value small" data-metric="subscriber_value" data-value={machine_value(worth)}>
                        { money(lang, cur, worth) }
                    </span>
                </div>
            </div>
            <ChartFigure name="survival" title={x.km_title} {svg} alt={(x.km_alt)(rows.len(), &last)} stem="subscriptions" />
            <details class="table-fold">
                <summary>{ (t.analysis.show_table)(periods * 5) }</summary>
            { figures_table(x.col_period, &[x.col_at_risk, x.col_lost, x.col_survival, x.band_name, x.col_projected], html! {
                { for (0..periods).map(|i| {
                    let r = rows.get(i);
                    let band = r.and_then(|r| Some(format!("{} – {}", lang.percent(r.low? * 100.0), lang.percent(r.high? * 100.0))));
                    html! {
                        <tr>
                            <th scope="row">{ i }</th>
                            <td class="num">{ r.map(|r| lang.number(r.at_risk as f64, 0)).unwrap_or_default() }</td>
                            <td class="num">{ r.map(|r| lang.number(r.lost as f64, 0)).unwrap_or_default() }</td>
                            <td class="num" data-metric={keys::KM_SURVIVAL} data-period={i.to_string()}
                                data-value={machine_value(r.map(|r| r.survival * 100.0))}>{ pct(r.map(|r| r.survival)) }</td>
                            <td class="num">{ band.unwrap_or_default() }</td>
                            <td class="num" data-metric={keys::SBG_SURVIVAL} data-period={i.to_string()}
                                data-value={machine_value(f.projected.get(i).map(|v| v * 100.0))}>{ pct(f.projected.get(i).copied()) }</td>
                        </tr>
                    }
                }) }
            }) }
            </details>
            { how_computed(t.calc.how_computed, &[x.subscriptions_explain]) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SurvivorsProps {
    pub lang: Lang,
}

/// Survivors per period typed in (e.g. 1000, 631, 468, ...): the sBG fit and its
/// projection, with `data-source=manual`.
#[function_component(SurvivorsCalculator)]
pub fn survivors_calculator(p: &SurvivorsProps) -> Html {
    let lang = p.lang;
    let t = lang.texts();
    let x = t.lifetime;
    let typed = use_state(String::new);
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    // Numbers separated by ';', spaces or line breaks, or by commas when no decimal comma is possible.
    let numbers: Option<Vec<f64>> = {
        let text = typed.trim();
        let parts: Vec<&str> =
            if text.contains(';') { text.split(';').collect() } else { text.split([',', ' ', '\n', '\t']).collect() };
        parts.iter().filter(|s| !s.trim().is_empty()).map(|s| s.trim().replace('.', "").parse::<f64>().ok()).collect()
    };
    let fitted = numbers
        .as_deref()
        .filter(|n| n.len() >= 3)
        .and_then(|n| SbgData::from_survivors(n).ok())
        .and_then(|d| sbg::fit(&d).ok());
    let problem = !typed.trim().is_empty() && fitted.is_none();
    html! {
        <div class="analysis-part" data-testid="survivors-calculator">
            <div class="section-head"><h3>{ x.survivors_label }</h3></div>
            <label class="field wide">
                <span>{ x.survivors_label }</span>
                <input type="text" data-testid="survivors" placeholder={x.survivors_hint} value={(*typed).clone()} {oninput} />
            </label>
            if let Some(f) = &fitted {
                <div class="kpis">
                    { sbg_cards(lang, &f.fit, Some("manual")) }
                    { for (1..=3u32).map(|k| {
                        let n = numbers.as_ref().map_or(0, |v| v.len()) as u32 - 1 + k;
                        html! { <div class="kpi"><span class="kpi-label">{ format!("{} {n}", x.col_projected) }</span>
                            <span class="kpi-value small" data-metric={keys::SBG_SURVIVAL} data-source="manual" data-period={n.to_string()}
                                data-value={machine_value(Some(f.model.survival(n) * 100.0))}>{ lang.percent(f.model.survival(n) * 100.0) }</span></div> }
                    }) }
                </div>
            }
            if problem { <p class="manual-message" role="status">{ x.survivors_problem }</p> }
        </div>
    }
}
