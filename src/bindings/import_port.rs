//! One `SendPort` or `DistributionList` → `PortSpec` / `GroupSpec` (BINDINGS.md §2–4, §6, §9–10).
//! What portsim does not simulate is kept verbatim in `bindingXml` (§10.9) for export.

use super::filter_xml;
use super::issues::{ErrorCode, Subject, WarningCode};
use super::xml::{self, child, children, is_nil, name_predicate, raw, text, Ctx};
use crate::engine::model::{MAX_RETRY_COUNT, MAX_RETRY_INTERVAL_MINUTES, ONE_WAY_ONLY_ADAPTERS};
use crate::engine::scenario::spec::{BindingXml, GroupSpec, PortSpec, ServiceWindowSpec, TransportSpec};
use roxmltree::Node;

/// Port children portsim models; every other child is kept verbatim.
const MODELLED: [&str; 8] = [
    "PrimaryTransport",
    "SecondaryTransport",
    "Filter",
    "OrderedDelivery",
    "Priority",
    "StopSendingOnFailure",
    "RouteFailedMessage",
    "ApplicationName",
];
/// Transport children portsim models (the rest, and the service-window times, are kept).
const TRANSPORT_MODELLED: [&str; 6] =
    ["Address", "RetryCount", "RetryInterval", "Primary", "OrderedDelivery", "ServiceWindowEnabled"];

/// A `SendPort` element; `None` when it cannot be read (the errors are in `ctx`).
pub fn port(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, parent_path: &str, utc_offset: i32) -> Option<PortSpec> {
    let Some(name) = node.attribute("Name") else {
        ctx.error(ErrorCode::MissingAttribute, node, format!("{parent_path}/SendPort/@Name"), None, "Name");
        return None;
    };
    let subject = Subject::Port(name.to_string());
    let path = format!("{parent_path}/{}", name_predicate("SendPort", name));
    let is_static = attr_bool(ctx, node, "IsStatic", &path, &subject, true);
    let two_way = attr_bool(ctx, node, "IsTwoWay", &path, &subject, false);
    let kind = match (is_static, two_way) {
        (true, false) => "static-one-way",
        (true, true) => "static-solicit-response",
        (false, false) => "dynamic-one-way",
        (false, true) => "dynamic-solicit-response",
    };
    if name.contains("${") {
        ctx.warnings.add(WarningCode::Tokens, name);
    }
    let mut keep = BindingXml::new();
    for a in node.attributes() {
        if !matches!(a.name(), "Name" | "IsStatic" | "IsTwoWay") {
            keep.insert(format!("@{}", a.name()), a.value().to_string());
        }
    }
    for c in node.children().filter(|c| c.is_element()) {
        let tag = c.tag_name().name();
        if !MODELLED.contains(&tag) {
            unsupported(ctx, c, name);
            keep.insert(tag.to_string(), raw(ctx.text, c).to_string());
        }
    }
    let mut spec = PortSpec { name: name.to_string(), kind: kind.to_string(), ..Default::default() };
    if is_static {
        match child(node, "PrimaryTransport").filter(|p| !is_nil(*p)) {
            Some(p) => {
                let (t, window) =
                    transport(ctx, p, &format!("{path}/PrimaryTransport"), &subject, "PrimaryTransport", &mut keep);
                if let (Some(t), true) = (&t, two_way) {
                    one_way_check(ctx, p, &format!("{path}/PrimaryTransport"), &subject, t);
                }
                spec.primary = t;
                if let Some((from, to)) = window {
                    spec.service_window = Some(shift_window(from, to, utc_offset));
                    ctx.warnings.add_single(WarningCode::ServiceWindow, name, super::format_utc_offset(utc_offset));
                }
            }
            None => {
                ctx.error(ErrorCode::MissingTransport, node, format!("{path}/PrimaryTransport"), Some(&subject), "")
            }
        }
        if let Some(s) = child(node, "SecondaryTransport").filter(|s| !is_nil(*s)) {
            let has_type =
                child(s, "TransportType").and_then(|t| t.attribute("Name")).is_some_and(|n| !n.trim().is_empty());
            let has_address = child(s, "Address").is_some_and(|a| !text(a).is_empty());
            if has_type && has_address {
                // §3: a backup exists only with a transport type and an address.
                let spath = format!("{path}/SecondaryTransport");
                let (t, window) = transport(ctx, s, &spath, &subject, "SecondaryTransport", &mut keep);
                if let (Some(t), true) = (&t, two_way) {
                    one_way_check(ctx, s, &spath, &subject, t);
                }
                if window.is_some() {
                    ctx.warnings.add(WarningCode::BackupWindow, name);
                }
                spec.backup = t;
            } else {
                keep.insert("SecondaryTransport".into(), raw(ctx.text, s).to_string());
            }
        }
    }
    if let Some(f) = child(node, "Filter") {
        spec.filter = filter_xml::read(ctx, f, &format!("{path}/Filter"), &subject);
    }
    spec.ordered_delivery = ctx.bool_child(node, "OrderedDelivery", &path, &subject, false);
    let stop = ctx.bool_child(node, "StopSendingOnFailure", &path, &subject, false);
    if stop && !spec.ordered_delivery {
        ctx.warnings.add(WarningCode::StopWithoutOrdered, name);
    }
    spec.stop_on_failure = stop && spec.ordered_delivery;
    if let Some((priority, at)) = ctx.int_child(node, "Priority", &path, &subject) {
        if !(1..=10).contains(&priority) {
            ctx.error(ErrorCode::Priority, at, format!("{path}/Priority"), Some(&subject), &priority.to_string());
        } else if priority != 5 {
            spec.priority = Some(priority);
        }
    }
    let route = ctx.bool_child(node, "RouteFailedMessage", &path, &subject, false);
    if route && !is_static {
        ctx.warnings.add(WarningCode::RouteFailedDynamic, name);
    }
    spec.route_failed_messages = route && is_static;
    spec.application = application(ctx, node, name);
    spec.binding_xml = keep;
    Some(spec)
}

/// A `DistributionList` (send port group, §6). Members missing from the file or not static
/// one-way are left out with a warning (§10.4, rule G4).
pub fn group(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, parent_path: &str, ports: &[PortSpec]) -> Option<GroupSpec> {
    let Some(name) = node.attribute("Name") else {
        ctx.error(ErrorCode::MissingAttribute, node, format!("{parent_path}/DistributionList/@Name"), None, "Name");
        return None;
    };
    let subject = Subject::Group(name.to_string());
    let path = format!("{parent_path}/{}", name_predicate("DistributionList", name));
    let mut spec = GroupSpec { name: name.to_string(), ..Default::default() };
    for r in child(node, "SendPorts").into_iter().flat_map(|s| children(s, "SendPortRef")) {
        let Some(member) = r.attribute("Name") else { continue };
        match ports.iter().find(|p| p.name == member) {
            None => ctx.warnings.add(WarningCode::MemberMissing, &format!("{name} → {member}")),
            Some(p) if p.kind != "static-one-way" => {
                ctx.warnings.add(WarningCode::MemberNotStaticOneWay, &format!("{name} → {member}"))
            }
            Some(_) if spec.members.iter().any(|m| m == member) => {}
            Some(_) => spec.members.push(member.to_string()),
        }
    }
    if let Some(f) = child(node, "Filter") {
        spec.filter = filter_xml::read(ctx, f, &format!("{path}/Filter"), &subject);
    }
    spec.application = application(ctx, node, name);
    for c in node.children().filter(|c| c.is_element()) {
        let tag = c.tag_name().name();
        if !matches!(tag, "SendPorts" | "Filter" | "ApplicationName") {
            spec.binding_xml.insert(tag.to_string(), raw(ctx.text, c).to_string());
        }
    }
    Some(spec)
}

fn application(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, name: &str) -> Option<String> {
    let app = child(node, "ApplicationName").map(text).filter(|a| !a.is_empty())?;
    if app.contains("${") {
        ctx.warnings.add(WarningCode::Tokens, name);
    }
    Some(app.to_string())
}

fn attr_bool(
    ctx: &mut Ctx<'_, '_>,
    node: Node<'_, '_>,
    attr: &str,
    path: &str,
    subject: &Subject,
    default: bool,
) -> bool {
    match node.attribute(attr) {
        None => default,
        Some(v) => match xml::parse_bool(v.trim()) {
            Some(b) => b,
            None => {
                ctx.error(ErrorCode::BadBool, node, format!("{path}/@{attr}"), Some(subject), v);
                default
            }
        },
    }
}

/// §8: an element portsim does not simulate — one warning per kind when it carries information.
fn unsupported(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, port: &str) {
    let code = match node.tag_name().name() {
        "TransmitPipeline" | "ReceivePipeline" => {
            let default = node.attribute("Name").is_some_and(|n| {
                n.ends_with(".PassThruTransmit") || n.ends_with(".PassThruReceive") || n.ends_with(".XMLReceive")
            });
            (!default && !is_nil(node)).then_some(WarningCode::Pipelines)
        }
        "SendPipelineData" | "ReceivePipelineData" => (!text(node).is_empty()).then_some(WarningCode::Pipelines),
        "Transforms" | "InboundTransforms" => node.children().any(|c| c.is_element()).then_some(WarningCode::Maps),
        "Tracking" => (!matches!(text(node), "" | "0")).then_some(WarningCode::Tracking),
        "EncryptionCert" => (!is_nil(node) && node.has_children()).then_some(WarningCode::Certificate),
        _ => None,
    };
    if let Some(code) = code {
        ctx.warnings.add(code, port);
    }
}

/// A `PrimaryTransport`/`SecondaryTransport` (§3): the transport and, when the service window is
/// enabled, its raw `(from, to)` seconds of day. Unmodelled children go to `keep` as `Elem/Child`.
fn transport(
    ctx: &mut Ctx<'_, '_>,
    node: Node<'_, '_>,
    path: &str,
    subject: &Subject,
    prefix: &str,
    keep: &mut BindingXml,
) -> (Option<TransportSpec>, Option<(u32, u32)>) {
    let name = subject.name();
    for c in node.children().filter(|c| c.is_element()) {
        let tag = c.tag_name().name();
        if !TRANSPORT_MODELLED.contains(&tag) {
            keep.insert(format!("{prefix}/{tag}"), raw(ctx.text, c).to_string());
        }
        if tag == "TransportTypeData" && !text(c).is_empty() {
            ctx.warnings.add(WarningCode::AdapterSettings, name);
        }
    }
    let adapter = child(node, "TransportType").and_then(|t| t.attribute("Name")).map(str::trim).unwrap_or("");
    if adapter.is_empty() {
        ctx.error(ErrorCode::MissingTransport, node, format!("{path}/TransportType"), Some(subject), "");
    }
    let address = child(node, "Address").map(text).unwrap_or("");
    if address.contains("${") {
        ctx.warnings.add(WarningCode::Tokens, name);
    }
    let mut spec = TransportSpec {
        transport: adapter.to_string(),
        address: address.to_string(),
        retry_count: None,
        retry_interval: None,
        send_handler: None,
    };
    if let Some((n, at)) = ctx.int_child(node, "RetryCount", path, subject) {
        if !(0..=i64::from(MAX_RETRY_COUNT)).contains(&n) {
            ctx.error(ErrorCode::RetryCount, at, format!("{path}/RetryCount"), Some(subject), &n.to_string());
        }
        spec.retry_count = Some(n);
    }
    if let Some((n, at)) = ctx.int_child(node, "RetryInterval", path, subject) {
        if !(0..=i64::try_from(MAX_RETRY_INTERVAL_MINUTES).unwrap_or(i64::MAX)).contains(&n) {
            ctx.error(ErrorCode::RetryInterval, at, format!("{path}/RetryInterval"), Some(subject), &n.to_string());
        }
        // §3: the interval is in minutes.
        spec.retry_interval = Some(format!("{n}m"));
    }
    if let Some(h) = child(node, "SendHandler").filter(|h| !is_nil(*h)).and_then(|h| h.attribute("Name")) {
        if !h.trim().is_empty() {
            if h.contains("${") {
                ctx.warnings.add(WarningCode::Tokens, name);
            }
            spec.send_handler = Some(h.trim().to_string());
        }
    }
    let enabled = ctx.bool_child(node, "ServiceWindowEnabled", path, subject, false);
    let from = time_child(ctx, node, "FromTime", path, subject);
    let to = time_child(ctx, node, "ToTime", path, subject);
    let window = if enabled { from.zip(to) } else { None };
    if let (false, Some(from), Some(to)) = (enabled, from, to) {
        // §4: only the flag decides; a configured but disabled window is worth a word.
        if (to + 1) % 86_400 != from {
            ctx.warnings.add(WarningCode::DisabledWindow, name);
        }
    }
    (if adapter.is_empty() { None } else { Some(spec) }, window)
}

/// The time of day of a `dateTime` element, in seconds; the date (and any zone suffix) is ignored (§4).
fn time_child(
    ctx: &mut Ctx<'_, '_>,
    parent: Node<'_, '_>,
    name: &'static str,
    path: &str,
    subject: &Subject,
) -> Option<u32> {
    let node = child(parent, name)?;
    let v = text(node);
    match time_of_day(v) {
        Some(s) => Some(s),
        None => {
            ctx.error(ErrorCode::BadTime, node, format!("{path}/{name}"), Some(subject), v);
            None
        }
    }
}

/// `2000-01-01T22:00:00(.fffffff)(+02:00|Z)` → seconds since midnight.
pub fn time_of_day(v: &str) -> Option<u32> {
    let (_, time) = v.split_once('T')?;
    let hms = time.get(..8)?;
    let mut parts = hms.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = parts.next()?.parse().ok()?;
    (h < 24 && m < 60 && s < 60).then_some(h * 3600 + m * 60 + s)
}

/// §10.1: `[From, To + 1 s)` as UTC, shifted by the offset, rounded to the minute.
pub fn shift_window(from: u32, to: u32, utc_offset_minutes: i32) -> ServiceWindowSpec {
    let hhmm = |secs: i64| {
        let minutes = (secs + 30).div_euclid(60) + i64::from(utc_offset_minutes);
        let m = minutes.rem_euclid(24 * 60);
        format!("{:02}:{:02}", m / 60, m % 60)
    };
    ServiceWindowSpec { from: hhmm(i64::from(from)), to: hhmm(i64::from(to) + 1) }
}

/// §10.4: a solicit-response port on a one-way-only adapter is an error.
fn one_way_check(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, path: &str, subject: &Subject, t: &TransportSpec) {
    if ONE_WAY_ONLY_ADAPTERS.iter().any(|a| a.eq_ignore_ascii_case(&t.transport)) {
        let at = child(node, "TransportType").unwrap_or(node);
        ctx.error(ErrorCode::OneWayAdapter, at, format!("{path}/TransportType/@Name"), Some(subject), &t.transport);
    }
}
