//! Two tabs of the full page on one browser profile share one autosave. Without coordination
//! the last writer wins silently (issue 10 §4). Tabs talk through the `storage` event (fired in
//! every *other* tab of the origin when a key changes; no new browser API needed):
//!
//! ```text
//!  new tab B ── writes portsim.tab.hello {id: B} ──▶ tab A (saving) answers portsim.tab.here {id: A, to: B}
//!  B gets "here" ──▶ dialog: "Take over here" | "Open read-only"
//!     take over: B writes portsim.tab.takeover {id: B} ──▶ A stops saving and says so; B reloads the
//!                latest autosave and saves from now on
//!     read-only: B never saves (autosave paused) and no longer answers hellos
//! ```
//!
//! Only a tab that saves answers a hello, so a read-only tab never makes a third tab ask.
//! An embed takes no part (it never touches the autosave).

use crate::ui::state::{Action, Modal};
use js_sys::Reflect;
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use yew::Callback;

pub const HELLO_KEY: &str = "portsim.tab.hello";
pub const HERE_KEY: &str = "portsim.tab.here";
pub const TAKEOVER_KEY: &str = "portsim.tab.takeover";

thread_local! {
    static TAB: RefCell<TabState> = RefCell::new(TabState::default());
}

#[derive(Default)]
struct TabState {
    id: String,
    /// This tab writes the autosave (false once read-only or taken over).
    saving: bool,
    /// The dialog was shown once already (several tabs may answer one hello).
    asked: bool,
}

fn random_id() -> String {
    format!("{:x}", (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64)
}

fn write(key: &str, value: serde_json::Value) {
    crate::ui::browser::storage_set(key, &value.to_string());
}

fn field(v: &serde_json::Value, k: &str) -> String {
    v.get(k).and_then(serde_json::Value::as_str).unwrap_or_default().to_string()
}

/// This tab stops saving (read-only, or another tab took over).
pub fn stop_saving() {
    TAB.with(|t| t.borrow_mut().saving = false);
}

/// "Take over here": tells the other tabs to stop saving.
pub fn take_over() {
    let id = TAB.with(|t| t.borrow().id.clone());
    write(TAKEOVER_KEY, serde_json::json!({ "id": id, "n": random_id() }));
}

/// Starts coordinating; `dispatch` receives the dialogs and the pause. Returns the listener
/// (dropping it stops listening).
pub fn start(dispatch: Callback<Action>) -> Option<gloo::events::EventListener> {
    let window = web_sys::window()?;
    let id = random_id();
    TAB.with(|t| *t.borrow_mut() = TabState { id: id.clone(), saving: true, asked: false });
    let listener = gloo::events::EventListener::new(&window, "storage", move |e| {
        let e: &JsValue = e.as_ref();
        let get = |k: &str| Reflect::get(e, &JsValue::from_str(k)).ok().and_then(|v| v.as_string());
        let (Some(key), Some(value)) = (get("key"), get("newValue")) else { return };
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(&value) else { return };
        let (mine, saving, asked) = TAB.with(|t| {
            let t = t.borrow();
            (t.id.clone(), t.saving, t.asked)
        });
        match key.as_str() {
            HELLO_KEY if saving && field(&msg, "id") != mine => {
                write(HERE_KEY, serde_json::json!({ "id": mine, "to": field(&msg, "id"), "n": random_id() }));
            }
            HERE_KEY if field(&msg, "to") == mine && !asked => {
                TAB.with(|t| t.borrow_mut().asked = true);
                dispatch.emit(Action::ShowModal(Modal::OtherTab));
            }
            TAKEOVER_KEY if field(&msg, "id") != mine && saving => {
                stop_saving();
                dispatch.emit(Action::PauseAutosave);
                dispatch.emit(Action::ShowModal(Modal::Notice {
                    key: "notice.tab_taken_over",
                    detail: String::new(),
                    file: "",
                }));
            }
            _ => {}
        }
    });
    write(HELLO_KEY, serde_json::json!({ "id": id, "n": random_id() }));
    Some(listener)
}
