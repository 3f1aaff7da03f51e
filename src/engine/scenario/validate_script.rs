//! Validation of the script (SCENARIO.md "Script"): each entry has `at` and exactly one action;
//! targets name existing ports or groups; counts, intervals and message ids are in range. The
//! result is sorted stably by `at`, so entries with equal `at` apply in file order.
//!
//! ```text
//!  entry ──▶ at ─ exactly one of publish | send | enlist | start | stop | unenlist | resume | terminate
//!  publish ─ no port/group ─ context, count 1–100,000, every, id (count 1, unique)
//!  send    ─ exactly one of port/group (must exist) ─ as publish
//!  enlist/start/stop/unenlist ─ exactly one of port/group (must exist)       (table L1–L4)
//!  resume/terminate ─ "all" | {port} | {message} | {message, port}
//! ```

use super::json_walk::{index, join, quote};
use super::spec::{GroupSpec, InjectSpec, PortSpec, ScriptEntrySpec, SelectorSpec, TargetSpec};
use super::validate::{name_list, Checker};
use super::ScenarioErrorKind;
use crate::engine::model::{Action, Injection, InstanceSelector, LifecycleAction, ScriptEntry, Target};
use crate::engine::time::{format_duration, SimDuration, SimTime};
use std::collections::BTreeMap;

/// Largest `count` of one `publish`/`send` entry.
pub const MAX_INJECT_COUNT: i64 = 100_000;
const ACTIONS: &str = "publish, send, enlist, start, stop, unenlist, resume or terminate";

/// The names scripts may refer to (maps, so a long script over many ports stays fast), each to
/// the index of its first port or group: `BTreeMap<&str, usize>`, the map type the validator's
/// other name lookups use, so the wasm links no set type of its own (issue 14 §1).
struct Names<'a> {
    ports: &'a [PortSpec],
    groups: &'a [GroupSpec],
    port_names: BTreeMap<&'a str, usize>,
    group_names: BTreeMap<&'a str, usize>,
}

impl Names<'_> {
    fn has_port(&self, name: &str) -> bool {
        self.port_names.contains_key(name)
    }
    fn has_group(&self, name: &str) -> bool {
        self.group_names.contains_key(name)
    }
}

/// Every script entry, validated and sorted stably by `at`.
pub(super) fn script(
    c: &mut Checker,
    specs: &[ScriptEntrySpec],
    ports: &[PortSpec],
    groups: &[GroupSpec],
    until: SimTime,
) -> Vec<ScriptEntry> {
    // Inserted rather than collected: `collect` into a map sorts first, linking one more stable
    // sort into every page (issue 14).
    let mut names = Names { ports, groups, port_names: BTreeMap::new(), group_names: BTreeMap::new() };
    for (i, p) in ports.iter().enumerate() {
        names.port_names.entry(p.name.as_str()).or_insert(i);
    }
    for (i, g) in groups.iter().enumerate() {
        names.group_names.entry(g.name.as_str()).or_insert(i);
    }
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let path = index("/script", i);
        if let Some(entry) = entry(c, spec, &path, &names, &mut ids) {
            if entry.at > until {
                c.warn(
                    join(&path, "at"),
                    format!(
                        "this entry is at {}, after until ({}): it never happens",
                        quote(&spec.at),
                        format_duration(SimDuration(until.0))
                    ),
                );
            }
            out.push(entry);
        }
    }
    crate::engine::sort_key::sort_by_u64_key(&mut out, |e| e.at.as_ms());
    out
}

fn entry(
    c: &mut Checker,
    spec: &ScriptEntrySpec,
    path: &str,
    names: &Names<'_>,
    ids: &mut BTreeMap<String, String>,
) -> Option<ScriptEntry> {
    let at = c.duration(&join(path, "at"), &spec.at, "at must be a duration of 0 or more since the start", None);
    let present: Vec<&str> = [
        ("publish", spec.publish.is_some()),
        ("send", spec.send.is_some()),
        ("enlist", spec.enlist.is_some()),
        ("start", spec.start.is_some()),
        ("stop", spec.stop.is_some()),
        ("unenlist", spec.unenlist.is_some()),
        ("resume", spec.resume.is_some()),
        ("terminate", spec.terminate.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, on)| on.then_some(name))
    .collect();
    match present.len() {
        0 => {
            c.error(
                path,
                ScenarioErrorKind::MissingField,
                format!("a script entry needs exactly one action: {ACTIONS}; this one has none"),
            );
            return None;
        }
        1 => {}
        _ => {
            c.error(
                path,
                ScenarioErrorKind::NotAllowed,
                format!(
                    "{} are not allowed together; a script entry has exactly one action: {ACTIONS}",
                    present.join(" and ")
                ),
            );
            return None;
        }
    }
    let action = if let Some(p) = &spec.publish {
        inject(c, p, &join(path, "publish"), None, ids)
    } else if let Some(s) = &spec.send {
        let send_path = join(path, "send");
        let target = target(c, s.port.as_deref(), s.group.as_deref(), &send_path, "send", names)?;
        inject(c, s, &send_path, Some(target), ids)
    } else if let Some((action, key, t)) = lifecycle(spec) {
        let target = target(c, t.port.as_deref(), t.group.as_deref(), &join(path, key), key, names)?;
        Some(Action::Lifecycle { action, target })
    } else if let Some(s) = &spec.resume {
        selector(c, s, &join(path, "resume"), "resume", names).map(Action::Resume)
    } else {
        let s = spec.terminate.as_ref()?;
        selector(c, s, &join(path, "terminate"), "terminate", names).map(Action::Terminate)
    }?;
    Some(ScriptEntry { at: SimTime(at?.0), action })
}

fn lifecycle(spec: &ScriptEntrySpec) -> Option<(LifecycleAction, &'static str, &TargetSpec)> {
    [
        (LifecycleAction::Enlist, "enlist", &spec.enlist),
        (LifecycleAction::Start, "start", &spec.start),
        (LifecycleAction::Stop, "stop", &spec.stop),
        (LifecycleAction::Unenlist, "unenlist", &spec.unenlist),
    ]
    .into_iter()
    .find_map(|(action, key, t)| t.as_ref().map(|t| (action, key, t)))
}

/// Exactly one of `port` / `group`, naming an existing one.
fn target(
    c: &mut Checker,
    port: Option<&str>,
    group: Option<&str>,
    path: &str,
    action: &str,
    names: &Names<'_>,
) -> Option<Target> {
    match (port, group) {
        (Some(_), Some(_)) => {
            c.error(
                path,
                ScenarioErrorKind::NotAllowed,
                format!("port and group are not allowed together; {action} takes either {{port}} or {{group}}"),
            );
            None
        }
        (None, None) => {
            c.error(
                path,
                ScenarioErrorKind::MissingField,
                format!("{action} needs a target: either {{\"port\": name}} or {{\"group\": name}}"),
            );
            None
        }
        (Some(p), None) => {
            if names.has_port(p) {
                Some(Target::Port(p.to_string()))
            } else {
                unknown_port(c, &join(path, "port"), p, names);
                None
            }
        }
        (None, Some(g)) => {
            if names.has_group(g) {
                Some(Target::Group(g.to_string()))
            } else {
                c.error(
                    join(path, "group"),
                    ScenarioErrorKind::UnknownReference,
                    format!(
                        "{} is not allowed; no send port group has that name; groups: {}",
                        quote(g),
                        name_list(names.groups.iter().map(|g| g.name.as_str()))
                    ),
                );
                None
            }
        }
    }
}

fn unknown_port(c: &mut Checker, path: &str, name: &str, names: &Names<'_>) {
    c.error(
        path,
        ScenarioErrorKind::UnknownReference,
        format!(
            "{} is not allowed; no send port has that name; send ports: {}",
            quote(name),
            name_list(names.ports.iter().map(|p| p.name.as_str()))
        ),
    );
}

/// `publish` (`target` None: port/group forbidden) or `send` (target already checked).
fn inject(
    c: &mut Checker,
    spec: &InjectSpec,
    path: &str,
    target: Option<Target>,
    ids: &mut BTreeMap<String, String>,
) -> Option<Action> {
    let mut ok = true;
    if target.is_none() {
        for (field, value) in [("port", &spec.port), ("group", &spec.group)] {
            if let Some(v) = value {
                c.error(
                    join(path, field),
                    ScenarioErrorKind::NotAllowed,
                    format!(
                        "{} is not allowed; publish goes through the MessageBox and its filters; to address a \
                         {field} directly use send",
                        quote(v)
                    ),
                );
                ok = false;
            }
        }
    }
    let rule = "the count must be an integer from 1 to 100000";
    let count = c.int_in(&join(path, "count"), spec.count, 1, 1, MAX_INJECT_COUNT, rule);
    let every = match &spec.every {
        None => Some(SimDuration::ZERO),
        Some(text) => c.duration(&join(path, "every"), text, "every must be a duration of 0 or more", None),
    };
    if let Some(id) = &spec.id {
        let id_path = join(path, "id");
        if spec.count.unwrap_or(1) != 1 {
            c.error(
                &id_path,
                ScenarioErrorKind::NotAllowed,
                format!(
                    "{} is not allowed with count {}; an id names one message, so it needs count 1",
                    quote(id),
                    count
                ),
            );
            ok = false;
        } else if c.unique_name(&id_path, id, "a message id", ids) && is_automatic_name(id) {
            c.warn(
                &id_path,
                format!(
                    "{} looks like an automatic message name (M1, M2, …); another message may get the same name",
                    quote(id)
                ),
            );
        }
    }
    let every = every?;
    ok.then(|| {
        Action::Inject(Injection {
            target,
            context: spec.context.clone().unwrap_or_default(),
            count: u32::try_from(count).unwrap_or(1),
            every,
            id: spec.id.clone(),
        })
    })
}

/// `M` followed by digits: the names the engine gives messages without an id.
fn is_automatic_name(id: &str) -> bool {
    id.strip_prefix('M').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `"all"`, `{port}`, `{message}` or `{message, port}`.
fn selector(
    c: &mut Checker,
    spec: &SelectorSpec,
    path: &str,
    action: &str,
    names: &Names<'_>,
) -> Option<InstanceSelector> {
    let forms =
        "\"all\", {\"port\": name}, {\"group\": name}, {\"message\": name} or {\"message\": name, \"port\": name}";
    match spec {
        SelectorSpec::All(s) if s == "all" => Some(InstanceSelector::All),
        SelectorSpec::All(s) => {
            c.error(
                path,
                ScenarioErrorKind::InvalidValue,
                format!("{} is not allowed; {action} takes {forms}", quote(s)),
            );
            None
        }
        SelectorSpec::Some(fields) => {
            if let Some(g) = &fields.group {
                if fields.port.is_some() || fields.message.is_some() {
                    c.error(
                        join(path, "group"),
                        ScenarioErrorKind::InvalidValue,
                        format!("group stands alone; {action} takes {forms}"),
                    );
                    return None;
                }
                if !names.has_group(g) {
                    c.error(
                        join(path, "group"),
                        ScenarioErrorKind::UnknownReference,
                        format!("no send port group is named {}", quote(g)),
                    );
                    return None;
                }
                return Some(InstanceSelector::Group(g.clone()));
            }
            if let Some(p) = &fields.port {
                if !names.has_port(p) {
                    unknown_port(c, &join(path, "port"), p, names);
                    return None;
                }
            }
            match (&fields.message, &fields.port) {
                (None, None) => {
                    c.error(path, ScenarioErrorKind::MissingField, format!("{action} needs a selection: {forms}"));
                    None
                }
                (None, Some(p)) => Some(InstanceSelector::Port(p.clone())),
                (Some(m), _) if m.trim().is_empty() => {
                    c.error(
                        join(path, "message"),
                        ScenarioErrorKind::InvalidValue,
                        "\"\" is not allowed; message must name a message, e.g. M1",
                    );
                    None
                }
                (Some(m), p) => Some(InstanceSelector::Message { message: m.clone(), port: p.clone() }),
            }
        }
    }
}
