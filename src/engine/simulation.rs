//! `Simulation`: the discrete-event engine that runs a validated `Scenario`.
//!
//! PUBLIC API CONTRACT (the UI, CLI, JS API and tests use exactly these items; internals are free).
//!
//! # How it runs
//! * One closed `Event` enum and one `step()`: the queue (`queue.rs`) orders by
//!   `(time, lane, seq)` — simultaneous events first-in-first-out, script actions first (in file
//!   order), transport dispatches last and by §10 priority (see `event.rs`).
//! * Ports, groups (`lifecycle.rs`) and instances (`instance.rs`) are state machines that return
//!   commands into an `Out` collector (`command.rs`); only `Simulation` applies them, in order.
//! * Timers are keyed by the instance's key; a transition that abandons a wait bumps the key and
//!   the late timer is dropped with a `stale-timer` trace line.
//!   Stop cancels no timer (§2 DECISION: instances already in process continue) and Unenlist
//!   cannot meet a live instance (G3), so keys are bumped by suspend, terminate and resume.
//! * Randomness: `rng.rs` SplitMix64 seeded with `scenario.seed`, drawn only by endpoints with a
//!   `random` failure rule, at the start of each attempt.
//!
//! # Example
//! ```
//! use portsim::engine::{load_scenario, Simulation};
//! let scenario = load_scenario(r#"{"format":"portsim-scenario/1",
//!   "sendPorts":[{"name":"SP","kind":"static-one-way","state":"stopped",
//!                 "primary":{"transport":"FILE","address":"file://out"}}],
//!   "script":[{"at":"0s","send":{"port":"SP"}},{"at":"1m","start":{"port":"SP"}}]}"#)
//!     .map_err(|e| e.to_string())?;
//! let mut sim = Simulation::new(&scenario);
//! sim.run_until(portsim::engine::time::SimTime(30_000));
//! assert_eq!(sim.report().instances[0].reason.as_deref(), Some("send-port-stopped")); // rule C2
//! sim.run_to_end();
//! assert_eq!(sim.report().instances[0].status, "completed"); // §4 auto-resume on Start
//! assert!(sim.explain(1).iter().any(|step| step.rule == "C2"));
//! # Ok::<(), String>(())
//! ```
//!
//! # Clock and end
//! `step()` processes one event (time ≤ `until`) and moves the clock to it. When nothing is left
//! at or before `until`, the simulation is finished: the clock stays at the last event if the
//! queue is empty, or moves to `until` if later events remain, and one `end` trace line is written.
//! `apply()` acts at the current time, immediately (a message's later copies are queued).
//!
//! # Decisions documented here
//! * §3/C4–C5: port Stopped is evaluated before group Stopped (`message_box.rs`).
//! * §5 Terminate acts on every non-final instance the selector matches (SEMANTICS §5 "Terminate
//!   from any"); Resume only on Suspended (resumable) ones. `resume "all"` / `{message}` also
//!   re-publishes the receive-side copy of routing failures (§3); `terminate` deletes their report.
//! * §6 failed message routing: when the error message `Mx.failed` (ErrorReport.* properties) finds
//!   a subscriber, the send instance ends Terminated with reason `transport-failure`.
//! * §9: an unroutable response suspends the send instance (resumable) with reason
//!   `transport-failure` — the closest reason of SCENARIO.md: the exchange did not complete and a
//!   Resume re-transmits the request — plus a routing failure with `response: true`.
//! * §8: the port's service window governs the primary transport; the scenario format has no
//!   backup window, so backup attempts are not window-bound.
//! * Derived messages (responses, failed messages) deeper than 8 generations are not routed (a
//!   loop guard for a solicit-response port that subscribes to its own responses): routing failure.

use super::command::{Command, Out};
use super::context::{props, Context, ContextValue};
use super::dynamic::{self, DynamicTransport};
use super::endpoint::EndpointRt;
use super::event::{dispatch_lane, Event, LANE_CONTROL};
use super::explain::{Fact, Note, ResumedBy, SuspendCause};
use super::instance::{Inst, Wait, NONE};
use super::lifecycle::{decide_group, decide_port, PortGuardFacts};
use super::message::{Address, Msg, Origin};
use super::message_box::{combined, filter_candidates, live_copies, Candidate, NO_GROUP};
use super::model::{
    Action, Injection, InstanceSelector, LifecycleAction, LifecycleState, PortConfig, Scenario, Target,
    DEFAULT_SEND_HANDLER,
};
use super::queue::EventQueue;
use super::report::{
    AttemptReport, InstanceReport, RejectedActionReport, Report, RoutingFailureReport, StateReport, Totals,
    REPORT_FORMAT,
};
use super::rng::SplitMix64;
use super::send_port::{has_usable_backup, policy_of, PortRt};
use super::send_port_group::GroupRt;
use super::service_window;
use super::time::{SimDuration, SimTime};
use super::trace::{TraceEvent, TraceKind};
use std::cell::OnceCell;

/// What a successful Start applied to (by index), for the §4 auto-resume.
#[derive(Clone, Copy)]
enum Started {
    Port(u32),
    Group(u32),
}
use std::collections::BTreeMap;
use std::sync::Arc;

/// Service-instance id, unique per simulation, in creation order (1, 2, ...).
pub type InstanceId = u64;

/// §5: the statuses of a send-port service instance, as the Group Hub shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InstanceStatus {
    Active,
    Scheduled,
    SuspendedResumable,
    SuspendedNotResumable,
    Completed,
    Terminated,
}

impl InstanceStatus {
    pub const ALL: [InstanceStatus; 6] = [
        InstanceStatus::Active,
        InstanceStatus::Scheduled,
        InstanceStatus::SuspendedResumable,
        InstanceStatus::SuspendedNotResumable,
        InstanceStatus::Completed,
        InstanceStatus::Terminated,
    ];
    /// The report's `status` value.
    pub fn code(self) -> &'static str {
        match self {
            InstanceStatus::Active => "active",
            InstanceStatus::Scheduled => "scheduled",
            InstanceStatus::SuspendedResumable => "suspended-resumable",
            InstanceStatus::SuspendedNotResumable => "suspended-not-resumable",
            InstanceStatus::Completed => "completed",
            InstanceStatus::Terminated => "terminated",
        }
    }
    /// Completed and Terminated are final.
    pub fn is_final(self) -> bool {
        matches!(self, InstanceStatus::Completed | InstanceStatus::Terminated)
    }
    pub fn is_suspended(self) -> bool {
        matches!(self, InstanceStatus::SuspendedResumable | InstanceStatus::SuspendedNotResumable)
    }
}

/// Why an instance is suspended or terminated (the report's `reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SuspendReason {
    SendPortStopped,
    SendPortGroupStopped,
    SendPortUnenlisted,
    TransportFailure,
    NoTransportLocation,
    OrderedDeliveryBlocked,
    TerminatedByUser,
}

impl SuspendReason {
    pub fn code(self) -> &'static str {
        match self {
            SuspendReason::SendPortStopped => "send-port-stopped",
            SuspendReason::SendPortGroupStopped => "send-port-group-stopped",
            SuspendReason::SendPortUnenlisted => "send-port-unenlisted",
            SuspendReason::TransportFailure => "transport-failure",
            SuspendReason::NoTransportLocation => "no-transport-location",
            SuspendReason::OrderedDeliveryBlocked => "ordered-delivery-blocked",
            SuspendReason::TerminatedByUser => "terminated-by-user",
        }
    }
}

/// Primary or backup transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransportSlot {
    Primary,
    Backup,
}

impl TransportSlot {
    pub fn code(self) -> &'static str {
        match self {
            TransportSlot::Primary => "primary",
            TransportSlot::Backup => "backup",
        }
    }
}

/// One transport attempt (a bar on the timeline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub transport: TransportSlot,
    pub address: String,
    pub start: SimTime,
    /// `None` while the attempt is in flight.
    pub end: Option<SimTime>,
    pub ok: Option<bool>,
}

/// A marker on an instance's timeline (Message Flow labels, §5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineMark {
    pub at: SimTime,
    /// The `TraceKind` code of what happened (`created`, `retry`, `failover`, `suspended`, ...).
    pub kind: &'static str,
    pub text: String,
    /// The explanation code of the same fact (`ExplanationStep.code`) and its named arguments, so
    /// the UI renders `text` in any language from the catalogue template `explain.<code>`.
    pub code: &'static str,
    pub args: Vec<(String, String)>,
}

/// A read-only view of one service instance (one per message per port; §5, report `instances`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceInfo {
    pub id: InstanceId,
    pub message: String,
    pub port: String,
    /// The group through which the copy arrived, if any.
    pub via: Option<String>,
    /// The send handler host whose suspended queue holds it (§11).
    pub host: String,
    pub status: InstanceStatus,
    pub reason: Option<SuspendReason>,
    pub created: SimTime,
    pub completed: Option<SimTime>,
    /// Ordered-delivery ports: the shared service instance number.
    pub service_instance: Option<u64>,
    pub attempts: Vec<Attempt>,
    pub marks: Vec<TimelineMark>,
}

/// A routing failure report (§3): Suspended (not resumable), with the receive-side copy kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingFailure {
    pub message: String,
    pub at: SimTime,
    pub reason: &'static str,
    pub response: bool,
    pub text: String,
}

/// Why a lifecycle action is not available right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A "Not available" cell of table L1–L4 (the state met).
    NotAvailable { state: LifecycleState },
    /// G1: a group cannot start without an enlisted member.
    NoEnlistedMember,
    /// G2: the last enlisted member of an enlisted/started group (the group's name).
    LastEnlistedMember { group: String },
    /// G3: the port owns non-final instances (how many).
    HasInstances { count: usize },
    /// The target names no port or group.
    UnknownTarget,
}

impl Refusal {
    /// The report's `reason` value.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotAvailable { .. } => "not-available",
            Refusal::NoEnlistedMember => "no-enlisted-member",
            Refusal::LastEnlistedMember { .. } => "last-enlisted-member",
            Refusal::HasInstances { .. } => "has-instances",
            Refusal::UnknownTarget => "unknown-target",
        }
    }
    /// The rule id (L1–L4 or G1–G3).
    pub fn rule_id(&self, action: LifecycleAction) -> &'static str {
        match self {
            Refusal::NotAvailable { .. } | Refusal::UnknownTarget => action.rule_id(),
            Refusal::NoEnlistedMember => "G1",
            Refusal::LastEnlistedMember { .. } => "G2",
            Refusal::HasInstances { .. } => "G3",
        }
    }
}

/// One entry of `available_actions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionAvailability {
    pub action: LifecycleAction,
    /// `None` = available.
    pub refusal: Option<Refusal>,
}

/// One fact in the chain that explains an instance's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplanationStep {
    pub at: SimTime,
    /// Rule id from SEMANTICS.md (`C2`, `L3`, `§6`, `G1`, ...).
    pub rule: String,
    /// A stable code for translation (`port-stopped`, `retry-scheduled`, ...).
    pub code: String,
    /// The English sentence, e.g. "SP_A was Stopped at 00:10 — rule C2 of the combined-state table".
    pub text: String,
    /// The named values the sentence is built from (`port`, `group`, `message`, `time`, `address`,
    /// `transport`, `reason`, ...), so the UI can render the step in any language from the
    /// catalogue template of `code` (enumerated values such as `transport` are codes, not words).
    pub args: Vec<(String, String)>,
}

/// Counts shown on a port in the topology picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PortCounts {
    pub completed: u64,
    pub suspended: u64,
    pub in_retry: u64,
    pub active: u64,
}

/// Derived messages deeper than this are not routed (loop guard, see module doc).
const MAX_DERIVED_DEPTH: u8 = 8;

/// An injection: a script `publish`/`send` entry or one the UI applied.
#[derive(Debug, Clone)]
pub(super) struct Source {
    pub(super) injection: Injection,
    pub(super) address: Address,
    pub(super) first_at: SimTime,
    pub(super) seq: u64,
    pub(super) context: Arc<Context>,
    /// §3 filter matches for this context (filters are static, so they are computed once).
    pub(super) candidates: Option<Vec<Candidate>>,
}

/// A dynamic port's transport resolved for one instance (§1).
#[derive(Debug, Clone)]
pub(super) struct DynRt {
    pub(super) transport: DynamicTransport,
    pub(super) endpoint: Option<u32>,
}

/// The parts of a routing failure the public `RoutingFailure` does not show.
#[derive(Debug, Clone, Copy)]
pub(super) struct RfMeta {
    pub(super) msg: u32,
    /// §3 DECISION: the receive-side copy, Suspended (resumable), re-published on resume.
    pub(super) receive_copy: bool,
}

/// The running model.
pub struct Simulation {
    pub(super) scenario: Scenario,
    pub(super) now: SimTime,
    pub(super) queue: EventQueue,
    pub(super) script_seq0: u64,
    pub(super) rng: SplitMix64,
    pub(super) ports: Vec<PortRt>,
    pub(super) groups: Vec<GroupRt>,
    pub(super) port_index: BTreeMap<String, u32>,
    pub(super) group_index: BTreeMap<String, u32>,
    pub(super) endpoints: Vec<EndpointRt>,
    pub(super) endpoint_index: BTreeMap<String, u32>,
    pub(super) sources: Vec<Source>,
    pub(super) msgs: Vec<Msg>,
    pub(super) injected: u32,
    pub(super) insts: Vec<Inst>,
    pub(super) facts: Vec<Fact>,
    pub(super) dyns: Vec<DynRt>,
    pub(super) routing_failures: Vec<RoutingFailure>,
    pub(super) rf_meta: Vec<RfMeta>,
    pub(super) rejected: Vec<RejectedActionReport>,
    pub(super) trace: Vec<TraceEvent>,
    pub(super) recording: bool,
    /// Events processed so far (the benchmark reports it).
    pub(super) events: u64,
    out: Out,
    pending_lines: Vec<Option<TraceEvent>>,
    scratch: Vec<Candidate>,
    view: Vec<InstanceInfo>,
    dirty: Vec<u32>,
    lazy_view: OnceCell<Vec<InstanceInfo>>,
    end_emitted: bool,
}

/// A trace line being built (the non-instance lines: inject, route, lifecycle, ...).
struct Line {
    kind: TraceKind,
    port: Option<u32>,
    group: Option<u32>,
    msg: Option<u32>,
    inst: Option<u32>,
}

impl Simulation {
    /// Builds the simulation at time 0 with the script's actions queued. Cannot fail.
    pub fn new(scenario: &Scenario) -> Simulation {
        let scenario = scenario.clone();
        let mut endpoint_index = BTreeMap::new();
        let mut endpoints = Vec::new();
        for e in &scenario.endpoints {
            if !endpoint_index.contains_key(&e.address) {
                endpoint_index.insert(e.address.clone(), endpoints.len() as u32);
                endpoints.push(EndpointRt::new(e));
            }
        }
        let mut port_index = BTreeMap::new();
        let mut ports = Vec::new();
        for (i, p) in scenario.ports.iter().enumerate() {
            port_index.entry(p.name.clone()).or_insert(i as u32);
            let mut rt = PortRt::new(p);
            rt.primary_endpoint = p.primary.as_ref().and_then(|t| endpoint_index.get(&t.address).copied());
            rt.backup_endpoint = p.backup.as_ref().and_then(|t| endpoint_index.get(&t.address).copied());
            ports.push(rt);
        }
        let mut group_index = BTreeMap::new();
        let mut groups = Vec::new();
        for (g, cfg) in scenario.groups.iter().enumerate() {
            group_index.entry(cfg.name.clone()).or_insert(g as u32);
            // Rule G4: only static one-way ports can be members (validation already refuses
            // others; the engine ignores them rather than trusting its input).
            let members: Vec<u32> = cfg
                .members
                .iter()
                .filter_map(|m| port_index.get(m).copied())
                .filter(|&m| scenario.ports[m as usize].kind.can_join_group())
                .collect();
            for &m in &members {
                ports[m as usize].groups.push(g as u32);
            }
            groups.push(GroupRt::new(cfg, members));
        }
        let mut sim = Simulation {
            rng: SplitMix64::new(scenario.seed),
            now: SimTime::ZERO,
            queue: EventQueue::new(),
            script_seq0: 0,
            ports,
            groups,
            port_index,
            group_index,
            endpoints,
            endpoint_index,
            sources: Vec::new(),
            msgs: Vec::new(),
            injected: 0,
            insts: Vec::new(),
            facts: Vec::new(),
            dyns: Vec::new(),
            routing_failures: Vec::new(),
            rf_meta: Vec::new(),
            rejected: Vec::new(),
            trace: Vec::new(),
            recording: true,
            events: 0,
            out: Out::default(),
            pending_lines: Vec::new(),
            scratch: Vec::new(),
            view: Vec::new(),
            dirty: Vec::new(),
            lazy_view: OnceCell::new(),
            end_emitted: false,
            scenario,
        };
        // Script entries keep their file order at equal times: their sequence numbers are reserved
        // up front (copies of a `count` injection reuse their entry's number, see `event.rs`).
        sim.script_seq0 = sim.queue.reserve_seqs(sim.scenario.script.len() as u64);
        for i in 0..sim.scenario.script.len() {
            let entry = sim.scenario.script[i].clone();
            let seq = sim.script_seq0 + i as u64;
            let event = match entry.action {
                Action::Inject(inj) => {
                    let source = sim.add_source(inj, entry.at, seq);
                    Event::Inject { source, copy: 0 }
                }
                _ => Event::Script { entry: i as u32 },
            };
            sim.queue.push_with_seq(entry.at, LANE_CONTROL, seq, event);
        }
        sim
    }

    /// Turns trace recording on or off (the benchmark turns it off; default on). With recording
    /// off no trace line is built and `instances()` is rebuilt on demand instead of kept current;
    /// reports, explanations and timelines stay complete.
    pub fn set_trace_recording(&mut self, on: bool) {
        if on && !self.recording {
            self.view = (0..self.insts.len() as u32).map(|i| self.info_of(i)).collect();
            for i in &mut self.insts {
                i.dirty = false;
            }
            self.dirty.clear();
        }
        self.recording = on;
        self.lazy_view = OnceCell::new();
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    /// The current virtual time.
    pub fn now(&self) -> SimTime {
        self.now
    }
    /// The time of the next queued event, if any (and not past `until`).
    pub fn next_event_time(&self) -> Option<SimTime> {
        self.queue.peek_time().filter(|t| *t <= self.scenario.until)
    }
    /// True when nothing is left to happen or `until` is reached.
    pub fn is_finished(&self) -> bool {
        self.next_event_time().is_none()
    }
    /// Processes the next event (all trace it produces is appended). Returns false when finished.
    pub fn step(&mut self) -> bool {
        let progressed = self.step_inner();
        self.refresh_view();
        progressed
    }
    /// Processes every event with time ≤ `t` (capped at `until`), then sets the clock to `t`.
    pub fn run_until(&mut self, t: SimTime) {
        let t = t.min(self.scenario.until);
        while self.next_event_time().is_some_and(|n| n <= t) {
            self.step_inner();
        }
        self.now = self.now.max(t);
        if self.now >= self.scenario.until {
            self.finish();
        }
        self.refresh_view();
    }
    /// Runs until nothing is left to happen or `until` is reached.
    pub fn run_to_end(&mut self) {
        while self.step_inner() {}
        self.refresh_view();
    }
    /// Applies an action now, as if the script had it at the current time (UI buttons, JS API).
    pub fn apply(&mut self, action: Action) {
        self.end_emitted = false;
        match action {
            Action::Inject(inj) => {
                let seq = self.queue.reserve_seqs(1);
                let source = self.add_source(inj, self.now, seq);
                self.inject_copies(source, 0);
            }
            other => self.do_action(&other),
        }
        self.drain();
        self.refresh_view();
    }
    /// The trace so far.
    pub fn trace(&self) -> &[TraceEvent] {
        &self.trace
    }
    /// All instances in creation order.
    pub fn instances(&self) -> &[InstanceInfo] {
        if self.recording {
            &self.view
        } else {
            self.lazy_view.get_or_init(|| (0..self.insts.len() as u32).map(|i| self.info_of(i)).collect())
        }
    }
    pub fn instance(&self, id: InstanceId) -> Option<&InstanceInfo> {
        let idx = usize::try_from(id.checked_sub(1)?).ok()?;
        self.instances().get(idx)
    }
    pub fn routing_failures(&self) -> &[RoutingFailure] {
        &self.routing_failures
    }
    pub fn port_state(&self, name: &str) -> Option<LifecycleState> {
        self.port_index.get(name).map(|&p| self.ports[p as usize].state)
    }
    pub fn group_state(&self, name: &str) -> Option<LifecycleState> {
        self.group_index.get(name).map(|&g| self.groups[g as usize].state)
    }
    /// Counts for the topology picture: `in_retry` = Scheduled waiting for a retry; `active` =
    /// Active plus Scheduled for a service window or behind an ordered head.
    pub fn port_counts(&self, name: &str) -> PortCounts {
        let mut c = PortCounts::default();
        let Some(&p) = self.port_index.get(name) else { return c };
        for i in self.insts.iter().filter(|i| i.port == p) {
            match i.status {
                InstanceStatus::Completed => c.completed += 1,
                InstanceStatus::SuspendedResumable | InstanceStatus::SuspendedNotResumable => c.suspended += 1,
                InstanceStatus::Scheduled if i.wait == Wait::Retry => c.in_retry += 1,
                InstanceStatus::Active | InstanceStatus::Scheduled => c.active += 1,
                InstanceStatus::Terminated => {}
            }
        }
        c
    }
    /// For each of Enlist/Start/Stop/Unenlist: available, or why not (L1–L4, G1–G3).
    pub fn available_actions(&self, target: &Target) -> Vec<ActionAvailability> {
        LifecycleAction::ALL
            .into_iter()
            .map(|action| ActionAvailability { action, refusal: self.decide(action, target).err() })
            .collect()
    }
    /// The chain of facts that produced this instance's current status, each citing its rule.
    pub fn explain(&self, id: InstanceId) -> Vec<ExplanationStep> {
        match id.checked_sub(1).and_then(|i| u32::try_from(i).ok()).filter(|&i| (i as usize) < self.insts.len()) {
            Some(i) => self.explain_instance(i),
            None => Vec::new(),
        }
    }
    /// The `portsim-report/1` report at the current time.
    pub fn report(&self) -> Report {
        let mut totals = Totals {
            messages: self.msgs.len() as u64,
            instances: self.insts.len() as u64,
            routing_failures: self.routing_failures.len() as u64,
            ..Totals::default()
        };
        let mut instances = Vec::with_capacity(self.insts.len());
        for (i, inst) in self.insts.iter().enumerate() {
            match inst.status {
                InstanceStatus::Active | InstanceStatus::Scheduled => totals.active += 1,
                InstanceStatus::SuspendedResumable => totals.suspended_resumable += 1,
                InstanceStatus::SuspendedNotResumable => totals.suspended_not_resumable += 1,
                InstanceStatus::Completed => totals.completed += 1,
                InstanceStatus::Terminated => totals.terminated += 1,
            }
            let attempts: Vec<AttemptReport> = self
                .attempts_of(i as u32)
                .into_iter()
                .map(|a| AttemptReport {
                    transport: a.transport.code().to_string(),
                    address: a.address,
                    start_ms: a.start.as_ms(),
                    end_ms: a.end.unwrap_or(self.now).as_ms(),
                    ok: a.ok.unwrap_or(false),
                })
                .collect();
            totals.attempts += attempts.len() as u64;
            instances.push(InstanceReport {
                id: i as u64 + 1,
                message: self.msgs[inst.msg as usize].name(),
                port: self.scenario.ports[inst.port as usize].name.clone(),
                via: self.group_name(inst.via),
                status: inst.status.code().to_string(),
                reason: inst.reason.map(|r| r.code().to_string()),
                completed_ms: (inst.status == InstanceStatus::Completed).then_some(inst.completed.as_ms()),
                service_instance: self.service_instance_of(i as u32),
                attempts,
            });
        }
        Report {
            format: REPORT_FORMAT.to_string(),
            scenario: self.scenario.name.clone(),
            seed: self.scenario.seed,
            end_ms: self.now.as_ms(),
            instances,
            routing_failures: self
                .routing_failures
                .iter()
                .map(|r| RoutingFailureReport {
                    message: r.message.clone(),
                    at_ms: r.at.as_ms(),
                    reason: r.reason.to_string(),
                    response: r.response,
                })
                .collect(),
            rejected_actions: self.rejected.clone(),
            warnings: self.scenario.warnings.clone(),
            ports: self
                .scenario
                .ports
                .iter()
                .zip(&self.ports)
                .map(|(c, p)| StateReport { name: c.name.clone(), state: p.state.code().to_string() })
                .collect(),
            groups: self
                .scenario
                .groups
                .iter()
                .zip(&self.groups)
                .map(|(c, g)| StateReport { name: c.name.clone(), state: g.state.code().to_string() })
                .collect(),
            totals,
        }
    }

    /// Events processed so far (benchmark).
    pub fn events_processed(&self) -> u64 {
        self.events
    }
    /// Events waiting in the queue (benchmark).
    pub fn pending_events(&self) -> usize {
        self.queue.len()
    }
    /// Approximate bytes held by the engine's own state (instances, facts, messages, queue;
    /// capacity-based, excluding the scenario, the trace and the `instances()` view).
    pub fn state_bytes(&self) -> usize {
        use std::mem::size_of;
        self.insts.capacity() * size_of::<Inst>()
            + self.facts.capacity() * size_of::<Fact>()
            + self.msgs.capacity() * size_of::<Msg>()
            + self.queue.len() * EventQueue::entry_size()
            + self.dyns.capacity() * size_of::<DynRt>()
    }
    /// Facts recorded so far (each instance keeps a few).
    pub fn fact_count(&self) -> usize {
        self.facts.len()
    }
    /// Bytes of compact engine state per instance (benchmark): the instance record itself.
    pub fn instance_state_size() -> usize {
        std::mem::size_of::<Inst>()
    }
    /// Bytes of one timeline fact (every instance keeps a few).
    pub fn fact_size() -> usize {
        std::mem::size_of::<Fact>()
    }
    /// Bytes of one queued event entry.
    pub fn queue_entry_size() -> usize {
        EventQueue::entry_size()
    }

    // ----- internals -------------------------------------------------------------------------

    /// One event, without refreshing the `instances()` view (the public callers do that once).
    fn step_inner(&mut self) -> bool {
        let Some(t) = self.next_event_time() else {
            self.finish();
            return false;
        };
        let Some((_, event)) = self.queue.pop() else { return false };
        self.now = self.now.max(t);
        self.events += 1;
        self.handle(event);
        self.drain();
        if self.queue.is_empty() {
            self.finish();
        }
        true
    }

    fn add_source(&mut self, injection: Injection, first_at: SimTime, seq: u64) -> u32 {
        let address = match &injection.target {
            None => Address::Publish,
            Some(Target::Port(n)) => Address::Port(self.port_index.get(n).copied().unwrap_or(NONE)),
            Some(Target::Group(n)) => Address::Group(self.group_index.get(n).copied().unwrap_or(NONE)),
        };
        let context = Arc::new(injection.context.clone());
        self.sources.push(Source { injection, address, first_at, seq, context, candidates: None });
        self.sources.len() as u32 - 1
    }

    fn handle(&mut self, event: Event) {
        match event {
            Event::Script { entry } => {
                if let Some(e) = self.scenario.script.get(entry as usize) {
                    let action = e.action.clone();
                    self.do_action(&action);
                }
            }
            Event::Inject { source, copy } => self.inject_copies(source, copy),
            Event::Dispatch { inst, key } => self.on_dispatch(inst, key),
            Event::AttemptEnd { inst, key } => self.on_attempt_end(inst, key),
        }
    }

    /// Applies the collected commands in order (commands may add more).
    fn drain(&mut self) {
        let mut i = 0;
        while i < self.out.cmds.len() {
            let cmd = self.out.cmds[i];
            i += 1;
            match cmd {
                Command::Schedule { at, lane, event } => {
                    self.queue.push(at, lane, event);
                }
                Command::Note { inst, note } => self.record(inst, note),
                Command::Delivered { inst } => self.on_delivered(inst),
                Command::Exhausted { inst } => self.fail_final(inst, SuspendCause::RetriesExhausted),
                Command::Trace { line } => {
                    if let Some(ev) = self.pending_lines.get_mut(line as usize).and_then(Option::take) {
                        self.trace.push(ev);
                    }
                }
            }
        }
        self.out.cmds.clear();
        self.pending_lines.clear();
    }

    /// Records an instance note: a timeline fact and (when recording) a trace line.
    fn record(&mut self, inst: u32, note: Note) {
        let prev = self.insts[inst as usize].last_fact;
        self.facts.push(Fact { at: self.now, prev, note });
        self.insts[inst as usize].last_fact = self.facts.len() as u32 - 1;
        if self.recording {
            let i = &self.insts[inst as usize];
            let ev = TraceEvent {
                at: self.now,
                kind: note.trace_kind(),
                port: Some(self.scenario.ports[i.port as usize].name.clone()),
                group: self.group_name(i.via),
                message: Some(self.msgs[i.msg as usize].name()),
                instance: Some(inst as u64 + 1),
                text: self.note_text(inst, self.now, note),
            };
            self.trace.push(ev);
            let i = &mut self.insts[inst as usize];
            if !i.dirty {
                i.dirty = true;
                self.dirty.push(inst);
            }
        } else if self.lazy_view.get().is_some() {
            self.lazy_view = OnceCell::new();
        }
    }

    /// Queues a non-instance trace line so it keeps its place among the instance notes.
    fn line(&mut self, l: Line, text: String) {
        let ev = TraceEvent {
            at: self.now,
            kind: l.kind,
            port: l.port.map(|p| self.scenario.ports[p as usize].name.clone()),
            group: l.group.and_then(|g| self.group_name(g)),
            message: l.msg.map(|m| self.msgs[m as usize].name()),
            instance: l.inst.map(|i| i as u64 + 1),
            text,
        };
        self.pending_lines.push(Some(ev));
        self.out.push(Command::Trace { line: self.pending_lines.len() as u32 - 1 });
    }

    fn finish(&mut self) {
        if self.end_emitted {
            return;
        }
        if !self.queue.is_empty() {
            self.now = self.now.max(self.scenario.until);
        }
        self.end_emitted = true;
        if self.recording {
            let text = if self.queue.is_empty() {
                "simulation ended: nothing left to happen".to_string()
            } else {
                format!("simulation ended: reached until ({})", self.scenario.until)
            };
            self.trace.push(TraceEvent {
                at: self.now,
                kind: TraceKind::End,
                port: None,
                group: None,
                message: None,
                instance: None,
                text,
            });
        }
    }

    fn refresh_view(&mut self) {
        if !self.recording {
            self.lazy_view = OnceCell::new();
            return;
        }
        if self.dirty.is_empty() {
            return;
        }
        let mut dirty = std::mem::take(&mut self.dirty);
        dirty.sort_unstable();
        for &i in &dirty {
            let info = self.info_of(i);
            if (i as usize) < self.view.len() {
                self.view[i as usize] = info;
            } else {
                self.view.push(info);
            }
            self.insts[i as usize].dirty = false;
        }
        dirty.clear();
        self.dirty = dirty;
    }

    pub(super) fn group_name(&self, g: u32) -> Option<String> {
        (g != NO_GROUP).then(|| self.scenario.groups.get(g as usize).map(|c| c.name.clone())).flatten()
    }

    fn lane_of(&self, inst: u32) -> u64 {
        let i = &self.insts[inst as usize];
        dispatch_lane(self.scenario.ports[i.port as usize].priority, i.msg)
    }

    // ----- messages and routing (§3) ----------------------------------------------------------

    fn inject_copies(&mut self, source: u32, copy: u32) {
        let Some(src) = self.sources.get(source as usize) else { return };
        let (count, every, first_at, seq) = (src.injection.count, src.injection.every, src.first_at, src.seq);
        if every == SimDuration::ZERO {
            for _ in copy..count {
                self.inject_one(source);
            }
        } else if copy < count {
            self.inject_one(source);
            if copy + 1 < count {
                let at = SimTime(first_at.0.saturating_add(every.0.saturating_mul(copy as u64 + 1)));
                self.queue.push_with_seq(at, LANE_CONTROL, seq, Event::Inject { source, copy: copy + 1 });
            }
        }
    }

    fn inject_one(&mut self, source: u32) {
        self.injected += 1;
        let src = &self.sources[source as usize];
        let name = if src.injection.count == 1 { src.injection.id.as_deref().map(Box::from) } else { None };
        let msg = Msg {
            ordinal: self.injected,
            name,
            context: Arc::clone(&src.context),
            address: src.address,
            origin: Origin::Injected,
            entered: self.now,
            source,
            depth: 0,
        };
        self.msgs.push(msg);
        let m = self.msgs.len() as u32 - 1;
        if self.recording {
            let text = self.inject_text(m);
            let (port, group) = match self.msgs[m as usize].address {
                Address::Port(p) if p != NONE => (Some(p), None),
                Address::Group(g) if g != NONE => (None, Some(g)),
                _ => (None, None),
            };
            self.line(Line { kind: TraceKind::Inject, port, group, msg: Some(m), inst: None }, text);
        }
        if self.route_message(m) == 0 {
            self.routing_failure(m, false, true);
        }
    }

    /// §3: delivers a message to every live subscription; returns the number of copies.
    fn route_message(&mut self, m: u32) -> usize {
        let mut copies = std::mem::take(&mut self.scratch);
        copies.clear();
        let msg = &self.msgs[m as usize];
        if msg.depth <= MAX_DERIVED_DEPTH {
            match msg.address {
                Address::Publish => {
                    let source = msg.source as usize;
                    let cached = self.sources.get_mut(source).and_then(|s| s.candidates.take());
                    let cands = cached.unwrap_or_else(|| {
                        let groups = &self.groups;
                        filter_candidates(
                            self.scenario.ports.iter().map(|p| &p.filter),
                            self.scenario.groups.iter().zip(groups).map(|(c, g)| (&c.filter, g.members.as_slice())),
                            &self.msgs[m as usize].context,
                        )
                    });
                    let (ports, groups) = (&self.ports, &self.groups);
                    live_copies(&cands, |p| ports[p as usize].state, |g| groups[g as usize].state, &mut copies);
                    if let Some(s) = self.sources.get_mut(source) {
                        s.candidates = Some(cands);
                    }
                }
                Address::Port(p) => {
                    if self.ports.get(p as usize).is_some_and(|rt| rt.state.is_enlisted()) {
                        copies.push((p, NO_GROUP));
                    }
                }
                Address::Group(g) => {
                    if let Some(grp) = self.groups.get(g as usize).filter(|grp| grp.state.is_enlisted()) {
                        for &p in &grp.members {
                            if self.ports[p as usize].state.is_enlisted() {
                                copies.push((p, g));
                            }
                        }
                    }
                }
            }
        }
        let n = copies.len();
        for &(p, g) in &copies {
            self.create_instance(m, p, g);
        }
        copies.clear();
        self.scratch = copies;
        n
    }

    /// §3: "The published message could not be routed because no subscribers were found."
    fn routing_failure(&mut self, m: u32, response: bool, receive_copy: bool) {
        let name = self.msgs[m as usize].name();
        let text = format!(
            "The published message could not be routed because no subscribers were found. This error occurs if the \
             subscribing orchestration or send port has not been enlisted, or if some of the message properties \
             necessary for subscription evaluation have not been promoted.{}",
            if response { " (response of a solicit-response port, §9)" } else { "" }
        );
        if self.recording {
            let line = format!(
                "{text} Routing failure report Suspended (not resumable){}",
                if receive_copy { "; the message is kept Suspended (resumable) for resume" } else { "" }
            );
            self.line(
                Line { kind: TraceKind::RoutingFailure, port: None, group: None, msg: Some(m), inst: None },
                line,
            );
        }
        self.routing_failures.push(RoutingFailure {
            message: name,
            at: self.now,
            reason: "no-subscriber",
            response,
            text,
        });
        self.rf_meta.push(RfMeta { msg: m, receive_copy });
    }

    fn create_instance(&mut self, m: u32, p: u32, via: u32) {
        let id = self.insts.len() as u32;
        self.insts.push(Inst::new(m, p, via, self.now));
        if self.recording {
            let text = match self.group_name(via) {
                Some(g) => format!(
                    "{} reaches {} by means of send port group {g}",
                    self.msgs[m as usize].name(),
                    self.scenario.ports[p as usize].name
                ),
                None => format!(
                    "{} reaches {} {}",
                    self.msgs[m as usize].name(),
                    self.scenario.ports[p as usize].name,
                    if self.msgs[m as usize].address == Address::Publish {
                        "through its own filter subscription"
                    } else {
                        "by a direct send to the port (as from a bound orchestration port)"
                    }
                ),
            };
            let group = (via != NO_GROUP).then_some(via);
            self.line(Line { kind: TraceKind::Route, port: Some(p), group, msg: Some(m), inst: Some(id) }, text);
        }
        let port_state = self.ports[p as usize].state;
        let group_state = (via != NO_GROUP).then(|| self.groups[via as usize].state);
        let rule = combined(port_state, group_state);
        self.out.note(id, Note::Created { rule });
        match rule.suspend_reason() {
            Some(reason) => self.insts[id as usize].suspend(id, reason, true, SuspendCause::Routing, &mut self.out),
            None => self.process(id),
        }
    }

    /// Starts processing an instance (new, resumed or auto-resumed): §1 dynamic resolution, §7
    /// ordered queue, else a dispatch now on the primary with full retries (§6).
    fn process(&mut self, id: u32) {
        let p = self.insts[id as usize].port as usize;
        let cfg = &self.scenario.ports[p];
        if cfg.kind.is_dynamic() && self.insts[id as usize].dynamic == NONE {
            let m = self.insts[id as usize].msg as usize;
            match dynamic::resolve(&self.msgs[m].context) {
                Some(transport) => {
                    let endpoint = self.endpoint_index.get(&transport.address).copied();
                    self.dyns.push(DynRt { transport, endpoint });
                    self.insts[id as usize].dynamic = self.dyns.len() as u32 - 1;
                }
                None => {
                    self.insts[id as usize].suspend(
                        id,
                        SuspendReason::NoTransportLocation,
                        true,
                        SuspendCause::NoLocation,
                        &mut self.out,
                    );
                    return;
                }
            }
        }
        let lane = self.lane_of(id);
        let now = self.now;
        match self.ports[p].ordered.as_mut() {
            Some(q) if q.blocked => {
                q.join(id);
                self.insts[id as usize].suspend(
                    id,
                    SuspendReason::OrderedDeliveryBlocked,
                    true,
                    SuspendCause::OrderedBlocked,
                    &mut self.out,
                );
            }
            Some(q) => {
                if q.join(id) {
                    self.insts[id as usize].begin(id, now, lane, &mut self.out);
                } else {
                    self.insts[id as usize].queue_behind(id, &mut self.out);
                }
            }
            None => self.insts[id as usize].begin(id, now, lane, &mut self.out),
        }
    }

    fn stale(&mut self, id: u32, key: u32, what: &str) -> bool {
        let Some(inst) = self.insts.get(id as usize) else { return true };
        if inst.key == key {
            return false;
        }
        if self.recording {
            let (p, m) = (inst.port, inst.msg);
            let text = format!("{what} timer of instance #{} dropped: the instance no longer waits for it", id + 1);
            self.line(
                Line { kind: TraceKind::StaleTimer, port: Some(p), group: None, msg: Some(m), inst: Some(id) },
                text,
            );
        }
        true
    }

    /// §6/§8: a dispatch is due — wait for the service window or start an attempt.
    fn on_dispatch(&mut self, id: u32, key: u32) {
        if self.stale(id, key, "dispatch") {
            return;
        }
        let inst = &self.insts[id as usize];
        let p = inst.port as usize;
        let cfg = &self.scenario.ports[p];
        if inst.slot == TransportSlot::Primary {
            if let Some(w) = &cfg.service_window {
                if !service_window::is_open(w, self.scenario.start_clock, self.now) {
                    let at = service_window::next_open(w, self.scenario.start_clock, self.now);
                    let lane = self.lane_of(id);
                    self.insts[id as usize].wait_for_window(id, at, lane, &mut self.out);
                    return;
                }
            }
        }
        let endpoint = if inst.dynamic != NONE {
            self.dyns[inst.dynamic as usize].endpoint
        } else if inst.slot == TransportSlot::Primary {
            self.ports[p].primary_endpoint
        } else {
            self.ports[p].backup_endpoint
        };
        let (latency, fails) = match endpoint {
            Some(e) => {
                let ep = &mut self.endpoints[e as usize];
                (ep.latency, ep.attempt_fails(self.now, &mut self.rng))
            }
            None => (SimDuration::ZERO, false),
        };
        self.insts[id as usize].start_attempt(id, self.now, latency, fails, &mut self.out);
    }

    fn on_attempt_end(&mut self, id: u32, key: u32) {
        if self.stale(id, key, "attempt") {
            return;
        }
        let inst = &self.insts[id as usize];
        let cfg = &self.scenario.ports[inst.port as usize];
        let policy = if inst.dynamic != NONE {
            self.dyns[inst.dynamic as usize].transport.policy
        } else {
            match (inst.slot, &cfg.primary, &cfg.backup) {
                (TransportSlot::Backup, _, Some(b)) => policy_of(b),
                (_, Some(pr), _) => policy_of(pr),
                _ => super::retry::RetryPolicy { retry_count: 0, retry_interval: SimDuration::ZERO },
            }
        };
        let has_backup = inst.dynamic == NONE && has_usable_backup(cfg);
        let lane = self.lane_of(id);
        self.insts[id as usize].end_attempt(id, self.now, policy, has_backup, lane, &mut self.out);
    }

    /// §6 delivered; §9 a solicit-response port publishes the response first.
    fn on_delivered(&mut self, id: u32) {
        let inst = &self.insts[id as usize];
        let (p, m) = (inst.port as usize, inst.msg as usize);
        let cfg = &self.scenario.ports[p];
        if cfg.kind.is_solicit_response() {
            let endpoint = if inst.dynamic != NONE {
                self.dyns[inst.dynamic as usize].endpoint
            } else if inst.slot == TransportSlot::Primary {
                self.ports[p].primary_endpoint
            } else {
                self.ports[p].backup_endpoint
            };
            let mut ctx = endpoint.map(|e| self.endpoints[e as usize].response.clone()).unwrap_or_default();
            ctx.insert(props::SP_NAME.to_string(), ContextValue::Str(cfg.name.clone()));
            let r = self.derived_message(m as u32, ".response", Origin::Response, ctx);
            self.out.note(id, Note::ResponseReceived);
            if self.route_message(r) == 0 {
                self.routing_failure(r, true, false);
                self.fail_final(id, SuspendCause::ResponseUnroutable);
                return;
            }
        }
        let now = self.now;
        self.insts[id as usize].complete(id, now, &mut self.out);
        self.ordered_leave(id);
    }

    fn derived_message(&mut self, parent: u32, suffix: &str, origin: Origin, ctx: Context) -> u32 {
        let pm = &self.msgs[parent as usize];
        let msg = Msg {
            ordinal: 0,
            name: Some(format!("{}{suffix}", pm.name()).into_boxed_str()),
            context: Arc::new(ctx),
            address: Address::Publish,
            origin,
            entered: self.now,
            source: NONE,
            depth: pm.depth.saturating_add(1),
        };
        self.msgs.push(msg);
        let m = self.msgs.len() as u32 - 1;
        if self.recording {
            let text = self.inject_text(m);
            self.line(Line { kind: TraceKind::Inject, port: None, group: None, msg: Some(m), inst: None }, text);
        }
        m
    }

    /// §6 final failure (and §9 unroutable response): failed message routing, the ordered rule
    /// (§7), or Suspended (resumable) `transport-failure`.
    fn fail_final(&mut self, id: u32, cause: SuspendCause) {
        let mut cause = cause;
        let p = self.insts[id as usize].port as usize;
        let cfg: &PortConfig = &self.scenario.ports[p];
        if cause == SuspendCause::RetriesExhausted && cfg.route_failed_messages && cfg.kind.is_static() {
            let m = self.insts[id as usize].msg as usize;
            let ctx = self.error_report_context(id);
            let f = self.derived_message(m as u32, ".failed", Origin::Failed, ctx);
            if self.route_message(f) > 0 {
                self.insts[id as usize].end_as(
                    id,
                    InstanceStatus::Terminated,
                    SuspendReason::TransportFailure,
                    Note::FailedMessageRouted,
                    &mut self.out,
                );
                self.ordered_leave(id);
                return;
            }
            self.routing_failure(f, false, false);
            cause = SuspendCause::FailedMessageUnroutable;
        }
        let cfg = &self.scenario.ports[p];
        let stop_on_failure = cfg.stop_on_failure;
        if self.ports[p].ordered.is_some() {
            if stop_on_failure {
                self.insts[id as usize].suspend(id, SuspendReason::TransportFailure, true, cause, &mut self.out);
                let followers: Vec<u32> = match self.ports[p].ordered.as_mut() {
                    Some(q) => {
                        q.blocked = true;
                        q.queue.iter().copied().filter(|&j| j != id).collect()
                    }
                    None => Vec::new(),
                };
                for j in followers {
                    self.insts[j as usize].suspend(
                        j,
                        SuspendReason::OrderedDeliveryBlocked,
                        true,
                        SuspendCause::OrderedBlocked,
                        &mut self.out,
                    );
                }
            } else {
                let cause = if cause == SuspendCause::RetriesExhausted { SuspendCause::OrderedFailed } else { cause };
                self.insts[id as usize].suspend(id, SuspendReason::TransportFailure, false, cause, &mut self.out);
                self.ordered_leave(id);
            }
        } else {
            self.insts[id as usize].suspend(id, SuspendReason::TransportFailure, true, cause, &mut self.out);
        }
    }

    /// §6 failed message routing: the error message carries `ErrorReport.*` properties; the
    /// original promoted properties are demoted.
    fn error_report_context(&self, id: u32) -> Context {
        let inst = &self.insts[id as usize];
        let cfg = &self.scenario.ports[inst.port as usize];
        let mut ctx = Context::new();
        let s = |v: &str| ContextValue::Str(v.to_string());
        ctx.insert("ErrorReport.ErrorType".into(), s("FailedMessage"));
        ctx.insert("ErrorReport.FailureCode".into(), s("0xC0C01658"));
        ctx.insert("ErrorReport.SendPortName".into(), s(&cfg.name));
        ctx.insert("ErrorReport.OutboundTransportLocation".into(), s(&self.address_of(id, inst.slot)));
        if let Some(mt) = self.msgs[inst.msg as usize].context.get(props::MESSAGE_TYPE) {
            ctx.insert("ErrorReport.MessageType".into(), mt.clone());
        }
        ctx
    }

    /// §7: the instance leaves its ordered port's queue; the next one (if any) transmits.
    fn ordered_leave(&mut self, id: u32) {
        let p = self.insts[id as usize].port as usize;
        let next = match self.ports[p].ordered.as_mut() {
            Some(q) => q.leave(id),
            None => return,
        };
        if let Some(n) = next {
            let lane = self.lane_of(n);
            let now = self.now;
            self.insts[n as usize].begin(n, now, lane, &mut self.out);
        }
    }

    pub(super) fn address_of(&self, id: u32, slot: TransportSlot) -> String {
        let inst = &self.insts[id as usize];
        if inst.dynamic != NONE {
            return self.dyns[inst.dynamic as usize].transport.address.clone();
        }
        let cfg = &self.scenario.ports[inst.port as usize];
        let t = if slot == TransportSlot::Backup { cfg.backup.as_ref() } else { cfg.primary.as_ref() };
        t.map(|t| t.address.clone()).unwrap_or_default()
    }

    pub(super) fn adapter_of(&self, id: u32, slot: TransportSlot) -> String {
        let inst = &self.insts[id as usize];
        if inst.dynamic != NONE {
            return self.dyns[inst.dynamic as usize].transport.adapter.clone();
        }
        let cfg = &self.scenario.ports[inst.port as usize];
        let t = if slot == TransportSlot::Backup { cfg.backup.as_ref() } else { cfg.primary.as_ref() };
        t.map(|t| t.transport.clone()).unwrap_or_default()
    }

    pub(super) fn service_instance_of(&self, id: u32) -> Option<u64> {
        let p = self.insts[id as usize].port as usize;
        if !self.scenario.ports[p].ordered_delivery {
            return None;
        }
        // Only instances that joined the queue (processed ones) belong to the shared instance.
        let joined = self.facts_of(id).iter().any(|(_, n)| {
            matches!(n, Note::AttemptStart { .. } | Note::Scheduled { why: super::explain::ScheduledWhy::Queued })
                || matches!(n, Note::Suspended { reason: SuspendReason::OrderedDeliveryBlocked, .. })
        });
        if joined {
            self.ports[p].ordered.as_ref().and_then(|q| q.service_instance)
        } else {
            None
        }
    }

    // ----- actions -----------------------------------------------------------------------------

    fn do_action(&mut self, action: &Action) {
        match action {
            Action::Inject(inj) => {
                let seq = self.queue.reserve_seqs(1);
                let source = self.add_source(inj.clone(), self.now, seq);
                self.inject_copies(source, 0);
            }
            Action::Lifecycle { action, target } => self.lifecycle(*action, target),
            Action::Resume(sel) => self.resume(sel),
            Action::Terminate(sel) => self.terminate(sel),
        }
    }

    fn port_guard_facts(&self, p: u32) -> PortGuardFacts {
        let rt = &self.ports[p as usize];
        let last_member_of = rt.groups.iter().find_map(|&g| {
            let grp = &self.groups[g as usize];
            let enlisted = grp.members.iter().filter(|&&m| self.ports[m as usize].state.is_enlisted()).count();
            (grp.state.is_enlisted() && rt.state.is_enlisted() && enlisted == 1)
                .then(|| self.scenario.groups[g as usize].name.clone())
        });
        let non_final_instances = self.insts.iter().filter(|i| i.port == p && !i.status.is_final()).count();
        PortGuardFacts { last_member_of, non_final_instances }
    }

    /// L1–L4 with guards G1–G3 for a target, without applying it.
    fn decide(&self, action: LifecycleAction, target: &Target) -> Result<LifecycleState, Refusal> {
        match target {
            Target::Port(n) => {
                let &p = self.port_index.get(n).ok_or(Refusal::UnknownTarget)?;
                decide_port(action, self.ports[p as usize].state, &self.port_guard_facts(p))
            }
            Target::Group(n) => {
                let &g = self.group_index.get(n).ok_or(Refusal::UnknownTarget)?;
                let grp = &self.groups[g as usize];
                let enlisted = grp.members.iter().filter(|&&m| self.ports[m as usize].state.is_enlisted()).count();
                decide_group(action, grp.state, enlisted)
            }
        }
    }

    fn lifecycle(&mut self, action: LifecycleAction, target: &Target) {
        let (is_port, idx) = match target {
            Target::Port(n) => (true, self.port_index.get(n).copied()),
            Target::Group(n) => (false, self.group_index.get(n).copied()),
        };
        let what = if is_port { "send port" } else { "send port group" };
        let from = idx.map(|i| if is_port { self.ports[i as usize].state } else { self.groups[i as usize].state });
        let (port, group) = if is_port { (idx, None) } else { (None, idx) };
        match self.decide(action, target) {
            Ok(to) => {
                let (Some(i), Some(from)) = (idx, from) else { return };
                let mut steps = Vec::with_capacity(2);
                if action == LifecycleAction::Start && from == LifecycleState::Bound {
                    steps.push(LifecycleState::Stopped);
                }
                steps.push(to);
                let mut prev = from;
                for s in steps {
                    if is_port {
                        self.ports[i as usize].set_state(self.now, s);
                    } else {
                        self.groups[i as usize].set_state(self.now, s);
                    }
                    if self.recording {
                        let verb = match (prev, s) {
                            (LifecycleState::Bound, LifecycleState::Stopped) if action == LifecycleAction::Start => {
                                "enlisted (Start enlists first, rule L2)".to_string()
                            }
                            (_, LifecycleState::Stopped) if action == LifecycleAction::Enlist => {
                                "enlisted (rule L1)".into()
                            }
                            (_, LifecycleState::Started) => "started (rule L2)".into(),
                            (_, LifecycleState::Stopped) => {
                                "stopped (rule L3); messages already in process continue".into()
                            }
                            (_, LifecycleState::Bound) => "unenlisted (rule L4); its subscriptions are removed".into(),
                        };
                        let text = format!("{what} {} {verb}: {prev} → {s}", target.name());
                        self.line(Line { kind: TraceKind::Lifecycle, port, group, msg: None, inst: None }, text);
                    }
                    prev = s;
                }
                if to == LifecycleState::Started {
                    if is_port {
                        self.auto_resume(Started::Port(i));
                    } else {
                        self.auto_resume(Started::Group(i));
                    }
                }
            }
            Err(refusal) => {
                let state = from.map(|s| s.code()).unwrap_or("unknown");
                if idx.is_some() {
                    self.rejected.push(RejectedActionReport {
                        at_ms: self.now.as_ms(),
                        action: action.code().to_string(),
                        port: is_port.then(|| target.name().to_string()),
                        group: (!is_port).then(|| target.name().to_string()),
                        state: state.to_string(),
                        reason: refusal.code().to_string(),
                    });
                }
                if self.recording {
                    let why = match &refusal {
                        Refusal::NotAvailable { state } => {
                            format!("Not available from {state} (rule {})", action.rule_id())
                        }
                        Refusal::NoEnlistedMember => {
                            "a send port group must contain at least one send port in an enlisted state before you can start it (guard G1)".into()
                        }
                        Refusal::LastEnlistedMember { group } => format!(
                            "you cannot unenlist the last enlisted send port within send port group {group}, which is enlisted or running (guard G2)"
                        ),
                        Refusal::HasInstances { count } => format!(
                            "the send port owns {count} instance(s) that are not completed or terminated; terminate them first (guard G3)"
                        ),
                        Refusal::UnknownTarget => "no such send port or send port group".into(),
                    };
                    let text = format!("{} {what} {} refused: {why}; nothing changed", action.code(), target.name());
                    self.line(Line { kind: TraceKind::Rejected, port, group, msg: None, inst: None }, text);
                }
            }
        }
    }

    /// §4 DECISION: starting a port resumes its instances suspended with `send-port-stopped`;
    /// starting a group resumes the copies that came through it suspended with
    /// `send-port-group-stopped` — in original publish order. A copy whose other side is still
    /// not Started stays suspended with that side's reason (a group copy: C5; a port: C4).
    fn auto_resume(&mut self, started: Started) {
        let (reason, by) = match started {
            Started::Port(_) => (SuspendReason::SendPortStopped, ResumedBy::PortStart),
            Started::Group(_) => (SuspendReason::SendPortGroupStopped, ResumedBy::GroupStart),
        };
        let mut list: Vec<u32> = (0..self.insts.len() as u32)
            .filter(|&i| {
                let x = &self.insts[i as usize];
                let ours = match started {
                    Started::Port(p) => x.port == p,
                    Started::Group(g) => x.via == g,
                };
                ours && x.status == InstanceStatus::SuspendedResumable && x.reason == Some(reason)
            })
            .collect();
        list.sort_by_key(|&i| (self.insts[i as usize].msg, i));
        for i in list {
            let x = &self.insts[i as usize];
            let still = match started {
                Started::Port(_) => (x.via != NO_GROUP && self.groups[x.via as usize].state != LifecycleState::Started)
                    .then_some(SuspendReason::SendPortGroupStopped),
                Started::Group(_) => (self.ports[x.port as usize].state != LifecycleState::Started)
                    .then_some(SuspendReason::SendPortStopped),
            };
            if let Some(reason) = still {
                self.insts[i as usize].reason = Some(reason);
                self.out.note(i, Note::StillSuspended { reason });
            } else {
                self.out.note(i, Note::Resumed { by });
                self.process(i);
            }
        }
    }

    fn selected(&self, sel: &InstanceSelector, inst: &Inst) -> bool {
        match sel {
            InstanceSelector::All => true,
            InstanceSelector::Port(p) => self.scenario.ports[inst.port as usize].name == *p,
            InstanceSelector::Message { message, port } => {
                self.msgs[inst.msg as usize].has_name(message)
                    && port.as_ref().is_none_or(|p| self.scenario.ports[inst.port as usize].name == *p)
            }
        }
    }

    fn selected_failure(&self, sel: &InstanceSelector, k: usize) -> bool {
        match sel {
            InstanceSelector::All => true,
            InstanceSelector::Port(_) | InstanceSelector::Message { port: Some(_), .. } => false,
            InstanceSelector::Message { message, port: None } => {
                self.msgs[self.rf_meta[k].msg as usize].has_name(message)
            }
        }
    }

    /// §4 manual Resume: Suspended (resumable) instances restart on the primary with full retries
    /// (§6), even on a Stopped port; on a blocked ordered port the whole queue resumes (§7).
    fn resume(&mut self, sel: &InstanceSelector) {
        let list: Vec<u32> = (0..self.insts.len() as u32)
            .filter(|&i| {
                let x = &self.insts[i as usize];
                x.status == InstanceStatus::SuspendedResumable && self.selected(sel, x)
            })
            .collect();
        for i in list {
            if self.insts[i as usize].status != InstanceStatus::SuspendedResumable {
                continue;
            }
            let p = self.insts[i as usize].port as usize;
            let blocked_queue = match self.ports[p].ordered.as_mut() {
                Some(q) if q.blocked && q.contains(i) => {
                    q.blocked = false;
                    Some(q.queue.iter().copied().collect::<Vec<u32>>())
                }
                _ => None,
            };
            match blocked_queue {
                Some(queue) => {
                    let now = self.now;
                    for (k, j) in queue.into_iter().enumerate() {
                        self.out.note(j, Note::Resumed { by: ResumedBy::Manual });
                        if k == 0 {
                            let lane = self.lane_of(j);
                            self.insts[j as usize].begin(j, now, lane, &mut self.out);
                        } else {
                            self.insts[j as usize].queue_behind(j, &mut self.out);
                        }
                    }
                }
                None => {
                    self.out.note(i, Note::Resumed { by: ResumedBy::Manual });
                    self.process(i);
                }
            }
        }
        // §3 DECISION: resuming the receive-side copy of a routing failure re-publishes it.
        let picked: Vec<usize> = (0..self.rf_meta.len())
            .filter(|&k| self.rf_meta[k].receive_copy && self.selected_failure(sel, k))
            .collect();
        let again: Vec<u32> = picked
            .into_iter()
            .map(|k| {
                self.rf_meta[k].receive_copy = false;
                self.rf_meta[k].msg
            })
            .collect();
        for m in again {
            if self.recording {
                let text = format!("{} resumed: the message is published again", self.msgs[m as usize].name());
                self.line(Line { kind: TraceKind::Resumed, port: None, group: None, msg: Some(m), inst: None }, text);
            }
            if self.route_message(m) == 0 {
                self.routing_failure(m, false, true);
            }
        }
    }

    /// §5 Terminate: every non-final selected instance ends Terminated (`terminated-by-user`); on a
    /// blocked ordered port (stop-on-failure) the whole queue is discarded (§7).
    fn terminate(&mut self, sel: &InstanceSelector) {
        let list: Vec<u32> = (0..self.insts.len() as u32)
            .filter(|&i| {
                let x = &self.insts[i as usize];
                !x.status.is_final() && self.selected(sel, x)
            })
            .collect();
        for i in list {
            if self.insts[i as usize].status.is_final() {
                continue;
            }
            let p = self.insts[i as usize].port as usize;
            let blocked_queue = match self.ports[p].ordered.as_mut() {
                Some(q) if q.blocked && q.contains(i) => {
                    q.blocked = false;
                    Some(q.queue.drain(..).collect::<Vec<u32>>())
                }
                _ => None,
            };
            match blocked_queue {
                Some(queue) => {
                    for j in queue {
                        self.insts[j as usize].terminate(j, &mut self.out);
                    }
                }
                None => {
                    self.insts[i as usize].terminate(i, &mut self.out);
                    self.ordered_leave(i);
                }
            }
        }
        let mut k = 0;
        while k < self.rf_meta.len() {
            if self.selected_failure(sel, k) {
                let m = self.rf_meta[k].msg;
                if self.recording {
                    let text = format!(
                        "routing failure report of {} terminated{}",
                        self.msgs[m as usize].name(),
                        if self.rf_meta[k].receive_copy { " with its suspended message" } else { "" }
                    );
                    self.line(
                        Line { kind: TraceKind::Terminated, port: None, group: None, msg: Some(m), inst: None },
                        text,
                    );
                }
                self.rf_meta.remove(k);
                self.routing_failures.remove(k);
            } else {
                k += 1;
            }
        }
    }
}

/// The send handler of an instance's port (§11; dynamic ports: `BizTalkServerApplication`).
pub(super) fn host_of(cfg: &PortConfig) -> String {
    cfg.primary.as_ref().map(|t| t.send_handler.clone()).unwrap_or_else(|| DEFAULT_SEND_HANDLER.to_string())
}
