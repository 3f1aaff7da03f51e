//! Read-only views the `Simulation` hands to the UI, the CLI and the tests: an instance with its
//! attempts and timeline marks (§5), routing failures (§3), lifecycle action availability
//! (L1–L4, G1–G3) and explanation steps. Plain data: built by `explain.rs` from the compact
//! facts, never read back by the engine.

use super::lifecycle::Refusal;
use super::model::LifecycleAction;
use super::outcome::{InstanceId, InstanceStatus, SuspendReason, TransportSlot};
use super::time::SimTime;

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

/// One send port's outcome counts (`portsim run --summary`, SCENARIO.md "CLI"): its instances
/// by §5 status at the current time, and the transport attempts they made.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortTotals {
    pub name: String,
    /// `bound`, `stopped` or `started` (L1–L4).
    pub state: &'static str,
    pub instances: u64,
    pub completed: u64,
    pub suspended_resumable: u64,
    pub suspended_not_resumable: u64,
    pub terminated: u64,
    /// Active or Scheduled (as the report's `totals.active`).
    pub active: u64,
    pub attempts: u64,
}

/// Counts shown on a port in the topology picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PortCounts {
    pub completed: u64,
    pub suspended: u64,
    pub in_retry: u64,
    pub active: u64,
}
