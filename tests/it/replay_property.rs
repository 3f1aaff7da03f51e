//! The replay invariant (docs/semantics.md §13, DECISION R1/R2): what the user does live is what
//! replays. Over random scenarios (`random_scenario.rs`) and random interleavings of model edits,
//! lifecycle actions, injections (single, bursts, bursts with later copies), resumes, terminations,
//! steps, clock runs (landing exactly on event times too), run-to-end, undo and clock resets
//! driven through the UI's own `Session`, the property `live-session-replays-exactly` checks:
//! - after every operation that leaves the clock settled (nothing left due at `now`), a fresh
//!   simulation of the current document run to `now` has the identical trace;
//! - at the end, the exported scenario reloaded and run to the end gives the identical trace and
//!   report (so the same message names) as the live session run to the end;
//! - the recorded script keeps time order.
//!
//! * `PORTSIM_PROPERTY_CASES=100000 cargo test --test it replay` — more cases (default 1000).
//! * `PORTSIM_PROPERTY_SEED=<seed> cargo test --test it replay` — replay one seed.
//! * `PORTSIM_PROPERTY_FROM=<n>` — start the sweep at seed n (default 0), to explore seeds no earlier sweep ran.

use crate::random_scenario::GenScenario;
use portsim::engine::context::Context;
use portsim::engine::model::{Action, Injection, InstanceSelector, LifecycleAction, Target};
use portsim::engine::rng::SplitMix64;
use portsim::engine::scenario::validate;
use portsim::engine::time::{parse_duration, SimDuration};
use portsim::engine::Simulation;
use portsim::ui::session::Session;
use std::collections::BTreeMap;

const MIN: u64 = 60_000;

struct Rng(SplitMix64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.0.below(n)
        }
    }
    fn chance(&mut self, p: f64) -> bool {
        self.0.chance(p)
    }
}

fn trace_lines(sim: &Simulation) -> Vec<String> {
    sim.trace().iter().map(|l| l.to_string()).collect()
}

/// A random interactive action on the session's current model.
fn random_action(r: &mut Rng, s: &Session, contexts: &[Context]) -> Action {
    let spec = s.spec();
    let port =
        |r: &mut Rng| spec.send_ports.get(r.below(spec.send_ports.len() as u64) as usize).map(|p| p.name.clone());
    let group = |r: &mut Rng| {
        spec.send_port_groups.get(r.below(spec.send_port_groups.len() as u64) as usize).map(|g| g.name.clone())
    };
    let messages = s.sim().borrow().instances().iter().map(|i| i.message.clone()).collect::<Vec<_>>();
    match r.below(10) {
        0..=3 => {
            let context = contexts.get(r.below(contexts.len() as u64 + 1) as usize).cloned().unwrap_or_default();
            let target = match r.below(4) {
                0 => port(r).map(Target::Port),
                1 => group(r).map(Target::Group),
                _ => None,
            };
            let count = if r.chance(0.6) { 1 } else { 2 + r.below(3) as u32 };
            let every =
                if count > 1 && r.chance(0.5) { SimDuration(MIN * (1 + r.below(3))) } else { SimDuration::ZERO };
            Action::Inject(Injection { target, context, count, every, id: None })
        }
        4..=6 => {
            let action =
                [LifecycleAction::Enlist, LifecycleAction::Start, LifecycleAction::Stop, LifecycleAction::Unenlist]
                    [r.below(4) as usize];
            let target = if r.chance(0.3) { group(r).map(Target::Group) } else { None };
            let target = target.or_else(|| port(r).map(Target::Port)).unwrap_or(Target::Port("SP0".into()));
            Action::Lifecycle { action, target }
        }
        n => {
            let sel = match r.below(4) {
                0 => InstanceSelector::All,
                1 => port(r).map(InstanceSelector::Port).unwrap_or(InstanceSelector::All),
                2 => group(r).map(InstanceSelector::Group).unwrap_or(InstanceSelector::All),
                _ => messages
                    .get(r.below(messages.len() as u64) as usize)
                    .map(|m| InstanceSelector::Message { message: m.clone(), port: None })
                    .unwrap_or(InstanceSelector::All),
            };
            if n < 9 {
                Action::Resume(sel)
            } else {
                Action::Terminate(sel)
            }
        }
    }
}

/// A random model edit: a port's priority, a new group, or a new port.
fn random_edit(r: &mut Rng, s: &mut Session) {
    let mut spec = s.spec().clone();
    match r.below(3) {
        0 if !spec.send_ports.is_empty() => {
            let i = r.below(spec.send_ports.len() as u64) as usize;
            spec.send_ports[i].priority = Some(1 + r.below(10) as i64);
            let _ = s.apply_edit(spec);
        }
        1 => {
            let _ = s.create_group();
        }
        _ => {
            let _ = s.create_port(portsim::engine::model::PortKind::StaticOneWay);
        }
    }
}

/// Operations performed, for the failure message.
fn check_seed(seed: u64) -> Result<BTreeMap<&'static str, u64>, String> {
    let gen = GenScenario::generate(seed);
    let mut s = Session::from_json(&gen.json).map_err(|e| format!("generated scenario refused: {e:?}"))?;
    let contexts: Vec<Context> = s
        .scenario()
        .script
        .iter()
        .filter_map(|l| match &l.action {
            Action::Inject(i) => Some(i.context.clone()),
            _ => None,
        })
        .collect();
    let mut r = Rng(SplitMix64::new(seed ^ 0x5EB1_A7ED));
    let mut ops: Vec<String> = Vec::new();
    let mut seen: BTreeMap<&'static str, u64> = BTreeMap::new();
    let n_ops = 4 + r.below(16);
    for _ in 0..n_ops {
        let op = match r.below(20) {
            0..=6 => {
                let action = random_action(&mut r, &s, &contexts);
                let label = format!("perform {action:?} at {}", s.now());
                let ok = s.perform(action).is_ok();
                *seen.entry(if ok { "performed" } else { "refused" }).or_insert(0) += 1;
                label
            }
            7..=8 => {
                let n = 1 + r.below(4);
                for _ in 0..n {
                    s.step();
                }
                format!("step x{n}")
            }
            9..=11 => {
                let d = SimDuration(if r.chance(0.5) { MIN * r.below(6) } else { 1000 * r.below(400) });
                s.advance(d);
                format!("advance {d}")
            }
            12 => {
                // Land exactly on the next event time (engine events at `now` are then processed).
                let next = s.sim().borrow().next_event_time();
                if let Some(t) = next {
                    s.run_until(t);
                    *seen.entry("landed-on-event").or_insert(0) += 1;
                }
                format!("run_until next event {next:?}")
            }
            13 => {
                s.run_to_end();
                "run_to_end".to_string()
            }
            14..=15 => {
                random_edit(&mut r, &mut s);
                "model edit".to_string()
            }
            16..=17 => {
                let ok = s.undo();
                *seen.entry("undone").or_insert(0) += u64::from(ok);
                "undo".to_string()
            }
            18 => {
                let ok = s.redo();
                *seen.entry("redone").or_insert(0) += u64::from(ok);
                "redo".to_string()
            }
            _ => {
                s.reset_clock();
                "reset clock".to_string()
            }
        };
        ops.push(op);
        let fail = |what: String, ops: &[String]| {
            format!(
                "property `live-session-replays-exactly` failed for seed {seed}: {what}\n\nreplay: PORTSIM_PROPERTY_SEED={seed} cargo test --test it replay\n\noperations:\n{}\n\nscenario:\n{}",
                ops.join("\n"),
                s.to_json()
            )
        };
        // The recorded script keeps time order.
        let times: Vec<u64> =
            s.spec().script.iter().map(|e| parse_duration(&e.at).map(|d| d.as_ms()).unwrap_or(0)).collect();
        let gen_sorted = gen.script.windows(2).all(|w| w[0].at_ms <= w[1].at_ms);
        if gen_sorted && times.windows(2).any(|w| w[0] > w[1]) {
            return Err(fail(format!("script out of time order: {times:?}"), &ops));
        }
        // Settled: a fresh run of the current document to `now` has the same trace.
        let sim = s.sim();
        let sim = sim.borrow();
        let now = sim.now();
        if sim.next_event_time().is_none_or(|t| t > now) {
            let scenario = validate(s.spec()).map_err(|e| fail(format!("document invalid: {e:?}"), &ops))?;
            let mut fresh = Simulation::new(&scenario);
            fresh.run_until(now);
            if trace_lines(&fresh) != trace_lines(&sim) {
                return Err(fail(first_difference(&trace_lines(&sim), &trace_lines(&fresh)), &ops));
            }
            *seen.entry("settled-compared").or_insert(0) += 1;
        }
    }
    s.run_to_end();
    let live_trace = trace_lines(&s.sim().borrow());
    let live_report = s.sim().borrow().report().to_json();
    let mut again = Session::from_json(&s.to_json()).map_err(|e| format!("seed {seed}: export refused: {e:?}"))?;
    // Replayed to the live clock (which may stand past the last event), then to the end.
    again.run_until(s.now());
    again.run_to_end();
    let replay_trace = trace_lines(&again.sim().borrow());
    let replay_report = again.sim().borrow().report().to_json();
    if live_trace != replay_trace || replay_report != live_report {
        let what = if live_trace != replay_trace {
            first_difference(&live_trace, &replay_trace)
        } else {
            let (l, r): (Vec<&str>, Vec<&str>) = (live_report.lines().collect(), replay_report.lines().collect());
            first_difference(
                &l.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                &r.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            )
        };
        return Err(format!(
            "property `live-session-replays-exactly` failed for seed {seed}: the exported script replays differently: {}\n\nreplay: PORTSIM_PROPERTY_SEED={seed} cargo test --test it replay\n\noperations:\n{}\n\nscenario:\n{}",
            what,
            ops.join("\n"),
            s.to_json()
        ));
    }
    *seen.entry("messages").or_insert(0) += s.sim().borrow().report().totals.messages;
    Ok(seen)
}

fn first_difference(live: &[String], replay: &[String]) -> String {
    let i = live.iter().zip(replay).take_while(|(a, b)| a == b).count();
    format!(
        "traces differ at line {i} (live {} lines, replay {} lines)\n live:   {}\n replay: {}",
        live.len(),
        replay.len(),
        live.get(i).map_or("<end>", |s| s.as_str()),
        replay.get(i).map_or("<end>", |s| s.as_str())
    )
}

#[test]
fn replay_live_session_replays_exactly() {
    let seeds: Vec<u64> = crate::random_scenario::property_seeds(1000);
    let single = seeds.len() == 1;
    let mut total: BTreeMap<&'static str, u64> = BTreeMap::new();
    for seed in seeds {
        match check_seed(seed) {
            Ok(seen) => {
                for (k, n) in seen {
                    *total.entry(k).or_insert(0) += n;
                }
            }
            Err(message) => panic!("{message}"),
        }
    }
    println!("replay situations exercised: {total:?}");
    if !single {
        for key in ["performed", "landed-on-event", "undone", "redone", "settled-compared", "messages"] {
            assert!(total.get(key).copied().unwrap_or(0) > 0, "no random case exercised {key:?}: {total:?}");
        }
    }
}

/// The issue's own case: right after a scenario loads (clock 00:00), its 0 s Enlist/Start lines run
/// before a publish made at that instant (R1), so 10,000 published messages are delivered, not
/// routing failures, and the replay has the same message names.
#[test]
fn replay_publish_at_load_runs_after_the_due_script_lines() {
    let json = r#"{"format":"portsim-scenario/1","name":"Load","until":"1h",
      "sendPorts":[{"name":"SP","kind":"static-one-way",
        "filter":[[{"property":"BTS.ReceivePortName","operator":"==","value":"RP"}]],
        "primary":{"transport":"FILE","address":"C:\\out"}}],
      "script":[{"at":"0s","enlist":{"port":"SP"}},{"at":"0s","start":{"port":"SP"}},
                {"at":"0s","publish":{"context":{"BTS.ReceivePortName":"RP"},"count":3}}]}"#;
    let Ok(mut s) = Session::from_json(json) else { panic!("fixture must load") };
    let mut context = Context::new();
    context.insert("BTS.ReceivePortName".into(), portsim::engine::context::ContextValue::Str("RP".into()));
    let publish =
        Action::Inject(Injection { target: None, context, count: 10_000, every: SimDuration::ZERO, id: None });
    assert!(s.perform(publish).is_ok());
    s.run_to_end();
    let live = s.sim().borrow().report();
    assert_eq!(live.totals.routing_failures, 0, "{:?}", live.totals);
    assert_eq!(live.totals.messages, 10_003);
    // Recorded after the three 0 s lines: the script keeps time order.
    assert!(s.spec().script[3].publish.is_some());
    let Ok(mut again) = Session::from_json(&s.to_json()) else { panic!("export must reload") };
    again.run_to_end();
    assert_eq!(again.sim().borrow().report().to_json(), live.to_json());
    assert_eq!(trace_lines(&again.sim().borrow()), trace_lines(&s.sim().borrow()));
}

/// An action taken after the engine's events at `t` (a suspension the user saw) happens at
/// `t + 1 ms`, so it replays after them too: a Resume clicked after the run ended resumes.
#[test]
fn replay_resume_after_a_suspension_at_the_same_instant_resumes() {
    let json = r#"{"format":"portsim-scenario/1","name":"Flaky","until":"1h",
      "sendPorts":[{"name":"SP","kind":"static-one-way","state":"started",
        "primary":{"transport":"HTTP","address":"http://partner/flaky","retryCount":1,"retryInterval":"1m"}}],
      "endpoints":[{"address":"http://partner/flaky","latency":"0s","failures":[{"kind":"firstAttempts","count":2}]}],
      "script":[{"at":"0s","send":{"port":"SP"}}]}"#;
    let Ok(mut s) = Session::from_json(json) else { panic!("fixture must load") };
    s.run_to_end();
    assert_eq!(s.sim().borrow().report().instances[0].status, "suspended-resumable");
    assert!(s.perform(Action::Resume(InstanceSelector::All)).is_ok());
    assert_eq!(s.spec().script[1].at, "1m1ms", "after the suspension at 1m");
    s.run_to_end();
    let live = s.sim().borrow().report();
    assert_eq!(live.instances[0].status, "completed");
    let Ok(mut again) = Session::from_json(&s.to_json()) else { panic!("export must reload") };
    again.run_until(s.now());
    again.run_to_end();
    assert_eq!(again.sim().borrow().report().to_json(), live.to_json());
}

/// Stepping to `until` (the last events due exactly then, a retry left past it) writes the end line
/// with that last event, as a replay run to the same clock does (found at 100,000 cases, seed 78208).
#[test]
fn stepping_to_until_ends_the_run_as_a_replay_to_until_does() {
    let json = r#"{"format":"portsim-scenario/1","name":"AtUntil","until":"10m",
      "sendPorts":[{"name":"SP","kind":"static-one-way","state":"started",
        "filter":[[{"property":"X","operator":"exists"}]],
        "primary":{"transport":"FILE","address":"C:\\down","retryCount":3,"retryInterval":"5m"}}],
      "endpoints":[{"address":"C:\\down","failures":[{"kind":"always"}]}],
      "script":[{"at":"10m","publish":{"context":{"X":"1"}}}]}"#;
    let scenario = match portsim::engine::load_scenario(json) {
        Ok(s) => s,
        Err(e) => panic!("fixture must load: {e:?}"),
    };
    let mut stepped = Simulation::new(&scenario);
    while stepped.next_event_time().is_some() {
        stepped.step();
    }
    assert_eq!(stepped.now(), portsim::engine::time::SimTime(parse_duration("10m").map(|d| d.as_ms()).unwrap_or(0)));
    let mut replay = Simulation::new(&scenario);
    replay.run_until(stepped.now());
    let lines = trace_lines(&stepped);
    assert!(lines.last().is_some_and(|l| l.contains("simulation ended")), "{lines:#?}");
    assert_eq!(lines, trace_lines(&replay));
}

/// A message sent live at a script point counts as the event its script line is in a replay, so a
/// work limit stops the live session and its replay at the same event, with the same end line
/// (found at 100,000 cases from seed 2,000,000: seed 2007487; the live session stopped 3 events later).
#[test]
fn a_live_action_counts_toward_the_event_limit_as_its_replayed_line_does() {
    let json = r#"{"format":"portsim-scenario/1","name":"Limited","until":"1d",
      "limits":{"maxEvents":25},
      "sendPorts":[{"name":"SP","kind":"static-one-way","state":"started",
        "primary":{"transport":"FILE","address":"C:\\down","retryCount":100,"retryInterval":"1m"}}],
      "endpoints":[{"address":"C:\\down","failures":[{"kind":"always"}]}],
      "script":[{"at":"0s","send":{"port":"SP"}}]}"#;
    let Ok(mut s) = Session::from_json(json) else { panic!("fixture must load") };
    let send = |s: &mut Session| {
        let action = Action::Inject(Injection {
            target: Some(Target::Port("SP".into())),
            context: Context::new(),
            count: 1,
            every: SimDuration::ZERO,
            id: None,
        });
        assert!(s.perform(action).is_ok());
    };
    // Three messages sent live, each at a script point (the clock stands between events).
    for _ in 0..3 {
        s.step();
        s.run_until(portsim::engine::time::SimTime(s.now().as_ms() + 30_000));
        send(&mut s);
    }
    s.run_to_end();
    let live = s.sim().borrow().report();
    let live_trace = trace_lines(&s.sim().borrow());
    assert!(live.limit.is_some(), "the fixture must reach its event limit");
    assert!(live_trace.last().is_some_and(|l| l.contains("25 events") || l.contains("26 events")), "{live_trace:?}");
    let Ok(mut again) = Session::from_json(&s.to_json()) else { panic!("export must reload") };
    again.run_to_end();
    assert_eq!(trace_lines(&again.sim().borrow()), live_trace);
    assert_eq!(again.sim().borrow().report().to_json(), live.to_json());
}
