//! Tutorials: every lesson's check fails on the untouched preset and passes after its solution,
//! both evaluated by the real engine.

use portsim::engine::simulation::InstanceStatus;
use portsim::engine::{load_scenario, Simulation};
use portsim::tutorials::{self, apply_solution, evaluate, Check, Progress};

fn simulation_of(preset_id: &str) -> Simulation {
    let preset = portsim::presets::by_id(preset_id).unwrap_or_else(|| panic!("no preset {preset_id}"));
    let scenario = load_scenario(preset.json()).unwrap_or_else(|e| panic!("preset {preset_id}: {e:?}"));
    Simulation::new(&scenario)
}

#[test]
fn there_are_at_least_six_lessons_with_unique_ids_presets_and_texts() {
    let lessons = tutorials::lessons();
    assert!(lessons.len() >= 6);
    let mut ids: Vec<&str> = lessons.iter().map(|l| l.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), lessons.len());
    for l in &lessons {
        assert!(portsim::presets::by_id(l.preset).is_some(), "{}: unknown preset {}", l.id, l.preset);
        let keys = [l.title_key, l.task_key].into_iter().chain(l.explanation_keys.iter().copied());
        for key in keys.chain(l.hint_keys.iter().copied()) {
            assert!(portsim::i18n::has_key(key), "{}: missing key {key}", l.id);
        }
        assert!(!l.hint_keys.is_empty() && !l.solution.is_empty(), "{}", l.id);
        assert_eq!(tutorials::lesson(l.id).as_ref(), Some(l));
    }
    // Together they walk both seed tables and the backup transport page.
    for rule in ["L1", "L2", "L3", "L4", "C1", "C2", "C3", "C4", "C5", "C6", "§6", "§7"] {
        assert!(lessons.iter().any(|l| l.rules.contains(&rule)), "no lesson teaches {rule}");
    }
}

#[test]
fn each_lesson_fails_untouched_and_passes_after_its_solution() {
    for lesson in tutorials::lessons() {
        let mut untouched = simulation_of(lesson.preset);
        untouched.run_to_end();
        let before = evaluate(&lesson.check, &untouched);
        assert!(!before.passed, "lesson {}: check passes without doing anything ({before:?})", lesson.id);
        assert!(!tutorials::render_detail(portsim::i18n::Lang::Fr, &before).contains('⟦'), "{}", before.detail_key);

        let mut solved = simulation_of(lesson.preset);
        apply_solution(&mut solved, &lesson.solution);
        let after = evaluate(&lesson.check, &solved);
        assert!(after.passed, "lesson {}: the solution does not pass ({after:?})", lesson.id);
        assert!(!tutorials::render_detail(portsim::i18n::Lang::Fr, &after).contains('⟦'), "{}", after.detail_key);
    }
}

#[test]
fn checks_report_what_they_found() {
    let mut sim = simulation_of("stopped_port");
    sim.run_to_end();
    let wrong = evaluate(
        &Check::InstanceStatus {
            message: "M1".into(),
            port: Some("SP_Invoices".into()),
            status: InstanceStatus::Completed,
        },
        &sim,
    );
    assert!(!wrong.passed);
    assert_eq!(wrong.detail_key, "tutorial.check.status_wrong");
    assert!(wrong.args.contains(&("found", "suspended-resumable".to_string())), "{wrong:?}");
    assert_eq!(
        tutorials::render_detail(portsim::i18n::Lang::En, &wrong),
        "M1 on SP_Invoices is Suspended (resumable), not yet Completed."
    );
    assert_eq!(
        tutorials::render_detail(portsim::i18n::Lang::Fr, &wrong),
        "M1 sur SP_Invoices\u{202F}: Suspendu (reprise possible), pas encore Achevé."
    );
    let missing =
        evaluate(&Check::InstanceStatus { message: "M99".into(), port: None, status: InstanceStatus::Completed }, &sim);
    assert!(!missing.passed);
    assert_eq!(missing.detail_key, "tutorial.check.no_instance_any");
    assert_eq!(tutorials::render_detail(portsim::i18n::Lang::En, &missing), "There is no service instance of M99 yet.");
    let suspended =
        evaluate(&Check::NoInstanceWithStatus { port: None, status: InstanceStatus::SuspendedResumable }, &sim);
    assert!(!suspended.passed);
    assert!(suspended.args.contains(&("count", "3".to_string())), "{suspended:?}");
    assert_eq!(tutorials::render_detail(portsim::i18n::Lang::En, &suspended), "3 instances are Suspended (resumable).");
    assert!(evaluate(&Check::All(Vec::new()), &sim).passed);
    let state = evaluate(
        &Check::PortState { port: "SP_Invoices".into(), state: portsim::engine::model::LifecycleState::Stopped },
        &sim,
    );
    assert!(state.passed, "{state:?}");
    assert_eq!(tutorials::render_detail(portsim::i18n::Lang::Fr, &state), "SP_Invoices est à l'état Arrêté.");
    let any = evaluate(
        &Check::InstanceStatus { message: "M2".into(), port: None, status: InstanceStatus::SuspendedResumable },
        &sim,
    );
    assert!(any.passed);
    assert_eq!(
        tutorials::render_detail(portsim::i18n::Lang::En, &any),
        "Every instance of M2 is Suspended (resumable)."
    );
}

#[test]
fn progress_survives_a_round_trip_and_corruption_starts_fresh() {
    let mut p = Progress::default();
    assert_eq!(p.completed_count(), 0);
    p.complete("lifecycle");
    p.complete("backup_transport");
    let text = tutorials::progress_to_string(&p);
    let back = tutorials::progress_from_str(&text);
    assert_eq!(back, p);
    assert_eq!(back.completed_count(), 2);
    assert!(back.is_completed("lifecycle") && !back.is_completed("stopped_port"));
    for corrupt in ["", "not json", "{\"v\":2,\"completed\":[\"lifecycle\"]}", "[1,2]", "{\"v\":1,\"completed\":7}"] {
        assert_eq!(tutorials::progress_from_str(corrupt), Progress::default(), "{corrupt}");
    }
    let mut on_lesson = back.clone();
    on_lesson.set_current("ordered_delivery");
    let restored = tutorials::progress_from_str(&tutorials::progress_to_string(&on_lesson));
    assert_eq!(restored.current(), Some("ordered_delivery"));
    assert_eq!(restored.completed_count(), 2);
    let mut cleared = restored.clone();
    cleared.clear_completed();
    assert_eq!((cleared.completed_count(), cleared.current()), (0, Some("ordered_delivery")));
    let gone = tutorials::progress_from_str("{\"v\":1,\"completed\":[],\"current\":\"removed_lesson\"}");
    assert_eq!(gone.current(), None);
    let unknown = tutorials::progress_from_str("{\"v\":1,\"completed\":[\"lifecycle\",\"gone\",3]}");
    assert_eq!(unknown.completed_ids().collect::<Vec<_>>(), vec!["lifecycle"]);
}

#[test]
fn solutions_are_described_in_words_in_both_languages() {
    use portsim::i18n::Lang;
    let backup = tutorials::lesson("backup_transport").expect("lesson");
    let en: Vec<String> = backup.solution.iter().map(|s| tutorials::describe_step(Lang::En, s)).collect();
    assert_eq!(en, ["Let the clock run to 00:40:00.000.", "Resume M1 on SP_Orders."]);
    let busy = tutorials::lesson("unenlist_busy").expect("lesson");
    let fr: Vec<String> = busy.solution.iter().map(|s| tutorials::describe_step(Lang::Fr, s)).collect();
    assert_eq!(
        fr,
        [
            "Laissez l'horloge avancer jusqu'à 00:11:00.000.",
            "Terminer les instances de SP_Busy.",
            "Désinscrire le port d'envoi SP_Busy."
        ]
    );
    for lesson in tutorials::lessons() {
        for step in &lesson.solution {
            for lang in Lang::ALL {
                let text = tutorials::describe_step(lang, step);
                assert!(!text.contains('{') && !text.contains("missing"), "{}: {text}", lesson.id);
            }
        }
    }
}

fn findings_en(result: &tutorials::CheckResult) -> Vec<String> {
    result.findings.iter().map(|f| tutorials::render_finding(portsim::i18n::Lang::En, f)).collect()
}

#[test]
fn check_tells_what_the_run_did_and_differs_with_what_happened() {
    use portsim::engine::model::{Action, InstanceSelector};
    let lesson = tutorials::lesson("stopped_port").expect("lesson");
    // Checked at 00:00: the run is not over, and that is what the learner reads.
    let fresh = simulation_of(lesson.preset);
    let at_start = evaluate(&lesson.check, &fresh);
    let text = findings_en(&at_start);
    assert!(text.iter().any(|l| l.starts_with("The clock is at 00:00:00.000")), "{text:?}");
    assert_eq!(text.last().map(String::as_str), Some("Run the clock to the end (Run to end), then Check again."));

    // Run to the end without starting the port: 3 suspended because it was Stopped → Start it.
    let mut untouched = simulation_of(lesson.preset);
    untouched.run_to_end();
    let text = findings_en(&evaluate(&lesson.check, &untouched));
    assert_eq!(
        text,
        [
            "3 messages were suspended because SP_Invoices was Stopped when they arrived (C2).",
            "The lesson expects them processed: Start SP_Invoices — the instances it suspended resume on their own (§4)."
        ]
    );

    // Terminated instead: a different story and a different remedy.
    let mut terminated = simulation_of(lesson.preset);
    terminated.run_to_end();
    terminated.apply(Action::Terminate(InstanceSelector::Port("SP_Invoices".into())));
    let text = findings_en(&evaluate(&lesson.check, &terminated));
    assert_eq!(
        text,
        [
            "3 instances on SP_Invoices were terminated; a terminated instance never comes back.",
            "Terminated instances cannot be brought back: press Start lesson again and resume instead of terminating."
        ]
    );

    // Solved: what happened, and no remedy.
    let mut solved = simulation_of(lesson.preset);
    apply_solution(&mut solved, &lesson.solution);
    let result = evaluate(&lesson.check, &solved);
    assert!(result.passed);
    assert_eq!(findings_en(&result), ["3 instances on SP_Invoices completed."]);
}

#[test]
fn a_bound_port_check_names_the_routing_failure_and_the_subscription() {
    let lesson = tutorials::lesson("lifecycle").expect("lesson");
    let mut sim = simulation_of(lesson.preset);
    sim.run_to_end();
    let text = findings_en(&evaluate(&lesson.check, &sim));
    assert_eq!(
        text,
        [
            "SP_Orders received no message (it is Bound now).",
            "1 message became a routing failure at 00:30:00.000 (Order1): nothing subscribed to it when it was published.",
            "SP_Orders is Bound: it had no subscription when the message was published. Enlist and Start it before the publish time (Start lesson again to retry)."
        ]
    );
    let fr: Vec<String> = evaluate(&lesson.check, &sim)
        .findings
        .iter()
        .map(|f| tutorials::render_finding(portsim::i18n::Lang::Fr, f))
        .collect();
    assert_eq!(fr[0], "SP_Orders n'a reçu aucun message (il est Lié maintenant).");
}

#[test]
fn every_lesson_has_findings_and_a_debrief_in_words_in_both_languages() {
    use portsim::i18n::Lang;
    let raw_ids = ["send-port", "transport-failure", "suspended-resumable", "ordered-delivery", "{", "⟦"];
    for lesson in tutorials::lessons() {
        let mut untouched = simulation_of(lesson.preset);
        untouched.run_to_end();
        let mut solved = simulation_of(lesson.preset);
        apply_solution(&mut solved, &lesson.solution);
        for (what, sim) in [("untouched", &untouched), ("solved", &solved)] {
            let result = evaluate(&lesson.check, sim);
            assert!(!result.findings.is_empty(), "{} {what}: no finding", lesson.id);
            for lang in Lang::ALL {
                for f in &result.findings {
                    let text = tutorials::render_finding(lang, f);
                    assert!(!raw_ids.iter().any(|id| text.contains(id)), "{} {what} {lang:?}: {text}", lesson.id);
                }
            }
        }
        for lang in Lang::ALL {
            let d = tutorials::debrief(lang, &lesson, &solved);
            let why = d.why.unwrap_or_else(|| panic!("{}: no Why? line for {:?}", lesson.id, lesson.key_instance));
            assert!(!raw_ids.iter().any(|id| why.contains(id)), "{} {lang:?}: {why}", lesson.id);
            assert!(d.row.starts_with(lesson.seed_row), "{}: {}", lesson.id, d.row);
            assert!(d.instance.is_some());
        }
    }
    let lifecycle = tutorials::lesson("lifecycle").expect("lesson");
    let mut sim = simulation_of(lifecycle.preset);
    apply_solution(&mut sim, &lifecycle.solution);
    let d = tutorials::debrief(Lang::En, &lifecycle, &sim);
    assert_eq!(d.row, "C1 Directly to the send port, group Any, port Started: Processed");
    assert!(d.why.as_deref().is_some_and(|w| w.contains(" · C1 · ")), "{:?}", d.why);
}
