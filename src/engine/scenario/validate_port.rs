//! Validation of send ports, send port groups and filters (SCENARIO.md "Send ports", "Send port
//! groups"; SEMANTICS §1, §2, §6, §7, §8, §10).
//!
//! ```text
//!  PortSpec  ──▶ name (unique) ─ kind (4 codes) ─ state ─ filter ─ primary/backup (§1 static vs
//!                dynamic; one-way adapters on solicit-response) ─ ordered delivery (§7) ─
//!                service window (§8) ─ priority (§10) ─ failed message routing (§6)
//!  GroupSpec ──▶ name (unique) ─ state ─ members (exist, G4, no duplicates) ─ G1 ─ filter
//! ```

use super::json_walk::{index, join, quote};
use super::spec::{FilterSpec, GroupSpec, PortSpec, TransportSpec};
use super::validate::{name_list, Checker};
use super::ScenarioErrorKind;
use crate::engine::model::{
    Filter, FilterOperator, GroupConfig, LifecycleState, PortConfig, PortKind, Predicate, ServiceWindow,
    TransportConfig, DEFAULT_PRIORITY, DEFAULT_RETRY_COUNT, DEFAULT_RETRY_INTERVAL_MINUTES, DEFAULT_SEND_HANDLER,
    MAX_RETRY_COUNT, MAX_RETRY_INTERVAL_MINUTES, ONE_WAY_ONLY_ADAPTERS,
};
use crate::engine::time::SimDuration;
use std::collections::BTreeMap;

const KINDS: &str = "static-one-way, static-solicit-response, dynamic-one-way, dynamic-solicit-response";
const RETRY_COUNT_RULE: &str = "Retry count must be an integer from 0 to 1000";
const RETRY_INTERVAL_RULE: &str = "Retry interval must be a duration from 0 to 525,600 minutes";
const PRIORITY_RULE: &str = "Priority must be an integer from 1 (highest) to 10 (lowest)";

/// Parses a port kind code (`static-one-way`, ...).
pub fn port_kind(code: &str) -> Option<PortKind> {
    PortKind::ALL.into_iter().find(|k| k.code() == code)
}

/// Parses a lifecycle state code (`bound`, `stopped`, `started`).
pub fn lifecycle_state(code: &str) -> Option<LifecycleState> {
    [LifecycleState::Bound, LifecycleState::Stopped, LifecycleState::Started].into_iter().find(|s| s.code() == code)
}

fn state(c: &mut Checker, path: &str, value: Option<&str>, what: &str) -> Option<LifecycleState> {
    let Some(code) = value else { return Some(LifecycleState::Bound) };
    let state = lifecycle_state(code);
    if state.is_none() {
        c.error(
            path,
            ScenarioErrorKind::InvalidValue,
            format!("{} is not allowed; the state of {what} must be one of bound, stopped, started", quote(code)),
        );
    }
    state
}

/// Every send port, in file order.
pub(super) fn ports(c: &mut Checker, specs: &[PortSpec]) -> Vec<PortConfig> {
    let mut seen = BTreeMap::new();
    specs.iter().enumerate().map(|(i, spec)| port(c, spec, &index("/sendPorts", i), &mut seen)).collect()
}

fn port(c: &mut Checker, spec: &PortSpec, path: &str, seen: &mut BTreeMap<String, String>) -> PortConfig {
    let at = |field: &str| join(path, field);
    c.unique_name(&at("name"), &spec.name, "a send port name", seen);
    let kind = port_kind(&spec.kind);
    if kind.is_none() {
        c.error(
            at("kind"),
            ScenarioErrorKind::InvalidValue,
            format!("{} is not allowed; the port kind must be one of {KINDS}", quote(&spec.kind)),
        );
    }
    let state = state(c, &at("state"), spec.state.as_deref(), "a send port").unwrap_or_default();
    let filter = filter(c, &spec.filter, &at("filter"));

    let mut primary = None;
    let mut backup = None;
    if let Some(kind) = kind {
        // §1: static ports carry their transport; dynamic ports take it from the message context.
        match (&spec.primary, kind.is_static()) {
            (None, true) => c.error(
                at("primary"),
                ScenarioErrorKind::MissingField,
                format!("primary is required: a {} port needs a primary transport {{transport, address}}", kind.code()),
            ),
            (Some(_), false) => c.error(
                at("primary"),
                ScenarioErrorKind::NotAllowed,
                format!(
                    "primary is not allowed on a {} port: a dynamic port takes its address from the message \
                     context (BTS.OutboundTransportLocation); only static ports have a primary transport",
                    kind.code()
                ),
            ),
            (Some(t), true) => primary = Some(transport(c, t, &at("primary"), kind)),
            (None, false) => {}
        }
        match (&spec.backup, kind.is_static()) {
            (Some(_), false) => c.error(
                at("backup"),
                ScenarioErrorKind::NotAllowed,
                format!(
                    "backup is not allowed on a {} port: dynamic ports have no Backup transport properties to \
                     configure; only static ports can have one",
                    kind.code()
                ),
            ),
            (Some(t), true) => backup = Some(transport(c, t, &at("backup"), kind)),
            (None, _) => {}
        }
        // §6: failed message routing applies only to static one-way and static solicit-response ports.
        if spec.route_failed_messages && kind.is_dynamic() {
            c.error(
                at("routeFailedMessages"),
                ScenarioErrorKind::NotAllowed,
                format!(
                    "true is not allowed on a {} port; failed message routing applies only to static-one-way \
                     and static-solicit-response ports",
                    kind.code()
                ),
            );
        }
    }

    // §7: stop-on-failure is an option of ordered delivery.
    if spec.stop_on_failure && !spec.ordered_delivery {
        c.error(
            at("stopOnFailure"),
            ScenarioErrorKind::NotAllowed,
            "true is not allowed; stopOnFailure (Stop sending subsequent messages on current message failure) \
             is only allowed with orderedDelivery: true",
        );
    }
    if spec.ordered_delivery {
        if spec.backup.is_some() && kind.is_some_and(PortKind::is_static) {
            c.warn(
                at("backup"),
                "the Backup transport is ignored on an ordered-delivery port: ordered delivery is not supported \
                 for backup transports (SEMANTICS §7)",
            );
        }
        if primary.as_ref().is_some_and(|p: &TransportConfig| p.retry_interval == SimDuration::ZERO) {
            c.warn(
                join(&at("primary"), "retryInterval"),
                "a Retry interval of 0 on an ordered-delivery port is documented by BizTalk as not valid; accepted, \
                 retries happen at the same simulated instant (SEMANTICS §6)",
            );
        }
    }

    // §8: the daily service window.
    let service_window = spec.service_window.as_ref().and_then(|w| {
        let from = c.clock(&join(&at("serviceWindow"), "from"), &w.from, "the service window's from");
        let to = c.clock(&join(&at("serviceWindow"), "to"), &w.to, "the service window's to");
        Some(ServiceWindow { from: from?, to: to? })
    });
    // §10: priority 1 (highest) to 10, default 5.
    let priority = c.int_in(&at("priority"), spec.priority, i64::from(DEFAULT_PRIORITY), 1, 10, PRIORITY_RULE);

    PortConfig {
        name: spec.name.clone(),
        kind: kind.unwrap_or(PortKind::StaticOneWay),
        state,
        filter,
        primary,
        backup,
        ordered_delivery: spec.ordered_delivery,
        stop_on_failure: spec.stop_on_failure,
        service_window,
        priority: u8::try_from(priority).unwrap_or(DEFAULT_PRIORITY),
        route_failed_messages: spec.route_failed_messages,
    }
}

/// A primary or backup transport (§1, §6; seed 004 ranges).
fn transport(c: &mut Checker, t: &TransportSpec, path: &str, kind: PortKind) -> TransportConfig {
    let at = |field: &str| join(path, field);
    if t.transport.trim().is_empty() {
        c.error(
            at("transport"),
            ScenarioErrorKind::InvalidValue,
            "\"\" is not allowed; the transport type must be an adapter name such as FILE, HTTP, FTP, SMTP, SOAP",
        );
    } else if kind.is_solicit_response() && ONE_WAY_ONLY_ADAPTERS.iter().any(|a| a.eq_ignore_ascii_case(&t.transport)) {
        c.error(
            at("transport"),
            ScenarioErrorKind::NotAllowed,
            format!(
                "{} is not allowed on a {} port: FILE, FTP, SFTP and SMTP are one-way only; use a two-way adapter \
                 such as HTTP, SOAP or WCF-BasicHttp",
                quote(&t.transport),
                kind.code()
            ),
        );
    }
    if t.address.trim().is_empty() {
        c.error(
            at("address"),
            ScenarioErrorKind::InvalidValue,
            "\"\" is not allowed; the address must be a non-empty string (a folder, URL or mailbox)",
        );
    }
    let retry_count = c.int_in(
        &at("retryCount"),
        t.retry_count,
        i64::from(DEFAULT_RETRY_COUNT),
        0,
        i64::from(MAX_RETRY_COUNT),
        RETRY_COUNT_RULE,
    );
    let retry_interval = match &t.retry_interval {
        None => SimDuration::from_minutes(DEFAULT_RETRY_INTERVAL_MINUTES),
        Some(text) => c
            .duration(
                &at("retryInterval"),
                text,
                RETRY_INTERVAL_RULE,
                Some(SimDuration::from_minutes(MAX_RETRY_INTERVAL_MINUTES)),
            )
            .unwrap_or_default(),
    };
    let send_handler = match &t.send_handler {
        None => DEFAULT_SEND_HANDLER.to_string(),
        Some(h) if h.trim().is_empty() => {
            c.error(
                at("sendHandler"),
                ScenarioErrorKind::InvalidValue,
                format!("\"\" is not allowed; the send handler must be a host name, e.g. {DEFAULT_SEND_HANDLER}"),
            );
            DEFAULT_SEND_HANDLER.to_string()
        }
        Some(h) => h.clone(),
    };
    TransportConfig {
        transport: t.transport.clone(),
        address: t.address.clone(),
        retry_count: u32::try_from(retry_count).unwrap_or(DEFAULT_RETRY_COUNT),
        retry_interval,
        send_handler,
    }
}

/// §3: a filter is an OR of AND-groups of `{property, operator, value}` conditions.
pub(super) fn filter(c: &mut Checker, spec: &FilterSpec, path: &str) -> Filter {
    let mut groups = Vec::new();
    for (g, group) in spec.iter().enumerate() {
        let group_path = index(path, g);
        if group.is_empty() {
            c.error(
                &group_path,
                ScenarioErrorKind::InvalidValue,
                "[] is not allowed; each AND-group of a filter needs at least one condition (an empty filter is [])",
            );
        }
        let mut predicates = Vec::new();
        for (k, cond) in group.iter().enumerate() {
            let cond_path = index(&group_path, k);
            if cond.property.trim().is_empty() {
                c.error(
                    join(&cond_path, "property"),
                    ScenarioErrorKind::InvalidValue,
                    format!(
                        "{} is not allowed; the property must be a context property name such as BTS.ReceivePortName",
                        quote(&cond.property)
                    ),
                );
            }
            let Some(operator) = FilterOperator::from_symbol(&cond.operator) else {
                c.error(
                    join(&cond_path, "operator"),
                    ScenarioErrorKind::InvalidValue,
                    format!(
                        "{} is not allowed; the operator must be one of == != < <= > >= exists",
                        quote(&cond.operator)
                    ),
                );
                continue;
            };
            match (operator, &cond.value) {
                (FilterOperator::Exists, Some(v)) => c.error(
                    join(&cond_path, "value"),
                    ScenarioErrorKind::NotAllowed,
                    format!(
                        "{} is not allowed; a condition with operator exists takes no value",
                        quote(&v.to_string())
                    ),
                ),
                (FilterOperator::Exists, None) | (_, Some(_)) => {}
                (op, None) => c.error(
                    join(&cond_path, "value"),
                    ScenarioErrorKind::MissingField,
                    format!(
                        "value is required: a condition with operator {} compares the property with a value \
                         (only exists takes none)",
                        op.symbol()
                    ),
                ),
            }
            predicates.push(Predicate { property: cond.property.clone(), operator, value: cond.value.clone() });
        }
        groups.push(predicates);
    }
    Filter { groups }
}

/// Every send port group, in file order.
pub(super) fn groups(c: &mut Checker, specs: &[GroupSpec], ports: &[PortSpec]) -> Vec<GroupConfig> {
    // The first port of each name (a duplicate name is already an error), by its index: the
    // validator's one name-lookup map type (issue 14 §1).
    let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, p) in ports.iter().enumerate() {
        by_name.entry(p.name.as_str()).or_insert(i);
    }
    let mut seen = BTreeMap::new();
    let mut out = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let path = index("/sendPortGroups", i);
        let at = |field: &str| join(&path, field);
        c.unique_name(&at("name"), &spec.name, "a send port group name", &mut seen);
        let state = state(c, &at("state"), spec.state.as_deref(), "a send port group").unwrap_or_default();
        let mut members: Vec<String> = Vec::new();
        let mut first_index: BTreeMap<&str, usize> = BTreeMap::new();
        let mut any_enlisted = false;
        let mut any_unknown_state = false;
        for (k, member) in spec.members.iter().enumerate() {
            let member_path = index(&at("members"), k);
            if let Some(first) = first_index.get(member.as_str()) {
                c.error(
                    member_path,
                    ScenarioErrorKind::Duplicate,
                    format!(
                        "{} is not allowed; it is already listed at {}/{first}: a port is a member of a group \
                         at most once",
                        quote(member),
                        at("members")
                    ),
                );
                continue;
            }
            first_index.insert(member, k);
            let Some(port) = by_name.get(member.as_str()).map(|&i| &ports[i]) else {
                c.error(
                    member_path,
                    ScenarioErrorKind::UnknownReference,
                    format!(
                        "{} is not allowed; no send port has that name; members must name ports of sendPorts: {}",
                        quote(member),
                        name_list(ports.iter().map(|p| p.name.as_str()))
                    ),
                );
                continue;
            };
            // Rule G4: only static one-way ports can be members of a send port group.
            match port_kind(&port.kind) {
                Some(kind) if !kind.can_join_group() => c.error(
                    member_path,
                    ScenarioErrorKind::NotAllowed,
                    format!(
                        "{} is not allowed; it is a {} send port, and only static-one-way send ports can be members \
                         of a send port group (rule G4)",
                        quote(member),
                        kind.code()
                    ),
                ),
                _ => {}
            }
            match port.state.as_deref().map(lifecycle_state).unwrap_or(Some(LifecycleState::Bound)) {
                Some(s) => any_enlisted |= s.is_enlisted(),
                None => any_unknown_state = true,
            }
            members.push(member.clone());
        }
        // Rule G1: a group cannot start without at least one enlisted member.
        if state == LifecycleState::Started && !any_enlisted && !any_unknown_state {
            c.error(
                at("state"),
                ScenarioErrorKind::NotAllowed,
                format!(
                    "\"started\" is not allowed; a send port group can start only with at least one enlisted \
                     (stopped or started) member (rule G1), and no member of {} is enlisted: use bound or stopped, \
                     or enlist a member",
                    quote(&spec.name)
                ),
            );
        }
        let filter = filter(c, &spec.filter, &at("filter"));
        out.push(GroupConfig { name: spec.name.clone(), state, members, filter });
    }
    out
}
