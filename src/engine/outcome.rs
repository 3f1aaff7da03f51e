//! The shared outcome vocabulary of the engine: what became of a service instance (status,
//! reason, transport slot). A leaf module: it imports nothing of the engine, so every state
//! machine (`instance`, `retry`, `message_box`, ...) and the `Simulation` can name these types
//! without an import cycle (tidy test `engine_import_graph_has_no_cycle`).

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

/// Why an instance is suspended or terminated, or the one completed case that carries a reason
/// (the report's `reason`, SCENARIO.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SuspendReason {
    /// C2 / C4 (and C4 over C5 when both the port and its group are Stopped).
    SendPortStopped,
    /// C5.
    SendPortGroupStopped,
    SendPortUnenlisted,
    /// §6 all retries on primary and backup spent (§7 the failed head of an ordered port).
    TransportFailure,
    /// §1 dynamic port, no address in the context.
    NoTransportLocation,
    /// §1 dynamic port, an address whose scheme or `BTS.OutboundTransportType` names no known adapter.
    UnknownTransport,
    /// §9 solicit-response: transmitted, but nothing subscribes to the response.
    ResponseNotRouted,
    /// §7 held behind a failed head in a suspended ordered instance.
    OrderedDeliveryBlocked,
    TerminatedByUser,
    /// §6 failed message routing published the error report and a subscriber took it: the
    /// instance is `completed`, nothing is suspended.
    FailedMessageRouted,
}

impl SuspendReason {
    /// Every reason, in the order SCENARIO.md lists them.
    pub const ALL: [SuspendReason; 10] = [
        SuspendReason::SendPortStopped,
        SuspendReason::SendPortGroupStopped,
        SuspendReason::SendPortUnenlisted,
        SuspendReason::TransportFailure,
        SuspendReason::OrderedDeliveryBlocked,
        SuspendReason::NoTransportLocation,
        SuspendReason::UnknownTransport,
        SuspendReason::ResponseNotRouted,
        SuspendReason::TerminatedByUser,
        SuspendReason::FailedMessageRouted,
    ];
    /// The report's `reason` value.
    pub fn code(self) -> &'static str {
        match self {
            SuspendReason::SendPortStopped => "send-port-stopped",
            SuspendReason::SendPortGroupStopped => "send-port-group-stopped",
            SuspendReason::SendPortUnenlisted => "send-port-unenlisted",
            SuspendReason::TransportFailure => "transport-failure",
            SuspendReason::NoTransportLocation => "no-transport-location",
            SuspendReason::UnknownTransport => "unknown-transport",
            SuspendReason::ResponseNotRouted => "response-not-routed",
            SuspendReason::OrderedDeliveryBlocked => "ordered-delivery-blocked",
            SuspendReason::TerminatedByUser => "terminated-by-user",
            SuspendReason::FailedMessageRouted => "failed-message-routed",
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
    pub const ALL: [TransportSlot; 2] = [TransportSlot::Primary, TransportSlot::Backup];
    pub fn code(self) -> &'static str {
        match self {
            TransportSlot::Primary => "primary",
            TransportSlot::Backup => "backup",
        }
    }
}
