//! `portsim bindings import|export` (SCENARIO.md "CLI"): stdout, stderr lines, exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

fn portsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portsim")).args(args).output().expect("the portsim binary runs")
}

fn shared(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bindings").join(name).display().to_string()
}

fn handmade(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/bindings").join(name).display().to_string()
}

fn temp_file(name: &str, content: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bindings-cli-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write temp file");
    path.display().to_string()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn import_prints_a_scenario_that_check_accepts_and_warnings_on_stderr() {
    let out = portsim(&["bindings", "import", &shared("uu-int0009-sesam.xml")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json = text(&out.stdout);
    assert!(json.contains("\"format\": \"portsim-scenario/1\""));
    let stderr = text(&out.stderr);
    assert!(!stderr.is_empty() && stderr.lines().all(|l| l.starts_with("warning: ")), "{stderr}");
    let file = temp_file("sesam.json", &json);
    let check = portsim(&["check", &file]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
}

#[test]
fn import_with_offset_and_start_all() {
    let out = portsim(&[
        "bindings",
        "import",
        &handmade("service_window_offset.xml"),
        "--utc-offset",
        "+02:00",
        "--start-all",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json = text(&out.stdout);
    assert!(json.contains("\"from\": \"08:00\"") && json.contains("\"to\": \"17:00\""), "{json}");
    assert!(json.contains("\"start\": {"), "start-all adds start lines");
    assert!(text(&out.stderr).contains("+02:00"));
}

#[test]
fn import_errors_go_to_stderr_with_locations_and_exit_1() {
    let out = portsim(&["bindings", "import", &handmade("out_of_range.xml")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 4, "{stderr}");
    assert!(stderr.contains("SendPort[@Name='SP_Retries']/PrimaryTransport/RetryCount"), "{stderr}");
    assert!(stderr.contains("send port \"SP_Priority\""), "{stderr}");
}

#[test]
fn export_prints_binding_xml_that_imports_back() {
    let scenario = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/scenarios/0000_scenario_md_example.json");
    let out = portsim(&["bindings", "export", &scenario.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let xml = text(&out.stdout);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<BindingInfo "));
    let file = temp_file("example.xml", &xml);
    let back = portsim(&["bindings", "import", &file]);
    assert_eq!(back.status.code(), Some(0), "{}", text(&back.stderr));
    assert!(text(&back.stdout).contains("SP_Orders_FILE"));
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        vec!["bindings"],
        vec!["bindings", "import"],
        vec!["bindings", "import", "x.xml", "--utc-offset", "+25:00"],
        vec!["bindings", "export"],
        vec!["bindings", "frobnicate"],
    ] {
        assert_eq!(portsim(&args).status.code(), Some(2), "{args:?}");
    }
    assert_eq!(portsim(&["bindings", "import", "/no/such/file.xml"]).status.code(), Some(2));
}
