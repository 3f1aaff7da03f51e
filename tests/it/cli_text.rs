//! `portsim run FILE` (text output, SCENARIO.md "CLI"): the exact text of a few scenarios that
//! together show every part of it — a `via` group, an ordered service instance, reasons, dynamic
//! addresses, warnings, a response's routing failure, rejected actions on a port and on a group,
//! and a work limit. The expected files were written by the CLI before the text output was
//! streamed record by record (issue 9 §4); the output must stay byte-identical.

use std::path::PathBuf;
use std::process::Command;

const CASES: [&str; 9] = [
    "scenarios/0000_scenario_md_example",
    "scenarios/0107_L3_stop_from_bound",
    "scenarios/0201_G1_start_group_without_enlisted_member",
    "scenarios/0202_G2_unenlist_last_enlisted_member",
    "scenarios/0503_s01_s06_dynamic_retry_from_context",
    "scenarios/0572_s07_ordered_stop_on_failure",
    "scenarios/0573_s07_ordered_backup_ignored",
    "scenarios/0594_s09_response_not_routed",
    "cli_text/limit_reached",
];

#[test]
fn text_output_is_byte_identical_to_the_expected_files() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut problems = Vec::new();
    for case in CASES {
        let scenario = data.join(format!("{case}.json"));
        let name = case.rsplit('/').next().unwrap_or(case);
        let expected = std::fs::read_to_string(data.join("cli_text").join(format!("{name}.txt"))).unwrap_or_default();
        let out = Command::new(env!("CARGO_BIN_EXE_portsim")).arg("run").arg(&scenario).output();
        match out {
            Ok(o) if o.status.code() == Some(0) => {
                let got = String::from_utf8_lossy(&o.stdout);
                if got != expected || expected.is_empty() {
                    problems.push(format!("{case}: text differs\n--- expected\n{expected}--- got\n{got}"));
                }
            }
            Ok(o) => {
                problems.push(format!("{case}: exit {:?}: {}", o.status.code(), String::from_utf8_lossy(&o.stderr)))
            }
            Err(e) => problems.push(format!("{case}: the portsim binary did not run: {e}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
