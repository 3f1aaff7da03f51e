//! The BizTalk send-port engine: a pure discrete-event model.
//!
//! ```text
//!  scenario JSON ──parse──▶ ScenarioSpec ──validate──▶ Scenario ──▶ Simulation
//!                                                                   │ step() / run_until(t)
//!                                                                   ▼
//!                                     Trace (compact records, lines rendered on demand) + Report
//! ```
//!
//! Architecture invariant: nothing under `src/engine/` names a web crate, the system clock or OS
//! randomness (see the tidy test in `tests/it/tidy.rs`).
//!
//! # Code map
//!
//! | module | concept (SEMANTICS rules) |
//! | --- | --- |
//! | `model`, `context`, `time`, `rng` | validated scenario, context properties, virtual time, SplitMix64 |
//! | `scenario/*` | two-stage load: JSON spec → validated `Scenario` |
//! | `outcome` | shared outcome vocabulary: instance status, suspend reason, transport slot (a leaf: imports nothing of the engine) |
//! | `note` | compact `Note`/`Fact` records of what happened to an instance (no strings) |
//! | `view` | read-only views handed out: `InstanceInfo`, `Attempt`, `TimelineMark`, `ExplanationStep`, ... |
//! | `simulation` | `Simulation`: public API, event loop, applies commands, report |
//! | `simulation/{routing,transmission,admin}` | §3 injection and routing; §5–§9 attempts, retries, responses; L1–L4 actions, Resume/Terminate |
//! | `event`, `queue` | the closed `Event` enum; heap ordered by `(time, lane, seq)` (§10 lanes) |
//! | `replay_point` | where an interactive action applies exactly as its recorded script line (§13 R1/R2) |
//! | `subscription_probe` | which subscriptions a publish now would reach (§3), for the Inject warning |
//! | `command` | `Command` + `Out` collector returned by the state machines |
//! | `instance` | service-instance state machine (§5, §6) |
//! | `lifecycle` | Bound/Stopped/Started table L1–L4, guards G1–G3, `Refusal` |
//! | `send_port`, `send_port_group` | runtime state of ports and groups (state history, endpoints) |
//! | `message`, `message_box`, `filter` | messages and naming; publish/subscribe, C1–C6; filters (§3) |
//! | `retry`, `endpoint`, `dynamic` | retry/backup policy (§6); simulated partners; dynamic ports (§1) |
//! | `ordered`, `service_window` | ordered delivery (§7); daily service windows (§8) |
//! | `explain` | renders facts as trace text, timeline marks, `explain()` chains |
//! | `trace`, `report` | compact `TraceRecord`s and the trace line format; `portsim-report/1` |
//! | `trace_store` | the trace's lines stored as runs of ids in 64-line chunks (≈ 0.75 B a line), rare ones whole |
//! | `simulation/{trace_text,report_build}` | records rendered on demand (`trace()`); linear `report()`, streamed JSON |
//! | `limits` | work limits (instances, events, memory estimate), `report.limit` (checked by `simulation/limit_guard.rs`) |
//! | `history` | per-instance status changes and attempts as compact records (charts, diff, sweep) |
//!
//! The import graph of these modules has no cycle (`tests/it/tidy.rs::engine_import_graph_has_no_cycle`):
//! the shared types live in leaf modules (`outcome`, `note`, `view`) and only the modules that
//! implement or render the `Simulation` (`simulation/*`, `explain`) name it.
//!
//! At one virtual instant the queue yields script actions (file order), then engine events
//! first-in-first-out, then transport dispatches by (priority, publish order) — see `event.rs`.

pub mod command;
pub mod context;
pub mod dynamic;
pub mod endpoint;
pub mod event;
pub mod explain;
pub mod filter;
pub mod history;
pub mod instance;
pub mod lifecycle;
pub mod limits;
pub mod message;
pub mod message_box;
pub mod model;
pub mod note;
pub mod ordered;
pub mod outcome;
pub mod queue;
pub mod replay_point;
pub mod report;
pub mod retry;
pub mod rng;
pub mod scenario;
pub mod send_port;
pub mod send_port_group;
pub mod service_window;
pub mod simulation;
pub mod sort_key;
pub mod subscription_probe;
pub mod time;
pub mod trace;
pub mod trace_store;
pub mod view;

#[cfg(test)]
mod tests;

pub use model::Scenario;
pub use scenario::{load_scenario, LoadError, ScenarioError, ScenarioErrorKind};
pub use simulation::Simulation;
