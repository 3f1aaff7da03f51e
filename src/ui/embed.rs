//! The light embed: a second wasm entry (`src/embed_main.rs`, page `embed.html`, served as
//! `embed/`) for documentation pages. It carries the engine, the embed view (scenario name, clock,
//! outcome summary, timeline) and the JS API (`window.portsim` and the same verbs over
//! postMessage, see `js_api`), and none of the editors, the console tree, the lessons or the
//! Group Hub — so a documentation page loads a fraction of the full page.
//!
//! ```text
//!  embed/#s=<permalink payload>  ──▶ boot (decode, validate) ──▶ EmbedState (reducer) ──▶ EmbedApp
//!  index.html?embed#s=…  ──(inline script in index.html: location.replace)──▶ embed/#s=…
//! ```
//!
//! The embed writes no storage (it only reads the language the visitor chose in the full page): it
//! never touches the visitor's autosaved work.

pub mod app;
pub mod state;

/// Mounts the embed view on the page body (called by `src/embed_main.rs`).
pub fn start() {
    crate::i18n::use_tables(crate::i18n::EMBED_TABLES);
    yew::Renderer::<app::EmbedApp>::new().render();
}
