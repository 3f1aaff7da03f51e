//! `Simulation`: the discrete-event engine that runs a validated `Scenario`.
//!
//! PUBLIC API CONTRACT (the UI, CLI, JS API and tests use exactly these items; internals are free).
//! The bodies below are placeholders to be replaced by the real engine.

use super::model::{Action, LifecycleAction, LifecycleState, Scenario, Target};
use super::report::{Report, Totals, REPORT_FORMAT};
use super::time::SimTime;
use super::trace::TraceEvent;

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
}

/// Counts shown on a port in the topology picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PortCounts {
    pub completed: u64,
    pub suspended: u64,
    pub in_retry: u64,
    pub active: u64,
}

/// The running model.
pub struct Simulation {
    scenario: Scenario,
    now: SimTime,
    trace: Vec<TraceEvent>,
    instances: Vec<InstanceInfo>,
}

impl Simulation {
    /// Builds the simulation at time 0 with the script's actions queued. Cannot fail.
    pub fn new(scenario: &Scenario) -> Simulation {
        Simulation { scenario: scenario.clone(), now: SimTime::ZERO, trace: Vec::new(), instances: Vec::new() }
    }
    /// Turns trace recording on or off (the benchmark turns it off; default on).
    pub fn set_trace_recording(&mut self, _on: bool) {}
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    /// The current virtual time.
    pub fn now(&self) -> SimTime {
        self.now
    }
    /// The time of the next queued event, if any (and not past `until`).
    pub fn next_event_time(&self) -> Option<SimTime> {
        None
    }
    /// True when nothing is left to happen or `until` is reached.
    pub fn is_finished(&self) -> bool {
        true
    }
    /// Processes the next event (all trace it produces is appended). Returns false when finished.
    pub fn step(&mut self) -> bool {
        false
    }
    /// Processes every event with time ≤ `t` (capped at `until`), then sets the clock to `t`.
    pub fn run_until(&mut self, t: SimTime) {
        self.now = self.now.max(t.min(self.scenario.until));
    }
    /// Runs until nothing is left to happen or `until` is reached.
    pub fn run_to_end(&mut self) {}
    /// Applies an action now, as if the script had it at the current time (UI buttons, JS API).
    pub fn apply(&mut self, _action: Action) {}
    /// The trace so far.
    pub fn trace(&self) -> &[TraceEvent] {
        &self.trace
    }
    /// All instances in creation order.
    pub fn instances(&self) -> &[InstanceInfo] {
        &self.instances
    }
    pub fn instance(&self, id: InstanceId) -> Option<&InstanceInfo> {
        self.instances.iter().find(|i| i.id == id)
    }
    pub fn routing_failures(&self) -> &[RoutingFailure] {
        &[]
    }
    pub fn port_state(&self, _name: &str) -> Option<LifecycleState> {
        None
    }
    pub fn group_state(&self, _name: &str) -> Option<LifecycleState> {
        None
    }
    pub fn port_counts(&self, _name: &str) -> PortCounts {
        PortCounts::default()
    }
    /// For each of Enlist/Start/Stop/Unenlist: available, or why not (L1–L4, G1–G3).
    pub fn available_actions(&self, _target: &Target) -> Vec<ActionAvailability> {
        Vec::new()
    }
    /// The chain of facts that produced this instance's current status, each citing its rule.
    pub fn explain(&self, _id: InstanceId) -> Vec<ExplanationStep> {
        Vec::new()
    }
    /// The `portsim-report/1` report at the current time.
    pub fn report(&self) -> Report {
        Report {
            format: REPORT_FORMAT.to_string(),
            scenario: self.scenario.name.clone(),
            seed: self.scenario.seed,
            end_ms: self.now.as_ms(),
            instances: Vec::new(),
            routing_failures: Vec::new(),
            rejected_actions: Vec::new(),
            warnings: self.scenario.warnings.clone(),
            ports: Vec::new(),
            groups: Vec::new(),
            totals: Totals::default(),
        }
    }
}
