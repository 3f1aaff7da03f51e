//! The `postMessage` interface of an embed (`?embed`), and who may use it.
//!
//! The contract (README "Embedding"):
//! - Only an embed listens. The full page answers no message at all: a foreign page that opens
//!   portsim in a popup or a frame can neither read nor replace the user's work.
//! - An embed answers only its **parent** window (`event.source === window.parent`); a popup
//!   opener, a sibling frame or the page itself gets nothing. A top-level embed (no parent)
//!   does not listen. A parent with an opaque origin (`"null"`, e.g. a sandboxed frame) cannot
//!   be addressed and gets no answer.
//! - Replies go to the parent's origin as the message reported it (`event.origin`), never `"*"`:
//!   if the parent navigated away meanwhile, the browser drops the reply.
//! - An embed never reads or writes the full page's autosave (`app.rs`).
//!
//! ```text
//!  parent: frame.contentWindow.postMessage({ portsim: "runToEnd", args: [], id: 1 }, embedOrigin)
//!  embed ─▶ parent (targetOrigin = parent's origin): { portsim: "result", id: 1, value }
//!           a refused call: { portsim: "result", id, value: { error: "…" } }
//!  { portsim: "on", args: [kind], id: 7 }  → true; then { portsim: "event", id: 7, value: event } per event
//!  { portsim: "off", args: [kind, 7] }     → true when subscription 7 of that kind was removed
//! ```

use super::js_api::{self, set};
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// One subscription made over `postMessage`: its request id, kind and the forwarding function
/// (kept here, and dropped by `off`, so forwarders never leak).
struct Forwarder {
    id: JsValue,
    kind: String,
    closure: Closure<dyn Fn(JsValue)>,
}

thread_local! {
    static FORWARDERS: RefCell<Vec<Forwarder>> = const { RefCell::new(Vec::new()) };
}

/// Starts answering the parent window, if there is one.
pub fn listen(window: &web_sys::Window) {
    let Ok(Some(parent)) = window.parent() else { return };
    let parent: JsValue = parent.into();
    let own: JsValue = window.clone().into();
    if Object::is(&parent, &own) {
        // Top level: there is no parent to answer, and nobody else may be answered.
        return;
    }
    let onmessage = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let Some(source) = e.source() else { return };
        let source: JsValue = source.into();
        if !Object::is(&source, &parent) {
            return;
        }
        let origin = e.origin();
        if origin.is_empty() || origin == "null" {
            return;
        }
        answer(&parent, &origin, &e.data());
    });
    let _ = window.add_event_listener_with_callback("message", onmessage.as_ref().unchecked_ref());
    // Listens as long as the page lives.
    onmessage.forget();
}

/// Posts `message` to the parent at `origin` (never `"*"`).
fn post(parent: &JsValue, origin: &str, message: &JsValue) {
    if let Some(f) =
        Reflect::get(parent, &JsValue::from_str("postMessage")).ok().and_then(|f| f.dyn_into::<Function>().ok())
    {
        let _ = f.call2(parent, message, &JsValue::from_str(origin));
    }
}

fn answer(parent: &JsValue, origin: &str, data: &JsValue) {
    if !data.is_object() {
        return;
    }
    let Some(verb) = Reflect::get(data, &JsValue::from_str("portsim")).ok().and_then(|v| v.as_string()) else {
        return;
    };
    if verb == "result" || verb == "event" {
        return;
    }
    let id = Reflect::get(data, &JsValue::from_str("id")).unwrap_or(JsValue::NULL);
    let args = match Reflect::get(data, &JsValue::from_str("args")) {
        Ok(a) if a.is_undefined() => Ok(Array::new()),
        Ok(a) => a.dyn_into::<Array>().map_err(|_| "args must be an array".to_string()),
        Err(_) => Ok(Array::new()),
    };
    let result = args.and_then(|args| match verb.as_str() {
        "on" => subscribe(parent, origin, &id, &args.get(0)),
        "off" => unsubscribe(&args.get(0), &args.get(1)),
        _ => js_api::call(&verb, &args),
    });
    let value = result.unwrap_or_else(|msg| {
        let o = Object::new();
        set(&o, "error", &JsValue::from_str(&msg));
        o.into()
    });
    let reply = Object::new();
    set(&reply, "portsim", &JsValue::from_str("result"));
    set(&reply, "id", &id);
    set(&reply, "value", &value);
    post(parent, origin, &reply.into());
}

/// `on` over `postMessage`: events come back as `{ portsim: "event", id, value }`.
fn subscribe(parent: &JsValue, origin: &str, id: &JsValue, kind: &JsValue) -> Result<JsValue, String> {
    let kind = js_api::event_kind("on", kind)?;
    let (target, target_origin, ev_id) = (parent.clone(), origin.to_string(), id.clone());
    let closure = Closure::<dyn Fn(JsValue)>::new(move |ev: JsValue| {
        let msg = Object::new();
        set(&msg, "portsim", &JsValue::from_str("event"));
        set(&msg, "id", &ev_id);
        set(&msg, "value", &ev);
        post(&target, &target_origin, &msg.into());
    });
    let f: Function = closure.as_ref().clone().unchecked_into();
    js_api::add_listener(kind.clone(), f)?;
    FORWARDERS.with(|list| list.borrow_mut().push(Forwarder { id: id.clone(), kind, closure }));
    Ok(JsValue::TRUE)
}

/// `off` over `postMessage`: removes the subscription made by request `id` for `kind`.
fn unsubscribe(kind: &JsValue, id: &JsValue) -> Result<JsValue, String> {
    let kind = js_api::event_kind("off", kind)?;
    let removed = FORWARDERS.with(|list| {
        let mut list = list.borrow_mut();
        let at = list.iter().position(|f| f.kind == kind && Object::is(&f.id, id))?;
        Some(list.remove(at))
    });
    match removed {
        Some(f) => {
            let func: &Function = f.closure.as_ref().unchecked_ref();
            Ok(JsValue::from_bool(js_api::remove_listener(&kind, func)))
        }
        None => Ok(JsValue::FALSE),
    }
}
