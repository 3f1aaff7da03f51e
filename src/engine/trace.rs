//! The trace: one `TraceEvent` per observable change (DESIGN invariant 8). Its `Display` is one
//! stable line, identical in the browser's event log, the CLI's `--trace` and the golden `.trace`
//! files.

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
