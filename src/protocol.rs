//! The messages between the page and its Web Worker. They travel as JSON text next to
//! the `File` itself (which the browser copies to the worker by structured clone; its
//! bytes are read there, slice by slice).

use crate::ingest::{Detection, FileError, ReadSettings};
use crate::lang::Lang;
use crate::metrics::analysis::{Analysis, AnalysisSettings};
use crate::metrics::rfm::Segment;
use crate::report::FileReport;
use serde::{Deserialize, Serialize};

/// Files larger than this are refused before reading: the per-customer data of a
/// bigger export would not fit in a browser tab's WebAssembly memory.
pub const MAX_FILE_BYTES: u64 = 2_000_000_000;

/// How much of a file the worker reads at a time.
pub const CHUNK_BYTES: u64 = 8 << 20;

/// A message with the id of the request it belongs to (replies and progress carry
/// the id of their request).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub id: u64,
    pub body: T,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Stop the read started by request `id` (it then answers `Failed(Cancelled)`).
    Cancel { id: u64 },
    /// Forget the files of the previous load.
    Reset,
    /// Look at the start of the attached file.
    Detect,
    /// Read all of the attached file with these settings.
    Read { settings: ReadSettings },
    /// Every skipped row of the files read since `Reset`, as CSV.
    ExportErrors { lang: Lang },
    /// The figures of the first transaction log read since `Reset` (with the first
    /// survey that has customer ids), computed with these settings.
    Analyse { settings: AnalysisSettings },
    /// The customers of one RFM segment, as CSV.
    ExportSegment { segment: Segment },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker has started and listens (sent once, with id 0).
    Hello,
    Detected(Detection),
    Progress {
        bytes: u64,
        total: u64,
        rows: u64,
    },
    Done(FileReport),
    Failed(FileError),
    /// `None` when no transaction log was read.
    Analysis(Option<Box<Analysis>>),
    Csv(String),
    Ok,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_as_json() {
        let m = Envelope { id: 7, body: Request::Cancel { id: 3 } };
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Envelope<Request>>(&json).unwrap(), m);
        let r = Envelope { id: 3, body: Reply::Progress { bytes: 1, total: 2, rows: 3 } };
        assert_eq!(serde_json::from_str::<Envelope<Reply>>(&serde_json::to_string(&r).unwrap()).unwrap(), r);
    }
}
