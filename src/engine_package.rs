//! The crate root of `portsim-engine` (crates/portsim-engine/Cargo.toml), the engine as a package
//! of its own for the full page's wasm: cargo sets the optimisation level per package, so the
//! size-tuned `wasm-release` profile builds the engine at opt-level "s" (issue 14 §3). Not part of the
//! `portsim` crate's module tree: without its feature `engine-package` (natively, in the tests and
//! the light embeds) `src/lib.rs` compiles the same `src/engine.rs` and `src/engine/**` as
//! `portsim::engine`; with it, `portsim::engine` re-exports this one. The engine must therefore use
//! nothing outside `src/engine` but serde and serde_json (the page's `trunk build` checks it). This root sits next to `engine.rs` so that the engine is
//! mounted at `crate::engine` with its files where they are, as in `portsim`.

pub mod engine;
