//! The `portsim` binary: exit codes and output of `check` and `run` (SCENARIO.md "CLI").

use portsim::engine::report::{Report, REPORT_FORMAT};
use std::path::PathBuf;
use std::process::{Command, Output};

fn portsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portsim")).args(args).output().expect("the portsim binary runs")
}

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/scenarios").join(name).display().to_string()
}

/// A scenario file written for one test (unique name per test, in the target's temp dir).
fn temp_file(name: &str, content: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write temp scenario");
    path.display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_a_valid_file_prints_ok_and_exits_0() {
    let out = portsim(&["check", &data("0000_scenario_md_example.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "ok\n");
}

#[test]
fn check_prints_warnings_after_ok() {
    let file = temp_file(
        "ordered_backup.json",
        r#"{"format":"portsim-scenario/1","sendPorts":[{"name":"SP","kind":"static-one-way","orderedDelivery":true,
            "primary":{"transport":"FILE","address":"C:\\out"},"backup":{"transport":"FTP","address":"ftp://b"}}]}"#,
    );
    let out = portsim(&["check", &file]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("ok\n"), "{text}");
    assert!(text.contains("warning: /sendPorts/0/backup: "), "{text}");
}

#[test]
fn check_prints_every_error_with_its_path_and_exits_1() {
    let file = temp_file(
        "three_errors.json",
        r#"{"format":"portsim-scenario/1","sendPorts":[
            {"name":"SP","kind":"static-one-way","primary":{"transport":"FILE","address":"C:\\out","retryCount":1001},"priority":0},
            {"name":"SP","kind":"static-one-way","primary":{"transport":"FILE","address":"C:\\out2"}}]}"#,
    );
    let out = portsim(&["check", &file]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "three errors and a count line:\n{text}");
    assert!(lines[0].contains("/sendPorts/0/primary/retryCount: out-of-range: 1001 is not allowed"), "{text}");
    assert!(lines[1].contains("/sendPorts/0/priority: out-of-range"), "{text}");
    assert!(lines[2].contains("/sendPorts/1/name: duplicate"), "{text}");
    assert_eq!(lines[3], "3 errors");
}

#[test]
fn check_over_the_error_cap_counts_only_the_listed_errors() {
    // 300 wrong-typed ports: MAX_ERRORS (200) are listed, then the closing "more not listed"
    // line; the count line must say 200, not 201 (the closing line is not an error).
    let items = vec!["7"; 300].join(",");
    let file =
        temp_file("three_hundred_errors.json", &format!(r#"{{"format":"portsim-scenario/1","sendPorts":[{items}]}}"#));
    let out = portsim(&["check", &file]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 202, "200 errors, the closing entry and the count line:\n{text}");
    assert!(lines[200].contains("more errors are not listed"), "{}", lines[200]);
    assert_eq!(lines[201], "200 errors listed, and more not listed (see the line above)");
}

#[test]
fn check_of_not_json_exits_1_with_line_and_column() {
    let file = temp_file("not_json.json", "{\n  \"format\": oops\n}");
    let out = portsim(&["check", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("syntax: line 2, column"), "{}", stdout(&out));
}

#[test]
fn run_json_prints_a_report() {
    let out = portsim(&["run", &data("0000_scenario_md_example.json"), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Report = serde_json::from_slice(&out.stdout).expect("stdout is a portsim-report/1 document");
    assert_eq!(report.format, REPORT_FORMAT);
    assert_eq!(report.scenario, "Backup transport takes over");
    assert_eq!(report.seed, 42);
}

#[test]
fn run_text_prints_a_summary_with_totals() {
    let out = portsim(&["run", &data("0000_scenario_md_example.json"), "--until", "30m"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Scenario: Backup transport takes over (seed 42)"), "{text}");
    assert!(text.contains("Totals: "), "{text}");
}

#[test]
fn run_of_an_invalid_file_exits_1_with_the_errors() {
    let file = temp_file(
        "bad_priority.json",
        r#"{"format":"portsim-scenario/1","sendPorts":[{"name":"DP","kind":"dynamic-one-way","priority":11}]}"#,
    );
    let out = portsim(&["run", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/sendPorts/0/priority: out-of-range"), "{}", stderr(&out));
}

#[test]
fn a_missing_file_exits_2() {
    let out = portsim(&["check", "/nonexistent/definitely/missing.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read /nonexistent/definitely/missing.json"), "{}", stderr(&out));
    let out = portsim(&["run", "/nonexistent/definitely/missing.json", "--json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_arguments_exit_2_and_help_exits_0() {
    for args in [&[][..], &["frobnicate"], &["run"], &["run", "x.json", "--until", "5"], &["check", "a", "b"]] {
        let out = portsim(args);
        assert_eq!(out.status.code(), Some(2), "args {args:?}");
        assert!(stderr(&out).contains("portsim --help"), "args {args:?}: {}", stderr(&out));
    }
    let help = portsim(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("portsim run FILE [--json | --summary] [--trace] [--until DURATION]"));
    assert!(stdout(&help).contains("portsim check FILE"));
}

#[test]
fn a_non_utf8_file_is_an_error_not_a_panic() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("binary.json");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x7b]).expect("write");
    let out = portsim(&["check", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("not UTF-8"), "{}", stdout(&out));
}

#[test]
fn run_trace_prints_the_trace_lines_before_the_report() {
    let out = portsim(&["run", &data("0000_scenario_md_example.json"), "--trace", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let json_start = text.find("\n{").map(|i| i + 1).unwrap_or(0);
    let (trace, json) = text.split_at(json_start);
    assert!(!trace.is_empty(), "the example produces trace lines");
    for line in trace.lines() {
        assert!(line.starts_with("00:") && line.contains(" | "), "not a trace line: {line}");
    }
    let report: Report = serde_json::from_str(json).expect("the report follows the trace");
    assert_eq!(report.format, REPORT_FORMAT);
}

/// Issue 10 §7: scenario text with terminal escape sequences is printed escaped, never raw.
#[test]
fn control_characters_from_the_scenario_never_reach_the_terminal() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/repro/cli_terminal_escape.json");
    let file = file.display().to_string();
    for args in [vec!["run", &file], vec!["run", "--trace", &file], vec!["run", "--json", "--trace", &file]] {
        let out = portsim(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        for (what, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let raw: Vec<u8> = bytes.iter().copied().filter(|b| (*b < 0x20 && *b != b'\n') || *b == 0x7f).collect();
            assert!(raw.is_empty(), "{args:?} {what} has raw control bytes {raw:?}");
            assert!(!String::from_utf8_lossy(bytes).contains('\u{9b}'), "{args:?} {what} has a raw C1 CSI");
        }
        assert!(stdout(&out).contains("\\u001b"), "{args:?}: the escape is shown, escaped:\n{}", stdout(&out));
    }
    let json = portsim(&["run", "--json", &file]);
    let report: Report = serde_json::from_slice(&json.stdout).expect("--json output is still JSON");
    assert!(report.scenario.starts_with("\u{1b}]0;pwned"), "the value itself is unchanged");
    let bad = temp_file("escape_in_error.json", r#"{"format":"portsim-scenario/1","na\u001b[2Jme":1}"#);
    let out = portsim(&["check", &bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stdout.contains(&0x1b) && stdout(&out).contains("/na\\u001b[2Jme"), "{}", stdout(&out));
}
