//! The event log in both languages: over every golden scenario and preset, every trace line's
//! words (`TraceView::words`) rendered with the English catalogue are exactly the engine's text
//! (so the golden trace, the CLI and the English page cannot drift from the catalogue), and the
//! French rendering is complete, differs from the English and shows no reason id.

use crate::golden::{is_invalid, presets_dir, scenario_files, scenarios_dir, stem};
use portsim::engine::trace::TraceKind;
use portsim::engine::{load_scenario, Simulation};
use portsim::i18n::{has_key, trace_kind_key, trace_line_text, Lang};
use std::collections::BTreeSet;
use std::fs;

#[test]
fn every_trace_line_renders_in_english_exactly_and_in_french() {
    let mut files = scenario_files(&scenarios_dir());
    files.extend(scenario_files(&presets_dir()));
    let (mut lines, mut scenarios) = (0usize, 0usize);
    let mut codes = BTreeSet::new();
    let mut failures = Vec::new();
    for path in &files {
        let name = stem(path);
        if is_invalid(&name) {
            continue;
        }
        let Ok(text) = fs::read_to_string(path) else { continue };
        let Ok(scenario) = load_scenario(&text) else { continue };
        scenarios += 1;
        let mut sim = Simulation::new(&scenario);
        sim.run_to_end();
        let trace = sim.trace();
        for i in 0..trace.len() {
            let (Some(event), Some(words)) = (trace.get(i), trace.words(i)) else { continue };
            lines += 1;
            codes.insert(words.code);
            let en = trace_line_text(Lang::En, &words, false);
            if en.as_deref() != Some(event.text.as_str()) {
                failures.push(format!("{name} line {i} {}:\n  engine:  {}\n  catalog: {en:?}", words.code, event.text));
            }
            match trace_line_text(Lang::Fr, &words, true) {
                Some(fr) if fr.contains('{') || (fr == event.text && !fr.is_empty()) => {
                    failures.push(format!("{name} line {i} {}: French {fr}", words.code))
                }
                Some(fr)
                    if ["transport-failure", "send-port-stopped", "send-port-group-stopped"]
                        .iter()
                        .any(|id| fr.contains(id)) =>
                {
                    failures.push(format!("{name} line {i} {}: reason id in French {fr}", words.code))
                }
                Some(_) => {}
                None => failures.push(format!("{name} line {i} {}: no French", words.code)),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(scenarios >= 50, "only {scenarios} scenarios");
    assert!(lines >= 1000, "only {lines} lines checked");
    assert!(codes.len() >= 20, "only {} kinds of sentence: {codes:?}", codes.len());
}

#[test]
fn every_trace_kind_has_a_label() {
    for kind in TraceKind::ALL {
        assert!(has_key(&trace_kind_key(kind.code())), "{}", kind.code());
    }
}

#[test]
fn routing_failure_details_match_the_engine_in_english() {
    use portsim::i18n::t;
    for (response, key) in [(false, "obs.rf.details"), (true, "obs.rf.details_response")] {
        let json = r#"{"format":"portsim-scenario/1","name":"rf","seed":1,"until":"1m","sendPorts":[],"sendPortGroups":[],
               "endpoints":[],"script":[{"at":"0s","publish":{"context":{"A":"1"}}}]}"#;
        let mut sim = Simulation::new(&load_scenario(json).expect("valid"));
        sim.run_to_end();
        let f = &sim.routing_failures()[0];
        if !response {
            assert_eq!(t(Lang::En, key), f.text);
        } else {
            assert_eq!(
                t(Lang::En, key),
                format!("{} (response of a solicit-response port, §9)", t(Lang::En, "obs.rf.details"))
            );
        }
        assert_ne!(t(Lang::Fr, key), t(Lang::En, key));
    }
}
