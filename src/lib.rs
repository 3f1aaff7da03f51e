//! portsim — a deterministic simulator of Microsoft BizTalk Server send ports and send port groups.
//!
//! * [`engine`] is the whole BizTalk model: pure Rust, no web crates, no clock, no I/O.
//!   It compiles natively (CLI, tests, benchmarks) and to WebAssembly (the browser UI).
//! * [`analysis`] aggregates whole runs: charts, what-if differences, sweeps (pure).
//! * [`ui`] is a Yew front end over a reducer that owns the engine.
//! * [`bindings`] reads and writes BizTalk binding files (`BindingInfo` XML); pure like the engine.
//! * [`presets`] are the built-in scenarios (also run by the golden tests).
//! * [`i18n`] is the one catalogue of user-visible strings (English and French).
//!
//! See ARCHITECTURE.md for the code map and the invariants.

pub mod analysis;
pub mod bindings;
// The engine is compiled here, except for the full page's wasm (feature `engine-package`): it takes
// the same files from crates/portsim-engine, built at opt-level "s" in the size-tuned profile
// `wasm-release` (issue 14 §3; Cargo.toml).
#[cfg(not(feature = "engine-package"))]
pub mod engine;
#[cfg(feature = "engine-package")]
pub use portsim_engine::engine;
pub mod i18n;
pub mod presets;
pub mod share;
pub mod tutorials;

pub mod ui;
