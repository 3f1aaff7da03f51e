//! The light embed: a second wasm entry (`src/embed_main.rs`, page `embed.html`, served as
//! `embed/`) for documentation pages. It carries the engine, the embed view (scenario name, clock,
//! outcome summary, timeline) and the JS API (`window.portsim` and the same verbs over
//! postMessage, see `js_api`), and none of the editors, the console tree, the lessons or the
//! Group Hub — so a documentation page loads a fraction of the full page. Its view is written
//! without Yew (`ui::embed_dom`); this module holds what both embed views share — the state and
//! reducer (`state`), the outcome texts (`outcome`) — and the Yew view (`app`) of the embed with
//! charts.
//!
//! The Charts view (`?charts`) is a third entry (`src/embed_charts_main.rs`, page
//! `embed-charts.html`, served as `embed/charts/`): the same view plus the charts, so the embed
//! without charts — what most documentation pages show — links none of the charts' code and
//! strings (issue 14 §1). `embed/?charts` and `index.html?embed&charts` go there by redirect.
//!
//! ```text
//!  embed/#s=<permalink payload>  ──▶ boot (decode, validate) ──▶ EmbedState (reducer) ──▶ embed_dom
//!  embed/charts/#s=…              ──▶ the same boot ──▶ EmbedState ──▶ EmbedApp (Yew) + ChartsPanel
//!  index.html?embed#s=…  ──(inline script in index.html: location.replace)──▶ embed/#s=…
//!  embed/?charts#s=…, index.html?embed&charts#s=…  ──(inline scripts)──▶ embed/charts/?charts#s=…
//! ```
//!
//! The embed writes no storage (it only reads the language the visitor chose in the full page): it
//! never touches the visitor's autosaved work.

pub mod app;
pub mod outcome;
pub mod state;

use crate::ui::contract::ObserveProps;
use yew::Html;

/// Draws the Charts view for the embed (only the `embed/charts/` entry passes one, so only its
/// wasm links the charts).
#[derive(Clone, Copy)]
pub struct ChartsView(pub fn(ObserveProps) -> Html);

impl PartialEq for ChartsView {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::fn_addr_eq(self.0, other.0)
    }
}

/// Mounts the embed view with the Charts view (called by `src/embed_charts_main.rs`); a French
/// visitor's embed first fetches its French texts (`ui::french`), as the light embed does.
pub fn start_with_charts() {
    use crate::ui::browser;
    crate::ui::engine_stopped::install(crate::ui::engine_stopped::Page::Embed);
    crate::i18n::use_tables(crate::i18n::EMBED_CHARTS_TABLES);
    crate::ui::slice_budget::install_clock(crate::ui::slice_budget::browser_now);
    let stored = browser::storage_get(crate::ui::persist::LANG_KEY);
    let lang = state::embed_lang(&browser::query(), stored.as_deref(), &browser::navigator_language());
    crate::ui::french::when_ready(lang, |_| {
        // The link inflated by the browser, as in the light embed (`embed_dom::inflate`: no
        // decompressor in this wasm either), handed to the app's first state.
        let hash = browser::hash();
        let payload = crate::ui::persist::permalink_payload(&hash);
        crate::ui::embed_dom::inflate::decode_link(payload, |decoded| {
            let charts = ChartsView(|obs| yew::html! { <crate::ui::components::charts_panel::ChartsPanel ..obs /> });
            yew::Renderer::<app::EmbedApp>::with_props(app::EmbedProps { charts: Some(charts), link: decoded })
                .render();
        });
    });
}
