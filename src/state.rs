//! The app's state and every change to it, as one pure reducer (the UI wraps it in
//! Yew's `Reducible`). Tested natively: no DOM in here.

use crate::i18n::Lang;
use crate::ingest::{FileError, ReadSettings, RowError};
use crate::metrics::retention::{checked_crr, CountsProblem};
use crate::report::{FileEntry, FileReport};

/// What the page is doing, as `[data-testid=status][data-state]` shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    Idle,
    /// Reading files; 0..=100 percent done.
    Working(u8),
    /// Every figure on screen belongs to the files now loaded.
    Ready,
    /// None of the files now loaded could be used.
    Error,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Working(_) => "working",
            Status::Ready => "ready",
            Status::Error => "error",
        }
    }
}

/// The three fields of the manual calculator, as typed.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ManualInputs {
    pub start: String,
    pub end: String,
    pub new: String,
}

/// Which manual field changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManualField {
    Start,
    End,
    New,
}

/// What the manual calculator shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ManualResult {
    /// Not all three numbers are there yet.
    Incomplete,
    /// A field holds something that is not a number.
    NotANumber(ManualField),
    Problem(CountsProblem),
    Rates {
        crr: f64,
        churn: f64,
    },
}

impl ManualInputs {
    /// CRR and churn for what is typed; numbers in either decimal convention.
    pub fn result(&self, lang: Lang) -> ManualResult {
        use crate::ingest::number::{DecimalMark, NumberStyle};
        // One decimal convention for the three fields together, as for a file's column.
        let fallback = NumberStyle { decimal: if lang == Lang::Nl { DecimalMark::Comma } else { DecimalMark::Point } };
        let style = NumberStyle::infer([self.start.as_str(), &self.end, &self.new]).unwrap_or(fallback);
        let parse = |text: &str| -> Option<Result<f64, ()>> {
            if text.trim().is_empty() {
                return None;
            }
            Some(style.parse(text).map(|n| n.value).map_err(|_| ()))
        };
        let fields = [
            (ManualField::Start, parse(&self.start)),
            (ManualField::End, parse(&self.end)),
            (ManualField::New, parse(&self.new)),
        ];
        let mut values = [0.0; 3];
        for (i, (field, parsed)) in fields.into_iter().enumerate() {
            match parsed {
                Some(Ok(v)) => values[i] = v,
                Some(Err(())) => return ManualResult::NotANumber(field),
                None => return ManualResult::Incomplete,
            }
        }
        match checked_crr(values[0], values[1], values[2]) {
            Ok(crr) => ManualResult::Rates { crr, churn: crate::metrics::retention::churn_from_crr(crr) },
            Err(p) => ManualResult::Problem(p),
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
    pub status: Status,
    pub progress: Progress,
    /// Increases with every load, so that results of an older load are ignored.
    pub load_id: u64,
    /// The files of the current load, in the order they were given.
    pub files: Vec<FileEntry>,
    /// Settings the user chose in the column panel, by file name; used when the same
    /// files are read again.
    pub overrides: Vec<(String, ReadSettings)>,
    pub manual: ManualInputs,
}

pub enum Action {
    SetLang(Lang),
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
    SetManual(ManualField, String),
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        AppState { lang, ..Default::default() }
    }

    /// The state after `action`.
    pub fn reduce(mut self, action: Action) -> Self {
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::LoadStarted { id, files } => {
                self.load_id = id;
                self.status = Status::Working(0);
                self.progress = Progress { files_total: files, ..Progress::default() };
                self.files.clear();
            }
            Action::LoadProgress { id, progress } if id == self.load_id => {
                if let Status::Working(_) = self.status {
                    self.progress = progress;
                    self.status = Status::Working(progress.percent());
                }
            }
            Action::FileDone { id, entry } if id == self.load_id => self.files.push(*entry),
            Action::LoadFinished { id } if id == self.load_id => {
                self.status = if self.reports().next().is_some() { Status::Ready } else { Status::Error };
            }
            Action::LoadProgress { .. } | Action::FileDone { .. } | Action::LoadFinished { .. } => {}
            Action::SetOverride { name, settings } => {
                self.overrides.retain(|(n, _)| *n != name);
                self.overrides.push((name, settings));
            }
            Action::SetManual(field, value) => match field {
                ManualField::Start => self.manual.start = value,
                ManualField::End => self.manual.end = value,
                ManualField::New => self.manual.new = value,
            },
        }
        self
    }

    /// The settings the user chose for a file, if any.
    pub fn override_for(&self, name: &str) -> Option<&ReadSettings> {
        self.overrides.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }

    /// The files that were read, with their names.
    pub fn reports(&self) -> impl Iterator<Item = (&str, &FileReport)> {
        self.files.iter().filter_map(|f| f.result.as_ref().ok().map(|r| (f.name.as_str(), r)))
    }

    /// The files that could not be used at all.
    pub fn failures(&self) -> impl Iterator<Item = (&str, &FileError)> {
        self.files.iter().filter_map(|f| f.result.as_ref().err().map(|e| (f.name.as_str(), e)))
    }

    /// The skipped rows the page lists (the download has all of them).
    pub fn row_errors(&self) -> impl Iterator<Item = (&str, &RowError)> {
        self.reports().flat_map(|(name, r)| r.errors.listed.iter().map(move |e| (name, e)))
    }

    /// `rows_skipped`: every skipped row of every file read.
    pub fn rows_skipped(&self) -> u64 {
        self.reports().map(|(_, r)| r.errors.total).sum()
    }
}

/// Settings read from and written to the URL query (`?language=nl`), so that a link
/// reproduces the view (never the data).
pub fn lang_from_query(query: &str) -> Option<Lang> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "language")
        .and_then(|(_, v)| Lang::from_key(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_file;

    fn entry(name: &str, bytes: &[u8]) -> FileEntry {
        FileEntry {
            name: name.to_string(),
            detection: None,
            result: read_file(name, bytes).map(|f| FileReport::of(&f)),
        }
    }

    fn load(state: AppState, id: u64, entries: Vec<FileEntry>) -> AppState {
        let mut s = state.reduce(Action::LoadStarted { id, files: entries.len() });
        for entry in entries {
            s = s.reduce(Action::FileDone { id, entry: Box::new(entry) });
        }
        s.reduce(Action::LoadFinished { id })
    }

    #[test]
    fn a_load_replaces_what_was_shown() {
        let s = load(AppState::new(Lang::Nl), 1, vec![entry("a.csv", b"p,s,e,n\n2024-01,10,9,1\n")]);
        assert_eq!(s.status, Status::Ready);
        assert_eq!(s.reports().count(), 1);
        let s = s.reduce(Action::LoadStarted { id: 2, files: 1 });
        assert_eq!(s.status, Status::Working(0));
        assert!(s.files.is_empty(), "figures of the old files are gone while the new ones load");
        let s = s
            .reduce(Action::FileDone { id: 2, entry: Box::new(entry("leeg.csv", b"")) })
            .reduce(Action::LoadFinished { id: 2 });
        assert_eq!(s.status, Status::Error);
        assert_eq!(s.failures().count(), 1);
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
        assert_eq!(s.status, Status::Working(0));
        assert!(s.files.is_empty());
        let s = s.reduce(Action::LoadProgress { id: 2, progress: p });
        assert_eq!(s.status, Status::Working(50));
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
        assert_eq!(s.rows_skipped(), 1);
        assert_eq!(s.failures().count(), 1);
        assert_eq!(s.row_errors().map(|(n, e)| (n, e.line)).collect::<Vec<_>>(), vec![("goed.csv", 3)]);
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

    #[test]
    fn manual_calculator() {
        let mut m = ManualInputs { start: "200".into(), end: "180".into(), new: "40".into() };
        // (180 - 40) / 200 x 100 = 70 by hand.
        assert_eq!(m.result(Lang::En), ManualResult::Rates { crr: 70.0, churn: 30.0 });
        m.start = "1.000".into(); // Dutch thousands
        m.end = "950".into();
        m.new = "0".into();
        assert_eq!(m.result(Lang::Nl), ManualResult::Rates { crr: 95.0, churn: 5.0 });
        // Thousands in both languages when the three fields show it: 1.000.000 and 950.000.
        m.start = "1.000.000".into();
        m.end = "950.000".into();
        assert_eq!(m.result(Lang::En), ManualResult::Rates { crr: 95.0, churn: 5.0 });
        m.new = "".into();
        assert_eq!(m.result(Lang::Nl), ManualResult::Incomplete);
        m.new = "veel".into();
        assert_eq!(m.result(Lang::Nl), ManualResult::NotANumber(ManualField::New));
        m.start = "0".into();
        m.new = "1".into();
        assert_eq!(m.result(Lang::En), ManualResult::Problem(CountsProblem::StartIsZero));
    }

    #[test]
    fn language_from_the_url() {
        assert_eq!(lang_from_query("?language=nl"), Some(Lang::Nl));
        assert_eq!(lang_from_query("?x=1&language=en"), Some(Lang::En));
        assert_eq!(lang_from_query("?language=fr"), None);
        assert_eq!(lang_from_query(""), None);
    }
}
