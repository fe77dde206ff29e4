//! The messages between the page and its Web Worker, typed per request: each request
//! is a type of its own that names the type of its answer ([`Ask::Answer`]), and the
//! worker's own faults ([`WorkerError`]) are apart from what is wrong with a file
//! ([`FileError`]).
//!
//! Both sides are built from this crate, so the messages travel as JavaScript values
//! made by serde-wasm-bindgen (structured-cloned by `postMessage`): numbers stay the
//! same f64, bit for bit (JSON text without `float_roundtrip` changed some in the
//! last place), and no JSON code is needed in the worker. The `File` itself travels
//! beside the request; its bytes are read in the worker, slice by slice.
//!
//! A message to the worker is `{ request, file? }` with `request` an
//! [`Envelope<Request>`]; a message from it is `{ id, kind, body }` with `kind` one of
//! [`KIND_HELLO`], [`KIND_PROGRESS`] (body: [`ReadProgress`]) or [`KIND_ANSWER`]
//! (body: `Result<Answer, WorkerError>` of request `id`).

use crate::calendar::TimeUnit;
use crate::ingest::{Detection, FileError, ReadSettings};
use crate::lang::Lang;
use crate::metrics::analysis::{Analysis, AnalysisSettings};
use crate::metrics::lifetime::{
    ModelAnswer, ModelKind, SubscriptionFigures, TablePage, TableQuery, Valuation, ValuationSettings,
};
use crate::metrics::rfm::Segment;
use crate::report::FileReport;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Files larger than this are refused before reading: the per-customer data of a
/// bigger export would not fit in a browser tab's WebAssembly memory.
pub const MAX_FILE_BYTES: u64 = 2_000_000_000;

/// How much of a file the worker reads at a time.
pub const CHUNK_BYTES: u64 = 8 << 20;

/// The fields of a message object.
pub const FIELD_REQUEST: &str = "request";
pub const FIELD_FILE: &str = "file";
pub const FIELD_ID: &str = "id";
pub const FIELD_KIND: &str = "kind";
pub const FIELD_BODY: &str = "body";
/// The worker has started and listens (sent once, with id 0).
pub const KIND_HELLO: &str = "hello";
/// How far the read of request `id` is.
pub const KIND_PROGRESS: &str = "progress";
/// The answer to request `id`.
pub const KIND_ANSWER: &str = "answer";

/// A request with its id (answers and progress carry the id of their request).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub id: u64,
    pub body: T,
}

/// A request, and the type the worker answers it with.
pub trait Ask: Into<Request> {
    type Answer: Serialize + DeserializeOwned;
}

/// Every request, as it travels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    Cancel(Cancel),
    Reset(Reset),
    Detect(Detect),
    Read(Read),
    ExportErrors(ExportErrors),
    Analyse(Analyse),
    ExportSegment(ExportSegment),
    FitModel(FitModel),
    Value(Value),
    CustomerPage(CustomerPage),
    ExportCustomers(ExportCustomers),
    Subscriptions(Subscriptions),
}

macro_rules! asks {
    ($($name:ident => $answer:ty),* $(,)?) => {$(
        impl Ask for $name {
            type Answer = $answer;
        }
        impl From<$name> for Request {
            fn from(r: $name) -> Request {
                Request::$name(r)
            }
        }
    )*};
}

/// Stop the read started by request `id` (that read then answers `Cancelled`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cancel {
    pub id: u64,
}

/// Forget the files of the previous load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reset;

/// Look at the start of the attached file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detect;

/// Read all of the attached file with these settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Read {
    pub settings: ReadSettings,
    /// Workers to read a large log with (`None`: one per core, at most
    /// [`MAX_READ_WORKERS`]; `?workers=` on the page, for benchmarks).
    #[serde(default)]
    pub workers: Option<u32>,
}

/// The most workers a file is read with.
pub const MAX_READ_WORKERS: u32 = 8;

/// Every skipped row of the files read since `Reset`, as CSV in `lang`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportErrors {
    pub lang: Lang,
}

/// The figures of the first transaction log read since `Reset` (with the first survey
/// that has customer ids), computed with these settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analyse {
    pub settings: AnalysisSettings,
    /// Margin on revenue and yearly discount rate, % (the lifetime-value settings): what
    /// a customer is worth for LTV:CAC and payback, beside a marketing-spend file.
    pub margin_pct: f64,
    pub discount_pct: f64,
}

/// The customers of one RFM segment, as CSV.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportSegment {
    pub segment: Segment,
}

/// Fit one lifetime-value model to the first transaction log (or, without one, the
/// first customer summary) read since `Reset`. A fit made for the same time unit and
/// calibration end is given again, not made again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitModel {
    pub settings: ValuationSettings,
    pub model: ModelKind,
}

/// The lifetime-value figures for these settings (fitting what is not yet fitted).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Value {
    pub settings: ValuationSettings,
}

/// One page of the per-customer table of the last `Value`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerPage {
    pub query: TableQuery,
}

/// The per-customer table (or the activation list) of the last `Value`, as CSV.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportCustomers {
    pub query: TableQuery,
}

/// Kaplan-Meier and sBG of the first subscriptions file read since `Reset`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Subscriptions {
    pub unit: TimeUnit,
    /// Yearly, % (for the expected lifetime).
    pub discount_pct: f64,
}

asks! {
    Cancel => (),
    Reset => (),
    Detect => Result<Detection, FileError>,
    Read => Result<FileReport, FileError>,
    ExportErrors => String,
    // `None` when no transaction log was read.
    Analyse => Option<Box<Analysis>>,
    ExportSegment => String,
    // `None` when neither a log nor a customer summary was read.
    FitModel => Option<ModelAnswer>,
    // `None` also when BG/NBD could not be fitted (its answer says why).
    Value => Option<Box<Valuation>>,
    CustomerPage => TablePage,
    ExportCustomers => String,
    // `None` when no subscriptions file was read.
    Subscriptions => Option<Box<SubscriptionFigures>>,
}

/// How far a read is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadProgress {
    pub bytes: u64,
    pub total: u64,
    /// Data rows read so far.
    pub rows: u64,
}

/// Why a request gave nothing: something about the file (empty, not text, columns
/// missing, cancelled), or the worker reading it failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    File(FileError),
    Worker(WorkerError),
}

impl Failure {
    /// How a request whose answer is `Result<T, FileError>` travels: the file's
    /// problem inside the answer, the worker's beside it.
    pub fn into_answer<T>(result: Result<T, Failure>) -> Result<Result<T, FileError>, WorkerError> {
        match result {
            Ok(v) => Ok(Ok(v)),
            Err(Failure::File(e)) => Ok(Err(e)),
            Err(Failure::Worker(e)) => Err(e),
        }
    }

    /// Such an answer as it arrives, the two kinds of failure together again.
    pub fn from_answer<T>(answer: Result<Result<T, FileError>, WorkerError>) -> Result<T, Failure> {
        match answer {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(Failure::File(e)),
            Err(e) => Err(Failure::Worker(e)),
        }
    }
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Failure {
        Failure::File(e)
    }
}

impl From<crate::ingest::FileErrorKind> for Failure {
    fn from(k: crate::ingest::FileErrorKind) -> Failure {
        Failure::File(k.into())
    }
}

impl From<WorkerError> for Failure {
    fn from(e: WorkerError) -> Failure {
        Failure::Worker(e)
    }
}

/// What went wrong with the worker itself (not with a file): faults of the page,
/// which the user can do little about but reload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerError {
    /// The browser would not start the worker.
    CannotStart { message: String },
    /// The worker stopped while a request was under way: most likely the browser ran
    /// out of memory for a very large file.
    Stopped { message: String },
    /// A request that needs a file came without one.
    NoFile,
    /// A request that needs a transaction log came when none was read.
    NoLog,
    /// A message one side could not decode (the page and the worker are built
    /// together, so this is a bug).
    NotUnderstood { message: String },
}

impl fmt::Display for WorkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkerError::CannotStart { message } => write!(f, "The page could not start its file reader ({message})."),
            WorkerError::Stopped { message } => {
                write!(
                    f,
                    "Reading stopped: the browser ran out of room or failed ({message}). The page itself is fine."
                )
            }
            WorkerError::NoFile => f.write_str("The page asked to read a file without giving it one (a bug)."),
            WorkerError::NoLog => f.write_str("No transaction log is loaded."),
            WorkerError::NotUnderstood { message } => {
                write!(f, "The page and its file reader did not understand each other ({message}); a bug.")
            }
        }
    }
}

impl std::error::Error for WorkerError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_travels_as_the_answer_and_comes_back_the_same() {
        let file = Failure::File(crate::ingest::FileErrorKind::Cancelled.into());
        let worker = Failure::Worker(WorkerError::NoFile);
        for failure in [file.clone(), worker.clone()] {
            let sent = Failure::into_answer::<u8>(Err(failure.clone()));
            assert_eq!(Failure::from_answer(sent), Err(failure));
        }
        // The file's problem is inside the answer, the worker's beside it.
        assert!(matches!(Failure::into_answer::<u8>(Err(file)), Ok(Err(_))));
        assert_eq!(Failure::into_answer::<u8>(Err(worker)), Err(WorkerError::NoFile));
        assert_eq!(Failure::from_answer(Ok(Ok(7u8))), Ok(7));
    }

    #[test]
    fn requests_know_their_answers() {
        fn answer_of<A: Ask>(_: &A) -> &'static str {
            std::any::type_name::<A::Answer>()
        }
        assert!(answer_of(&Detect).contains("Detection"));
        let analyse = Analyse { settings: AnalysisSettings::default(), margin_pct: 30.0, discount_pct: 10.0 };
        assert!(answer_of(&analyse).contains("Analysis"));
        assert_eq!(Request::from(Cancel { id: 3 }), Request::Cancel(Cancel { id: 3 }));
    }

    #[test]
    fn worker_errors_say_what_happened_in_english() {
        let e = WorkerError::Stopped { message: "out of memory".into() };
        assert!(e.to_string().contains("ran out of room or failed (out of memory)"));
        assert!(!WorkerError::NoFile.to_string().contains("room"));
    }
}
