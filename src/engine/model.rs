//! The validated scenario model: what `scenario::load_scenario` produces and `Simulation` runs.
//!
//! Every value here has already been checked against SCENARIO.md's ranges, so the engine cannot
//! fail on it (DESIGN invariant 7). The JSON form is `scenario::spec::ScenarioSpec`.

use super::context::{Context, ContextValue};
use super::time::{ClockOfDay, SimDuration, SimTime};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The four entries of the console's Send Ports → New menu (seed 000, §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PortKind {
    StaticOneWay,
    StaticSolicitResponse,
    DynamicOneWay,
    DynamicSolicitResponse,
}

impl PortKind {
    pub const ALL: [PortKind; 4] = [
        PortKind::StaticOneWay,
        PortKind::StaticSolicitResponse,
        PortKind::DynamicOneWay,
        PortKind::DynamicSolicitResponse,
    ];
    /// §1: static ports carry their own transport type and address.
    pub fn is_static(self) -> bool {
        matches!(self, PortKind::StaticOneWay | PortKind::StaticSolicitResponse)
    }
    pub fn is_dynamic(self) -> bool {
        !self.is_static()
    }
    /// §9: a solicit-response port waits for a response and publishes it.
    pub fn is_solicit_response(self) -> bool {
        matches!(self, PortKind::StaticSolicitResponse | PortKind::DynamicSolicitResponse)
    }
    /// Rule G4: only static one-way ports can be members of a send port group.
    pub fn can_join_group(self) -> bool {
        self == PortKind::StaticOneWay
    }
    /// The scenario-format name (`static-one-way`, ...).
    pub fn code(self) -> &'static str {
        match self {
            PortKind::StaticOneWay => "static-one-way",
            PortKind::StaticSolicitResponse => "static-solicit-response",
            PortKind::DynamicOneWay => "dynamic-one-way",
            PortKind::DynamicSolicitResponse => "dynamic-solicit-response",
        }
    }
}

/// Bound / Stopped / Started (seed 002, §2; WMI Status 1/2/3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum LifecycleState {
    #[default]
    Bound,
    Stopped,
    Started,
}

impl LifecycleState {
    /// Enlisted = has subscriptions (Stopped or Started), §2.
    pub fn is_enlisted(self) -> bool {
        self != LifecycleState::Bound
    }
    pub fn code(self) -> &'static str {
        match self {
            LifecycleState::Bound => "bound",
            LifecycleState::Stopped => "stopped",
            LifecycleState::Started => "started",
        }
    }
}

impl fmt::Display for LifecycleState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LifecycleState::Bound => "Bound",
            LifecycleState::Stopped => "Stopped",
            LifecycleState::Started => "Started",
        })
    }
}

/// The lifecycle actions of table L1–L4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LifecycleAction {
    Enlist,
    Start,
    Stop,
    Unenlist,
}

impl LifecycleAction {
    pub const ALL: [LifecycleAction; 4] =
        [LifecycleAction::Enlist, LifecycleAction::Start, LifecycleAction::Stop, LifecycleAction::Unenlist];
    pub fn code(self) -> &'static str {
        match self {
            LifecycleAction::Enlist => "enlist",
            LifecycleAction::Start => "start",
            LifecycleAction::Stop => "stop",
            LifecycleAction::Unenlist => "unenlist",
        }
    }
    /// The rule id of the seed's action table row.
    pub fn rule_id(self) -> &'static str {
        match self {
            LifecycleAction::Enlist => "L1",
            LifecycleAction::Start => "L2",
            LifecycleAction::Stop => "L3",
            LifecycleAction::Unenlist => "L4",
        }
    }
}

/// A send port or a send port group, by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    Port(String),
    Group(String),
}

impl Target {
    pub fn name(&self) -> &str {
        match self {
            Target::Port(n) | Target::Group(n) => n,
        }
    }
}

/// Filter operators (§3; binding codes 0 ==, 1 <, 2 <=, 3 >, 4 >=, 5 !=, 6 Exists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FilterOperator {
    #[serde(rename = "==")]
    Equals,
    #[serde(rename = "!=")]
    NotEquals,
    #[serde(rename = "<")]
    Less,
    #[serde(rename = "<=")]
    LessOrEqual,
    #[serde(rename = ">")]
    Greater,
    #[serde(rename = ">=")]
    GreaterOrEqual,
    #[serde(rename = "exists")]
    Exists,
}

impl FilterOperator {
    pub const ALL: [FilterOperator; 7] = [
        FilterOperator::Equals,
        FilterOperator::NotEquals,
        FilterOperator::Less,
        FilterOperator::LessOrEqual,
        FilterOperator::Greater,
        FilterOperator::GreaterOrEqual,
        FilterOperator::Exists,
    ];
    pub fn symbol(self) -> &'static str {
        match self {
            FilterOperator::Equals => "==",
            FilterOperator::NotEquals => "!=",
            FilterOperator::Less => "<",
            FilterOperator::LessOrEqual => "<=",
            FilterOperator::Greater => ">",
            FilterOperator::GreaterOrEqual => ">=",
            FilterOperator::Exists => "exists",
        }
    }
    pub fn from_symbol(s: &str) -> Option<FilterOperator> {
        FilterOperator::ALL.into_iter().find(|op| op.symbol() == s)
    }
}

/// One predicate `property operator value` (no value for `exists`).
#[derive(Debug, Clone, PartialEq)]
pub struct Predicate {
    pub property: String,
    pub operator: FilterOperator,
    pub value: Option<ContextValue>,
}

/// §3 DECISION: a filter is an OR of AND-groups; an empty filter means "no filter subscription".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    pub groups: Vec<Vec<Predicate>>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// A primary or backup transport (§1, §6; seed 004).
#[derive(Debug, Clone, PartialEq)]
pub struct TransportConfig {
    pub transport: String,
    pub address: String,
    /// 0–1000, default 3.
    pub retry_count: u32,
    /// 0–525,600 minutes, default 5 minutes.
    pub retry_interval: SimDuration,
    /// Host name; default `BizTalkServerApplication`.
    pub send_handler: String,
}

pub const DEFAULT_SEND_HANDLER: &str = "BizTalkServerApplication";
pub const DEFAULT_RETRY_COUNT: u32 = 3;
pub const MAX_RETRY_COUNT: u32 = 1000;
pub const DEFAULT_RETRY_INTERVAL_MINUTES: u64 = 5;
pub const MAX_RETRY_INTERVAL_MINUTES: u64 = 525_600;
pub const DEFAULT_PRIORITY: u8 = 5;
/// Adapters that cannot be used on a solicit-response port (SCENARIO.md).
pub const ONE_WAY_ONLY_ADAPTERS: [&str; 4] = ["FILE", "FTP", "SFTP", "SMTP"];
/// Adapters the UI offers (SCENARIO.md lists these as examples; any name is accepted).
pub const KNOWN_ADAPTERS: [&str; 8] = ["FILE", "HTTP", "FTP", "SMTP", "SOAP", "WCF-BasicHttp", "MQSeries", "SFTP"];

/// A daily service window (§8): start inclusive, stop exclusive; `to < from` wraps midnight;
/// `from == to` is always open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceWindow {
    pub from: ClockOfDay,
    pub to: ClockOfDay,
}

/// A validated send port.
#[derive(Debug, Clone, PartialEq)]
pub struct PortConfig {
    pub name: String,
    pub kind: PortKind,
    pub state: LifecycleState,
    pub filter: Filter,
    /// `Some` exactly for static kinds.
    pub primary: Option<TransportConfig>,
    /// Never on dynamic kinds; kept but ignored on ordered ports (§7, with a warning).
    pub backup: Option<TransportConfig>,
    pub ordered_delivery: bool,
    pub stop_on_failure: bool,
    pub service_window: Option<ServiceWindow>,
    /// 1 (highest) – 10, default 5 (§10).
    pub priority: u8,
    pub route_failed_messages: bool,
}

/// A validated send port group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupConfig {
    pub name: String,
    pub state: LifecycleState,
    /// Names of static one-way ports, in file order, no duplicates (G4).
    pub members: Vec<String>,
    pub filter: Filter,
}

/// When an attempt against an endpoint fails.
#[derive(Debug, Clone, PartialEq)]
pub enum FailureRule {
    Always,
    /// Attempts that *start* in `[from, to)` fail.
    Window {
        from: SimTime,
        to: SimTime,
    },
    /// The first `count` attempts against this address fail.
    FirstAttempts {
        count: u32,
    },
    /// Each attempt fails with this probability, drawn from the scenario's RNG.
    Random {
        probability: f64,
    },
}

/// A simulated partner system, keyed by address.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointConfig {
    pub address: String,
    pub latency: SimDuration,
    pub failures: Vec<FailureRule>,
    /// Context of the response a solicit-response port receives (§9).
    pub response: Context,
}

/// Which suspended instances a `resume` / `terminate` applies to.
#[derive(Debug, Clone, PartialEq)]
pub enum InstanceSelector {
    /// Every instance of this port (`{ "port": "SP" }`).
    Port(String),
    /// Every instance of this message (`{ "message": "M3" }`), optionally only on one port
    /// (`{ "message": "M3", "port": "SP" }`, used by the UI to act on one selected instance).
    Message { message: String, port: Option<String> },
    /// Every instance that came through this send port group (`{ "group": "SPG" }`): SEMANTICS §4
    /// DECISION "Resume all suspended for this port/group" as a bulk action.
    Group(String),
    /// `"all"`.
    All,
}

/// A message injected by the script or the UI.
#[derive(Debug, Clone, PartialEq)]
pub struct Injection {
    /// `None` = publish to the MessageBox (filters decide); `Some` = send straight to a port/group.
    pub target: Option<Target>,
    pub context: Context,
    pub count: u32,
    pub every: SimDuration,
    /// Only with `count == 1`.
    pub id: Option<String>,
}

/// One action of the script (or one the user performs at the current time in the UI).
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Inject(Injection),
    Lifecycle { action: LifecycleAction, target: Target },
    Resume(InstanceSelector),
    Terminate(InstanceSelector),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScriptEntry {
    pub at: SimTime,
    pub action: Action,
}

/// A configuration warning (e.g. backup ignored on an ordered port), with its JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub path: String,
    pub message: String,
}

/// A validated scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub seed: u64,
    pub start_clock: ClockOfDay,
    pub until: SimTime,
    pub ports: Vec<PortConfig>,
    pub groups: Vec<GroupConfig>,
    pub endpoints: Vec<EndpointConfig>,
    pub script: Vec<ScriptEntry>,
    pub warnings: Vec<Warning>,
    /// Work limits of a run (issue 9 §4): the scenario's optional `limits`, else the defaults.
    pub limits: super::limits::Limits,
}
