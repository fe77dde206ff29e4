//! The app's state and every change to it, as one pure reducer (the UI wraps it in
//! Yew's `Reducible`). Tested natively: no DOM in here.

mod files;
mod lifetime;
mod manual;
mod query;

pub use files::{Failure, FileEntry, Files};
pub use lifetime::{FitState, Lifetime, LifetimeAction};
pub use manual::{ManualField, ManualInputs, ManualResult};
pub use query::{
    currency_from_query, lang_from_query, query_param, settings_from_query, valuation_from_query, MAX_HORIZON,
};

use crate::currency::Currency;
use crate::i18n::Lang;
use crate::ingest::ReadSettings;
use crate::metrics::analysis::{Analysis, AnalysisSettings};
use std::rc::Rc;

/// What the page is doing, as `[data-testid=status][data-state]` shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    Idle,
    /// Reading files; how far is [`AppState::progress`].
    Reading,
    /// The files are read; the worker computes the figures of a transaction log (for
    /// new settings, the old figures stay in view meanwhile).
    Computing,
    /// Every figure on screen belongs to the files now loaded.
    Ready,
    /// None of the files now loaded could be used.
    Error,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Reading | Status::Computing => "working",
            Status::Ready => "ready",
            Status::Error => "error",
        }
    }
}

/// How far a load is.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Progress {
    /// Files finished before the current one, and how many there are.
    pub files_done: usize,
    pub files_total: usize,
    /// Of the current file.
    pub bytes: u64,
    pub total: u64,
    /// Data rows read in the current file.
    pub rows: u64,
    /// Since the current file started.
    pub elapsed_ms: f64,
}

impl Progress {
    /// 0..=100 over all files of the load.
    pub fn percent(&self) -> u8 {
        if self.files_total == 0 {
            return 0;
        }
        let current = if self.total > 0 { self.bytes as f64 / self.total as f64 } else { 0.0 };
        let done = (self.files_done as f64 + current.min(1.0)) / self.files_total as f64;
        (done * 100.0).floor().clamp(0.0, 100.0) as u8
    }

    /// Megabytes (10^6 bytes) per second in the current file.
    pub fn mb_per_s(&self) -> Option<f64> {
        (self.elapsed_ms > 0.0).then(|| self.bytes as f64 / 1e6 / (self.elapsed_ms / 1000.0))
    }
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AppState {
    pub lang: Lang,
    /// The currency the user chose (on the page or in the URL); `None`: the one the
    /// files' amounts name, else euro ([`AppState::currency`]).
    pub chosen_currency: Option<Currency>,
    pub status: Status,
    pub progress: Progress,
    /// Increases with every load, so that results of an older load are ignored.
    pub load_id: u64,
    /// The files of the current load, in the order they were given.
    pub files: Files,
    /// Settings the user chose in the column panel, by file name; used when the same
    /// files are read again.
    pub overrides: Vec<(String, ReadSettings)>,
    /// Granularity, window and segment column of the analysis (mirrored in the URL).
    pub settings: AnalysisSettings,
    /// The figures of the transaction log, for `settings`.
    pub analysis: Option<Rc<Analysis>>,
    /// The lifetime-value models: their settings, fits and figures.
    pub lifetime: Lifetime,
    /// The figures shown came from a snapshot link (read-only: no file behind them).
    pub snapshot: bool,
}

pub enum Action {
    SetLang(Lang),
    SetCurrency(Currency),
    /// New files were dropped or chosen: what was shown no longer applies.
    LoadStarted {
        id: u64,
        files: usize,
    },
    LoadProgress {
        id: u64,
        progress: Progress,
    },
    /// One file of the load is read (or could not be).
    FileDone {
        id: u64,
        entry: Box<FileEntry>,
    },
    /// Every file of the load is done.
    LoadFinished {
        id: u64,
    },
    /// The user changed how a file is to be read (it is then read again).
    SetOverride {
        name: String,
        settings: ReadSettings,
    },
    /// The user changed a setting of the analysis: its figures are computed again.
    SetSettings(AnalysisSettings),
    /// The worker computed the figures of load `id` for the `requested` settings
    /// (`None`: there is no log). The analysis carries the settings it applied (a
    /// segment column the log does not have is dropped).
    AnalysisDone {
        id: u64,
        requested: AnalysisSettings,
        analysis: Option<Box<Analysis>>,
    },
    /// A snapshot link was opened: its figures are shown, read-only.
    OpenSnapshot(Box<Analysis>),
    /// About the lifetime-value models (of the current load: the session asks the
    /// worker only for it, and a new load clears them).
    Lifetime(LifetimeAction),
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        AppState { lang, ..Default::default() }
    }

    /// The currency amounts are shown in: the one chosen, else the one the amounts of
    /// the loaded files name by sign or code (`€ 12,50`, `$4.99`, `10 GBP`), else euro.
    pub fn currency(&self) -> Currency {
        self.chosen_currency
            .or_else(|| {
                self.files.iter().filter_map(|f| f.detection.as_ref()).find_map(crate::ingest::detect::currency_of)
            })
            .unwrap_or_default()
    }

    /// The state after `action`.
    pub fn reduce(mut self, action: Action) -> Self {
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::SetCurrency(c) => self.chosen_currency = Some(c),
            Action::OpenSnapshot(analysis) => {
                self.settings = analysis.settings.clone();
                self.analysis = Some(Rc::new(*analysis));
                self.snapshot = true;
                self.status = Status::Ready;
            }
            Action::LoadStarted { id, files } => {
                self.snapshot = false;
                self.load_id = id;
                self.status = Status::Reading;
                self.progress = Progress { files_total: files, ..Progress::default() };
                self.files.clear();
                self.analysis = None;
                self.lifetime = std::mem::take(&mut self.lifetime).reduce(LifetimeAction::Clear);
            }
            Action::LoadProgress { id, progress } if id == self.load_id => {
                if self.status == Status::Reading {
                    self.progress = progress;
                }
            }
            Action::FileDone { id, entry } if id == self.load_id => self.files.push(*entry),
            Action::LoadFinished { id } if id == self.load_id => {
                self.status = if self.has_log() { Status::Computing } else { self.settled() };
            }
            // An answer for settings since changed is dropped: the newer one is on its way.
            Action::AnalysisDone { id, requested, analysis } if id == self.load_id && requested == self.settings => {
                if let Some(a) = &analysis {
                    self.settings = a.settings.clone();
                }
                self.analysis = analysis.map(|a| Rc::new(*a));
                self.status = self.settled();
            }
            Action::LoadProgress { .. }
            | Action::FileDone { .. }
            | Action::LoadFinished { .. }
            | Action::AnalysisDone { .. } => {}
            Action::SetSettings(settings) => {
                if settings != self.settings && self.has_log() && self.status == Status::Ready {
                    self.status = Status::Computing;
                }
                self.settings = settings;
            }
            Action::Lifetime(action) => self.lifetime = std::mem::take(&mut self.lifetime).reduce(action),
            Action::SetOverride { name, settings } => {
                self.overrides.retain(|(n, _)| *n != name);
                self.overrides.push((name, settings));
            }
        }
        self
    }

    /// Ready, or Error when none of the files could be used.
    fn settled(&self) -> Status {
        if self.files.reports().next().is_some() {
            Status::Ready
        } else {
            Status::Error
        }
    }

    /// Whether the figures on screen are being computed again for new settings (the
    /// files are read; the old figures stay in view meanwhile).
    pub fn recomputing(&self) -> bool {
        self.status == Status::Computing && self.analysis.is_some()
    }

    /// `data-progress` while working: how much of the files is read (all of it while
    /// the figures are computed); `None` otherwise.
    pub fn percent(&self) -> Option<u8> {
        match self.status {
            Status::Reading => Some(self.progress.percent()),
            Status::Computing => Some(100),
            Status::Idle | Status::Ready | Status::Error => None,
        }
    }

    /// Whether a transaction log was read (its figures come from the worker).
    pub fn has_log(&self) -> bool {
        self.files.has_log()
    }

    /// The settings the user chose for a file, if any.
    pub fn override_for(&self, name: &str) -> Option<&ReadSettings> {
        self.overrides.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_file;
    use crate::report::FileReport;

    fn entry(name: &str, bytes: &[u8]) -> FileEntry {
        FileEntry {
            name: name.to_string(),
            detection: None,
            result: read_file(name, bytes).map(|f| FileReport::of(&f)).map_err(Failure::File),
        }
    }

    fn load(state: AppState, id: u64, entries: Vec<FileEntry>) -> AppState {
        let mut s = state.reduce(Action::LoadStarted { id, files: entries.len() });
        for entry in entries {
            s = s.reduce(Action::FileDone { id, entry: Box::new(entry) });
        }
        s.reduce(Action::LoadFinished { id })
    }

    fn log_entry() -> FileEntry {
        entry("orders.csv", b"customer,date,amount\na,2024-01-05,10\nb,2024-02-01,20\n")
    }

    fn analysis_for(settings: &AnalysisSettings) -> Box<Analysis> {
        let f = read_file("orders.csv", b"customer,date,amount\na,2024-01-05,10\nb,2024-02-01,20\n").unwrap();
        let crate::ingest::Dataset::Transactions(log) = &f.dataset else { panic!() };
        Box::new(Analysis::of("orders.csv", log, None, settings))
    }

    #[test]
    fn a_log_is_ready_once_its_figures_are_computed() {
        let s = load(AppState::default(), 1, vec![log_entry()]);
        assert!(s.has_log());
        assert_eq!(s.status, Status::Computing, "the figures are still being computed");
        assert_eq!(s.percent(), Some(100));
        let s = s.reduce(Action::AnalysisDone {
            id: 1,
            requested: AnalysisSettings::default(),
            analysis: Some(analysis_for(&AnalysisSettings::default())),
        });
        assert_eq!(s.status, Status::Ready);
        assert_eq!(s.analysis.as_ref().unwrap().summary.totals.customers_total, 2);
    }

    #[test]
    fn changing_a_setting_waits_for_the_figures_of_the_new_setting() {
        use crate::calendar::Granularity;
        let s = load(AppState::default(), 1, vec![log_entry()]).reduce(Action::AnalysisDone {
            id: 1,
            requested: AnalysisSettings::default(),
            analysis: Some(analysis_for(&AnalysisSettings::default())),
        });
        let week = AnalysisSettings { granularity: Granularity::Week, ..AnalysisSettings::default() };
        assert!(!s.recomputing());
        let s = s.reduce(Action::SetSettings(week.clone()));
        assert_eq!((s.status, s.percent()), (Status::Computing, Some(100)));
        assert!(s.recomputing(), "the old figures stay while the new ones are computed");
        // A late answer for the old settings does not make the page ready.
        let s = s.reduce(Action::AnalysisDone {
            id: 1,
            requested: AnalysisSettings::default(),
            analysis: Some(analysis_for(&AnalysisSettings::default())),
        });
        assert_eq!((s.status, s.percent()), (Status::Computing, Some(100)));
        assert_eq!(s.analysis.as_ref().unwrap().settings.granularity, Granularity::Month);
        let s = s.reduce(Action::AnalysisDone { id: 1, requested: week.clone(), analysis: Some(analysis_for(&week)) });
        assert_eq!(s.status, Status::Ready);
        assert_eq!(s.analysis.as_ref().unwrap().settings, week);
        // An answer for an older load is ignored, and a new load forgets the figures.
        let s = s.reduce(Action::LoadStarted { id: 2, files: 1 });
        assert!(s.analysis.is_none());
        let s = s.reduce(Action::AnalysisDone { id: 1, requested: week.clone(), analysis: Some(analysis_for(&week)) });
        assert!(s.analysis.is_none());
    }

    #[test]
    fn a_segment_column_the_log_does_not_have_is_dropped() {
        let asked = AnalysisSettings { segment_by: Some("nonexistent".into()), ..AnalysisSettings::default() };
        let s = load(AppState { settings: asked.clone(), ..AppState::default() }, 1, vec![log_entry()]);
        let s =
            s.reduce(Action::AnalysisDone { id: 1, requested: asked.clone(), analysis: Some(analysis_for(&asked)) });
        assert_eq!(s.status, Status::Ready);
        assert_eq!(s.settings, AnalysisSettings::default());
    }

    #[test]
    fn settings_from_the_url() {
        use crate::calendar::Granularity;
        let s = settings_from_query("?granularity=quarter&window_days=30&segment=loyalty%20member");
        assert_eq!(s.granularity, Granularity::Quarter);
        assert_eq!(s.window_days, 30);
        assert_eq!(s.segment_by.as_deref(), Some("loyalty member"));
        assert_eq!(settings_from_query("?segment=Kanaal+online").segment_by.as_deref(), Some("Kanaal online"));
        // Not understood: the defaults.
        let s = settings_from_query("?granularity=decade&window_days=-3&segment=");
        assert_eq!(s, AnalysisSettings::default());
        assert_eq!(settings_from_query("?window_days=0").window_days, 90);
        assert_eq!(query_param("?a=%zz%4", "a").as_deref(), Some("%zz%4"));
    }

    #[test]
    fn a_load_replaces_what_was_shown() {
        let s = load(AppState::new(Lang::Nl), 1, vec![entry("a.csv", b"p,s,e,n\n2024-01,10,9,1\n")]);
        assert_eq!(s.status, Status::Ready);
        assert_eq!(s.files.reports().count(), 1);
        let s = s.reduce(Action::LoadStarted { id: 2, files: 1 });
        assert_eq!((s.status, s.percent()), (Status::Reading, Some(0)));
        assert!(s.files.is_empty(), "figures of the old files are gone while the new ones load");
        let s = s
            .reduce(Action::FileDone { id: 2, entry: Box::new(entry("leeg.csv", b"")) })
            .reduce(Action::LoadFinished { id: 2 });
        assert_eq!(s.status, Status::Error);
        assert_eq!(s.files.failures().count(), 1);
    }

    #[test]
    fn results_of_an_older_load_are_ignored() {
        let p = Progress { files_done: 0, files_total: 1, bytes: 50, total: 100, rows: 7, elapsed_ms: 10.0 };
        let s = AppState::default()
            .reduce(Action::LoadStarted { id: 1, files: 1 })
            .reduce(Action::LoadStarted { id: 2, files: 1 })
            .reduce(Action::LoadProgress { id: 1, progress: p })
            .reduce(Action::FileDone { id: 1, entry: Box::new(entry("old.csv", b"p,s,e,n\n2024-01,10,9,1\n")) })
            .reduce(Action::LoadFinished { id: 1 });
        assert_eq!((s.status, s.percent()), (Status::Reading, Some(0)));
        assert!(s.files.is_empty());
        let s = s.reduce(Action::LoadProgress { id: 2, progress: p });
        assert_eq!((s.status, s.percent()), (Status::Reading, Some(50)));
    }

    #[test]
    fn progress_over_several_files() {
        let p = Progress { files_done: 1, files_total: 2, bytes: 25, total: 100, rows: 0, elapsed_ms: 500.0 };
        // One file done and a quarter of the second: (1 + 0.25) / 2 = 62.5% -> 62.
        assert_eq!(p.percent(), 62);
        // 25 bytes in half a second: 0.00005 MB/s.
        assert_eq!(p.mb_per_s(), Some(25.0 / 1e6 / 0.5));
        assert_eq!(Progress::default().percent(), 0);
    }

    #[test]
    fn one_good_file_and_one_bad_file() {
        let s = load(
            AppState::default(),
            1,
            vec![entry("goed.csv", b"p;s;e;n\n2024-01;10;9;1\n2024-02;9;x;1\n"), entry("leeg.csv", b"")],
        );
        assert_eq!(s.status, Status::Ready);
        assert_eq!(s.files.rows_skipped(), 1);
        assert_eq!(s.files.failures().count(), 1);
        assert_eq!(s.files.row_errors().map(|(n, e)| (n, e.line)).collect::<Vec<_>>(), vec![("goed.csv", 3)]);
    }

    #[test]
    fn overrides_are_kept_per_file_name() {
        let f = read_file("a.csv", b"p,s,e,n\n2024-01,10,9,1\n").unwrap();
        let mut settings = f.settings.clone();
        settings.has_header = false;
        let s = AppState::default()
            .reduce(Action::SetOverride { name: "a.csv".into(), settings: f.settings.clone() })
            .reduce(Action::SetOverride { name: "a.csv".into(), settings: settings.clone() });
        assert_eq!(s.override_for("a.csv"), Some(&settings));
        assert_eq!(s.overrides.len(), 1);
        assert_eq!(s.override_for("b.csv"), None);
    }
}
