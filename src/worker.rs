//! The Web Worker that reads files (wasm32 only): the page posts it a `File` and a
//! [`Request`]; it reads the file slice by slice, feeds the streaming reader, posts
//! progress, and answers each request with its own answer type (`crate::protocol`). A helper worker of its own
//! (`src/slice_reader.js`) reads the next slice while this one parses the slice before.
//! Between slices the worker returns to its event loop, so that a `Cancel` can arrive.
//! The page never freezes, and if a file is too much for the browser only this worker
//! dies.

use crate::calendar::Granularity;
use crate::ingest::{
    detect, first_log, first_spend, survey_with_customers, Dataset, FileErrorKind, LoadedFile, ReadSettings, Reader,
};
use crate::metrics::acquisition::CustomerValue;
use crate::metrics::analysis::{Analyser, Analysis, AnalysisSettings};
use crate::metrics::lifetime::{Source, Valuer};
use crate::metrics::rfm;
use crate::metrics::summary::LogSummary;
use crate::protocol::{
    self as p, Ask, Envelope, Failure, ReadProgress, Request, WorkerError, CHUNK_BYTES, MAX_FILE_BYTES,
};
use crate::report::{Content, FileReport};
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageChannel, MessageEvent, MessagePort, Worker};

mod models;
mod parts;

thread_local! {
    /// The files read since the last `Reset` (for the full error export).
    static FILES: RefCell<Vec<LoadedFile>> = const { RefCell::new(Vec::new()) };
    /// What is kept between analyses of the first transaction log read since `Reset`:
    /// its summary (computed once, when it was read) and its last cohorts.
    static ANALYSER: RefCell<Option<Analyser>> = const { RefCell::new(None) };
    /// The lifetime-value fits and predictions of the model's source (see `model_source`).
    static VALUER: RefCell<Valuer> = RefCell::new(Valuer::default());
    /// Reads the page asked to stop.
    static CANCELLED: RefCell<HashSet<u64>> = RefCell::new(HashSet::new());
    /// The helper that reads slices of files on a thread of its own (started with this
    /// worker, so that reading a file fetches nothing); `None` if it could not start.
    static HELPER: Option<Worker> = start_helper();
    /// Whether the helper's script runs (it says so once); until then files are read
    /// by this worker alone.
    static HELPER_READY: Cell<bool> = const { Cell::new(false) };
}

/// The helper's script (copied next to the worker's by Trunk; see `index.html`).
const HELPER_URL: &str = "./slice_reader.js";
/// Where the single-file build (scripts/single-file.mjs) puts the helper's address
/// instead: a Blob URL made from its inlined code, since a worker made from a Blob has
/// no folder to find `./slice_reader.js` in.
const HELPER_URL_GLOBAL: &str = "sliceReaderUrl";

fn helper_url() -> String {
    js_sys::Reflect::get(&js_sys::global(), &HELPER_URL_GLOBAL.into())
        .ok()
        .and_then(|url| url.as_string())
        .unwrap_or_else(|| HELPER_URL.to_string())
}

fn start_helper() -> Option<Worker> {
    let helper = Worker::new(&helper_url()).ok()?;
    let ready = Closure::<dyn FnMut()>::new(|| HELPER_READY.with(|r| r.set(true)));
    helper.set_onmessage(Some(ready.as_ref().unchecked_ref()));
    ready.forget();
    Some(helper)
}

/// Rows of the warm-up log (about 1 MB).
const WARM_UP_ROWS: u64 = 20_000;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts `{ id, kind, body }` to the page.
fn post(id: u64, kind: &str, body: &impl serde::Serialize) {
    let message = js_sys::Object::new();
    let body = serde_wasm_bindgen::to_value(body)
        .or_else(|e| serde_wasm_bindgen::to_value(&Err::<(), _>(WorkerError::NotUnderstood { message: e.to_string() })))
        .unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(&message, &p::FIELD_ID.into(), &JsValue::from_f64(id as f64));
    let _ = js_sys::Reflect::set(&message, &p::FIELD_KIND.into(), &kind.into());
    let _ = js_sys::Reflect::set(&message, &p::FIELD_BODY.into(), &body);
    let _ = scope().post_message(&message);
}

/// Answers request `id` (of type `A`).
fn answer<A: Ask>(id: u64, answer: Result<A::Answer, WorkerError>) {
    post(id, p::KIND_ANSWER, &answer);
}

/// A call into the browser that failed where it should not.
fn browser_fault(e: JsValue) -> Failure {
    Failure::Worker(WorkerError::Stopped { message: format!("{e:?}") })
}

fn slice(file: &File, start: u64, end: u64) -> Result<web_sys::Blob, Failure> {
    file.slice_with_f64_and_f64(start as f64, end as f64).map_err(browser_fault)
}

/// Copies the bytes of `array` into `buf` (the one copy into WebAssembly memory).
fn copy_into(array: &JsValue, buf: &mut Vec<u8>) {
    let bytes = js_sys::Uint8Array::new(array);
    buf.resize(bytes.length() as usize, 0);
    bytes.copy_to(buf);
}

/// Bytes `start..end` of the file, into `buf`, at once.
fn read_slice(reader: &FileReaderSync, file: &File, start: u64, end: u64, buf: &mut Vec<u8>) -> Result<(), Failure> {
    let array = reader.read_as_array_buffer(&slice(file, start, end)?).map_err(|_| FileErrorKind::Unreadable)?;
    copy_into(&array, buf);
    Ok(())
}

/// Lets queued messages (a `Cancel`) run before the next slice.
async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(promise).await;
}

/// One file read through the helper, on a message channel of its own.
struct HelperReads {
    port: MessagePort,
}

impl HelperReads {
    fn open(helper: &Worker, file: &File) -> Result<HelperReads, JsValue> {
        let channel = MessageChannel::new()?;
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &"file".into(), file)?;
        js_sys::Reflect::set(&message, &"port".into(), &channel.port2())?;
        helper.post_message_with_transfer(&message, &js_sys::Array::of1(&channel.port2()))?;
        Ok(HelperReads { port: channel.port1() })
    }

    /// Asks for bytes `start..end`; they are read on the helper's thread meanwhile.
    /// The answer is a `MessageEvent` whose data is an `ArrayBuffer`, or null when the
    /// file could not be read.
    fn request(&self, start: u64, end: u64) -> JsFuture {
        let mut sent = Ok(());
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            self.port.set_onmessage(Some(&resolve));
            sent = self.port.post_message(&js_sys::Array::of2(&(start as f64).into(), &(end as f64).into()));
        });
        // A request that could not be sent is answered now, as unreadable.
        JsFuture::from(if sent.is_ok() { promise } else { js_sys::Promise::reject(&JsValue::NULL) })
    }
}

impl Drop for HelperReads {
    fn drop(&mut self) {
        self.port.set_onmessage(None);
        self.port.close();
    }
}

/// Where the slices of one read come from.
enum Slices {
    /// The helper: slice `k + 1` is read while slice `k` is parsed.
    Helper { reads: HelperReads, pending: Option<JsFuture> },
    /// Without a helper, this worker reads each slice itself before parsing it.
    Here(FileReaderSync),
}

impl Slices {
    fn open(file: &File) -> Result<Slices, Failure> {
        let ready = HELPER_READY.with(Cell::get);
        match HELPER.with(|h| h.as_ref().filter(|_| ready).and_then(|h| HelperReads::open(h, file).ok())) {
            Some(reads) => Ok(Slices::Helper { reads, pending: None }),
            None => Ok(Slices::Here(FileReaderSync::new().map_err(browser_fault)?)),
        }
    }

    /// Bytes `start..end` of `file` into `buf`; `next` is the range to read after it
    /// (empty at the end). Returns to the event loop on the way.
    async fn read(
        &mut self,
        file: &File,
        start: u64,
        end: u64,
        next: (u64, u64),
        buf: &mut Vec<u8>,
    ) -> Result<(), Failure> {
        let unreadable = || Failure::from(FileErrorKind::Unreadable);
        match self {
            Slices::Helper { reads, pending } => {
                let answer =
                    pending.take().unwrap_or_else(|| reads.request(start, end)).await.map_err(|_| unreadable())?;
                if next.0 < next.1 {
                    *pending = Some(reads.request(next.0, next.1));
                }
                let data = answer.unchecked_into::<MessageEvent>().data();
                if data.is_null() {
                    return Err(unreadable());
                }
                copy_into(&data, buf);
            }
            Slices::Here(sync) => {
                yield_now().await;
                read_slice(sync, file, start, end, buf)?;
            }
        }
        Ok(())
    }
}

fn detect_file(file: &File) -> Result<crate::ingest::Detection, Failure> {
    let size = file.size() as u64;
    let reader = FileReaderSync::new().map_err(browser_fault)?;
    let mut sample = Vec::new();
    let end = size.min(crate::ingest::detect::SAMPLE_BYTES as u64);
    read_slice(&reader, file, 0, end, &mut sample)?;
    Ok(detect(&sample, end == size)?)
}

async fn read_file(id: u64, file: &File, settings: ReadSettings, workers: Option<u32>) -> Result<FileReport, Failure> {
    let total = file.size() as u64;
    if total > MAX_FILE_BYTES {
        return Err(FileErrorKind::TooLarge { bytes: total, limit: MAX_FILE_BYTES }.into());
    }
    // A large log: in parts, one worker each (`parts`); a cut inside quotes reads it
    // again below, whole.
    // (`?workers=N` reads even a small file in parts, for the tests that compare.)
    let n = parts::workers(workers);
    let cut = crate::ingest::parallel::worth_parts(&settings, total)
        || (workers.is_some() && crate::ingest::parallel::can_be_cut(&settings));
    let outcome = if n > 1 && cut { parts::read(id, file, &settings, n).await? } else { None };
    let outcome = match outcome {
        Some(outcome) => outcome,
        None => read_whole(id, file, settings).await?,
    };
    let loaded = LoadedFile::new(&file.name(), outcome);
    let report = FileReport::of(&loaded);
    // The first log's summary, as the report has it, is the one every analysis shows.
    let first_log = FILES.with(|f| first_log(&f.borrow()).is_none());
    if let (Content::Transactions(summary), true) = (&report.content, first_log) {
        ANALYSER.with(|a| *a.borrow_mut() = Some(Analyser::new((**summary).clone())));
    }
    FILES.with(|f| f.borrow_mut().push(loaded));
    Ok(report)
}

/// Reads a whole file in this worker, slice by slice.
async fn read_whole(id: u64, file: &File, settings: ReadSettings) -> Result<crate::ingest::ReadOutcome, Failure> {
    let total = file.size() as u64;
    let mut reader = Reader::new(settings)?;
    let mut slices = Slices::open(file)?;
    let mut buf = Vec::with_capacity(CHUNK_BYTES as usize);
    let mut start = 0;
    while start < total {
        let end = (start + CHUNK_BYTES).min(total);
        slices.read(file, start, end, (end, (end + CHUNK_BYTES).min(total)), &mut buf).await?;
        if CANCELLED.with(|c| c.borrow_mut().remove(&id)) {
            return Err(FileErrorKind::Cancelled.into());
        }
        reader.feed(&buf);
        start = end;
        post(id, p::KIND_PROGRESS, &ReadProgress { bytes: start, total, rows: reader.rows() });
    }
    Ok(reader.finish()?)
}

/// What the lifetime-value models are fitted to: the first transaction log, or
/// without one the first customer summary.
fn model_source(files: &[LoadedFile]) -> Option<Source<'_>> {
    first_log(files).map(|(_, log)| Source::Log(log)).or_else(|| {
        files.iter().find_map(|f| match &f.dataset {
            Dataset::CustomerSummary(rows) => Some(Source::Summary(rows)),
            _ => None,
        })
    })
}

/// `f` with the model's source and the valuer, if there is a source.
/// (In the model worker, the log the coordinator sent: `models`.)
fn with_valuer<T>(f: impl FnOnce(Source, &mut Valuer) -> T) -> Option<T> {
    if models::is_model_worker() {
        return models::with_log(|log| VALUER.with(|v| f(Source::Log(log), &mut v.borrow_mut())));
    }
    FILES.with(|files| {
        let files = files.borrow();
        let source = model_source(&files)?;
        Some(VALUER.with(|v| f(source, &mut v.borrow_mut())))
    })
}

/// Forgets the fits made so far (their source changed).
fn forget_fits() {
    VALUER.with(|v| *v.borrow_mut() = Valuer::default());
}

/// The first log's bytes for the model worker (`models`), if the models fit a log.
fn model_log_bytes() -> Option<Vec<u8>> {
    FILES.with(|f| first_log(&f.borrow()).map(|(_, log)| log.encode()))
}

fn analyse(
    files: &[LoadedFile],
    settings: &AnalysisSettings,
    (margin_pct, discount_pct): (f64, f64),
) -> Option<Box<Analysis>> {
    let (name, log) = first_log(files)?;
    let survey = survey_with_customers(files);
    let analysis = ANALYSER.with(|a| {
        let mut slot = a.borrow_mut();
        let analyser = slot.get_or_insert_with(|| Analyser::new(LogSummary::of(log)));
        analyser.analyse(name, log, survey, settings)
    });
    // Spend beside the log: acquisition versus retention on the same periods.
    let analysis = match first_spend(files) {
        Some(rows) => {
            let value = CustomerValue::of(analysis.summary.simple_clv.as_ref(), margin_pct, discount_pct);
            analysis.with_spend(log, rows, value)
        }
        None => analysis,
    };
    Some(Box::new(analysis))
}

fn handle(id: u64, request: Request, file: Option<File>) {
    match request {
        Request::Reset(_) => {
            FILES.with(|f| f.borrow_mut().clear());
            ANALYSER.with(|a| a.borrow_mut().take());
            forget_fits();
            models::forget_log();
            answer::<p::Reset>(id, Ok(()));
        }
        Request::Cancel(p::Cancel { id: target }) => {
            CANCELLED.with(|c| c.borrow_mut().insert(target));
            parts::cancel(target);
            answer::<p::Cancel>(id, Ok(()));
        }
        Request::ExportErrors(p::ExportErrors { lang }) => {
            let csv = FILES.with(|f| {
                lang.row_errors().csv(f.borrow().iter().map(|x| (x.name.as_str(), x.errors.listed.as_slice())))
            });
            answer::<p::ExportErrors>(id, Ok(csv));
        }
        Request::Analyse(p::Analyse { settings, margin_pct, discount_pct }) => {
            let value = (margin_pct, discount_pct);
            answer::<p::Analyse>(id, Ok(FILES.with(|f| analyse(&f.borrow(), &settings, value))));
        }
        Request::ExportSegment(p::ExportSegment { segment }) => {
            let csv = FILES.with(|f| {
                let files = f.borrow();
                let (_, log) = first_log(&files).ok_or(WorkerError::NoLog)?;
                let (_, scored) = rfm::score(log);
                Ok(rfm::segment_csv(log, &scored, segment))
            });
            answer::<p::ExportSegment>(id, csv);
        }
        Request::FitModel(p::FitModel { settings, model }) => {
            let fit = with_valuer(|source, valuer| valuer.fit(source, &settings, model, &js_sys::Date::now));
            answer::<p::FitModel>(id, Ok(fit));
        }
        Request::Value(p::Value { settings }) => {
            let valuation = with_valuer(|source, valuer| valuer.value(source, &settings, &js_sys::Date::now)).flatten();
            answer::<p::Value>(id, Ok(valuation.map(Box::new)));
        }
        Request::CustomerPage(p::CustomerPage { query }) => {
            let page = with_valuer(|source, valuer| valuer.page(source, &query)).unwrap_or_default();
            answer::<p::CustomerPage>(id, Ok(page));
        }
        Request::ExportCustomers(p::ExportCustomers { query }) => {
            let csv = with_valuer(|source, valuer| valuer.csv(source, &query)).unwrap_or_default();
            answer::<p::ExportCustomers>(id, Ok(csv));
        }
        Request::Subscriptions(p::Subscriptions { unit, discount_pct }) => {
            let figures = FILES.with(|f| {
                f.borrow().iter().find_map(|file| match &file.dataset {
                    Dataset::Subscriptions(rows) => {
                        crate::metrics::lifetime::SubscriptionFigures::of(rows, unit, discount_pct / 100.0)
                    }
                    _ => None,
                })
            });
            answer::<p::Subscriptions>(id, Ok(figures.map(Box::new)));
        }
        Request::Detect(_) => {
            let result = file.as_ref().ok_or(Failure::Worker(WorkerError::NoFile)).and_then(detect_file);
            answer::<p::Detect>(id, Failure::into_answer(result));
        }
        Request::Read(p::Read { settings, workers }) => {
            let Some(file) = file else { return answer::<p::Read>(id, Err(WorkerError::NoFile)) };
            wasm_bindgen_futures::spawn_local(async move {
                let result = read_file(id, &file, settings, workers).await;
                CANCELLED.with(|c| c.borrow_mut().remove(&id));
                answer::<p::Read>(id, Failure::into_answer(result));
            });
        }
    }
}

/// Starts listening for requests.
pub fn start() {
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let data = event.data();
        // A part of a file to read, from the worker that reads it in parts; a log or a
        // request for the model worker.
        if let Ok(job) = js_sys::Reflect::get(&data, &parts::FIELD_PART.into()) {
            if job.is_object() {
                return parts::run(job);
            }
        }
        if let Ok(job) = js_sys::Reflect::get(&data, &models::FIELD_MODELS.into()) {
            if job.is_object() {
                return models::run(job);
            }
        }
        let request = js_sys::Reflect::get(&data, &p::FIELD_REQUEST.into()).unwrap_or(JsValue::UNDEFINED);
        let file = js_sys::Reflect::get(&data, &p::FIELD_FILE.into()).ok().and_then(|f| f.dyn_into::<File>().ok());
        match serde_wasm_bindgen::from_value::<Envelope<Request>>(request.clone()) {
            // The models of a log are fitted on the model worker.
            Ok(m) if models::is_model_request(&m.body) && FILES.with(|f| first_log(&f.borrow()).is_some()) => {
                models::hand_on(m.id, m.body, request, model_log_bytes)
            }
            Ok(m) => handle(m.id, m.body, file),
            Err(e) => {
                // Answer the id, if there is one, so that the request does not wait forever.
                let id = js_sys::Reflect::get(&request, &p::FIELD_ID.into()).ok().and_then(|v| v.as_f64());
                let fault = Err::<(), _>(WorkerError::NotUnderstood { message: e.to_string() });
                post(id.unwrap_or(0.0) as u64, p::KIND_ANSWER, &fault);
            }
        }
    });
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // The slice-reading helper starts now, not at the first read (a part worker reads
    // its own slices).
    if !parts::is_part_worker() && !models::is_model_worker() {
        HELPER.with(|_| ());
    }
    // The page waits for this before it sends anything.
    post(0, p::KIND_HELLO, &());
    // Then, while nobody waits, a small synthetic log is read and analysed once, so that
    // the browser has compiled the hot code with its optimising tier before the first
    // real file arrives (otherwise a small file is read at baseline-compiler speed).
    let warm = Closure::once_into_js(warm_up);
    let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(warm.unchecked_ref(), 0);
}

/// Reads and analyses about 1 MB of generated orders, and forgets them; then, in the
/// page's worker, starts the part workers (which warm up the same way) and the model
/// worker.
fn warm_up() {
    // (The model worker reads no file.)
    if models::is_model_worker() {
        return;
    }
    warm_up_here();
    if !parts::is_part_worker() {
        parts::prestart();
        // The model worker too: nothing is fetched once a file has come.
        models::prestart();
    }
}

fn warm_up_here() {
    use crate::synth::{log_string, LogOptions};
    let text = log_string(&LogOptions { rows: WARM_UP_ROWS, seed: 1, ..LogOptions::default() });
    if let Ok(file) = crate::ingest::read_file("warm-up.csv", &text) {
        // As after a load, then as after a change of window and of granularity.
        let report = FileReport::of(&file);
        if let (Dataset::Transactions(log), Content::Transactions(summary)) = (&file.dataset, report.content) {
            let mut analyser = Analyser::new(*summary);
            for (granularity, window_days) in
                [(Granularity::Month, 90), (Granularity::Month, 30), (Granularity::Week, 30)]
            {
                let settings = AnalysisSettings { granularity, window_days, segment_by: None };
                let _ = analyser.analyse("warm-up.csv", log, None, &settings);
            }
        }
    }
}
