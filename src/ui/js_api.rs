//! `window.portsim`: a synchronous JavaScript API over the page's own `Session` (same-origin
//! scripts only). The same verbs reach an embed from its parent window over `postMessage`
//! (`embed_messaging.rs`); the full page answers no message at all.
//!
//! ```text
//!  portsim.loadScenario(json | object) → { ok, errors: [{ path (JSON Pointer), kind, message }] }
//!  portsim.runUntil("5m") → ms / runToEnd() → ms / step() → bool     (then the page re-renders)
//!  portsim.report() → the portsim-report/1 object (same JSON as the CLI's `run --json`; built in
//!      chunks, any size; a report the page cannot hold throws an error saying so, never null)
//!  portsim.trace() → ["00:00:00.000 inject ...", ...]     portsim.now() → ms   portsim.scenario() → object
//!  portsim.on(kind | "*", callback) → true     portsim.off(kind | "*", callback) → bool (was subscribed)
//!  portsim.setLimits({ maxInstances, maxEvents, maxMemoryMb }) → the limits now in force
//!      (any subset; applies to the current run unless a limit already stopped it, and to reruns)
//!  portsim.limits() → { maxInstances, maxEvents, maxMemoryMb, reached: report.limit or null }
//! ```
//!
//! A wrong argument (`on(42, f)`, `runUntil(5)`, `loadScenario(1n)`) throws a `TypeError`
//! naming the verb, the argument and what it accepts; over `postMessage` the same text comes back
//! as `{ error }`.

use crate::engine::time::parse_duration;
use crate::engine::trace::TraceEvent;
use crate::ui::session::Session;
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Most `on` subscriptions at once (direct and over `postMessage` together): a runaway caller gets
/// an error instead of an ever-growing list.
pub const MAX_LISTENERS: usize = 100;

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

pub fn set(obj: &Object, key: &str, value: &JsValue) {
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

/// `typeof`-style name of a JS value, for error messages.
fn js_type(v: &JsValue) -> &'static str {
    if v.is_undefined() {
        "undefined"
    } else if v.is_null() {
        "null"
    } else if v.as_bool().is_some() {
        "a boolean"
    } else if v.as_f64().is_some() {
        "a number"
    } else if v.is_bigint() {
        "a bigint"
    } else if v.is_string() {
        "a string"
    } else if v.is_function() {
        "a function"
    } else if Array::is_array(v) {
        "an array"
    } else if v.is_symbol() {
        "a symbol"
    } else {
        "an object"
    }
}

/// The scenario text of `loadScenario`'s argument: a string as is, a plain object as JSON.
fn scenario_text(arg: &JsValue) -> Result<String, String> {
    if let Some(s) = arg.as_string() {
        return Ok(s);
    }
    if !arg.is_object() || arg.is_function() || Array::is_array(arg) {
        return Err(format!(
            "loadScenario(scenario): scenario must be a JSON string or a scenario object, not {}",
            js_type(arg)
        ));
    }
    match js_sys::JSON::stringify(arg) {
        Ok(s) => s.as_string().ok_or_else(|| "loadScenario(scenario): the object has no JSON form".to_string()),
        Err(e) => {
            let why = js_sys::Error::from(e).message().as_string().unwrap_or_default();
            Err(format!(
                "loadScenario(scenario): the object cannot be written as JSON ({why}); pass plain values \
                 (strings, numbers, booleans, arrays, objects) or the scenario's JSON text"
            ))
        }
    }
}

/// `setLimits`' argument: a plain object whose values are finite numbers, read through its JSON
/// text by the same serde_json the engine uses (no second JS-value deserialiser in the wasm:
/// issue 14 §1). `NaN`/`Infinity` are refused here, since JSON would write them as `null` (kept).
fn limit_overrides(arg: &JsValue) -> Result<crate::engine::limits::LimitOverrides, String> {
    let plain = arg.is_object() && !arg.is_function() && !Array::is_array(arg);
    let finite =
        plain && Object::values(arg.unchecked_ref()).iter().all(|v: JsValue| v.as_f64().is_none_or(f64::is_finite));
    let json = if finite { js_sys::JSON::stringify(arg).ok().and_then(|s| s.as_string()) } else { None };
    let Some(json) = json else {
        let what = if plain { "a number that is not finite".to_string() } else { js_type(arg).to_string() };
        return Err(format!("{}: got {what}", limits_rule()));
    };
    parse_limit_overrides(&json)
}

fn limits_rule() -> String {
    format!(
        "setLimits expects {{maxInstances, maxEvents, maxMemoryMb}}, each an integer from 1 to {}",
        crate::engine::limits::MAX_LIMIT_VALUE
    )
}

/// `setLimits`' argument from its JSON text; the error names the rule, then what serde_json found.
pub fn parse_limit_overrides(json: &str) -> Result<crate::engine::limits::LimitOverrides, String> {
    serde_json::from_str(json).map_err(|e| format!("{}: {e}", limits_rule()))
}

fn load_scenario(arg: &JsValue) -> Result<JsValue, String> {
    let json = scenario_text(arg)?;
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
    Ok(out.into())
}

/// Records per `JSON.parse` when `report()` builds its object: the wasm side never holds more
/// than this many instance records' (and as many routing failures') JSON at once.
const REPORT_CHUNK: usize = 8192;

/// `portsim.report()`: the `portsim-report/1` object, built without the whole report's JSON text.
/// That text is 695 MB at the 1,000,000-message benchmark, over the longest string a browser
/// holds (V8: 2^29 − 24 characters), so parsing it in one piece failed and the API answered `null`.
/// Here the report's head is parsed once with empty lists, and its instances and routing
/// failures are parsed `REPORT_CHUNK` records at a time and appended to those lists. If the page
/// cannot hold the object, the error names the report's size and what the browser threw.
fn report() -> Result<JsValue, String> {
    let built = with_session(|s| {
        let sim = s.sim();
        let sim = sim.borrow();
        let head = sim.report_head();
        let (instances, failures) = (head.totals.instances, head.totals.routing_failures);
        report_value(&sim, head).map_err(|e| {
            // What JSON.parse or push threw (a `RangeError` when the page runs out of room).
            let why = js_sys::Error::from(e).message().as_string().unwrap_or_default();
            format!(
                "report(): the report ({instances} instances, {failures} routing failures) could not be built in this page: {why}"
            )
        })
    });
    built.unwrap_or(Ok(JsValue::NULL))
}

/// The report object from its `head` (`Simulation::report_head`). Every piece goes through
/// `Report::to_json` (one serialising routine in the wasm, not one per record type): first the head
/// with empty lists, then, as many times as needed, a `carrier` report holding only the next chunk
/// of instances and of routing failures, whose two parsed lists are appended to the head's.
fn report_value(sim: &crate::engine::Simulation, head: crate::engine::report::Report) -> Result<JsValue, JsValue> {
    let mut carrier = head;
    let mut failures = std::mem::take(&mut carrier.routing_failures).into_iter();
    let report = js_sys::JSON::parse(&carrier.to_json())?;
    // The carrier keeps the head's scalars only: each chunk's text is its records and a few lines.
    carrier.rejected_actions = Vec::new();
    carrier.warnings = Vec::new();
    carrier.ports = Vec::new();
    carrier.groups = Vec::new();
    carrier.limit = None;
    let lists = [JsValue::from_str("instances"), JsValue::from_str("routingFailures")];
    let targets = [Array::new(), Array::new()];
    let push: Function = Reflect::get(&targets[0], &JsValue::from_str("push"))?.dyn_into()?;
    let mut instances = sim.report_instances();
    loop {
        carrier.instances.extend(instances.by_ref().take(REPORT_CHUNK));
        carrier.routing_failures.extend(failures.by_ref().take(REPORT_CHUNK));
        if carrier.instances.is_empty() && carrier.routing_failures.is_empty() {
            break;
        }
        let chunk = js_sys::JSON::parse(&carrier.to_json())?;
        for (list, target) in lists.iter().zip(&targets) {
            Reflect::apply(&push, target, Reflect::get(&chunk, list)?.unchecked_ref::<Array>())?;
        }
        carrier.instances.clear();
        carrier.routing_failures.clear();
    }
    // Replacing the empty lists keeps the keys in the report's order.
    for (list, target) in lists.iter().zip(&targets) {
        Reflect::set(&report, list, target)?;
    }
    Ok(report)
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

/// The verbs that take no argument.
const NO_ARGUMENT: [&str; 6] = ["runToEnd", "step", "report", "trace", "now", "scenario"];
/// Every verb of `call` (the names of `window.portsim`'s functions besides `on`/`off`).
pub const VERBS: [&str; 10] =
    ["loadScenario", "runUntil", "runToEnd", "step", "report", "trace", "now", "scenario", "setLimits", "limits"];

/// Runs one verb; `Err` carries a message for the caller.
pub fn call(verb: &str, args: &Array) -> Result<JsValue, String> {
    let arg0 = args.get(0);
    if NO_ARGUMENT.contains(&verb) && (args.length() > 0 && !args.iter().all(|a| a.is_undefined())) {
        return Err(format!("{verb}() takes no argument"));
    }
    match verb {
        "loadScenario" => load_scenario(&arg0),
        "runUntil" => {
            let text = arg0.as_string().ok_or_else(|| {
                format!(
                    "runUntil(duration): duration must be a string such as \"5m\" or \"1h30m\", not {}",
                    js_type(&arg0)
                )
            })?;
            let d = parse_duration(&text).map_err(|e| format!("runUntil(duration): {e}"))?;
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
        "setLimits" => {
            let overrides = limit_overrides(&arg0)?;
            with_session(|s| s.set_limits(overrides));
            refresh();
            Ok(limits_value())
        }
        "limits" => Ok(limits_value()),
        "report" => report(),
        "trace" => Ok(trace()),
        "now" => Ok(now_value()),
        "scenario" => {
            Ok(with_session(|s| s.to_json()).and_then(|j| js_sys::JSON::parse(&j).ok()).unwrap_or(JsValue::NULL))
        }
        _ => Err(format!(
            "unknown verb {verb:?}; the verbs are {}, on and off",
            VERBS.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// `{ maxEvents, maxInstances, maxMemoryMb, reached }` of the current simulation: the limits set
/// field by field (every limit ≤ 10^12, exact as a JS number), `reached` = `report.limit` (the same
/// JSON text the report writes, or null). No `serde_json::Value` on the way: its serialiser would
/// be linked for this call alone (issue 14 §1).
fn limits_value() -> JsValue {
    let Some((limits, reached)) = with_session(|s| {
        let sim = s.sim();
        let sim = sim.borrow();
        (sim.limits(), sim.limit_reached().map(|r| r.to_json()))
    }) else {
        return JsValue::NULL;
    };
    let o = Object::new();
    set(&o, "maxEvents", &JsValue::from_f64(limits.max_events as f64));
    set(&o, "maxInstances", &JsValue::from_f64(limits.max_instances as f64));
    set(&o, "maxMemoryMb", &JsValue::from_f64(limits.max_memory_mb as f64));
    let reached = reached.and_then(|text| js_sys::JSON::parse(&text).ok()).unwrap_or(JsValue::NULL);
    set(&o, "reached", &reached);
    o.into()
}

fn now_value() -> JsValue {
    JsValue::from_f64(with_session(|s| s.now().as_ms()).unwrap_or(0) as f64)
}

/// Checks `on`/`off`'s event kind: `"*"` or a trace kind code.
pub fn event_kind(verb: &str, kind: &JsValue) -> Result<String, String> {
    let expected = || {
        let kinds: Vec<&str> = crate::engine::trace::TraceKind::ALL.iter().map(|k| k.code()).collect();
        format!("\"*\" or one of {}", kinds.join(", "))
    };
    let Some(kind) = kind.as_string() else {
        return Err(format!("{verb}(kind, callback): kind must be a string, {}; not {}", expected(), js_type(kind)));
    };
    if kind == "*" || crate::engine::trace::TraceKind::from_code(&kind).is_some() {
        Ok(kind)
    } else {
        Err(format!("{verb}(kind, callback): {kind:?} is not an event kind; use {}", expected()))
    }
}

/// Subscribes `f` to events of `kind` (already checked).
pub fn add_listener(kind: String, f: Function) -> Result<(), String> {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let Some(reg) = r.as_mut() else { return Err("the simulator is not running".to_string()) };
        if reg.listeners.len() >= MAX_LISTENERS {
            return Err(format!("on(kind, callback): at most {MAX_LISTENERS} subscriptions; remove some with off"));
        }
        reg.listeners.push((kind, f));
        Ok(())
    })
}

/// Unsubscribes `f` from `kind`; true when it was subscribed.
pub fn remove_listener(kind: &str, f: &Function) -> bool {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let Some(reg) = r.as_mut() else { return false };
        let before = reg.listeners.len();
        reg.listeners.retain(|(k, g)| !(k == kind && Object::is(g, f)));
        reg.listeners.len() < before
    })
}

fn callback_of(verb: &str, v: &JsValue) -> Result<Function, String> {
    v.dyn_ref::<Function>()
        .cloned()
        .ok_or_else(|| format!("{verb}(kind, callback): callback must be a function, not {}", js_type(v)))
}

fn on(kind: &JsValue, callback: &JsValue) -> Result<JsValue, String> {
    let kind = event_kind("on", kind)?;
    let f = callback_of("on", callback)?;
    add_listener(kind, f)?;
    Ok(JsValue::TRUE)
}

fn off(kind: &JsValue, callback: &JsValue) -> Result<JsValue, String> {
    let kind = event_kind("off", kind)?;
    let f = callback_of("off", callback)?;
    Ok(JsValue::from_bool(remove_listener(&kind, &f)))
}

/// A JS function of two arguments that throws a `TypeError` with the message on `Err`.
fn api_function(f: impl Fn(JsValue, JsValue) -> Result<JsValue, String> + 'static) -> JsValue {
    let c = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(move |a: JsValue, b: JsValue| {
        f(a, b).map_err(|msg| js_sys::TypeError::new(&format!("portsim.{msg}")).into())
    });
    let f: JsValue = c.as_ref().clone();
    // The API lives as long as the page.
    c.forget();
    f
}

/// Installs `window.portsim` over `session` (the full page). `refresh` makes the page re-render
/// after a verb changed the session.
pub fn install(session: Rc<RefCell<Session>>, refresh: Rc<dyn Fn()>) {
    let sim_ptr = Rc::as_ptr(&session.borrow().sim()) as usize;
    let cursor = session.borrow().sim().borrow().trace().len();
    REGISTRY.with(|r| *r.borrow_mut() = Some(Registry { session, refresh, listeners: Vec::new(), sim_ptr, cursor }));
    let Some(window) = web_sys::window() else { return };
    let api = Object::new();
    for name in VERBS {
        set(&api, name, &api_function(move |a, b| call(name, &Array::of2(&a, &b))));
    }
    set(&api, "on", &api_function(|kind, cb| on(&kind, &cb)));
    set(&api, "off", &api_function(|kind, cb| off(&kind, &cb)));
    set(&api, "version", &JsValue::from_str(env!("CARGO_PKG_VERSION")));
    let _ = Reflect::set(&window, &JsValue::from_str("portsim"), &api);
}

/// The light embed: [`install`], and the `postMessage` interface for the parent window (kept
/// out of the full page's wasm, which answers no message).
pub fn install_embed(session: Rc<RefCell<Session>>, refresh: Rc<dyn Fn()>) {
    install(session, refresh);
    if let Some(window) = web_sys::window() {
        super::embed_messaging::listen(&window);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_limit_overrides;
    use crate::engine::limits::LimitOverrides;

    #[test]
    fn set_limits_reads_any_subset_and_names_the_rule_when_wrong() {
        assert_eq!(parse_limit_overrides("{}"), Ok(LimitOverrides::default()));
        assert_eq!(
            parse_limit_overrides(r#"{"maxEvents":5,"maxMemoryMb":64}"#),
            Ok(LimitOverrides { max_events: Some(5), max_memory_mb: Some(64), ..Default::default() })
        );
        for (bad, why) in [
            (r#"{"maxEvent":5}"#, "unknown field `maxEvent`"),
            (r#"{"maxEvents":-1}"#, "invalid value"),
            (r#"{"maxEvents":1.5}"#, "invalid type: floating point"),
            (r#"{"maxEvents":"5"}"#, "invalid type: string"),
        ] {
            let e = parse_limit_overrides(bad).expect_err(bad);
            assert!(
                e.starts_with("setLimits expects {maxInstances, maxEvents, maxMemoryMb}, each an integer from 1 to "),
                "{e}"
            );
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
