//! The messages between the page and its Web Worker. They travel as JSON text next to
//! the `File` itself (which the browser copies to the worker by structured clone; its
//! bytes are read there, slice by slice).

use crate::i18n::Lang;
use crate::ingest::{Detection, FileError, ReadSettings};
use crate::report::FileReport;
use serde::{Deserialize, Serialize};

/// Files larger than this are refused before reading: the per-customer data of a
/// bigger export would not fit in a browser tab's WebAssembly memory.
pub const MAX_FILE_BYTES: u64 = 2_000_000_000;

/// How much of a file the worker reads at a time.
pub const CHUNK_BYTES: u64 = 8 << 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Forget the files of the previous load.
    Reset,
    /// Look at the start of the attached file.
    Detect,
    /// Read all of the attached file with these settings.
    Read { settings: ReadSettings },
    /// Every skipped row of the files read since `Reset`, as CSV.
    ExportErrors { lang: Lang },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Detected(Detection),
    Progress { bytes: u64, total: u64, rows: u64 },
    Done(FileReport),
    Failed(FileError),
    ErrorsCsv(String),
    Ok,
}
