//! Scenario errors: self-describing kinds plus the JSON Pointer (RFC 6901) of the offending value.

use serde::Serialize;
use std::fmt;

/// What is wrong. Each kind's message names the allowed range or alternatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ScenarioErrorKind {
    /// Not JSON at all (with line/column in the message).
    Syntax,
    /// Larger than `MAX_SCENARIO_BYTES`.
    TooLarge,
    /// Nested deeper than `MAX_JSON_DEPTH`.
    TooDeep,
    /// `format` is not `portsim-scenario/1`.
    UnknownFormat,
    /// A field the format does not define (typos are not ignored).
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value of the wrong JSON type.
    WrongType,
    /// A number outside its range (retry count 0–1000, ...).
    OutOfRange,
    /// A string that is not one of the allowed values, or a malformed duration/time.
    InvalidValue,
    /// Two ports or two groups with the same name, or a member listed twice.
    Duplicate,
    /// A name that refers to no port, group or message.
    UnknownReference,
    /// A field or combination the kind does not allow (backup on a dynamic port, FILE on a
    /// solicit-response port, stop-on-failure without ordered delivery, ...).
    NotAllowed,
    /// More than `MAX_ERRORS` errors: the rest are counted, not listed.
    TooManyErrors,
}

/// Most errors listed for one file; the rest are summed up in one `TooManyErrors` entry, so a
/// 5 MB file of mistakes cannot take gigabytes to describe.
pub const MAX_ERRORS: usize = 200;

/// The closing entry of a truncated error list.
pub fn too_many_errors(dropped: usize) -> ScenarioError {
    ScenarioError::new(
        "",
        ScenarioErrorKind::TooManyErrors,
        format!(
            "at least {dropped} more errors are not listed; at most {MAX_ERRORS} errors are shown, fix these first"
        ),
    )
}

impl ScenarioErrorKind {
    pub fn code(self) -> &'static str {
        match self {
            ScenarioErrorKind::Syntax => "syntax",
            ScenarioErrorKind::TooLarge => "too-large",
            ScenarioErrorKind::TooDeep => "too-deep",
            ScenarioErrorKind::UnknownFormat => "unknown-format",
            ScenarioErrorKind::UnknownField => "unknown-field",
            ScenarioErrorKind::MissingField => "missing-field",
            ScenarioErrorKind::WrongType => "wrong-type",
            ScenarioErrorKind::OutOfRange => "out-of-range",
            ScenarioErrorKind::InvalidValue => "invalid-value",
            ScenarioErrorKind::Duplicate => "duplicate",
            ScenarioErrorKind::UnknownReference => "unknown-reference",
            ScenarioErrorKind::NotAllowed => "not-allowed",
            ScenarioErrorKind::TooManyErrors => "too-many-errors",
        }
    }
}

/// One error: where (`path`, a JSON Pointer (RFC 6901) such as `/sendPorts/0/primary/retryCount`;
/// `""` for the whole file),
/// what kind, and a sentence naming the bad value and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioError {
    pub path: String,
    pub kind: ScenarioErrorKind,
    pub message: String,
}

impl ScenarioError {
    pub fn new(path: impl Into<String>, kind: ScenarioErrorKind, message: impl Into<String>) -> Self {
        ScenarioError { path: path.into(), kind, message: message.into() }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.kind.code(), self.message)
        } else {
            write!(f, "{}: {}: {}", self.path, self.kind.code(), self.message)
        }
    }
}

/// Joins the errors of stage one (parse) and stage two (validate) into one list in file order.
///
/// Stage-two errors about a value stage one already reported (the same path, or a path inside
/// it) are left out: a port whose `name` had the wrong type gets one error, not a second "name
/// must be non-empty". The list is then sorted stably by where the path points: top-level
/// fields first, then `sendPorts`, `sendPortGroups`, `endpoints`, `script` by element index,
/// so each element's errors stay together; file-wide entries (path `""`) come last.
pub fn merge_stages(parse: Vec<ScenarioError>, validate: Vec<ScenarioError>) -> Vec<ScenarioError> {
    let (parse, parse_dropped) = split_summary(parse);
    let (validate, validate_dropped) = split_summary(validate);
    let covered = |path: &str| {
        parse
            .iter()
            .any(|e| path == e.path || path.strip_prefix(e.path.as_str()).is_some_and(|rest| rest.starts_with('/')))
    };
    let extra: Vec<ScenarioError> = validate.into_iter().filter(|e| !covered(&e.path)).collect();
    let mut all = parse;
    all.extend(extra);
    crate::engine::sort_key::sort_by_u64_key(&mut all, |e| file_position(&e.path));
    cap(all, parse_dropped + validate_dropped)
}

/// Keeps the first `MAX_ERRORS` errors and closes the list with one `TooManyErrors` entry that
/// counts every error left out (`dropped` were already left out before), so the cap the
/// message announces is the cap that was applied.
pub fn cap(mut errors: Vec<ScenarioError>, dropped: usize) -> Vec<ScenarioError> {
    let extra = errors.len().saturating_sub(MAX_ERRORS);
    errors.truncate(MAX_ERRORS);
    if dropped + extra > 0 {
        errors.push(too_many_errors(dropped + extra));
    }
    errors
}

/// Separates the closing `TooManyErrors` entries from the errors, returning how many errors
/// they say were left out.
fn split_summary(errors: Vec<ScenarioError>) -> (Vec<ScenarioError>, usize) {
    let mut dropped = 0;
    let mut kept = Vec::with_capacity(errors.len());
    for e in errors {
        if e.kind == ScenarioErrorKind::TooManyErrors {
            let count = e.message.strip_prefix("at least ").and_then(|rest| rest.split(' ').next());
            dropped += count.and_then(|n| n.parse::<usize>().ok()).unwrap_or(1);
        } else {
            kept.push(e);
        }
    }
    (kept, dropped)
}

/// Sort key of a JSON Pointer: the section in the top 8 bits, the element index below (an index
/// past 2^56 would need a scenario of petabytes: it is clamped). Sections: top-level scalars 0,
/// the four arrays 1–4 in the format's order, anything else 5, the whole file (`""`) 6.
fn file_position(path: &str) -> u64 {
    let Some(rest) = path.strip_prefix('/') else { return 6 << 56 };
    let mut tokens = rest.split('/');
    let first = tokens.next().unwrap_or_default();
    let second = tokens.next();
    let section: u64 = match first {
        "sendPorts" => 1,
        "sendPortGroups" => 2,
        "endpoints" => 3,
        "script" => 4,
        _ if second.is_none() => 0,
        _ => 5,
    };
    let index: u64 = second.and_then(|n| n.parse().ok()).unwrap_or(0);
    (section << 56) | index.min((1 << 56) - 1)
}

/// Every error found while loading; never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadError {
    pub errors: Vec<ScenarioError>,
}

impl LoadError {
    pub fn single(e: ScenarioError) -> Self {
        LoadError { errors: vec![e] }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(path: &str) -> ScenarioError {
        ScenarioError::new(path, ScenarioErrorKind::InvalidValue, "x")
    }

    #[test]
    fn merge_drops_covered_paths_and_sorts_by_file_position() {
        let merged = merge_stages(
            vec![e("/sendPorts/1/name"), e("/script/0"), e("/seed")],
            vec![
                e("/until"),
                e("/sendPorts/1/name"),
                e("/sendPorts/0/priority"),
                e("/sendPorts/10/kind"),
                e("/sendPorts/1/nameX"),
                e("/sendPorts/1/name/x"),
                e("/script/0/at"),
                e("/script/1/at"),
            ],
        );
        let paths: Vec<&str> = merged.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "/seed",
                "/until",
                "/sendPorts/0/priority",
                "/sendPorts/1/name",
                "/sendPorts/1/nameX",
                "/sendPorts/10/kind",
                "/script/0",
                "/script/1/at"
            ]
        );
    }

    #[test]
    fn merged_list_never_exceeds_the_cap_and_counts_the_rest() {
        let many = |n: usize| (0..n).map(|i| e(&format!("/sendPorts/{i}/name"))).collect::<Vec<_>>();
        let mut parse = many(MAX_ERRORS);
        parse.push(too_many_errors(7));
        let validate: Vec<ScenarioError> = (0..50).map(|i| e(&format!("/script/{i}/at"))).collect();
        let merged = merge_stages(parse, validate);
        assert_eq!(merged.len(), MAX_ERRORS + 1);
        assert_eq!(merged.iter().filter(|e| e.kind == ScenarioErrorKind::TooManyErrors).count(), 1);
        let last = merged.last().map(|e| e.message.clone()).unwrap_or_default();
        assert!(last.starts_with("at least 57 more errors"), "{last}");
    }
}
