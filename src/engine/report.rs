//! The report format `portsim-report/1` (SCENARIO.md, "Report"). Field names and order are a
//! public interface: the CLI prints it, the browser exports it, golden tests compare it.
//!
//! A record per instance owns no text of its own (issue 9, `report()` linear and cheap): port,
//! group and address names are `Name`s shared with every other record naming them, a message is
//! named by `MessageName` (an unnamed message's `M<n>` is written on output), status, reason and
//! transport are the engine's enums written as their codes (`names`).

mod names;

pub use names::{MessageName, Name};

use crate::engine::outcome::{InstanceStatus, SuspendReason, TransportSlot};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

pub const REPORT_FORMAT: &str = "portsim-report/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub format: String,
    pub scenario: String,
    pub seed: u64,
    pub end_ms: u64,
    pub instances: Vec<InstanceReport>,
    pub routing_failures: Vec<RoutingFailureReport>,
    pub rejected_actions: Vec<RejectedActionReport>,
    pub warnings: Vec<crate::engine::model::Warning>,
    pub ports: Vec<StateReport>,
    pub groups: Vec<StateReport>,
    pub totals: Totals,
    /// Present only when a work limit stopped the run (issue 9 §4): which limit, when, and what
    /// was growing; everything above is the report at that moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<crate::engine::limits::LimitReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceReport {
    pub id: u64,
    pub message: MessageName,
    pub port: Name,
    /// The group's name when the copy reached the port by means of that group.
    pub via: Option<Name>,
    /// `active`, `scheduled`, `suspended-resumable`, `suspended-not-resumable`, `completed`, `terminated`.
    pub status: InstanceStatus,
    /// For suspended/terminated instances: `send-port-stopped` (also when both the port and its
    /// group are Stopped, C4 over C5), `send-port-group-stopped`, `send-port-unenlisted`,
    /// `transport-failure`, `ordered-delivery-blocked`, `no-transport-location` and
    /// `unknown-transport` (§1), `response-not-routed` (§9), `terminated-by-user`; and for one
    /// completed case, `failed-message-routed` (§6). See `SuspendReason`.
    pub reason: Option<SuspendReason>,
    pub completed_ms: Option<u64>,
    /// Ordered-delivery ports only: the shared service instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_instance: Option<u64>,
    pub attempts: Vec<AttemptReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttemptReport {
    /// `primary` or `backup`.
    pub transport: TransportSlot,
    pub address: Name,
    pub start_ms: u64,
    pub end_ms: u64,
    pub ok: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutingFailureReport {
    pub message: MessageName,
    pub at_ms: u64,
    /// `no-subscriber`.
    pub reason: Cow<'static, str>,
    /// True for the response of a solicit-response port that nothing subscribes to.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub response: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RejectedActionReport {
    pub at_ms: u64,
    /// `enlist`, `start`, `stop`, `unenlist`.
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The state the action met.
    pub state: String,
    /// `not-available`, `no-enlisted-member`, `last-enlisted-member`, `has-instances`.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateReport {
    pub name: String,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub messages: u64,
    pub instances: u64,
    pub completed: u64,
    pub suspended_resumable: u64,
    pub suspended_not_resumable: u64,
    pub terminated: u64,
    pub active: u64,
    pub routing_failures: u64,
    pub attempts: u64,
}

impl Report {
    /// Pretty JSON with a trailing newline: the CLI's `--json` output and the golden files.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
