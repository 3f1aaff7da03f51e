//! `parse_script`: the Operations editor's raw JSON (an array of script entries) is read by the
//! engine's own walker, as a scenario's `script` is — the same entries, every error with its JSON
//! Pointer relative to the array (issue 14 §2: the page links no serde derive for it).

use portsim::engine::scenario::parse::parse_script;
use portsim::engine::scenario::parse_spec;
use portsim::engine::ScenarioErrorKind;

const EXAMPLE: &str = include_str!("../data/scenarios/0000_scenario_md_example.json");

#[test]
fn a_scenario_script_written_out_reads_back_the_same() {
    let spec = parse_spec(EXAMPLE).expect("the SCENARIO.md example loads");
    assert!(spec.script.len() >= 2, "the example has a script to compare");
    let text = serde_json::to_string_pretty(&spec.script).expect("a script serialises");
    assert_eq!(parse_script(&text).expect("its own script reads back"), spec.script);
    assert_eq!(parse_script("[]").expect("an empty script"), Vec::new());
}

#[test]
fn every_error_names_its_place_in_the_array() {
    let one = |json: &str| {
        let errors = parse_script(json).expect_err(json).errors;
        assert_eq!(errors.len(), 1, "{json}: {errors:?}");
        (errors[0].path.clone(), errors[0].kind, errors[0].message.clone())
    };
    let (path, kind, message) = one(r#"{"at":"0s","enlist":{"port":"A"}}"#);
    assert_eq!((path.as_str(), kind), ("", ScenarioErrorKind::WrongType));
    assert!(message.contains("expected an array of script entries"), "{message}");
    let (path, kind, _) = one(r#"[{"at":"0s","enlist":{"port":"A"}},{"at":"1m","stat":{"port":"A"}}]"#);
    assert_eq!((path.as_str(), kind), ("/1/stat", ScenarioErrorKind::UnknownField));
    let (path, kind, _) = one(r#"[{"at":60,"start":{"port":"A"}}]"#);
    assert_eq!((path.as_str(), kind), ("/0/at", ScenarioErrorKind::WrongType));
    let (path, kind, _) = one(r#"[{"at":"0s","at":"1s","start":{"port":"A"}}]"#);
    assert_eq!((path.as_str(), kind), ("/0/at", ScenarioErrorKind::Duplicate));
    let (path, kind, message) = one(r#"[{"at":"0s","#);
    assert_eq!((path.as_str(), kind), ("", ScenarioErrorKind::Syntax));
    assert!(message.starts_with("line 1, column"), "{message}");
}
