//! The few browser calls the UI makes, in one place.

use wasm_bindgen::JsCast;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a window has a document")
}

/// Registers the service worker (`src/sw.js`, copied next to the page), which keeps the
/// app's own files so that the page opens offline after the first visit. Only for a
/// page served over http(s) where the browser offers service workers (a secure context):
/// not for the single-file build opened from disk. A failed registration (storage
/// turned off, say) only means no offline copy, so it is not reported.
pub fn register_service_worker() {
    let w = window();
    let protocol = w.location().protocol().unwrap_or_default();
    let navigator = w.navigator();
    let offered = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).is_ok_and(|sw| sw.is_object());
    if !(protocol == "http:" || protocol == "https:") || !offered {
        return;
    }
    let registration = navigator.service_worker().register("./sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(registration).await;
    });
}

/// `location.search`, e.g. `?language=nl`.
pub fn query() -> String {
    window().location().search().unwrap_or_default()
}

/// `navigator.language`, e.g. `nl-NL`.
pub fn language() -> String {
    window().navigator().language().unwrap_or_default()
}

pub fn set_document_lang(lang: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang);
    }
}

/// Mirrors a setting in the URL without reloading, so a link reproduces the view.
pub fn set_query_params(pairs: &[(&str, &str)]) {
    let w = window();
    let current = w.location().href().unwrap_or_default();
    let Ok(url) = web_sys::Url::new(&current) else { return };
    for (name, value) in pairs {
        url.search_params().set(name, value);
    }
    // One history entry update (each costs an IPC to the browser: tens of ms on a busy
    // machine), and none when nothing changed.
    let href = url.href();
    if href != current {
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
    }
}

/// Offers `contents` as a download made in the browser (nothing is sent anywhere).
pub fn download(filename: &str, mime: &str, contents: &str) {
    if let Some(blob) = text_blob(contents, mime) {
        download_blob(filename, &blob);
    }
}

/// A `Blob` holding `text` (as UTF-8) with the given type.
fn text_blob(text: &str, mime: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()
}

/// Offers a blob as a download.
fn download_blob(filename: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Offers an SVG chart as a PNG at twice its size, drawn on a canvas in the page.
pub fn download_svg_as_png(filename: &str, svg: &str, width: u32, height: u32) {
    use wasm_bindgen::closure::Closure;
    let Some(blob) = text_blob(svg, "image/svg+xml") else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let Ok(image) = web_sys::HtmlImageElement::new() else { return };
    let filename = filename.to_string();
    let loaded = image.clone();
    let svg_url = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&svg_url);
        let Ok(canvas) = document().create_element("canvas") else { return };
        let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
        canvas.set_width(width * 2);
        canvas.set_height(height * 2);
        let Some(ctx) = canvas.get_context("2d").ok().flatten() else { return };
        let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, f64::from(width * 2), f64::from(height * 2));
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(
            &loaded,
            0.0,
            0.0,
            f64::from(width * 2),
            f64::from(height * 2),
        );
        let save = Closure::once_into_js(move |png: Option<web_sys::Blob>| {
            if let Some(png) = png {
                download_blob(&filename, &png);
            }
        });
        let _ = canvas.to_blob(save.unchecked_ref());
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&url);
}

/// Milliseconds from a monotonic clock.
pub fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// A `performance.mark` for the in-browser benchmarks (`bench/`): `rc:read-done`,
/// `rc:analysis-done`, `rc:ready`.
pub fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

// Local storage by hand, not through gloo-storage: gloo's `LocalStorage` throws
// (panics) where there is no storage, as in a sandboxed iframe an embed may run in;
// here a missing storage means "nothing remembered", and the page works on.

/// A saved value from the browser's local storage (it never leaves the machine).
pub fn load_setting(key: &str) -> Option<String> {
    window().local_storage().ok().flatten()?.get_item(key).ok().flatten()
}

pub fn save_setting(key: &str, value: &str) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(key, value);
    }
}

/// A `File` made in the page from text (pasted data, the built-in sample).
pub fn file_from_text(name: &str, text: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::FilePropertyBag::new();
    options.set_type("text/csv");
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).ok()
}

/// Today in the browser's time zone, `YYYY-MM-DD`.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// Scrolls the element with `id` into view (nothing when there is none).
pub fn scroll_to(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        el.scroll_into_view();
    }
}

/// The page's address without its fragment (`#…`).
pub fn page_url_without_fragment() -> String {
    let href = window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The page address's fragment, `#…` (empty without one).
pub fn fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// Puts `text` on the clipboard (where the browser allows it; the text stays selectable
/// in the page either way).
pub fn copy_text(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}

/// In an iframe: tells the host page the page's height now and whenever it changes
/// (`{ type: "retention-calculator:height", height }`, `crate::embed::HEIGHT_MESSAGE`),
/// so that the host can size the frame to its content. Only a height is sent; any host
/// may read it. Nothing happens outside a frame.
pub fn post_height_to_host() {
    use wasm_bindgen::closure::Closure;
    let w = window();
    let Ok(Some(parent)) = w.parent() else { return };
    if js_sys::Object::is(&parent, &w) {
        return;
    }
    let Some(root) = document().document_element() else { return };
    let measured = root.clone();
    let last = std::cell::Cell::new(-1.0);
    let post = Closure::<dyn Fn()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil();
        if height == last.get() {
            return;
        }
        last.set(height);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &crate::embed::HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        let _ = parent.post_message(&message, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    // The page lives as long as the observer: its callback is never freed.
    post.forget();
}

/// Replaces the page with `url` (relative to it), leaving no history entry.
pub fn replace_location(url: &str) {
    let _ = window().location().replace(url);
}

/// Sizes the iframe in `frame` by the height messages its page posts (the host side of
/// [`post_height_to_host`], as `crate::embed::snippet` writes it for other sites), for as
/// long as the returned listener lives.
pub fn size_frame_by_messages(frame: yew::NodeRef) -> MessageListener {
    use wasm_bindgen::closure::Closure;
    let callback = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let Some(frame) = frame.cast::<web_sys::HtmlIFrameElement>() else { return };
        let from_frame = match (frame.content_window(), e.source()) {
            (Some(w), Some(source)) => js_sys::Object::is(&w, &source),
            _ => false,
        };
        let data = e.data();
        let kind = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|v| v.as_string());
        let height = js_sys::Reflect::get(&data, &"height".into()).ok().and_then(|v| v.as_f64());
        if let (true, Some(crate::embed::HEIGHT_MESSAGE), Some(h)) = (from_frame, kind.as_deref(), height) {
            if h > 0.0 && h < 20_000.0 {
                let _ = frame.style().set_property("height", &format!("{}px", h.ceil()));
            }
        }
    });
    let _ = window().add_event_listener_with_callback("message", callback.as_ref().unchecked_ref());
    MessageListener { callback }
}

/// A `message` listener on the window, removed when dropped.
pub struct MessageListener {
    callback: wasm_bindgen::closure::Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl Drop for MessageListener {
    fn drop(&mut self) {
        let _ = window().remove_event_listener_with_callback("message", self.callback.as_ref().unchecked_ref());
    }
}
