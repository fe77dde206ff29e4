//! The lifetime-value models on a worker of their own (issue 13, point 3).
//!
//! Fitting BG/NBD, Pareto/NBD and the others takes seconds at 10⁶ rows. In the worker
//! the page talks to (the coordinator), every request waits for the one before, so a
//! change of window right after a load waited about 3 s behind the fits. Now the
//! coordinator hands the model requests (`FitModel`, `Value`, `CustomerPage`,
//! `ExportCustomers`) on, as the page sent them, to a model worker: a copy of itself
//! (`new Worker(self.location.href)`, named `models`), started with the part workers
//! after the coordinator's warm-up (so that nothing is fetched once a file has come).
//! Before the first request about a log it posts that log
//! (`CustomerLog::encode`, an `ArrayBuffer` moved, not copied). The model worker
//! answers with the answer the coordinator would have given (the same `handle`), and
//! the coordinator passes it to the page unchanged. Meanwhile the coordinator answers
//! `Analyse` at once.
//!
//! When there is no log (the models fit a customer summary file, which is small), when
//! the model worker cannot start or does not say hello within 20 s, the coordinator
//! answers the request itself, as before. A model worker that dies answers its open
//! requests with its error, and the next request starts a new one.

use super::{handle, post, scope};
use crate::ingest::CustomerLog;
use crate::protocol::{self as p, Envelope, Request, WorkerError};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// The field of a message from the coordinator to the model worker.
pub const FIELD_MODELS: &str = "models";
/// The name the model worker is started with (`self.name` in it).
const MODEL_WORKER_NAME: &str = "models";
/// How long a new model worker may take to say hello.
const HELLO_WAIT_MS: i32 = 20_000;

thread_local! {
    /// In the coordinator: the model worker and a promise that resolves at its hello.
    static WORKER: RefCell<Option<(Worker, js_sys::Promise)>> = const { RefCell::new(None) };
    /// In the coordinator: which log the model worker has (`GENERATION` when it was
    /// sent), or none.
    static SENT: Cell<Option<u64>> = const { Cell::new(None) };
    /// In the coordinator: the model log's generation, moved on by every `Reset`.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    /// In the coordinator: requests handed on and not answered yet.
    static OPEN: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    /// In the model worker: the log the models are fitted to.
    static LOG: RefCell<Option<CustomerLog>> = const { RefCell::new(None) };
}

/// Whether this worker is the model worker.
pub fn is_model_worker() -> bool {
    scope().name() == MODEL_WORKER_NAME
}

/// Whether `request` is about the lifetime-value models.
pub fn is_model_request(request: &Request) -> bool {
    matches!(request, Request::FitModel(_) | Request::Value(_) | Request::CustomerPage(_) | Request::ExportCustomers(_))
}

/// In the coordinator, at a `Reset`: the log the model worker has is no longer the one.
pub fn forget_log() {
    GENERATION.with(|g| g.set(g.get() + 1));
}

/// In the coordinator, after its warm-up: starts the model worker, so that it is ready
/// when the page asks for the first fit and nothing is fetched after a file came.
pub fn prestart() {
    let _ = worker();
}

/// In the model worker: the log the models are fitted to, if one came.
pub fn with_log<T>(f: impl FnOnce(&CustomerLog) -> T) -> Option<T> {
    LOG.with(|l| l.borrow().as_ref().map(f))
}

/// In the coordinator: hands request `id` (`raw`, as the page sent it) to the model
/// worker with `log()` (the log's bytes) if the worker does not have it yet; answers it
/// here when that cannot be done.
pub fn hand_on(id: u64, request: Request, raw: JsValue, log: impl FnOnce() -> Option<Vec<u8>> + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        let generation = GENERATION.with(Cell::get);
        let ready = match worker() {
            Some((worker, hello)) if super::parts::settles_within(&hello, HELLO_WAIT_MS).await => Some(worker),
            _ => None,
        };
        // The log could have changed while waiting: only the current one is sent.
        let sent = ready.filter(|_| GENERATION.with(Cell::get) == generation).and_then(|worker| {
            if SENT.with(Cell::get) != Some(generation) {
                let bytes = log()?;
                let buffer = js_sys::Uint8Array::from(bytes.as_slice()).buffer();
                let message = envelope("log", &buffer)?;
                worker.post_message_with_transfer(&message, &js_sys::Array::of1(&buffer)).ok()?;
                SENT.with(|s| s.set(Some(generation)));
            }
            worker.post_message(&envelope("request", &raw)?).ok()?;
            OPEN.with(|o| o.borrow_mut().push(id));
            Some(())
        });
        if sent.is_none() {
            handle(id, request, None);
        }
    });
}

/// `{ models: { key: value } }`.
fn envelope(key: &str, value: &JsValue) -> Option<JsValue> {
    let inner = js_sys::Object::new();
    js_sys::Reflect::set(&inner, &key.into(), value).ok()?;
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &FIELD_MODELS.into(), &inner).ok()?;
    Some(message.into())
}

/// The model worker, started if need be (`None` when it cannot start).
fn worker() -> Option<(Worker, js_sys::Promise)> {
    if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
        return Some(w);
    }
    let href = js_sys::Reflect::get(&js_sys::global(), &"location".into())
        .and_then(|l| js_sys::Reflect::get(&l, &"href".into()))
        .ok()?
        .as_string()?;
    let options = web_sys::WorkerOptions::new();
    options.set_name(MODEL_WORKER_NAME);
    let worker = Worker::new_with_options(&href, &options).ok()?;
    let mut say_hello = None;
    let hello = js_sys::Promise::new(&mut |resolve, _| say_hello = Some(resolve));
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let field = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok();
        if field(p::FIELD_KIND).and_then(|v| v.as_string()).as_deref() == Some(p::KIND_HELLO) {
            if let Some(resolve) = &say_hello {
                let _ = resolve.call0(&JsValue::NULL);
            }
            return;
        }
        // An answer: to the page as it is.
        if let Some(id) = field(p::FIELD_ID).and_then(|v| v.as_f64()) {
            OPEN.with(|o| o.borrow_mut().retain(|&x| x != id as u64));
        }
        let _ = scope().post_message(&data);
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let onerror = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        // Its open requests fail with its message; the next one starts a new worker.
        if let Some((w, _)) = WORKER.with(|w| w.borrow_mut().take()) {
            w.terminate();
        }
        SENT.with(|s| s.set(None));
        let message = format!("model worker: {}", e.message());
        for id in OPEN.with(|o| std::mem::take(&mut *o.borrow_mut())) {
            post(id, p::KIND_ANSWER, &Err::<(), _>(WorkerError::Stopped { message: message.clone() }));
        }
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    WORKER.with(|w| *w.borrow_mut() = Some((worker.clone(), hello.clone())));
    Some((worker, hello))
}

/// In the model worker: a message from the coordinator (a log, or a request).
pub fn run(job: JsValue) {
    if let Ok(buffer) = js_sys::Reflect::get(&job, &"log".into()) {
        if !buffer.is_undefined() {
            let log = CustomerLog::decode(&js_sys::Uint8Array::new(&buffer).to_vec());
            LOG.with(|l| *l.borrow_mut() = log);
            super::forget_fits();
            return;
        }
    }
    let raw = js_sys::Reflect::get(&job, &"request".into()).unwrap_or(JsValue::UNDEFINED);
    match serde_wasm_bindgen::from_value::<Envelope<Request>>(raw) {
        Ok(m) => handle(m.id, m.body, None),
        Err(e) => post(0, p::KIND_ANSWER, &Err::<(), _>(WorkerError::NotUnderstood { message: e.to_string() })),
    }
}
