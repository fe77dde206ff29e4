//! The embeddable widget (`embed.html`, its own small binary `src/bin/embed.rs`): one
//! calculator chosen by `?calculator=` (`crate::embed::Widget`), in the language of
//! `?language=` and the currency of `?currency=`, that tells its host page its height.
//! For a dropped file (`?calculator=file`) and for a snapshot link (`#snapshot=…`) it
//! hands over to the whole app in one file (`crate::embed::FULL_PAGE`), embedded.
//!
//! Only the calculators are linked into this binary (the app's `App`, its worker
//! client and charts are not), which keeps it under its size budget (BENCHMARKS.md).

use super::browser;
use super::cost_calculator::CostCalculator;
use super::lifetime::simple::SimpleClv;
use super::manual::Manual;
use crate::currency::Currency;
use crate::embed::{full_page_url, Widget, PARAM};
use crate::i18n::Lang;
use crate::state::{currency_from_query, lang_from_query, query_param};
use yew::prelude::*;

/// Starts the widget the address asks for.
pub fn start() {
    let query = browser::query();
    let fragment = browser::fragment();
    let asked = query_param(&query, PARAM);
    let widget = asked.as_deref().map(Widget::from_key);
    if fragment.starts_with(crate::snapshot::PREFIX) || widget == Some(Some(Widget::File)) {
        browser::replace_location(&full_page_url(&query, &fragment));
        return;
    }
    let lang = lang_from_query(&query).unwrap_or_else(|| Lang::from_browser(&browser::language()));
    browser::set_document_lang(lang.key());
    let props = EmbedProps {
        lang,
        currency: currency_from_query(&query).unwrap_or_default(),
        // No parameter: the first calculator; one that names none: say so.
        widget: widget.unwrap_or(Some(Widget::Crr)),
        asked: asked.unwrap_or_default().into(),
    };
    match browser::document().get_element_by_id("app") {
        Some(host) => yew::Renderer::<Embed>::with_root_and_props(host, props).render(),
        None => yew::Renderer::<Embed>::with_props(props).render(),
    };
    browser::post_height_to_host();
}

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    pub lang: Lang,
    pub currency: Currency,
    /// `None`: `?calculator=` names no widget.
    pub widget: Option<Widget>,
    /// What `?calculator=` says.
    pub asked: AttrValue,
}

#[function_component(Embed)]
pub fn embed(p: &EmbedProps) -> Html {
    let lang = p.lang;
    let t = lang.calculators();
    let body = match p.widget {
        Some(Widget::Crr) | Some(Widget::Churn) | None => html! { <Manual {lang} /> },
        Some(Widget::Clv) => html! {
            <section class="card manual" aria-labelledby="embed-clv-heading">
                <h2 id="embed-clv-heading">{ t.calculators_title }</h2>
                <SimpleClv {lang} measured={None} margin_pct={crate::metrics::lifetime::DEFAULT_MARGIN_PCT}
                    discount_pct={crate::metrics::lifetime::DEFAULT_DISCOUNT_PCT} source="manual" />
            </section>
        },
        Some(Widget::Cost) | Some(Widget::LtvCac) | Some(Widget::File) => html! { <CostCalculator {lang} /> },
    };
    html! {
        <ContextProvider<Currency> context={p.currency}>
            <main class="embed" data-embed={p.widget.map_or("unknown", Widget::key)}>
                if p.widget.is_none() {
                    <p class="file-errors" role="alert" data-testid="embed-error">{ (t.embed_unknown)(&p.asked) }</p>
                }
                { body }
                <p class="embed-foot">{ t.embed_foot }</p>
            </main>
        </ContextProvider<Currency>>
    }
}
