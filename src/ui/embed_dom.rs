//! The light embed's view without a UI framework (issue 14 §1: everything the embed loads
//! ≤ 150 KB gzip): the same page as the Yew view of the embed with charts (`embed::app`) — scenario
//! name and "Open full simulator", the clock with the run progress and Stop, the outcome totals, the
//! timeline, the problem alert — written directly against `web-sys`, so the `portsim-embed` wasm
//! links no Yew runtime and none of the Yew components.
//!
//! Only the drawing is its own: the state and reducer (`embed::state`), what the clock, the outcome
//! and the timeline say and where they draw (`components::clock_readout`, `embed::outcome`,
//! `components::timeline_frame`), the JS API and its postMessage twin (`js_api`,
//! `embed_messaging`) and the slices of a long run (`slice_budget`) are shared with the Yew views.
//!
//! ```text
//!  embed/#s=… ─▶ start() ─▶ EmbedState::boot ─▶ mount::mount (page built once on the body)
//!     clock.rs  totals.rs  timeline.rs  problem.rs   — each a view updated in place by mount::dispatch
//!     dom.rs    typed element helpers (build, update only what differs, listen, escape markup)
//! ```

pub mod clock;
pub mod dom;
pub mod inflate;
pub mod mount;
pub mod problem;
pub mod timeline;
pub mod totals;

use crate::ui::browser;
use crate::ui::embed::state::EmbedState;

/// Boots the light embed on the page (called by `src/embed_main.rs`): the linked scenario, opened
/// on its run-to-end summary (or playing with `?play`), in the visitor's language. The wasm
/// carries the English texts; a French visitor's embed first fetches `i18n/fr.json` (`ui::french`),
/// so it never shows English in between — and says so if that file could not be read.
pub fn start() {
    crate::ui::engine_stopped::install(crate::ui::engine_stopped::Page::Embed);
    crate::i18n::use_tables(crate::i18n::EMBED_TABLES);
    crate::ui::slice_budget::install_clock(crate::ui::slice_budget::browser_now);
    let stored = browser::storage_get(crate::ui::persist::LANG_KEY);
    let (hash, query, navigator) = (browser::hash(), browser::query(), browser::navigator_language());
    let lang = crate::ui::embed::state::embed_lang(&query, stored.as_deref(), &navigator);
    crate::ui::french::when_ready(lang, move |_| {
        // The link inflated by the browser (`inflate`: no decompressor in this wasm).
        let payload = crate::ui::persist::permalink_payload(&hash).map(str::to_string);
        inflate::decode_link(payload.as_deref(), move |decoded| {
            let state = EmbedState::boot_decoded(&hash, &query, stored.as_deref(), &navigator, decoded);
            if mount::mount(state).is_some() {
                // Interactive now. No warm-up: a documentation page may hold several embeds, each
                // already run to its end (and the warm-up's code stays out of the embed's wasm).
                crate::ui::warm_up::mark_interactive();
            }
        });
    });
}
