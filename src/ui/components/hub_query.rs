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

/// One instance as the query sees it: ports and groups by index into `Names`, the message by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryRow {
    pub id: u64,
    pub message: u32,
    /// Index into `Names::ports` (and `Names::hosts`).
    pub port: u32,
    /// Index into `Names::groups`.
    pub via: Option<u32>,
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
    /// True when any field is set.
    pub fn is_narrowed(&self) -> bool {
        *self != HubQuery::default()
    }
}

/// The query's name fields resolved once to indices, so the per-row test compares integers
/// (issue 9 §7: one pass over 1,000,000 rows stays well under 100 ms in the page).
struct Resolved {
    /// Per port index: the port and host fields accept it.
    port_ok: Vec<bool>,
    /// `None` = any group; `Some(None)` = direct copies only; `Some(Some(g))` = via group `g`
    /// (`u32::MAX` when no group has that name: nothing matches).
    group: Option<Option<u32>>,
    reason: Option<SuspendReason>,
    from_ms: Option<u64>,
    to_ms: Option<u64>,
}

impl Resolved {
    fn new(q: &HubQuery, names: &Names) -> Resolved {
        let port_ok = (0..names.ports.len())
            .map(|p| {
                q.port.as_ref().is_none_or(|want| *want == names.ports[p])
                    && q.host.as_ref().is_none_or(|want| names.hosts.get(p).is_some_and(|h| h == want))
            })
            .collect();
        let group = q.group.as_ref().map(|g| {
            if g.is_empty() {
                None
            } else {
                Some(names.groups.iter().position(|n| n == g).map_or(u32::MAX, |i| i as u32))
            }
        });
        Resolved { port_ok, group, reason: q.reason, from_ms: q.from_ms, to_ms: q.to_ms }
    }
    /// Every field but the status, message id and address.
    fn matches(&self, r: &QueryRow) -> bool {
        self.port_ok.get(r.port as usize).copied().unwrap_or(false)
            && self.group.is_none_or(|g| r.via == g)
            && self.reason.is_none_or(|x| r.reason == Some(x))
            && self.from_ms.is_none_or(|f| r.created_ms >= f)
            && self.to_ms.is_none_or(|t| r.created_ms <= t)
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

/// Runs the query in one pass over `rows` (names by index in `names`); `message_name(m)` names
/// message `m`, `address(id)` is the endpoint address of instance `id`'s last attempt ("" before
/// any). Per row: integer tests and counters only — a message name is resolved once per run of
/// rows of one message, an address only when filtering or grouping by it.
pub fn scan(
    rows: impl Iterator<Item = QueryRow>,
    names: &Names,
    message_name: impl Fn(u32) -> String,
    address: impl Fn(u64) -> String,
    q: &HubQuery,
    by: GroupBy,
) -> HubScan {
    let mut out = HubScan::default();
    // One allocation for the matches (no regrowth copies at 1,000,000 rows).
    out.indices.reserve(rows.size_hint().0);
    let filter = Resolved::new(q, names);
    let mut seen_port = vec![false; names.ports.len()];
    let mut seen_group = vec![false; names.groups.len()];
    let mut seen_reason = [false; SuspendReason::ALL.len()];
    let mut by_port = vec![[0usize; 6]; names.ports.len()];
    let mut by_reason = [[0usize; 6]; SuspendReason::ALL.len() + 1];
    let mut by_address: BTreeMap<String, [usize; 6]> = BTreeMap::new();
    // Instances of one message are created together: its name is resolved once per run of rows.
    let mut last_message: Option<(u32, bool)> = None;
    for r in rows {
        if let Some(seen) = seen_port.get_mut(r.port as usize) {
            *seen = true;
        }
        if let Some(seen) = r.via.and_then(|g| seen_group.get_mut(g as usize)) {
            *seen = true;
        }
        let reason_ix = r.reason.map(reason_index);
        if let Some(x) = reason_ix {
            seen_reason[x] = true;
        }
        if !filter.matches(&r) {
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
        match by {
            GroupBy::Port => {
                if let Some(c) = by_port.get_mut(r.port as usize) {
                    c[s] += 1;
                }
            }
            GroupBy::Reason => by_reason[reason_ix.map_or(0, |x| x + 1)][s] += 1,
            GroupBy::Address => by_address.entry(addr.unwrap_or_default()).or_insert([0; 6])[s] += 1,
        }
    }
    let distinct = |names: &[String], seen: &[bool]| -> Vec<String> {
        let mut set = BTreeSet::new();
        set.extend(names.iter().zip(seen).filter(|(_, s)| **s).map(|(n, _)| n.as_str()));
        set.into_iter().map(str::to_string).collect()
    };
    out.ports = distinct(&names.ports, &seen_port);
    out.groups = distinct(&names.groups, &seen_group);
    out.hosts = distinct(&names.hosts, &seen_port);
    out.reasons = SuspendReason::ALL.iter().zip(seen_reason).filter(|(_, s)| *s).map(|(r, _)| *r).collect();
    let mut grouped: BTreeMap<String, [usize; 6]> = BTreeMap::new();
    let mut add = |key: &str, counts: [usize; 6]| {
        if counts.iter().any(|n| *n > 0) {
            let slot = grouped.entry(key.to_string()).or_insert([0; 6]);
            for (a, b) in slot.iter_mut().zip(counts) {
                *a += b;
            }
        }
    };
    match by {
        GroupBy::Port => by_port.iter().enumerate().for_each(|(p, c)| add(&names.ports[p], *c)),
        GroupBy::Reason => by_reason
            .iter()
            .enumerate()
            .for_each(|(x, c)| add(x.checked_sub(1).map_or("", |x| SuspendReason::ALL[x].code()), *c)),
        GroupBy::Address => grouped = by_address,
    }
    let mut rows: Vec<GroupRow> = grouped.into_iter().map(|(key, counts)| GroupRow { key, counts }).collect();
    // Most instances first; `grouped` is in key order and the shared sort is stable, so equal
    // totals stay by key (one copy of the sort for the whole page, issue 14 §2).
    crate::engine::sort_key::sort_by_u64_key(&mut rows, |r| u64::MAX - r.total() as u64);
    out.grouped = rows;
    out
}

fn reason_index(x: SuspendReason) -> usize {
    SuspendReason::ALL.iter().position(|y| *y == x).unwrap_or(0)
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
    /// The index of port `name`.
    pub fn port_index(&self, name: &str) -> Option<u32> {
        self.ports.iter().position(|p| p == name).map(|i| i as u32)
    }
    /// The index of group `name`.
    pub fn group_index(&self, name: &str) -> Option<u32> {
        self.groups.iter().position(|g| g == name).map(|i| i as u32)
    }
}

/// The engine's rows as query rows.
pub fn rows_of(sim: &Simulation) -> impl Iterator<Item = QueryRow> + '_ {
    sim.instance_rows().map(|r| QueryRow {
        id: r.id,
        message: r.message,
        port: r.port,
        via: r.via,
        status: r.status,
        reason: r.reason,
        created_ms: r.created.as_ms(),
    })
}

/// The hub's query over the simulation's compact rows.
pub fn scan_sim(sim: &Simulation, q: &HubQuery, by: GroupBy) -> HubScan {
    let names = Names::of(sim);
    scan(rows_of(sim), &names, |m| sim.message_name(m).unwrap_or_default(), |id| sim.last_address(id), q, by)
}

/// How many instances a "Resume all" (`resume`) or "Terminate all" for a port or a group (by
/// index) would act on (§5: Resume applies to Suspended (resumable), Terminate to anything not final).
pub fn count_for(rows: impl Iterator<Item = QueryRow>, port: Option<u32>, group: Option<u32>, resume: bool) -> usize {
    rows.filter(|r| port.is_none_or(|p| r.port == p) && group.is_none_or(|g| r.via == Some(g)))
        .filter(|r| if resume { r.status == InstanceStatus::SuspendedResumable } else { !r.status.is_final() })
        .count()
}

/// Names of kept `InstanceInfo`s (tests and reference computations): ports and groups in
/// first-seen order, each port's host.
pub fn names_of(infos: &[InstanceInfo]) -> Names {
    let mut names = Names { ports: Vec::new(), hosts: Vec::new(), groups: Vec::new() };
    for i in infos {
        if names.port_index(&i.port).is_none() {
            names.ports.push(i.port.clone());
            names.hosts.push(i.host.clone());
        }
        if let Some(g) = &i.via {
            if names.group_index(g).is_none() {
                names.groups.push(g.clone());
            }
        }
    }
    names
}

/// A kept `InstanceInfo` as a query row over `names` (tests and reference computations).
pub fn row_of(info: &InstanceInfo, message: u32, names: &Names) -> QueryRow {
    QueryRow {
        id: info.id,
        message,
        port: names.port_index(&info.port).unwrap_or(u32::MAX),
        via: info.via.as_deref().map(|g| names.group_index(g).unwrap_or(u32::MAX)),
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
            // A port's instances run on its send handler's host (one per port).
            host: if port == "SP_A" { "H1".into() } else { "H2".into() },
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
        let table = names_of(all);
        let rows = all.iter().map(|i| row_of(i, index(&i.message), &table));
        scan(rows, &table, |m| names[m as usize].to_string(), address, q, by)
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
        assert_eq!(q(&|q| q.host = Some("H2".into())), vec![3]);
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
        let names = names_of(&all);
        let rows = || all.iter().map(|i| row_of(i, 0, &names));
        let (sp_a, spg) = (names.port_index("SP_A"), names.group_index("SPG"));
        assert_eq!(count_for(rows(), sp_a, None, true), 1);
        assert_eq!(count_for(rows(), sp_a, None, false), 2, "Completed is final");
        assert_eq!(count_for(rows(), None, spg, true), 2);
        assert_eq!(count_for(rows(), None, spg, false), 2);
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
