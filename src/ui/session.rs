//! A load of files: the worker that reads them and the `File`s themselves (kept so
//! that they can be read again with other settings from the column panel).

use super::browser;
use super::worker_client::Conn;
use crate::ingest::{FileError, FileErrorKind, ReadSettings};
use crate::protocol::{Reply, Request};
use crate::report::{apply_saved, mapping_key, FileEntry};
use crate::state::{Action, AppState, Progress};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Default)]
pub struct Session {
    conn: RefCell<Option<Rc<Conn>>>,
    files: RefCell<Vec<web_sys::File>>,
    next_id: Cell<u64>,
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Settings remembered in this browser for files with the same header.
fn saved_settings(detected: &ReadSettings) -> Option<ReadSettings> {
    let json = browser::load_setting(&mapping_key(detected))?;
    let saved: ReadSettings = serde_json::from_str(&json).ok()?;
    Some(apply_saved(detected, &saved))
}

pub fn remember_settings(settings: &ReadSettings) {
    if let Ok(json) = serde_json::to_string(settings) {
        browser::save_setting(&mapping_key(settings), &json);
    }
}

impl Session {
    /// Reads `files` (replacing whatever was shown).
    pub fn load(self: &Rc<Self>, state: UseReducerHandle<AppState>, files: Vec<web_sys::File>) {
        *self.files.borrow_mut() = files;
        self.reload(state);
    }

    /// Reads the current files again (after the user changed how to read one).
    pub fn reload(self: &Rc<Self>, state: UseReducerHandle<AppState>) {
        let files = self.files.borrow().clone();
        if files.is_empty() {
            return;
        }
        let id = self.next_id.get() + 1;
        self.next_id.set(id);
        if let Some(old) = self.conn.borrow_mut().take() {
            old.cancel();
        }
        state.dispatch(Action::LoadStarted { id, files: files.len() });
        let conn = match Conn::open() {
            Ok(c) => c,
            Err(message) => {
                let error = FileError::new(FileErrorKind::WorkerFailed { message });
                for f in &files {
                    let entry = FileEntry { name: f.name(), detection: None, result: Err(error.clone()) };
                    state.dispatch(Action::FileDone { id, entry: Box::new(entry) });
                }
                state.dispatch(Action::LoadFinished { id });
                return;
            }
        };
        *self.conn.borrow_mut() = Some(conn.clone());
        let overrides = state.overrides.clone();
        spawn_local(async move {
            conn.request(&Request::Reset, None).await;
            let total_files = files.len();
            for (i, file) in files.iter().enumerate() {
                let name = file.name();
                let started = browser::now_ms();
                let progress_state = state.clone();
                conn.on_progress(move |bytes, total, rows| {
                    let elapsed_ms = browser::now_ms() - started;
                    let progress = Progress { files_done: i, files_total: total_files, bytes, total, rows, elapsed_ms };
                    progress_state.dispatch(Action::LoadProgress { id, progress });
                });
                let entry = read_one(&conn, file, &name, &overrides).await;
                state.dispatch(Action::FileDone { id, entry: Box::new(entry) });
            }
            state.dispatch(Action::LoadFinished { id });
        });
    }

    /// Stops reading; the file under way is reported as cancelled.
    pub fn cancel(&self) {
        if let Some(conn) = self.conn.borrow().as_ref() {
            conn.cancel();
        }
    }

    /// Downloads every skipped row of the current files (the worker holds them all).
    pub fn export_errors(&self, lang: crate::i18n::Lang) {
        let Some(conn) = self.conn.borrow().clone() else { return };
        spawn_local(async move {
            if let Reply::ErrorsCsv(csv) = conn.request(&Request::ExportErrors { lang }, None).await {
                browser::download("rows-skipped.csv", "text/csv;charset=utf-8", &csv);
            }
        });
    }
}

async fn read_one(conn: &Conn, file: &web_sys::File, name: &str, overrides: &[(String, ReadSettings)]) -> FileEntry {
    let detection = match conn.request(&Request::Detect, Some(file)).await {
        Reply::Detected(d) => d,
        Reply::Failed(e) => return FileEntry { name: name.to_string(), detection: None, result: Err(e) },
        other => return unexpected(name, other),
    };
    let settings = overrides
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, s)| s.clone())
        .or_else(|| saved_settings(&detection.settings))
        .unwrap_or_else(|| detection.settings.clone());
    let result = match conn.request(&Request::Read { settings }, Some(file)).await {
        Reply::Done(report) => Ok(report),
        Reply::Failed(e) => Err(e),
        other => return unexpected(name, other),
    };
    FileEntry { name: name.to_string(), detection: Some(detection), result }
}

fn unexpected(name: &str, reply: Reply) -> FileEntry {
    let message = format!("unexpected answer {reply:?}");
    FileEntry {
        name: name.to_string(),
        detection: None,
        result: Err(FileError::new(FileErrorKind::WorkerFailed { message })),
    }
}
