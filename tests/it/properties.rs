//! Named properties of the engine, checked after EVERY `step()` over many random scenarios
//! (`random_scenario.rs`). Each violation prints the property name, the seed and the replay command.
//!
//! * `PORTSIM_PROPERTY_CASES=100000 cargo test --test it properties` — more cases (default 1000).
//! * `PORTSIM_PROPERTY_SEED=<seed> cargo test --test it properties` — replay one seed.
//! * `PORTSIM_PROPERTY_FROM=<n>` — start the sweep at seed n (default 0), to explore seeds no earlier sweep ran.
//!
//! The properties (SEMANTICS.md rule in brackets):
//! - `time-monotonic`: `now()` and trace times never go backwards; no trace line is in the future.
//! - `trace-append-only`, `instances-append-only`: nothing already observed disappears or is renumbered.
//! - `copies-match-subscriptions` [§3, C6]: each scripted message gets exactly one instance per matching
//!   enlisted subscription (own filter or direct send = 1; each matching enlisted group = 1 per enlisted
//!   member) — none lost, none duplicated — and is a routing failure exactly when there is none.
//! - `bound-port-gets-no-copy` [C6], `not-started-target-suspends` [C2, C4, C5],
//!   `started-target-processes` [C1, C3].
//! - `stopped-port-never-delivers` [§2, §4]: an attempt starts only in a run that began while the port
//!   (and its group) was Started, or that a manual resume began.
//! - `resume-is-manual-or-on-start` [§4]: a resume happens on a script resume, or when the target is Started.
//! - `attempts-per-transport-bounded` [§6]: per run, primary attempts ≤ retryCount+1, backup ≤ its retryCount+1.
//! - `backup-after-primary-exhausted` [§6]: a backup attempt only after retryCount+1 failed primary attempts
//!   of the same run; never on a port without backup or an ordered port [§7].
//! - `final-stays-final` [§5]: completed/terminated instances never change or attempt again.
//! - `lifecycle-follows-table` [L1–L4, G1, G2, G3]: n/a cells are rejected and change nothing; allowed cells
//!   apply unless a guard refuses; G1/G2 refuse exactly when their condition holds; an action changes only
//!   its own target (group actions leave members alone).
//! - `end-states-are-known` [§5]: at the end each instance is completed, suspended (with a reason),
//!   terminated, or active/scheduled only if time ran out; completed ⇒ last attempt succeeded, or it
//!   failed and the error message was routed (reason failed-message-routed, §6).
//! - `report-totals-consistent`: the report's totals count what its lists hold.
//! - `retry-timing` [§6, §8]: within a run the next attempt on a transport starts retryInterval after the
//!   previous one ended, the first backup attempt at the instant the last primary one ended (later only
//!   while a service window is closed); `attempt-latency`: each attempt lasts its endpoint's latency.
//! - `available-actions-match-rules` [L1–L4, G1–G3]: after every step, `available_actions` refuses exactly
//!   the n/a cells and the guarded cases (G3 with the exact count of non-final instances).
//! - `explain-cites-rules`: every instance's explanation is non-empty, in time order, citing rule ids.
//! - `deterministic`: a second run (with `run_to_end`) gives the identical trace and report.
//! - `run-until-equivalent`: running in random `run_until` chunks (the UI clock) gives the same outcome.
//! - `apply-matches-available-actions`: a lifecycle action applied now does what was predicted.
//! - `compact-trace-renders-exactly-the-old-text`: every trace line rendered on demand from its compact
//!   record equals the text rendered at the moment it was recorded (what the engine stored before the
//!   compact trace), through a run, a Resume all, a Terminate all and a refused action.
//! - `report-identical-with-and-without-trace`: trace recording off gives the byte-identical report
//!   (`to_json` and the streamed JSON).

use crate::random_scenario::{filter_matches, GenAction, GenScenario, GenSelector};
use portsim::engine::model::{LifecycleState, Scenario};
use portsim::engine::simulation::{InstanceStatus, TransportSlot};
use portsim::engine::trace::TraceKind;
use portsim::engine::{load_scenario, Simulation};
use std::collections::{BTreeMap, BTreeSet};

const MAX_STEPS: usize = 50_000;

/// A broken property.
#[derive(Debug)]
pub struct Violation {
    pub property: &'static str,
    pub detail: String,
}

fn v(property: &'static str, detail: String) -> Violation {
    Violation { property, detail }
}

/// Port and group lifecycle states at one moment.
#[derive(Debug, Clone, PartialEq)]
struct States {
    ports: BTreeMap<String, LifecycleState>,
    groups: BTreeMap<String, LifecycleState>,
}

impl States {
    fn of(sim: &Simulation, gen: &GenScenario) -> States {
        States {
            ports: gen.ports.iter().map(|p| (p.name.clone(), sim.port_state(&p.name).unwrap_or_default())).collect(),
            groups: gen.groups.iter().map(|g| (g.name.clone(), sim.group_state(&g.name).unwrap_or_default())).collect(),
        }
    }
    fn port(&self, name: &str) -> LifecycleState {
        self.ports.get(name).copied().unwrap_or_default()
    }
    fn group(&self, name: &str) -> LifecycleState {
        self.groups.get(name).copied().unwrap_or_default()
    }
    /// The port, and the group it came through, are both Started.
    fn runnable(&self, port: &str, via: Option<&str>) -> bool {
        self.port(port) == LifecycleState::Started && via.is_none_or(|g| self.group(g) == LifecycleState::Started)
    }
}

/// What the checker remembers about one instance.
#[derive(Debug, Clone, Default)]
struct Track {
    attempts_seen: usize,
    /// Index of the first attempt of the current run (creation or last resume).
    run_start: usize,
    run_primary: u32,
    run_backup: u32,
    /// May the current run start attempts (began while runnable, or by a manual resume)?
    allowed: bool,
    last_status: Option<InstanceStatus>,
    /// Index of the first attempt of every run (creation, then each resume).
    run_starts: Vec<usize>,
}

/// L1–L4: `Some(result)` or `None` for "Not available".
fn table(action: &str, from: LifecycleState) -> Option<LifecycleState> {
    use LifecycleState::*;
    match (action, from) {
        ("enlist", Bound) => Some(Stopped),
        ("start", Bound) | ("start", Stopped) => Some(Started),
        ("stop", Started) => Some(Stopped),
        ("unenlist", Stopped) | ("unenlist", Started) => Some(Bound),
        _ => None,
    }
}

/// The `(port, via)` copies a scripted message must produce given the states it met (§3, C6).
fn expected_copies(gen: &GenScenario, action: &GenAction, s: &States) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let enlisted_members = |g: &str, out: &mut Vec<(String, String)>| {
        if let Some(group) = gen.groups.iter().find(|x| x.name == g) {
            for m in &group.members {
                if s.port(m).is_enlisted() {
                    out.push((m.clone(), g.to_string()));
                }
            }
        }
    };
    match action {
        GenAction::Publish { context, .. } => {
            for p in &gen.ports {
                if s.port(&p.name).is_enlisted() && filter_matches(&p.filter, context) {
                    out.push((p.name.clone(), String::new()));
                }
            }
            for g in &gen.groups {
                if s.group(&g.name).is_enlisted() && filter_matches(&g.filter, context) {
                    enlisted_members(&g.name, &mut out);
                }
            }
        }
        GenAction::SendPort { port, .. } if s.port(port).is_enlisted() => {
            out.push((port.clone(), String::new()));
        }
        GenAction::SendGroup { group, .. } if s.group(group).is_enlisted() => {
            enlisted_members(group, &mut out);
        }
        _ => {}
    }
    out.sort();
    out
}

struct Checker<'a> {
    gen: &'a GenScenario,
    scenario: &'a Scenario,
    tracks: Vec<Track>,
    /// States each scripted message met, by id: when it entered, then at each re-publish (resume of
    /// its routing-failure receive copy, §3), with the time.
    met: BTreeMap<String, Vec<(u64, States)>>,
    /// States before/after each lifecycle script entry, by script index.
    life_before: BTreeMap<usize, States>,
    life_after: BTreeMap<usize, States>,
    trace_seen: usize,
    last_trace_at: u64,
    /// Messages that had a routing failure report at some step (terminating the receive copy
    /// deletes the report, §3, so the end state alone is not enough).
    routing_failed: BTreeSet<String>,
    /// How often each situation was exercised (so the properties are known not to be vacuous).
    stats: Stats,
}

/// Situation → how many times the properties saw it.
pub type Stats = BTreeMap<&'static str, u64>;

fn bump(stats: &mut Stats, key: &'static str) {
    *stats.entry(key).or_insert(0) += 1;
}

impl<'a> Checker<'a> {
    fn retry_counts(&self, port: &str, message: &str) -> Option<(u32, Option<u32>, bool)> {
        let p = self.scenario.ports.iter().find(|p| p.name == port)?;
        let ordered = p.ordered_delivery;
        if p.kind.is_static() {
            let primary = p.primary.as_ref()?.retry_count;
            Some((primary, if ordered { None } else { p.backup.as_ref().map(|b| b.retry_count) }, ordered))
        } else {
            let ctx = self.gen.context_of(message)?;
            let r = ctx.get("BTS.RetryCount").and_then(|v| v.as_u64()).unwrap_or(3) as u32;
            Some((r, None, ordered))
        }
    }

    /// `(primary interval, backup interval, port has a service window)` in ms (§6, §8).
    fn intervals(&self, port: &str, message: &str) -> Option<(u64, Option<u64>, bool)> {
        let p = self.scenario.ports.iter().find(|p| p.name == port)?;
        let window = p.service_window.is_some_and(|w| w.from != w.to);
        if p.kind.is_static() {
            let primary = p.primary.as_ref()?.retry_interval.as_ms();
            Some((primary, p.backup.as_ref().map(|b| b.retry_interval.as_ms()), window))
        } else {
            let ctx = self.gen.context_of(message)?;
            let minutes = ctx.get("BTS.RetryInterval").and_then(|v| v.as_u64()).unwrap_or(5);
            Some((minutes * 60_000, None, window))
        }
    }

    fn latency_ms(&self, address: &str) -> u64 {
        self.scenario.endpoints.iter().find(|e| e.address == address).map(|e| e.latency.as_ms()).unwrap_or(0)
    }

    /// `retry-timing` and `attempt-latency` (§6, SCENARIO.md "Timing"), over every finished run.
    fn check_timing(&mut self, sim: &Simulation) -> Result<(), Violation> {
        for (k, i) in sim.instances().iter().enumerate() {
            let Some(track) = self.tracks.get(k) else { continue };
            let aborted_last = i.status == InstanceStatus::Terminated;
            for (j, a) in i.attempts.iter().enumerate() {
                let Some(end) = a.end else { continue };
                let last = j + 1 == i.attempts.len();
                let latency = self.latency_ms(&a.address);
                let took = end.as_ms() - a.start.as_ms();
                if took != latency && !(last && aborted_last) {
                    return Err(v(
                        "attempt-latency",
                        format!("#{} {}: attempt {j} lasted {took} ms, endpoint latency {latency} ms", i.id, i.message),
                    ));
                }
            }
            let Some((primary_iv, backup_iv, window)) = self.intervals(&i.port, &i.message) else { continue };
            let mut bounds = track.run_starts.clone();
            bounds.push(i.attempts.len());
            for run in bounds.windows(2) {
                let (from, to) = (run[0], run[1].min(i.attempts.len()));
                for j in from + 1..to {
                    let (a, b) = (&i.attempts[j - 1], &i.attempts[j]);
                    let Some(a_end) = a.end else { continue };
                    let gap = match (a.transport, b.transport) {
                        (TransportSlot::Primary, TransportSlot::Primary) => primary_iv,
                        (TransportSlot::Backup, TransportSlot::Backup) => backup_iv.unwrap_or(0),
                        (TransportSlot::Primary, TransportSlot::Backup) => 0,
                        (TransportSlot::Backup, TransportSlot::Primary) => {
                            let detail =
                                format!("#{} {}: primary attempt after a backup one in one run", i.id, i.message);
                            return Err(v("retry-timing", detail));
                        }
                    };
                    let due = a_end.as_ms() + gap;
                    let start = b.start.as_ms();
                    if start < due || (!window && start != due) {
                        return Err(v(
                            "retry-timing",
                            format!(
                                "#{} {} on {}: attempt {j} ({:?}) started at {start}, due at {due} (gap {gap}, window {window})",
                                i.id, i.message, i.port, b.transport
                            ),
                        ));
                    }
                    bump(&mut self.stats, "retry-timings");
                }
            }
        }
        Ok(())
    }

    /// `available-actions-match-rules`: the UI's question "which actions, and why not" agrees with
    /// L1–L4 and G1–G3 in the current state (G3 exactly: the non-final instances the port owns).
    fn check_available_actions(&mut self, sim: &Simulation, s: &States) -> Result<(), Violation> {
        use portsim::engine::model::{LifecycleAction, Target};
        use portsim::engine::simulation::Refusal;
        for p in &self.gen.ports {
            let state = s.port(&p.name);
            let live = sim.instances().iter().filter(|i| i.port == p.name && !i.status.is_final()).count();
            let g2 = state.is_enlisted()
                && self.gen.groups.iter().any(|g| {
                    s.group(&g.name).is_enlisted()
                        && g.members.contains(&p.name)
                        && !g.members.iter().any(|m| m != &p.name && s.port(m).is_enlisted())
                });
            for av in sim.available_actions(&Target::Port(p.name.clone())) {
                let action = av.action.code();
                let unenlist = av.action == LifecycleAction::Unenlist;
                let ok = match (table(action, state), &av.refusal) {
                    (None, Some(Refusal::NotAvailable { state: met })) => *met == state,
                    (None, _) => false,
                    (Some(_), None) => !(unenlist && (g2 || live > 0)),
                    (Some(_), Some(Refusal::LastEnlistedMember { .. })) => unenlist && g2,
                    (Some(_), Some(Refusal::HasInstances { count })) => unenlist && *count == live && live > 0,
                    (Some(_), Some(_)) => false,
                };
                if !ok {
                    let detail =
                        format!("port {} ({state:?}, {live} live, G2 {g2}): {action} -> {:?}", p.name, av.refusal);
                    return Err(v("available-actions-match-rules", detail));
                }
            }
        }
        for g in &self.gen.groups {
            let state = s.group(&g.name);
            let g1 = !g.members.iter().any(|m| s.port(m).is_enlisted());
            for av in sim.available_actions(&Target::Group(g.name.clone())) {
                let action = av.action.code();
                let start = av.action == LifecycleAction::Start;
                let ok = match (table(action, state), &av.refusal) {
                    (None, Some(Refusal::NotAvailable { state: met })) => *met == state,
                    (None, _) => false,
                    (Some(_), None) => !(start && g1),
                    (Some(_), Some(Refusal::NoEnlistedMember)) => start && g1,
                    (Some(_), Some(_)) => false,
                };
                if !ok {
                    let detail = format!("group {} ({state:?}, G1 {g1}): {action} -> {:?}", g.name, av.refusal);
                    return Err(v("available-actions-match-rules", detail));
                }
            }
        }
        bump(&mut self.stats, "available-actions-checked");
        Ok(())
    }

    /// `explain-cites-rules`: every instance's explanation is a non-empty chain of facts in time
    /// order, each citing a rule id of SEMANTICS.md.
    fn check_explain(&mut self, sim: &Simulation) -> Result<(), Violation> {
        let valid = |r: &str| {
            crate::golden::RULE_IDS.iter().any(|id| {
                *id == r
                    || id.strip_prefix('s').and_then(|n| n.parse::<u32>().ok()).is_some_and(|n| r == format!("§{n}"))
            })
        };
        for i in sim.instances() {
            let steps = sim.explain(i.id);
            if steps.is_empty() {
                return Err(v("explain-cites-rules", format!("#{} {} has no explanation", i.id, i.message)));
            }
            let mut last = 0;
            for st in &steps {
                let bad = !valid(&st.rule) || st.code.is_empty() || st.text.is_empty();
                if bad || st.at.as_ms() < last || st.at > sim.now() {
                    return Err(v("explain-cites-rules", format!("#{} {}: bad step {st:?}", i.id, i.message)));
                }
                last = st.at.as_ms();
            }
            bump(&mut self.stats, "explanations");
        }
        Ok(())
    }

    fn manual_resume_at(&self, at_ms: u64, port: &str, message: &str) -> bool {
        self.gen.script.iter().any(|e| {
            e.at_ms == at_ms
                && match &e.action {
                    GenAction::Resume(GenSelector::All) => true,
                    GenAction::Resume(GenSelector::Port(p)) => p == port,
                    GenAction::Resume(GenSelector::Message(m)) => m == message,
                    _ => false,
                }
        })
    }

    /// Records the states scripted entries met, when time moves from `t0` to `t1`.
    fn on_time(&mut self, t0: u64, t1: u64, before: &States, first: bool) {
        for (k, e) in self.gen.script.iter().enumerate() {
            let entered = (e.at_ms > t0 && e.at_ms <= t1) || (first && e.at_ms == t0);
            if entered {
                match &e.action {
                    GenAction::Lifecycle { .. } => {
                        self.life_before.entry(k).or_insert_with(|| before.clone());
                    }
                    GenAction::Publish { id, .. }
                    | GenAction::SendPort { id, .. }
                    | GenAction::SendGroup { id, .. } => {
                        self.met.entry(id.clone()).or_insert_with(|| vec![(e.at_ms, before.clone())]);
                    }
                    _ => {}
                }
            }
            if matches!(e.action, GenAction::Lifecycle { .. }) && e.at_ms <= t0 && t1 > t0 {
                self.life_after.entry(k).or_insert_with(|| before.clone());
            }
        }
    }

    fn after_step(&mut self, sim: &Simulation, before: &States, after: &States) -> Result<(), Violation> {
        let now = sim.now().as_ms();
        // Trace: append-only, monotonic, never in the future.
        let trace = sim.trace();
        if trace.len() < self.trace_seen {
            return Err(v("trace-append-only", format!("trace shrank from {} to {}", self.trace_seen, trace.len())));
        }
        let new_events: Vec<_> = trace.range(self.trace_seen..trace.len()).collect();
        for e in &new_events {
            if e.at.as_ms() < self.last_trace_at || e.at.as_ms() > now {
                return Err(v(
                    "time-monotonic",
                    format!("trace line at {} after {} (now {now}): {e}", e.at.as_ms(), self.last_trace_at),
                ));
            }
            self.last_trace_at = e.at.as_ms();
        }
        // Instances: append-only, numbered 1, 2, ... in creation order.
        let instances = sim.instances();
        if instances.len() < self.tracks.len() {
            return Err(v("instances-append-only", format!("instances shrank to {}", instances.len())));
        }
        for (k, i) in instances.iter().enumerate() {
            if i.id != k as u64 + 1 {
                return Err(v("instances-append-only", format!("instance at position {k} has id {}", i.id)));
            }
        }
        let index_of = |id: u64| (id as usize).checked_sub(1);
        // New instances: C-table outcomes (C1–C6).
        for i in &instances[self.tracks.len()..] {
            let via = i.via.as_deref();
            if before.port(&i.port) == LifecycleState::Bound && after.port(&i.port) == LifecycleState::Bound {
                return Err(v(
                    "bound-port-gets-no-copy",
                    format!("instance #{} of {} created on Bound port {}", i.id, i.message, i.port),
                ));
            }
            let runnable_before = before.runnable(&i.port, via);
            let runnable_after = after.runnable(&i.port, via);
            let stopped_reason =
                matches!(i.reason.map(|r| r.code()), Some("send-port-stopped") | Some("send-port-group-stopped"));
            if !runnable_before && !runnable_after {
                let suspended = i.status == InstanceStatus::SuspendedResumable && stopped_reason;
                let ordered_blocked = i.reason.map(|r| r.code()) == Some("ordered-delivery-blocked");
                if !(suspended || ordered_blocked) || !i.attempts.is_empty() {
                    return Err(v(
                        "not-started-target-suspends",
                        format!(
                            "#{} {} on {} via {via:?} (port/group not Started) is {:?} {:?} with {} attempt(s)",
                            i.id,
                            i.message,
                            i.port,
                            i.status,
                            i.reason,
                            i.attempts.len()
                        ),
                    ));
                }
            }
            if runnable_before && runnable_after && stopped_reason {
                return Err(v(
                    "started-target-processes",
                    format!("#{} {} on Started {} via {via:?} suspended {:?}", i.id, i.message, i.port, i.reason),
                ));
            }
            bump(
                &mut self.stats,
                if runnable_before || runnable_after { "created-runnable" } else { "created-not-runnable" },
            );
            if via.is_some() {
                bump(&mut self.stats, "created-via-group");
            }
            self.tracks.push(Track {
                allowed: runnable_before || runnable_after,
                run_starts: vec![0],
                ..Track::default()
            });
        }
        // Resuming a routing failure's receive copy publishes the message again (§3).
        for e in new_events.iter().filter(|e| e.kind == TraceKind::Resumed && e.instance.is_none()) {
            if let Some(entries) = e.message.as_ref().and_then(|m| self.met.get_mut(m)) {
                entries.push((now, before.clone()));
                bump(&mut self.stats, "republished");
            }
        }
        // Resumes start a new run.
        for e in new_events.iter().filter(|e| e.kind == TraceKind::Resumed) {
            let Some(k) = e.instance.and_then(index_of) else { continue };
            let Some(i) = instances.get(k) else { continue };
            // §7: on an ordered port with stop-on-failure all messages share one service instance,
            // so resuming any of its messages resumes them all.
            let siblings: Vec<&str> = match i.service_instance {
                Some(si) => instances
                    .iter()
                    .filter(|x| x.port == i.port && x.service_instance == Some(si))
                    .map(|x| x.message.as_str())
                    .collect(),
                None => vec![i.message.as_str()],
            };
            let manual = siblings.iter().any(|m| self.manual_resume_at(now, &i.port, m));
            let started = after.runnable(&i.port, i.via.as_deref()) || before.runnable(&i.port, i.via.as_deref());
            if !manual && !started {
                return Err(v(
                    "resume-is-manual-or-on-start",
                    format!(
                        "#{} {} on {} resumed at {now} without a script resume while not Started: {e}",
                        i.id, i.message, i.port
                    ),
                ));
            }
            let t = &mut self.tracks[k];
            t.run_start = t.attempts_seen;
            t.run_starts.push(t.attempts_seen);
            t.run_primary = 0;
            t.run_backup = 0;
            t.allowed = true;
            bump(&mut self.stats, if manual { "resumed-manually" } else { "resumed-on-start" });
        }
        // Attempts and statuses.
        for (k, i) in instances.iter().enumerate() {
            let counts = self.retry_counts(&i.port, &i.message);
            let t = &mut self.tracks[k];
            if let Some(prev) = t.last_status {
                if prev.is_final() && (i.status != prev || i.attempts.len() != t.attempts_seen) {
                    return Err(v(
                        "final-stays-final",
                        format!(
                            "#{} {} on {} was {prev:?}, now {:?} with {} attempts",
                            i.id,
                            i.message,
                            i.port,
                            i.status,
                            i.attempts.len()
                        ),
                    ));
                }
            }
            t.last_status = Some(i.status);
            if i.attempts.len() < t.attempts_seen {
                return Err(v("instances-append-only", format!("#{} lost attempts", i.id)));
            }
            for a in &i.attempts[t.attempts_seen..] {
                if !t.allowed {
                    return Err(v("stopped-port-never-delivers", format!("#{} {} on {} via {:?} attempted at {} in a run that began while not Started (port now {:?})", i.id, i.message, i.port, i.via, a.start.as_ms(), after.port(&i.port))));
                }
                let Some((primary_retries, backup_retries, ordered)) = counts else { continue };
                match a.transport {
                    TransportSlot::Primary => {
                        t.run_primary += 1;
                        bump(&mut self.stats, "primary-attempts");
                        if t.run_primary > primary_retries + 1 {
                            return Err(v(
                                "attempts-per-transport-bounded",
                                format!(
                                    "#{} {} on {}: primary attempt {} of a run with retryCount {primary_retries}",
                                    i.id, i.message, i.port, t.run_primary
                                ),
                            ));
                        }
                    }
                    TransportSlot::Backup => {
                        let Some(backup_retries) = backup_retries else {
                            let why =
                                if ordered { "ordered port (backup ignored, §7)" } else { "port without backup" };
                            return Err(v(
                                "backup-after-primary-exhausted",
                                format!("#{} {} on {}: backup attempt on a {why}", i.id, i.message, i.port),
                            ));
                        };
                        let run = &i.attempts[t.run_start..];
                        let primaries_failed = run
                            .iter()
                            .take_while(|x| x.transport == TransportSlot::Primary)
                            .filter(|x| x.ok == Some(false))
                            .count() as u32;
                        if t.run_backup == 0
                            && (t.run_primary != primary_retries + 1 || primaries_failed != primary_retries + 1)
                        {
                            return Err(v("backup-after-primary-exhausted", format!("#{} {} on {}: backup after {} primary attempt(s), {primaries_failed} failed (retryCount {primary_retries})", i.id, i.message, i.port, t.run_primary)));
                        }
                        t.run_backup += 1;
                        bump(&mut self.stats, "backup-attempts");
                        if t.run_backup > backup_retries + 1 {
                            return Err(v(
                                "attempts-per-transport-bounded",
                                format!(
                                    "#{} {} on {}: backup attempt {} with retryCount {backup_retries}",
                                    i.id, i.message, i.port, t.run_backup
                                ),
                            ));
                        }
                    }
                }
            }
            t.attempts_seen = i.attempts.len();
        }
        for r in sim.routing_failures() {
            if !r.response {
                self.routing_failed.insert(r.message.clone());
            }
        }
        self.check_copies(sim, false)
    }

    /// `copies-match-subscriptions` for every scripted message already past (or all, at the end).
    fn check_copies(&mut self, sim: &Simulation, at_end: bool) -> Result<(), Violation> {
        let now = sim.now().as_ms();
        for (id, at, action) in self.gen.messages() {
            if !(at < now || (at_end && at <= now)) {
                continue;
            }
            let Some(entries) = self.met.get(id) else {
                return Err(v("copies-match-subscriptions", format!("{id} (at {at}) was never seen entering")));
            };
            if !at_end && entries.iter().any(|(t, _)| *t >= now) {
                continue; // copies may still be on their way at this instant
            }
            let mut want = Vec::new();
            let mut want_failure = false;
            for (t, states) in entries {
                if *t <= now {
                    let copies = expected_copies(self.gen, action, states);
                    want_failure |= copies.is_empty();
                    if at_end {
                        bump(&mut self.stats, if copies.is_empty() { "routing-failures" } else { "messages-routed" });
                    }
                    want.extend(copies);
                }
            }
            want.sort();
            let states = &entries[entries.len() - 1].1;
            let mut got: Vec<(String, String)> = sim
                .instances()
                .iter()
                .filter(|i| i.message == id)
                .map(|i| (i.port.clone(), i.via.clone().unwrap_or_default()))
                .collect();
            got.sort();
            if got != want {
                return Err(v(
                    "copies-match-subscriptions",
                    format!("{id} at {at}: expected copies (port, via) {want:?}, got {got:?}; states met {states:?}"),
                ));
            }
            let failed = self.routing_failed.contains(id);
            if failed != want_failure {
                return Err(v(
                    "copies-match-subscriptions",
                    format!("{id}: routing failure {failed}, but expected {want_failure} (copies {want:?})"),
                ));
            }
        }
        Ok(())
    }

    fn check_lifecycle(&mut self, sim: &Simulation) -> Result<(), Violation> {
        let report = sim.report();
        for (k, e) in self.gen.script.iter().enumerate() {
            let GenAction::Lifecycle { action, group, name } = &e.action else { continue };
            let (Some(b), Some(a)) = (self.life_before.get(&k), self.life_after.get(&k)) else { continue };
            let (from, to) = if *group { (b.group(name), a.group(name)) } else { (b.port(name), a.port(name)) };
            let target =
                format!("{action} {} {name} at {} from {from:?}", if *group { "group" } else { "port" }, e.at_ms);
            let rejected = report.rejected_actions.iter().find(|r| {
                r.at_ms == e.at_ms
                    && r.action == *action
                    && if *group { r.group.as_deref() == Some(name) } else { r.port.as_deref() == Some(name) }
            });
            // Only the target may change, and group actions leave members alone.
            let mut others_b = b.clone();
            let mut others_a = a.clone();
            if *group {
                others_b.groups.remove(name);
                others_a.groups.remove(name);
            } else {
                others_b.ports.remove(name);
                others_a.ports.remove(name);
            }
            if others_a != others_b {
                return Err(v(
                    "lifecycle-follows-table",
                    format!("{target} changed other states: {others_b:?} -> {others_a:?}"),
                ));
            }
            let g1 = *group && *action == "start" && from != LifecycleState::Started && {
                let members =
                    &self.gen.groups.iter().find(|g| &g.name == name).map(|g| g.members.clone()).unwrap_or_default();
                !members.iter().any(|m| b.port(m).is_enlisted())
            };
            let g2 = !*group
                && *action == "unenlist"
                && from.is_enlisted()
                && self.gen.groups.iter().any(|g| {
                    b.group(&g.name).is_enlisted()
                        && g.members.contains(name)
                        && !g.members.iter().any(|m| m != name && b.port(m).is_enlisted())
                });
            bump(
                &mut self.stats,
                match (table(action, from), to == from) {
                    (None, _) => "lifecycle-not-available",
                    (Some(_), true) => "lifecycle-refused-by-guard",
                    (Some(_), false) => "lifecycle-applied",
                },
            );
            match table(action, from) {
                None => {
                    let ok =
                        to == from && rejected.is_some_and(|r| r.reason == "not-available" && r.state == from.code());
                    if !ok {
                        return Err(v("lifecycle-follows-table", format!("{target}: n/a cell must be rejected (not-available, state {}) and change nothing; now {to:?}, rejected {rejected:?}", from.code())));
                    }
                }
                Some(result) => {
                    if to == result {
                        if rejected.is_some() || g1 || g2 {
                            return Err(v(
                                "lifecycle-follows-table",
                                format!("{target} applied although rejected {rejected:?} / G1 {g1} / G2 {g2}"),
                            ));
                        }
                    } else if to == from {
                        let reason = rejected.map(|r| r.reason.as_str()).unwrap_or("");
                        let ok = match reason {
                            "no-enlisted-member" => g1,
                            "last-enlisted-member" => g2,
                            "has-instances" => !*group && sim.instances().iter().any(|i| &i.port == name),
                            _ => false,
                        };
                        if !ok {
                            return Err(v("lifecycle-follows-table", format!("{target}: allowed cell refused with {reason:?} (G1 {g1}, G2 {g2}); rejected {rejected:?}")));
                        }
                    } else {
                        return Err(v(
                            "lifecycle-follows-table",
                            format!("{target}: went to {to:?}, table says {result:?}"),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn check_end(&mut self, sim: &Simulation) -> Result<(), Violation> {
        let until = self.scenario.until.as_ms();
        // A run a work limit stopped (issue 9 §4) leaves its pending instances pending: the report's
        // `limit` says which limit and when.
        let ran_out = sim.now().as_ms() >= until || sim.limit_reached().is_some();
        for i in sim.instances() {
            bump(&mut self.stats, i.status.code());
            if self.gen.context_of(&i.message).is_none() {
                // A response (§9) or a routed failed message (§6) reached a subscriber.
                bump(&mut self.stats, "derived-message-instances");
            }
            if i.service_instance.is_some() {
                bump(&mut self.stats, "ordered-entries");
            }
            let pending = matches!(i.status, InstanceStatus::Active | InstanceStatus::Scheduled);
            if pending && !ran_out {
                return Err(v(
                    "end-states-are-known",
                    format!(
                        "#{} {} on {} is {:?} although the run ended at {} before until {until}",
                        i.id,
                        i.message,
                        i.port,
                        i.status,
                        sim.now().as_ms()
                    ),
                ));
            }
            if i.status.is_suspended() && i.reason.is_none() {
                return Err(v("end-states-are-known", format!("#{} suspended without a reason", i.id)));
            }
            if i.status == InstanceStatus::Completed {
                // §6 DECISION (failed message routing): after the final failure the error message
                // found a subscriber, so the instance is Completed with that reason and its last
                // attempt failed; any other completion is a delivery.
                let routed = i.reason.map(|r| r.code()) == Some("failed-message-routed");
                let last_ok = i.attempts.last().is_some_and(|a| a.ok == Some(!routed));
                if !last_ok || i.completed.is_none() {
                    return Err(v(
                        "end-states-are-known",
                        format!(
                            "#{} completed but last attempt {:?}, completed {:?}",
                            i.id,
                            i.attempts.last(),
                            i.completed
                        ),
                    ));
                }
            }
        }
        let r = sim.report();
        let count = |s: &str| r.instances.iter().filter(|i| i.status == s).count() as u64;
        let t = &r.totals;
        let attempts: u64 = r.instances.iter().map(|i| i.attempts.len() as u64).sum();
        let checks = [
            ("instances", t.instances, r.instances.len() as u64),
            ("completed", t.completed, count("completed")),
            ("suspendedResumable", t.suspended_resumable, count("suspended-resumable")),
            ("suspendedNotResumable", t.suspended_not_resumable, count("suspended-not-resumable")),
            ("terminated", t.terminated, count("terminated")),
            ("routingFailures", t.routing_failures, r.routing_failures.len() as u64),
            ("attempts", t.attempts, attempts),
        ];
        for (name, total, actual) in checks {
            if total != actual {
                return Err(v("report-totals-consistent", format!("totals.{name} = {total}, lists hold {actual}")));
            }
        }
        if r.instances.len() != sim.instances().len() {
            return Err(v("report-totals-consistent", "report and instances() disagree".to_string()));
        }
        let scripted = self.gen.messages().filter(|(_, at, _)| *at <= sim.now().as_ms()).count() as u64;
        if t.messages < scripted {
            return Err(v(
                "report-totals-consistent",
                format!("totals.messages {} < {scripted} scripted messages", t.messages),
            ));
        }
        Ok(())
    }
}

/// A failure: the violation, the scenario, and the trace so far.
pub type Failure = Box<(Violation, GenScenario, Vec<String>)>;

/// Runs one generated scenario with every property; `Err` names the first broken one.
pub fn check_seed(seed: u64) -> Result<Stats, Failure> {
    let gen = GenScenario::generate(seed);
    let fail = |violation: Violation, sim: Option<&Simulation>| {
        let trace = sim.map(|s| s.trace().iter().map(|e| e.to_string()).collect()).unwrap_or_default();
        Box::new((violation, gen.clone(), trace))
    };
    let scenario = match load_scenario(&gen.json) {
        Ok(s) => s,
        Err(e) => return Err(fail(v("generated-scenario-loads", e.to_string()), None)),
    };
    if scenario.until.as_ms() != gen.until_ms || scenario.seed != gen.seed {
        return Err(fail(
            v("generated-scenario-loads", format!("until/seed not as written: {:?}", scenario.until)),
            None,
        ));
    }
    if scenario.ports.iter().any(|p| p.kind.is_dynamic() && p.primary.is_some()) {
        return Err(fail(v("generated-scenario-loads", "dynamic port with a primary".into()), None));
    }
    let mut sim = Simulation::new(&scenario);
    // Read after every step, as the page does: kept current incrementally.
    sim.keep_instances_current(true);
    let mut checker = Checker {
        gen: &gen,
        scenario: &scenario,
        tracks: Vec::new(),
        met: BTreeMap::new(),
        life_before: BTreeMap::new(),
        life_after: BTreeMap::new(),
        trace_seen: 0,
        last_trace_at: 0,
        routing_failed: BTreeSet::new(),
        stats: Stats::new(),
    };
    let mut before = States::of(&sim, &gen);
    checker.on_time(0, 0, &before, true);
    let mut steps = 0;
    loop {
        let t0 = sim.now().as_ms();
        let more = sim.step();
        steps += 1;
        let t1 = sim.now().as_ms();
        if t1 < t0 {
            return Err(fail(v("time-monotonic", format!("now() went from {t0} to {t1}")), Some(&sim)));
        }
        checker.on_time(t0, t1, &before, false);
        let after = States::of(&sim, &gen);
        if let Err(violation) =
            checker.after_step(&sim, &before, &after).and_then(|()| checker.check_available_actions(&sim, &after))
        {
            return Err(fail(violation, Some(&sim)));
        }
        checker.trace_seen = sim.trace().len();
        before = after;
        if !more {
            break;
        }
        if steps > MAX_STEPS {
            return Err(fail(v("terminates", format!("more than {MAX_STEPS} steps")), Some(&sim)));
        }
    }
    // The end: lifecycle entries not yet closed see the final states.
    let end = sim.now().as_ms();
    for (k, e) in gen.script.iter().enumerate() {
        if matches!(e.action, GenAction::Lifecycle { .. }) && e.at_ms <= end {
            checker.life_after.entry(k).or_insert_with(|| before.clone());
        }
    }
    let result = checker
        .check_copies(&sim, true)
        .and_then(|()| checker.check_timing(&sim))
        .and_then(|()| checker.check_explain(&sim))
        .and_then(|()| checker.check_lifecycle(&sim))
        .and_then(|()| checker.check_end(&sim));
    if let Err(violation) = result {
        return Err(fail(violation, Some(&sim)));
    }
    // Determinism: same scenario + seed ⇒ identical trace and report.
    let mut again = Simulation::new(&scenario);
    again.run_to_end();
    let a: Vec<String> = sim.trace().iter().map(|e| e.to_string()).collect();
    let b: Vec<String> = again.trace().iter().map(|e| e.to_string()).collect();
    if a != b || sim.report().to_json() != again.report().to_json() {
        let first = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
        let detail = format!(
            "step-by-step and run_to_end differ at trace line {first}: {:?} vs {:?}",
            a.get(first),
            b.get(first)
        );
        return Err(fail(v("deterministic", detail), Some(&sim)));
    }
    if let Err(violation) = check_compact_trace(&scenario).and_then(|()| check_report_without_trace(&scenario, &sim)) {
        return Err(fail(violation, Some(&sim)));
    }
    // run_until in random chunks (what the UI's clock does) reaches the same outcome.
    if let Err(violation) = check_run_until(&scenario, &sim, seed) {
        return Err(fail(violation, Some(&sim)));
    }
    if let Err(violation) = check_apply_matches_prediction(&mut sim, &gen, seed) {
        return Err(fail(violation, Some(&sim)));
    }
    Ok(checker.stats)
}

/// `apply-matches-available-actions`: a lifecycle action applied now (a UI button) does exactly what
/// `available_actions` predicted: the table's new state when available, otherwise nothing but a
/// rejected action with the predicted reason.
fn check_apply_matches_prediction(sim: &mut Simulation, gen: &GenScenario, seed: u64) -> Result<(), Violation> {
    use portsim::engine::model::{Action, Target};
    let mut rng = portsim::engine::rng::SplitMix64::new(seed ^ 0xA991);
    for _ in 0..3 {
        let pick_group = !gen.groups.is_empty() && rng.chance(0.3);
        let target = if pick_group {
            Target::Group(gen.groups[rng.below(gen.groups.len() as u64) as usize].name.clone())
        } else {
            Target::Port(gen.ports[rng.below(gen.ports.len() as u64) as usize].name.clone())
        };
        let state = |s: &Simulation| match &target {
            Target::Port(n) => s.port_state(n),
            Target::Group(n) => s.group_state(n),
        };
        let options = sim.available_actions(&target);
        let Some(choice) = options.get(rng.below(options.len().max(1) as u64) as usize).cloned() else {
            return Err(v("apply-matches-available-actions", format!("no actions offered for {target:?}")));
        };
        let before = state(sim).unwrap_or_default();
        let rejected_before = sim.report().rejected_actions.len();
        sim.apply(Action::Lifecycle { action: choice.action, target: target.clone() });
        let after = state(sim).unwrap_or_default();
        let report = sim.report();
        let ok = match &choice.refusal {
            None => {
                table(choice.action.code(), before) == Some(after) && report.rejected_actions.len() == rejected_before
            }
            Some(refusal) => {
                after == before
                    && report.rejected_actions.len() == rejected_before + 1
                    && report
                        .rejected_actions
                        .last()
                        .is_some_and(|r| r.reason == refusal.code() && r.action == choice.action.code())
            }
        };
        if !ok {
            return Err(v(
                "apply-matches-available-actions",
                format!(
                    "{:?} on {target:?} from {before:?}: predicted {:?}, now {after:?}",
                    choice.action, choice.refusal
                ),
            ));
        }
    }
    Ok(())
}

/// `compact-trace-renders-exactly-the-old-text`: the reference renderer writes each line's text when
/// the line is recorded; rendering the compact records afterwards must give the same lines.
fn check_compact_trace(scenario: &Scenario) -> Result<(), Violation> {
    use portsim::engine::model::{Action, InstanceSelector, LifecycleAction, Target};
    let mut sim = Simulation::new(scenario);
    sim.set_reference_rendering(true);
    sim.run_to_end();
    sim.apply(Action::Resume(InstanceSelector::All));
    sim.run_to_end();
    sim.apply(Action::Terminate(InstanceSelector::All));
    sim.apply(Action::Lifecycle { action: LifecycleAction::Start, target: Target::Port("no such port".into()) });
    let rendered: Vec<String> = sim.trace().iter().map(|e| e.to_string()).collect();
    let reference = sim.reference_trace();
    if rendered.len() != reference.len() || rendered.iter().zip(reference).any(|(a, b)| a != b) {
        let first =
            rendered.iter().zip(reference).position(|(a, b)| a != b).unwrap_or(rendered.len().min(reference.len()));
        return Err(v(
            "compact-trace-renders-exactly-the-old-text",
            format!(
                "{} lines rendered, {} at recording time; line {first}: now {:?}, then {:?}",
                rendered.len(),
                reference.len(),
                rendered.get(first),
                reference.get(first)
            ),
        ));
    }
    Ok(())
}

/// `report-identical-with-and-without-trace`: the report does not depend on trace recording, and
/// the streamed JSON is the report's JSON byte for byte.
fn check_report_without_trace(scenario: &Scenario, traced: &Simulation) -> Result<(), Violation> {
    let mut off = Simulation::new(scenario);
    off.set_trace_recording(false);
    off.run_to_end();
    let (with, without) = (traced.report().to_json(), off.report().to_json());
    if with != without {
        let first = with.lines().zip(without.lines()).position(|(a, b)| a != b).unwrap_or(0);
        return Err(v(
            "report-identical-with-and-without-trace",
            format!(
                "reports differ at JSON line {first}: {:?} vs {:?}",
                with.lines().nth(first),
                without.lines().nth(first)
            ),
        ));
    }
    if !off.trace().is_empty() {
        return Err(v(
            "report-identical-with-and-without-trace",
            format!("{} lines recorded while off", off.trace().len()),
        ));
    }
    let mut streamed = Vec::new();
    if off.write_report_json(&mut streamed).is_err() || streamed != without.as_bytes() {
        return Err(v("report-identical-with-and-without-trace", "the streamed JSON differs from to_json".to_string()));
    }
    Ok(())
}

/// `run-until-equivalent`: `run_until(t)` processes every event due by `t` (and none later), sets the
/// clock to `t` (capped at `until`), and running a scenario in random chunks gives the same trace
/// (apart from the `end` line's time) and the same instances, routing failures and rejected actions
/// as stepping it.
fn check_run_until(scenario: &Scenario, stepped: &Simulation, seed: u64) -> Result<(), Violation> {
    let mut rng = portsim::engine::rng::SplitMix64::new(seed ^ 0xC10C);
    let mut sim = Simulation::new(scenario);
    let until = scenario.until;
    let mut guard = 0;
    while !sim.is_finished() && sim.now() < until && guard < 10_000 {
        guard += 1;
        let t = sim.now().plus(portsim::engine::time::SimDuration(1 + rng.below(20 * 60_000)));
        sim.run_until(t);
        let expected_now = t.min(until);
        // A work limit (issue 9 §4) stops the clock at the event that reached it, as the stepped
        // run does (their traces are compared below).
        let stopped = sim.limit_reached().is_some() && sim.now() <= expected_now;
        if sim.now() != expected_now && !stopped {
            return Err(v("run-until-equivalent", format!("run_until({t:?}) left now() at {:?}", sim.now())));
        }
        if sim.next_event_time().is_some_and(|n| n <= t) {
            return Err(v(
                "run-until-equivalent",
                format!("run_until({t:?}) left an event due at {:?}", sim.next_event_time()),
            ));
        }
    }
    sim.run_to_end();
    let lines = |s: &Simulation| -> Vec<String> {
        s.trace().iter().filter(|e| e.kind != TraceKind::End).map(|e| e.to_string()).collect()
    };
    let (a, b) = (lines(stepped), lines(&sim));
    if a != b {
        let first = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
        return Err(v(
            "run-until-equivalent",
            format!(
                "chunked run differs at trace line {first}: stepped {:?} vs chunked {:?}",
                a.get(first),
                b.get(first)
            ),
        ));
    }
    let (ra, rb) = (stepped.report(), sim.report());
    if ra.instances != rb.instances
        || ra.routing_failures != rb.routing_failures
        || ra.rejected_actions != rb.rejected_actions
    {
        return Err(v("run-until-equivalent", "chunked run gives another report".to_string()));
    }
    Ok(())
}

fn replay_message(seed: u64, violation: &Violation, gen: &GenScenario, trace: &[String]) -> String {
    let tail: Vec<&String> = trace.iter().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
    format!(
        "property `{}` failed for seed {seed}: {}\n\nreplay: PORTSIM_PROPERTY_SEED={seed} cargo test --test it properties\n\nscenario:\n{}\n\nlast trace lines:\n{}",
        violation.property,
        violation.detail,
        gen.json,
        tail.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    )
}

#[test]
fn properties_hold_after_every_step() {
    let seeds: Vec<u64> = crate::random_scenario::property_seeds(1000);
    let single = seeds.len() == 1;
    let mut total = Stats::new();
    for seed in seeds {
        match check_seed(seed) {
            Ok(stats) => {
                for (k, n) in stats {
                    *total.entry(k).or_insert(0) += n;
                }
            }
            Err(failure) => {
                let (violation, gen, trace) = *failure;
                panic!("{}", replay_message(seed, &violation, &gen, &trace));
            }
        }
    }
    println!("property situations exercised: {total:?}");
    if !single {
        // The properties must not be vacuous: every situation they judge occurred.
        for key in EXERCISED {
            assert!(total.get(key).copied().unwrap_or(0) > 0, "no random case exercised {key:?}: {total:?}");
        }
    }
}

/// Situations the default run must have met at least once.
const EXERCISED: [&str; 21] = [
    "derived-message-instances",
    "retry-timings",
    "explanations",
    "created-runnable",
    "created-not-runnable",
    "created-via-group",
    "resumed-manually",
    "resumed-on-start",
    "republished",
    "primary-attempts",
    "backup-attempts",
    "messages-routed",
    "routing-failures",
    "lifecycle-not-available",
    "lifecycle-refused-by-guard",
    "lifecycle-applied",
    "completed",
    "suspended-resumable",
    "suspended-not-resumable",
    "terminated",
    "ordered-entries",
];

#[test]
fn properties_expected_copies_follow_the_rules() {
    // A hand-built case: a message matching a port's own filter and a group's filter reaches the port
    // twice (direct + via group); a Bound member gets nothing (C6).
    let gen =
        (0..2000).map(GenScenario::generate).find(|g| !g.groups.is_empty()).unwrap_or_else(|| GenScenario::generate(0));
    let mut states = States { ports: BTreeMap::new(), groups: BTreeMap::new() };
    for p in &gen.ports {
        states.ports.insert(p.name.clone(), LifecycleState::Started);
    }
    for g in &gen.groups {
        states.groups.insert(g.name.clone(), LifecycleState::Started);
    }
    let g = &gen.groups[0];
    let send = GenAction::SendGroup { id: "T".into(), group: g.name.clone(), context: Default::default() };
    assert_eq!(expected_copies(&gen, &send, &states).len(), g.members.len());
    states.ports.insert(g.members[0].clone(), LifecycleState::Bound);
    assert_eq!(expected_copies(&gen, &send, &states).len(), g.members.len() - 1, "C6: Bound member gets no copy");
    states.groups.insert(g.name.clone(), LifecycleState::Bound);
    assert!(expected_copies(&gen, &send, &states).is_empty(), "Bound group: routing failure");
    assert_eq!(table("stop", LifecycleState::Bound), None);
    assert_eq!(table("start", LifecycleState::Bound), Some(LifecycleState::Started));
}
