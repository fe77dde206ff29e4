//! The per-customer table and the activation list, virtualised: the worker sorts and
//! filters all customers and sends one page at a time; only the rows in view are on
//! the page (a spacer as tall as every matching row keeps the scroll bar true), so a
//! million customers scroll without freezing anything.

use crate::calendar::TimeUnit;
use crate::i18n::Lang;
use crate::metrics::keys;
use crate::metrics::lifetime::{SortColumn, TablePage, TableQuery};
use std::rc::Rc;
use yew::prelude::*;

use super::super::figure::{machine_value, money, use_currency};

/// Height of one row, px (fixed, so that a scroll position is a row number).
const ROW_PX: f64 = 30.0;
/// Rows visible in the scroll box (its height is in the style sheet: 14 × 30 px).
const VISIBLE: usize = 14;
/// Rows asked for above the first visible one (and the page size from the session).
const AHEAD: usize = 30;
const PAGE: usize = crate::ui::session::TABLE_PAGE;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub lang: Lang,
    /// The activation list (P(alive) < 50%, by value at stake) rather than every customer.
    pub activation: bool,
    pub page: Option<(TableQuery, Rc<TablePage>)>,
    pub unit: TimeUnit,
    pub on_page: Callback<TableQuery>,
    pub on_export: Callback<TableQuery>,
}

fn columns(activation: bool) -> Vec<SortColumn> {
    use SortColumn::*;
    if activation {
        vec![Customer, Purchases, Recency, Age, PAlive, Clv, Monetary]
    } else {
        vec![Customer, Purchases, Recency, Age, Monetary, PAlive, Expected, Spend, Clv, Holdout]
    }
}

#[function_component(CustomerTable)]
pub fn customer_table(p: &TableProps) -> Html {
    let lang = p.lang;
    let cur = use_currency();
    let t = lang.texts();
    let x = t.lifetime;
    let scroller = use_node_ref();
    let spacer = use_node_ref();
    let rows_box = use_node_ref();
    let current = p.page.as_ref().map(|(q, _)| q.clone()).unwrap_or_else(|| TableQuery {
        lapsed_only: p.activation,
        descending: true,
        limit: PAGE,
        ..TableQuery::default()
    });
    let ask = {
        let on_page = p.on_page.clone();
        move |q: TableQuery| on_page.emit(q)
    };
    let on_scroll = {
        let (scroller, current, page, ask) = (scroller.clone(), current.clone(), p.page.clone(), ask.clone());
        Callback::from(move |_: Event| {
            let Some(el) = scroller.cast::<web_sys::Element>() else { return };
            let first = (el.scroll_top() as f64 / ROW_PX).floor().max(0.0) as usize;
            let covered = page.as_ref().is_some_and(|(_, pg)| {
                pg.offset <= first
                    && first + VISIBLE <= (pg.offset + pg.rows.len()).min(pg.matching.max(first + VISIBLE))
            });
            if !covered {
                ask(TableQuery { offset: first.saturating_sub(AHEAD), limit: PAGE, ..current.clone() });
            }
        })
    };
    let reset_scroll = {
        let scroller = scroller.clone();
        move || {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                el.set_scroll_top(0);
            }
        }
    };
    let on_search = {
        let (current, ask, reset) = (current.clone(), ask.clone(), reset_scroll.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            reset();
            ask(TableQuery { search: input.value(), offset: 0, ..current.clone() });
        })
    };
    let sort_by = |col: SortColumn| {
        let (current, ask, reset) = (current.clone(), ask.clone(), reset_scroll.clone());
        Callback::from(move |_: MouseEvent| {
            let descending = if current.sort == col { !current.descending } else { col != SortColumn::Customer };
            reset();
            ask(TableQuery { sort: col, descending, offset: 0, ..current.clone() });
        })
    };
    let on_export = {
        let (current, on_export) = (current.clone(), p.on_export.clone());
        Callback::from(move |_: MouseEvent| on_export.emit(current.clone()))
    };
    let header = |col: SortColumn| match col {
        SortColumn::Customer => x.col_customer,
        SortColumn::Purchases => x.col_x,
        SortColumn::Recency => x.col_t_x,
        SortColumn::Age => x.col_t,
        SortColumn::Monetary => x.col_monetary,
        SortColumn::PAlive => x.col_p_alive,
        SortColumn::Expected => x.col_expected,
        SortColumn::Spend => x.col_spend,
        SortColumn::Clv => {
            if p.activation {
                x.col_stake
            } else {
                x.col_clv
            }
        }
        SortColumn::Holdout => x.col_holdout,
    };
    let cols = columns(p.activation);
    let (matching, offset, rows) = match &p.page {
        Some((_, page)) => (page.matching, page.offset, page.rows.as_slice()),
        None => (0, 0, &[][..]),
    };
    // The page's CSP forbids style attributes: sizes go through the CSSOM, column
    // layouts are classes.
    let grid = if p.activation { "vt-row vt-cols-7" } else { "vt-row vt-cols-10" };
    {
        let (spacer, rows_box) = (spacer.clone(), rows_box.clone());
        use_effect_with((matching, offset), move |&(matching, offset)| {
            let set = |node: &NodeRef, name: &str, value: String| {
                if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                    let _ = el.style().set_property(name, &value);
                }
            };
            set(&spacer, "height", format!("{}px", ROW_PX * matching as f64));
            set(&rows_box, "transform", format!("translateY({}px)", ROW_PX * offset as f64));
        });
    }
    let num = |v: Option<f64>, d: usize| v.map_or(t.calc.no_figure.to_string(), |v| lang.number(v, d));
    let cell = |metric: &'static str, value: Option<f64>, shown: String, customer: &str| {
        html! { <span role="cell" class="num" data-metric={metric} data-value={machine_value(value)} data-customer={customer.to_string()}>{ shown }</span> }
    };
    // A figure with its 95% interval (`data-low`, `data-high`), the interval in small print.
    let with_interval = |metric: &'static str,
                         value: Option<f64>,
                         interval: Option<(f64, f64)>,
                         d: usize,
                         customer: &str| {
        let (low, high) =
            interval.map_or((String::new(), String::new()), |(l, h)| (machine_value(Some(l)), machine_value(Some(h))));
        html! {
            <span role="cell" class="num" data-metric={metric} data-value={machine_value(value)} data-customer={customer.to_string()}
                data-low={low} data-high={high}>
                { num(value, d) }
                if let Some((l, h)) = interval { <small class="interval">{ format!(" ({}–{})", lang.number(l, d), lang.number(h, d)) }</small> }
            </span>
        }
    };
    let plain = |shown: String| html! { <span role="cell" class="num">{ shown }</span> };
    let (title, testid) =
        if p.activation { (x.activation_title, "activation-list") } else { (x.table_title, "customer-table") };
    let last = (offset + rows.len()).min(matching);
    html! {
        <div class="analysis-part" data-testid={testid}>
            <div class="section-head">
                <h3>{ title }</h3>
                <span class="exports">
                    <button type="button" class="button small secondary" data-testid={if p.activation { "export-activation" } else { "export-customers" }}
                        onclick={on_export}>{ if p.activation { x.export_activation } else { x.export_table } }</button>
                </span>
            </div>
            if p.activation { <p class="note">{ x.activation_explain }</p> }
            <div class="table-tools">
                <label class="field inline">
                    <span>{ x.search_label }</span>
                    <input type="search" data-testid={format!("{testid}-search")} value={current.search.clone()} oninput={on_search} />
                </label>
                <span class="note" role="status" aria-live="polite">
                    { (x.rows_of)(&lang.number(if matching == 0 { 0.0 } else { offset as f64 + 1.0 }, 0), &lang.number(last as f64, 0), &lang.number(matching as f64, 0)) }
                </span>
            </div>
            <div class="virtual-table" role="table" aria-rowcount={(matching + 1).to_string()}>
                <div class={classes!(grid, "vt-head")} role="row">
                    { for cols.iter().map(|&c| {
                        let sorted = current.sort == c && !p.activation;
                        let aria = if sorted { if current.descending { "descending" } else { "ascending" } } else { "none" };
                        html! {
                            <span role="columnheader" aria-sort={aria} class={classes!((c != SortColumn::Customer).then_some("num"))}>
                                if p.activation { { header(c) } } else {
                                    <button type="button" class="sort" data-sort={format!("{c:?}")} onclick={sort_by(c)}>
                                        { header(c) }{ if sorted { if current.descending { " ▼" } else { " ▲" } } else { "" } }
                                    </button>
                                }
                            </span>
                        }
                    }) }
                </div>
                <div class="vt-scroll" role="rowgroup" ref={scroller} onscroll={on_scroll} tabindex="0">
                    <div class="vt-spacer" ref={spacer}>
                        <div class="vt-rows" ref={rows_box}>
                            { for rows.iter().enumerate().map(|(i, r)| html! {
                                <div role="row" aria-rowindex={(offset + i + 2).to_string()} class={grid} data-customer={r.customer.clone()}>
                                    { for cols.iter().map(|&c| match c {
                                        SortColumn::Customer => html! { <span role="rowheader">{ r.customer.clone() }</span> },
                                        SortColumn::Purchases => plain(lang.number(r.x as f64, 0)),
                                        SortColumn::Recency => plain(lang.number(r.t_x, 1)),
                                        SortColumn::Age => plain(lang.number(r.t, 1)),
                                        SortColumn::Monetary => plain(money(lang, cur, r.monetary)),
                                        SortColumn::PAlive => cell(keys::P_ALIVE, Some(r.p_alive * 100.0), lang.percent(r.p_alive * 100.0), &r.customer),
                                        SortColumn::Expected => with_interval(keys::EXPECTED_PURCHASES, Some(r.expected), r.expected_interval, 2, &r.customer),
                                        SortColumn::Spend => cell(keys::EXPECTED_SPEND, r.spend, money(lang, cur, r.spend), &r.customer),
                                        SortColumn::Clv if p.activation => plain(money(lang, cur, r.value_at_stake)),
                                        SortColumn::Clv => with_interval(keys::CLV, r.clv, r.clv_interval, 2, &r.customer),
                                        SortColumn::Holdout => plain(r.holdout.map_or(t.calc.no_figure.to_string(), |h| h.to_string())),
                                    }) }
                                </div>
                            }) }
                        </div>
                    </div>
                </div>
            </div>
        </div>
    }
}
