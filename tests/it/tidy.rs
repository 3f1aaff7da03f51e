//! Tidy tests: source-level invariants of ARCHITECTURE.md.

use std::fs;
use std::path::{Path, PathBuf};

/// Architecture invariant 1: names the engine must never use (web crates, real clock, OS randomness,
/// HashMap — whose iteration order would leak into output).
const FORBIDDEN_IN_ENGINE: [&str; 12] = [
    "yew",
    "web_sys",
    "gloo",
    "js_sys",
    "wasm_bindgen",
    "std::time",
    "SystemTime",
    "Instant",
    "thread_rng",
    "rand::",
    "getrandom",
    "HashMap",
];

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

/// Returns `(line number, forbidden name)` for each offending line of `source`. A word match:
/// `yew` inside `yewable` does not count; comment lines are skipped.
pub fn forbidden_names(source: &str) -> Vec<(usize, &'static str)> {
    let mut hits = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        for name in FORBIDDEN_IN_ENGINE {
            let mut rest = code;
            while let Some(pos) = rest.find(name) {
                let before = rest[..pos].chars().next_back();
                let after = rest[pos + name.len()..].chars().next();
                let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                if !ident(before) && (name.ends_with(':') || !ident(after)) {
                    hits.push((i + 1, name));
                    break;
                }
                rest = &rest[pos + name.len()..];
            }
        }
    }
    hits
}

#[test]
fn scanner_accepts_an_empty_engine_module() {
    assert!(forbidden_names("").is_empty());
    assert!(forbidden_names("//! The engine.\npub struct Queue;\n").is_empty());
}

#[test]
fn scanner_catches_each_forbidden_name() {
    for name in FORBIDDEN_IN_ENGINE {
        let src = format!("fn f() {{ let _ = {name}{}; }}", if name.ends_with(':') { "x" } else { "::x" });
        assert!(!forbidden_names(&src).is_empty(), "{name} not caught in {src}");
    }
    assert!(forbidden_names("use std::time::Instant;").len() >= 2);
    assert!(forbidden_names("let yewable = 1; // yew in a trailing comment is code").len() == 1);
}

#[test]
fn engine_sources_are_pure() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("engine"), &mut files);
    files.push(root.join("engine.rs"));
    assert!(files.len() > 1, "engine sources not found under {}", root.display());
    let mut problems = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap_or_default();
        for (line, name) in forbidden_names(&text) {
            problems.push(format!("{}:{line}: names `{name}`", file.display()));
        }
    }
    assert!(problems.is_empty(), "engine purity invariant broken:\n{}", problems.join("\n"));
}

#[test]
fn ui_has_no_unwrap_or_expect() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"), &mut files);
    let mut problems = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            if line.contains(".unwrap()") || line.contains(".expect(") {
                problems.push(format!("{}:{}", file.display(), i + 1));
            }
        }
    }
    assert!(problems.is_empty(), "unwrap/expect in UI code (a panic kills the page):\n{}", problems.join("\n"));
}
