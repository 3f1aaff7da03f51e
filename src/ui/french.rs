//! The French of the catalogue tables a page's wasm carries in English only, fetched the first time
//! French is needed: the full page's own tables (`i18n::page_catalogue!`; issue 14 §2) and, in
//! the embeds, every table but the fallback notice (`i18n::shared_catalogue!`; issue 14 §1).
//! `i18n/fr.json` — written next to each page by scripts/i18n_french.py at build time (`dist/`,
//! `dist/embed/`, `dist/embed/charts/`) — holds their French: an English visitor never downloads it.
//!
//! The file is fetched through a plain promise chain and read by the browser's `JSON.parse`: no
//! async runtime and no deserialiser in the wasm for it (they cost the light embed more than the
//! French it leaves out).

use crate::i18n::{self, Lang};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where the page finds the file, relative to the page.
pub const FRENCH_URL: &str = "i18n/fr.json";

#[wasm_bindgen]
extern "C" {
    /// A promise, seen only through `then`.
    type Thenable;
    /// `promise.then(resolve, reject)` with plain functions (each a one-shot closure).
    #[wasm_bindgen(method, js_name = then)]
    fn then_call(this: &Thenable, resolve: &JsValue, reject: &JsValue) -> Thenable;
}

/// Calls `then(ready)` once `lang` can be shown: at once for English or when the French is
/// already there, otherwise after the file has been fetched. `ready` is false when the file could
/// not be fetched or read — the page then shows those texts in English and says so.
pub fn when_ready(lang: Lang, then: impl FnOnce(bool) + 'static) {
    // One copy of `then`'s body (a page's whole start is in it), called from either path.
    when_ready_boxed(lang, Box::new(then));
}

fn when_ready_boxed(lang: Lang, then: Box<dyn FnOnce(bool)>) {
    if lang == Lang::En || i18n::french_ready() {
        then(true);
        return;
    }
    let Some(window) = web_sys::window() else {
        then(false);
        return;
    };
    // fetch(url).then(response => response.ok ? response.text() : null).then(done, failed)
    let done = Rc::new(Cell::new(Some(then)));
    let failed = done.clone();
    let to_text = Closure::once_into_js(|response: JsValue| -> JsValue {
        match response.dyn_into::<web_sys::Response>() {
            Ok(r) if r.ok() => r.text().map(JsValue::from).unwrap_or(JsValue::NULL),
            _ => JsValue::NULL,
        }
    });
    let on_text = Closure::once_into_js(move |text: JsValue| {
        if let Some(then) = done.take() {
            then(text.as_string().is_some_and(|text| take(&text)));
        }
    });
    let on_error = Closure::once_into_js(move |_: JsValue| {
        if let Some(then) = failed.take() {
            then(false);
        }
    });
    let response: Thenable = window.fetch_with_str(FRENCH_URL).unchecked_into();
    let _ = response.then_call(&to_text, &JsValue::UNDEFINED).then_call(&on_text, &on_error);
}

/// Reads the file with the browser's `JSON.parse` and hands its texts to the catalogue. Refused
/// unless it is one object whose values are strings.
fn take(text: &str) -> bool {
    let Ok(value) = js_sys::JSON::parse(text) else { return false };
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return false;
    }
    let mut entries = Vec::new();
    for pair in js_sys::Object::entries(value.unchecked_ref()).iter() {
        let pair: js_sys::Array = pair.unchecked_into();
        match (pair.get(0).as_string(), pair.get(1).as_string()) {
            (Some(key), Some(french)) => entries.push((key, french)),
            _ => return false,
        }
    }
    i18n::add_french_entries(entries);
    true
}
