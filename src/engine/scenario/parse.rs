//! Stage one of loading (DESIGN invariant 7): JSON text → `ScenarioSpec`, collecting every
//! structural error with its JSON path.
//!
//! ```text
//!  text ──size──▶ ──depth scan──▶ ──serde_json::Value──▶ ──walk──▶ ScenarioSpec
//!   TooLarge        TooDeep          Syntax (line/col)     UnknownFormat, UnknownField,
//!                                                          MissingField, WrongType, …
//! ```
//!
//! The size is checked before anything else and the nesting depth is measured by a byte scan
//! (no recursion), so neither a huge nor a deeply nested input can exhaust memory or the stack.
//! The walk is by hand, not serde's derive, so that *all* errors are reported, not only the first.
//! Ranges, names and references are checked by stage two (`validate`).
//!
//! # Example
//! ```
//! use portsim::engine::scenario::{parse_spec, ScenarioErrorKind};
//! let err = parse_spec(r#"{"format":"portsim-scenario/1","sendPorts":[{"name":"SP","kind":"static-one-way",
//!   "primary":{"transport":"FILE","address":"C:\\out","retryCont":3}}]}"#).unwrap_err();
//! assert_eq!(err.errors[0].path, "/sendPorts/0/primary/retryCont");
//! assert_eq!(err.errors[0].kind, ScenarioErrorKind::UnknownField);
//! ```

use super::error::{LoadError, ScenarioError, ScenarioErrorKind};
use super::json_read::read_value;
use super::json_walk::{describe, index, pointer_tokens, quote, quoted_key, Obj, Walk};
use super::spec::{
    BindingXml, ConditionSpec, EndpointSpec, FailureSpec, FilterSpec, GroupSpec, InjectSpec, LimitsSpec, PortSpec,
    ScenarioSpec, ScriptEntrySpec, SelectorFieldsSpec, SelectorSpec, ServiceWindowSpec, TargetSpec, TransportSpec,
    SCENARIO_FORMAT,
};
use super::{MAX_JSON_DEPTH, MAX_SCENARIO_BYTES};
use crate::engine::context::{Context, ContextValue};
use serde_json::Value;

/// Parses a scenario text into its spec, or returns every error found.
pub fn parse_spec(json: &str) -> Result<ScenarioSpec, LoadError> {
    match parse_spec_partial(json) {
        (_, errors) if !errors.is_empty() => Err(LoadError { errors }),
        (Some(spec), _) => Ok(spec),
        (None, _) => Err(LoadError::single(ScenarioError::new("", ScenarioErrorKind::Syntax, "no scenario found"))),
    }
}

/// Like `parse_spec`, but also returns the partial spec built despite the errors (wrong or
/// missing values left at their defaults, every array index kept), so that `load_scenario` can
/// report stage-two errors of the rest of the file in the same run. The spec is `None` when the
/// text is not a scenario at all (too large, too deep, not JSON, not an object, unknown format).
pub fn parse_spec_partial(json: &str) -> (Option<ScenarioSpec>, Vec<ScenarioError>) {
    let (value, mut walk) = match read_checked(json) {
        Ok(read) => read,
        Err(e) => return (None, vec![e]),
    };
    let spec = scenario(&mut walk, &value);
    // A truncated walk leaves a partial spec that is not worth validating.
    let spec = if walk.is_full() { None } else { spec };
    (spec, walk.finish())
}

/// Stage one for a script alone — the Operations editor's raw JSON, an array of script entries —
/// read and walked exactly as a scenario's `script` (the same limits, every error with its JSON
/// Pointer, relative to the array: `/0/at`). The page links no serde derive of the script types
/// for it (issue 14 §2).
pub fn parse_script(json: &str) -> Result<Vec<ScriptEntrySpec>, LoadError> {
    let (value, mut walk) = read_checked(json).map_err(LoadError::single)?;
    let mut script = Vec::new();
    match &value {
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                if walk.is_full() {
                    walk.dropped = walk.dropped.max(1);
                    break;
                }
                script.push(script_entry(&mut walk, v, &index("", i)).unwrap_or_default());
            }
        }
        other => walk.wrong_type("", other, "expected an array of script entries"),
    }
    let errors = walk.finish();
    if errors.is_empty() {
        Ok(script)
    } else {
        Err(LoadError { errors })
    }
}

/// The checks before any walk: size, nesting depth, JSON syntax; repeated keys are already
/// recorded in the returned walk.
fn read_checked(json: &str) -> Result<(Value, Walk), ScenarioError> {
    if json.len() > MAX_SCENARIO_BYTES {
        return Err(ScenarioError::new(
            "",
            ScenarioErrorKind::TooLarge,
            format!(
                "the scenario is {} bytes; at most {} bytes ({} MiB) are allowed",
                json.len(),
                MAX_SCENARIO_BYTES,
                MAX_SCENARIO_BYTES / (1024 * 1024)
            ),
        ));
    }
    // A byte-order mark, as Windows editors write, is not part of the JSON text.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if let Some((line, column)) = find_too_deep(json.as_bytes(), MAX_JSON_DEPTH) {
        return Err(ScenarioError::new(
            "",
            ScenarioErrorKind::TooDeep,
            format!(
                "line {line}, column {column}: the JSON is nested more than {MAX_JSON_DEPTH} levels deep; \
                 at most {MAX_JSON_DEPTH} levels of [ and {{ are allowed (a scenario needs about 6)"
            ),
        ));
    }
    let (value, duplicates) = read_value(json).map_err(|e| {
        let message = if e.line() == 0 {
            format!("not valid JSON: {e}")
        } else {
            format!("line {}, column {}: not valid JSON: {}", e.line(), e.column(), syntax_reason(&e))
        };
        ScenarioError::new("", ScenarioErrorKind::Syntax, message)
    })?;
    let mut walk = Walk::default();
    for pointer in duplicates {
        let key = pointer_tokens(&pointer).and_then(|t| t.last().cloned()).unwrap_or_default();
        walk.error(
            pointer,
            ScenarioErrorKind::Duplicate,
            format!("{} is not allowed a second time in the same object; each key may appear once", quote(&key)),
        );
    }
    Ok((value, walk))
}

/// serde_json's message without its trailing " at line L column C" (we say it first).
fn syntax_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(pos) => text[..pos].to_string(),
        None => text,
    }
}

/// Scans the bytes for `[` and `{` outside strings and returns the line and column (1-based)
/// where the nesting first exceeds `limit`. No recursion: any input is safe.
fn find_too_deep(bytes: &[u8], limit: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut line = 1;
    let mut line_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    let column = String::from_utf8_lossy(&bytes[line_start..=i]).chars().count();
                    return Some((line, column));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

const SCENARIO_FIELDS: [&str; 11] = [
    "format",
    "name",
    "description",
    "seed",
    "startClock",
    "until",
    "sendPorts",
    "sendPortGroups",
    "endpoints",
    "script",
    "limits",
];
const LIMITS_FIELDS: [&str; 3] = ["maxInstances", "maxEvents", "maxMemoryMb"];
const PORT_FIELDS: [&str; 13] = [
    "name",
    "kind",
    "state",
    "filter",
    "primary",
    "backup",
    "orderedDelivery",
    "stopOnFailure",
    "serviceWindow",
    "priority",
    "routeFailedMessages",
    "application",
    "bindingXml",
];
const TRANSPORT_FIELDS: [&str; 5] = ["transport", "address", "retryCount", "retryInterval", "sendHandler"];
const WINDOW_FIELDS: [&str; 2] = ["from", "to"];
const CONDITION_FIELDS: [&str; 3] = ["property", "operator", "value"];
const GROUP_FIELDS: [&str; 6] = ["name", "state", "members", "filter", "application", "bindingXml"];
const ENDPOINT_FIELDS: [&str; 4] = ["address", "latency", "failures", "response"];
const FAILURE_FIELDS: [&str; 5] = ["kind", "from", "to", "count", "probability"];
const ENTRY_FIELDS: [&str; 9] = ["at", "publish", "send", "enlist", "start", "stop", "unenlist", "resume", "terminate"];
const INJECT_FIELDS: [&str; 6] = ["port", "group", "context", "count", "every", "id"];
const TARGET_FIELDS: [&str; 2] = ["port", "group"];
const SELECTOR_FIELDS: [&str; 3] = ["port", "message", "group"];

const LIMIT_RULE: &str = "a limit must be an integer from 1 to 1000000000000";
const DURATION: &str = "expected a duration string such as \"0s\", \"250ms\", \"5m\" or \"1h30m\"";
const CLOCK: &str = "expected a time of day \"HH:MM\" between 00:00 and 23:59";
const NAME: &str = "expected a name (a non-empty string)";
const APPLICATION: &str = "expected the name of a BizTalk application, a string";
const FILTER: &str = "expected a filter: an array of AND-groups, each an array of {property, operator, value} \
     conditions, e.g. [[{\"property\": \"BTS.ReceivePortName\", \"operator\": \"==\", \"value\": \"RP\"}]]";

fn scenario(w: &mut Walk, v: &Value) -> Option<ScenarioSpec> {
    let obj =
        w.object(v, "", "a scenario (a JSON object with \"format\": \"portsim-scenario/1\")", &SCENARIO_FIELDS)?;
    let format = match obj.get("format") {
        None => {
            w.error(
                "/format",
                ScenarioErrorKind::MissingField,
                format!("format is required: expected \"format\": {}", quote(SCENARIO_FORMAT)),
            );
            String::new()
        }
        Some(Value::String(s)) if s == SCENARIO_FORMAT => s.clone(),
        Some(other) => {
            // An unknown format is rejected alone: its other fields follow rules we do not know.
            let e = ScenarioError::new(
                "/format",
                ScenarioErrorKind::UnknownFormat,
                format!(
                    "{} is not a format this version reads; the only format allowed is {}",
                    describe(other),
                    quote(SCENARIO_FORMAT)
                ),
            );
            w.errors = vec![e];
            return None;
        }
    };
    let mut spec = ScenarioSpec {
        format,
        name: w.string(&obj, "name", "expected the scenario's name, a string").unwrap_or_default(),
        description: w.string(&obj, "description", "expected a description, a string").unwrap_or_default(),
        seed: w.uint(&obj, "seed", "the seed must be an integer from 0 to 18446744073709551615"),
        start_clock: w.string(&obj, "startClock", CLOCK),
        until: w.string(&obj, "until", DURATION),
        ..Default::default()
    };
    spec.send_ports = list(w, &obj, "sendPorts", "expected an array of send ports", port);
    spec.send_port_groups = list(w, &obj, "sendPortGroups", "expected an array of send port groups", group);
    spec.endpoints = list(w, &obj, "endpoints", "expected an array of endpoints", endpoint);
    spec.script = list(w, &obj, "script", "expected an array of script entries", script_entry);
    spec.limits = obj.get("limits").and_then(|v| limits(w, v, &obj.field_path("limits")));
    Some(spec)
}

fn limits(w: &mut Walk, v: &Value, path: &str) -> Option<LimitsSpec> {
    let obj = w.object(v, path, "a limits object {maxInstances, maxEvents, maxMemoryMb}", &LIMITS_FIELDS)?;
    Some(LimitsSpec {
        max_instances: w.int(&obj, "maxInstances", LIMIT_RULE),
        max_events: w.int(&obj, "maxEvents", LIMIT_RULE),
        max_memory_mb: w.int(&obj, "maxMemoryMb", LIMIT_RULE),
    })
}

/// Walks an optional array field, element by element; an element that is not the right shape
/// still takes its place (as a default) so later indices stay the file's indices.
fn list<T: Default>(
    w: &mut Walk,
    obj: &Obj<'_>,
    key: &str,
    expected: &str,
    item: fn(&mut Walk, &Value, &str) -> Option<T>,
) -> Vec<T> {
    let Some(items) = w.array(obj, key, expected) else { return Vec::new() };
    let path = obj.field_path(key);
    let mut out = Vec::new();
    for (i, v) in items.iter().enumerate() {
        if w.is_full() {
            // Stop building: the rest of the array is not examined.
            w.dropped = w.dropped.max(1);
            break;
        }
        out.push(item(w, v, &index(&path, i)).unwrap_or_default());
    }
    out
}

fn port(w: &mut Walk, v: &Value, path: &str) -> Option<PortSpec> {
    let obj = w.object(v, path, "a send port object", &PORT_FIELDS)?;
    Some(PortSpec {
        name: w.required_string(&obj, "name", NAME),
        kind: w.required_string(
            &obj,
            "kind",
            "expected one of static-one-way, static-solicit-response, dynamic-one-way, dynamic-solicit-response",
        ),
        state: w.string(&obj, "state", "expected one of bound, stopped, started"),
        filter: filter(w, &obj),
        primary: obj.get("primary").and_then(|v| transport(w, v, &obj.field_path("primary"))),
        backup: obj.get("backup").and_then(|v| transport(w, v, &obj.field_path("backup"))),
        ordered_delivery: w.boolean(&obj, "orderedDelivery", "expected true or false"),
        stop_on_failure: w.boolean(&obj, "stopOnFailure", "expected true or false"),
        service_window: obj.get("serviceWindow").and_then(|v| service_window(w, v, &obj.field_path("serviceWindow"))),
        priority: w.int(&obj, "priority", "Priority must be an integer from 1 (highest) to 10 (lowest)"),
        route_failed_messages: w.boolean(&obj, "routeFailedMessages", "expected true or false"),
        application: w.string(&obj, "application", APPLICATION),
        binding_xml: binding_xml(w, &obj),
    })
}

fn transport(w: &mut Walk, v: &Value, path: &str) -> Option<TransportSpec> {
    let obj =
        w.object(v, path, "a transport object {transport, address, retryCount, retryInterval}", &TRANSPORT_FIELDS)?;
    Some(TransportSpec {
        transport: w.required_string(&obj, "transport", "expected an adapter name such as FILE, HTTP, FTP, SMTP, SOAP"),
        address: w.required_string(&obj, "address", "expected the transport's address, a string"),
        retry_count: w.int(&obj, "retryCount", "Retry count must be an integer from 0 to 1000"),
        retry_interval: w.string(
            &obj,
            "retryInterval",
            "Retry interval must be a duration string from \"0m\" to \"525600m\", e.g. \"5m\"",
        ),
        send_handler: w.string(&obj, "sendHandler", "expected a host name, a string"),
    })
}

fn service_window(w: &mut Walk, v: &Value, path: &str) -> Option<ServiceWindowSpec> {
    let obj = w.object(v, path, "a service window {from: \"HH:MM\", to: \"HH:MM\"}", &WINDOW_FIELDS)?;
    Some(ServiceWindowSpec { from: w.required_string(&obj, "from", CLOCK), to: w.required_string(&obj, "to", CLOCK) })
}

fn filter(w: &mut Walk, obj: &Obj<'_>) -> FilterSpec {
    let Some(groups) = w.array(obj, "filter", FILTER) else { return Vec::new() };
    let path = obj.field_path("filter");
    let mut out = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let group_path = index(&path, g);
        let Value::Array(conds) = group else {
            w.wrong_type(
                &group_path,
                group,
                "expected an AND-group: an array of {property, operator, value} conditions",
            );
            out.push(Vec::new());
            continue;
        };
        let mut and_group = Vec::new();
        for (c, cond) in conds.iter().enumerate() {
            let cond_path = index(&group_path, c);
            if let Some(cond) = condition(w, cond, &cond_path) {
                and_group.push(cond);
            } else {
                and_group.push(ConditionSpec { property: String::new(), operator: String::new(), value: None });
            }
        }
        out.push(and_group);
    }
    out
}

fn condition(w: &mut Walk, v: &Value, path: &str) -> Option<ConditionSpec> {
    let obj = w.object(v, path, "a filter condition {property, operator, value}", &CONDITION_FIELDS)?;
    let value = obj.get("value").and_then(|v| context_value(w, v, &obj.field_path("value")));
    Some(ConditionSpec {
        property: w.required_string(&obj, "property", "expected a context property name such as BTS.ReceivePortName"),
        operator: w.required_string(&obj, "operator", "expected one of == != < <= > >= exists"),
        value,
    })
}

/// Decimal numbers at or beyond 2^53 are whole numbers that an `f64` cannot hold exactly
/// (`1099999999999999999999999999` would come back as `1.1e27`), so they are refused.
const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;

fn context_value(w: &mut Walk, v: &Value, path: &str) -> Option<ContextValue> {
    match v {
        Value::Bool(b) => Some(ContextValue::Bool(*b)),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Some(ContextValue::Int(i)),
            (None, Some(f)) if n.is_f64() && f.abs() < EXACT_LIMIT => Some(ContextValue::Float(f)),
            _ => {
                w.error(
                    path,
                    ScenarioErrorKind::OutOfRange,
                    format!(
                        "{n} is not allowed: it cannot be kept exactly; a property value may be an integer from \
                         {} to {}, a decimal number between -2^53 and 2^53 ({EXACT_LIMIT}), or a string",
                        i64::MIN,
                        i64::MAX
                    ),
                );
                None
            }
        },
        Value::String(s) => Some(ContextValue::Str(s.clone())),
        _ => {
            w.wrong_type(path, v, "expected a property value: a string, a number or true/false");
            None
        }
    }
}

/// A context object: any property names (SCENARIO.md: unknown fields are allowed inside
/// `context`), scalar values.
fn context(w: &mut Walk, obj: &Obj<'_>, key: &str) -> Option<Context> {
    let v = obj.get(key)?;
    let path = obj.field_path(key);
    let Value::Object(map) = v else {
        w.wrong_type(&path, v, "expected an object of context properties, e.g. {\"BTS.ReceivePortName\": \"RP\"}");
        return None;
    };
    let mut out = Context::new();
    for (name, value) in map {
        if let Some(cv) = context_value(w, value, &quoted_key(&path, name)) {
            out.insert(name.clone(), cv);
        }
    }
    Some(out)
}

fn group(w: &mut Walk, v: &Value, path: &str) -> Option<GroupSpec> {
    let obj = w.object(v, path, "a send port group object", &GROUP_FIELDS)?;
    let members = match w.array(&obj, "members", "expected an array of send port names") {
        None => Vec::new(),
        Some(items) => {
            let members_path = obj.field_path("members");
            items
                .iter()
                .enumerate()
                .map(|(i, m)| w.as_string(m, &index(&members_path, i), "expected a send port name").unwrap_or_default())
                .collect()
        }
    };
    Some(GroupSpec {
        name: w.required_string(&obj, "name", NAME),
        state: w.string(&obj, "state", "expected one of bound, stopped, started"),
        members,
        filter: filter(w, &obj),
        application: w.string(&obj, "application", APPLICATION),
        binding_xml: binding_xml(w, &obj),
    })
}

/// `bindingXml`: an object of strings (element name → verbatim XML), see `spec::BindingXml`.
fn binding_xml(w: &mut Walk, obj: &Obj<'_>) -> BindingXml {
    let mut out = BindingXml::new();
    let Some(v) = obj.get("bindingXml") else { return out };
    let path = obj.field_path("bindingXml");
    let Value::Object(map) = v else {
        w.wrong_type(
            &path,
            v,
            "expected an object of binding elements kept verbatim, e.g. {\"Tracking\": \"<Tracking>0</Tracking>\"}",
        );
        return out;
    };
    for (name, value) in map {
        if let Some(text) = w.as_string(value, &quoted_key(&path, name), "expected the element's XML text, a string") {
            out.insert(name.clone(), text);
        }
    }
    out
}

fn endpoint(w: &mut Walk, v: &Value, path: &str) -> Option<EndpointSpec> {
    let obj = w.object(v, path, "an endpoint object {address, latency, failures, response}", &ENDPOINT_FIELDS)?;
    Some(EndpointSpec {
        address: w.required_string(&obj, "address", "expected the endpoint's address, a string"),
        latency: w.string(&obj, "latency", DURATION),
        failures: list(w, &obj, "failures", "expected an array of failure rules", failure),
        response: context(w, &obj, "response"),
    })
}

fn failure(w: &mut Walk, v: &Value, path: &str) -> Option<FailureSpec> {
    let obj = w.object(v, path, "a failure rule {kind, ...}", &FAILURE_FIELDS)?;
    Some(FailureSpec {
        kind: w.required_string(&obj, "kind", "expected one of always, window, firstAttempts, random"),
        from: w.string(&obj, "from", DURATION),
        to: w.string(&obj, "to", DURATION),
        count: w.int(&obj, "count", "the count must be an integer from 0 to 4294967295"),
        probability: w.float(&obj, "probability", "the probability must be a number from 0 to 1"),
    })
}

fn script_entry(w: &mut Walk, v: &Value, path: &str) -> Option<ScriptEntrySpec> {
    let obj = w.object(v, path, "a script entry {at, <one action>}", &ENTRY_FIELDS)?;
    let inject = |w: &mut Walk, key: &str| obj.get(key).and_then(|v| inject(w, v, &obj.field_path(key)));
    let target = |w: &mut Walk, key: &str| obj.get(key).and_then(|v| target(w, v, &obj.field_path(key)));
    let selector = |w: &mut Walk, key: &str| obj.get(key).and_then(|v| selector(w, v, &obj.field_path(key)));
    Some(ScriptEntrySpec {
        at: w.required_string(&obj, "at", DURATION),
        publish: inject(w, "publish"),
        send: inject(w, "send"),
        enlist: target(w, "enlist"),
        start: target(w, "start"),
        stop: target(w, "stop"),
        unenlist: target(w, "unenlist"),
        resume: selector(w, "resume"),
        terminate: selector(w, "terminate"),
    })
}

fn inject(w: &mut Walk, v: &Value, path: &str) -> Option<InjectSpec> {
    let obj = w.object(v, path, "a message {context, count, every, id}", &INJECT_FIELDS)?;
    Some(InjectSpec {
        port: w.string(&obj, "port", "expected a send port name"),
        group: w.string(&obj, "group", "expected a send port group name"),
        context: context(w, &obj, "context"),
        count: w.int(&obj, "count", "the count must be an integer from 1 to 100000"),
        every: w.string(&obj, "every", DURATION),
        id: w.string(&obj, "id", "expected a message name, a string"),
    })
}

fn target(w: &mut Walk, v: &Value, path: &str) -> Option<TargetSpec> {
    let obj = w.object(v, path, "a target {port} or {group}", &TARGET_FIELDS)?;
    Some(TargetSpec {
        port: w.string(&obj, "port", "expected a send port name"),
        group: w.string(&obj, "group", "expected a send port group name"),
    })
}

fn selector(w: &mut Walk, v: &Value, path: &str) -> Option<SelectorSpec> {
    if let Value::String(s) = v {
        return Some(SelectorSpec::All(s.clone()));
    }
    let obj = w.object(v, path, "\"all\", {port}, {group}, {message} or {message, port}", &SELECTOR_FIELDS)?;
    Some(SelectorSpec::Some(SelectorFieldsSpec {
        port: w.string(&obj, "port", "expected a send port name"),
        message: w.string(&obj, "message", "expected a message name such as M1"),
        group: w.string(&obj, "group", "expected a send port group name"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_scan_ignores_brackets_in_strings() {
        assert_eq!(find_too_deep(br#"{"a": "[[[[[[[[", "b": [1]}"#, 2), None);
        assert_eq!(find_too_deep(br#"{"a": "\"[[[", "b": [[1]]}"#, 2), Some((1, 22)));
        assert_eq!(find_too_deep(b"[\n [\n  [", 2), Some((3, 3)));
    }

    #[test]
    fn field_lists_have_no_duplicates() {
        for list in [&SCENARIO_FIELDS[..], &PORT_FIELDS, &TRANSPORT_FIELDS, &ENTRY_FIELDS, &INJECT_FIELDS] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), list.len());
        }
    }

    #[test]
    fn keeps_indices_when_an_element_is_malformed() {
        let (spec, errors) = parse_spec_partial(
            r#"{"format":"portsim-scenario/1","sendPorts":[7,{"name":"B","kind":"static-one-way"}]}"#,
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "/sendPorts/0");
        let spec = spec.unwrap();
        assert_eq!(spec.send_ports.len(), 2);
        assert_eq!(spec.send_ports[1].name, "B");
    }

    #[test]
    fn context_keys_are_free_and_quoted_in_paths() {
        let (_, errors) = parse_spec_partial(
            r#"{"format":"portsim-scenario/1","script":[{"at":"0s","publish":{"context":{"Any.Name":1,"X":[1]}}}]}"#,
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "/script/0/publish/context/X");
        assert_eq!(errors[0].kind, ScenarioErrorKind::WrongType);
    }
}
