//! The app's state and every change to it, as one pure reducer (the UI wraps it in
//! Yew's `Reducible`). Tested natively: no DOM in here.

use crate::i18n::Lang;
use crate::ingest::{Dataset, FileError, LoadedFile, RowError};
use crate::metrics::retention::{checked_crr, CountsProblem};

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

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AppState {
    pub lang: Lang,
    pub status: Status,
    /// Increases with every load, so that results of an older load are ignored.
    pub load_id: u64,
    pub files: Vec<LoadedFile>,
    /// Files that could not be used at all, by name.
    pub failures: Vec<(String, FileError)>,
    pub manual: ManualInputs,
}

pub enum Action {
    SetLang(Lang),
    /// New files were dropped or chosen: what was shown no longer applies.
    LoadStarted {
        id: u64,
    },
    LoadProgress {
        id: u64,
        percent: u8,
    },
    LoadFinished {
        id: u64,
        results: Vec<(String, Result<LoadedFile, FileError>)>,
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
            Action::LoadStarted { id } => {
                self.load_id = id;
                self.status = Status::Working(0);
                self.files.clear();
                self.failures.clear();
            }
            Action::LoadProgress { id, percent } if id == self.load_id => {
                if let Status::Working(_) = self.status {
                    self.status = Status::Working(percent.min(100));
                }
            }
            Action::LoadProgress { .. } => {}
            Action::LoadFinished { id, results } if id == self.load_id => {
                for (name, result) in results {
                    match result {
                        Ok(file) => self.files.push(file),
                        Err(e) => self.failures.push((name, e)),
                    }
                }
                self.status = if self.files.is_empty() { Status::Error } else { Status::Ready };
            }
            Action::LoadFinished { .. } => {}
            Action::SetManual(field, value) => match field {
                ManualField::Start => self.manual.start = value,
                ManualField::End => self.manual.end = value,
                ManualField::New => self.manual.new = value,
            },
        }
        self
    }

    /// Every skipped row of every loaded file, with the file's name.
    pub fn row_errors(&self) -> impl Iterator<Item = (&str, &RowError)> {
        self.files.iter().flat_map(|f| f.errors.listed.iter().map(move |e| (f.name.as_str(), e)))
    }

    pub fn rows_skipped(&self) -> u64 {
        self.files.iter().map(|f| f.errors.total).sum()
    }

    /// The skipped rows as a CSV file (file, line, column, reason) in `lang`.
    pub fn row_errors_csv(&self) -> String {
        let t = self.lang.texts();
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let mut out =
            format!("{},{},{},{}\r\n", t.error_file_col, t.error_line_col, t.error_column_col, t.error_reason_col);
        for (name, e) in self.row_errors() {
            let column = e.column.as_ref().map_or(String::new(), |c| {
                if c.name.is_empty() {
                    (c.index + 1).to_string()
                } else {
                    format!("{} ({})", c.index + 1, c.name)
                }
            });
            out.push_str(&format!(
                "{},{},{},{}\r\n",
                quote(name),
                e.line,
                quote(&column),
                quote(&t.row_error_reason(e))
            ));
        }
        out
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

/// The period counts a loaded file holds, if it holds period counts.
pub fn period_counts(file: &LoadedFile) -> Option<&crate::ingest::PeriodCounts> {
    match &file.dataset {
        Dataset::PeriodCounts(p) => Some(p),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_file;

    fn loaded(name: &str, bytes: &[u8]) -> (String, Result<LoadedFile, FileError>) {
        (name.to_string(), read_file(name, bytes))
    }

    #[test]
    fn a_load_replaces_what_was_shown() {
        let s = AppState::new(Lang::Nl)
            .reduce(Action::LoadStarted { id: 1 })
            .reduce(Action::LoadFinished { id: 1, results: vec![loaded("a.csv", b"p,s,e,n\n2024-01,10,9,1\n")] });
        assert_eq!(s.status, Status::Ready);
        assert_eq!(s.files.len(), 1);
        let s = s.reduce(Action::LoadStarted { id: 2 });
        assert_eq!(s.status, Status::Working(0));
        assert!(s.files.is_empty(), "figures of the old files are gone while the new ones load");
        let s = s.reduce(Action::LoadFinished { id: 2, results: vec![loaded("leeg.csv", b"")] });
        assert_eq!(s.status, Status::Error);
        assert_eq!(s.failures.len(), 1);
    }

    #[test]
    fn results_of_an_older_load_are_ignored() {
        let s = AppState::default()
            .reduce(Action::LoadStarted { id: 1 })
            .reduce(Action::LoadStarted { id: 2 })
            .reduce(Action::LoadProgress { id: 1, percent: 50 })
            .reduce(Action::LoadFinished { id: 1, results: vec![loaded("old.csv", b"p,s,e,n\n2024-01,10,9,1\n")] });
        assert_eq!(s.status, Status::Working(0));
        assert!(s.files.is_empty());
    }

    #[test]
    fn one_good_file_and_one_bad_file() {
        let s = AppState::default().reduce(Action::LoadStarted { id: 1 }).reduce(Action::LoadFinished {
            id: 1,
            results: vec![loaded("goed.csv", b"p;s;e;n\n2024-01;10;9;1\n2024-02;9;x;1\n"), loaded("leeg.csv", b"")],
        });
        assert_eq!(s.status, Status::Ready);
        assert_eq!(s.rows_skipped(), 1);
        assert_eq!(s.failures.len(), 1);
        let csv = s.row_errors_csv();
        assert_eq!(csv, "file,line,column,reason\r\n\"goed.csv\",3,\"3 (e)\",\"'x' is not a number\"\r\n");
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
