//! The Yew front end: a reducer that owns the engine, and components over it.
//!
//! The UI never re-implements a BizTalk rule: it asks the engine (`Simulation::available_actions`,
//! `explain`, `report`). The only wall-clock code is the ticker hook that dispatches clock ticks.
//!
//! ```text
//!  app (boot, effects, layout) ──▶ state::UiState (reducer) ──▶ session::Session (spec, Simulation, undo)
//!        │                                                          ▲
//!        └── components/* (props: ShellProps | contract::ObserveProps)  js_api (window.portsim, postMessage)
//! ```

pub mod app;
pub mod autosave_versions;
pub mod browser;
pub mod components;
pub mod contract;
pub mod embed;
pub mod embed_dom;
pub mod embed_messaging;
pub mod engine_stopped;
pub mod french;
pub mod history;
pub mod hooks;
pub mod inject_form;
pub mod js_api;
pub mod lesson_state;
pub mod persist;
pub mod png_export;
pub mod preset_fetch;
pub mod session;
pub mod slice_budget;
pub mod state;
pub mod tabs;
pub mod warm_up;

/// Mounts the app on the page body (called by `src/main.rs` in the browser): a French visitor's
/// page first fetches the French texts (`french.rs`), so it never shows English in between.
pub fn start() {
    engine_stopped::install(engine_stopped::Page::Full);
    crate::i18n::use_tables(crate::i18n::ALL_TABLES);
    french::when_ready(app::boot_lang(), |_| app::start());
}
