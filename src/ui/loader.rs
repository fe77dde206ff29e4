//! Getting data in: the drop zone, the file picker, pasted text, the sample button,
//! and the status with progress and a cancel button.

use super::browser;
use crate::i18n::Lang;
use crate::state::{Failure, Files, Progress, Status};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LoaderProps {
    pub lang: Lang,
    pub status: Status,
    pub progress: Progress,
    /// `data-progress`: how far the work is, while working.
    pub percent: Option<u8>,
    /// Figures for new settings are being computed (the files are read).
    pub recomputing: bool,
    /// The files of the load (those that could not be used are listed here).
    pub files: Files,
    /// The user gave files to read.
    pub on_files: Callback<Vec<web_sys::File>>,
    pub on_cancel: Callback<()>,
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}

#[function_component(Loader)]
pub fn loader(props: &LoaderProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let dragging = use_state(|| false);
    let paste = use_node_ref();

    let load = {
        let on_files = props.on_files.clone();
        Rc::new(move |files: Vec<web_sys::File>| {
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    let on_change = {
        let load = load.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            load(file_list(input.files()));
            input.set_value(""); // choosing the same file again reads it again
        })
    };
    let on_drop = {
        let (load, dragging) = (load.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            load(file_list(e.data_transfer().and_then(|d| d.files())));
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_sample = {
        let load = load.clone();
        Callback::from(move |_: MouseEvent| {
            // Two synthetic files: a Dutch web shop's order export and period counts.
            let counts = crate::synth::period_counts_csv(2024, 24);
            let log = crate::synth::sample_log();
            let files = [("sample-orders.csv", log), ("sample-period-counts.csv", counts)];
            load(files.iter().filter_map(|(name, text)| browser::file_from_text(name, text)).collect());
        })
    };
    let on_paste = {
        let (load, paste) = (load.clone(), paste.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = paste.cast::<web_sys::HtmlTextAreaElement>() else { return };
            let text = area.value();
            if !text.trim().is_empty() {
                load(browser::file_from_text("pasted.tsv", &text).into_iter().collect());
            }
        })
    };
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());

    let status = props.status;
    let p = props.progress;
    // Figures computed again for new settings: the files are read, nothing to cancel,
    // and the card keeps its height (a page that shifts is laid out and painted anew).
    let recomputing = props.recomputing;
    let status_text = match status {
        Status::Idle => t.status_idle.to_string(),
        Status::Computing if recomputing => t.analysis.recomputing.to_string(),
        Status::Reading | Status::Computing => {
            let mut s = t.status_working.to_string();
            if p.total > 0 {
                s.push(' ');
                s.push_str(&(t.progress_detail)(p.percent(), p.rows, p.mb_per_s(), lang));
            }
            s
        }
        Status::Ready => t.status_ready.to_string(),
        Status::Error => t.status_error.to_string(),
    };
    let progress = props.percent;

    html! {
        <section class="card loader" aria-labelledby="load-heading">
            <h2 id="load-heading">{ t.load_heading }</h2>
            <div data-testid="drop-zone"
                class={classes!("drop-zone", dragging.then_some("dragging"))}
                ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                <p class="drop-hint">{ t.drop_hint }</p>
                <label class="button secondary file-button">
                    { t.choose_files }
                    <input type="file" multiple=true accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
                        data-testid="file-input" class="visually-hidden" onchange={on_change} />
                </label>
                <button type="button" class="button" data-testid="load-sample" onclick={on_sample}>
                    { t.load_sample }
                </button>
            </div>
            <p class="hint">{ t.accepted_hint }</p>
            <details class="paste">
                <summary>{ t.paste_heading }</summary>
                <textarea ref={paste} rows="5" data-testid="paste-input" placeholder={t.paste_placeholder}
                    aria-label={t.paste_heading} />
                <button type="button" class="button secondary" data-testid="paste-load" onclick={on_paste}>
                    { t.paste_button }
                </button>
            </details>
            <div data-testid="status" class={classes!("status", status.key())} data-state={status.key()}
                data-progress={progress.map(|p| p.to_string())} role="status" aria-live="polite">
                <span>{ status_text }</span>
                if let Some(p) = progress.filter(|_| !recomputing) {
                    <progress max="100" value={p.to_string()}></progress>
                    <button type="button" class="button small secondary" data-testid="cancel" onclick={on_cancel}>
                        { t.cancel }
                    </button>
                }
            </div>
            if props.files.failures().next().is_some() {
                <div data-testid="error" class="file-errors" role="alert">
                    { for props.files.failures().map(|(name, e)| html! {
                        <p><strong>{ (t.file_error_title)(name) }</strong>{ ": " }{ match e {
                            Failure::File(e) => t.file_error(e),
                            Failure::Worker(e) => t.worker_error(e),
                        } }</p>
                    }) }
                </div>
            }
        </section>
    }
}
