//! Runtime state of a send port (§1, §2): its lifecycle state with history, group memberships,
//! resolved endpoints and (§7) its ordered service instance. The lifecycle state machine itself
//! is in `lifecycle.rs`.

use super::lifecycle::StateChange;
use super::model::{LifecycleState, PortConfig, DEFAULT_SEND_HANDLER};
use super::ordered::OrderedQueue;
use super::retry::RetryPolicy;
use super::time::SimTime;

/// A send port while the simulation runs.
#[derive(Debug, Clone)]
pub struct PortRt {
    pub state: LifecycleState,
    /// Every state the port has been in (explanations, "was Stopped at").
    pub history: Vec<StateChange>,
    /// Groups the port is a member of (a port may belong to several, §1 DECISION).
    pub groups: Vec<u32>,
    /// Endpoint indices of the primary / backup addresses (static ports).
    pub primary_endpoint: Option<u32>,
    pub backup_endpoint: Option<u32>,
    /// §7: present on ordered-delivery ports.
    pub ordered: Option<OrderedQueue>,
    /// §11: the send handler of the primary transport (dynamic: `BizTalkServerApplication`).
    pub host: String,
    /// §6: transport attempts started by this port's instances so far (one per `AttemptStart`
    /// fact), counted as they are recorded so `port_totals` and `totals` need no fact walk.
    pub attempts: u64,
    /// §6, read at every attempt end (static configuration, so computed once): the retry policy
    /// of an attempt on the primary and on the backup slot (a backup slot without a backup
    /// transport falls back to the primary's, none to 0 / 0), and whether a backup is usable.
    pub primary_policy: RetryPolicy,
    pub backup_policy: RetryPolicy,
    pub usable_backup: bool,
    /// §10: the port's priority (the dispatch lane of its instances).
    pub priority: u8,
}

impl PortRt {
    pub fn new(cfg: &PortConfig) -> PortRt {
        PortRt {
            state: cfg.state,
            history: vec![StateChange { at: SimTime::ZERO, state: cfg.state, facts_before: 0 }],
            groups: Vec::new(),
            primary_endpoint: None,
            backup_endpoint: None,
            ordered: cfg.ordered_delivery.then(OrderedQueue::default),
            host: cfg.primary.as_ref().map(|t| t.send_handler.clone()).unwrap_or_else(|| DEFAULT_SEND_HANDLER.into()),
            attempts: 0,
            primary_policy: cfg.primary.as_ref().map_or(NO_RETRY, policy_of),
            backup_policy: cfg.backup.as_ref().or(cfg.primary.as_ref()).map_or(NO_RETRY, policy_of),
            usable_backup: has_usable_backup(cfg),
            priority: cfg.priority,
        }
    }
    /// Records a state change (`facts_before`: facts recorded so far, see `StateChange`).
    pub fn set_state(&mut self, at: SimTime, state: LifecycleState, facts_before: u32) {
        self.state = state;
        self.history.push(StateChange { at, state, facts_before });
    }
}

/// No retry (a port without a static transport).
const NO_RETRY: RetryPolicy = RetryPolicy { retry_count: 0, retry_interval: super::time::SimDuration::ZERO };

/// §6: the retry policy of a static transport.
pub fn policy_of(t: &super::model::TransportConfig) -> RetryPolicy {
    RetryPolicy { retry_count: t.retry_count, retry_interval: t.retry_interval }
}

/// §7 DECISION: ordered ports ignore the backup transport; dynamic ports have none (§1).
pub fn has_usable_backup(cfg: &PortConfig) -> bool {
    cfg.backup.is_some() && !cfg.ordered_delivery && cfg.kind.is_static()
}

/// The send handler of an instance's port (§11; dynamic ports: `BizTalkServerApplication`).
pub(super) fn host_of(cfg: &PortConfig) -> String {
    cfg.primary.as_ref().map(|t| t.send_handler.clone()).unwrap_or_else(|| DEFAULT_SEND_HANDLER.to_string())
}
