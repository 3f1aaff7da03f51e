//! `window.portsim`: a synchronous JavaScript API over the page's own `Session`, and the same
//! verbs over `window.postMessage` for a parent page (an embedding iframe).
//!
//! ```text
//!  portsim.loadScenario(json) → { ok, errors: [{ path, kind, message }] }
//!  portsim.runUntil("5m") / runToEnd() / step()      (then the page re-renders)
//!  portsim.report() → the portsim-report/1 object (same JSON as the CLI's `run --json`)
//!  portsim.trace() → ["00:00:00.000 inject ...", ...]
//!  portsim.on(kind | "*", callback)   callback({ at, kind, port, group, message, instance, text, line })
//!  parent: iframe.contentWindow.postMessage({ portsim: "runToEnd", args: [], id: 1 }, "*")
//!      ──▶ reply to event.source: { portsim: "result", id: 1, value }   (events: { portsim: "event", id, value })
//! ```

use crate::engine::time::parse_duration;
use crate::engine::trace::TraceEvent;
use crate::ui::session::Session;
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

struct Registry {
    session: Rc<RefCell<Session>>,
    refresh: Rc<dyn Fn()>,
    listeners: Vec<(String, Function)>,
    /// Which simulation the cursor refers to, and how many of its trace events were announced.
    sim_ptr: usize,
    cursor: usize,
}

thread_local! {
    static REGISTRY: RefCell<Option<Registry>> = const { RefCell::new(None) };
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

fn opt_str(v: &Option<String>) -> JsValue {
    v.as_deref().map(JsValue::from_str).unwrap_or(JsValue::NULL)
}

/// The JS object for one trace event.
fn event_object(e: &TraceEvent) -> JsValue {
    let o = Object::new();
    set(&o, "at", &JsValue::from_f64(e.at.as_ms() as f64));
    set(&o, "kind", &JsValue::from_str(e.kind.code()));
    set(&o, "port", &opt_str(&e.port));
    set(&o, "group", &opt_str(&e.group));
    set(&o, "message", &opt_str(&e.message));
    set(&o, "instance", &e.instance.map(|i| JsValue::from_f64(i as f64)).unwrap_or(JsValue::NULL));
    set(&o, "text", &JsValue::from_str(&e.text));
    set(&o, "line", &JsValue::from_str(&e.to_string()));
    o.into()
}

/// Announces trace events not yet announced to the `on` listeners. Called after every JS verb
/// and after every render of the page (so clicks and ticks are announced too).
pub fn notify() {
    let pending: Vec<(Function, JsValue)> = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let Some(reg) = r.as_mut() else { return Vec::new() };
        let sim = reg.session.borrow().sim();
        let ptr = Rc::as_ptr(&sim) as usize;
        let sim = sim.borrow();
        let trace = sim.trace();
        if ptr != reg.sim_ptr {
            // A rebuilt simulation replays what was already announced; a fresh one (time 0) has
            // announced nothing.
            reg.sim_ptr = ptr;
            reg.cursor = if sim.now().as_ms() == 0 { 0 } else { trace.len() };
        }
        if reg.listeners.is_empty() {
            reg.cursor = trace.len();
            return Vec::new();
        }
        let mut out = Vec::new();
        for e in trace.iter().skip(reg.cursor) {
            for (kind, f) in &reg.listeners {
                if kind == "*" || kind == e.kind.code() {
                    out.push((f.clone(), event_object(&e)));
                }
            }
        }
        reg.cursor = trace.len();
        out
    });
    for (f, ev) in pending {
        let _ = f.call1(&JsValue::NULL, &ev);
    }
}

fn with_session<T>(f: impl FnOnce(&mut Session) -> T) -> Option<T> {
    let session = REGISTRY.with(|r| r.borrow().as_ref().map(|reg| reg.session.clone()))?;
    let mut s = session.borrow_mut();
    Some(f(&mut s))
}

fn refresh() {
    let cb = REGISTRY.with(|r| r.borrow().as_ref().map(|reg| reg.refresh.clone()));
    if let Some(cb) = cb {
        cb();
    }
    notify();
}

fn error_value(path: &str, kind: &str, message: &str) -> JsValue {
    let o = Object::new();
    set(&o, "path", &JsValue::from_str(path));
    set(&o, "kind", &JsValue::from_str(kind));
    set(&o, "message", &JsValue::from_str(message));
    o.into()
}

fn load_scenario(arg: &JsValue) -> JsValue {
    let json = match arg.as_string() {
        Some(s) => s,
        None => js_sys::JSON::stringify(arg).ok().and_then(|s| s.as_string()).unwrap_or_default(),
    };
    let result = with_session(|s| s.load_json(&json));
    let out = Object::new();
    let errors = Array::new();
    match result {
        Some(Ok(())) => set(&out, "ok", &JsValue::TRUE),
        Some(Err(e)) => {
            set(&out, "ok", &JsValue::FALSE);
            for err in &e.errors {
                errors.push(&error_value(&err.path, err.kind.code(), &err.message));
            }
        }
        None => {
            set(&out, "ok", &JsValue::FALSE);
            errors.push(&error_value("", "not-ready", "the simulator is not running"));
        }
    }
    set(&out, "errors", &errors);
    refresh();
    out.into()
}

fn report() -> JsValue {
    let text = with_session(|s| s.sim().borrow().report().to_json()).unwrap_or_default();
    js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL)
}

fn trace() -> JsValue {
    let lines = Array::new();
    with_session(|s| {
        for e in s.sim().borrow().trace() {
            lines.push(&JsValue::from_str(&e.to_string()));
        }
    });
    lines.into()
}

/// Runs one verb; `Err` carries a message for the caller.
fn call(verb: &str, args: &Array) -> Result<JsValue, String> {
    let arg0 = args.get(0);
    match verb {
        "loadScenario" => Ok(load_scenario(&arg0)),
        "runUntil" => {
            let text = arg0.as_string().ok_or("runUntil expects a duration string such as \"5m\"")?;
            let d = parse_duration(&text)?;
            with_session(|s| s.run_until(crate::engine::time::SimTime(d.as_ms())));
            refresh();
            Ok(now_value())
        }
        "runToEnd" => {
            with_session(|s| s.run_to_end());
            refresh();
            Ok(now_value())
        }
        "step" => {
            let more = with_session(|s| s.step()).unwrap_or(false);
            refresh();
            Ok(JsValue::from_bool(more))
        }
        "report" => Ok(report()),
        "trace" => Ok(trace()),
        "now" => Ok(now_value()),
        "scenario" => {
            Ok(with_session(|s| s.to_json()).and_then(|j| js_sys::JSON::parse(&j).ok()).unwrap_or(JsValue::NULL))
        }
        _ => Err(format!("unknown verb {verb:?}")),
    }
}

fn now_value() -> JsValue {
    JsValue::from_f64(with_session(|s| s.now().as_ms()).unwrap_or(0) as f64)
}

fn add_listener(kind: &JsValue, callback: &JsValue) -> JsValue {
    let kind = kind.as_string().unwrap_or_else(|| "*".to_string());
    let known = kind == "*" || crate::engine::trace::TraceKind::from_code(&kind).is_some();
    match callback.dyn_ref::<Function>() {
        Some(f) if known => {
            REGISTRY.with(|r| {
                if let Some(reg) = r.borrow_mut().as_mut() {
                    reg.listeners.push((kind, f.clone()));
                }
            });
            JsValue::TRUE
        }
        _ => JsValue::FALSE,
    }
}

/// Installs `window.portsim` and the postMessage listener over `session`. `refresh` makes the
/// page re-render after a verb changed the session.
pub fn install(session: Rc<RefCell<Session>>, refresh: Rc<dyn Fn()>) {
    let sim_ptr = Rc::as_ptr(&session.borrow().sim()) as usize;
    let cursor = session.borrow().sim().borrow().trace().len();
    REGISTRY.with(|r| *r.borrow_mut() = Some(Registry { session, refresh, listeners: Vec::new(), sim_ptr, cursor }));
    let Some(window) = web_sys::window() else { return };
    let api = Object::new();
    let verb = |name: &'static str| -> JsValue {
        let c = Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(move |a: JsValue, b: JsValue| {
            let args = Array::of2(&a, &b);
            match call(name, &args) {
                Ok(v) => v,
                Err(msg) => {
                    let o = Object::new();
                    set(&o, "error", &JsValue::from_str(&msg));
                    o.into()
                }
            }
        });
        let f: JsValue = c.as_ref().clone();
        // The API lives as long as the page.
        c.forget();
        f
    };
    for name in ["loadScenario", "runUntil", "runToEnd", "step", "report", "trace", "now", "scenario"] {
        set(&api, name, &verb(name));
    }
    let on = Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(|kind: JsValue, cb: JsValue| add_listener(&kind, &cb));
    set(&api, "on", on.as_ref());
    on.forget();
    set(&api, "version", &JsValue::from_str(env!("CARGO_PKG_VERSION")));
    let _ = Reflect::set(&window, &JsValue::from_str("portsim"), &api);

    // The same verbs for a parent page: { portsim: verb, args, id } → { portsim: "result", id, value }.
    let onmessage = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
        let data = e.data();
        let Some(verb) = Reflect::get(&data, &JsValue::from_str("portsim")).ok().and_then(|v| v.as_string()) else {
            return;
        };
        if verb == "result" || verb == "event" {
            return;
        }
        let id = Reflect::get(&data, &JsValue::from_str("id")).unwrap_or(JsValue::NULL);
        let args: Array = Reflect::get(&data, &JsValue::from_str("args"))
            .ok()
            .and_then(|a| a.dyn_into::<Array>().ok())
            .unwrap_or_default();
        let Some(source) = e.source() else { return };
        let source: JsValue = source.into();
        let post = move |source: &JsValue, reply: &JsValue| {
            if let Some(f) =
                Reflect::get(source, &JsValue::from_str("postMessage")).ok().and_then(|f| f.dyn_into::<Function>().ok())
            {
                let _ = f.call2(source, reply, &JsValue::from_str("*"));
            }
        };
        let value = if verb == "on" {
            // Events go back to the parent as { portsim: "event", id, value }.
            let src = source.clone();
            let ev_id = id.clone();
            let forward = Closure::<dyn Fn(JsValue)>::new(move |ev: JsValue| {
                let msg = Object::new();
                set(&msg, "portsim", &JsValue::from_str("event"));
                set(&msg, "id", &ev_id);
                set(&msg, "value", &ev);
                post(&src, &msg.into());
            });
            let added = add_listener(&args.get(0), forward.as_ref());
            forward.forget();
            added
        } else {
            match call(&verb, &args) {
                Ok(v) => v,
                Err(msg) => {
                    let o = Object::new();
                    set(&o, "error", &JsValue::from_str(&msg));
                    o.into()
                }
            }
        };
        let reply = Object::new();
        set(&reply, "portsim", &JsValue::from_str("result"));
        set(&reply, "id", &id);
        set(&reply, "value", &value);
        post(&source, &reply.into());
    });
    let _ = window.add_event_listener_with_callback("message", onmessage.as_ref().unchecked_ref());
    onmessage.forget();
}
