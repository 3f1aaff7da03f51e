//! Scenario-level unit tests of the engine, built directly in Rust (no JSON): one test per rule
//! id or behaviour of SEMANTICS.md and SCENARIO.md "Timing".

use super::context::{Context, ContextValue};
use super::model::*;
use super::simulation::{InstanceStatus, Refusal, Simulation, SuspendReason, TransportSlot};
use super::time::{ClockOfDay, SimDuration, SimTime, MS_PER_MINUTE};
use super::trace::TraceKind;

const MIN: u64 = MS_PER_MINUTE;

fn m(x: u64) -> SimTime {
    SimTime(x * MIN)
}

pub(crate) struct B {
    pub sc: Scenario,
}

pub(crate) fn scenario() -> B {
    B {
        sc: Scenario {
            name: "t".into(),
            description: String::new(),
            seed: 42,
            start_clock: ClockOfDay::default(),
            until: SimTime(24 * 60 * MIN),
            ports: vec![],
            groups: vec![],
            endpoints: vec![],
            script: vec![],
            warnings: vec![],
            limits: Default::default(),
        },
    }
}

pub(crate) fn transport(address: &str, retry_count: u32, retry_minutes: u64) -> TransportConfig {
    TransportConfig {
        transport: "FILE".into(),
        address: address.into(),
        retry_count,
        retry_interval: SimDuration::from_minutes(retry_minutes),
        send_handler: DEFAULT_SEND_HANDLER.into(),
    }
}

pub(crate) fn eq_filter(prop: &str, value: &str) -> Filter {
    Filter {
        groups: vec![vec![Predicate {
            property: prop.into(),
            operator: FilterOperator::Equals,
            value: Some(ContextValue::Str(value.into())),
        }]],
    }
}

pub(crate) fn ctx(pairs: &[(&str, &str)]) -> Context {
    pairs.iter().map(|(k, v)| (k.to_string(), ContextValue::Str(v.to_string()))).collect()
}

impl B {
    /// A static one-way FILE port at address `addr:<name>`, retries 3 × 5 minutes.
    pub fn port(mut self, name: &str, state: LifecycleState) -> B {
        self.sc.ports.push(PortConfig {
            name: name.into(),
            kind: PortKind::StaticOneWay,
            state,
            filter: Filter::default(),
            primary: Some(transport(&format!("addr:{name}"), 3, 5)),
            backup: None,
            ordered_delivery: false,
            stop_on_failure: false,
            service_window: None,
            priority: DEFAULT_PRIORITY,
            route_failed_messages: false,
        });
        self
    }
    /// Edits the last port.
    pub fn with(mut self, f: impl FnOnce(&mut PortConfig)) -> B {
        if let Some(p) = self.sc.ports.last_mut() {
            f(p);
        }
        self
    }
    pub fn group(mut self, name: &str, state: LifecycleState, members: &[&str], filter: Filter) -> B {
        self.sc.groups.push(GroupConfig {
            name: name.into(),
            state,
            members: members.iter().map(|s| s.to_string()).collect(),
            filter,
        });
        self
    }
    pub fn endpoint(mut self, address: &str, latency_ms: u64, failures: Vec<FailureRule>) -> B {
        self.sc.endpoints.push(EndpointConfig {
            address: address.into(),
            latency: SimDuration(latency_ms),
            failures,
            response: Context::new(),
        });
        self
    }
    pub fn at(mut self, at: SimTime, action: Action) -> B {
        self.sc.script.push(ScriptEntry { at, action });
        self
    }
    pub fn until(mut self, t: SimTime) -> B {
        self.sc.until = t;
        self
    }
    pub fn run(self) -> Simulation {
        let mut s = Simulation::new(&self.sc);
        s.run_to_end();
        s
    }
}

pub(crate) fn publish(pairs: &[(&str, &str)]) -> Action {
    Action::Inject(Injection { target: None, context: ctx(pairs), count: 1, every: SimDuration::ZERO, id: None })
}
pub(crate) fn send_port(name: &str) -> Action {
    Action::Inject(Injection {
        target: Some(Target::Port(name.into())),
        context: Context::new(),
        count: 1,
        every: SimDuration::ZERO,
        id: None,
    })
}
pub(crate) fn send_group(name: &str) -> Action {
    Action::Inject(Injection {
        target: Some(Target::Group(name.into())),
        context: Context::new(),
        count: 1,
        every: SimDuration::ZERO,
        id: None,
    })
}
pub(crate) fn lc(action: LifecycleAction, target: Target) -> Action {
    Action::Lifecycle { action, target }
}
fn port(n: &str) -> Target {
    Target::Port(n.into())
}
fn group(n: &str) -> Target {
    Target::Group(n.into())
}

use LifecycleAction::*;
use LifecycleState::*;

type Row = (String, String, Option<String>, InstanceStatus, Option<SuspendReason>);

fn statuses(s: &Simulation) -> Vec<Row> {
    s.instances().iter().map(|i| (i.message.clone(), i.port.clone(), i.via.clone(), i.status, i.reason)).collect()
}

fn attempt_starts(s: &Simulation, id: u64) -> Vec<(TransportSlot, u64, bool)> {
    s.instance(id)
        .map(|i| i.attempts.iter().map(|a| (a.transport, a.start.0 / MIN, a.ok == Some(true))).collect())
        .unwrap_or_default()
}

// ----- C1–C6 and §3 routing ------------------------------------------------------------------

#[test]
fn c1_direct_to_started_port_is_processed() {
    let s = scenario().port("SP", Started).at(m(0), send_port("SP")).run();
    assert_eq!(statuses(&s), vec![("M1".into(), "SP".into(), None, InstanceStatus::Completed, None)]);
    assert_eq!(s.instance(1).map(|i| i.attempts.len()), Some(1));
    assert_eq!(s.explain(1)[1].rule, "C1");
}

#[test]
fn c2_direct_to_stopped_port_is_suspended_then_start_auto_resumes() {
    let b = scenario().port("SP", Stopped).at(m(0), send_port("SP")).at(m(0), send_port("SP"));
    let mut s = Simulation::new(&b.sc);
    s.run_until(m(1));
    assert_eq!(
        s.instance(1).map(|i| (i.status, i.reason)),
        Some((InstanceStatus::SuspendedResumable, Some(SuspendReason::SendPortStopped)))
    );
    assert!(s.instance(1).is_some_and(|i| i.attempts.is_empty()));
    s.apply(lc(Start, port("SP")));
    s.run_to_end();
    assert!(s.instances().iter().all(|i| i.status == InstanceStatus::Completed));
    // §4: original publish order.
    let resumed: Vec<u64> =
        s.trace().iter().filter(|t| t.kind == TraceKind::Resumed).filter_map(|t| t.instance).collect();
    assert_eq!(resumed, vec![1, 2]);
    let ex = s.explain(1);
    assert!(ex.iter().any(|e| e.rule == "C2" && e.text.contains("SP was Stopped at 00:00:00.000")), "{ex:?}");
}

#[test]
fn c3_c4_c5_via_group() {
    let f = eq_filter("X", "1");
    let s = scenario()
        .port("A", Started)
        .port("B", Stopped)
        .port("C", Started)
        .group("G1", Started, &["A", "B"], f.clone())
        .group("G2", Stopped, &["C"], f)
        .at(m(0), publish(&[("X", "1")]))
        .run();
    assert_eq!(
        statuses(&s),
        vec![
            ("M1".into(), "A".into(), Some("G1".into()), InstanceStatus::Completed, None),
            (
                "M1".into(),
                "B".into(),
                Some("G1".into()),
                InstanceStatus::SuspendedResumable,
                Some(SuspendReason::SendPortStopped)
            ),
            (
                "M1".into(),
                "C".into(),
                Some("G2".into()),
                InstanceStatus::SuspendedResumable,
                Some(SuspendReason::SendPortGroupStopped)
            ),
        ]
    );
    assert_eq!(s.explain(1)[1].rule, "C3");
    assert_eq!(s.explain(2)[1].rule, "C4");
    assert_eq!(s.explain(3)[1].rule, "C5");
}

#[test]
fn c4_before_c5_and_auto_resume_needs_both_started() {
    let b = scenario()
        .port("A", Stopped)
        .group("G", Stopped, &["A"], Filter::default())
        .at(m(0), send_group("G"))
        .at(m(1), lc(Start, port("A")))
        .at(m(2), lc(Start, group("G")));
    let mut s = Simulation::new(&b.sc);
    s.run_until(m(0));
    assert_eq!(s.instance(1).and_then(|i| i.reason), Some(SuspendReason::SendPortStopped), "C4 evaluated first");
    s.run_until(m(1));
    assert_eq!(
        s.instance(1).map(|i| (i.status, i.reason)),
        Some((InstanceStatus::SuspendedResumable, Some(SuspendReason::SendPortGroupStopped))),
        "port started but group still Stopped: stays suspended"
    );
    s.run_to_end();
    assert_eq!(s.instance(1).map(|i| i.status), Some(InstanceStatus::Completed));
}

#[test]
fn c6_bound_member_gets_no_copy_and_no_subscriber_is_a_routing_failure() {
    let s = scenario()
        .port("A", Bound)
        .port("B", Started)
        .group("G", Started, &["A", "B"], eq_filter("X", "1"))
        .at(m(0), publish(&[("X", "1")]))
        .at(m(1), publish(&[("X", "2")]))
        .at(m(2), send_port("A"))
        .run();
    assert_eq!(statuses(&s).len(), 1, "only B via G");
    assert_eq!(s.instances()[0].port, "B");
    let rf: Vec<(&str, u64)> = s.routing_failures().iter().map(|r| (r.message.as_str(), r.at.0 / MIN)).collect();
    assert_eq!(rf, vec![("M2", 1), ("M3", 2)]);
    let r = s.report();
    assert_eq!(r.totals.routing_failures, 2);
    assert_eq!(r.routing_failures[0].reason, "no-subscriber");
}

#[test]
fn own_filter_and_group_filter_give_two_tagged_copies_and_stopped_subscribers_count() {
    let s = scenario()
        .port("A", Started)
        .with(|p| p.filter = eq_filter("X", "1"))
        .port("S", Stopped)
        .with(|p| p.filter = eq_filter("X", "1"))
        .group("G", Started, &["A"], eq_filter("X", "1"))
        .at(m(0), publish(&[("X", "1")]))
        .run();
    let st = statuses(&s);
    assert_eq!(st.len(), 3);
    assert_eq!((st[0].1.as_str(), st[0].2.clone()), ("A", None));
    assert_eq!((st[1].1.as_str(), st[1].3), ("S", InstanceStatus::SuspendedResumable));
    assert_eq!((st[2].1.as_str(), st[2].2.clone()), ("A", Some("G".to_string())));
    assert!(s.routing_failures().is_empty());
}

#[test]
fn send_to_bound_group_is_a_routing_failure() {
    let s = scenario().port("A", Started).group("G", Bound, &["A"], Filter::default()).at(m(0), send_group("G")).run();
    assert!(s.instances().is_empty());
    assert_eq!(s.routing_failures().len(), 1);
}

// ----- L1–L4, G1–G3 ---------------------------------------------------------------------------

#[test]
fn lifecycle_table_through_the_simulation_with_rejections_recorded() {
    let s = scenario()
        .port("P", Bound)
        .at(m(0), lc(Stop, port("P"))) // L3 n/a from Bound
        .at(m(0), lc(Unenlist, port("P"))) // L4 n/a from Bound
        .at(m(0), lc(Enlist, port("P"))) // L1
        .at(m(0), lc(Enlist, port("P"))) // L1 n/a from Stopped
        .at(m(0), lc(Stop, port("P"))) // L3 n/a from Stopped
        .at(m(0), lc(Start, port("P"))) // L2
        .at(m(0), lc(Start, port("P"))) // L2 n/a from Started
        .at(m(0), lc(Enlist, port("P"))) // L1 n/a from Started
        .at(m(0), lc(Stop, port("P"))) // L3
        .at(m(0), lc(Unenlist, port("P"))) // L4 from Stopped
        .at(m(0), lc(Start, port("P"))) // L2 from Bound enlists first
        .at(m(0), lc(Unenlist, port("P"))) // L4 from Started
        .run();
    let r = s.report();
    let rej: Vec<(String, String, String)> =
        r.rejected_actions.iter().map(|a| (a.action.clone(), a.state.clone(), a.reason.clone())).collect();
    let na = |a: &str, st: &str| (a.to_string(), st.to_string(), "not-available".to_string());
    assert_eq!(
        rej,
        vec![
            na("stop", "bound"),
            na("unenlist", "bound"),
            na("enlist", "stopped"),
            na("stop", "stopped"),
            na("start", "started"),
            na("enlist", "started")
        ]
    );
    assert_eq!(s.port_state("P"), Some(Bound));
    let lines: Vec<String> = s.trace().iter().filter(|t| t.kind == TraceKind::Lifecycle).map(|t| t.text).collect();
    assert_eq!(lines.len(), 7, "{lines:?}");
    assert!(lines[4].contains("Start enlists first"), "{lines:?}");
    assert_eq!(s.trace().iter().filter(|t| t.kind == TraceKind::Rejected).count(), 6);
}

#[test]
fn g1_group_start_needs_an_enlisted_member() {
    let b = scenario().port("A", Bound).group("G", Bound, &["A"], Filter::default());
    let mut s = Simulation::new(&b.sc);
    s.apply(lc(Start, group("G")));
    assert_eq!(s.group_state("G"), Some(Bound));
    assert_eq!(s.report().rejected_actions[0].reason, "no-enlisted-member");
    let avail = s.available_actions(&group("G"));
    assert_eq!(avail.len(), 4);
    assert_eq!(avail[1].refusal, Some(Refusal::NoEnlistedMember));
    assert_eq!(avail[0].refusal, None, "Enlist is available");
    s.apply(lc(Enlist, port("A")));
    s.apply(lc(Start, group("G")));
    assert_eq!(s.group_state("G"), Some(Started));
    assert_eq!(s.port_state("A"), Some(Stopped), "starting a group does not change its members (§2)");
}

#[test]
fn g2_last_enlisted_member_cannot_be_unenlisted() {
    let b = scenario().port("A", Started).port("B", Stopped).group("G", Started, &["A", "B"], Filter::default());
    let mut s = Simulation::new(&b.sc);
    s.apply(lc(Unenlist, port("A")));
    assert_eq!(s.port_state("A"), Some(Bound), "B is still enlisted");
    s.apply(lc(Unenlist, port("B")));
    assert_eq!(s.port_state("B"), Some(Stopped));
    let r = s.report();
    assert_eq!(
        (r.rejected_actions[0].state.as_str(), r.rejected_actions[0].reason.as_str()),
        ("stopped", "last-enlisted-member")
    );
    assert_eq!(s.available_actions(&port("B"))[3].refusal, Some(Refusal::LastEnlistedMember { group: "G".into() }));
    s.apply(lc(Unenlist, group("G")));
    s.apply(lc(Unenlist, port("B")));
    assert_eq!(s.port_state("B"), Some(Bound), "the group is Bound now: G2 no longer applies");
}

#[test]
fn g3_port_with_instances_cannot_be_unenlisted() {
    let b = scenario().port("A", Stopped).at(m(0), send_port("A"));
    let mut s = Simulation::new(&b.sc);
    s.run_to_end();
    s.apply(lc(Unenlist, port("A")));
    assert_eq!(s.port_state("A"), Some(Stopped));
    assert_eq!(s.report().rejected_actions[0].reason, "has-instances");
    assert_eq!(s.available_actions(&port("A"))[3].refusal, Some(Refusal::HasInstances { count: 1 }));
    s.apply(Action::Terminate(InstanceSelector::Port("A".into())));
    assert_eq!(
        s.instance(1).map(|i| (i.status, i.reason)),
        Some((InstanceStatus::Terminated, Some(SuspendReason::TerminatedByUser)))
    );
    s.apply(lc(Unenlist, port("A")));
    assert_eq!(s.port_state("A"), Some(Bound));
}

#[test]
fn stop_affects_only_newly_routed_messages() {
    let s = scenario()
        .port("A", Started)
        .endpoint("addr:A", 0, vec![FailureRule::FirstAttempts { count: 1 }])
        .at(m(0), send_port("A"))
        .at(m(1), lc(Stop, port("A")))
        .at(m(2), send_port("A"))
        .run();
    assert_eq!(s.instance(1).map(|i| i.status), Some(InstanceStatus::Completed), "retry at 5m still runs (§2)");
    assert_eq!(attempt_starts(&s, 1), vec![(TransportSlot::Primary, 0, false), (TransportSlot::Primary, 5, true)]);
    assert_eq!(s.instance(2).map(|i| i.reason), Some(Some(SuspendReason::SendPortStopped)));
}

// ----- §6 timing ------------------------------------------------------------------------------

#[test]
fn scenario_md_example_backup_takes_over_at_15_minutes() {
    let s = scenario()
        .port("SP", Started)
        .with(|p| p.backup = Some(transport("ftp://backup", 3, 5)))
        .endpoint("addr:SP", 0, vec![FailureRule::Window { from: m(0), to: m(20) }])
        .at(m(0), send_port("SP"))
        .run();
    use TransportSlot::*;
    assert_eq!(
        attempt_starts(&s, 1),
        vec![(Primary, 0, false), (Primary, 5, false), (Primary, 10, false), (Primary, 15, false), (Backup, 15, true)]
    );
    assert_eq!(s.instance(1).and_then(|i| i.completed), Some(m(15)));
    assert!(s.trace().iter().any(|t| t.kind == TraceKind::Failover));
    let marks: Vec<&str> = s.instance(1).map(|i| i.marks.iter().map(|k| k.kind).collect()).unwrap_or_default();
    assert_eq!(marks, vec!["created", "retry", "retry", "retry", "failover", "completed"]);
}

#[test]
fn exhausted_without_backup_then_resume_restarts_with_full_retries() {
    let b = scenario()
        .port("SP", Started)
        .with(|p| p.primary = Some(transport("addr:SP", 2, 1)))
        .endpoint("addr:SP", 30_000, vec![FailureRule::Always])
        .at(m(0), send_port("SP"))
        .at(m(60), Action::Resume(InstanceSelector::All));
    let mut s = Simulation::new(&b.sc);
    s.run_until(m(59));
    let i = s.instance(1).cloned();
    assert_eq!(
        i.as_ref().map(|i| (i.status, i.reason)),
        Some((InstanceStatus::SuspendedResumable, Some(SuspendReason::TransportFailure)))
    );
    // Latency 30 s: attempts at 0, 1.5 m, 3 m (retry 1 minute after each end).
    let starts: Vec<u64> = i.map(|i| i.attempts.iter().map(|a| a.start.0).collect()).unwrap_or_default();
    assert_eq!(starts, vec![0, 90_000, 180_000]);
    s.run_to_end();
    let starts: Vec<u64> =
        s.instance(1).map(|i| i.attempts.iter().map(|a| a.start.0 / 1000).collect()).unwrap_or_default();
    assert_eq!(starts, vec![0, 90, 180, 3600, 3690, 3780], "Resume: primary again with full retries (§6)");
    assert_eq!(s.report().totals.attempts, 6);
}

#[test]
fn retry_count_zero_and_interval_zero() {
    let s = scenario()
        .port("Z", Started)
        .with(|p| p.primary = Some(transport("addr:Z", 0, 5)))
        .port("I", Started)
        .with(|p| p.primary = Some(transport("addr:I", 2, 0)))
        .endpoint("addr:Z", 0, vec![FailureRule::Always])
        .endpoint("addr:I", 0, vec![FailureRule::FirstAttempts { count: 2 }])
        .at(m(3), send_port("Z"))
        .at(m(3), send_port("I"))
        .run();
    assert_eq!(attempt_starts(&s, 1).len(), 1, "RetryCount 0 = no retry");
    assert_eq!(s.instance(1).map(|i| i.status), Some(InstanceStatus::SuspendedResumable));
    let i2 = attempt_starts(&s, 2);
    assert_eq!(i2.iter().map(|a| a.1).collect::<Vec<_>>(), vec![3, 3, 3], "interval 0 = same instant");
    assert_eq!(s.instance(2).map(|i| i.status), Some(InstanceStatus::Completed));
}

#[test]
fn first_attempts_counter_is_per_address_and_each_message_starts_on_primary() {
    let s = scenario()
        .port("SP", Started)
        .with(|p| {
            p.primary = Some(transport("addr:SP", 0, 5));
            p.backup = Some(transport("addr:B", 0, 5));
        })
        .endpoint("addr:SP", 0, vec![FailureRule::FirstAttempts { count: 1 }])
        .at(m(0), send_port("SP"))
        .at(m(1), send_port("SP"))
        .run();
    use TransportSlot::*;
    assert_eq!(attempt_starts(&s, 1), vec![(Primary, 0, false), (Backup, 0, true)]);
    assert_eq!(attempt_starts(&s, 2), vec![(Primary, 1, true)], "no port-level failover memory (§6)");
}

#[test]
fn random_failures_are_seeded() {
    let build = |seed| {
        let mut b = scenario().port("SP", Started).with(|p| p.primary = Some(transport("addr:SP", 1, 1))).endpoint(
            "addr:SP",
            0,
            vec![FailureRule::Random { probability: 0.5 }],
        );
        b.sc.seed = seed;
        b.sc.script.push(ScriptEntry {
            at: m(0),
            action: Action::Inject(Injection {
                target: Some(Target::Port("SP".into())),
                context: Context::new(),
                count: 40,
                every: SimDuration::from_seconds(10),
                id: None,
            }),
        });
        b.run()
    };
    let text = |s: &Simulation| s.trace().iter().map(|t| t.to_string()).collect::<Vec<_>>();
    assert_eq!(text(&build(7)), text(&build(7)), "same seed ⇒ identical trace");
    assert_ne!(text(&build(7)), text(&build(8)));
    let r = build(7).report();
    assert!(r.totals.suspended_resumable > 0 && r.totals.completed > 0);
    assert!(r.totals.attempts > 40);
}

// ----- §1 dynamic ports -----------------------------------------------------------------------

#[test]
fn dynamic_port_uses_context_address_adapter_and_retries() {
    let s = scenario()
        .port("D", Started)
        .with(|p| {
            p.kind = PortKind::DynamicOneWay;
            p.primary = None;
        })
        .endpoint("ftp://partner/in", 0, vec![FailureRule::Always])
        .at(
            m(0),
            Action::Inject(Injection {
                target: Some(Target::Port("D".into())),
                context: [
                    ("BTS.OutboundTransportLocation".to_string(), ContextValue::Str("FTP://partner/in".into())),
                    ("BTS.RetryCount".to_string(), ContextValue::Int(1)),
                    ("BTS.RetryInterval".to_string(), ContextValue::Int(2)),
                ]
                .into_iter()
                .collect(),
                count: 1,
                every: SimDuration::ZERO,
                id: Some("DYN".into()),
            }),
        )
        .at(m(0), send_port("D"))
        .run();
    let i = s.instance(1).cloned();
    assert_eq!(i.as_ref().map(|i| i.host.as_str()), Some(DEFAULT_SEND_HANDLER));
    assert_eq!(i.as_ref().map(|i| i.message.as_str()), Some("DYN"));
    // "FTP://partner/in" is not the endpoint's key (exact address), so it always succeeds.
    assert_eq!(
        i.as_ref().map(|i| (i.status, i.attempts[0].address.clone())),
        Some((InstanceStatus::Completed, "FTP://partner/in".to_string()))
    );
    assert!(s.trace().iter().any(|t| t.text.contains("primary transport FTP FTP://partner/in")), "adapter from scheme");
    let none = s.instance(2).cloned();
    assert_eq!(
        none.as_ref().map(|i| (i.status, i.reason)),
        Some((InstanceStatus::SuspendedResumable, Some(SuspendReason::NoTransportLocation)))
    );
    assert!(none.is_some_and(|i| i.attempts.is_empty()), "§1 DECISION: no attempts");
    assert_eq!(s.report().instances[1].reason.map(|r| r.code()), Some("no-transport-location"));
}

#[test]
fn dynamic_port_retries_from_context_in_minutes() {
    let s = scenario()
        .port("D", Started)
        .with(|p| {
            p.kind = PortKind::DynamicOneWay;
            p.primary = None;
        })
        .endpoint("http://x", 0, vec![FailureRule::Always])
        .at(
            m(0),
            Action::Inject(Injection {
                target: Some(Target::Port("D".into())),
                context: [
                    ("BTS.OutboundTransportLocation".to_string(), ContextValue::Str("http://x".into())),
                    ("BTS.RetryCount".to_string(), ContextValue::Int(1)),
                    ("BTS.RetryInterval".to_string(), ContextValue::Int(2)),
                ]
                .into_iter()
                .collect(),
                count: 1,
                every: SimDuration::ZERO,
                id: None,
            }),
        )
        .run();
    assert_eq!(attempt_starts(&s, 1).iter().map(|a| a.1).collect::<Vec<_>>(), vec![0, 2]);
    assert_eq!(s.instance(1).and_then(|i| i.reason), Some(SuspendReason::TransportFailure));
}

// ----- §7 ordered delivery --------------------------------------------------------------------

fn ordered(stop_on_failure: bool) -> B {
    scenario()
        .port("O", Started)
        .with(|p| {
            p.ordered_delivery = true;
            p.stop_on_failure = stop_on_failure;
            p.primary = Some(transport("addr:O", 1, 1));
            p.backup = Some(transport("addr:OB", 1, 1));
        })
        .endpoint("addr:O", 0, vec![FailureRule::FirstAttempts { count: 2 }])
        .at(
            m(0),
            Action::Inject(Injection {
                target: Some(Target::Port("O".into())),
                context: Context::new(),
                count: 3,
                every: SimDuration::ZERO,
                id: None,
            }),
        )
}

#[test]
fn ordered_without_stop_on_failure_suspends_only_the_failed_message_not_resumable() {
    let s = ordered(false).run();
    let st: Vec<InstanceStatus> = s.instances().iter().map(|i| i.status).collect();
    assert_eq!(st, vec![InstanceStatus::SuspendedNotResumable, InstanceStatus::Completed, InstanceStatus::Completed]);
    assert!(s.instances()[0].attempts.iter().all(|a| a.transport == TransportSlot::Primary), "backup ignored (§7)");
    // Head-of-line: M2 starts only after M1's last attempt at 1 m.
    assert_eq!(attempt_starts(&s, 2), vec![(TransportSlot::Primary, 1, true)]);
    let si: Vec<Option<u64>> = s.instances().iter().map(|i| i.service_instance).collect();
    assert_eq!(si, vec![Some(1), Some(1), Some(1)]);
    assert_eq!(s.report().instances[2].service_instance, Some(1));
}

#[test]
fn ordered_with_stop_on_failure_blocks_and_resume_continues() {
    let b = ordered(true)
        .at(m(5), send_port("O"))
        .at(m(10), Action::Resume(InstanceSelector::Message { message: "M1".into(), port: None }));
    let mut s = Simulation::new(&b.sc);
    s.run_until(m(6));
    let st: Vec<(InstanceStatus, Option<SuspendReason>)> = s.instances().iter().map(|i| (i.status, i.reason)).collect();
    let blocked = (InstanceStatus::SuspendedResumable, Some(SuspendReason::OrderedDeliveryBlocked));
    assert_eq!(
        st,
        vec![(InstanceStatus::SuspendedResumable, Some(SuspendReason::TransportFailure)), blocked, blocked, blocked]
    );
    s.run_to_end();
    assert!(s.instances().iter().all(|i| i.status == InstanceStatus::Completed), "{:?}", statuses(&s));
    // Resume retries the head with full retries, then continues in order.
    let order: Vec<u64> =
        s.trace().iter().filter(|t| t.kind == TraceKind::Completed).filter_map(|t| t.instance).collect();
    assert_eq!(order, vec![1, 2, 3, 4]);
}

#[test]
fn ordered_blocked_terminate_discards_all() {
    let b = ordered(true).at(m(10), Action::Terminate(InstanceSelector::Message { message: "M2".into(), port: None }));
    let s = b.run();
    assert!(s.instances().iter().all(|i| i.status == InstanceStatus::Terminated));
}

// ----- §8 service window ----------------------------------------------------------------------

#[test]
fn service_window_schedules_and_retry_waits_for_next_opening_and_stopped_beats_window() {
    let mut b = scenario()
        .port("W", Started)
        .with(|p| {
            p.service_window =
                Some(ServiceWindow { from: ClockOfDay { minutes: 8 * 60 }, to: ClockOfDay { minutes: 8 * 60 + 10 } });
            p.primary = Some(transport("addr:W", 1, 8));
        })
        .endpoint("addr:W", 0, vec![FailureRule::FirstAttempts { count: 1 }])
        .port("S", Stopped)
        .with(|p| {
            p.service_window =
                Some(ServiceWindow { from: ClockOfDay { minutes: 8 * 60 }, to: ClockOfDay { minutes: 9 * 60 } })
        })
        .at(m(0), send_port("W"))
        .at(m(0), send_port("S"))
        .until(SimTime(3 * 24 * 60 * MIN));
    b.sc.start_clock = ClockOfDay { minutes: 7 * 60 + 55 };
    let mut s = Simulation::new(&b.sc);
    s.run_until(m(1));
    assert_eq!(s.instance(1).map(|i| i.status), Some(InstanceStatus::Scheduled));
    assert_eq!(s.instance(2).map(|i| i.reason), Some(Some(SuspendReason::SendPortStopped)), "Stopped beats window");
    s.run_to_end();
    // Opens 08:00 (5 m); fails; retry due 08:08 → inside; window 08:00–08:10.
    assert_eq!(attempt_starts(&s, 1), vec![(TransportSlot::Primary, 5, false), (TransportSlot::Primary, 13, true)]);
}

#[test]
fn retry_due_outside_the_window_waits_for_the_next_day() {
    let s = scenario()
        .port("W", Started)
        .with(|p| {
            p.service_window = Some(ServiceWindow { from: ClockOfDay { minutes: 0 }, to: ClockOfDay { minutes: 10 } });
            p.primary = Some(transport("addr:W", 1, 15));
        })
        .endpoint("addr:W", 0, vec![FailureRule::FirstAttempts { count: 1 }])
        .at(m(0), send_port("W"))
        .until(SimTime(2 * 24 * 60 * MIN))
        .run();
    assert_eq!(
        attempt_starts(&s, 1),
        vec![(TransportSlot::Primary, 0, false), (TransportSlot::Primary, 24 * 60, true)]
    );
}

// ----- §9 solicit-response, §6 failed message routing -----------------------------------------

#[test]
fn solicit_response_publishes_the_response_or_suspends() {
    let s = scenario()
        .port("SR", Started)
        .with(|p| {
            p.kind = PortKind::StaticSolicitResponse;
            p.primary = Some(TransportConfig { transport: "HTTP".into(), ..transport("http://sr", 3, 5) });
        })
        .port("R", Started)
        .with(|p| p.filter = eq_filter("BTS.SPName", "SR"))
        .port("SR2", Started)
        .with(|p| p.kind = PortKind::StaticSolicitResponse)
        .at(m(0), send_port("SR"))
        .at(m(0), send_port("SR2"))
        .run();
    let st = statuses(&s);
    assert_eq!(st[0], ("M1".into(), "SR".into(), None, InstanceStatus::Completed, None));
    assert_eq!(
        (st[1].0.as_str(), st[1].3, st[1].4),
        ("M2", InstanceStatus::SuspendedResumable, Some(SuspendReason::ResponseNotRouted))
    );
    assert_eq!(st[2], ("M1.response".into(), "R".into(), None, InstanceStatus::Completed, None));
    let rf = &s.report().routing_failures;
    assert_eq!((rf[0].message.to_string().as_str(), rf[0].response), ("M2.response", true));
    assert_eq!(s.report().totals.messages, 4);
}

#[test]
fn failed_message_routing_routes_or_falls_back_to_suspension() {
    let s = scenario()
        .port("F", Started)
        .with(|p| {
            p.route_failed_messages = true;
            p.primary = Some(transport("addr:F", 0, 5));
        })
        .port("F2", Started)
        .with(|p| {
            p.route_failed_messages = true;
            p.primary = Some(transport("addr:F2", 0, 5));
        })
        .port("ERR", Started)
        .with(|p| p.filter = eq_filter("ErrorReport.SendPortName", "F"))
        .endpoint("addr:F", 0, vec![FailureRule::Always])
        .endpoint("addr:F2", 0, vec![FailureRule::Always])
        .at(m(0), send_port("F"))
        .at(m(1), send_port("F2"))
        .run();
    let st = statuses(&s);
    assert_eq!(
        st[0],
        ("M1".into(), "F".into(), None, InstanceStatus::Completed, Some(SuspendReason::FailedMessageRouted))
    );
    assert_eq!((st[1].0.as_str(), st[1].1.as_str(), st[1].3), ("M1.failed", "ERR", InstanceStatus::Completed));
    assert_eq!((st[2].3, st[2].4), (InstanceStatus::SuspendedResumable, Some(SuspendReason::TransportFailure)));
    assert_eq!(s.routing_failures().iter().map(|r| r.message.as_str()).collect::<Vec<_>>(), vec!["M2.failed"]);
}

// ----- §10 priority ---------------------------------------------------------------------------

#[test]
fn priority_orders_simultaneous_dispatches() {
    let s = scenario()
        .port("LOW", Started)
        .with(|p| {
            p.priority = 9;
            p.primary = Some(transport("shared", 0, 5));
            p.filter = eq_filter("X", "1");
        })
        .port("HIGH", Started)
        .with(|p| {
            p.priority = 1;
            p.primary = Some(transport("shared", 0, 5));
            p.filter = eq_filter("X", "1");
        })
        .endpoint("shared", 0, vec![FailureRule::FirstAttempts { count: 1 }])
        .at(m(0), publish(&[("X", "1")]))
        .run();
    let first_attempt = s.trace().iter().find(|t| t.kind == TraceKind::Attempt).and_then(|t| t.port.clone());
    assert_eq!(first_attempt.as_deref(), Some("HIGH"));
    assert_eq!(s.port_counts("HIGH").suspended, 1, "HIGH got the failing first attempt");
    assert_eq!(s.port_counts("LOW").completed, 1);
}

// ----- §5 resume/terminate, §3 routing-failure resume -----------------------------------------

#[test]
fn terminate_in_flight_makes_the_attempt_timer_stale() {
    let b = scenario()
        .port("A", Started)
        .endpoint("addr:A", 10 * MIN, vec![])
        .at(m(0), send_port("A"))
        .at(m(1), Action::Terminate(InstanceSelector::Message { message: "M1".into(), port: Some("A".into()) }));
    let s = b.run();
    assert_eq!(s.instance(1).map(|i| i.status), Some(InstanceStatus::Terminated));
    assert_eq!(s.instance(1).map(|i| (i.attempts[0].end, i.attempts[0].ok)), Some((Some(m(1)), Some(false))));
    assert!(s.trace().iter().any(|t| t.kind == TraceKind::StaleTimer && t.at == m(10)));
    assert_eq!(s.report().totals.terminated, 1);
}

#[test]
fn manual_resume_delivers_even_to_a_stopped_port() {
    let s = scenario()
        .port("A", Stopped)
        .at(m(0), send_port("A"))
        .at(m(1), Action::Resume(InstanceSelector::Port("A".into())))
        .run();
    assert_eq!(s.instance(1).map(|i| i.status), Some(InstanceStatus::Completed));
    assert_eq!(s.port_state("A"), Some(Stopped));
}

#[test]
fn resume_all_republishes_routing_failures_and_terminate_deletes_the_report() {
    let s = scenario()
        .port("A", Bound)
        .with(|p| p.filter = eq_filter("X", "1"))
        .at(m(0), publish(&[("X", "1")]))
        .at(m(0), publish(&[("X", "1")]))
        .at(m(1), lc(Start, port("A")))
        .at(m(2), Action::Resume(InstanceSelector::Message { message: "M1".into(), port: None }))
        .at(m(3), Action::Terminate(InstanceSelector::All))
        .run();
    assert_eq!(statuses(&s), vec![("M1".into(), "A".into(), None, InstanceStatus::Completed, None)]);
    assert!(s.routing_failures().is_empty(), "terminate deleted the reports");
}

// ----- naming, clock, report, trace -----------------------------------------------------------

#[test]
fn messages_are_named_in_order_of_entering_and_count_every_spreads_them() {
    let s = scenario()
        .port("A", Started)
        .at(
            m(0),
            Action::Inject(Injection {
                target: Some(Target::Port("A".into())),
                context: Context::new(),
                count: 3,
                every: SimDuration::from_minutes(1),
                id: Some("ignored-with-count".into()),
            }),
        )
        .at(
            m(1),
            Action::Inject(Injection {
                id: Some("G1".into()),
                ..match send_port("A") {
                    Action::Inject(i) => i,
                    _ => unreachable!(),
                }
            }),
        )
        .at(m(5), send_port("A"))
        .run();
    let names: Vec<(String, u64)> = s.instances().iter().map(|i| (i.message.clone(), i.created.0 / MIN)).collect();
    // At 1 m the second copy of entry 0 comes before entry 1 (file order); G1 takes position 3.
    assert_eq!(names, vec![("M1".into(), 0), ("M2".into(), 1), ("G1".into(), 1), ("M4".into(), 2), ("M5".into(), 5)]);
}

#[test]
fn clock_step_run_until_and_end() {
    let b = scenario().port("A", Started).endpoint("addr:A", 1000, vec![]).at(m(2), send_port("A")).until(m(60));
    let mut s = Simulation::new(&b.sc);
    assert_eq!(s.next_event_time(), Some(m(2)));
    assert!(!s.is_finished());
    s.run_until(m(1));
    assert_eq!(s.now(), m(1));
    assert!(s.trace().is_empty());
    assert!(s.step());
    assert_eq!(s.now(), m(2));
    s.run_to_end();
    assert_eq!(s.now(), SimTime(2 * MIN + 1000), "nothing left: the clock stays at the last event");
    assert!(s.is_finished());
    assert!(!s.step());
    assert_eq!(s.trace().iter().filter(|t| t.kind == TraceKind::End).count(), 1);
    assert_eq!(s.report().end_ms, 2 * MIN + 1000);
}

#[test]
fn until_cuts_the_run_and_reports_in_flight_state() {
    let s = scenario()
        .port("A", Started)
        .endpoint("addr:A", 0, vec![FailureRule::Always])
        .at(m(0), send_port("A"))
        .until(m(7))
        .run();
    assert_eq!(s.now(), m(7));
    let r = s.report();
    assert_eq!(r.end_ms, 7 * MIN);
    assert_eq!(r.instances[0].status, "scheduled");
    assert_eq!(r.totals.active, 1);
    assert_eq!(r.totals.attempts, 2);
    assert_eq!(s.port_counts("A").in_retry, 1);
}

#[test]
fn report_shape_and_totals() {
    let s = scenario()
        .port("A", Started)
        .port("B", Stopped)
        .group("G", Started, &["A", "B"], Filter::default())
        .at(m(0), send_group("G"))
        .at(m(0), publish(&[]))
        .run();
    let r = s.report();
    assert_eq!(r.format, "portsim-report/1");
    assert_eq!(
        r.ports.iter().map(|p| (p.name.as_str(), p.state.as_str())).collect::<Vec<_>>(),
        vec![("A", "started"), ("B", "stopped")]
    );
    assert_eq!(r.groups[0].state, "started");
    assert_eq!(
        (
            r.totals.messages,
            r.totals.instances,
            r.totals.completed,
            r.totals.suspended_resumable,
            r.totals.routing_failures
        ),
        (2, 2, 1, 1, 1)
    );
    assert_eq!(r.instances[0].via.as_deref(), Some("G"));
    assert_eq!(r.instances[1].reason.map(|r| r.code()), Some("send-port-stopped"));
    let json = r.to_json();
    assert!(json.contains("\"routingFailures\"") && json.contains("\"completedMs\""));
}

#[test]
fn trace_off_gives_the_same_report_and_views() {
    let b = ordered(true).at(m(10), Action::Resume(InstanceSelector::All));
    let on = b.sc.clone();
    let mut a = Simulation::new(&on);
    a.run_to_end();
    let mut c = Simulation::new(&on);
    c.set_trace_recording(false);
    c.run_to_end();
    assert!(c.trace().is_empty());
    assert_eq!(a.report(), c.report());
    assert_eq!(a.instances(), c.instances());
    assert_eq!(a.explain(2), c.explain(2));
}

#[test]
fn every_outcome_has_an_explanation_citing_rules() {
    let s = ordered(true).at(m(10), Action::Resume(InstanceSelector::All)).run();
    for i in s.instances() {
        let ex = s.explain(i.id);
        assert!(ex.len() >= 2, "{ex:?}");
        assert!(ex.iter().all(|e| !e.rule.is_empty() && !e.code.is_empty() && !e.text.is_empty()));
    }
    assert!(s.explain(99).is_empty());
}

#[test]
fn trace_lines_are_stable_text() {
    let s = scenario().port("SP_A", Stopped).at(m(0), send_port("SP_A")).run();
    let lines: Vec<String> = s.trace().iter().map(|t| t.to_string()).collect();
    assert_eq!(lines[0], "00:00:00.000 inject          port=SP_A msg=M1 | M1 sent directly to send port SP_A");
    assert!(
        lines[2].starts_with(
            "00:00:00.000 created         port=SP_A msg=M1 #1 | SP_A was Stopped at 00:00:00.000 — rule C2"
        ),
        "{}",
        lines[2]
    );
    assert!(lines[3].contains(
        "Service instance was suspended because the corresponding service (sendport) was in the stopped state"
    ));
}

#[test]
fn g4_only_static_one_way_ports_get_group_copies() {
    let s = scenario()
        .port("OW", Started)
        .port("SR", Started)
        .with(|p| p.kind = PortKind::StaticSolicitResponse)
        .group("G", Started, &["OW", "SR"], Filter::default())
        .at(m(0), send_group("G"))
        .run();
    assert_eq!(s.instances().iter().map(|i| i.port.as_str()).collect::<Vec<_>>(), vec!["OW"]);
}

#[test]
fn host_is_the_primary_send_handler() {
    let s = scenario()
        .port("A", Started)
        .with(|p| {
            if let Some(t) = p.primary.as_mut() {
                t.send_handler = "SendHost2".into();
            }
        })
        .at(m(0), send_port("A"))
        .run();
    assert_eq!(s.instance(1).map(|i| i.host.as_str()), Some("SendHost2"));
}

#[test]
fn group_lifecycle_every_cell() {
    // The group always has an enlisted member, so only the L1–L4 table decides.
    let b = scenario().port("A", Stopped).group("G", Bound, &["A"], Filter::default());
    let mut s = Simulation::new(&b.sc);
    let mut seen = Vec::new();
    for (action, expect) in [
        (Stop, Bound),     // L3 n/a from Bound
        (Unenlist, Bound), // L4 n/a from Bound
        (Enlist, Stopped), // L1
        (Enlist, Stopped), // L1 n/a from Stopped
        (Stop, Stopped),   // L3 n/a from Stopped
        (Start, Started),  // L2 from Stopped
        (Start, Started),  // L2 n/a from Started
        (Enlist, Started), // L1 n/a from Started
        (Stop, Stopped),   // L3
        (Unenlist, Bound), // L4 from Stopped
        (Start, Started),  // L2 from Bound (enlists first)
        (Unenlist, Bound), // L4 from Started
    ] {
        s.apply(lc(action, group("G")));
        seen.push(s.group_state("G"));
        assert_eq!(s.group_state("G"), Some(expect), "{action:?}");
    }
    assert_eq!(s.report().rejected_actions.len(), 6);
    assert!(s.report().rejected_actions.iter().all(|r| r.group.as_deref() == Some("G") && r.port.is_none()));
    assert_eq!(s.port_state("A"), Some(Stopped), "group actions never change members (§2)");
}

#[test]
fn explanation_names_when_the_port_was_stopped() {
    let s = scenario().port("SP_A", Started).at(m(10), lc(Stop, port("SP_A"))).at(m(12), send_port("SP_A")).run();
    let ex = s.explain(1);
    let c2 = ex.iter().find(|e| e.rule == "C2").map(|e| e.text.clone()).unwrap_or_default();
    assert!(c2.starts_with("SP_A was Stopped at 00:10:00.000 — rule C2 of the combined-state table"), "{c2}");
    assert_eq!(ex.last().map(|e| e.code.as_str()), Some("suspended-port-stopped"));
}

#[test]
fn terminating_a_retrying_instance_leaves_a_stale_timer() {
    let s = scenario()
        .port("A", Started)
        .endpoint("addr:A", 0, vec![FailureRule::Always])
        .at(m(0), send_port("A"))
        .at(m(2), Action::Terminate(InstanceSelector::Port("A".into())))
        .run();
    assert_eq!(s.instance(1).map(|i| i.attempts.len()), Some(1));
    let stale: Vec<u64> = s.trace().iter().filter(|t| t.kind == TraceKind::StaleTimer).map(|t| t.at.0 / MIN).collect();
    assert_eq!(stale, vec![5], "the retry due at 5 m is dropped");
}

#[test]
fn a_port_subscribing_to_its_own_responses_stops_at_the_loop_guard() {
    let s = scenario()
        .port("SR", Started)
        .with(|p| {
            p.kind = PortKind::StaticSolicitResponse;
            p.filter = eq_filter("BTS.SPName", "SR");
        })
        .at(m(0), send_port("SR"))
        .run();
    assert!(s.is_finished());
    assert!(s.instances().len() <= 10, "{}", s.instances().len());
    assert_eq!(s.routing_failures().len(), 1);
    assert!(s.routing_failures()[0].response);
}

#[test]
fn turning_recording_back_on_rebuilds_the_view() {
    let b = ordered(true).at(m(10), Action::Resume(InstanceSelector::All));
    let mut reference = Simulation::new(&b.sc);
    reference.run_until(m(20));
    let mut s = Simulation::new(&b.sc);
    s.set_trace_recording(false);
    s.run_until(m(5));
    assert_eq!(s.instances().len(), 3);
    s.set_trace_recording(true);
    s.run_until(m(20));
    assert_eq!(s.instances(), reference.instances());
    assert_eq!(s.report(), reference.report());
    assert!(s.trace().len() < reference.trace().len(), "lines before 5 m were never built");
}
