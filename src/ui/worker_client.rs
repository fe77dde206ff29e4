//! The page's side of the Web Worker. It is started with the page (so that reading a
//! file later makes no request at all); each request has an id, its answer (of the
//! request's own type, `crate::protocol::Ask`) resolves a future, and progress
//! reports go to a callback.

use super::browser;
use crate::protocol::{self as p, Ask, Envelope, ReadProgress, Request, WorkerError};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};

type ProgressFn = Box<dyn Fn(ReadProgress)>;
type Resolvers = Rc<RefCell<HashMap<u64, js_sys::Function>>>;
/// Answers that arrived (still to be decoded into their request's type), by request
/// id, until their request takes them.
type Answers = Rc<RefCell<HashMap<u64, Answered>>>;

enum Answered {
    /// The body of the worker's answer: `Result<Answer, WorkerError>`.
    Body(JsValue),
    /// No answer will come: the worker stopped.
    Stopped(String),
}

pub struct Conn {
    worker: Worker,
    /// Resolves when the worker has started and listens (its hello).
    ready: js_sys::Promise,
    /// Whether it has (then a request is posted at once, without waiting a microtask).
    listening: Rc<Cell<bool>>,
    pending: Resolvers,
    answers: Answers,
    next_id: Cell<u64>,
    /// The read under way, if any (to cancel it).
    reading: Cell<Option<u64>>,
    progress: Rc<RefCell<Option<ProgressFn>>>,
    /// Why the worker stopped, once it has.
    broken: Rc<RefCell<Option<String>>>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(ErrorEvent)>,
}

/// Hands `answer` to the request waiting for it.
fn deliver(answers: &Answers, id: u64, f: js_sys::Function, answer: Answered) {
    answers.borrow_mut().insert(id, answer);
    let _ = f.call0(&JsValue::NULL);
}

/// The worker script's address: the build writes it into `<meta name="worker">`.
fn worker_url() -> String {
    browser::document()
        .query_selector("meta[name=worker]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "./worker_loader.js".to_string())
}

impl Conn {
    pub fn open() -> Result<Rc<Conn>, WorkerError> {
        let worker = Worker::new(&worker_url()).map_err(|e| WorkerError::CannotStart { message: format!("{e:?}") })?;
        let pending: Resolvers = Rc::default();
        let answers: Answers = Rc::default();
        let progress: Rc<RefCell<Option<ProgressFn>>> = Rc::default();
        let broken: Rc<RefCell<Option<String>>> = Rc::default();
        let hello: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
        let listening: Rc<Cell<bool>> = Rc::default();
        let ready = {
            let hello = hello.clone();
            js_sys::Promise::new(&mut |resolve, _| *hello.borrow_mut() = Some(resolve))
        };
        let onmessage = {
            let (pending, answers, progress, hello, listening) =
                (pending.clone(), answers.clone(), progress.clone(), hello.clone(), listening.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let data = e.data();
                let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).unwrap_or(JsValue::UNDEFINED);
                let id = field(p::FIELD_ID).as_f64().unwrap_or(0.0) as u64;
                match field(p::FIELD_KIND).as_string().as_deref() {
                    Some(p::KIND_HELLO) => {
                        listening.set(true);
                        if let Some(f) = hello.borrow_mut().take() {
                            let _ = f.call0(&JsValue::NULL);
                        }
                    }
                    Some(p::KIND_PROGRESS) => {
                        let report = serde_wasm_bindgen::from_value::<ReadProgress>(field(p::FIELD_BODY));
                        if let (Some(f), Ok(report)) = (progress.borrow().as_ref(), report) {
                            f(report);
                        }
                    }
                    _ => {
                        if let Some(f) = pending.borrow_mut().remove(&id) {
                            deliver(&answers, id, f, Answered::Body(field(p::FIELD_BODY)));
                        }
                    }
                }
            })
        };
        let onerror = {
            let (pending, answers, broken) = (pending.clone(), answers.clone(), broken.clone());
            Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
                e.prevent_default();
                let message = e.message();
                *broken.borrow_mut() = Some(message.clone());
                if let Some(f) = hello.borrow_mut().take() {
                    let _ = f.call0(&JsValue::NULL);
                }
                let waiting: Vec<_> = pending.borrow_mut().drain().collect();
                for (id, f) in waiting {
                    deliver(&answers, id, f, Answered::Stopped(message.clone()));
                }
            })
        };
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(Rc::new(Conn {
            worker,
            ready,
            listening,
            pending,
            answers,
            next_id: Cell::new(1),
            reading: Cell::new(None),
            progress,
            broken,
            _onmessage: onmessage,
            _onerror: onerror,
        }))
    }

    /// Whether the worker has stopped (then a new one is needed).
    pub fn is_broken(&self) -> bool {
        self.broken.borrow().is_some()
    }

    pub fn on_progress(&self, f: impl Fn(ReadProgress) + 'static) {
        *self.progress.borrow_mut() = Some(Box::new(f));
    }

    fn post(&self, id: u64, request: Request, file: Option<&File>) -> Result<(), WorkerError> {
        let message = js_sys::Object::new();
        let request = serde_wasm_bindgen::to_value(&Envelope { id, body: request })
            .map_err(|e| WorkerError::NotUnderstood { message: e.to_string() })?;
        let _ = js_sys::Reflect::set(&message, &p::FIELD_REQUEST.into(), &request);
        if let Some(f) = file {
            let _ = js_sys::Reflect::set(&message, &p::FIELD_FILE.into(), f);
        }
        self.worker.post_message(&message).map_err(|e| WorkerError::Stopped { message: format!("{e:?}") })
    }

    /// Sends a request (with a file, if any) and waits for its answer. Once the worker
    /// listens, the request is posted when this future is first polled.
    pub async fn request<A: Ask>(&self, request: A, file: Option<&File>) -> Result<A::Answer, WorkerError> {
        if !self.listening.get() {
            let _ = wasm_bindgen_futures::JsFuture::from(self.ready.clone()).await;
        }
        if let Some(message) = self.broken.borrow().clone() {
            return Err(WorkerError::Stopped { message });
        }
        let request: Request = request.into();
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let pending = self.pending.clone();
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            pending.borrow_mut().insert(id, resolve);
        });
        let is_read = matches!(request, Request::Read(_));
        if let Err(e) = self.post(id, request, file) {
            self.pending.borrow_mut().remove(&id);
            return Err(e);
        }
        if is_read {
            self.reading.set(Some(id));
        }
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        if is_read && self.reading.get() == Some(id) {
            self.reading.set(None);
        }
        let answer = self.answers.borrow_mut().remove(&id);
        match answer {
            Some(Answered::Body(body)) => serde_wasm_bindgen::from_value::<Result<A::Answer, WorkerError>>(body)
                .unwrap_or_else(|e| Err(WorkerError::NotUnderstood { message: e.to_string() })),
            Some(Answered::Stopped(message)) => Err(WorkerError::Stopped { message }),
            None => Err(WorkerError::NotUnderstood { message: format!("no answer to request {id}") }),
        }
    }

    /// Asks the worker to stop the read under way (it answers that read as cancelled).
    pub fn cancel_read(&self) {
        if let Some(target) = self.reading.get() {
            let id = self.next_id.get();
            self.next_id.set(id + 1);
            let _ = self.post(id, p::Cancel { id: target }.into(), None);
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
