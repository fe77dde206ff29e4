//! The page's side of the Web Worker. It is started with the page (so that reading a
//! file later makes no request at all); each request has an id, its answer resolves a
//! future, and progress reports go to a callback.

use super::browser;
use crate::ingest::{FileError, FileErrorKind};
use crate::protocol::{Envelope, Reply, Request};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};

type ProgressFn = Box<dyn Fn(u64, u64, u64)>;
type Resolvers = Rc<RefCell<HashMap<u64, js_sys::Function>>>;
/// Replies that arrived, by request id, until their request takes them.
type Answers = Rc<RefCell<HashMap<u64, Reply>>>;

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

fn failure(kind: FileErrorKind) -> Reply {
    Reply::Failed(FileError::new(kind))
}

/// Hands `reply` to the request waiting for it (the reply itself, not a copy in JSON).
fn deliver(answers: &Answers, id: u64, f: js_sys::Function, reply: Reply) {
    answers.borrow_mut().insert(id, reply);
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
    pub fn open() -> Result<Rc<Conn>, String> {
        let worker = Worker::new(&worker_url()).map_err(|e| format!("{e:?}"))?;
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
                let Some(json) = e.data().as_string() else { return };
                let Ok(m) = serde_json::from_str::<Envelope<Reply>>(&json) else { return };
                match m.body {
                    Reply::Hello => {
                        listening.set(true);
                        if let Some(f) = hello.borrow_mut().take() {
                            let _ = f.call0(&JsValue::NULL);
                        }
                    }
                    Reply::Progress { bytes, total, rows } => {
                        if let Some(f) = progress.borrow().as_ref() {
                            f(bytes, total, rows);
                        }
                    }
                    reply => {
                        if let Some(f) = pending.borrow_mut().remove(&m.id) {
                            deliver(&answers, m.id, f, reply);
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
                    deliver(&answers, id, f, failure(FileErrorKind::WorkerFailed { message: message.clone() }));
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

    pub fn on_progress(&self, f: impl Fn(u64, u64, u64) + 'static) {
        *self.progress.borrow_mut() = Some(Box::new(f));
    }

    fn post(&self, id: u64, request: &Request, file: Option<&File>) -> Result<(), String> {
        let message = js_sys::Object::new();
        let json = serde_json::to_string(&Envelope { id, body: request }).map_err(|e| e.to_string())?;
        let _ = js_sys::Reflect::set(&message, &"request".into(), &JsValue::from_str(&json));
        if let Some(f) = file {
            let _ = js_sys::Reflect::set(&message, &"file".into(), f);
        }
        self.worker.post_message(&message).map_err(|e| format!("{e:?}"))
    }

    /// Sends a request (with a file, if any) and waits for its answer. Once the worker
    /// listens, the request is posted when this future is first polled.
    pub async fn request(&self, request: &Request, file: Option<&File>) -> Reply {
        if !self.listening.get() {
            let _ = wasm_bindgen_futures::JsFuture::from(self.ready.clone()).await;
        }
        if let Some(message) = self.broken.borrow().clone() {
            return failure(FileErrorKind::WorkerFailed { message });
        }
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let pending = self.pending.clone();
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            pending.borrow_mut().insert(id, resolve);
        });
        if let Err(message) = self.post(id, request, file) {
            self.pending.borrow_mut().remove(&id);
            return failure(FileErrorKind::WorkerFailed { message });
        }
        let is_read = matches!(request, Request::Read { .. });
        if is_read {
            self.reading.set(Some(id));
        }
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        if is_read && self.reading.get() == Some(id) {
            self.reading.set(None);
        }
        let answer = self.answers.borrow_mut().remove(&id);
        answer.unwrap_or_else(|| failure(FileErrorKind::WorkerFailed { message: "no answer".into() }))
    }

    /// Asks the worker to stop the read under way (it answers that read as cancelled).
    pub fn cancel_read(&self) {
        if let Some(target) = self.reading.get() {
            let id = self.next_id.get();
            self.next_id.set(id + 1);
            let _ = self.post(id, &Request::Cancel { id: target }, None);
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
