//! Golden tests: every `tests/data/scenarios/NNNN_name.json` is loaded and run to its end; the
//! report (`report().to_json()`) must equal `NNNN_name.report.json` and the trace (one
//! `TraceEvent` `Display` line per event) must equal `NNNN_name.trace`. Files named
//! `NNNN_invalid_*.json` must fail to load, and the `LoadError` `Display` must equal
//! `NNNN_name.errors.txt`.
//!
//! Re-bless with `UPDATE_GOLDEN=1 cargo test --test it golden` — then READ the diff: the hand-written
//! assertions in `golden_expectations.rs` check the important fields against SEMANTICS.md, so a
//! wrong engine output cannot be blessed silently.
//!
//! Every rule id of SEMANTICS.md (L1–L4, G1–G4, C1–C6, §1–§12 written `s01`–`s12`) must appear as a
//! `_`-separated token of at least one golden file name (`golden_rule_coverage`), and every preset in
//! `src/presets/*.json` must load, run without panicking and give the same report twice
//! (`golden_presets`).

use portsim::engine::{load_scenario, Simulation};
use std::fs;
use std::path::{Path, PathBuf};

/// The rule ids of SEMANTICS.md, as they appear in golden file names.
pub const RULE_IDS: [&str; 26] = [
    "L1", "L2", "L3", "L4", "G1", "G2", "G3", "G4", "C1", "C2", "C3", "C4", "C5", "C6", "s01", "s02", "s03", "s04",
    "s05", "s06", "s07", "s08", "s09", "s10", "s11", "s12",
];

pub const BLESS_COMMAND: &str = "UPDATE_GOLDEN=1 cargo test --test it golden";

pub fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/scenarios")
}

pub fn presets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/presets")
}

/// True when `UPDATE_GOLDEN=1`: expected files are rewritten instead of compared.
pub fn update_mode() -> bool {
    std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1")
}

/// The scenario files of a folder (`*.json` but not `*.report.json`), sorted by name.
pub fn scenario_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    name.ends_with(".json") && !name.ends_with(".report.json")
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// `NNNN_name` of `NNNN_name.json`.
pub fn stem(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("").trim_end_matches(".json").to_string()
}

/// `NNNN_invalid_*` files are meant to be rejected by the loader.
pub fn is_invalid(stem: &str) -> bool {
    stem.split('_').nth(1) == Some("invalid")
}

/// What running one scenario file produced.
pub enum Outcome {
    /// `report().to_json()` and the trace (one line per event, each ending in `\n`).
    Ran { report_json: String, trace: String },
    /// The `LoadError` display, ending in `\n`.
    Rejected { errors: String },
}

/// Loads and runs one scenario text to its end.
pub fn run_text(json: &str) -> Outcome {
    match load_scenario(json) {
        Ok(scenario) => {
            let mut sim = Simulation::new(&scenario);
            sim.run_to_end();
            let trace: String = sim.trace().iter().map(|e| format!("{e}\n")).collect();
            Outcome::Ran { report_json: sim.report().to_json(), trace }
        }
        Err(e) => Outcome::Rejected { errors: format!("{e}\n") },
    }
}

/// A small line diff (longest common subsequence) in unified style: ` ` same, `-` expected,
/// `+` actual; at most `max_lines` lines around the changes.
pub fn line_diff(expected: &str, actual: &str, max_lines: usize) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // Trim the common prefix and suffix so the quadratic part stays small.
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && a[pre] == b[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < a.len() - pre && suf < b.len() - pre && a[a.len() - 1 - suf] == b[b.len() - 1 - suf] {
        suf += 1;
    }
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut out: Vec<String> = Vec::new();
    let ctx = 3;
    for line in &a[pre.saturating_sub(ctx)..pre] {
        out.push(format!("  {line}"));
    }
    if am.len() * bm.len() > 4_000_000 {
        out.extend(am.iter().map(|l| format!("- {l}")));
        out.extend(bm.iter().map(|l| format!("+ {l}")));
    } else {
        let (n, m) = (am.len(), bm.len());
        let mut lcs = vec![vec![0u32; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i][j] = if am[i] == bm[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && am[i] == bm[j] {
                out.push(format!("  {}", am[i]));
                i += 1;
                j += 1;
            } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
                out.push(format!("+ {}", bm[j]));
                j += 1;
            } else {
                out.push(format!("- {}", am[i]));
                i += 1;
            }
        }
    }
    for line in &a[a.len() - suf..(a.len() - suf + ctx).min(a.len())] {
        out.push(format!("  {line}"));
    }
    let total = out.len();
    if total > max_lines {
        out.truncate(max_lines);
        out.push(format!("  ... ({} more diff lines)", total - max_lines));
    }
    format!("@@ line {} @@\n{}", pre + 1, out.join("\n"))
}

/// Compares (or, in update mode, writes) one expected file. Returns a problem description.
fn check_file(path: &Path, actual: &str, update: bool) -> Option<String> {
    let expected = fs::read_to_string(path).ok();
    if expected.as_deref() == Some(actual) {
        return None;
    }
    if update {
        return match fs::write(path, actual) {
            Ok(()) => None,
            Err(e) => Some(format!("cannot write {}: {e}", path.display())),
        };
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
    Some(match expected {
        None => format!("{name}: missing expected file (bless it, then read it)"),
        Some(expected) => format!("{name} differs (- expected, + actual):\n{}", line_diff(&expected, actual, 60)),
    })
}

/// Removes an expected file that this kind of scenario must not have.
fn check_absent(path: &Path, update: bool) -> Option<String> {
    if !path.exists() {
        return None;
    }
    if update {
        return fs::remove_file(path).err().map(|e| format!("cannot remove {}: {e}", path.display()));
    }
    Some(format!("{} should not exist for this scenario", path.display()))
}

#[test]
fn golden() {
    let dir = scenarios_dir();
    let update = update_mode();
    let files = scenario_files(&dir);
    assert!(files.len() >= 60, "expected the golden scenarios in {}, found {}", dir.display(), files.len());
    let mut problems: Vec<String> = Vec::new();
    for path in &files {
        let stem = stem(path);
        let named_ok = stem.len() > 5 && stem[..4].bytes().all(|b| b.is_ascii_digit()) && stem.as_bytes()[4] == b'_';
        if !named_ok {
            problems.push(format!("{stem}: golden files are named NNNN_name.json"));
            continue;
        }
        let Ok(text) = fs::read_to_string(path) else {
            problems.push(format!("{stem}: unreadable"));
            continue;
        };
        let report_path = dir.join(format!("{stem}.report.json"));
        let trace_path = dir.join(format!("{stem}.trace"));
        let errors_path = dir.join(format!("{stem}.errors.txt"));
        let mut found: Vec<String> = Vec::new();
        match (run_text(&text), is_invalid(&stem)) {
            (Outcome::Ran { report_json, trace }, false) => {
                found.extend(check_file(&report_path, &report_json, update));
                found.extend(check_file(&trace_path, &trace, update));
                found.extend(check_absent(&errors_path, update));
            }
            (Outcome::Rejected { errors }, true) => {
                found.extend(check_file(&errors_path, &errors, update));
                found.extend(check_absent(&report_path, update));
                found.extend(check_absent(&trace_path, update));
            }
            (Outcome::Ran { .. }, true) => found.push("is named *_invalid_* but loaded without error".to_string()),
            (Outcome::Rejected { errors }, false) => found.push(format!("failed to load:\n{errors}")),
        }
        problems.extend(found.into_iter().map(|p| format!("[{stem}] {p}")));
    }
    // Expected files whose scenario is gone.
    if let Ok(entries) = fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            for suffix in [".report.json", ".trace", ".errors.txt"] {
                if let Some(base) = name.strip_suffix(suffix) {
                    if !dir.join(format!("{base}.json")).exists() {
                        problems.push(format!("[{base}] {name} has no scenario file"));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} golden problem(s):\n\n{}\n\nIf the new output is right per SEMANTICS.md, re-bless with:\n    {BLESS_COMMAND}\n",
        problems.len(),
        problems.join("\n\n")
    );
}

#[test]
fn golden_rule_coverage() {
    let stems: Vec<String> = scenario_files(&scenarios_dir()).iter().map(|p| stem(p)).collect();
    let missing: Vec<&str> =
        RULE_IDS.iter().copied().filter(|id| !stems.iter().any(|s| s.split('_').any(|tok| tok == *id))).collect();
    assert!(
        missing.is_empty(),
        "no golden scenario is named after rule(s) {missing:?} (e.g. 0700_{}_....json)",
        missing[0]
    );
    // The twelve cells of the action table each have their own file.
    for (id, action) in [("L1", "enlist"), ("L2", "start"), ("L3", "stop"), ("L4", "unenlist")] {
        for from in ["bound", "stopped", "started"] {
            let cell = format!("_{id}_{action}_from_{from}");
            assert!(stems.iter().any(|s| s.ends_with(&cell)), "no golden file for the action-table cell {cell}");
        }
    }
}

#[test]
fn golden_presets() {
    let presets = scenario_files(&presets_dir());
    let mut problems = Vec::new();
    for path in &presets {
        let stem = stem(path);
        let Ok(text) = fs::read_to_string(path) else {
            problems.push(format!("{stem}: unreadable"));
            continue;
        };
        match (run_text(&text), run_text(&text)) {
            (Outcome::Ran { report_json: a, trace: ta }, Outcome::Ran { report_json: b, trace: tb }) => {
                if a != b || ta != tb {
                    problems.push(format!("{stem}: two runs differ:\n{}", line_diff(&a, &b, 40)));
                }
            }
            (Outcome::Rejected { errors }, _) | (_, Outcome::Rejected { errors }) => {
                problems.push(format!("{stem}: preset does not load:\n{errors}"))
            }
        }
    }
    assert!(problems.is_empty(), "preset problems:\n{}", problems.join("\n"));
}

#[test]
fn golden_line_diff_shows_changes() {
    let d = line_diff("a\nb\nc\n", "a\nx\nc\n", 20);
    assert!(d.contains("- b") && d.contains("+ x") && d.contains("  a"), "{d}");
    assert!(is_invalid("0901_invalid_retry_count"));
    assert!(!is_invalid("0101_L1_enlist_from_bound"));
}
