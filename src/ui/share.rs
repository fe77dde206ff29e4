//! "Share these results": a link that carries the figures of the analysis (aggregates
//! only, `crate::snapshot`) in its fragment. Before copying, the user sees exactly what
//! the link holds: the JSON it carries, and its length.

use super::browser;
use super::figure::use_currency;
use crate::embed::{snapshot_url, snippet, Widget};
use crate::i18n::Lang;
use crate::metrics::analysis::Analysis;
use crate::snapshot::Snapshot;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub lang: Lang,
    pub analysis: Rc<Analysis>,
}

#[function_component(Share)]
pub fn share(p: &ShareProps) -> Html {
    let t = p.lang.texts();
    let open = use_state(|| false);
    let copied = use_state(|| false);
    let toggle = {
        let (open, copied) = (open.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(!*open);
            copied.set(false);
        })
    };
    // Made only when the panel is open, once per analysis.
    let (lang, currency) = (p.lang, use_currency());
    let made =
        use_memo((*open, super::analysis::Shared(p.analysis.clone()), lang, currency), |(open, a, lang, currency)| {
            let (lang, currency) = (*lang, *currency);
            open.then(|| {
                let s = Snapshot::of(&a.0);
                let base = browser::page_url_without_fragment();
                (s.json(), format!("{base}{}", s.fragment()), snapshot_url(&base, lang, currency, &s.fragment()))
            })
        });
    let on_copy = {
        let (made, copied) = (made.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((_, link, _)) = made.as_ref() {
                browser::copy_text(link);
                copied.set(true);
            }
        })
    };
    html! {
        <div class="share">
            <button type="button" class="button small secondary" data-testid="share" aria-expanded={open.to_string()}
                onclick={toggle}>{ t.share_button }</button>
            if let Some((json, link, embed)) = made.as_ref() {
                <div class="share-panel" data-testid="share-panel">
                    <p class="hint">{ (t.share_intro)(link.len()) }</p>
                    <label class="field wide"><span>{ t.share_link_label }</span>
                        <input type="text" readonly=true data-testid="snapshot-link" value={link.clone()} />
                    </label>
                    <button type="button" class="button small" data-testid="snapshot-copy" onclick={on_copy}>
                        { if *copied { t.share_copied } else { t.share_copy } }
                    </button>
                    <label class="field wide"><span>{ t.share_embed_label }</span>
                        <textarea readonly=true rows="4" spellcheck="false" data-testid="snapshot-embed-code"
                            value={snippet(embed, t.embed_frame_title, Widget::File.initial_height())} />
                    </label>
                    <details class="share-json">
                        <summary>{ t.share_contents }</summary>
                        <pre data-testid="snapshot-json">{ json.clone() }</pre>
                    </details>
                </div>
            }
        </div>
    }
}
