//! The Group Hub's query and grouped counts, like BizTalk's Group Hub page (§12: suspended
//! instances "grouped by application, service, error code, URI"): filter by status, send port,
//! group, host, suspend reason, message id and creation time range; count the matching instances
//! by port, by reason or by endpoint address.
//!
//! One pass over the engine's compact instance rows (`Simulation::instance_rows`: ids and enums,
//! no text) per query change — the hub memoises it on the simulation version; names are looked up
//! per port / group / message, not per instance (a message name only when the message changes,
//! an endpoint address only when grouping or filtering by it), and the hub builds only the page of
//! rows on screen: cheap at 400,000 instances. Pure, tested natively.

use super::observe_util::status_index;
use crate::engine::simulation::{InstanceInfo, InstanceStatus, Simulation, SuspendReason};
use std::collections::{BTreeMap, BTreeSet};

/// One instance as the query sees it: names borrowed from the scenario, the message by index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueryRow<'a> {
    pub id: u64,
    pub message: u32,
    pub port: &'a str,
    pub via: Option<&'a str>,
    pub host: &'a str,
    pub status: InstanceStatus,
    pub reason: Option<SuspendReason>,
    pub created_ms: u64,
}

/// The hub's query (`None` / empty = any).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HubQuery {
    pub status: Option<InstanceStatus>,
    pub port: Option<String>,
    /// `Some("")` = only copies sent directly (not via a group).
    pub group: Option<String>,
    pub host: Option<String>,
    pub reason: Option<SuspendReason>,
    /// The endpoint address of the last attempt (`Some("")` = no attempt yet).
    pub address: Option<String>,
    /// An exact message id (`M12`), trimmed; empty = any.
    pub message: String,
    /// Created at or after / at or before (virtual milliseconds).
    pub from_ms: Option<u64>,
    pub to_ms: Option<u64>,
}

impl HubQuery {
    /// Every field but the status, message id and address (the status counts are taken over
    /// every field but the status; message and address are resolved by `scan` only when set).
    fn matches_cheap(&self, r: &QueryRow<'_>) -> bool {
        self.port.as_ref().is_none_or(|p| p == r.port)
            && self.group.as_ref().is_none_or(|g| r.via.unwrap_or("") == g.as_str())
            && self.host.as_ref().is_none_or(|h| h == r.host)
            && self.reason.is_none_or(|x| r.reason == Some(x))
            && self.from_ms.is_none_or(|f| r.created_ms >= f)
            && self.to_ms.is_none_or(|t| r.created_ms <= t)
    }
    /// True when any field is set.
    pub fn is_narrowed(&self) -> bool {
        *self != HubQuery::default()
    }
}

/// What the grouped counts group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    Port,
    Reason,
    Address,
}

impl GroupBy {
    pub const ALL: [GroupBy; 3] = [GroupBy::Port, GroupBy::Reason, GroupBy::Address];
    pub fn code(self) -> &'static str {
        match self {
            GroupBy::Port => "port",
            GroupBy::Reason => "reason",
            GroupBy::Address => "address",
        }
    }
}

/// One grouped-count row: the key (a port name, a reason code or an endpoint address; empty =
/// none) and the matching instances by status (`InstanceStatus::ALL` order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow {
    pub key: String,
    pub counts: [usize; 6],
}

impl GroupRow {
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// The result of one query: matching rows, status counts, the distinct values of the comboboxes
/// and the grouped counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HubScan {
    /// Ids of the matching instances, in creation order.
    pub indices: Vec<u64>,
    /// Per status, the instances matching every field but the status.
    pub counts: [usize; 6],
    pub ports: Vec<String>,
    pub groups: Vec<String>,
    pub hosts: Vec<String>,
    pub reasons: Vec<SuspendReason>,
    /// Grouped counts of the matches, largest first (then by key).
    pub grouped: Vec<GroupRow>,
}

/// Runs the query in one pass over `rows`; `message_name(m)` names message `m`, `address(id)` is
/// the endpoint address of instance `id`'s last attempt ("" before any).
pub fn scan<'a>(
    rows: impl Iterator<Item = QueryRow<'a>>,
    message_name: impl Fn(u32) -> String,
    address: impl Fn(u64) -> String,
    q: &HubQuery,
    by: GroupBy,
) -> HubScan {
    let mut out = HubScan::default();
    let mut ports: BTreeSet<&str> = BTreeSet::new();
    let mut groups: BTreeSet<&str> = BTreeSet::new();
    let mut hosts: BTreeSet<&str> = BTreeSet::new();
    let mut reasons: BTreeSet<usize> = BTreeSet::new();
    let mut grouped: BTreeMap<String, [usize; 6]> = BTreeMap::new();
    // Instances of one message are created together: its name is resolved once per run of rows.
    let mut last_message: Option<(u32, bool)> = None;
    for r in rows {
        ports.insert(r.port);
        if let Some(g) = r.via {
            groups.insert(g);
        }
        hosts.insert(r.host);
        if let Some(x) = r.reason {
            reasons.insert(SuspendReason::ALL.iter().position(|y| *y == x).unwrap_or(0));
        }
        if !q.matches_cheap(&r) {
            continue;
        }
        if !q.message.is_empty() {
            let ok = match last_message {
                Some((m, ok)) if m == r.message => ok,
                _ => {
                    let ok = message_name(r.message) == q.message;
                    last_message = Some((r.message, ok));
                    ok
                }
            };
            if !ok {
                continue;
            }
        }
        let addr = (q.address.is_some() || by == GroupBy::Address).then(|| address(r.id));
        if let (Some(want), Some(have)) = (&q.address, &addr) {
            if want != have {
                continue;
            }
        }
        let s = status_index(r.status);
        out.counts[s] += 1;
        if q.status.is_some_and(|st| st != r.status) {
            continue;
        }
        out.indices.push(r.id);
        let key = match by {
            GroupBy::Port => r.port.to_string(),
            GroupBy::Reason => r.reason.map_or("", |x| x.code()).to_string(),
            GroupBy::Address => addr.unwrap_or_default(),
        };
        grouped.entry(key).or_insert([0; 6])[s] += 1;
    }
    out.ports = ports.into_iter().map(str::to_string).collect();
    out.groups = groups.into_iter().map(str::to_string).collect();
    out.hosts = hosts.into_iter().map(str::to_string).collect();
    out.reasons = reasons.into_iter().filter_map(|i| SuspendReason::ALL.get(i).copied()).collect();
    let mut rows: Vec<GroupRow> = grouped.into_iter().map(|(key, counts)| GroupRow { key, counts }).collect();
    rows.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.key.cmp(&b.key)));
    out.grouped = rows;
    out
}

/// The names a query needs from the scenario: port names, each port's send handler host, group
/// names (indexed as in the engine rows).
pub struct Names {
    pub ports: Vec<String>,
    pub hosts: Vec<String>,
    pub groups: Vec<String>,
}

impl Names {
    pub fn of(sim: &Simulation) -> Names {
        let sc = sim.scenario();
        Names {
            ports: sc.ports.iter().map(|p| p.name.clone()).collect(),
            hosts: (0..sc.ports.len() as u32).map(|p| sim.host_of_port(p).unwrap_or_default()).collect(),
            groups: sc.groups.iter().map(|g| g.name.clone()).collect(),
        }
    }
    /// The engine's rows as query rows.
    pub fn rows<'a>(&'a self, sim: &'a Simulation) -> impl Iterator<Item = QueryRow<'a>> + 'a {
        sim.instance_rows().map(move |r| QueryRow {
            id: r.id,
            message: r.message,
            port: self.ports.get(r.port as usize).map_or("", String::as_str),
            via: r.via.and_then(|g| self.groups.get(g as usize)).map(String::as_str),
            host: self.hosts.get(r.port as usize).map_or("", String::as_str),
            status: r.status,
            reason: r.reason,
            created_ms: r.created.as_ms(),
        })
    }
}

/// The hub's query over the simulation's compact rows.
pub fn scan_sim(sim: &Simulation, q: &HubQuery, by: GroupBy) -> HubScan {
    let names = Names::of(sim);
    scan(names.rows(sim), |m| sim.message_name(m).unwrap_or_default(), |id| sim.last_address(id), q, by)
}

/// How many instances a "Resume all" (`resume`) or "Terminate all" for a port or a group would
/// act on (§5: Resume applies to Suspended (resumable), Terminate to anything not final).
pub fn count_for<'a>(
    rows: impl Iterator<Item = QueryRow<'a>>,
    port: Option<&str>,
    group: Option<&str>,
    resume: bool,
) -> usize {
    rows.filter(|r| port.is_none_or(|p| r.port == p) && group.is_none_or(|g| r.via == Some(g)))
        .filter(|r| if resume { r.status == InstanceStatus::SuspendedResumable } else { !r.status.is_final() })
        .count()
}

/// A kept `InstanceInfo` as a query row (tests and reference computations).
pub fn row_of(info: &InstanceInfo, message: u32) -> QueryRow<'_> {
    QueryRow {
        id: info.id,
        message,
        port: &info.port,
        via: info.via.as_deref(),
        host: &info.host,
        status: info.status,
        reason: info.reason,
        created_ms: info.created.as_ms(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::simulation::{Attempt, TransportSlot};
    use crate::engine::time::SimTime;

    fn info(id: u64, message: &str, port: &str, via: Option<&str>, status: InstanceStatus) -> InstanceInfo {
        InstanceInfo {
            id,
            message: message.into(),
            port: port.into(),
            via: via.map(str::to_string),
            host: if id.is_multiple_of(2) { "H2".into() } else { "H1".into() },
            status,
            reason: (status == InstanceStatus::SuspendedResumable).then_some(SuspendReason::TransportFailure),
            created: SimTime(id * 60_000),
            completed: None,
            service_instance: None,
            attempts: vec![Attempt {
                transport: TransportSlot::Primary,
                address: format!("C:\\out\\{port}"),
                start: SimTime(id * 60_000),
                end: None,
                ok: None,
            }],
            marks: Vec::new(),
        }
    }

    /// The query over kept `InstanceInfo`s (message index = position of its name among the distinct
    /// names; address = the last attempt's).
    fn run(all: &[InstanceInfo], q: &HubQuery, by: GroupBy) -> HubScan {
        let mut names: Vec<&str> = all.iter().map(|i| i.message.as_str()).collect();
        names.dedup();
        let index = |m: &str| names.iter().position(|n| *n == m).unwrap_or(0) as u32;
        let address = |id: u64| {
            all.iter()
                .find(|i| i.id == id)
                .and_then(|i| i.attempts.last())
                .map(|a| a.address.clone())
                .unwrap_or_default()
        };
        scan(all.iter().map(|i| row_of(i, index(&i.message))), |m| names[m as usize].to_string(), address, q, by)
    }

    fn all() -> Vec<InstanceInfo> {
        vec![
            info(1, "M1", "SP_A", None, InstanceStatus::Completed),
            info(2, "M1", "SP_A", Some("SPG"), InstanceStatus::SuspendedResumable),
            info(3, "M2", "SP_B", Some("SPG"), InstanceStatus::SuspendedResumable),
            info(4, "M3", "SP_A", None, InstanceStatus::Active),
        ]
    }

    #[test]
    fn every_query_field_narrows_and_status_counts_ignore_the_status_field() {
        let all = all();
        let q = |f: &dyn Fn(&mut HubQuery)| {
            let mut q = HubQuery::default();
            f(&mut q);
            run(&all, &q, GroupBy::Port).indices
        };
        assert_eq!(q(&|_| {}), vec![1, 2, 3, 4]);
        assert_eq!(q(&|q| q.status = Some(InstanceStatus::SuspendedResumable)), vec![2, 3]);
        assert_eq!(q(&|q| q.port = Some("SP_A".into())), vec![1, 2, 4]);
        assert_eq!(q(&|q| q.group = Some("SPG".into())), vec![2, 3]);
        assert_eq!(q(&|q| q.group = Some(String::new())), vec![1, 4], "direct copies only");
        assert_eq!(q(&|q| q.host = Some("H2".into())), vec![2, 4]);
        assert_eq!(q(&|q| q.reason = Some(SuspendReason::TransportFailure)), vec![2, 3]);
        assert_eq!(q(&|q| q.message = "M1".into()), vec![1, 2]);
        assert_eq!(q(&|q| q.address = Some("C:\\out\\SP_B".into())), vec![3]);
        assert_eq!(q(&|q| (q.from_ms, q.to_ms) = (Some(120_000), Some(180_000))), vec![2, 3]);
        let s = run(
            &all,
            &HubQuery { status: Some(InstanceStatus::Active), port: Some("SP_A".into()), ..HubQuery::default() },
            GroupBy::Port,
        );
        assert_eq!(s.indices, vec![4]);
        assert_eq!(s.counts, [1, 0, 1, 0, 1, 0], "SP_A by status, whatever the status field");
        assert_eq!(s.ports, vec!["SP_A", "SP_B"]);
        assert_eq!(s.groups, vec!["SPG"]);
        assert_eq!(s.hosts, vec!["H1", "H2"]);
        assert_eq!(s.reasons, vec![SuspendReason::TransportFailure]);
    }

    #[test]
    fn grouped_counts_by_port_reason_and_address_largest_first() {
        let all = all();
        let rows = |by| run(&all, &HubQuery::default(), by).grouped;
        let by_port = rows(GroupBy::Port);
        assert_eq!(
            by_port.iter().map(|r| (r.key.as_str(), r.total())).collect::<Vec<_>>(),
            vec![("SP_A", 3), ("SP_B", 1)]
        );
        assert_eq!(by_port[0].counts, [1, 0, 1, 0, 1, 0]);
        let by_reason = rows(GroupBy::Reason);
        assert_eq!(
            by_reason.iter().map(|r| (r.key.as_str(), r.total())).collect::<Vec<_>>(),
            vec![("", 2), ("transport-failure", 2)]
        );
        let by_address = rows(GroupBy::Address);
        assert_eq!(by_address[0].key, "C:\\out\\SP_A");
        assert_eq!(by_address[0].total(), 3);
    }

    #[test]
    fn resume_and_terminate_all_counts_per_port_and_group() {
        let all = all();
        assert_eq!(count_for(all.iter().map(|i| row_of(i, 0)), Some("SP_A"), None, true), 1);
        assert_eq!(count_for(all.iter().map(|i| row_of(i, 0)), Some("SP_A"), None, false), 2, "Completed is final");
        assert_eq!(count_for(all.iter().map(|i| row_of(i, 0)), None, Some("SPG"), true), 2);
        assert_eq!(count_for(all.iter().map(|i| row_of(i, 0)), None, Some("SPG"), false), 2);
    }

    #[test]
    fn four_hundred_thousand_instances_scan_in_one_pass() {
        let many: Vec<InstanceInfo> = (1..=400_000)
            .map(|n| {
                info(
                    n,
                    "M",
                    if n.is_multiple_of(3) { "SP_A" } else { "SP_B" },
                    None,
                    InstanceStatus::SuspendedResumable,
                )
            })
            .collect();
        let s = run(&many, &HubQuery { port: Some("SP_A".into()), ..HubQuery::default() }, GroupBy::Reason);
        assert_eq!(s.indices.len(), 133_333);
        assert_eq!(s.grouped.len(), 1);
    }

    /// The query over the engine's compact rows answers exactly what it answers over the kept
    /// `instances()` view, for every field the hub can set.
    #[test]
    fn row_scan_equals_the_view_scan() {
        let json = super::super::observe_util::ROW_QUERY_FIXTURE;
        let scenario = crate::engine::load_scenario(json).unwrap_or_else(|e| panic!("{e}"));
        let mut sim = Simulation::new(&scenario);
        sim.keep_instances_current(true);
        sim.run_to_end();
        let view = sim.instances().to_vec();
        assert!(view.len() > 8);
        let queries = [
            HubQuery::default(),
            HubQuery { status: Some(InstanceStatus::SuspendedResumable), ..HubQuery::default() },
            HubQuery { port: Some("SP_A".into()), ..HubQuery::default() },
            HubQuery { group: Some("G".into()), ..HubQuery::default() },
            HubQuery { group: Some(String::new()), ..HubQuery::default() },
            HubQuery { host: Some("H2".into()), ..HubQuery::default() },
            HubQuery { reason: Some(SuspendReason::SendPortStopped), ..HubQuery::default() },
            HubQuery { message: "M2".into(), ..HubQuery::default() },
            HubQuery { address: Some("a".into()), ..HubQuery::default() },
            HubQuery { from_ms: Some(1_000), to_ms: Some(2_000), ..HubQuery::default() },
        ];
        for q in &queries {
            for by in GroupBy::ALL {
                assert_eq!(scan_sim(&sim, q, by), run(&view, q, by), "{q:?} {by:?}");
            }
        }
    }
}
