//! Determinism (DESIGN invariant 6): every valid golden scenario's native report is kept in one
//! fixture, `tests/data/determinism/native_reports.json` (`{ "<file stem>": <report object>, ... }`),
//! which the wasm test (`tests/wasm.rs`, in Chromium) compares the browser engine against.
//!
//! `UPDATE_GOLDEN=1 cargo test --test it determinism` rewrites the fixture; otherwise the native
//! engine must reproduce it exactly, and two runs in one process must give identical traces.

use crate::golden::{is_invalid, run_text, scenario_files, scenarios_dir, stem, update_mode, Outcome};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/determinism/native_reports.json")
}

/// `(stem, report JSON, trace)` of every valid golden scenario that loads.
fn native_runs() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for path in scenario_files(&scenarios_dir()) {
        let stem = stem(&path);
        if is_invalid(&stem) {
            continue;
        }
        let Ok(text) = fs::read_to_string(&path) else { continue };
        if let Outcome::Ran { report_json, trace } = run_text(&text) {
            out.push((stem, report_json, trace));
        }
    }
    out
}

#[test]
fn determinism_native_reports_fixture() {
    let runs = native_runs();
    assert!(!runs.is_empty(), "no golden scenario loaded");
    let mut reports: BTreeMap<String, Value> = BTreeMap::new();
    for (stem, json, _) in &runs {
        let value: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{stem}: report is not JSON: {e}"));
        reports.insert(stem.clone(), value);
    }
    let path = fixture_path();
    if update_mode() {
        let mut text = serde_json::to_string_pretty(&reports).unwrap_or_default();
        text.push('\n');
        fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let text = fs::read_to_string(&path).unwrap_or_default();
    let fixture: BTreeMap<String, Value> = serde_json::from_str(&text).unwrap_or_default();
    let mut problems = Vec::new();
    for (stem, report) in &reports {
        match fixture.get(stem) {
            None => problems.push(format!("{stem}: missing from the fixture")),
            Some(expected) if expected != report => {
                problems.push(format!("{stem}: native report differs from the fixture"))
            }
            Some(_) => {}
        }
    }
    for stem in fixture.keys() {
        if !reports.contains_key(stem) {
            problems.push(format!("{stem}: in the fixture but no such loadable golden scenario"));
        }
    }
    assert!(
        problems.is_empty(),
        "{}:\n{}\nRe-bless with: UPDATE_GOLDEN=1 cargo test --test it determinism",
        path.display(),
        problems.join("\n")
    );
}

#[test]
fn determinism_two_runs_are_identical() {
    for (stem, json, trace) in native_runs() {
        let path = scenarios_dir().join(format!("{stem}.json"));
        let text = fs::read_to_string(&path).unwrap_or_default();
        match run_text(&text) {
            Outcome::Ran { report_json, trace: again } => {
                assert_eq!(json, report_json, "{stem}: two runs gave different reports");
                assert_eq!(trace, again, "{stem}: two runs gave different traces");
            }
            Outcome::Rejected { errors } => panic!("{stem}: second load failed: {errors}"),
        }
    }
}
