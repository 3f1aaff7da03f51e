//! The BizTalk send-port engine: a pure discrete-event model.
//!
//! ```text
//!  scenario JSON ──parse──▶ ScenarioSpec ──validate──▶ Scenario ──▶ Simulation
//!                                                                   │ step() / run_until(t)
//!                                                                   ▼
//!                                                      Trace (one line per event) + Report
//! ```
//!
//! Architecture invariant: nothing under `src/engine/` names a web crate, the system clock or OS
//! randomness (see the tidy test in `tests/it/tidy.rs`).

pub mod command;
pub mod context;
pub mod dynamic;
pub mod endpoint;
pub mod event;
pub mod explain;
pub mod filter;
pub mod instance;
pub mod lifecycle;
pub mod message;
pub mod message_box;
pub mod model;
pub mod ordered;
pub mod queue;
pub mod report;
pub mod retry;
pub mod rng;
pub mod scenario;
pub mod send_port;
pub mod send_port_group;
pub mod service_window;
pub mod simulation;
pub mod time;
pub mod trace;

#[cfg(test)]
mod tests;

pub use model::Scenario;
pub use scenario::{load_scenario, LoadError, ScenarioError, ScenarioErrorKind};
pub use simulation::Simulation;
