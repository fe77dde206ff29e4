//! Each model's fit as it arrives: its parameters with standard errors and 95%
//! intervals (`data-metric` = `<model>_<parameter>`, `..._se`), its log-likelihood
//! (`<model>_ll`) and how the search ended.

use super::super::figure::{how_computed, machine_value};
use crate::i18n::lifetime::model_name;
use crate::i18n::Lang;
use crate::metrics::keys;
use crate::metrics::lifetime::ModelAnswer;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModelsProps {
    pub lang: Lang,
    pub models: Vec<ModelAnswer>,
}

#[function_component(Models)]
pub fn models(p: &ModelsProps) -> Html {
    let lang = p.lang;
    let x = lang.texts().lifetime;
    if p.models.is_empty() {
        return html! {};
    }
    html! {
        <div class="analysis-part">
            <div class="section-head"><h3>{ x.models_title }</h3></div>
            <div class="model-grid">
                { for p.models.iter().map(|m| model_card(lang, m)) }
            </div>
        </div>
    }
}

fn model_card(lang: Lang, m: &ModelAnswer) -> Html {
    let t = lang.texts();
    let x = t.lifetime;
    let prefix = m.kind.key();
    let body = match &m.result {
        Err(e) => html! { <p class="file-errors" data-testid="fit-error">{ (x.fit_error)(e) }</p> },
        Ok(fit) => {
            let num = |v: f64| lang.number(v, 4);
            let ll_key = keys::ll(prefix);
            html! {
                <>
                    <table class="figures compact">
                        <thead><tr>
                            <th scope="col">{ x.col_parameter }</th>
                            <th scope="col" class="num">{ x.col_estimate }</th>
                            <th scope="col" class="num">{ x.col_se }</th>
                            <th scope="col" class="num">{ x.col_interval }</th>
                        </tr></thead>
                        <tbody>
                            { for fit.estimates.iter().map(|e| {
                                let key = keys::param(prefix, &e.name);
                                let interval = match (e.low, e.high) {
                                    (Some(l), Some(h)) => format!("{} – {}", num(l), num(h)),
                                    _ => x.no_se.to_string(),
                                };
                                html! {
                                    <tr>
                                        <th scope="row">{ e.name.clone() }</th>
                                        <td class="num" data-metric={key.clone()} data-value={machine_value(Some(e.value))}>{ num(e.value) }</td>
                                        <td class="num" data-metric={keys::se(&key)} data-value={machine_value(e.se)}>
                                            { e.se.map_or(t.calc.no_figure.to_string(), num) }
                                        </td>
                                        <td class="num">{ interval }</td>
                                    </tr>
                                }
                            }) }
                            <tr>
                                <th scope="row">{ x.log_likelihood }</th>
                                <td class="num" data-metric={ll_key} data-value={machine_value(Some(fit.log_likelihood))}>
                                    { lang.number(fit.log_likelihood, 2) }
                                </td>
                                <td></td><td></td>
                            </tr>
                        </tbody>
                    </table>
                    <p class="note" data-testid="fit-diagnostics" data-convergence={format!("{:?}", fit.convergence)}>
                        { format!("{} · {} · ", (x.convergence)(fit.convergence), (x.method)(fit.method)) }
                        { (x.diagnostics)(fit.iterations, fit.starts, &format!("{:.1e}", fit.gradient_norm), &lang.number(m.elapsed_ms, 0)) }
                    </p>
                    <p class="note">{ (x.fitted_on)(&lang.number(m.customers as f64, 0), &lang.number(m.distinct as f64, 0)) }</p>
                    if let Some(problem) = &m.spend_problem {
                        <p class="file-errors" data-testid="spend-problem">{ (x.spend_problem)(problem) }</p>
                    }
                </>
            }
        }
    };
    let explain = [(x.model_explain)(m.kind)];
    html! {
        <div class="model-card" data-model={prefix} data-fit-state={if m.result.is_ok() { "done" } else { "failed" }}
            data-elapsed-ms={m.elapsed_ms.to_string()} data-distinct={m.distinct.to_string()}>
            <h4>{ model_name(m.kind) }</h4>
            { body }
            { how_computed(t.calc.how_computed, &explain) }
        </div>
    }
}
