//! The analysis settings: granularity, window and segment column, the "computing"
//! note, and the JSON download of every figure.

use crate::calendar::Granularity;
use crate::i18n::Lang;
use crate::metrics::analysis::{AnalysisSettings, SettingChange, MAX_WINDOW_DAYS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsBarProps {
    pub lang: Lang,
    pub settings: AnalysisSettings,
    /// The log's attribute columns (what a comparison can be by).
    pub attributes: Vec<String>,
    pub busy: bool,
    pub on_change: Callback<SettingChange>,
    pub on_json: Callback<()>,
}

#[function_component(SettingsBar)]
pub fn settings_bar(p: &SettingsBarProps) -> Html {
    let x = p.lang.texts().analysis;
    let settings = &p.settings;
    // One change at a time, applied to the settings current when it arrives (two
    // changes in one tick both count).
    let on_granularity = {
        let on_change = p.on_change.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(g) = Granularity::from_key(&value) {
                on_change.emit(SettingChange::Granularity(g));
            }
        })
    };
    let on_window = {
        let (current, on_change) = (settings.window_days, p.on_change.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            match input.value().trim().parse::<u32>() {
                Ok(w) if (1..=MAX_WINDOW_DAYS).contains(&w) => on_change.emit(SettingChange::WindowDays(w)),
                _ => input.set_value(&current.to_string()),
            }
        })
    };
    let on_segment = p.on_change.reform(|e: Event| {
        let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
        SettingChange::SegmentBy((!value.is_empty()).then_some(value))
    });
    let on_json = p.on_json.reform(|_: MouseEvent| ());
    html! {
        <div class="settings-bar" role="group" aria-label={x.settings_title}>
            <label>
                <span>{ x.granularity_label }</span>
                <select data-setting="granularity" onchange={on_granularity}>
                    { for Granularity::ALL.iter().zip(x.granularity_names).map(|(g, name)| html! {
                        <option value={g.key()} selected={*g == settings.granularity}>{ name }</option>
                    }) }
                </select>
            </label>
            <label>
                <span>{ x.window_label }</span>
                <input type="number" data-setting="window_days" min="1" max={MAX_WINDOW_DAYS.to_string()} step="1"
                    value={settings.window_days.to_string()} onchange={on_window} />
            </label>
            <label>
                <span>{ x.segment_label }</span>
                <select data-setting="segment" onchange={on_segment}>
                    <option value="" selected={settings.segment_by.is_none()}>{ x.segment_none }</option>
                    { for p.attributes.iter().map(|name| html! {
                        <option value={name.clone()} selected={settings.segment_by.as_ref() == Some(name)}>{ name.clone() }</option>
                    }) }
                </select>
            </label>
            // Always there, shown only while busy: the bar keeps its layout.
            <span class={classes!("recomputing", p.busy.then_some("busy"))} role="status">{ x.recomputing }</span>
            <button type="button" class="button small" data-testid="export-json" onclick={on_json}>{ x.export_json }</button>
        </div>
    }
}
