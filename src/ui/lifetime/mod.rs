//! The lifetime-value section: its settings (time unit, calibration end, horizon,
//! margin, discount), then each model's fit as it arrives, the figures, the backtest,
//! the charts, the per-customer table and the activation list. The section carries
//! `data-fit-state`; the fits run in the worker after the retention figures are on
//! screen. Components get the data they show and `Callback`s, never the app state.

mod charts;
mod figures;
pub(crate) mod models;
pub mod opportunities;
mod settings;
pub mod simple;
pub mod subscriptions;
mod table;

use crate::calendar::Date;
use crate::i18n::Lang;
use crate::metrics::lifetime::{ModelKind, TableQuery, ValuationSettings};
use crate::state::{FitState, Lifetime};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LifetimeProps {
    pub lang: Lang,
    pub lifetime: Lifetime,
    /// The log's first and last purchase date (`None` for a customer summary).
    pub span: Option<(Date, Date)>,
    /// The simple CLV's inputs as the log measures them.
    pub measured: Option<crate::metrics::lifetime::SimpleInputs>,
    pub on_settings: Callback<ValuationSettings>,
    pub on_page: Callback<TableQuery>,
    pub on_export: Callback<TableQuery>,
}

/// A number of units as text: "52 weeks".
pub fn units(lang: Lang, n: f64, unit: crate::calendar::TimeUnit, decimals: usize) -> String {
    let x = lang.texts().lifetime;
    let i = crate::calendar::TimeUnit::ALL.iter().position(|u| *u == unit).unwrap_or(0);
    let name = if n == 1.0 { x.unit_names[i] } else { x.unit_plural[i] };
    format!("{} {name}", lang.number(n, decimals))
}

#[function_component(LifetimeSection)]
pub fn lifetime_section(p: &LifetimeProps) -> Html {
    let (lang, l) = (p.lang, &p.lifetime);
    let t = lang.texts();
    let x = t.lifetime;
    let bgnbd_failed =
        l.model(ModelKind::BgNbd).and_then(|m| m.result.as_ref().err()).map(|e| (x.fit_failed, (x.fit_error)(e)));
    html! {
        <section class="card lifetime" id="sec-lifetime" data-section="lifetime" data-fit-state={l.state.key()} aria-busy={(l.state == FitState::Fitting).to_string()}>
            <h2>{ x.title }</h2>
            <p class="hint">{ x.intro }</p>
            <settings::LifetimeSettings {lang} settings={l.settings.clone()} span={p.span} on_change={p.on_settings.clone()} />
            if p.span.is_some() { <p class="note">{ x.same_day_note }</p> } else {
                <p class="note">{ (x.summary_note)(x.unit_plural[crate::calendar::TimeUnit::ALL.iter().position(|u| *u == l.settings.time_unit).unwrap_or(0)]) }</p>
            }
            <p class="fit-status" role="status" aria-live="polite">
                if l.state == FitState::Fitting { { x.fitting } }
                if let Some((head, why)) = bgnbd_failed { <span class="file-errors" data-testid="fit-error">{ format!("{head} {why}") }</span> }
            </p>
            if p.span.is_some() {
                <simple::SimpleClv {lang} measured={p.measured} margin_pct={l.settings.margin_pct}
                    discount_pct={l.settings.discount_pct} source="file" />
            }
            if let Some(v) = &l.valuation {
                <figures::Figures {lang} valuation={v.clone()} />
            }
            <models::Models {lang} models={l.models.clone()} />
            if let Some(v) = &l.valuation {
                <figures::BacktestView {lang} valuation={v.clone()} />
                <charts::LifetimeCharts {lang} valuation={v.clone()} />
                <table::CustomerTable {lang} activation={false} page={l.table.clone()} unit={v.unit}
                    on_page={p.on_page.clone()} on_export={p.on_export.clone()} />
                <table::CustomerTable {lang} activation={true} page={l.activation.clone()} unit={v.unit}
                    on_page={p.on_page.clone()} on_export={p.on_export.clone()} />
            }
        </section>
    }
}
