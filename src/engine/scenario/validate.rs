//! Stage two of loading (DESIGN invariant 7): `ScenarioSpec` → `model::Scenario`, collecting every
//! error (with its JSON path, the bad value and what is allowed) and every configuration warning.
//!
//! ```text
//!  ScenarioSpec ──▶ top level (format, startClock, until, seed)
//!               ──▶ sendPorts       (validate_port: kinds, transports §1 §6, ordered §7, window §8)
//!               ──▶ sendPortGroups  (validate_port: members G4, initial state G1)
//!               ──▶ endpoints       (failure rules)
//!               ──▶ script          (validate_script: one action, references, counts)
//!               ──▶ limits          (validate_limits: work limits; self-feeding subscriptions warned)
//!               ──▶ Ok(Scenario) with warnings, or Err(every error)
//! ```
//!
//! # Example
//! ```
//! use portsim::engine::scenario::{parse_spec, validate};
//! let spec = parse_spec(r#"{"format":"portsim-scenario/1","sendPorts":[
//!   {"name":"SP","kind":"static-one-way","primary":{"transport":"FILE","address":"C:\\out","retryCount":1001}}]}"#)
//!   .unwrap();
//! let err = validate(&spec).unwrap_err();
//! assert_eq!(err.errors[0].to_string(),
//!   "/sendPorts/0/primary/retryCount: out-of-range: 1001 is not allowed; Retry count must be an integer from 0 to 1000");
//! ```

use super::error::{too_many_errors, LoadError, ScenarioError, ScenarioErrorKind, MAX_ERRORS};
use super::json_walk::{index, join, quote};
use super::spec::{EndpointSpec, FailureSpec, ScenarioSpec, SCENARIO_FORMAT};
use super::validate_limits;
use super::validate_port::{groups, ports};
use super::validate_script::script;
use crate::engine::model::{EndpointConfig, FailureRule, Scenario, Warning};
use crate::engine::time::{parse_clock, parse_duration, ClockOfDay, SimDuration, SimTime, MS_PER_DAY};
use std::collections::BTreeMap;

/// Validates a spec into the model the engine runs, or returns every error found.
pub fn validate(spec: &ScenarioSpec) -> Result<Scenario, LoadError> {
    let mut c = Checker::default();
    if spec.format != SCENARIO_FORMAT {
        c.error(
            "/format",
            ScenarioErrorKind::UnknownFormat,
            format!(
                "{} is not allowed; the only format this version reads is {}",
                quote(&spec.format),
                quote(SCENARIO_FORMAT)
            ),
        );
    }
    let start_clock = match &spec.start_clock {
        None => ClockOfDay::default(),
        Some(text) => c.clock("/startClock", text, "startClock").unwrap_or_default(),
    };
    let until = match &spec.until {
        None => SimTime(MS_PER_DAY),
        Some(text) => {
            SimTime(c.duration("/until", text, "until must be a duration of 0 or more", None).unwrap_or_default().0)
        }
    };
    let ports = ports(&mut c, &spec.send_ports);
    let groups = groups(&mut c, &spec.send_port_groups, &spec.send_ports);
    let endpoints = endpoints(&mut c, &spec.endpoints);
    let script = script(&mut c, &spec.script, &spec.send_ports, &spec.send_port_groups, until);
    let limits = validate_limits::limits(&mut c, spec.limits.as_ref());
    validate_limits::warn_self_feeding(&mut c, &ports, &endpoints);
    if !c.errors.is_empty() {
        if c.dropped > 0 {
            c.errors.push(too_many_errors(c.dropped));
        }
        return Err(LoadError { errors: c.errors });
    }
    Ok(Scenario {
        name: spec.name.clone(),
        description: spec.description.clone(),
        seed: spec.seed.unwrap_or(0),
        start_clock,
        until,
        ports,
        groups,
        endpoints,
        script,
        warnings: c.warnings,
        limits,
    })
}

/// Collects errors and warnings while the spec is checked (at most `MAX_ERRORS` of each are
/// kept; further errors are counted).
#[derive(Debug, Default)]
pub(super) struct Checker {
    pub errors: Vec<ScenarioError>,
    pub warnings: Vec<Warning>,
    pub dropped: usize,
}

impl Checker {
    pub fn error(&mut self, path: impl Into<String>, kind: ScenarioErrorKind, message: impl Into<String>) {
        if self.errors.len() >= MAX_ERRORS {
            self.dropped += 1;
        } else {
            self.errors.push(ScenarioError::new(path, kind, message));
        }
    }

    pub fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.warnings.len() < MAX_ERRORS {
            self.warnings.push(Warning { path: path.into(), message: message.into() });
        }
    }

    /// A duration string. `rule` says what is allowed (e.g. "Retry interval must be a duration
    /// from 0 to 525,600 minutes"); `max` is the largest allowed value, if any. A negative value
    /// (`"-5m"`) is out of range; anything else that is not a duration is an invalid value.
    pub fn duration(&mut self, path: &str, text: &str, rule: &str, max: Option<SimDuration>) -> Option<SimDuration> {
        let example =
            "written as an integer and a unit (ms, s, m, h, d), largest unit first, e.g. \"90s\", \"5m\" or \"1h30m\"";
        match parse_duration(text) {
            Ok(d) => match max {
                Some(max) if d > max => {
                    self.error(path, ScenarioErrorKind::OutOfRange, format!("{} is not allowed; {rule}", quote(text)));
                    None
                }
                _ => Some(d),
            },
            Err(why) => {
                let why = why.split(':').next().unwrap_or("not a duration").to_string();
                let negative = text.strip_prefix('-').is_some_and(|rest| parse_duration(rest).is_ok());
                let kind = if negative { ScenarioErrorKind::OutOfRange } else { ScenarioErrorKind::InvalidValue };
                let why = if negative { "negative duration".to_string() } else { why };
                self.error(path, kind, format!("{} is not allowed ({why}); {rule}, {example}", quote(text)));
                None
            }
        }
    }

    /// A time of day `"HH:MM"`.
    pub fn clock(&mut self, path: &str, text: &str, what: &str) -> Option<ClockOfDay> {
        match parse_clock(text) {
            Ok(c) => Some(c),
            Err(_) => {
                self.error(
                    path,
                    ScenarioErrorKind::InvalidValue,
                    format!(
                        "{} is not allowed; {what} must be a time of day \"HH:MM\" from 00:00 to 23:59",
                        quote(text)
                    ),
                );
                None
            }
        }
    }

    /// A name that must be non-empty and unique among `seen` (name → path of its first use).
    /// Returns true when the name is usable.
    pub fn unique_name(&mut self, path: &str, name: &str, what: &str, seen: &mut BTreeMap<String, String>) -> bool {
        if name.trim().is_empty() {
            self.error(
                path,
                ScenarioErrorKind::InvalidValue,
                format!("{} is not allowed; {what} must be a non-empty string", quote(name)),
            );
            return false;
        }
        if let Some(first) = seen.get(name) {
            self.error(
                path,
                ScenarioErrorKind::Duplicate,
                format!("{} is not allowed; it is already used at {first}: {what} must be unique", quote(name)),
            );
            return false;
        }
        seen.insert(name.to_string(), path.to_string());
        true
    }

    /// An integer in `min..=max` (with the default when absent).
    pub fn int_in(&mut self, path: &str, value: Option<i64>, default: i64, min: i64, max: i64, rule: &str) -> i64 {
        match value {
            None => default,
            Some(v) if (min..=max).contains(&v) => v,
            Some(v) => {
                self.error(path, ScenarioErrorKind::OutOfRange, format!("{v} is not allowed; {rule}"));
                default
            }
        }
    }
}

/// Lists names for a message, e.g. `"A", "B"` (at most ten, then "…"); `(none)` when empty.
pub(super) fn name_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut shown: Vec<String> = Vec::new();
    for name in names.filter(|n| !n.is_empty()).take(1000).map(quote) {
        if !shown.contains(&name) {
            shown.push(name);
        }
        if shown.len() > 10 {
            break;
        }
    }
    if shown.is_empty() {
        return "(none)".to_string();
    }
    if shown.len() > 10 {
        shown[10] = "…".to_string();
    }
    shown.join(", ")
}

fn endpoints(c: &mut Checker, specs: &[EndpointSpec]) -> Vec<EndpointConfig> {
    let mut seen = BTreeMap::new();
    let mut out = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let path = index("/endpoints", i);
        c.unique_name(&join(&path, "address"), &spec.address, "an endpoint address", &mut seen);
        let latency = match &spec.latency {
            None => SimDuration::ZERO,
            Some(text) => c
                .duration(&join(&path, "latency"), text, "the latency must be a duration of 0 or more", None)
                .unwrap_or_default(),
        };
        let failures_path = join(&path, "failures");
        let failures =
            spec.failures.iter().enumerate().filter_map(|(k, f)| failure(c, f, &index(&failures_path, k))).collect();
        out.push(EndpointConfig {
            address: spec.address.clone(),
            latency,
            failures,
            response: spec.response.clone().unwrap_or_default(),
        });
    }
    out
}

const FAILURE_KINDS: &str = "always, window (from, to), firstAttempts (count) or random (probability)";

fn failure(c: &mut Checker, f: &FailureSpec, path: &str) -> Option<FailureRule> {
    let fields = [
        ("from", f.from.is_some()),
        ("to", f.to.is_some()),
        ("count", f.count.is_some()),
        ("probability", f.probability.is_some()),
    ];
    let needs: &[&str] = match f.kind.as_str() {
        "always" => &[],
        "window" => &["from", "to"],
        "firstAttempts" => &["count"],
        "random" => &["probability"],
        other => {
            c.error(
                join(path, "kind"),
                ScenarioErrorKind::InvalidValue,
                format!("{} is not allowed; the failure kind must be one of {FAILURE_KINDS}", quote(other)),
            );
            return None;
        }
    };
    let mut complete = true;
    for (field, present) in fields {
        if present && !needs.contains(&field) {
            let takes = if needs.is_empty() { "no other field".to_string() } else { needs.join(" and ") };
            c.error(
                join(path, field),
                ScenarioErrorKind::NotAllowed,
                format!("{field} is not allowed on a failure of kind {}; that kind takes {takes}", quote(&f.kind)),
            );
        }
        if !present && needs.contains(&field) {
            c.error(
                join(path, field),
                ScenarioErrorKind::MissingField,
                format!("{field} is required for a failure of kind {}", quote(&f.kind)),
            );
            complete = false;
        }
    }
    if !complete {
        return None;
    }
    match f.kind.as_str() {
        "window" => {
            let rule = "a window bound must be a duration of 0 or more since the start";
            let from = c.duration(&join(path, "from"), f.from.as_deref().unwrap_or_default(), rule, None)?;
            let to = c.duration(&join(path, "to"), f.to.as_deref().unwrap_or_default(), rule, None)?;
            if from >= to {
                c.error(
                    join(path, "to"),
                    ScenarioErrorKind::InvalidValue,
                    format!(
                        "{} is not allowed; to must be later than from ({}): attempts starting in [from, to) fail",
                        quote(f.to.as_deref().unwrap_or_default()),
                        quote(f.from.as_deref().unwrap_or_default())
                    ),
                );
                return None;
            }
            Some(FailureRule::Window { from: SimTime(from.0), to: SimTime(to.0) })
        }
        "firstAttempts" => {
            let rule = "the count must be an integer from 0 to 4294967295";
            let count = c.int_in(&join(path, "count"), f.count, -1, 0, i64::from(u32::MAX), rule);
            u32::try_from(count).ok().map(|count| FailureRule::FirstAttempts { count })
        }
        "random" => {
            let p = f.probability.unwrap_or_default();
            if !(0.0..=1.0).contains(&p) {
                c.error(
                    join(path, "probability"),
                    ScenarioErrorKind::OutOfRange,
                    format!("{p} is not allowed; the probability must be a number from 0 to 1"),
                );
                return None;
            }
            Some(FailureRule::Random { probability: p })
        }
        _ => Some(FailureRule::Always),
    }
}
