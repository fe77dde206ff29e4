//! "Data in a warehouse?": the user names their table and columns and picks an engine
//! and an output; the page shows the SQL `crate::sql` writes for them with the page's
//! own settings (granularity, W, time unit, calibration end), to copy or download. Its
//! result, saved as CSV and dropped here, is read like any file (docs/warehouse-sql.md).

use super::browser;
use crate::calendar::{Date, Granularity, TimeUnit};
use crate::i18n::Lang;
use crate::sql::{generate, Engine, Output, Request};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WarehouseProps {
    pub lang: Lang,
    pub granularity: Granularity,
    pub window_days: u32,
    pub time_unit: TimeUnit,
    pub calibration_end: Option<Date>,
}

/// What the user typed and chose.
#[derive(Clone, PartialEq)]
struct Form {
    table: String,
    customer: String,
    date: String,
    amount: String,
    attribute: String,
    engine: Engine,
    output: Output,
}

impl Default for Form {
    fn default() -> Form {
        Form {
            table: "orders".into(),
            customer: "customer_id".into(),
            date: "order_date".into(),
            amount: "amount".into(),
            attribute: String::new(),
            engine: Engine::DuckDb,
            output: Output::Summary,
        }
    }
}

/// A text field of the form: its label, test id, value and what it sets.
fn field(label: &'static str, testid: &'static str, value: &str, on: Callback<String>) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        on.emit(input.value());
    });
    html! {
        <label class="field">
            <span>{ label }</span>
            <input type="text" spellcheck="false" autocomplete="off" data-testid={testid} value={value.to_string()} {oninput} />
        </label>
    }
}

#[function_component(Warehouse)]
pub fn warehouse(p: &WarehouseProps) -> Html {
    let t = p.lang.texts();
    let open = use_state(|| false);
    let form = use_state(Form::default);
    let copied = use_state(|| false);
    let optional = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
    let request = Request {
        amount: optional(&form.amount),
        attribute: optional(&form.attribute),
        granularity: p.granularity,
        window_days: p.window_days,
        time_unit: p.time_unit,
        calibration_end: p.calibration_end,
        ..Request::new(form.engine, &form.table, &form.customer, &form.date, form.output)
    };
    let sql = generate(&request);
    let set = |f: fn(&mut Form, String)| {
        let (form, copied) = (form.clone(), copied.clone());
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            f(&mut next, v);
            form.set(next);
            copied.set(false);
        })
    };
    let toggle = {
        let (open, copied) = (open.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(!*open);
            copied.set(false);
        })
    };
    let on_engine = set(|f, v| f.engine = Engine::from_key(&v).unwrap_or(f.engine));
    let on_output = set(|f, v| f.output = Output::from_key(&v).unwrap_or(f.output));
    let select = |on: Callback<String>| {
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            on.emit(select.value());
        })
    };
    let text = sql.as_ref().ok().cloned().unwrap_or_default();
    let on_copy = {
        let (text, copied) = (text.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            browser::copy_text(&text);
            copied.set(true);
        })
    };
    let on_download = {
        let text = text.clone();
        let name = format!("retention-{}-{}.sql", form.output.key(), form.engine.key());
        Callback::from(move |_: MouseEvent| browser::download(&name, "application/sql;charset=utf-8", &text))
    };
    let unit = t.lifetime.unit_plural[TimeUnit::ALL.iter().position(|u| *u == p.time_unit).unwrap_or(1)];
    let granularity =
        t.analysis.granularity_names[Granularity::ALL.iter().position(|g| *g == p.granularity).unwrap_or(1)];
    let end = p.calibration_end.map(|d| d.to_string());
    let settings = (t.warehouse_settings)(granularity, p.window_days, unit, end.as_deref());
    html! {
        <section class="card warehouse" aria-labelledby="warehouse-heading" data-testid="warehouse-panel">
            <h2 id="warehouse-heading">{ t.warehouse_title }</h2>
            <p class="hint">{ t.warehouse_intro }</p>
            <button type="button" class="button small secondary" data-testid="warehouse-button"
                aria-expanded={open.to_string()} aria-controls="warehouse-body" onclick={toggle}>{ t.warehouse_button }</button>
            if *open {
                <div id="warehouse-body" class="warehouse-body">
                    <div class="warehouse-fields">
                        { field(t.warehouse_table, "warehouse-table", &form.table, set(|f, v| f.table = v)) }
                        { field(t.warehouse_customer, "warehouse-customer", &form.customer, set(|f, v| f.customer = v)) }
                        { field(t.warehouse_date, "warehouse-date", &form.date, set(|f, v| f.date = v)) }
                        { field(t.warehouse_amount, "warehouse-amount", &form.amount, set(|f, v| f.amount = v)) }
                        { field(t.warehouse_attribute, "warehouse-attribute", &form.attribute, set(|f, v| f.attribute = v)) }
                        <label class="field">
                            <span>{ t.warehouse_engine }</span>
                            <select data-testid="warehouse-engine" onchange={select(on_engine)}>
                                { for Engine::ALL.iter().map(|e| html! {
                                    <option value={e.key()} selected={*e == form.engine}>{ e.name() }</option>
                                }) }
                            </select>
                        </label>
                        <label class="field">
                            <span>{ t.warehouse_output }</span>
                            <select data-testid="warehouse-output" onchange={select(on_output)}>
                                { for Output::ALL.iter().zip(t.warehouse_outputs).map(|(o, name)| html! {
                                    <option value={o.key()} selected={*o == form.output}>{ name }</option>
                                }) }
                            </select>
                        </label>
                    </div>
                    <p class="hint">{ settings }</p>
                    <p>{ t.warehouse_how }</p>
                    if let Err(e) = &sql {
                        <p class="file-errors" role="alert" data-testid="warehouse-error">{ t.sql_error(e) }</p>
                    }
                    <label class="field wide">
                        <span>{ t.warehouse_sql }</span>
                        <textarea readonly=true rows="14" spellcheck="false" data-testid="warehouse-sql" value={text} />
                    </label>
                    <div class="actions">
                        <button type="button" class="button small" data-testid="warehouse-copy" onclick={on_copy}
                            disabled={sql.is_err()}>
                            { if *copied { t.share_copied } else { t.share_copy } }
                        </button>
                        <button type="button" class="button small secondary" data-testid="warehouse-download"
                            onclick={on_download} disabled={sql.is_err()}>{ t.warehouse_download }</button>
                    </div>
                </div>
            }
        </section>
    }
}
