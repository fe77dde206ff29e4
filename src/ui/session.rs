//! A load of files: the worker that reads them and the `File`s themselves (kept so
//! that they can be read again with other settings from the column panel).

use super::browser;
use super::worker_client::Conn;
use crate::ingest::{FileError, FileErrorKind, ReadSettings};
use crate::metrics::analysis::AnalysisSettings;
use crate::metrics::lifetime::{ModelKind, TableQuery, ValuationSettings};
use crate::metrics::rfm::Segment;
use crate::protocol::{self as p, WorkerError};
use crate::report::{apply_saved, mapping_key, Content};
use crate::state::{Action, AppState, Failure, FileEntry, LifetimeAction, Progress};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The worker is started with the page, before any file arrives, so that reading a
/// file makes no request at all; a new one is started only if it stopped.
pub struct Session {
    conn: RefCell<Option<Rc<Conn>>>,
    files: RefCell<Vec<web_sys::File>>,
    /// The id of the newest load: an older load stops at its next file.
    current: Cell<u64>,
    /// The user cancelled the current load: no further file is read.
    cancelled: Cell<bool>,
    /// Increases with every round of lifetime-value fits: an older round stops.
    fits: Cell<u64>,
}

impl Session {
    pub fn new() -> Session {
        Session {
            conn: RefCell::new(Conn::open().ok()),
            files: RefCell::default(),
            current: Cell::new(0),
            cancelled: Cell::new(false),
            fits: Cell::new(0),
        }
    }

    /// The worker, started anew if it is not running.
    fn conn(&self) -> Result<Rc<Conn>, WorkerError> {
        let mut slot = self.conn.borrow_mut();
        match slot.as_ref() {
            Some(c) if !c.is_broken() => Ok(c.clone()),
            _ => {
                let c = Conn::open()?;
                *slot = Some(c.clone());
                Ok(c)
            }
        }
    }
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

fn remember_settings(settings: &ReadSettings) {
    if let Ok(json) = serde_json::to_string(settings) {
        browser::save_setting(&mapping_key(settings), &json);
    }
}

impl Session {
    /// Reads `files` (replacing whatever was shown).
    pub fn load(self: &Rc<Self>, state: UseReducerHandle<AppState>, files: Vec<web_sys::File>) {
        *self.files.borrow_mut() = files;
        let overrides = state.overrides.clone();
        self.reload(state, overrides);
    }

    /// Adds `file` to the current files (in place of one with the same name) and reads
    /// them again: spend typed into the page joins the log like a dropped spend file.
    pub fn put_file(self: &Rc<Self>, state: UseReducerHandle<AppState>, file: web_sys::File) {
        {
            let mut files = self.files.borrow_mut();
            let name = file.name();
            match files.iter().position(|f| f.name() == name) {
                Some(i) => files[i] = file,
                None => files.push(file),
            }
        }
        let overrides = state.overrides.clone();
        self.reload(state, overrides);
    }

    /// Reads the current files again with `settings` for file `name` (the user
    /// changed how to read it in the column panel): remembered in this browser for
    /// files with the same header, and kept for this page in the reducer.
    pub fn reread(self: &Rc<Self>, state: UseReducerHandle<AppState>, name: String, settings: ReadSettings) {
        remember_settings(&settings);
        // The handle shows the state before the change: the reducer's answer goes along
        // (a copy is cheap: files and figures are shared).
        let set = || Action::SetOverride { name: name.clone(), settings: settings.clone() };
        let overrides = AppState::clone(&state).reduce(set()).overrides;
        state.dispatch(set());
        self.reload(state, overrides);
    }

    /// Reads the current files again, with `overrides` for the files the user set up.
    fn reload(self: &Rc<Self>, state: UseReducerHandle<AppState>, overrides: Vec<(String, ReadSettings)>) {
        let files = self.files.borrow().clone();
        if files.is_empty() {
            return;
        }
        let id = self.current.get() + 1;
        self.current.set(id);
        self.cancelled.set(false);
        state.dispatch(Action::LoadStarted { id, files: files.len() });
        let conn = match self.conn() {
            Ok(c) => c,
            Err(error) => {
                for f in &files {
                    let entry = FileEntry { name: f.name(), detection: None, result: Err(error.clone().into()) };
                    state.dispatch(Action::FileDone { id, entry: Box::new(entry) });
                }
                state.dispatch(Action::LoadFinished { id });
                return;
            }
        };
        // A load still under way stops: its current read is cancelled, and it reads no further file.
        conn.cancel_read();
        // No setting can change while files load (their figures are not shown yet).
        let settings = state.settings.clone();
        let valuation = state.lifetime.settings.clone();
        let session = self.clone();
        spawn_local(async move {
            // A worker that stopped shows in the first file's answer.
            let _ = conn.request(p::Reset, None).await;
            let total_files = files.len();
            let (mut has_log, mut has_summary, mut has_subscriptions) = (false, false, false);
            for (i, file) in files.iter().enumerate() {
                if session.current.get() != id {
                    return;
                }
                if session.cancelled.get() {
                    let entry = cancelled_entry(&file.name());
                    state.dispatch(Action::FileDone { id, entry: Box::new(entry) });
                    break;
                }
                let name = file.name();
                let started = browser::now_ms();
                let progress_state = state.clone();
                conn.on_progress(move |p| {
                    let elapsed_ms = browser::now_ms() - started;
                    let (bytes, total, rows) = (p.bytes, p.total, p.rows);
                    let progress = Progress { files_done: i, files_total: total_files, bytes, total, rows, elapsed_ms };
                    progress_state.dispatch(Action::LoadProgress { id, progress });
                });
                let entry = read_one(&conn, file, &name, &overrides, &session.cancelled).await;
                has_log |= matches!(&entry.result, Ok(r) if matches!(r.content, Content::Transactions(_)));
                has_summary |= matches!(&entry.result, Ok(r) if matches!(r.content, Content::CustomerSummary { .. }));
                has_subscriptions |=
                    matches!(&entry.result, Ok(r) if matches!(r.content, Content::Subscriptions { .. }));
                state.dispatch(Action::FileDone { id, entry: Box::new(entry) });
            }
            state.dispatch(Action::LoadFinished { id });
            browser::mark("rc:read-done");
            if has_log && session.current.get() == id {
                let value = (valuation.margin_pct, valuation.discount_pct);
                session.request_analysis(&conn, state.clone(), id, settings, value).await;
            }
            // The models after the retention figures are on screen (`ready` does not wait).
            if has_subscriptions && session.current.get() == id {
                session.fetch_subscriptions(&conn, &state, id, valuation.clone()).await;
            }
            if (has_log || has_summary) && session.current.get() == id {
                session.run_fits(&conn, state, id, valuation).await;
            }
        });
    }

    /// Computes the figures of the loaded log again with `settings` (the file is not
    /// read again: the worker keeps its per-customer data).
    fn analyse(self: &Rc<Self>, state: UseReducerHandle<AppState>, settings: AnalysisSettings) {
        if !state.has_log() {
            return;
        }
        let Ok(conn) = self.conn() else { return };
        let (session, id) = (self.clone(), state.load_id);
        let v = &state.lifetime.settings;
        let value = (v.margin_pct, v.discount_pct);
        spawn_local(async move { session.request_analysis(&conn, state, id, settings, value).await });
    }

    async fn request_analysis(
        &self,
        conn: &Conn,
        state: UseReducerHandle<AppState>,
        id: u64,
        settings: AnalysisSettings,
        value: (f64, f64),
    ) {
        // A worker that stopped leaves the figures out; the next load starts a new one.
        let (margin_pct, discount_pct) = value;
        let request = p::Analyse { settings: settings.clone(), margin_pct, discount_pct };
        let analysis = conn.request(request, None).await.unwrap_or(None);
        browser::mark("rc:analysis-done");
        // Only the newest request's answer is shown, and what the worker applied becomes
        // the current settings (the reducer checks and does both).
        state.dispatch(Action::AnalysisDone { id, requested: settings, analysis });
    }

    /// Computes the figures again for `settings` (new analysis settings the user chose;
    /// the reducer, which owns them, gets them next).
    pub fn change_settings(self: &Rc<Self>, state: UseReducerHandle<AppState>, settings: AnalysisSettings) {
        // The request first: the worker computes while the page shows the change.
        self.analyse(state.clone(), settings.clone());
        state.dispatch(Action::SetSettings(settings));
    }

    /// Fits the lifetime-value models for `settings` one after the other (the worker
    /// gives a fit it made for the same time unit and calibration end at once), each
    /// shown as it ends, then their figures and the first pages of the tables.
    async fn run_fits(&self, conn: &Conn, state: UseReducerHandle<AppState>, id: u64, settings: ValuationSettings) {
        let round = self.fits.get() + 1;
        self.fits.set(round);
        let current = || self.current.get() == id && self.fits.get() == round;
        state.dispatch(Action::Lifetime(LifetimeAction::Started(settings.clone())));
        // BG/NBD and Gamma-Gamma first, then their figures (CLV, P(alive), the table);
        // then Pareto/NBD and MBG/NBD, and the figures again with the comparison.
        for (i, models) in [&ModelKind::FIRST[..], &ModelKind::ALL[2..]].into_iter().enumerate() {
            for &model in models {
                let Ok(Some(answer)) = conn.request(p::FitModel { settings: settings.clone(), model }, None).await
                else {
                    break;
                };
                if !current() {
                    return;
                }
                let answer = Box::new(answer);
                state.dispatch(Action::Lifetime(LifetimeAction::ModelDone { settings: settings.clone(), answer }));
            }
            let valuation = conn.request(p::Value { settings: settings.clone() }, None).await.unwrap_or(None);
            if !current() {
                return;
            }
            let last = i == 1;
            if last {
                browser::mark("rc:fits-done");
            } else {
                browser::mark("rc:first-figures");
            }
            let has_valuation = valuation.is_some();
            let settings = settings.clone();
            state.dispatch(Action::Lifetime(LifetimeAction::ValuationDone { settings, valuation, last }));
            if has_valuation && !last {
                for lapsed_only in [false, true] {
                    let query =
                        TableQuery { lapsed_only, descending: true, limit: TABLE_PAGE, ..TableQuery::default() };
                    self.fetch_page(conn, &state, id, query).await;
                }
            }
        }
    }

    async fn fetch_subscriptions(
        &self,
        conn: &Conn,
        state: &UseReducerHandle<AppState>,
        id: u64,
        settings: ValuationSettings,
    ) {
        let request = p::Subscriptions { unit: settings.time_unit, discount_pct: settings.discount_pct };
        if let Ok(figures) = conn.request(request, None).await {
            if self.current.get() == id {
                state.dispatch(Action::Lifetime(LifetimeAction::SubscriptionsDone { settings, figures }));
            }
        }
    }

    async fn fetch_page(&self, conn: &Conn, state: &UseReducerHandle<AppState>, id: u64, query: TableQuery) {
        if let Ok(page) = conn.request(p::CustomerPage { query: query.clone() }, None).await {
            if self.current.get() == id {
                state.dispatch(Action::Lifetime(LifetimeAction::PageDone { query, page: Box::new(page) }));
            }
        }
    }

    /// The user changed a lifetime-value setting: what it changes is computed again
    /// (a new time unit or calibration end refits; horizon, margin and discount only
    /// predict again).
    pub fn change_valuation(self: &Rc<Self>, state: UseReducerHandle<AppState>, settings: ValuationSettings) {
        state.dispatch(Action::Lifetime(LifetimeAction::SetSettings(settings.clone())));
        let Ok(conn) = self.conn() else { return };
        let (session, id) = (self.clone(), state.load_id);
        let (models, subscriptions) = (state.files.has_models(), state.files.has_subscriptions());
        // LTV:CAC and payback follow the margin and discount.
        let spend = state.files.has_spend() && state.has_log();
        let analysis = state.settings.clone();
        spawn_local(async move {
            if spend {
                let value = (settings.margin_pct, settings.discount_pct);
                session.request_analysis(&conn, state.clone(), id, analysis, value).await;
            }
            if subscriptions {
                session.fetch_subscriptions(&conn, &state, id, settings.clone()).await;
            }
            if models {
                session.run_fits(&conn, state, id, settings).await;
            }
        });
    }

    /// Asks for another page of the customer table or the activation list.
    pub fn customer_page(self: &Rc<Self>, state: UseReducerHandle<AppState>, query: TableQuery) {
        let Ok(conn) = self.conn() else { return };
        let (session, id) = (self.clone(), state.load_id);
        spawn_local(async move { session.fetch_page(&conn, &state, id, query).await });
    }

    /// Downloads the customer table or the activation list (all its rows).
    pub fn export_customers(&self, query: TableQuery) {
        let Some(conn) = self.conn.borrow().clone() else { return };
        spawn_local(async move {
            let name = if query.lapsed_only { "activation-list.csv" } else { "customers-clv.csv" };
            if let Ok(csv) = conn.request(p::ExportCustomers { query }, None).await {
                browser::download(name, "text/csv;charset=utf-8", &csv);
            }
        });
    }

    /// Downloads the customers of one RFM segment.
    pub fn export_segment(&self, segment: Segment) {
        let Some(conn) = self.conn.borrow().clone() else { return };
        spawn_local(async move {
            if let Ok(csv) = conn.request(p::ExportSegment { segment }, None).await {
                browser::download(&format!("segment-{}.csv", segment.key()), "text/csv;charset=utf-8", &csv);
            }
        });
    }

    /// Stops reading; the file under way is reported as cancelled.
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(conn) = self.conn.borrow().as_ref() {
            conn.cancel_read();
        }
    }

    /// Downloads every skipped row of the current files (the worker holds them all).
    pub fn export_errors(&self, lang: crate::i18n::Lang) {
        let Some(conn) = self.conn.borrow().clone() else { return };
        spawn_local(async move {
            if let Ok(csv) = conn.request(p::ExportErrors { lang }, None).await {
                browser::download("rows-skipped.csv", "text/csv;charset=utf-8", &csv);
            }
        });
    }
}

/// Rows of the customer table asked for at a time.
pub const TABLE_PAGE: usize = 120;

fn cancelled_entry(name: &str) -> FileEntry {
    FileEntry {
        name: name.to_string(),
        detection: None,
        result: Err(Failure::File(FileError::new(FileErrorKind::Cancelled))),
    }
}

async fn read_one(
    conn: &Conn,
    file: &web_sys::File,
    name: &str,
    overrides: &[(String, ReadSettings)],
    cancelled: &Cell<bool>,
) -> FileEntry {
    let failed = |e: Failure| FileEntry { name: name.to_string(), detection: None, result: Err(e) };
    let detection = match Failure::from_answer(conn.request(p::Detect, Some(file)).await) {
        Ok(d) => d,
        Err(e) => return failed(e),
    };
    // Cancelled while the start of the file was examined: do not read the rest.
    if cancelled.get() {
        return cancelled_entry(name);
    }
    let settings = overrides
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, s)| s.clone())
        .or_else(|| saved_settings(&detection.settings))
        .unwrap_or_else(|| detection.settings.clone());
    let workers = crate::state::query_param(&super::browser::query(), "workers").and_then(|w| w.parse().ok());
    let result = Failure::from_answer(conn.request(p::Read { settings, workers }, Some(file)).await);
    FileEntry { name: name.to_string(), detection: Some(detection), result }
}
