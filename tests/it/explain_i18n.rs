//! The "Why?" panel and the timeline marks in both languages: over every golden scenario and
//! preset, every explanation step and timeline mark of every instance has an `explain.<code>`
//! template; the English template filled with the `args` equals the engine's English `text`
//! exactly (so catalogue and engine cannot drift); the French rendering is complete (no `{...}`
//! left) and differs from the English. Run at the end of each scenario and at a few instants on
//! the way, so in-flight steps are covered too.

use crate::golden::{is_invalid, presets_dir, scenario_files, scenarios_dir, stem};
use portsim::engine::{load_scenario, Simulation};
use portsim::i18n::{explain_key, explain_text, explain_text_with_ids, has_key, t, tables, Lang};
use std::collections::BTreeSet;
use std::fs;

/// Template keys no golden scenario reaches; each is checked by a test of its own below.
const NOT_IN_GOLDENS: [&str; 1] = ["explain.still_suspended"];

/// §4 auto-resume that finds the other side still stopped, both ways: SP_A (via SPG1, C4) waits for
/// SPG1 after SP_A starts; SP_B (via SPG2, C5) waits for SP_B after SPG2 starts.
const STILL_SUSPENDED: &str = r#"{
  "format": "portsim-scenario/1",
  "name": "still suspended",
  "seed": 1,
  "until": "10m",
  "sendPorts": [
    { "name": "SP_A", "kind": "static-one-way", "state": "stopped", "primary": { "transport": "FILE", "address": "C:\\out\\A" } },
    { "name": "SP_B", "kind": "static-one-way", "state": "started", "primary": { "transport": "FILE", "address": "C:\\out\\B" } }
  ],
  "sendPortGroups": [
    { "name": "SPG1", "state": "started", "members": ["SP_A"] },
    { "name": "SPG2", "state": "stopped", "members": ["SP_B"] }
  ],
  "endpoints": [],
  "script": [
    { "at": "0s", "send": { "group": "SPG1" } },
    { "at": "0s", "send": { "group": "SPG2" } },
    { "at": "1m", "stop": { "group": "SPG1" } },
    { "at": "1m", "stop": { "port": "SP_B" } },
    { "at": "2m", "start": { "port": "SP_A" } },
    { "at": "2m", "start": { "group": "SPG2" } },
    { "at": "3m", "start": { "group": "SPG1" } },
    { "at": "3m", "start": { "port": "SP_B" } }
  ]
}"#;

/// Checks every step of every instance of `sim`; returns how many steps were checked.
fn check_all(sim: &Simulation, name: &str, codes: &mut BTreeSet<String>, failures: &mut Vec<String>) -> usize {
    let mut checked = 0;
    for info in sim.instances() {
        for mark in &info.marks {
            checked += 1;
            let en = explain_text_with_ids(Lang::En, mark.code, &mark.args);
            if en.as_deref() != Some(mark.text.as_str()) {
                failures.push(format!("{name} #{} mark {}: {} vs {en:?}", info.id, mark.code, mark.text));
            }
            let fr = explain_text(Lang::Fr, mark.code, &mark.args).unwrap_or_default();
            if fr.is_empty() || fr.contains('{') || fr == mark.text {
                failures.push(format!("{name} #{} mark {}: French {fr:?}", info.id, mark.code));
            }
        }
        for step in sim.explain(info.id) {
            checked += 1;
            codes.insert(step.code.clone());
            let key = explain_key(&step.code);
            if !has_key(&key) {
                failures.push(format!("{name} #{}: no catalogue key {key}", info.id));
                continue;
            }
            let en = explain_text_with_ids(Lang::En, &step.code, &step.args);
            if en.as_deref() != Some(step.text.as_str()) {
                failures.push(format!(
                    "{name} #{} {}:\n  engine:   {}\n  template: {en:?}\n  args: {:?}",
                    info.id, step.code, step.text, step.args
                ));
            }
            match explain_text(Lang::Fr, &step.code, &step.args) {
                Some(fr) if fr.contains('{') || fr.contains('}') => {
                    failures.push(format!("{name} #{} {}: placeholder left in French: {fr}", info.id, step.code))
                }
                Some(fr) if fr == step.text => {
                    failures.push(format!("{name} #{} {}: French equals English: {fr}", info.id, step.code))
                }
                Some(_) => {}
                None => failures.push(format!("{name} #{} {}: French template incomplete", info.id, step.code)),
            }
        }
    }
    checked
}

#[test]
fn every_explanation_step_renders_in_english_exactly_and_in_french() {
    let mut files = scenario_files(&scenarios_dir());
    files.extend(scenario_files(&presets_dir()));
    let mut codes = BTreeSet::new();
    let mut failures = Vec::new();
    let (mut scenarios, mut steps) = (0, 0);
    for path in &files {
        let name = stem(path);
        if is_invalid(&name) {
            continue;
        }
        let Ok(text) = fs::read_to_string(path) else { continue };
        let Ok(scenario) = load_scenario(&text) else { continue };
        scenarios += 1;
        let mut sim = Simulation::new(&scenario);
        let mut n = 0u64;
        while sim.step() {
            n += 1;
            if n.is_multiple_of(5) {
                steps += check_all(&sim, &name, &mut codes, &mut failures);
            }
        }
        steps += check_all(&sim, &name, &mut codes, &mut failures);
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(scenarios >= 50, "only {scenarios} scenarios loaded");
    assert!(steps >= 500, "only {steps} steps checked");

    // Every sentence template is exercised by some golden (the value entries are not codes).
    let templates: BTreeSet<String> = tables()
        .iter()
        .flat_map(|table| portsim::i18n::entries(table))
        .map(|(key, _, _)| key.to_string())
        .filter(|key| key.starts_with("explain.") && !key.starts_with("explain.value."))
        .collect();
    let used: BTreeSet<String> = codes.iter().map(|c| explain_key(c)).collect();
    let unused: Vec<&String> =
        templates.iter().filter(|k| !used.contains(*k) && !NOT_IN_GOLDENS.contains(&k.as_str())).collect();
    assert!(unused.is_empty(), "templates no golden scenario reaches: {unused:?}");
}

#[test]
fn values_are_translated_and_missing_arguments_fall_back() {
    let args = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    let retry = args(&[("interval", "5m"), ("retry", "1"), ("count", "3"), ("transport", "backup")]);
    let fr = explain_text(Lang::Fr, "retry-scheduled", &retry);
    assert!(fr.as_deref().is_some_and(|s| s.contains("transport de secours") && s.contains("1 sur 3")), "{fr:?}");
    let en = explain_text(Lang::En, "retry-scheduled", &retry);
    assert!(en.as_deref().is_some_and(|s| s.contains("retry 1 of 3 on the backup transport")), "{en:?}");
    // A missing argument or an unknown code gives None: the UI shows the engine's sentence.
    assert_eq!(explain_text(Lang::Fr, "retry-scheduled", &retry[..2]), None);
    assert_eq!(explain_text(Lang::Fr, "no-such-code", &retry), None);
    // Values are inserted once, never re-substituted.
    let odd = args(&[("port", "{port}")]);
    assert_eq!(
        explain_text(Lang::En, "completed", &odd).as_deref(),
        Some("Completed: the message was delivered by {port}")
    );
    let still = args(&[("target", "group"), ("name", "SPG_1"), ("reason", "send-port-group-stopped")]);
    assert_eq!(
        explain_text(Lang::Fr, "still-suspended", &still).as_deref(),
        Some("non repris\u{202F}: le groupe de ports d'envoi SPG_1 n'est toujours pas Démarré\u{202F}; reste Suspendu (reprise possible), raison désormais «\u{202F}Groupe de ports d'envoi arrêté\u{202F}» (§4)")
    );
    // The page never shows a reason id: its label, in either language.
    let en = explain_text(Lang::En, "still-suspended", &still).unwrap_or_default();
    assert!(en.contains("“Send port group stopped”") && !en.contains("send-port-group-stopped"), "{en}");
    assert_eq!(t(Lang::Fr, "explain.value.transport.primary"), "principal");
}

#[test]
fn still_suspended_renders_in_both_languages() {
    let scenario = load_scenario(STILL_SUSPENDED).map_err(|e| e.to_string());
    assert!(scenario.is_ok(), "{scenario:?}");
    let Ok(scenario) = scenario else { return };
    let mut sim = Simulation::new(&scenario);
    sim.run_to_end();
    let mut codes = BTreeSet::new();
    let mut failures = Vec::new();
    check_all(&sim, "still_suspended", &mut codes, &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let mut targets = BTreeSet::new();
    for info in sim.instances() {
        for step in sim.explain(info.id).into_iter().filter(|s| s.code == "still-suspended") {
            targets.extend(step.args.iter().filter(|(n, _)| n == "target").map(|(_, v)| v.clone()));
        }
    }
    assert_eq!(targets.into_iter().collect::<Vec<_>>(), vec!["group", "port"], "codes seen: {codes:?}");
}
