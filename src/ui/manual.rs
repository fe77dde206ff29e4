//! The manual calculator: S, E and N typed in, CRR and churn shown as one types. It
//! owns what is typed (`crate::state::ManualInputs`) and needs only the language, so
//! it can stand alone on a page with no files and no worker.

use super::figure::machine_value;
use crate::i18n::Lang;
use crate::metrics::keys as key;
use crate::state::{ManualField, ManualInputs, ManualResult};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ManualProps {
    pub lang: Lang,
}

#[function_component(Manual)]
pub fn manual(props: &ManualProps) -> Html {
    let inputs = use_state(ManualInputs::default);
    let lang = props.lang;
    let t = lang.calculators();
    let field = |which: ManualField, label: &'static str, testid: &'static str, value: &str| {
        let inputs = inputs.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut m = (*inputs).clone();
            *m.field_mut(which) = input.value();
            inputs.set(m);
        });
        html! {
            <label class="field">
                <span>{ label }</span>
                <input type="text" inputmode="decimal" autocomplete="off" data-testid={testid}
                    value={value.to_string()} {oninput} />
            </label>
        }
    };
    let m = &*inputs;
    let result = m.result(lang);
    let (crr, churn) = match result {
        ManualResult::Rates { crr, churn } => (Some(crr), Some(churn)),
        _ => (None, None),
    };
    let message = match result {
        ManualResult::Incomplete => Some(t.manual_enter.to_string()),
        ManualResult::NotANumber(f) => Some(format!("{}: {}", f.label(), t.manual_not_a_number)),
        ManualResult::NotWhole(f) => Some(format!("{}: {}", f.label(), t.manual_not_whole)),
        ManualResult::Problem(p) => Some((t.manual_problem)(p).to_string()),
        ManualResult::Rates { .. } => None,
    };
    let shown = |v: Option<f64>| v.map_or(t.no_figure.to_string(), |v| lang.percent(v));

    html! {
        <section class="card manual" aria-labelledby="manual-heading">
            <h2 id="manual-heading">{ t.manual_heading }</h2>
            <p class="hint">{ t.manual_intro }</p>
            <div class="fields">
                { field(ManualField::Start, t.label_s, "manual-s", &m.start) }
                { field(ManualField::End, t.label_e, "manual-e", &m.end) }
                { field(ManualField::New, t.label_n, "manual-n", &m.new) }
            </div>
            <div class="kpis">
                <div class="kpi">
                    <span class="kpi-label">{ t.crr_name }</span>
                    <span class="kpi-value" data-metric={key::CRR} data-source="manual" data-value={machine_value(crr)}>
                        { shown(crr) }
                    </span>
                    <span class="formula">{ t.formula_crr }</span>
                </div>
                <div class="kpi">
                    <span class="kpi-label">{ t.churn_name }</span>
                    <span class="kpi-value churn" data-metric={key::CHURN_RATE} data-source="manual" data-value={machine_value(churn)}>
                        { shown(churn) }
                    </span>
                    <span class="formula">{ t.formula_churn }</span>
                </div>
            </div>
            if let Some(msg) = message {
                <p class="manual-message" data-testid="manual-message" role="status">{ msg }</p>
            }
        </section>
    }
}
