//! The JSON form of a scenario, `portsim-scenario/1` (SCENARIO.md), exactly as a user writes it.
//!
//! This is stage one of the two-stage load (DESIGN invariant 7): a `ScenarioSpec` may hold any
//! value the JSON types allow (a retry count of 1001, an unknown port name); `validate` turns it
//! into a `model::Scenario` or a list of every error. The UI edits a `ScenarioSpec` and exports it
//! with `to_json`, so field order and omitted defaults here define what an exported file looks like.

use crate::engine::context::Context;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// BizTalk binding elements portsim does not simulate, kept verbatim from an imported binding
/// file (BINDINGS.md §10.9) so that exporting an unchanged import writes them back: element
/// name (or `PrimaryTransport/…`, `@Attribute`) → its XML text. The simulation ignores it.
pub type BindingXml = BTreeMap<String, String>;

pub const SCENARIO_FORMAT: &str = "portsim-scenario/1";

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScenarioSpec {
    pub format: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_clock: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(default)]
    pub send_ports: Vec<PortSpec>,
    #[serde(default)]
    pub send_port_groups: Vec<GroupSpec>,
    #[serde(default)]
    pub endpoints: Vec<EndpointSpec>,
    #[serde(default)]
    pub script: Vec<ScriptEntrySpec>,
    /// Work limits of a run (issue 9 §4); absent = the defaults of `engine::limits`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<LimitsSpec>,
}

/// `limits: {maxInstances, maxEvents, maxMemoryMb}`, each optional (integers ≥ 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LimitsSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_instances: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_events: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_memory_mb: Option<i64>,
}

/// One condition `{property, operator, value}`; `value` is absent for `exists`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    pub property: String,
    pub operator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<crate::engine::context::ContextValue>,
}

/// OR of AND-groups: `[[cond, cond], [cond]]`.
pub type FilterSpec = Vec<Vec<ConditionSpec>>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransportSpec {
    pub transport: String,
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_interval: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_handler: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ServiceWindowSpec {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortSpec {
    pub name: String,
    /// `static-one-way`, `static-solicit-response`, `dynamic-one-way`, `dynamic-solicit-response`.
    pub kind: String,
    /// `bound` (default), `stopped`, `started`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filter: FilterSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<TransportSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup: Option<TransportSpec>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub ordered_delivery: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub stop_on_failure: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_window: Option<ServiceWindowSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub route_failed_messages: bool,
    /// The BizTalk application the port belongs to (BINDINGS.md §10.6); informative only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub binding_xml: BindingXml,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupSpec {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filter: FilterSpec,
    /// The BizTalk application the group belongs to (BINDINGS.md §10.6); informative only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub binding_xml: BindingXml,
}

/// `{ "kind": "always" | "window" | "firstAttempts" | "random", ... }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FailureSpec {
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndpointSpec {
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<FailureSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Context>,
}

/// `{ port }` or `{ group }` (exactly one) for lifecycle actions and `send`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TargetSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// `publish` and `send` bodies. For `publish`, `port`/`group` must be absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InjectSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `resume` / `terminate` body: `"all"`, `{ port }`, `{ message }` or `{ message, port }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SelectorSpec {
    All(String),
    Some(SelectorFieldsSpec),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SelectorFieldsSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Every copy that came via this group (it stands alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// One script entry: `at` plus exactly one action field (checked by validation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScriptEntrySpec {
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish: Option<InjectSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send: Option<InjectSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enlist: Option<TargetSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<TargetSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<TargetSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unenlist: Option<TargetSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume: Option<SelectorSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminate: Option<SelectorSpec>,
}

impl ScenarioSpec {
    /// An empty scenario with the current format tag.
    pub fn empty(name: &str) -> Self {
        ScenarioSpec { format: SCENARIO_FORMAT.to_string(), name: name.to_string(), ..Default::default() }
    }

    /// Reads a scenario text (stage one only: structure, not ranges or references); the inverse
    /// of `to_json`. Every structural error is returned, each with its JSON path.
    pub fn from_json(text: &str) -> Result<Self, super::error::LoadError> {
        super::parse::parse_spec(text)
    }

    /// Pretty JSON, the form the browser exports and the presets are written in.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}

impl ScriptEntrySpec {
    /// A script (or one entry, `std::slice::from_ref`) as pretty JSON, written as `ScenarioSpec::
    /// to_json` writes its `script`. The page's editors serialise script entries only through here,
    /// so its wasm links one serialiser of the script types, the one `to_json` needs anyway
    /// (issue 14 §2); `parse::parse_script` reads the text back.
    pub fn list_to_json(script: &[ScriptEntrySpec]) -> String {
        serde_json::to_string_pretty(script).unwrap_or_default()
    }
}
