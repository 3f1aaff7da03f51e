//! The embeds' link, inflated by the browser (`DecompressionStream("deflate-raw")`) instead of a
//! decompressor in their wasm: `miniz_oxide`'s inflate was 5.5 kB of the light embed's gzip (issue
//! 14 §1; the embed with charts, `ui::embed::start_with_charts`, uses it too). Everything before and after inflating is `share`'s own code (`deflated_payload`,
//! `scenario_text`), and the output is bounded the same way: past `share::MAX_DECODED_BYTES` the
//! stream is cancelled and the link is "too large", so a small link cannot fill the page's memory.
//!
//! ```text
//!  #s=1.xxx ─▶ share::deflated_payload ─▶ Blob.stream().pipeThrough(DecompressionStream)
//!     ─▶ reader.read() … (chunks counted) ─▶ share::scenario_text ─▶ EmbedState::boot_decoded
//! ```
//! Bytes after the end of the compressed data make the link "damaged" here, as in the full page
//! (`share::decode_scenario`). A browser without `DecompressionStream` (Safari before 16.4,
//! Firefox before 113) says so (`ShareError::BrowserCannotInflate`), not that the link is damaged.

use crate::share::{deflated_payload, scenario_text, ShareError, MAX_DECODED_BYTES};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// A `ReadableStream`, seen through the two methods used here.
    type Stream;
    #[wasm_bindgen(method, js_name = pipeThrough)]
    fn pipe_through(this: &Stream, transform: &Decompressor) -> Stream;
    #[wasm_bindgen(method, js_name = getReader)]
    fn get_reader(this: &Stream) -> Reader;

    type Reader;
    /// `reader.read()`: a promise of `{ done, value }`.
    #[wasm_bindgen(method)]
    fn read(this: &Reader) -> Thenable;
    #[wasm_bindgen(method)]
    fn cancel(this: &Reader) -> JsValue;

    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompressor;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Decompressor, JsValue>;

    /// A `Blob` of the compressed bytes, read as a stream.
    #[wasm_bindgen(js_name = Blob)]
    type Bytes;
    #[wasm_bindgen(constructor, js_class = "Blob", catch)]
    fn new(parts: &js_sys::Array) -> Result<Bytes, JsValue>;
    #[wasm_bindgen(method)]
    fn stream(this: &Bytes) -> Stream;

    type Thenable;
    #[wasm_bindgen(method, js_name = then)]
    fn then_call(this: &Thenable, resolve: &JsValue, reject: &JsValue) -> Thenable;
}

/// What to do with the decoded link (`None`: the page has no link).
type Then = Box<dyn FnOnce(Option<Result<String, ShareError>>)>;

struct Inflating {
    reader: Reader,
    out: Vec<u8>,
    then: Option<Then>,
}

/// Decodes the link `payload` (the `s=` part of the hash, if any) and calls `then` with its
/// scenario text or why it cannot be read: at once without a link or when the link is refused
/// before inflating, else when the browser has inflated it.
pub fn decode_link(payload: Option<&str>, then: impl FnOnce(Option<Result<String, ShareError>>) + 'static) {
    let then: Then = Box::new(then);
    let Some(payload) = payload else { return then(None) };
    let compressed = match deflated_payload(payload) {
        Ok(bytes) => bytes,
        Err(e) => return then(Some(Err(e))),
    };
    match reader_of(&compressed) {
        Ok(reader) => pump(Rc::new(RefCell::new(Inflating { reader, out: Vec::new(), then: Some(then) }))),
        Err(e) => then(Some(Err(e))),
    }
}

/// A reader of `compressed` inflated as raw deflate, or why there is none (the browser has no
/// `DecompressionStream`, or it refuses the format).
fn reader_of(compressed: &[u8]) -> Result<Reader, ShareError> {
    let decompressor = Decompressor::new("deflate-raw").map_err(|_| ShareError::BrowserCannotInflate)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(compressed));
    let blob = Bytes::new(&parts).map_err(|_| ShareError::BadCompression)?;
    Ok(blob.stream().pipe_through(&decompressor).get_reader())
}

/// Reads the next chunk; calls `then` at the end, at an error, or past the size limit.
fn pump(state: Rc<RefCell<Inflating>>) {
    let read = state.borrow().reader.read();
    let failed = state.clone();
    let on_chunk = Closure::once_into_js(move |chunk: JsValue| {
        let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done")).ok().and_then(|d| d.as_bool());
        let value = js_sys::Reflect::get(&chunk, &JsValue::from_str("value")).ok();
        let outcome = {
            let mut s = state.borrow_mut();
            match (done, value.and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())) {
                (Some(true), _) => Some(scenario_text(std::mem::take(&mut s.out))),
                (Some(false), Some(bytes)) if s.out.len() + bytes.length() as usize > MAX_DECODED_BYTES => {
                    let _ = s.reader.cancel();
                    Some(Err(ShareError::TooLarge { limit: MAX_DECODED_BYTES }))
                }
                (Some(false), Some(bytes)) => {
                    let at = s.out.len();
                    s.out.resize(at + bytes.length() as usize, 0);
                    bytes.copy_to(&mut s.out[at..]);
                    None
                }
                _ => Some(Err(ShareError::BadCompression)),
            }
        };
        match outcome {
            Some(result) => finish(&state, result),
            None => pump(state),
        }
    });
    let on_error = Closure::once_into_js(move |_: JsValue| finish(&failed, Err(ShareError::BadCompression)));
    let _ = read.then_call(&on_chunk, &on_error);
}

fn finish(state: &Rc<RefCell<Inflating>>, result: Result<String, ShareError>) {
    let then = state.borrow_mut().then.take();
    if let Some(then) = then {
        then(Some(result));
    }
}
