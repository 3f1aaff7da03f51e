//! `portsim run FILE --summary` (SCENARIO.md "CLI"): only the totals and the per-port counts, as
//! one short text block — checked against the full `--json` report of every golden scenario, so a
//! summary that drifts from the report (or grows instance lines) fails here.

use crate::golden::{is_invalid, scenario_files, scenarios_dir, stem};
use portsim::engine::report::Report;
use std::process::{Command, Output};

fn portsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portsim")).args(args).output().expect("the portsim binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The totals line as the full text report words it.
fn totals_line(r: &Report) -> String {
    let t = &r.totals;
    format!(
        "Totals: {} messages, {} instances, {} completed, {} suspended (resumable), {} suspended (not resumable), \
         {} terminated, {} active, {} routing failures, {} attempts",
        t.messages,
        t.instances,
        t.completed,
        t.suspended_resumable,
        t.suspended_not_resumable,
        t.terminated,
        t.active,
        t.routing_failures,
        t.attempts
    )
}

/// `[state, instances, completed, susp-resumable, susp-not-resumable, terminated, active, attempts]`
/// of one port, counted from the report's instance list.
fn expected_row(r: &Report, port: &str) -> Vec<String> {
    let mine: Vec<_> = r.instances.iter().filter(|i| i.port == port).collect();
    let count = |status: &str| mine.iter().filter(|i| i.status == status).count();
    let state = r.ports.iter().find(|p| p.name == port).map(|p| p.state.clone()).unwrap_or_default();
    let mut row = vec![state];
    row.extend(
        [
            mine.len(),
            count("completed"),
            count("suspended-resumable"),
            count("suspended-not-resumable"),
            count("terminated"),
            count("active") + count("scheduled"),
            mine.iter().map(|i| i.attempts.len()).sum(),
        ]
        .map(|n| n.to_string()),
    );
    row
}

#[test]
fn summary_equals_the_reports_totals_and_per_port_counts_for_every_golden() {
    let mut problems = Vec::new();
    let mut compared = 0;
    for path in scenario_files(&scenarios_dir()) {
        let name = stem(&path);
        if is_invalid(&name) {
            continue;
        }
        let file = path.display().to_string();
        let json = portsim(&["run", &file, "--json"]);
        let Ok(report) = serde_json::from_slice::<Report>(&json.stdout) else {
            problems.push(format!("{name}: --json is not a report"));
            continue;
        };
        let out = portsim(&["run", &file, "--summary"]);
        if out.status.code() != Some(0) {
            problems.push(format!("{name}: --summary exit {:?}: {}", out.status.code(), text(&out.stderr)));
            continue;
        }
        let summary = text(&out.stdout);
        let lines: Vec<&str> = summary.lines().collect();
        // Header line, totals, table header, one row per port: nothing else (no instance lines).
        let expected_lines = if report.ports.is_empty() { 3 } else { 3 + report.ports.len() };
        if lines.len() != expected_lines {
            problems.push(format!("{name}: {} lines, expected {expected_lines}:\n{summary}", lines.len()));
            continue;
        }
        if !lines[0].starts_with("Scenario: ") || !lines[0].contains(&format!("(seed {})", report.seed)) {
            problems.push(format!("{name}: first line {:?}", lines[0]));
        }
        if lines[1] != totals_line(&report) {
            problems.push(format!("{name}: totals {:?} != report {:?}", lines[1], totals_line(&report)));
        }
        if report.ports.is_empty() {
            continue;
        }
        let header: Vec<&str> = lines[2].split_whitespace().collect();
        let want_header = [
            "port",
            "state",
            "instances",
            "completed",
            "susp-resumable",
            "susp-not-resumable",
            "terminated",
            "active",
            "attempts",
        ];
        if header != want_header {
            problems.push(format!("{name}: table header {header:?}"));
        }
        for (line, port) in lines[3..].iter().zip(&report.ports) {
            let cells: Vec<String> = line.split_whitespace().map(str::to_string).collect();
            let mut want = vec![port.name.clone()];
            want.extend(expected_row(&report, &port.name));
            if cells != want {
                problems.push(format!("{name}: port row {cells:?}, expected {want:?}"));
            }
        }
        compared += 1;
    }
    assert!(compared > 50, "only {compared} goldens compared");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn summary_with_trace_prints_the_trace_first() {
    let file = scenarios_dir().join("0594_s09_response_not_routed.json").display().to_string();
    let out = portsim(&["run", &file, "--summary", "--trace"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = text(&out.stdout);
    let expected_trace =
        std::fs::read_to_string(scenarios_dir().join("0594_s09_response_not_routed.trace")).expect("golden trace");
    let (trace, summary) = out.split_once("\n\n").expect("a blank line between trace and summary");
    assert_eq!(format!("{trace}\n"), expected_trace);
    assert!(summary.starts_with("Scenario: §9 solicit-response"), "{summary}");
    assert!(summary.contains("\nSP_Req     started         2         2"), "{summary}");
}

#[test]
fn summary_and_json_cannot_be_combined() {
    let file = scenarios_dir().join("0000_scenario_md_example.json").display().to_string();
    let out = portsim(&["run", &file, "--summary", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--json and --summary cannot be combined"), "{}", text(&out.stderr));
}

#[test]
fn summary_of_a_limit_stopped_run_says_which_limit() {
    let file = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/limits/response_storm_k3.json")
        .display()
        .to_string();
    let out = portsim(&["run", &file, "--summary", "--max-instances", "1000"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    let stderr = text(&out.stderr);
    let said = stderr.trim_start_matches("portsim: ").trim_end();
    assert!(!said.is_empty() && summary.lines().nth(1) == Some(said), "stdout:\n{summary}\nstderr: {stderr}");
    assert!(summary.lines().any(|l| l.starts_with("Totals: ")), "{summary}");
}
