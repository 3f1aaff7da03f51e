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
    // The binding-file import/export is pure too (it runs in the page and the CLI alike).
    rust_files(&root.join("bindings"), &mut files);
    files.push(root.join("bindings.rs"));
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
fn bindings_have_no_unwrap_or_expect() {
    // The import reads user files: a panic there would kill the page (no unwrap/expect at all).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join("bindings.rs")];
    rust_files(&root.join("bindings"), &mut files);
    let mut problems = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap_or_default();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, line) in code.lines().enumerate() {
            let doc = line.trim_start().starts_with("//");
            if !doc && (line.contains(".unwrap()") || line.contains(".expect(")) {
                problems.push(format!("{}:{}", file.display(), i + 1));
            }
        }
    }
    assert!(problems.is_empty(), "unwrap/expect in binding import/export:\n{}", problems.join("\n"));
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

// ----- engine import graph (issue 9 item 8) ---------------------------------------------------

/// The engine modules a source file names: `super::X` (or `super::super::X` from a child module
/// such as `simulation/routing.rs`) and `crate::engine::X`, grouped imports included. Comment
/// lines are skipped; `super::*` and names that are not engine modules are ignored by the caller.
pub fn engine_module_refs(source: &str, depth: usize) -> Vec<String> {
    let prefixes = ["super::".repeat(depth), "crate::engine::".to_string(), "portsim::engine::".to_string()];
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut refs = Vec::new();
    for line in source.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        for prefix in &prefixes {
            let mut rest = code;
            while let Some(pos) = rest.find(prefix.as_str()) {
                let before = rest[..pos].chars().next_back();
                rest = &rest[pos + prefix.len()..];
                // `super::super::x` seen from depth 1 names `super`, not a module: skip it.
                if before.is_some_and(|c| ident(c) || c == ':') {
                    continue;
                }
                if let Some(list) = rest.strip_prefix('{') {
                    let end = list.find('}').unwrap_or(list.len());
                    for item in list[..end].split(',') {
                        let name: String = item.trim().chars().take_while(|&c| ident(c)).collect();
                        if !name.is_empty() {
                            refs.push(name);
                        }
                    }
                } else {
                    let name: String = rest.chars().take_while(|&c| ident(c)).collect();
                    if !name.is_empty() {
                        refs.push(name);
                    }
                }
            }
        }
    }
    refs
}

/// The first cycle found in a module graph (`module -> modules it names`), as a path `a -> b -> a`.
pub fn find_cycle(graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>) -> Option<String> {
    fn visit(
        node: &str,
        graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        state: &mut std::collections::BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<String> {
        match state.get(node) {
            Some(2) => return None,
            Some(1) => {
                let start = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle.join(" -> "));
            }
            _ => {}
        }
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = std::collections::BTreeMap::new();
    for node in graph.keys() {
        if let Some(c) = visit(node, graph, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

/// The import graph of `src/engine/`: one node per top-level engine module (a directory module
/// such as `simulation/` is folded into its node), an edge for every engine module it names.
fn engine_import_graph() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let engine = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut files = Vec::new();
    rust_files(&engine, &mut files);
    let node_of = |path: &Path| -> (String, usize) {
        let rel = path.strip_prefix(&engine).unwrap_or(path);
        let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
        (parts[0].clone(), parts.len())
    };
    let modules: std::collections::BTreeSet<String> = files.iter().map(|f| node_of(f).0).collect();
    let mut graph = std::collections::BTreeMap::new();
    for file in &files {
        let (node, depth) = node_of(file);
        let source = fs::read_to_string(file).unwrap_or_default();
        let edges: &mut std::collections::BTreeSet<String> = graph.entry(node.clone()).or_default();
        for name in engine_module_refs(&source, depth) {
            if name != node && modules.contains(&name) {
                edges.insert(name);
            }
        }
    }
    graph
}

#[test]
fn import_scanner_reads_grouped_and_nested_paths() {
    let src = "use super::note::{Note, SuspendCause};\nuse super::{outcome, view::Attempt};\n\
               // use super::simulation::Simulation;\nlet x = crate::engine::time::SimTime(1);\n";
    assert_eq!(engine_module_refs(src, 1), ["note", "outcome", "view", "time"]);
    assert_eq!(engine_module_refs("use super::super::trace::TraceKind; use super::Line;", 2), ["trace"]);
    let mut g = std::collections::BTreeMap::new();
    g.insert("instance".to_string(), ["outcome".to_string()].into_iter().collect());
    g.insert("outcome".to_string(), std::collections::BTreeSet::new());
    assert_eq!(find_cycle(&g), None);
    g.insert("outcome".to_string(), ["simulation".to_string()].into_iter().collect());
    g.insert("simulation".to_string(), ["instance".to_string()].into_iter().collect());
    assert_eq!(find_cycle(&g).as_deref(), Some("instance -> outcome -> simulation -> instance"));
}

/// Issue 9 item 8: the shared outcome vocabulary lives in leaf modules, so no engine module
/// imports `simulation` types back in a cycle.
#[test]
fn engine_import_graph_has_no_cycle() {
    let graph = engine_import_graph();
    assert!(graph.len() > 20 && graph.contains_key("simulation"), "engine modules not found: {graph:?}");
    assert_eq!(find_cycle(&graph), None, "cycle in the import graph of src/engine/");
    // The outcome vocabulary is a leaf: it imports nothing of the engine.
    assert_eq!(graph.get("outcome").map(|e| e.len()), Some(0), "outcome.rs must import no engine module");
}
