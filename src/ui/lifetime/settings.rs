//! The lifetime-value settings: time unit, calibration end, horizon, margin and
//! discount, each `data-setting` and mirrored in the URL by the app.

use crate::calendar::{Date, TimeUnit};
use crate::i18n::Lang;
use crate::metrics::lifetime::ValuationSettings;
use crate::state::MAX_HORIZON;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub lang: Lang,
    pub settings: ValuationSettings,
    pub span: Option<(Date, Date)>,
    pub on_change: Callback<ValuationSettings>,
}

/// A number typed in either decimal convention.
fn parse_number(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

#[function_component(LifetimeSettings)]
pub fn lifetime_settings(p: &SettingsProps) -> Html {
    let x = p.lang.texts().lifetime;
    let s = &p.settings;
    let change = |f: fn(&mut ValuationSettings, &str) -> bool| {
        let (s, on_change) = (s.clone(), p.on_change.clone());
        Callback::from(move |e: Event| {
            let value = match e.target_dyn_into::<web_sys::HtmlInputElement>() {
                Some(input) => input.value(),
                None => e.target_unchecked_into::<web_sys::HtmlSelectElement>().value(),
            };
            let mut next = s.clone();
            if f(&mut next, &value) && next != s {
                on_change.emit(next);
            }
        })
    };
    let on_unit = change(|s, v| TimeUnit::from_key(v).map(|u| s.time_unit = u).is_some());
    let on_end = change(|s, v| {
        s.calibration_end = Date::from_iso(v);
        true
    });
    let on_horizon = change(|s, v| match parse_number(v) {
        Some(h) if (1.0..=MAX_HORIZON as f64).contains(&h) => {
            s.horizon = Some(h.round() as u32);
            true
        }
        _ => false,
    });
    let on_margin =
        change(|s, v| parse_number(v).filter(|m| (0.0..=100.0).contains(m)).map(|m| s.margin_pct = m).is_some());
    let on_discount =
        change(|s, v| parse_number(v).filter(|d| (0.0..=100.0).contains(d)).map(|d| s.discount_pct = d).is_some());
    let unit_index = TimeUnit::ALL.iter().position(|u| *u == s.time_unit).unwrap_or(0);
    let (min, max) = p.span.map_or((String::new(), String::new()), |(a, b)| (a.to_string(), b.to_string()));
    html! {
        <div class="settings-bar lifetime-settings" role="group" aria-label={x.title}>
            <label>
                <span>{ x.time_unit_label }</span>
                <select data-setting="time_unit" onchange={on_unit}>
                    { for TimeUnit::ALL.iter().zip(x.unit_names).map(|(u, name)| html! {
                        <option value={u.key()} selected={*u == s.time_unit}>{ name }</option>
                    }) }
                </select>
            </label>
            if p.span.is_some() {
                <label title={x.calibration_hint}>
                    <span>{ x.calibration_label }</span>
                    <input type="date" data-setting="calibration_end" min={min} max={max.clone()}
                        value={s.calibration_end.map(|d| d.to_string()).unwrap_or_else(|| max.clone())} onchange={on_end} />
                </label>
            }
            <label>
                <span>{ (x.horizon_label)(x.unit_plural[unit_index]) }</span>
                <input type="number" data-setting="horizon" min="1" max={MAX_HORIZON.to_string()} step="1"
                    value={s.horizon_units().to_string()} onchange={on_horizon} />
            </label>
            <label>
                <span>{ x.margin_label }</span>
                <input type="text" inputmode="decimal" data-setting="margin_pct" value={p.lang.number(s.margin_pct, 1)} onchange={on_margin} />
            </label>
            <label>
                <span>{ x.discount_label }</span>
                <input type="text" inputmode="decimal" data-setting="discount_pct" value={p.lang.number(s.discount_pct, 1)} onchange={on_discount} />
            </label>
        </div>
    }
}
