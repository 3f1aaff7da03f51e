//! The Yew front end: a reducer that owns the engine, and components over it.
//!
//! The UI never re-implements a BizTalk rule: it asks the engine (`Simulation::available_actions`,
//! `explain`, `report`). The only wall-clock code is the ticker hook that dispatches clock ticks.

pub mod components;
pub mod contract;
pub mod session;

/// Mounts the app on the page body (called by `src/main.rs` in the browser).
pub fn start() {}
