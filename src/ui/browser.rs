//! The few browser calls the UI makes, in one place.

use wasm_bindgen::JsCast;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a window has a document")
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
pub fn set_query_param(name: &str, value: &str) {
    let w = window();
    let Ok(url) = web_sys::Url::new(&w.location().href().unwrap_or_default()) else { return };
    url.search_params().set(name, value);
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

/// Offers `contents` as a download made in the browser (nothing is sent anywhere).
pub fn download(filename: &str, mime: &str, contents: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The bytes of a picked or dropped file.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
