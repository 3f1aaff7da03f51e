//! Goldens of `portsim diff --json` and `portsim sweep --json` on small scenarios whose numbers
//! are checked by hand below (tests/data/analysis; `UPDATE_GOLDEN=1` re-blesses the JSON files,
//! never the hand-checked assertions).
//!
//! retry_a.json: `out` fails its first two attempts, every attempt takes 10 s, retry count 1 every
//! 1 m; SP_Out2 → `out2` (10 s). Three messages at 0, 2 m, 4 m, each to both ports.
//! * A: M1 on SP_Out fails at 0–10 s and 70–80 s → Suspended (resumable); M2 and M3 complete at
//!   2:10 and 4:10; SP_Out2 completes at 0:10, 2:10, 4:10. 6 instances, 5 completed, 7 attempts.
//! * B (retry_b.json: retry count 3, `out2` 20 s): M1 on SP_Out's third attempt at 2:20 (the
//!   fourth on `out`; M2 took the third at 2:00) succeeds at 2:30; SP_Out2 completes 10 s later
//!   each. 6 completed, 8 attempts.

use portsim::analysis::sweep::{Axis, SweepPlan};
use std::path::PathBuf;
use std::process::Command;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/analysis").join(name)
}

fn portsim(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_portsim")).args(args).output().expect("the portsim binary runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn golden(name: &str, actual: &str) {
    let path = data(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(expected == actual, "{} differs from the output (UPDATE_GOLDEN=1 re-blesses):\n{actual}", path.display());
}

#[test]
fn diff_json_golden_with_hand_checked_numbers() {
    let a = data("retry_a.json").display().to_string();
    let b = data("retry_b.json").display().to_string();
    let text = portsim(&["diff", &a, &b, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&text).expect("diff JSON");
    assert_eq!(v["format"], "portsim-diff/1");
    let s = &v["summary"];
    let n = |k: &str| s[k].as_u64().unwrap_or(u64::MAX);
    assert_eq!((n("compared"), n("changed"), n("outcomeChanged"), n("statusChanged")), (6, 4, 1, 1));
    assert_eq!((n("completionMoved"), n("attemptsAdded"), n("attemptsSaved")), (3, 1, 0));
    assert_eq!((n("onlyInA"), n("onlyInB")), (0, 0));
    assert_eq!((v["a"]["totals"]["completed"].as_u64(), v["b"]["totals"]["completed"].as_u64()), (Some(5), Some(6)));
    assert_eq!((v["a"]["totals"]["attempts"].as_u64(), v["b"]["totals"]["attempts"].as_u64()), (Some(7), Some(8)));
    let m1 = &v["messages"][0];
    assert_eq!((m1["message"].as_str(), m1["port"].as_str()), (Some("M1"), Some("SP_Out")));
    assert_eq!(m1["a"]["status"], "suspended-resumable");
    assert_eq!(m1["a"]["reason"], "transport-failure");
    assert_eq!((m1["b"]["status"].as_str(), m1["b"]["completedMs"].as_u64()), (Some("completed"), Some(150_000)));
    assert_eq!(m1["attemptsDelta"], 1);
    for (i, done) in [(1, 20_000u64), (2, 140_000), (3, 260_000)] {
        let m = &v["messages"][i];
        assert_eq!(m["port"], "SP_Out2");
        assert_eq!((m["b"]["completedMs"].as_u64(), m["completionMovedMs"].as_i64()), (Some(done), Some(10_000)));
    }
    golden("retry_a_vs_b.diff.json", &text);
    // Text form: the totals side by side and one line per differing copy.
    let text = portsim(&["diff", &a, &b]);
    assert!(text.contains("4 of 6 message copies differ"), "{text}");
    assert!(text.contains("M1 on SP_Out: suspended-resumable"), "{text}");
}

#[test]
fn sweep_json_golden_with_hand_checked_numbers() {
    let a = data("retry_a.json").display().to_string();
    let text = portsim(&["sweep", &a, "--set", "/sendPorts/0/primary/retryCount=0..2", "--seeds", "2", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&text).expect("sweep JSON");
    assert_eq!(v["format"], "portsim-sweep/1");
    assert_eq!(v["seeds"], serde_json::json!([7, 8]));
    // retryCount 0: M1 and M2 (second attempt on `out`) suspended → 2 of 6; 6 attempts.
    // retryCount 1: M1 suspended → 1 of 6; 7 attempts; every delivery 10 s.
    // retryCount 2: nothing suspended; M1 delivered after 150 s = the p95 of 6 (nearest rank 6); 8 attempts.
    let expected = [(0, 2.0 / 6.0, 10_000.0, 6.0), (1, 1.0 / 6.0, 10_000.0, 7.0), (2, 0.0, 150_000.0, 8.0)];
    for (cell, (value, rate, p95, attempts)) in v["cells"].as_array().expect("cells").iter().zip(expected) {
        assert_eq!(cell["values"][0], value);
        assert_eq!(cell["runs"], 2);
        let close = |x: &serde_json::Value, y: f64| (x.as_f64().unwrap_or(f64::NAN) - y).abs() < 1e-9;
        for (key, want) in [("suspensionRate", rate), ("p95DeliveryMs", p95), ("attempts", attempts)] {
            let s = &cell[key];
            // No randomness in this scenario: both seeds agree, the band has no width.
            assert!(close(&s["mean"], want) && close(&s["low"], want) && close(&s["high"], want), "{key}: {s}");
        }
    }
    golden("retry_a.sweep.json", &text);
}

#[test]
fn two_dimensional_sweep_json_golden_with_hand_checked_numbers() {
    let a = data("retry_a.json").display().to_string();
    let text = portsim(&[
        "sweep",
        &a,
        "--set",
        "/sendPorts/0/primary/retryCount=0..1",
        "--set",
        "/endpoints/0/failures/0/count=1,2",
        "--seeds",
        "2",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&text).expect("sweep JSON");
    assert_eq!(v["format"], "portsim-sweep/1");
    let axes: Vec<&str> = v["axes"].as_array().expect("axes").iter().filter_map(|a| a["pointer"].as_str()).collect();
    assert_eq!(axes, ["/sendPorts/0/primary/retryCount", "/endpoints/0/failures/0/count"]);
    // The grid, first axis slowest. `out` fails its first `count` attempts (counted over all
    // instances); SP_Out2 always delivers in 10 s (3 attempts). M1 at 0, M2 at 2 m, M3 at 4 m.
    // (0, 1): M1 fails once and has no retry → 1 of 6 suspended; 3 + 3 attempts; deliveries 10 s.
    // (0, 2): M1 and M2 fail once each → 2 of 6; 6 attempts; 10 s.
    // (1, 1): M1 fails at 0–10 s, its retry at 70 s succeeds at 80 s → none suspended; 7 attempts;
    //         6 deliveries, the p95 (nearest rank 6 of 6) is M1's 80 s.
    // (1, 2): M1 fails at 0–10 s and 70–80 s → 1 of 6; 7 attempts; the 5 deliveries take 10 s.
    let expected = [
        ((0, 1), 1.0 / 6.0, 10_000.0, 6.0),
        ((0, 2), 2.0 / 6.0, 10_000.0, 6.0),
        ((1, 1), 0.0, 80_000.0, 7.0),
        ((1, 2), 1.0 / 6.0, 10_000.0, 7.0),
    ];
    let cells = v["cells"].as_array().expect("cells");
    assert_eq!(cells.len(), expected.len());
    for (cell, ((retry, count), rate, p95, attempts)) in cells.iter().zip(expected) {
        assert_eq!(cell["values"], serde_json::json!([retry, count]));
        assert_eq!(cell["runs"], 2);
        let close = |x: &serde_json::Value, y: f64| (x.as_f64().unwrap_or(f64::NAN) - y).abs() < 1e-9;
        for (key, want) in [("suspensionRate", rate), ("p95DeliveryMs", p95), ("attempts", attempts)] {
            let s = &cell[key];
            assert!(close(&s["mean"], want) && close(&s["low"], want) && close(&s["high"], want), "{key}: {s}");
        }
    }
    golden("retry_a.sweep2d.json", &text);
    // The text table has a column per axis.
    let text = portsim(&[
        "sweep",
        &a,
        "--set",
        "/sendPorts/0/primary/retryCount=0..1",
        "--set",
        "/endpoints/0/failures/0/count=1,2",
    ]);
    // Tabs separate the columns and reach the terminal as tabs (not escaped as `\u0009`).
    assert!(!text.contains("\\u0009"), "{text}");
    assert!(text.contains("4 cells x 1 seeds"), "{text}");
    assert!(text.contains("/sendPorts/0/primary/retryCount\t/endpoints/0/failures/0/count\t"), "{text}");
    assert!(text.contains("1\t1\t0.000\t80.000\t7.000"), "{text}");
}

#[test]
fn sweep_parallel_equals_sequential_and_bad_values_name_the_pointer() {
    let json = std::fs::read_to_string(data("retry_a.json")).expect("read");
    let axes = vec![Axis::parse("/endpoints/0/failures/0/count=0..3").expect("axis")];
    let plan = SweepPlan::new(&json, axes, Some(3)).expect("plan");
    assert_eq!(plan.jobs(), 12);
    assert_eq!(plan.run(), plan.run_sequential());
    let bad =
        SweepPlan::new(&json, vec![Axis::parse("/sendPorts/0/primary/retryCount=1000..1001").expect("axis")], None);
    let message = bad.err().unwrap_or_default();
    assert!(message.contains("/sendPorts/0/primary/retryCount=1001") && message.contains("retryCount"), "{message}");
    let missing = SweepPlan::new(&json, vec![Axis::parse("/sendPorts/9/priority=1..2").expect("axis")], None);
    assert!(missing.err().unwrap_or_default().contains("/sendPorts/9/priority"));
    assert!(Axis::parse("retryCount=1").is_err());
    assert!(Axis::parse("/a=5..1").is_err());
    assert_eq!(Axis::parse("/a=true,5m,0.5").map(|a| a.values).ok(), Some(vec![true.into(), "5m".into(), 0.5.into()]));
}

/// A preset's JSON with one value replaced (or removed with `None`) at a JSON Pointer.
fn variant(id: &str, pointer: &str, value: Option<serde_json::Value>) -> String {
    let preset = portsim::presets::by_id(id).unwrap_or_else(|| panic!("no preset {id}"));
    let mut doc: serde_json::Value = serde_json::from_str(preset.json()).expect("preset JSON");
    match value {
        Some(v) => *doc.pointer_mut(pointer).expect("pointer") = v,
        None => {
            let (parent, key) = pointer.rsplit_once('/').expect("pointer");
            doc.pointer_mut(parent).and_then(|p| p.as_object_mut()).and_then(|o| o.remove(key)).expect("removed");
        }
    }
    doc.to_string()
}

fn report(json: &str) -> portsim::engine::report::Report {
    let scenario = portsim::engine::load_scenario(json).expect("valid");
    let mut sim = portsim::engine::Simulation::new(&scenario);
    sim.run_to_end();
    sim.report()
}

#[test]
fn presets_for_comparisons_show_what_they_promise() {
    use portsim::analysis::diff::diff;
    // Retry settings compared: 3 × 5 min cannot ride out the 20-minute outage for M1–M3;
    // 5 × 5 min can (every message delivered).
    let a = report(portsim::presets::by_id("retry_settings").expect("preset").json());
    let suspended: Vec<String> =
        a.instances.iter().filter(|i| i.status == "suspended-resumable").map(|i| i.message.to_string()).collect();
    assert_eq!(suspended, ["M1", "M2", "M3"]);
    let b = report(&variant("retry_settings", "/sendPorts/0/primary/retryCount", Some(5.into())));
    let d = diff(&a, &b);
    assert_eq!((d.summary.outcome_changed, b.totals.completed, b.totals.instances), (3, 15, 15));

    // Backup transport or not: with the backup every invoice is delivered; without it some are
    // suspended, and B saves the backup's attempts.
    let a = report(portsim::presets::by_id("backup_or_not").expect("preset").json());
    assert_eq!((a.totals.completed, a.totals.instances), (40, 40));
    assert!(a.instances.iter().flat_map(|i| &i.attempts).any(|x| x.transport == "backup" && x.ok));
    let b = report(&variant("backup_or_not", "/sendPorts/0/backup", None));
    let d = diff(&a, &b);
    assert!(b.totals.suspended_resumable > 0 && d.summary.outcome_changed == b.totals.suspended_resumable);

    // How long an outage can you ride out: 3 × 5 min rides out 15 minutes, so of the messages
    // published during the 00:10–00:30 outage, M11–M15 (00:10–00:14) are suspended; the sweep
    // of the outage's end shows the rate growing with the outage.
    let a = report(portsim::presets::by_id("outage_ride_out").expect("preset").json());
    let suspended: Vec<String> =
        a.instances.iter().filter(|i| i.status == "suspended-resumable").map(|i| i.message.to_string()).collect();
    assert_eq!(suspended, ["M11", "M12", "M13", "M14", "M15"]);
    let json = portsim::presets::by_id("outage_ride_out").expect("preset").json();
    let axes = vec![Axis::parse("/endpoints/0/failures/0/to=15m,25m,30m,40m").expect("axis")];
    let result = SweepPlan::new(json, axes, None).expect("plan").run_sequential();
    let rates: Vec<f64> = result.cells.iter().map(|c| c.suspension_rate.map_or(-1.0, |s| s.mean)).collect();
    // By hand: a message published at t (whole minutes) makes its 4 attempts at t, t+5:01,
    // t+10:02, t+15:03; it is suspended when all start inside the outage [10, end): t ≥ 10 and
    // t + 15:03 < end. end 15 and 25: nobody; end 30: t = 10..14 (5 of 40); end 40: t = 10..24 (15).
    assert_eq!(rates, [0.0, 0.0, 5.0 / 40.0, 15.0 / 40.0]);
}
