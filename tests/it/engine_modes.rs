//! Engine-mode equivalences (engine owner's tests) over the random scenarios of
//! `random_scenario.rs`: how a simulation is driven must never change what it produces.
//!
//! * trace recording off (the benchmark's mode) gives the same report, instances and explanations;
//! * stepping one event at a time gives the same trace and report as `run_to_end`;
//! * UI-style ticking (`run_until` in small increments) gives the same trace and report;
//! * slices of at most N events (`run_until_budget`, the page's Run to end) change nothing, and
//!   the incrementally kept `instances()` view equals a full rebuild.

use crate::random_scenario::GenScenario;
use portsim::engine::time::SimTime;
use portsim::engine::{load_scenario, Simulation};

/// Random scenarios per test; `PORTSIM_ENGINE_MODE_CASES` raises it locally.
fn cases() -> u64 {
    std::env::var("PORTSIM_ENGINE_MODE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300)
}

fn scenario(seed: u64) -> Option<portsim::engine::Scenario> {
    load_scenario(&GenScenario::generate(seed).json).ok()
}

fn replay(seed: u64) -> String {
    format!("seed {seed}; replay: GenScenario::generate({seed}).json")
}

#[test]
fn trace_off_changes_nothing_but_the_trace() {
    let mut checked = 0;
    for seed in 0..cases() {
        let Some(sc) = scenario(seed) else { continue };
        let mut on = Simulation::new(&sc);
        on.keep_instances_current(true);
        on.run_to_end();
        let mut off = Simulation::new(&sc);
        off.set_trace_recording(false);
        off.run_to_end();
        assert!(off.trace().is_empty(), "{}", replay(seed));
        assert_eq!(on.report(), off.report(), "{}", replay(seed));
        assert_eq!(on.instances(), off.instances(), "{}", replay(seed));
        for i in on.instances() {
            assert_eq!(on.explain(i.id), off.explain(i.id), "{}", replay(seed));
        }
        checked += 1;
    }
    assert!(checked > cases() / 2, "only {checked} random scenarios loaded");
}

#[test]
fn stepping_and_ticking_equal_run_to_end() {
    for seed in 0..cases() {
        let Some(sc) = scenario(seed) else { continue };
        let mut whole = Simulation::new(&sc);
        whole.run_to_end();
        let lines = |s: &Simulation| s.trace().iter().map(|t| t.to_string()).collect::<Vec<_>>();

        let mut stepped = Simulation::new(&sc);
        stepped.keep_instances_current(true);
        let mut guard = 0;
        while stepped.step() {
            guard += 1;
            assert!(guard < 1_000_000, "{}", replay(seed));
        }
        assert_eq!(lines(&whole), lines(&stepped), "{}", replay(seed));
        assert_eq!(whole.report(), stepped.report(), "{}", replay(seed));
        // The view kept current one event at a time (incremental, `live_view.rs`, the page's
        // `keep_instances_current`) equals a full rebuild from the facts (built on demand).
        let mut rebuilt = Simulation::new(&sc);
        rebuilt.set_trace_recording(false);
        rebuilt.run_to_end();
        assert_eq!(stepped.instances(), rebuilt.instances(), "{}", replay(seed));
        assert_eq!(stepped.totals(), stepped.report().totals, "{}", replay(seed));

        // Slices of a few events (the page's Run to end) give the same trace and report.
        let mut sliced = Simulation::new(&sc);
        let mut slices = 0;
        while !sliced.run_until_budget(sc.until, 3) {
            slices += 1;
            assert!(slices < 1_000_000, "{}", replay(seed));
        }
        sliced.run_to_end();
        assert_eq!(lines(&whole), lines(&sliced), "{}", replay(seed));
        assert_eq!(whole.instances(), sliced.instances(), "{}", replay(seed));
        let mut to_end = Simulation::new(&sc);
        let mut slices = 0;
        while !to_end.run_to_end_budget(2) {
            slices += 1;
            assert!(slices < 1_000_000, "{}", replay(seed));
        }
        assert_eq!(lines(&whole), lines(&to_end), "{}", replay(seed));
        assert_eq!(whole.report(), to_end.report(), "{}", replay(seed));

        let mut ticked = Simulation::new(&sc);
        let tick = (sc.until.0 / 97).max(1);
        let mut t = 0;
        while !ticked.is_finished() {
            t += tick;
            ticked.run_until(SimTime(t));
            assert!(ticked.now() <= sc.until, "{}", replay(seed));
        }
        ticked.run_to_end();
        assert_eq!(lines(&whole), lines(&ticked), "{}", replay(seed));
        // `run_until(t)` moves the clock to `t` even past the last event (documented), so only
        // the report's end time may differ.
        let mut r = ticked.report();
        assert!(r.end_ms >= whole.report().end_ms, "{}", replay(seed));
        r.end_ms = whole.report().end_ms;
        assert_eq!(whole.report(), r, "{}", replay(seed));
        assert_eq!(whole.instances(), ticked.instances(), "{}", replay(seed));
    }
}

/// The page's on-demand rows (`instance_rows`, `instance_row`, `instance_info`, names) say what
/// the kept `instances()` view says, mid-run and at the end (issue 9: the page keeps no
/// `InstanceInfo` per instance).
#[test]
fn on_demand_rows_and_infos_equal_the_kept_view() {
    let mut checked = 0;
    for seed in 0..cases() {
        let Some(sc) = scenario(seed) else { continue };
        let mut kept = Simulation::new(&sc);
        kept.keep_instances_current(true);
        let mut lean = Simulation::new(&sc);
        let mut t = 0u64;
        loop {
            let done = kept.is_finished();
            let view = kept.instances();
            assert_eq!(lean.instance_count(), view.len(), "{}", replay(seed));
            assert_eq!(lean.instance_rows().len(), view.len(), "{}", replay(seed));
            for (row, info) in lean.instance_rows().zip(view) {
                assert_eq!(row.id, info.id, "{}", replay(seed));
                assert_eq!((row.status, row.reason, row.created), (info.status, info.reason, info.created));
                assert_eq!(lean.message_name(row.message).as_deref(), Some(info.message.as_str()));
                assert_eq!(lean.port_name(row.port), Some(info.port.as_str()), "{}", replay(seed));
                assert_eq!(row.via.and_then(|g| lean.group_name_of(g)), info.via.as_deref());
                assert_eq!(lean.host_of_port(row.port).as_deref(), Some(info.host.as_str()));
                assert_eq!(lean.instance_row(row.id), Some(row));
                assert_eq!(lean.instance_info(row.id).as_ref(), Some(info), "{}", replay(seed));
                let (from, to) = lean.instance_span(row.id).unwrap_or_default();
                for a in &info.attempts {
                    assert!(from <= a.start && a.end.unwrap_or(a.start) <= to, "{}", replay(seed));
                }
            }
            assert_eq!(lean.instance_info(view.len() as u64 + 1), None);
            if done {
                break;
            }
            t += 7 * 60_000;
            kept.run_until(SimTime(t));
            lean.run_until(SimTime(t));
        }
        checked += 1;
    }
    assert!(checked > cases() / 2, "only {checked} random scenarios loaded");
}

/// Large injections in slices (`set_inject_slice`, the page) change nothing: the same trace and
/// report as one step, whether run to the end, ticked, or applied live and continued slice by slice.
#[test]
fn injections_in_slices_equal_one_step() {
    let mut checked = 0;
    for seed in 0..cases() {
        // The random scenario with its publish/send lines made bursts of 1–5 copies at one instant.
        let Ok(mut doc) = serde_json::from_str::<serde_json::Value>(&GenScenario::generate(seed).json) else {
            continue;
        };
        if let Some(script) = doc.get_mut("script").and_then(|s| s.as_array_mut()) {
            for (i, line) in script.iter_mut().enumerate() {
                for verb in ["publish", "send"] {
                    if let Some(obj) = line.get_mut(verb).and_then(|v| v.as_object_mut()) {
                        obj.remove("id");
                        obj.insert("count".into(), serde_json::json!(1 + (seed as usize + i) % 5));
                    }
                }
            }
        }
        let Ok(sc) = load_scenario(&doc.to_string()) else { continue };
        let text = |s: &Simulation| s.trace().iter().map(|e| e.to_string()).collect::<Vec<_>>();
        // Ticked: the clock ends where the last tick put it, with or without slices.
        let ticked = |slice: Option<u32>| {
            let mut s = Simulation::new(&sc);
            if let Some(n) = slice {
                s.set_inject_slice(n);
            }
            let mut t = 0;
            while !s.is_finished() {
                t += 3 * 60_000;
                s.run_until(SimTime(t));
            }
            s
        };
        let mut whole = Simulation::new(&sc);
        whole.run_to_end();
        let whole_ticked = ticked(None);
        for slice in [1, 2, 7] {
            let mut sliced = Simulation::new(&sc);
            sliced.set_inject_slice(slice);
            sliced.run_to_end();
            assert_eq!(text(&whole), text(&sliced), "slice {slice}: {}", replay(seed));
            assert_eq!(whole.report(), sliced.report(), "slice {slice}: {}", replay(seed));
            let sliced_ticked = ticked(Some(slice));
            assert_eq!(text(&whole_ticked), text(&sliced_ticked), "ticked, slice {slice}: {}", replay(seed));
            assert_eq!(whole_ticked.report(), sliced_ticked.report(), "ticked, slice {slice}: {}", replay(seed));
        }
        checked += 1;
    }
    assert!(checked > cases() / 2, "only {checked} random scenarios loaded");
}

/// An injection applied live in slices reports its progress, is continued slice by slice, and
/// ends exactly as the same injection applied in one go.
#[test]
fn a_live_injection_in_slices_reports_progress() {
    let json = r#"{"format":"portsim-scenario/1","sendPorts":[
        {"name":"A","kind":"static-one-way","state":"started","filter":[[{"property":"T","operator":"==","value":"x"}]],
         "primary":{"transport":"FILE","address":"a","retryCount":1,"retryInterval":"1m"}}],
        "endpoints":[{"address":"a","latency":"1s","failures":[{"kind":"firstAttempts","count":30}]}]}"#;
    let sc = load_scenario(json).unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = portsim::engine::context::Context::new();
    ctx.insert("T".into(), portsim::engine::context::ContextValue::Str("x".into()));
    let inject = portsim::engine::model::Action::Inject(portsim::engine::model::Injection {
        target: None,
        context: ctx,
        count: 100,
        every: portsim::engine::time::SimDuration::ZERO,
        id: None,
    });
    let mut whole = Simulation::new(&sc);
    whole.apply(inject.clone());
    whole.run_to_end();
    let mut sliced = Simulation::new(&sc);
    sliced.set_inject_slice(30);
    sliced.apply(inject);
    assert_eq!(sliced.inject_progress(), Some((30, 100)));
    assert_eq!(sliced.instance_count(), 30);
    assert!(!sliced.is_finished(), "the rest of the injection is still to do");
    assert!(!sliced.continue_inject(1));
    assert_eq!(sliced.inject_progress(), Some((60, 100)));
    assert!(sliced.continue_inject(5));
    assert_eq!((sliced.inject_progress(), sliced.instance_count()), (None, 100));
    sliced.run_to_end();
    assert_eq!(whole.report(), sliced.report());
    let text = |s: &Simulation| s.trace().iter().map(|e| e.to_string()).collect::<Vec<_>>();
    assert_eq!(text(&whole), text(&sliced));
}
