//! Getting data in: the drop zone, the file picker, the sample button and the status.

use super::browser;
use crate::ingest::{read_file, FileError, FileErrorKind};
use crate::state::{Action, AppState, Status};
use std::cell::Cell;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LoaderProps {
    pub state: UseReducerHandle<AppState>,
}

/// Reads the files one after the other and reports progress; the state ignores the
/// results if a newer load has started meanwhile.
fn load_files(state: UseReducerHandle<AppState>, id: u64, files: Vec<web_sys::File>) {
    state.dispatch(Action::LoadStarted { id });
    spawn_local(async move {
        let total = files.len().max(1);
        let mut results = Vec::with_capacity(files.len());
        for (i, file) in files.iter().enumerate() {
            let name = file.name();
            let result = match browser::read_bytes(file).await {
                Ok(bytes) => read_file(&name, &bytes),
                Err(_) => Err(FileError::new(FileErrorKind::Unreadable)),
            };
            results.push((name, result));
            state.dispatch(Action::LoadProgress { id, percent: ((i + 1) * 100 / total) as u8 });
        }
        state.dispatch(Action::LoadFinished { id, results });
    });
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}

#[function_component(Loader)]
pub fn loader(props: &LoaderProps) -> Html {
    let state = props.state.clone();
    let t = state.lang.texts();
    let next_id = use_mut_ref(|| Cell::new(0u64));
    let dragging = use_state(|| false);
    let new_id = {
        let next_id = next_id.clone();
        Rc::new(move || {
            let id = next_id.borrow().get() + 1;
            next_id.borrow().set(id);
            id
        })
    };

    let on_change = {
        let (state, new_id) = (state.clone(), new_id.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let files = file_list(input.files());
            if !files.is_empty() {
                load_files(state.clone(), new_id(), files);
            }
            input.set_value(""); // choosing the same file again loads it again
        })
    };
    let on_drop = {
        let (state, new_id, dragging) = (state.clone(), new_id.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let files = file_list(e.data_transfer().and_then(|d| d.files()));
            if !files.is_empty() {
                load_files(state.clone(), new_id(), files);
            }
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
        let (state, new_id) = (state.clone(), new_id.clone());
        Callback::from(move |_: MouseEvent| {
            let id = new_id();
            state.dispatch(Action::LoadStarted { id });
            let name = "sample-period-counts.csv";
            let csv = crate::synth::period_counts_csv(2024, 24);
            let result = read_file(name, csv.as_bytes());
            state.dispatch(Action::LoadFinished { id, results: vec![(name.to_string(), result)] });
        })
    };

    let status = state.status;
    let (status_text, progress) = match status {
        Status::Idle => (t.status_idle, None),
        Status::Working(p) => (t.status_working, Some(p)),
        Status::Ready => (t.status_ready, None),
        Status::Error => (t.status_error, None),
    };

    html! {
        <section class="card loader" aria-labelledby="load-heading">
            <h2 id="load-heading">{ t.load_heading }</h2>
            <div data-testid="drop-zone"
                class={classes!("drop-zone", dragging.then_some("dragging"))}
                ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                <p class="drop-hint">{ t.drop_hint }</p>
                <label class="button secondary file-button">
                    { t.choose_files }
                    <input type="file" multiple=true accept=".csv,.tsv,.txt,text/csv,text/plain"
                        data-testid="file-input" class="visually-hidden" onchange={on_change} />
                </label>
                <button type="button" class="button" data-testid="load-sample" onclick={on_sample}>
                    { t.load_sample }
                </button>
            </div>
            <p class="hint">{ t.accepted_hint }</p>
            <div data-testid="status" class={classes!("status", status.key())} data-state={status.key()}
                data-progress={progress.map(|p| p.to_string())} role="status" aria-live="polite">
                <span>{ status_text }</span>
                if let Some(p) = progress {
                    <progress max="100" value={p.to_string()}></progress>
                }
            </div>
            if !state.failures.is_empty() {
                <div data-testid="error" class="file-errors" role="alert">
                    { for state.failures.iter().map(|(name, e)| html! {
                        <p><strong>{ (t.file_error_title)(name) }</strong>{ ": " }{ t.file_error(e) }</p>
                    }) }
                </div>
            }
        </section>
    }
}
