//! The French of the tables a page's wasm carries in English only (`page_catalogue!` in the full
//! page, `shared_catalogue!`'s `ENTRIES_EN` in the embeds): the page fetches `i18n/fr.json` next to
//! itself (src/ui/french.rs) and hands it over here once (issue 14 §1, §2).

use super::{index, typography, Index, Lang};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// key → (French, ""): the catalogue index's own map type, so the wasm links no second copy of
/// its insert and lookup (issue 14 §1).
static FRENCH: OnceLock<Index> = OnceLock::new();

/// Takes the fetched file (a JSON object, key → French) for the life of the page, French
/// typography applied as for the compiled texts; returns how many texts it holds. A second call
/// changes nothing. An unreadable file is refused with the parser's message (the texts then stay
/// in English).
pub fn add_french(json: &str) -> Result<usize, String> {
    if let Some(french) = FRENCH.get() {
        return Ok(french.len());
    }
    let parsed: BTreeMap<String, String> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(add_french_entries(parsed))
}

/// [`add_french`] for a file already read (the pages read it with the browser's `JSON.parse`, so
/// their wasm links no deserialiser for it): `(key, French)` pairs, taken once; returns how many
/// texts are kept.
pub fn add_french_entries(entries: impl IntoIterator<Item = (String, String)>) -> usize {
    if let Some(french) = FRENCH.get() {
        return french.len();
    }
    // Inserted one by one rather than collected: `collect` would link one more sort (issue 14 §2).
    let mut french = Index::new();
    for (key, fr) in entries {
        let fr: &'static str = Box::leak(typography(Lang::Fr, &fr).into_owned().into_boxed_str());
        french.insert_first(Box::leak(key.into_boxed_str()), (fr, ""));
    }
    let n = french.len();
    let _ = FRENCH.set(french);
    n
}

/// True when every text of the page's catalogue can be shown in French: the compiled tables
/// carry it (natively, and in the light embed), or the fetched file has arrived.
pub fn french_ready() -> bool {
    FRENCH.get().is_some() || !index().values().any(|(_, fr)| fr.is_empty())
}

/// The fetched French for `key`, if the file has arrived and holds it.
pub(super) fn get(key: &str) -> Option<&'static str> {
    FRENCH.get().and_then(|french| french.get(key)).map(|(fr, _)| *fr)
}

#[cfg(test)]
mod tests {
    use super::*;

    // One test: the file is taken once per process.
    #[test]
    fn a_bad_file_is_refused_then_a_good_one_is_kept_with_french_typography() {
        assert!(add_french("<html>not found</html>").is_err());
        assert!(add_french(r#"{"a.b": 3}"#).is_err(), "values must be strings");
        assert_eq!(add_french(r#"{"a.b": "Tentative : {n}", "c.d": "Fin"}"#), Ok(2));
        assert_eq!(get("a.b"), Some("Tentative\u{202f}: {n}"));
        assert_eq!(get("zz"), None);
        assert_eq!(add_french(r#"{"x.y": "z"}"#), Ok(2), "a second file changes nothing");
        assert_eq!(get("x.y"), None);
        assert!(french_ready());
    }
}
