//! The catalogue: complete, bilingual, and covering every key the UI asks for.

use portsim::i18n::{entries, has_key, t, tables, tn, Lang, Table, EMBED_CHARTS_TABLES, EMBED_TABLES, FALLBACK_TABLE};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn no_key_is_duplicated_and_no_string_is_empty() {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, table) in tables().iter().enumerate() {
        for (key, en, fr) in entries(table) {
            if let Some(other) = seen.insert(key, index) {
                panic!("key {key} is in table {other} and table {index}");
            }
            assert!(is_key(key), "key {key:?} is not of the form [a-z0-9_.]+");
            assert!(!en.trim().is_empty(), "{key}: empty English");
            assert!(!fr.trim().is_empty(), "{key}: empty French");
            // The separators of the catalogue! string (a field holding one would shift the others).
            assert!(!fr.contains(['\u{1e}', '\u{1f}']), "{key}: French holds a catalogue separator");
        }
    }
    assert!(seen.len() > 50, "only {} entries", seen.len());
}

#[test]
fn french_is_a_translation_not_a_copy() {
    let all: Vec<_> = tables().iter().flat_map(|t| entries(t)).collect();
    let same: Vec<&str> = all.iter().filter(|(_, en, fr)| en == fr).map(|(k, _, _)| *k).collect();
    let differ = all.len() - same.len();
    assert!(differ * 10 >= all.len() * 9, "{} of {} entries are identical in French: {same:?}", same.len(), all.len());
}

#[test]
fn placeholders_match_between_languages() {
    for (key, en, fr) in tables().iter().flat_map(|t| entries(t)) {
        assert_eq!(placeholders(en), placeholders(fr), "{key}: placeholders differ");
    }
    assert_eq!(tn(Lang::En, "tutorial.progress", 2, &[("total", "8")]), "2 of 8 completed");
    assert_eq!(tn(Lang::Fr, "tutorial.progress", 2, &[("total", "8")]), "2 leçons sur 8 réussies");
    // French uses the singular for 0 and 1.
    assert_eq!(tn(Lang::Fr, "tutorial.progress", 0, &[("total", "8")]), "0 leçon sur 8 réussie");
    assert_eq!(tn(Lang::En, "obs.topo.members", 1, &[]), "1 member");
    assert_eq!(tn(Lang::En, "obs.topo.members", 0, &[]), "0 members");
    assert_eq!(t(Lang::Fr, "tree.send_port_groups"), "Groupes de ports d'envoi");
}

#[test]
fn every_key_used_in_the_ui_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("ui");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(!files.is_empty(), "no UI sources under {}", root.display());
    let mut missing = Vec::new();
    let mut used = 0;
    for file in &files {
        let Ok(source) = fs::read_to_string(file) else { continue };
        for key in used_keys(&source) {
            used += 1;
            if !has_key(&key) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(missing.is_empty(), "keys missing from the catalogue:\n{}", missing.join("\n"));
    assert!(used > 0, "the scanner found no t(...) call in src/ui");
}

#[test]
fn the_key_scanner_finds_literal_keys_and_a_missing_one_fails() {
    let source = r#"
        html! { <h2>{ t(props.lang, "gallery.heading") }</h2> }
        let s = tn(lang, "tutorial.progress", 1, &[]);
        let x = crate::i18n::t( lang ,
            "tutorial.check");
        let not_a_call = format!("t(lang, {})", "ignored");
        let dynamic = t(lang, preset.title_key);
        let nested = t(pick(a, b), "gallery.load");
        let nope = tf(Lang::En, "no.such.key_12", &[]);
        let wait = portsim::t(lang, "Not A Key");
    "#;
    let keys = used_keys(source);
    assert_eq!(
        keys,
        [
            "gallery.heading",
            "tutorial.progress.one",
            "tutorial.progress.other",
            "tutorial.check",
            "gallery.load",
            "no.such.key_12"
        ]
    );
    let missing: Vec<_> = keys.iter().filter(|k| !has_key(k)).collect();
    assert_eq!(missing, ["no.such.key_12"], "a missing key must be reported");
}

/// The sources of the light embed's view (its own module and the components it mounts). Every
/// catalogue key they name as a string literal — in `t(...)` calls or returned by helpers such as
/// `status_key` — must be in the embed's tables, or the embed would show "⟦missing text⟧".
const EMBED_SOURCES: &[&str] = &[
    "src/ui/embed.rs",
    "src/ui/embed/app.rs",
    "src/ui/embed/state.rs",
    "src/ui/components/clock_bar.rs",
    "src/ui/components/timeline.rs",
    "src/ui/components/timeline_items.rs",
    "src/ui/components/timeline_density.rs",
    "src/ui/components/timeline_bins.rs",
    "src/ui/components/timeline_lanes.rs",
    "src/ui/components/observe_util.rs",
    "src/ui/components/run_progress.rs",
    "src/ui/js_api.rs",
    "src/share.rs",
];

/// What the embed with charts (`embed/charts/`) adds to the light embed's sources.
const EMBED_CHARTS_SOURCES: &[&str] = &["src/ui/components/charts_panel.rs", "src/ui/png_export.rs"];

#[test]
fn the_embed_catalogue_covers_the_embed_view() {
    let all = keys(tables());
    let embed = keys(EMBED_TABLES);
    let named = missing_keys(EMBED_SOURCES, &all, &embed);
    // Dynamic keys the embed builds at run time come from whole tables it carries.
    assert!(embed.contains_key("explain.own_filter_match") && embed.contains_key("obs.clock.play"));
    // And the embed's catalogue is a real subset: none of the editors' text, nor the charts'.
    assert!(!embed.contains_key("tree.send_ports") && all.contains_key("tree.send_ports"));
    assert!(!embed.contains_key("charts.title") && all.contains_key("charts.title"));
    assert!(named > 40, "the scanner found only {named} keys in the embed's sources");

    // The embed with charts: the same view plus the Charts view's sources.
    let with_charts = keys(EMBED_CHARTS_TABLES);
    let sources: Vec<&str> = EMBED_SOURCES.iter().chain(EMBED_CHARTS_SOURCES).copied().collect();
    let named_with_charts = missing_keys(&sources, &all, &with_charts);
    assert!(named_with_charts > named, "the charts' sources name no key");
    assert!(embed.keys().all(|k| with_charts.contains_key(k)), "the embed with charts lacks a key of the light one");
}

fn keys(tables: &[Table]) -> BTreeMap<&'static str, ()> {
    tables.iter().flat_map(|t| entries(t)).map(|(k, _, _)| (k, ())).collect()
}

/// Panics naming every catalogue key the `files` name as a string literal that `have` lacks;
/// returns how many such keys were named.
fn missing_keys(files: &[&str], all: &BTreeMap<&str, ()>, have: &BTreeMap<&str, ()>) -> usize {
    let mut missing = Vec::new();
    let mut named = 0;
    for file in files {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Every text between two quotes (both parities, so an escaped quote cannot hide a key).
        for (i, _) in source.match_indices('"') {
            let rest = &source[i + 1..];
            let Some(end) = rest.find('"') else { continue };
            let literal = &rest[..end];
            if is_key(literal) && literal.contains('.') && all.contains_key(literal) {
                named += 1;
                if !have.contains_key(literal) {
                    missing.push(format!("{file}: {literal}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "keys the embed shows but its catalogue lacks:\n{}", missing.join("\n"));
    named
}

fn is_key(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
}

fn placeholders(s: &str) -> Vec<String> {
    let mut out: Vec<String> =
        s.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string())).collect();
    out.sort();
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The literal keys passed as the second argument of `t(` / `tf(` calls — the hand-written form of
/// the regex `\bt\(\s*[^,]+,\s*"([a-z0-9_.]+)"` (and the same for `tf`), with balanced parentheses
/// allowed in the first argument.
fn used_keys(source: &str) -> Vec<String> {
    let bytes = source.as_bytes();
    let mut keys = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // `tn(lang, "key", n, ..)` asks for `key.one` and `key.other`.
        let counted = bytes[i..].starts_with(b"tn(");
        let name_len = if bytes[i..].starts_with(b"tf(") || counted {
            2
        } else if bytes[i..].starts_with(b"t(") {
            1
        } else {
            i += 1;
            continue;
        };
        let word_start = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let in_string = i > 0 && bytes[i - 1] == b'"';
        i += name_len + 1;
        if !word_start || in_string {
            continue;
        }
        // Skip the first argument up to the top-level comma.
        let mut depth = 0usize;
        let mut j = i;
        while j < bytes.len() {
            match bytes[j] {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' if depth == 0 => break,
                b')' | b']' | b'}' => depth -= 1,
                b',' if depth == 0 => break,
                b'"' => break,
                _ => {}
            }
            j += 1;
        }
        if j >= bytes.len() || bytes[j] != b',' {
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'"' {
            let start = j + 1;
            if let Some(len) = source[start..].find('"') {
                let key = &source[start..start + len];
                if is_key(key) && counted {
                    keys.push(format!("{key}.one"));
                    keys.push(format!("{key}.other"));
                } else if is_key(key) {
                    keys.push(key.to_string());
                }
            }
        }
    }
    keys
}

#[test]
fn french_typography_is_applied_to_every_entry() {
    use portsim::i18n::typography;
    let mut changed = 0;
    for (key, _, fr) in tables().iter().flat_map(|t| entries(t)) {
        let shown = t(Lang::Fr, key);
        assert_eq!(typography(Lang::Fr, shown), shown, "{key}: not a fixed point");
        // No ordinary or no-break space, and no letter, right before a phrase-ending high mark.
        let chars: Vec<char> = shown.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let ends = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
            if matches!(c, ':' | ';' | '!' | '?') && ends && i > 0 {
                assert!(
                    !matches!(chars[i - 1], ' ' | '\u{a0}') && !chars[i - 1].is_alphanumeric(),
                    "{key}: {shown:?} lacks the narrow no-break space before {c:?}"
                );
            }
        }
        if shown != fr {
            changed += 1;
            if std::env::var_os("PORTSIM_SHOW_TYPOGRAPHY").is_some() {
                eprintln!("{key}: {shown}");
            }
        }
    }
    assert!(changed > 20, "typography changed only {changed} French entries");
    assert_eq!(t(Lang::Fr, "confirm.discard_title").chars().rev().nth(1), Some('\u{202F}'));
}

/// Issue 11 #10: "1 routing failure", "2 routing failures"; French takes the singular for 0 and 1.
#[test]
fn counts_agree_with_their_labels_in_both_languages() {
    use portsim::i18n::{plural_form, t, Lang, PluralForm};
    let label = |lang, n| match plural_form(lang, n) {
        PluralForm::One => t(lang, "totals.routing_failures.one"),
        PluralForm::Other => t(lang, "totals.routing_failures"),
    };
    assert_eq!(label(Lang::En, 1), "routing failure");
    assert_eq!(label(Lang::En, 0), "routing failures");
    assert_eq!(label(Lang::En, 2), "routing failures");
    assert_eq!(label(Lang::Fr, 0), "échec de routage");
    assert_eq!(label(Lang::Fr, 1), "échec de routage");
    assert_eq!(label(Lang::Fr, 2), "échecs de routage");
    // Every plural total has its singular.
    for (key, _, _) in tables().iter().flat_map(|t| entries(t)).filter(|(k, _, _)| k.starts_with("totals.")) {
        let base = key.trim_end_matches(".one");
        assert!(portsim::i18n::has_key(base) && portsim::i18n::has_key(&format!("{base}.one")), "{key}");
    }
}

/// The file the full page fetches for French (scripts/i18n_french.py → dist/i18n/fr.json; the
/// wasm carries those tables in English only, `i18n::page_catalogue!`) holds exactly the French
/// of the tables neither light embed links, as the compiled catalogue has it: nothing of the
/// embeds' (which carry their own French), nothing missing, nothing stale.
#[test]
fn french_file_matches_the_catalogue() {
    let out = std::process::Command::new("python3")
        .arg("scripts/i18n_french.py")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("python3 scripts/i18n_french.py: {e}"));
    assert!(out.status.success(), "i18n_french.py failed: {}", String::from_utf8_lossy(&out.stderr));
    let file: BTreeMap<String, String> =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("fr.json is not a JSON object of strings: {e}"));
    let want: BTreeMap<String, String> = tables()
        .iter()
        .filter(|table| !EMBED_TABLES.contains(table) && !EMBED_CHARTS_TABLES.contains(table))
        .flat_map(|table| entries(table))
        .map(|(key, _, fr)| (key.to_string(), fr.to_string()))
        .collect();
    let missing: Vec<&String> = want.keys().filter(|k| !file.contains_key(*k)).collect();
    let extra: Vec<&String> = file.keys().filter(|k| !want.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "fr.json lacks {missing:?}; holds keys no full-page table has {extra:?}"
    );
    for (key, fr) in &want {
        assert_eq!(file.get(key), Some(fr), "{key}: fr.json's French differs from the catalogue's");
    }
    assert!(want.len() > 500, "only {} full-page entries", want.len());
}

/// The French each embed fetches (scripts/i18n_french.py --embed → dist/embed/i18n/fr.json,
/// --embed-charts → dist/embed/charts/i18n/fr.json; their wasm carries those tables in English
/// only, `i18n::shared_catalogue!`) is exactly the French of the embed's tables but the fallback
/// notice's, as the compiled catalogue has it.
#[test]
fn embed_french_files_match_their_tables() {
    for (arg, tables) in [("--embed", EMBED_TABLES), ("--embed-charts", EMBED_CHARTS_TABLES)] {
        let out = std::process::Command::new("python3")
            .args(["scripts/i18n_french.py", arg])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap_or_else(|e| panic!("python3 scripts/i18n_french.py {arg}: {e}"));
        assert!(out.status.success(), "i18n_french.py {arg} failed: {}", String::from_utf8_lossy(&out.stderr));
        let file: BTreeMap<String, String> =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{arg}: not a JSON object of strings: {e}"));
        let mut want = BTreeMap::new();
        for table in tables.iter().filter(|table| **table != FALLBACK_TABLE) {
            for (key, _, fr) in entries(table) {
                want.insert(key.to_string(), fr.to_string());
            }
        }
        assert_eq!(file, want, "{arg}: the file differs from the embed's tables");
        assert!(
            !file.contains_key("status.french_missing"),
            "{arg}: the fallback notice is compiled in both languages"
        );
        assert!(file.len() > 100, "{arg}: only {} entries", file.len());
    }
}
