//! What the learner's run actually did, told beside the check's verdict (issue 11 #9): for the
//! ports and messages the lesson is about, the instances grouped by status and suspension reason
//! ("3 instances on SP_Invoices were suspended because SP_Invoices was Stopped (C2)"), the routing
//! failures, whether the clock has reached the end, and — when the check fails — the one step
//! that would change the outcome ("Start SP_Invoices: the instances it suspended resume on their
//! own (§4)"). Read from the engine's state only, like the check itself.

use super::{Check, CheckResult};
use crate::engine::simulation::{InstanceStatus, SuspendReason};
use crate::engine::time::format_elapsed;
use crate::engine::Simulation;
use std::collections::BTreeMap;

/// One sentence: a catalogue key (counted with `i18n::tn` when `n` is set) and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub key: &'static str,
    pub n: Option<u64>,
    pub args: Vec<(&'static str, String)>,
}

impl Finding {
    fn counted(key: &'static str, n: usize, args: Vec<(&'static str, String)>) -> Finding {
        Finding { key, n: Some(n as u64), args }
    }
    fn plain(key: &'static str, args: Vec<(&'static str, String)>) -> Finding {
        Finding { key, n: None, args }
    }
}

/// The ports and messages a check is about, in the order it names them.
fn scope(check: &Check, ports: &mut Vec<String>, messages: &mut Vec<String>) {
    let add = |list: &mut Vec<String>, v: &String| {
        if !list.contains(v) {
            list.push(v.clone());
        }
    };
    match check {
        Check::InstanceStatus { message, port, .. } => {
            add(messages, message);
            if let Some(p) = port {
                add(ports, p);
            }
        }
        Check::PortState { port, .. } => add(ports, port),
        Check::GroupState { .. } => {}
        Check::NoInstanceWithStatus { port, .. } => {
            if let Some(p) = port {
                add(ports, p);
            }
        }
        Check::CompletedAtLeast { port, .. } => add(ports, port),
        Check::AttemptsOnBackupAtLeast { message, port, .. } => {
            add(messages, message);
            add(ports, port);
        }
        Check::All(checks) => checks.iter().for_each(|c| scope(c, ports, messages)),
    }
}

/// Instances of one port grouped by (status rank, reason id): status, reason, count, the group a
/// copy came through.
type Groups = BTreeMap<(usize, &'static str), (InstanceStatus, Option<SuspendReason>, usize, String)>;

/// The key of the sentence for instances of one status and reason.
fn status_sentence(status: InstanceStatus, reason: Option<SuspendReason>) -> &'static str {
    match (status, reason) {
        (InstanceStatus::Completed, _) => "tutorial.run.completed",
        (InstanceStatus::Active | InstanceStatus::Scheduled, _) => "tutorial.run.in_flight",
        (InstanceStatus::Terminated, _) => "tutorial.run.terminated",
        (_, Some(SuspendReason::SendPortStopped)) => "tutorial.run.suspended_port_stopped",
        (_, Some(SuspendReason::SendPortGroupStopped)) => "tutorial.run.suspended_group_stopped",
        (_, Some(SuspendReason::TransportFailure)) => "tutorial.run.suspended_transport",
        (_, Some(SuspendReason::OrderedDeliveryBlocked)) => "tutorial.run.suspended_ordered",
        _ => "tutorial.run.suspended_other",
    }
}

/// Everything worth saying about the run for this check (see the module doc).
pub fn run_findings(check: &Check, verdict: &CheckResult, sim: &Simulation) -> Vec<Finding> {
    let (mut ports, mut messages) = (Vec::new(), Vec::new());
    scope(check, &mut ports, &mut messages);
    let mut out = Vec::new();

    // Instances on the ports in scope, grouped by (status, reason) in status order.
    for port in &ports {
        let mut groups = Groups::new();
        for i in sim.instances().iter().filter(|i| &i.port == port) {
            let rank = InstanceStatus::ALL.iter().position(|s| *s == i.status).unwrap_or(0);
            let reason_code = i.reason.map(|r| r.code()).unwrap_or("");
            let entry = groups.entry((rank, reason_code)).or_insert((i.status, i.reason, 0, String::new()));
            entry.2 += 1;
            if entry.3.is_empty() {
                entry.3 = i.via.clone().unwrap_or_default();
            }
        }
        if groups.is_empty() {
            let state = sim.port_state(port).map(|s| s.code()).unwrap_or("?");
            out.push(Finding::plain("tutorial.run.no_instance", vec![("port", port.clone()), ("state", state.into())]));
        }
        for (status, reason, n, group) in groups.into_values() {
            let mut args = vec![("port", port.clone()), ("status", status.code().to_string()), ("group", group)];
            if let Some(r) = reason {
                args.push(("reason", r.code().to_string()));
            }
            out.push(Finding::counted(status_sentence(status, reason), n, args));
        }
    }

    // Routing failures of the messages in scope (all of them when the check names none).
    let failures: Vec<_> = sim
        .routing_failures()
        .iter()
        .filter(|f| !f.response && (messages.is_empty() || messages.contains(&f.message)))
        .collect();
    if let Some(first) = failures.first() {
        out.push(Finding::counted(
            "tutorial.run.routing_failures",
            failures.len(),
            vec![("message", first.message.clone()), ("time", format_elapsed(first.at))],
        ));
    }

    // The clock: a check before the end judges a run that is not over.
    if !sim.is_finished() {
        out.push(Finding::plain(
            "tutorial.run.clock",
            vec![("time", format_elapsed(sim.now())), ("until", format_elapsed(sim.scenario().until))],
        ));
    }

    if !verdict.passed {
        if let Some(fix) = remedy(check, sim, &ports, &messages, failures.len()) {
            out.push(fix);
        }
    }
    out
}

/// The one step that would change the outcome, from what blocks the first unmet goal.
fn remedy(check: &Check, sim: &Simulation, ports: &[String], messages: &[String], routing: usize) -> Option<Finding> {
    let in_scope = |port: &String, message: &String| {
        ports.contains(port) && (messages.is_empty() || messages.contains(message) || matches_count_goal(check))
    };
    let mine: Vec<_> = sim.instances().iter().filter(|i| in_scope(&i.port, &i.message)).collect();
    let expects_suspended = expects(check, InstanceStatus::SuspendedResumable);
    let port_of = |r: SuspendReason| mine.iter().find(|i| i.reason == Some(r)).map(|i| (i.port.clone(), i.via.clone()));

    if mine.iter().any(|i| i.status == InstanceStatus::Terminated) && !expects(check, InstanceStatus::Terminated) {
        return Some(Finding::plain("tutorial.fix.terminated", Vec::new()));
    }
    if expects_suspended {
        if let Some(done) = mine.iter().find(|i| i.status == InstanceStatus::Completed) {
            return Some(Finding::plain(
                "tutorial.fix.stop_before",
                vec![("port", done.port.clone()), ("message", done.message.clone())],
            ));
        }
    } else {
        if let Some((port, _)) = port_of(SuspendReason::SendPortStopped) {
            return Some(Finding::plain("tutorial.fix.start_port", vec![("port", port)]));
        }
        if let Some((port, via)) = port_of(SuspendReason::SendPortGroupStopped) {
            return Some(Finding::plain(
                "tutorial.fix.start_group",
                vec![("port", port), ("group", via.unwrap_or_default())],
            ));
        }
        if let Some((port, _)) =
            port_of(SuspendReason::TransportFailure).or_else(|| port_of(SuspendReason::OrderedDeliveryBlocked))
        {
            return Some(Finding::plain("tutorial.fix.resume", vec![("port", port)]));
        }
    }
    if !sim.is_finished() {
        return Some(Finding::plain("tutorial.fix.run_to_end", Vec::new()));
    }
    if mine.is_empty() && routing > 0 {
        let port = ports.first().cloned().unwrap_or_default();
        let state = sim.port_state(&port).map(|s| s.code()).unwrap_or("?");
        return Some(Finding::plain("tutorial.fix.subscribe", vec![("port", port), ("state", state.into())]));
    }
    if let Check::PortState { port, .. } = first_unmet(check, sim)? {
        return Some(Finding::plain("tutorial.fix.lifecycle", vec![("name", port.clone())]));
    }
    None
}

/// True for goals that count every instance on a port (not one message).
fn matches_count_goal(check: &Check) -> bool {
    match check {
        Check::CompletedAtLeast { .. } | Check::NoInstanceWithStatus { .. } => true,
        Check::All(checks) => checks.iter().any(matches_count_goal),
        _ => false,
    }
}

/// True when a goal wants instances with this status.
fn expects(check: &Check, wanted: InstanceStatus) -> bool {
    match check {
        Check::InstanceStatus { status, .. } => *status == wanted,
        Check::All(checks) => checks.iter().any(|c| expects(c, wanted)),
        _ => false,
    }
}

/// The first goal that is not met.
fn first_unmet<'a>(check: &'a Check, sim: &Simulation) -> Option<&'a Check> {
    match check {
        Check::All(checks) => checks.iter().find_map(|c| first_unmet(c, sim)),
        other => (!super::evaluate_goal(other, sim).passed).then_some(other),
    }
}
