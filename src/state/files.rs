//! The files of a load as the page holds them: what each gave, or why it gave nothing.
//! Shared between renders behind an `Rc`: the views get them without a copy.

use crate::ingest::{Detection, RowError};
pub use crate::protocol::Failure;
use crate::report::{Content, FileReport};
use std::rc::Rc;

/// A file on the page: its name, how detection saw it, and what reading it gave.
#[derive(Clone, Debug, PartialEq)]
pub struct FileEntry {
    pub name: String,
    pub detection: Option<Detection>,
    pub result: Result<FileReport, Failure>,
}

/// The files of the current load, in the order they were given.
#[derive(Clone, Debug, Default)]
pub struct Files(Rc<Vec<FileEntry>>);

impl PartialEq for Files {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl std::ops::Deref for Files {
    type Target = [FileEntry];
    fn deref(&self) -> &[FileEntry] {
        &self.0
    }
}

impl Files {
    pub(super) fn push(&mut self, entry: FileEntry) {
        Rc::make_mut(&mut self.0).push(entry);
    }

    pub(super) fn clear(&mut self) {
        self.0 = Rc::default();
    }

    /// The files that were read, with their names.
    pub fn reports(&self) -> impl Iterator<Item = (&str, &FileReport)> {
        self.0.iter().filter_map(|f| f.result.as_ref().ok().map(|r| (f.name.as_str(), r)))
    }

    /// The files that could not be used at all.
    pub fn failures(&self) -> impl Iterator<Item = (&str, &Failure)> {
        self.0.iter().filter_map(|f| f.result.as_ref().err().map(|e| (f.name.as_str(), e)))
    }

    /// The skipped rows the page lists (the download has all of them).
    pub fn row_errors(&self) -> impl Iterator<Item = (&str, &RowError)> {
        self.reports().flat_map(|(name, r)| r.errors.listed.iter().map(move |e| (name, e)))
    }

    /// `rows_skipped`: every skipped row of every file read.
    pub fn rows_skipped(&self) -> u64 {
        self.reports().map(|(_, r)| r.errors.total).sum()
    }

    /// Whether a transaction log was read (its figures come from the worker).
    pub fn has_log(&self) -> bool {
        self.reports().any(|(_, r)| matches!(r.content, Content::Transactions(_)))
    }

    /// Whether a subscriptions file was read (survival and sBG).
    pub fn has_subscriptions(&self) -> bool {
        self.reports().any(|(_, r)| matches!(r.content, Content::Subscriptions { .. }))
    }

    /// Whether a marketing-spend file is loaded.
    pub fn has_spend(&self) -> bool {
        self.reports().any(|(_, r)| matches!(r.content, Content::MarketingSpend { .. }))
    }

    /// Whether the lifetime-value models have something to fit: a transaction log or
    /// a customer summary.
    pub fn has_models(&self) -> bool {
        self.reports().any(|(_, r)| matches!(r.content, Content::Transactions(_) | Content::CustomerSummary { .. }))
    }
}
