//! Reading a large log in parts, one Web Worker per part (issue 13; what a part is and
//! how parts merge is `crate::ingest::parallel`, tested natively).
//!
//! The worker the page talks to (the coordinator) starts the part workers the first
//! time a file is worth cutting: copies of itself (`new Worker(self.location.href)`,
//! which works for the served page and for the single-file build's Blob URL alike),
//! kept for the next file, each warmed up as every worker is (`super::warm_up`). It
//! posts each one `{ part: { k, start, end, total, first, settings }, file }`; a part
//! worker reads only around its own byte range with `FileReaderSync`
//! (`ingest::parallel::RangeFeed` finds the part's bytes), posts `{ k, progress }` after
//! each slice and then `{ k, done: ArrayBuffer }` (the part, `Part::encode`, moved, not
//! copied, its row errors beside) or `{ k, failed }`. The coordinator sums the progress for the page,
//! merges the parts when all are in, and reads the file whole itself when a cut was
//! inside quotes. A `Cancel` ends the part workers (they are started again for the
//! next file); a part worker that dies fails the read with the worker's message.

use super::{browser_fault, post, read_slice, scope};
use crate::ingest::parallel::{merge, Part, RangeFeed};
use crate::ingest::{FileErrorKind, ReadOutcome, ReadSettings, Reader};
use crate::protocol::{self as p, Failure, ReadProgress, WorkerError, CHUNK_BYTES, MAX_READ_WORKERS};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileReaderSync, MessageEvent, Worker};

/// The field of a message that carries a part to read.
pub const FIELD_PART: &str = "part";
/// The name part workers are started with (`self.name` in them).
const PART_WORKER_NAME: &str = "part";

/// Whether this worker is a part worker (it reads parts only: no slice helper, no
/// part workers of its own).
pub fn is_part_worker() -> bool {
    scope().name() == PART_WORKER_NAME
}

/// Starts the part workers before the first file arrives, so that their start (the
/// Wasm compiled, the warm-up) is not part of a read: one per core, when files are
/// read in parts by default (`workers`).
pub fn prestart() {
    let n = workers(None);
    if n > 1 {
        let _ = pool(n);
    }
}

thread_local! {
    /// The part workers, kept from one file to the next, each with a promise that
    /// resolves when it has said hello (a message sent before is lost).
    static POOL: RefCell<Vec<(Worker, js_sys::Promise)>> = const { RefCell::new(Vec::new()) };
    /// When a part worker was last heard from (ms since the epoch).
    static LAST_HEARD: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    /// Resolves part worker k's hello promise.
    static HELLO: RefCell<Vec<Option<js_sys::Function>>> = const { RefCell::new(Vec::new()) };
    /// The read in parts now under way (one at a time: the page reads files in turn).
    static IN_FLIGHT: RefCell<Option<InFlight>> = const { RefCell::new(None) };
}

struct InFlight {
    id: u64,
    total: u64,
    /// Bytes and rows each part has read.
    progress: Vec<(u64, u64)>,
    parts: Vec<Option<Result<Part, Failure>>>,
    /// Resolves the promise the read waits on: once every part is in, or at a cancel.
    resolve: js_sys::Function,
}

/// Below this many cores a file is read by one worker unless asked otherwise: on the
/// 2-core machine of BENCHMARKS.md ("Reading in parts, 8 December") two part workers
/// read only 13–18% faster than one, and the merge (the parts' codec, every id looked
/// up again) costs more than that: every figure came 6% later at 10⁶ rows and 12% later
/// at 10⁷, with 1.7× the memory. With three cores or more the reading shrinks by more
/// than the merge adds (the per-core estimate there).
const MIN_CORES_FOR_PARTS: u32 = 3;

/// How many workers read a file: as asked (`?workers=`), else one per core when there
/// are at least [`MIN_CORES_FOR_PARTS`], else one; at most `MAX_READ_WORKERS`.
pub fn workers(asked: Option<u32>) -> usize {
    let cores = js_sys::Reflect::get(&js_sys::global(), &"navigator".into())
        .and_then(|n| js_sys::Reflect::get(&n, &"hardwareConcurrency".into()))
        .ok()
        .and_then(|c| c.as_f64())
        .unwrap_or(1.0) as u32;
    let default = if cores >= MIN_CORES_FOR_PARTS { cores } else { 1 };
    asked.unwrap_or(default).clamp(1, MAX_READ_WORKERS) as usize
}

/// Reads `file` in `n` parts; `None` when a cut was inside a quoted field.
pub async fn read(id: u64, file: &File, settings: &ReadSettings, n: usize) -> Result<Option<ReadOutcome>, Failure> {
    let total = file.size() as u64;
    let workers = pool(n)?;
    // A part worker that never says hello (it could not start) is not waited for: the
    // file is read whole, and the pool starts afresh next time.
    for (_, hello) in &workers {
        if !settles_within(hello, HELLO_WAIT_MS).await {
            drop_pool();
            return Ok(None);
        }
    }
    let settings_value =
        serde_wasm_bindgen::to_value(settings).map_err(|e| WorkerError::Stopped { message: e.to_string() })?;
    let done = js_sys::Promise::new(&mut |resolve, _| {
        IN_FLIGHT.with(|f| {
            *f.borrow_mut() =
                Some(InFlight { id, total, progress: vec![(0, 0); n], parts: (0..n).map(|_| None).collect(), resolve })
        });
    });
    for (k, (worker, _)) in workers.iter().enumerate() {
        let job = js_sys::Object::new();
        let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&job, &key.into(), value);
        set("k", &(k as f64).into()).map_err(browser_fault)?;
        set("start", &((total * k as u64 / n as u64) as f64).into()).map_err(browser_fault)?;
        set("end", &((total * (k as u64 + 1) / n as u64) as f64).into()).map_err(browser_fault)?;
        set("total", &(total as f64).into()).map_err(browser_fault)?;
        set("first", &(k == 0).into()).map_err(browser_fault)?;
        set("settings", &settings_value).map_err(browser_fault)?;
        set("file", file).map_err(browser_fault)?;
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &FIELD_PART.into(), &job).map_err(browser_fault)?;
        worker.post_message(&message).map_err(browser_fault)?;
    }
    // Every message of a part worker resets the watchdog; one that goes silent (killed
    // without an error event) fails the read instead of leaving it waiting.
    LAST_HEARD.with(|t| t.set(js_sys::Date::now()));
    while !settles_within(&done, 1000).await {
        let silent = js_sys::Date::now() - LAST_HEARD.with(std::cell::Cell::get);
        if silent > SILENCE_MS && IN_FLIGHT.with(|f| f.borrow().is_some()) {
            drop_pool();
            IN_FLIGHT.with(|f| f.borrow_mut().take());
            let message = format!("a part worker gave no sign of life for {} s", SILENCE_MS / 1000.0);
            return Err(Failure::Worker(WorkerError::Stopped { message }));
        }
    }
    let Some(flight) = IN_FLIGHT.with(|f| f.borrow_mut().take()) else {
        // Taken by a cancel.
        return Err(FileErrorKind::Cancelled.into());
    };
    // A part that failed says why (the others may not have arrived: it ended the wait).
    if let Some(Some(Err(failure))) = flight.parts.iter().find(|p| matches!(p, Some(Err(_)))) {
        return Err(failure.clone());
    }
    let mut parts = Vec::with_capacity(n);
    for part in flight.parts {
        parts.push(part.unwrap_or_else(|| Err(FileErrorKind::Cancelled.into()))?);
    }
    match merge(settings.clone(), parts) {
        Some(outcome) => Ok(Some(outcome?)),
        None => Ok(None),
    }
}

/// Ends the read in parts of request `id`, if one is under way: its part workers are
/// stopped (new ones start for the next file) and the read answers "cancelled".
pub fn cancel(id: u64) {
    let flight = IN_FLIGHT.with(|f| {
        let mut slot = f.borrow_mut();
        if slot.as_ref().is_some_and(|x| x.id == id) {
            slot.take()
        } else {
            None
        }
    });
    if let Some(flight) = flight {
        drop_pool();
        let _ = flight.resolve.call0(&JsValue::NULL);
    }
}

/// Stops every part worker; new ones start for the next file.
fn drop_pool() {
    POOL.with(|p| p.borrow_mut().drain(..).for_each(|(w, _)| w.terminate()));
    HELLO.with(|h| h.borrow_mut().clear());
}

/// How long a new part worker may take to say hello.
const HELLO_WAIT_MS: i32 = 20_000;
/// How long a read in parts may go without a message from any part worker (each sends
/// one per 8 MiB slice read).
const SILENCE_MS: f64 = 60_000.0;

/// Whether `promise` settles within `ms` milliseconds.
pub async fn settles_within(promise: &js_sys::Promise, ms: i32) -> bool {
    // (The promises here resolve with nothing; the timer with a word of its own.)
    const TIMED_OUT: &str = "timed out";
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_1(&resolve, ms, &TIMED_OUT.into());
    });
    let race = js_sys::Promise::race(&js_sys::Array::of2(promise, &timer));
    JsFuture::from(race).await.map(|v| v.as_string().as_deref() != Some(TIMED_OUT)).unwrap_or(true)
}

/// The first `n` part workers, started if need be.
fn pool(n: usize) -> Result<Vec<(Worker, js_sys::Promise)>, Failure> {
    let href = js_sys::Reflect::get(&js_sys::global(), &"location".into())
        .and_then(|l| js_sys::Reflect::get(&l, &"href".into()))
        .ok()
        .and_then(|h| h.as_string())
        .ok_or_else(|| Failure::Worker(WorkerError::Stopped { message: "no worker address".into() }))?;
    POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        while pool.len() < n {
            let k = pool.len();
            let options = web_sys::WorkerOptions::new();
            options.set_name(PART_WORKER_NAME);
            let worker = Worker::new_with_options(&href, &options).map_err(browser_fault)?;
            let onmessage =
                Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| on_part_message(k, e.data()));
            worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
            onmessage.forget();
            let onerror = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
                let message = format!("part worker {k}: {}", e.message());
                arrived(k, Err(Failure::Worker(WorkerError::Stopped { message })));
                // Not started at all: a read waiting for its hello reads whole instead.
                if let Some(resolve) = HELLO.with(|h| h.borrow_mut().get_mut(k).and_then(Option::take)) {
                    drop_pool();
                    let _ = resolve.call0(&JsValue::NULL);
                }
            });
            worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
            onerror.forget();
            let hello = js_sys::Promise::new(&mut |resolve, _| {
                HELLO.with(|h| {
                    let mut h = h.borrow_mut();
                    h.resize(k + 1, None);
                    h[k] = Some(resolve);
                })
            });
            pool.push((worker, hello));
        }
        Ok(pool[..n].to_vec())
    })
}

/// A message from part worker `k` (its hello and answers to the page's requests, which
/// it never gets, are ignored).
fn on_part_message(k: usize, data: JsValue) {
    LAST_HEARD.with(|t| t.set(js_sys::Date::now()));
    let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok().filter(|v| !v.is_undefined());
    if get(p::FIELD_KIND).and_then(|v| v.as_string()).as_deref() == Some(p::KIND_HELLO) {
        if let Some(resolve) = HELLO.with(|h| h.borrow_mut().get_mut(k).and_then(Option::take)) {
            let _ = resolve.call0(&JsValue::NULL);
        }
        return;
    }
    if let Some(read) = get("progress").and_then(|v| v.as_f64()) {
        let progress = IN_FLIGHT.with(|f| {
            let mut slot = f.borrow_mut();
            let flight = slot.as_mut()?;
            let rows = get("rows").and_then(|v| v.as_f64()).unwrap_or(0.0);
            flight.progress[k] = (read as u64, rows as u64);
            let bytes = flight.progress.iter().map(|p| p.0).sum::<u64>().min(flight.total);
            let rows = flight.progress.iter().map(|p| p.1).sum();
            Some((flight.id, ReadProgress { bytes, total: flight.total, rows }))
        });
        if let Some((id, progress)) = progress {
            post(id, p::KIND_PROGRESS, &progress);
        }
    } else if let Some(buffer) = get("done") {
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        let errors = get("errors").and_then(|e| serde_wasm_bindgen::from_value(e).ok());
        let part = errors
            .and_then(|errors| Part::decode(&bytes, errors))
            .ok_or_else(|| Failure::Worker(WorkerError::Stopped { message: format!("part {k} arrived damaged") }));
        arrived(k, part);
    } else if let Some(failed) = get("failed") {
        let failure =
            match serde_wasm_bindgen::from_value::<Result<Result<(), crate::ingest::FileError>, WorkerError>>(failed) {
                Ok(Ok(Err(e))) => Failure::File(e),
                Ok(Err(e)) => Failure::Worker(e),
                _ => Failure::Worker(WorkerError::Stopped { message: format!("part {k} failed") }),
            };
        arrived(k, Err(failure));
    }
}

/// Part `k` is in; once all are, the read goes on.
fn arrived(k: usize, part: Result<Part, Failure>) {
    IN_FLIGHT.with(|f| {
        let mut slot = f.borrow_mut();
        let Some(flight) = slot.as_mut() else { return };
        let failed = part.is_err();
        flight.parts[k] = Some(part);
        if failed || flight.parts.iter().all(Option::is_some) {
            let _ = flight.resolve.call0(&JsValue::NULL);
        }
    });
}

/// In a part worker: reads the part `job` names and posts it to the coordinator.
pub fn run(job: JsValue) {
    wasm_bindgen_futures::spawn_local(async move {
        let get = |key: &str| js_sys::Reflect::get(&job, &key.into()).unwrap_or(JsValue::UNDEFINED);
        let number = |key: &str| get(key).as_f64().unwrap_or(0.0) as u64;
        let k = number("k");
        let result = match get("file").dyn_into::<File>() {
            Ok(file) => match serde_wasm_bindgen::from_value::<ReadSettings>(get("settings")) {
                Ok(settings) => {
                    let range = (number("start"), number("end"), number("total"));
                    read_range(k, &file, range, get("first").is_truthy(), settings).await
                }
                Err(e) => Err(Failure::Worker(WorkerError::NotUnderstood { message: e.to_string() })),
            },
            Err(_) => Err(Failure::Worker(WorkerError::NoFile)),
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"k".into(), &(k as f64).into());
        match result {
            Ok(part) => {
                let buffer = js_sys::Uint8Array::from(part.encode().as_slice()).buffer();
                let errors = serde_wasm_bindgen::to_value(&part.errors).unwrap_or(JsValue::NULL);
                let _ = js_sys::Reflect::set(&message, &"errors".into(), &errors);
                let _ = js_sys::Reflect::set(&message, &"done".into(), &buffer);
                let _ = scope().post_message_with_transfer(&message, &js_sys::Array::of1(&buffer));
            }
            Err(failure) => {
                let failed =
                    serde_wasm_bindgen::to_value(&Failure::into_answer::<()>(Err(failure))).unwrap_or(JsValue::NULL);
                let _ = js_sys::Reflect::set(&message, &"failed".into(), &failed);
                let _ = scope().post_message(&message);
            }
        }
    });
}

async fn read_range(
    k: u64,
    file: &File,
    (start, end, total): (u64, u64, u64),
    first: bool,
    settings: ReadSettings,
) -> Result<Part, Failure> {
    let sync = FileReaderSync::new().map_err(browser_fault)?;
    let mut reader = Reader::for_part(settings, first)?;
    let mut feed = RangeFeed::new(start, end, total);
    let mut buf = Vec::with_capacity(CHUNK_BYTES as usize);
    let mut at = feed.first_byte();
    while !feed.done() && at < total {
        let to = (at + CHUNK_BYTES).min(total);
        read_slice(&sync, file, at, to, &mut buf)?;
        reader.feed(feed.take(at, &buf));
        at = to;
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"k".into(), &(k as f64).into());
        let _ = js_sys::Reflect::set(&message, &"progress".into(), &((at - feed.first_byte()) as f64).into());
        let _ = js_sys::Reflect::set(&message, &"rows".into(), &(reader.rows() as f64).into());
        let _ = scope().post_message(&message);
    }
    Ok(reader.finish_part())
}
