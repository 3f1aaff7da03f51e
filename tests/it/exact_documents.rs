//! Issue 10 §5–§6: documents are read exactly and their errors point unambiguously.
//!
//! Each test loads a reproducer from `../shared/repro/` (the files that showed the problem) and
//! fails on the old behaviour: dotted paths, last-key-wins, numbers that drift on export →
//! import, more errors listed than the cap announces.

use portsim::engine::scenario::error::MAX_ERRORS;
use portsim::engine::scenario::json_walk::pointer_tokens;
use portsim::engine::scenario::{load_spec, ScenarioErrorKind};
use portsim::engine::{load_scenario, LoadError};
use std::path::PathBuf;

fn repro(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/repro").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn errors(json: &str) -> LoadError {
    match load_scenario(json) {
        Ok(_) => panic!("the document should be refused"),
        Err(e) => e,
    }
}

#[test]
fn keys_with_dots_or_nothing_get_distinct_json_pointers() {
    let e = errors(&repro("ambiguous_error_paths.json"));
    let paths: Vec<&str> = e.errors.iter().map(|e| e.path.as_str()).collect();
    // `script[0].send.BTS.ReceivePortName` could be read four ways; the pointer only one.
    assert!(paths.contains(&"/script/0/send/BTS.ReceivePortName"), "{paths:?}");
    assert!(paths.contains(&"/script/1/send/"), "the empty key inside send: {paths:?}");
    assert!(paths.contains(&"/"), "the empty key at the top level (not the whole file): {paths:?}");
    assert!(!paths.contains(&""), "no error claims the whole file: {paths:?}");
    for p in paths {
        assert!(pointer_tokens(p).is_some(), "{p} is a JSON Pointer");
    }
}

#[test]
fn slash_and_tilde_in_keys_are_escaped_per_rfc_6901() {
    let json = r#"{"format":"portsim-scenario/1","a/b":1,"c~d":2}"#;
    let paths: Vec<String> = errors(json).errors.into_iter().map(|e| e.path).collect();
    assert_eq!(paths, ["/a~1b", "/c~0d"]);
}

#[test]
fn duplicate_keys_are_errors_at_their_location() {
    let e = errors(&repro("dup_keys_last_wins.json"));
    let dups: Vec<&str> =
        e.errors.iter().filter(|e| e.kind == ScenarioErrorKind::Duplicate).map(|e| e.path.as_str()).collect();
    assert_eq!(dups, ["/name", "/sendPorts/0/primary/retryCount"], "{e}");
    // Inside context objects (free keys) too.
    let ctx = r#"{"format":"portsim-scenario/1","script":[{"at":"0s","publish":{"context":{"X":1,"X":2}}}]}"#;
    assert_eq!(errors(ctx).errors[0].path, "/script/0/publish/context/X");
}

#[test]
fn numbers_that_cannot_be_kept_exactly_are_refused_with_their_location() {
    let e = errors(&repro("roundtrip_float_drift.json"));
    assert_eq!(e.errors.len(), 1, "{e}");
    assert_eq!(e.errors[0].path, "/sendPorts/0/filter/0/0/value");
    assert_eq!(e.errors[0].kind, ScenarioErrorKind::OutOfRange);
    let big_int =
        r#"{"format":"portsim-scenario/1","script":[{"at":"0s","publish":{"context":{"N":18446744073709551615}}}]}"#;
    assert_eq!(errors(big_int).errors[0].path, "/script/0/publish/context/N");
}

#[test]
fn accepted_numbers_survive_export_and_import_unchanged() {
    // Values that drifted by one unit in the last place with serde_json's fast float parser.
    for value in
        ["0.1", "1.1e15", "-9007199254740991.0", "2.2250738585072014e-308", "123456.78901234567", "9223372036854775807"]
    {
        let json = format!(
            r#"{{"format":"portsim-scenario/1","sendPorts":[{{"name":"SP","kind":"static-one-way","state":"started",
            "filter":[[{{"property":"X","operator":"==","value":{value}}}]],"primary":{{"transport":"FILE","address":"a"}}}}]}}"#
        );
        let (spec, first) = load_spec(&json).unwrap_or_else(|e| panic!("{value}: {e}"));
        let mut text = serde_json::to_string(&spec).expect("a spec serializes");
        for cycle in 0..3 {
            let (again, model) = load_spec(&text).unwrap_or_else(|e| panic!("{value} cycle {cycle}: {e}"));
            assert_eq!(model, first, "{value}: cycle {cycle} changed the model");
            text = serde_json::to_string(&again).expect("a spec serializes");
        }
    }
}

#[test]
fn the_error_cap_is_exact_and_its_message_true() {
    let e = errors(&repro("errors_over_cap_2669.json"));
    assert_eq!(e.errors.len(), MAX_ERRORS + 1, "{} entries", e.errors.len());
    let listed = e.errors.iter().filter(|e| e.kind != ScenarioErrorKind::TooManyErrors).count();
    assert_eq!(listed, MAX_ERRORS);
    let last = e.errors.last().map(|e| (e.kind, e.message.clone()));
    let Some((ScenarioErrorKind::TooManyErrors, message)) = last else { panic!("no closing entry: {last:?}") };
    let more: usize = message
        .strip_prefix("at least ")
        .and_then(|m| m.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{message}"));
    // 1,000 repeated members (and a few more errors): every one beyond the cap is counted.
    assert!(more >= 1000 - MAX_ERRORS, "{message}");
    assert!(message.contains(&format!("at most {MAX_ERRORS} errors are shown")), "{message}");
}

#[test]
fn a_file_of_unknown_keys_lists_the_cap_and_counts_the_rest() {
    // Near the 5 MiB limit: 300,000 unknown keys, each close to a real field name.
    let mut json = String::from(r#"{"format":"portsim-scenario/1""#);
    for i in 0..300_000 {
        json.push_str(&format!(r#","nam{i}":0"#));
    }
    json.push('}');
    let e = errors(&json);
    assert_eq!(e.errors.len(), MAX_ERRORS + 1);
    let last = &e.errors[MAX_ERRORS];
    assert!(last.message.starts_with(&format!("at least {} more", 300_000 - MAX_ERRORS)), "{}", last.message);
}
