//! The page's instance list derived on demand from the compact state (issue 9: the 1,000,000-message
//! run in the page). The page keeps no `InstanceInfo` per instance: a query (status counts, a
//! filter, a bulk action) walks the 32-byte instance records as `InstanceRow`s — ids and enums,
//! no text — and only the rows on screen become an `InstanceInfo` (`instance_info`, built from
//! the instance's facts; equal to the entry `instances()` would hold, checked by
//! `tests/it/engine_modes.rs`).
//!
//! ```text
//!   insts[i] (32 B) ──instance_row(i)──▶ InstanceRow (ids, status)      O(1), no allocation
//!                  ──instance_info(i)─▶ InstanceInfo (names, attempts,  O(history of i)
//!                                                     marks with text)
//! ```

use super::super::instance::{Inst, NONE};
use super::super::send_port::host_of;
use super::Simulation;
use crate::engine::outcome::{InstanceId, InstanceStatus, SuspendReason};
use crate::engine::time::SimTime;
use crate::engine::view::InstanceInfo;

/// One instance as a list row: indices and enums only (names through `port_name`,
/// `group_name_of`, `message_name`, `host_of_port`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceRow {
    pub id: InstanceId,
    /// Index of the message (`message_name`).
    pub message: u32,
    /// Index of the send port in `scenario().ports`.
    pub port: u32,
    /// Index of the group in `scenario().groups` the copy came through, if any.
    pub via: Option<u32>,
    pub status: InstanceStatus,
    pub reason: Option<SuspendReason>,
    pub created: SimTime,
}

fn row(idx: usize, i: &Inst, created: SimTime) -> InstanceRow {
    InstanceRow {
        id: idx as u64 + 1,
        message: i.msg,
        port: i.port,
        via: (i.via != NONE).then_some(i.via),
        status: i.status,
        reason: i.reason,
        created,
    }
}

impl Simulation {
    /// Service instances created so far.
    pub fn instance_count(&self) -> usize {
        self.insts.len()
    }
    /// The row of instance `id` (1-based), in O(1).
    pub fn instance_row(&self, id: InstanceId) -> Option<InstanceRow> {
        let idx = usize::try_from(id.checked_sub(1)?).ok()?;
        self.insts.get(idx).map(|i| row(idx, i, self.created_at(idx as u32)))
    }
    /// Every instance's row, in creation order (no allocation per row).
    pub fn instance_rows(&self) -> impl ExactSizeIterator<Item = InstanceRow> + '_ {
        self.insts.iter().enumerate().map(|(idx, i)| row(idx, i, self.created_at(idx as u32)))
    }
    /// The full view of instance `id`, built now from its facts (what `instances()` holds for it).
    pub fn instance_info(&self, id: InstanceId) -> Option<InstanceInfo> {
        let idx = u32::try_from(id.checked_sub(1)?).ok()?;
        ((idx as usize) < self.insts.len()).then(|| self.info_of(idx))
    }
    /// The name of message `m` (`M7`, `Order-1`, `M3.response`).
    pub fn message_name(&self, m: u32) -> Option<String> {
        ((m as usize) < self.msgs.len()).then(|| self.msg_name(m))
    }
    /// The name of send port `p`.
    pub fn port_name(&self, p: u32) -> Option<&str> {
        self.scenario.ports.get(p as usize).map(|c| c.name.as_str())
    }
    /// The name of send port group `g`.
    pub fn group_name_of(&self, g: u32) -> Option<&str> {
        self.scenario.groups.get(g as usize).map(|c| c.name.as_str())
    }
    /// The send handler host of port `p` (§11: whose suspended queue holds its instances).
    pub fn host_of_port(&self, p: u32) -> Option<String> {
        self.scenario.ports.get(p as usize).map(host_of)
    }
    /// When instance `id` was created and the time of its last recorded change: the span its
    /// timeline can occupy (to `now` while it is not final). O(1).
    pub fn instance_span(&self, id: InstanceId) -> Option<(SimTime, SimTime)> {
        let idx = usize::try_from(id.checked_sub(1)?).ok()?;
        let i = self.insts.get(idx)?;
        let created = self.created_at(idx as u32);
        let last = self.facts.get(i.last_fact as usize).map_or(created, |f| f.at);
        let end = if i.status.is_final() { last } else { self.now.max(last) };
        Some((created, end))
    }
}
