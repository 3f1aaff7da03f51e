//! The one catalogue of user-visible strings, in English and French (BizTalk's own French console
//! terms come from seed 003: « Ports d'envoi », « Groupes de ports d'envoi », ...).
//!
//! Each entry is `(key, english, french)`, so a key cannot exist in one language only; the tidy
//! test `i18n::every_key_used_in_the_ui_exists` fails when UI code asks for a key that is missing.
//! The catalogue is split by area (one file each) only to keep files short.
//!
//! # Example
//! ```
//! use portsim::i18n::{t, Lang};
//! assert_eq!(t(Lang::Fr, "tree.send_ports"), "Ports d'envoi");
//! ```

/// Writes a catalogue table's `("key", "English", "French")` entries as ONE string: key, English
/// and French separated by U+001F, each entry ended by U+001E. The wasm then holds the text alone,
/// not also a table of three pointers and lengths per entry (24 bytes × ~1,200 entries that gzip
/// hardly shrinks; issue 14 §2). [`entries`] reads a table back.
macro_rules! catalogue {
    ($(($key:literal, $en:literal, $fr:literal $(,)?)),* $(,)?) => {
        concat!($($key, "\u{1f}", $en, "\u{1f}", $fr, "\u{1e}"),*)
    };
}
use catalogue;

/// [`catalogue!`] for the tables only the full page shows (editors, lessons, binding import,
/// console panels, Compare/sweep, event log, Group Hub). In wasm their French is left out of the
/// binary: the page fetches it from `i18n/fr.json` (written by scripts/i18n_french.py from these
/// same sources) when French is chosen, and hands it to [`add_french`] (issue 14 §2). Natively
/// (CLI, tests) nothing changes.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! page_catalogue {
    ($($entries:tt)*) => {
        super::catalogue!($($entries)*)
    };
}
#[cfg(target_arch = "wasm32")]
macro_rules! page_catalogue {
    ($(($key:literal, $en:literal, $fr:literal $(,)?)),* $(,)?) => {
        concat!($($key, "\u{1f}", $en, "\u{1f}\u{1e}"),*)
    };
}
use page_catalogue;

/// [`catalogue!`] for the tables the embeds show as well as the full page (embed, observation,
/// explanation, charts). It writes two constants: `ENTRIES`, both languages (the full page's
/// tables, [`ALL_TABLES`]), and `ENTRIES_EN`, which in wasm carries the English alone: the embeds
/// link only `ENTRIES_EN` ([`EMBED_TABLES`]) and fetch their French next to their page, when
/// French is asked (`ui::french`, `embed/i18n/fr.json` written by scripts/i18n_french.py --embed;
/// issue 14 §1). Natively (CLI, tests) both are the same text.
macro_rules! shared_catalogue {
    ($(($key:literal, $en:literal, $fr:literal $(,)?)),* $(,)?) => {
        pub const ENTRIES: super::Table = concat!($($key, "\u{1f}", $en, "\u{1f}", $fr, "\u{1e}"),*);
        #[cfg(not(target_arch = "wasm32"))]
        pub const ENTRIES_EN: super::Table = ENTRIES;
        #[cfg(target_arch = "wasm32")]
        pub const ENTRIES_EN: super::Table = concat!($($key, "\u{1f}", $en, "\u{1f}\u{1e}"),*);
    };
}
use shared_catalogue;

mod catalogue_bindings;
mod catalogue_charts;
mod catalogue_compare;
mod catalogue_console;
mod catalogue_embed;
mod catalogue_explain;
mod catalogue_fallback;
mod catalogue_hub;
mod catalogue_observe;
mod catalogue_teach;
mod catalogue_trace;
mod catalogue_ui;
mod fetched_french;
mod plural;
mod trace_words;
mod typography;
mod units;

pub use catalogue_explain::{explain_key, explain_text, explain_text_with_ids};
pub use fetched_french::{add_french, add_french_entries, french_ready};
pub use plural::{group_digits, plural_form, plural_key, tn, PluralForm};
use std::collections::BTreeMap;
use std::sync::OnceLock;
pub use trace_words::{trace_kind_key, trace_line_text};
pub use typography::{colon, typography, NNBSP};
pub use units::duration_text;

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
    /// Picks a language from a BCP-47 tag such as `fr-FR` (anything not French is English).
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }
}

/// One catalogue table: its `(key, English, French)` entries in one string (written by the
/// `catalogue!` macro; read by [`entries`]).
pub type Table = &'static str;

/// The `(key, English, French)` entries of a table, in order.
pub fn entries(table: Table) -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    table.split_terminator('\u{1e}').map(|entry| {
        let mut fields = entry.splitn(3, '\u{1f}');
        (fields.next().unwrap_or(""), fields.next().unwrap_or(""), fields.next().unwrap_or(""))
    })
}

/// Every catalogue table (the full page's catalogue).
pub const ALL_TABLES: &[Table] = &[
    FALLBACK_TABLE,
    catalogue_embed::ENTRIES,
    catalogue_ui::ENTRIES,
    catalogue_teach::ENTRIES,
    catalogue_observe::ENTRIES,
    catalogue_explain::ENTRIES,
    catalogue_bindings::ENTRIES,
    catalogue_charts::ENTRIES,
    catalogue_compare::ENTRIES,
    catalogue_console::ENTRIES,
    catalogue_trace::ENTRIES,
    catalogue_hub::ENTRIES,
];

/// The table every page carries in both languages (the notice that the French could not be
/// fetched); the others an embed shows come from `i18n/fr.json` in French.
pub const FALLBACK_TABLE: Table = catalogue_fallback::ENTRIES;

/// The light embed's catalogue: only what its view shows (the test `i18n::the_embed_catalogue_
/// covers_the_embed_view` checks every key its sources name); in wasm English only but for the
/// fallback notice ([`shared_catalogue!`]: the French is fetched when asked).
pub const EMBED_TABLES: &[Table] =
    &[FALLBACK_TABLE, catalogue_embed::ENTRIES_EN, catalogue_observe::ENTRIES_EN, catalogue_explain::ENTRIES_EN];

/// The embed with charts (`embed/charts/`): the light embed's tables and the Charts view's.
pub const EMBED_CHARTS_TABLES: &[Table] = &[
    FALLBACK_TABLE,
    catalogue_embed::ENTRIES_EN,
    catalogue_observe::ENTRIES_EN,
    catalogue_explain::ENTRIES_EN,
    catalogue_charts::ENTRIES_EN,
];

/// Every catalogue table.
pub fn tables() -> &'static [Table] {
    ALL_TABLES
}

static PAGE_TABLES: std::sync::OnceLock<&'static [Table]> = std::sync::OnceLock::new();

/// Chooses the tables `t` searches, once, at start: the full page passes [`ALL_TABLES`], the light
/// embed [`EMBED_TABLES`]. In wasm only the chosen tables are linked (a smaller download); natively
/// (CLI, tests) `t` searches every table when nothing was chosen.
pub fn use_tables(tables: &'static [Table]) {
    let _ = PAGE_TABLES.set(tables);
}

fn page_tables() -> &'static [Table] {
    match PAGE_TABLES.get() {
        Some(tables) => tables,
        #[cfg(not(target_arch = "wasm32"))]
        None => ALL_TABLES,
        #[cfg(target_arch = "wasm32")]
        None => &[],
    }
}

/// key → (English, French): each key's position in a list of the texts, through a
/// `BTreeMap<&str, usize>` — the map type the engine's name lookups link anyway — rather than a
/// `BTreeMap` of its own value type, which linked one more copy of the B-tree's code (issue 14 §1).
pub(crate) struct Index {
    keys: BTreeMap<&'static str, usize>,
    texts: Vec<(&'static str, &'static str)>,
}

impl Index {
    pub(crate) const fn new() -> Index {
        Index { keys: BTreeMap::new(), texts: Vec::new() }
    }

    /// Adds `key` with `texts` unless it is already there (the first entry of a key is kept).
    pub(crate) fn insert_first(&mut self, key: &'static str, texts: (&'static str, &'static str)) {
        let next = self.texts.len();
        if *self.keys.entry(key).or_insert(next) == next {
            self.texts.push(texts);
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&(&'static str, &'static str)> {
        self.keys.get(key).map(|&i| &self.texts[i])
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.keys.contains_key(key)
    }

    pub(crate) fn len(&self) -> usize {
        self.texts.len()
    }

    /// The texts, in the order their keys were first added.
    pub(crate) fn values(&self) -> impl Iterator<Item = &(&'static str, &'static str)> {
        self.texts.iter()
    }

    /// `(key, texts)` in key order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'static str, &(&'static str, &'static str))> {
        self.keys.iter().map(|(key, &i)| (*key, &self.texts[i]))
    }
}

/// Every entry of the page's tables by key, French as written in the tables, built once the page
/// has chosen its tables (before that, in wasm, an empty index that is not kept). Its French gets
/// its typography in [`french`], at the first French lookup: an English visitor's first render
/// (issue 14 §4, time to interactive) does not scan every French text of the catalogue.
fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    static EMPTY: Index = Index::new();
    if INDEX.get().is_none() && page_tables().is_empty() {
        return &EMPTY;
    }
    INDEX.get_or_init(|| {
        let mut map = Index::new();
        for table in page_tables() {
            for (key, en, fr) in entries(table) {
                map.insert_first(key, (en, fr));
            }
        }
        map
    })
}

/// The French of `key` with its typography (`typography::typography`): the few French texts
/// typography changes are fixed once, all together at the first French lookup, and kept for the
/// life of the page (key → (fixed text, ""): the index's own map type, so the wasm links no second
/// copy of the map's code; a text typography leaves alone is not in this map).
fn french(key: &str, fr: &'static str) -> &'static str {
    static FIXED: OnceLock<Index> = OnceLock::new();
    let fixed = FIXED.get_or_init(|| {
        let mut map = Index::new();
        for (key, (_, fr)) in index().iter() {
            if let std::borrow::Cow::Owned(text) = typography(Lang::Fr, fr) {
                map.insert_first(key, (&*Box::leak(text.into_boxed_str()), ""));
            }
        }
        map
    });
    fixed.get(key).map_or(fr, |(text, _)| text)
}

/// The string for `key` in `lang` (French with its typography); a visible marker when the key is
/// missing (and the tidy test fails). A French text the wasm does not carry comes from the
/// fetched file, or is shown in English until that file has arrived ([`french_ready`]).
pub fn t(lang: Lang, key: &str) -> &'static str {
    match index().get(key) {
        Some((en, fr)) => match lang {
            Lang::En => en,
            Lang::Fr if fr.is_empty() => fetched_french::get(key).unwrap_or(en),
            Lang::Fr => french(key, fr),
        },
        None => "⟦missing text⟧",
    }
}

/// `t` with `{name}` placeholders replaced: `tf(lang, "clock.at", &[("time", "08:00")])`.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// True when `key` is in the page's catalogue.
pub fn has_key(key: &str) -> bool {
    index().contains_key(key)
}
