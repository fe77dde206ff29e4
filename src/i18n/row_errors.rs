//! The texts of the skipped-rows export (`rows_skipped`'s CSV): its column names and
//! each row error's reason, per language. A table of their own, as the calculators'
//! are, so that the worker, which writes that export, links only these and not the
//! page's texts of every language (with their formatting functions).

use crate::ingest::{RowError, RowErrorKind};

pub struct RowErrorTexts {
    pub file_col: &'static str,
    pub line_col: &'static str,
    pub column_col: &'static str,
    pub reason_col: &'static str,
    pub(super) reason: fn(&RowErrorKind) -> String,
}

impl RowErrorTexts {
    /// Why a row was skipped.
    pub fn reason(&self, e: &RowError) -> String {
        (self.reason)(&e.kind)
    }

    /// Every skipped row of `files` as a CSV file in this language.
    pub fn csv<'a>(&self, files: impl IntoIterator<Item = (&'a str, &'a [RowError])>) -> String {
        let header = [self.file_col, self.line_col, self.column_col, self.reason_col];
        crate::export::row_errors_csv(files, header, |e| self.reason(e))
    }
}
