//! The budget planner (what-if): sliders and number fields for retention, the
//! acquisition budget, order value and margin (and the CAC, the cost per kept customer
//! and the extra amount to compare), the projection per month for 1 to 5 years, the
//! comparison of the extra amount on winning against keeping customers, the assumptions
//! in words, and the download. It owns what is typed; the figures come from
//! `metrics::planner`, computed here on every move (a few hundred multiplications).

use super::browser;
use super::chart::ChartFigure;
use super::figure::{machine_value, period_cell, typed_number, use_currency};
use crate::calendar::Date;
use crate::charts::{lines, palette};
use crate::i18n::planner::Facts;
use crate::i18n::Lang;
use crate::metrics::keys as key;
use crate::metrics::planner::{month_label, Baseline, Plan, PlanInputs, Scenario, MAX_YEARS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlannerProps {
    pub lang: Lang,
    /// What the log (and spend) measured; `None`: the log measures too little.
    pub baseline: Option<Baseline>,
    /// The lifetime-value settings' margin, where the margin field starts.
    pub margin_pct: f64,
    /// The log's last purchase day: the projection starts the month after it.
    pub last_day: Date,
    /// The start of the download file name.
    pub stem: AttrValue,
}

/// The typed fields, in this order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Retention,
    Acquisition,
    Cac,
    Aov,
    Margin,
    Extra,
    CostRetained,
}

const FIELDS: [Field; 7] =
    [Field::Retention, Field::Acquisition, Field::Cac, Field::Aov, Field::Margin, Field::Extra, Field::CostRetained];

impl Field {
    fn testid(self) -> &'static str {
        match self {
            Field::Retention => "planner-retention",
            Field::Acquisition => "planner-acquisition",
            Field::Cac => "planner-cac",
            Field::Aov => "planner-aov",
            Field::Margin => "planner-margin",
            Field::Extra => "planner-extra",
            Field::CostRetained => "planner-cost-retained",
        }
    }

    /// The slider's range and step, for the fields that have one.
    fn slider(self, inputs: &PlanInputs) -> Option<(f64, f64, f64)> {
        let up_to = |v: f64, floor: f64| (v * 3.0).max(floor).ceil();
        match self {
            Field::Retention => Some((-20.0, 20.0, 0.5)),
            Field::Acquisition => Some((0.0, up_to(inputs.acquisition_per_month, 10_000.0), 10.0)),
            Field::Aov => Some((0.0, up_to(inputs.aov, 100.0), 0.5)),
            Field::Margin => Some((0.0, 100.0, 1.0)),
            _ => None,
        }
    }

    fn get(self, p: &PlanInputs) -> Option<f64> {
        match self {
            Field::Retention => Some(p.retention_points),
            Field::Acquisition => Some(p.acquisition_per_month),
            Field::Cac => p.cac,
            Field::Aov => Some(p.aov),
            Field::Margin => Some(p.margin_pct),
            Field::Extra => Some(p.extra_per_month),
            Field::CostRetained => p.cost_per_retained,
        }
    }

    /// `p` with this field's typed value (`None`: empty or not a number; a field that
    /// must have a value keeps the measured one).
    fn set(self, p: &mut PlanInputs, v: Option<f64>, measured: &PlanInputs) {
        let or = |v: Option<f64>, m: f64| v.unwrap_or(m);
        let non_negative = v.filter(|v| *v >= 0.0);
        match self {
            Field::Retention => p.retention_points = or(v.filter(|v| v.abs() <= 100.0), 0.0),
            Field::Acquisition => p.acquisition_per_month = or(non_negative, measured.acquisition_per_month),
            Field::Cac => p.cac = v.filter(|v| *v > 0.0),
            Field::Aov => p.aov = or(non_negative, measured.aov),
            Field::Margin => p.margin_pct = or(v.filter(|v| (0.0..=100.0).contains(v)), measured.margin_pct),
            Field::Extra => p.extra_per_month = or(non_negative, measured.extra_per_month),
            Field::CostRetained => p.cost_per_retained = v.filter(|v| *v > 0.0),
        }
    }
}

/// A number as the fields show it: no thousands separator, the page's decimal mark, at
/// most 2 decimals (a typed value reads back as itself).
fn field_text(v: Option<f64>, lang: Lang) -> String {
    let Some(v) = v.filter(|v| v.is_finite()) else { return String::new() };
    let rounded = (v * 100.0).round() / 100.0;
    format!("{rounded}").replace('.', &lang.calculators().decimal_mark.to_string())
}

#[function_component(Planner)]
pub fn planner(p: &PlannerProps) -> Html {
    let lang = p.lang;
    let t = lang.texts();
    let x = t.planner;
    let measured = p.baseline.as_ref().map(|b| PlanInputs::measured(b, p.margin_pct));
    // What the user typed or slid, per field; `None`: the measured value, at full
    // precision (the field shows it rounded).
    let typed = use_state(|| vec![None::<String>; FIELDS.len()]);
    let years = use_state(|| 1u32);
    {
        // New measurements (another file, another margin setting): start from them.
        let typed = typed.clone();
        use_effect_with((p.baseline, p.margin_pct.to_bits()), move |_| typed.set(vec![None; FIELDS.len()]));
    }
    let (Some(b), Some(measured)) = (p.baseline, measured) else {
        return html! {
            <section class="card planner" id="sec-planner" data-section="planner" aria-labelledby="planner-heading">
                <h2 id="planner-heading">{ x.title }</h2>
                <p class="hint" data-testid="planner-unavailable">{ x.no_baseline }</p>
            </section>
        };
    };
    let mut inputs = PlanInputs { years: *years, ..measured };
    for (f, text) in FIELDS.iter().zip(typed.iter()) {
        if let Some(text) = text {
            f.set(&mut inputs, typed_number(text, t.calc.thousands_separator), &measured);
        }
    }
    let plan = Plan::of(&b, &inputs);
    let months = plan.projections[0].months.len();
    let label = |i: usize| month_label(p.last_day, i);
    let cur = use_currency();
    let money = |v: f64| lang.money(v, cur, 2);

    let edit = |i: usize, from_slider: bool| {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut all = (*typed).clone();
            if let Some(slot) = all.get_mut(i) {
                *slot =
                    Some(if from_slider { field_text(input.value().parse::<f64>().ok(), lang) } else { input.value() });
            }
            typed.set(all);
        })
    };
    let label_of = |f: Field| match f {
        Field::Retention => x.retention_points,
        Field::Acquisition => x.acquisition,
        Field::Cac => x.cac,
        Field::Aov => x.aov,
        Field::Margin => x.margin,
        Field::Extra => x.extra,
        Field::CostRetained => x.cost_retained,
    };
    let measured_note = |f: Field| match f {
        Field::Retention => Some(format!("{}%", lang.number(b.yearly_retention * 100.0, 1))),
        Field::Acquisition => Some(money(b.acquisition_per_month)),
        Field::Cac => b.cac.map(money),
        Field::Aov => Some(money(b.aov)),
        Field::CostRetained => b.cost_per_retained.map(money),
        Field::Margin | Field::Extra => None,
    };
    let on_years = {
        let years = years.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            years.set(select.value().parse::<u32>().unwrap_or(1).clamp(1, MAX_YEARS));
        })
    };
    let on_export = {
        let (stem, plan) = (p.stem.clone(), plan.clone());
        let last = p.last_day;
        Callback::from(move |_: MouseEvent| {
            let csv = x.csv(lang, &b, &inputs, &plan, |i| month_label(last, i));
            browser::download(&format!("{stem}-planner.csv"), "text/csv", &csv);
        })
    };
    let labels: Vec<String> = (0..months).map(label).collect();
    let series: Vec<lines::Series> = plan
        .projections
        .iter()
        .zip([palette::REFERENCE, palette::NEW, palette::CRR])
        .map(|(pr, color)| lines::Series {
            name: (x.scenario)(pr.scenario),
            color,
            values: pr.months.iter().map(|m| Some(m.customers)).collect(),
            emphasis: true,
        })
        .collect();
    let top = plan.projections.iter().flat_map(|pr| pr.months.iter().map(|m| m.customers)).fold(0.0, f64::max);
    let svg: AttrValue = lines::svg(
        &labels,
        &series,
        lines::Axis { max: top, percent: false },
        &[],
        lang,
        super::chart::CHART_WIDTH,
        super::chart::CHART_HEIGHT,
    )
    .into();
    let (acq, ret) = (plan.projections[1].profit_total, plan.projections[2].profit_total);
    let verdict = (x.verdict)(plan.better, &money(inputs.extra_per_month), &money((acq - ret).abs()), inputs.years);
    let better = plan.better.map_or("", Scenario::key);

    html! {
        <section class="card planner" id="sec-planner" data-section="planner" aria-labelledby="planner-heading" data-testid="planner">
            <h2 id="planner-heading">{ x.title }</h2>
            <p class="hint">{ x.intro }</p>
            <div class="fields planner-fields">
                <label class="field"><span>{ x.years }</span>
                    <select data-testid="planner-years" onchange={on_years}>
                        { for (1..=MAX_YEARS).map(|n| html! {
                            <option value={n.to_string()} selected={n == inputs.years}>{ (x.years_n)(n) }</option>
                        }) }
                    </select>
                </label>
                { for FIELDS.iter().enumerate().map(|(i, &f)| {
                    let text = typed.get(i).cloned().flatten().unwrap_or_else(|| field_text(f.get(&measured), lang));
                    let slider = f.slider(&inputs).map(|(min, max, step)| {
                        let value = f.get(&inputs).unwrap_or(0.0).clamp(min, max.max(min));
                        html! {
                            <input type="range" min={min.to_string()} max={max.to_string()} step={step.to_string()}
                                value={value.to_string()} data-testid={format!("{}-slider", f.testid())}
                                aria-label={label_of(f)} oninput={edit(i, true)} />
                        }
                    });
                    html! {
                        <label class="field">
                            <span>{ label_of(f) }</span>
                            { for slider }
                            <input type="text" inputmode="decimal" autocomplete="off" data-testid={f.testid()}
                                value={text} oninput={edit(i, false)} />
                            if let Some(m) = measured_note(f) { <small class="hint">{ (x.measured)(&m) }</small> }
                        </label>
                    }
                }) }
            </div>
            <div class="table-wrap" tabindex="0">
                <table class="figures planner-totals">
                    <thead><tr>
                        <th scope="col"></th>
                        <th scope="col" class="num">{ x.fig_customers_end }</th>
                        <th scope="col" class="num">{ x.fig_revenue_total }</th>
                        <th scope="col" class="num">{ x.fig_profit_total }</th>
                    </tr></thead>
                    <tbody>
                        { for plan.projections.iter().map(|pr| {
                            let seg = pr.scenario.key();
                            html! {
                                <tr>
                                    <th scope="row">{ (x.scenario)(pr.scenario) }</th>
                                    <td class="num" data-metric={key::PLANNER_CUSTOMERS_END} data-segment={seg}
                                        data-value={machine_value(Some(pr.customers_end))}>{ lang.number(pr.customers_end, 0) }</td>
                                    <td class="num" data-metric={key::PLANNER_REVENUE_TOTAL} data-segment={seg}
                                        data-value={machine_value(Some(pr.revenue_total))}>{ money(pr.revenue_total) }</td>
                                    <td class="num" data-metric={key::PLANNER_PROFIT_TOTAL} data-segment={seg}
                                        data-value={machine_value(Some(pr.profit_total))}>{ money(pr.profit_total) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="verdict" data-testid="planner-verdict" data-better={better} aria-live="polite">{ verdict }</p>
            <div class="planner-assumptions" data-testid="planner-assumptions">
                <h3>{ x.assumptions_title }</h3>
                <ul>{ for (x.assumptions)(&Facts::of(lang, &b, &inputs)).into_iter().map(|a| html! { <li>{ a }</li> }) }</ul>
            </div>
            <ChartFigure name="planner" title={x.chart_title} {svg} alt={(x.chart_alt)(months)} stem={p.stem.clone()} />
            <details class="planner-months">
                <summary>{ x.per_month }</summary>
                <div class="table-wrap" tabindex="0">
                    <table class="figures">
                        <thead><tr>
                            { for [x.col_month, x.col_customers, x.col_new, x.col_lost, x.col_revenue, x.col_spend, x.col_profit]
                                .iter().map(|h| html! { <th scope="col">{ *h }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for plan.projections[0].months.iter().enumerate().map(|(i, m)| {
                                let pe = AttrValue::from(label(i));
                                html! {
                                    <tr>
                                        <th scope="row">{ pe.clone() }</th>
                                        { period_cell(key::PLANNER_CUSTOMERS, Some(m.customers), lang.number(m.customers, 1), pe.clone()) }
                                        { period_cell(key::PLANNER_NEW, Some(m.new), lang.number(m.new, 1), pe.clone()) }
                                        { period_cell(key::PLANNER_LOST, Some(m.lost), lang.number(m.lost, 1), pe.clone()) }
                                        { period_cell(key::PLANNER_REVENUE, Some(m.revenue), money(m.revenue), pe.clone()) }
                                        { period_cell(key::PLANNER_SPEND, Some(m.spend), money(m.spend), pe.clone()) }
                                        { period_cell(key::PLANNER_PROFIT, Some(m.profit), money(m.profit), pe) }
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            </details>
            <button type="button" class="button" data-testid="planner-export" onclick={on_export}>{ x.export }</button>
        </section>
    }
}
