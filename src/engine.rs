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

pub mod context;
pub mod model;
pub mod report;
pub mod rng;
pub mod scenario;
pub mod simulation;
pub mod time;
pub mod trace;

pub use model::Scenario;
pub use scenario::{load_scenario, LoadError, ScenarioError, ScenarioErrorKind};
pub use simulation::Simulation;
