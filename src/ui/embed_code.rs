//! "Embed on your site": the code that puts a calculator on another page (a sandboxed
//! iframe of `embed.html` and the lines that size it, `crate::embed::snippet`), for the
//! calculator chosen here in the page's language and currency, a copy button, and a
//! preview: the same sandboxed frame, sized by the same messages.

use super::browser;
use crate::currency::Currency;
use crate::embed::{snippet, widget_url, Widget};
use crate::i18n::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmbedCodeProps {
    pub lang: Lang,
    pub currency: Currency,
}

#[function_component(EmbedCode)]
pub fn embed_code(p: &EmbedCodeProps) -> Html {
    let t = p.lang.texts();
    let open = use_state(|| false);
    let widget = use_state(|| Widget::Crr);
    let copied = use_state(|| false);
    let preview = use_node_ref();
    // The preview's height follows what the widget in it posts.
    {
        let preview = preview.clone();
        use_effect_with(*open, move |open| {
            let listener = open.then(|| browser::size_frame_by_messages(preview));
            move || drop(listener)
        });
    }
    let src = widget_url(&browser::page_url_without_fragment(), *widget, p.lang, p.currency);
    let code = snippet(&src, t.embed_frame_title, widget.initial_height());
    let toggle = {
        let (open, copied) = (open.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(!*open);
            copied.set(false);
        })
    };
    let on_widget = {
        let (widget, copied) = (widget.clone(), copied.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(w) = Widget::from_key(&select.value()) {
                widget.set(w);
                copied.set(false);
            }
        })
    };
    let on_copy = {
        let (code, copied) = (code.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            browser::copy_text(&code);
            copied.set(true);
        })
    };
    html! {
        <section class="card embed-code" aria-labelledby="embed-code-heading" data-testid="embed-code-panel">
            <h2 id="embed-code-heading">{ t.embed_button }</h2>
            <p class="hint">{ t.embed_intro }</p>
            <button type="button" class="button small secondary" data-testid="embed-code-button"
                aria-expanded={open.to_string()} aria-controls="embed-code-body" onclick={toggle}>{ t.embed_button }</button>
            if *open {
                <div id="embed-code-body" class="embed-code-body">
                    <label class="field">
                        <span>{ t.embed_widget_label }</span>
                        <select data-testid="embed-widget" onchange={on_widget}>
                            { for Widget::ALL.iter().zip(t.embed_widget_names).map(|(w, name)| html! {
                                <option value={w.key()} selected={*w == *widget}>{ name }</option>
                            }) }
                        </select>
                    </label>
                    <label class="field wide">
                        <span>{ t.embed_code_label }</span>
                        <textarea readonly=true rows="9" spellcheck="false" data-testid="embed-code" value={code} />
                    </label>
                    <button type="button" class="button small" data-testid="embed-copy" onclick={on_copy}>
                        { if *copied { t.share_copied } else { t.share_copy } }
                    </button>
                    <h3>{ t.embed_preview }</h3>
                    <iframe ref={preview} class="embed-preview" data-testid="embed-preview" src={src}
                        title={t.embed_frame_title} sandbox="allow-scripts allow-downloads"
                        height={widget.initial_height().to_string()} />
                </div>
            }
        </section>
    }
}
