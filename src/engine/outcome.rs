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
