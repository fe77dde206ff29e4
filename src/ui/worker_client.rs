//! The page's side of the Web Worker: one request at a time, answered by a future;
//! progress reports go to a callback.

use super::browser;
use crate::ingest::{FileError, FileErrorKind};
use crate::protocol::{Reply, Request};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};

type ProgressFn = Box<dyn Fn(u64, u64, u64)>;

pub struct Conn {
    worker: Worker,
    /// Resolves when the worker has started and listens (its first message).
    ready: js_sys::Promise,
    /// Resolves the promise of the request under way.
    pending: Rc<RefCell<Option<js_sys::Function>>>,
    progress: Rc<RefCell<Option<ProgressFn>>>,
    /// Why the worker stopped, once it has.
    broken: Rc<RefCell<Option<String>>>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(ErrorEvent)>,
}

fn resolve(pending: &RefCell<Option<js_sys::Function>>, reply: &Reply) {
    if let Some(f) = pending.borrow_mut().take() {
        let json = serde_json::to_string(reply).unwrap_or_default();
        let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&json));
    }
}

fn failure(kind: FileErrorKind) -> Reply {
    Reply::Failed(FileError::new(kind))
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
        let pending: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
        let progress: Rc<RefCell<Option<ProgressFn>>> = Rc::default();
        let hello: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
        let ready = {
            let hello = hello.clone();
            js_sys::Promise::new(&mut |resolve, _| *hello.borrow_mut() = Some(resolve))
        };
        let hello_on_error = hello.clone();
        let broken: Rc<RefCell<Option<String>>> = Rc::default();
        let onmessage = {
            let (pending, progress) = (pending.clone(), progress.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                // Messages sent before the worker listens would be lost: it says hello first.
                if let Some(f) = hello.borrow_mut().take() {
                    let _ = f.call0(&JsValue::NULL);
                    return;
                }
                let Some(json) = e.data().as_string() else { return };
                let reply = serde_json::from_str::<Reply>(&json)
                    .unwrap_or_else(|e| failure(FileErrorKind::WorkerFailed { message: e.to_string() }));
                match reply {
                    Reply::Progress { bytes, total, rows } => {
                        if let Some(f) = progress.borrow().as_ref() {
                            f(bytes, total, rows);
                        }
                    }
                    other => resolve(&pending, &other),
                }
            })
        };
        let onerror = {
            let pending = pending.clone();
            let hello = hello_on_error.clone();
            let broken = broken.clone();
            Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
                e.prevent_default();
                *broken.borrow_mut() = Some(e.message());
                if let Some(f) = hello.borrow_mut().take() {
                    let _ = f.call0(&JsValue::NULL);
                }
                resolve(&pending, &failure(FileErrorKind::WorkerFailed { message: e.message() }));
            })
        };
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(Rc::new(Conn { worker, ready, pending, progress, broken, _onmessage: onmessage, _onerror: onerror }))
    }

    pub fn on_progress(&self, f: impl Fn(u64, u64, u64) + 'static) {
        *self.progress.borrow_mut() = Some(Box::new(f));
    }

    /// Sends a request (with a file, if any) and waits for its answer.
    pub async fn request(&self, request: &Request, file: Option<&File>) -> Reply {
        let _ = wasm_bindgen_futures::JsFuture::from(self.ready.clone()).await;
        if let Some(message) = self.broken.borrow().clone() {
            return failure(FileErrorKind::WorkerFailed { message });
        }
        let message = js_sys::Object::new();
        let json = serde_json::to_string(request).unwrap_or_default();
        let _ = js_sys::Reflect::set(&message, &"request".into(), &JsValue::from_str(&json));
        if let Some(f) = file {
            let _ = js_sys::Reflect::set(&message, &"file".into(), f);
        }
        let pending = self.pending.clone();
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            *pending.borrow_mut() = Some(resolve);
        });
        if let Err(e) = self.worker.post_message(&message) {
            return failure(FileErrorKind::WorkerFailed { message: format!("{e:?}") });
        }
        match wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|v| v.as_string()) {
            Some(json) => serde_json::from_str(&json)
                .unwrap_or_else(|e| failure(FileErrorKind::WorkerFailed { message: e.to_string() })),
            None => failure(FileErrorKind::WorkerFailed { message: "no answer".into() }),
        }
    }

    /// Stops the worker; the request under way ends as cancelled.
    pub fn cancel(&self) {
        self.worker.terminate();
        resolve(&self.pending, &failure(FileErrorKind::Cancelled));
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
