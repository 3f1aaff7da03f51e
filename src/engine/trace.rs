//! The trace: one `TraceEvent` per observable change (DESIGN invariant 8). Its `Display` is one
//! stable line, identical in the browser's event log, the CLI's `--trace` and the golden `.trace`
//! files. The simulation records each event as a compact `TraceRecord` (ids and numbers) and
//! renders the `TraceEvent` only when asked.

use super::lifecycle::Refusal;
use super::model::{LifecycleAction, LifecycleState, Target};
use super::time::SimTime;
use std::fmt;

/// What happened. `code()` is the stable name used by filters, `window.portsim.on(kind, ...)` and
/// the trace text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TraceKind {
    /// A message entered the MessageBox (publish) or was sent to a port/group.
    Inject,
    /// A subscription matched and a copy goes to a port (direct or via a group).
    Route,
    /// No subscriber (§3) — also for unroutable responses (§9).
    RoutingFailure,
    /// A lifecycle action succeeded (L1–L4).
    Lifecycle,
    /// A lifecycle action was refused (n/a cell or guard G1–G3); nothing changed.
    Rejected,
    /// A service instance was created.
    Created,
    /// A transport attempt started.
    Attempt,
    /// A transport attempt succeeded.
    AttemptOk,
    /// A transport attempt failed.
    AttemptFailed,
    /// A retry was scheduled after the retry interval (§6).
    Retry,
    /// Moved to the backup transport (§6).
    Failover,
    /// Waiting for a service window (§8) or behind the head of an ordered port (§7).
    Scheduled,
    /// Suspended (resumable or not).
    Suspended,
    /// Resumed (manually or auto-resumed by Start, §4).
    Resumed,
    /// Completed: the message was delivered.
    Completed,
    /// Terminated by the user.
    Terminated,
    /// A solicit-response port received a response and published it (§9).
    Response,
    /// A timer fired for something that no longer waits for it (DESIGN invariant 5).
    StaleTimer,
    /// The simulation reached its end.
    End,
}

impl TraceKind {
    pub const ALL: [TraceKind; 19] = [
        TraceKind::Inject,
        TraceKind::Route,
        TraceKind::RoutingFailure,
        TraceKind::Lifecycle,
        TraceKind::Rejected,
        TraceKind::Created,
        TraceKind::Attempt,
        TraceKind::AttemptOk,
        TraceKind::AttemptFailed,
        TraceKind::Retry,
        TraceKind::Failover,
        TraceKind::Scheduled,
        TraceKind::Suspended,
        TraceKind::Resumed,
        TraceKind::Completed,
        TraceKind::Terminated,
        TraceKind::Response,
        TraceKind::StaleTimer,
        TraceKind::End,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TraceKind::Inject => "inject",
            TraceKind::Route => "route",
            TraceKind::RoutingFailure => "routing-failure",
            TraceKind::Lifecycle => "lifecycle",
            TraceKind::Rejected => "rejected",
            TraceKind::Created => "created",
            TraceKind::Attempt => "attempt",
            TraceKind::AttemptOk => "attempt-ok",
            TraceKind::AttemptFailed => "attempt-failed",
            TraceKind::Retry => "retry",
            TraceKind::Failover => "failover",
            TraceKind::Scheduled => "scheduled",
            TraceKind::Suspended => "suspended",
            TraceKind::Resumed => "resumed",
            TraceKind::Completed => "completed",
            TraceKind::Terminated => "terminated",
            TraceKind::Response => "response",
            TraceKind::StaleTimer => "stale-timer",
            TraceKind::End => "end",
        }
    }

    pub fn from_code(code: &str) -> Option<TraceKind> {
        TraceKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One line of the trace. The structured fields let the UI filter by port, message and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceEvent {
    pub at: SimTime,
    pub kind: TraceKind,
    pub port: Option<String>,
    pub group: Option<String>,
    pub message: Option<String>,
    pub instance: Option<u64>,
    /// The human sentence (BizTalk wording where the docs give one).
    pub text: String,
}

impl fmt::Display for TraceEvent {
    /// `00:05:00.000 attempt-failed  SP_A M1 #1  primary FILE C:\out failed (attempt 1 of 4)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {:<15}", self.at, self.kind.code())?;
        if let Some(p) = &self.port {
            write!(f, " port={p}")?;
        }
        if let Some(g) = &self.group {
            write!(f, " group={g}")?;
        }
        if let Some(m) = &self.message {
            write!(f, " msg={m}")?;
        }
        if let Some(i) = self.instance {
            write!(f, " #{i}")?;
        }
        write!(f, " | {}", self.text)
    }
}

/// One recorded trace entry: ids and numbers only (16 bytes, no `String`; stored as an 8-byte
/// `TraceSlot`). The simulation keeps
/// these records and renders a record's `TraceEvent` (and so its line) only when it is shown,
/// printed or compared (`Simulation::trace()`); the rendered text is exactly the text the engine
/// would have written at the moment of recording (property
/// `compact_trace_renders_exactly_the_old_text`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceRecord {
    /// An instance note (created, attempt, retry, suspended, ...): its fact in the fact arena,
    /// which holds the time and the `Note`.
    Fact { inst: u32, fact: u32 },
    /// A message entered the MessageBox (injected, response §9 or failed message §6).
    Inject { at: SimTime, msg: u32 },
    /// A copy of a message reached a port: the instance created for it.
    Route { at: SimTime, inst: u32 },
    /// §3 routing failure of a message (`response`: §9; `receive_copy`: kept for resume).
    RoutingFailure { at: SimTime, msg: u32, response: bool, receive_copy: bool },
    /// A lifecycle step or a refused action: an entry of the (rare) administrative side table.
    Admin { at: SimTime, line: u32 },
    /// A dispatch (`attempt: false`) or attempt-end timer of an instance found stale.
    StaleTimer { at: SimTime, inst: u32, attempt: bool },
    /// §3 DECISION: the receive-side copy of a routing failure was resumed and published again.
    Republished { at: SimTime, msg: u32 },
    /// A routing failure report was terminated (`receive_copy`: with its suspended message).
    FailureTerminated { at: SimTime, msg: u32, receive_copy: bool },
    /// The simulation ended: nothing left to happen, `until` reached, or a work limit stopped it.
    End { at: SimTime, how: EndReason },
}

/// How the simulation stores a `TraceRecord`: 8 bytes. The three kinds written per message and
/// per instance note hold one id, whose time the simulation already keeps (the fact's time, the
/// message's entry, the instance's creation — each equal to the clock when the line was
/// written); the rare kinds (routing failures, administrative lines, stale timers, the end)
/// point at the whole record in a side table. `Simulation::trace()` expands a slot back into
/// its `TraceRecord`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceSlot {
    /// An instance note: the fact's index (the simulation keeps each fact's instance).
    Fact(u32),
    /// `TraceRecord::Inject` of this message, at its entry time.
    Inject(u32),
    /// `TraceRecord::Route` of this instance, at its creation time.
    Route(u32),
    /// Any other record: its index in the side table.
    Rare(u32),
}

/// How a simulation ended (the `end` line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    NothingLeft,
    Until,
    /// A work limit stopped the run (issue 9 §4): the text is the limit's message.
    Limit,
}

/// An administrative trace line, kept whole in a side table because it names a target that may
/// not exist (an action from the UI or the JS API) and carries the refusal's details. Rare: one
/// per lifecycle step or refused action, never per message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminLine {
    /// A lifecycle step that happened (L1–L4): `from → to`, caused by `action`.
    Lifecycle { target: Target, index: u32, action: LifecycleAction, from: LifecycleState, to: LifecycleState },
    /// A refused lifecycle action (an n/a cell or guard G1–G3); `index` is `None` for an
    /// unknown target.
    Rejected { target: Target, index: Option<u32>, action: LifecycleAction, refusal: Refusal },
}

impl AdminLine {
    /// The trace kind of the line.
    pub fn kind(&self) -> TraceKind {
        match self {
            AdminLine::Lifecycle { .. } => TraceKind::Lifecycle,
            AdminLine::Rejected { .. } => TraceKind::Rejected,
        }
    }

    /// `(port index, group index)` named by the line.
    pub fn port_group(&self) -> (Option<u32>, Option<u32>) {
        let (target, index) = match self {
            AdminLine::Lifecycle { target, index, .. } => (target, Some(*index)),
            AdminLine::Rejected { target, index, .. } => (target, *index),
        };
        match target {
            Target::Port(_) => (index, None),
            Target::Group(_) => (None, index),
        }
    }

    /// The line's sentence (the text the engine wrote when the action was applied).
    pub fn text(&self) -> String {
        let what = |t: &Target| if matches!(t, Target::Port(_)) { "send port" } else { "send port group" };
        match self {
            AdminLine::Lifecycle { target, action, from, to, .. } => {
                let verb = match (*from, *to) {
                    (LifecycleState::Bound, LifecycleState::Stopped) if *action == LifecycleAction::Start => {
                        "enlisted (Start enlists first, rule L2)"
                    }
                    (_, LifecycleState::Stopped) if *action == LifecycleAction::Enlist => "enlisted (rule L1)",
                    (_, LifecycleState::Started) => "started (rule L2)",
                    (_, LifecycleState::Stopped) => "stopped (rule L3); messages already in process continue",
                    (_, LifecycleState::Bound) => "unenlisted (rule L4); its subscriptions are removed",
                };
                format!("{} {} {verb}: {from} → {to}", what(target), target.name())
            }
            AdminLine::Rejected { target, action, refusal, .. } => {
                let why = match refusal {
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
                format!("{} {} {} refused: {why}; nothing changed", action.code(), what(target), target.name())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trace_record_stays_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<TraceRecord>(), 16);
    }

    #[test]
    fn a_stored_trace_slot_is_eight_bytes() {
        assert_eq!(std::mem::size_of::<TraceSlot>(), 8);
    }
}
