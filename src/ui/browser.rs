//! Thin, fallible wrappers over the browser: fetch or download a text file, copy to the clipboard,
//! localStorage, the URL (query, hash), navigator.language. Every function degrades to a no-op
//! (or `None`) instead of panicking when an API is missing.

use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The text of the file at `url` (relative to the page); `None` on any failure (offline, HTTP
/// error, unreadable body).
pub async fn fetch_text(url: &str) -> Option<String> {
    use wasm_bindgen_futures::JsFuture;
    let response = JsFuture::from(window()?.fetch_with_str(url)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

/// `text` as a Blob of type `mime`.
pub fn text_blob(mime: &str, text: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::new();
    parts.push(&wasm_bindgen::JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag).ok()
}

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> bool {
    text_blob(mime, text).is_some_and(|blob| download_blob(filename, &blob))
}

/// Offers a Blob (an image, a file) as a download named `filename`.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> bool {
    let Some(document) = window().and_then(|w| w.document()) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return false };
    let ok = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(filename);
            a.click();
        })
        .is_some();
    let _ = web_sys::Url::revoke_object_url(&url);
    ok
}

/// Copies `text` to the clipboard (asynchronously; failures are ignored).
pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.local_storage().ok().flatten())
}

pub fn storage_get(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

pub fn storage_set(key: &str, value: &str) -> bool {
    storage().map(|s| s.set_item(key, value).is_ok()).unwrap_or(false)
}

pub fn storage_remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// `location.search` (e.g. `?embed`).
pub fn query() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// `location.hash` without the leading `#`.
pub fn hash() -> String {
    let h = window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    h.strip_prefix('#').map(str::to_string).unwrap_or(h)
}

/// Removes the hash from the address bar without reloading.
pub fn clear_hash() {
    if let Some(w) = window() {
        let path = w.location().pathname().unwrap_or_default();
        let search = w.location().search().unwrap_or_default();
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}")));
        }
    }
}

/// The page's address without query or hash (`https://host/path/`).
pub fn base_url() -> String {
    let Some(w) = window() else { return String::new() };
    let l = w.location();
    format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default())
}

/// The directory of the page's address (`https://host/path/` for `https://host/path/index.html`).
pub fn page_dir() -> String {
    let base = base_url();
    match base.rfind('/') {
        Some(i) => base[..=i].to_string(),
        None => base,
    }
}

/// The full simulator's address from the light embed (`…/embed/` or `…/embed/charts/` → `…/`).
pub fn full_page_url() -> String {
    let dir = page_dir();
    match dir.strip_suffix("embed/charts/").or_else(|| dir.strip_suffix("embed/")) {
        Some(parent) => parent.to_string(),
        None => dir,
    }
}

/// The light embed's address from the full page (`…/` → `…/embed/`).
pub fn embed_url() -> String {
    format!("{}embed/", page_dir())
}

/// The browser's preferred language tag (`fr-FR`), empty when unknown.
pub fn navigator_language() -> String {
    window().and_then(|w| w.navigator().language()).unwrap_or_default()
}

/// Sets `<html lang>` and the document title.
pub fn set_document_lang(code: &str, title: &str) {
    if let Some(doc) = window().and_then(|w| w.document()) {
        if let Some(el) = doc.document_element() {
            let _ = el.set_attribute("lang", code);
        }
        doc.set_title(title);
    }
}

/// Focuses the element with this id, if any.
pub fn focus(id: &str) {
    if let Some(el) = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
