//! The French of the full page's own catalogue tables, fetched the first time French is needed:
//! the wasm carries those tables in English only (`i18n::page_catalogue!`), and
//! `i18n/fr.json` — written next to the page by scripts/i18n_french.py at build time — holds
//! their French (issue 14 §2: an English visitor never downloads it). The light embed carries all
//! the French it shows and never fetches.

use crate::i18n::{self, Lang};

/// Where the page finds the file, relative to the page.
pub const FRENCH_URL: &str = "i18n/fr.json";

/// Calls `then(ready)` once `lang` can be shown: at once for English or when the French is
/// already there, otherwise after the file has been fetched. `ready` is false when the file could
/// not be fetched or read — the page then shows those texts in English and says so.
pub fn when_ready(lang: Lang, then: impl FnOnce(bool) + 'static) {
    if lang == Lang::En || i18n::french_ready() {
        then(true);
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let ready = match super::browser::fetch_text(FRENCH_URL).await {
            Some(text) => i18n::add_french(&text).is_ok(),
            None => false,
        };
        then(ready);
    });
}
