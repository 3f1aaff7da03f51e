//! Hand-walking a `serde_json::Value` so that every error is collected with its JSON Pointer
//! (RFC 6901: `/sendPorts/2/primary/retryCount`).
//!
//! serde's derive stops at the first error; a scenario author wants to see all of them at once
//! (SCENARIO.md: "Unknown fields are an error (typos must not be silently ignored)"). The `Walk`
//! collector records one `ScenarioError` per problem and returns a default value, so the walk
//! goes on and the partial result keeps every array index where it was.
//!
//! # Example
//! ```
//! use portsim::engine::scenario::json_walk::Walk;
//! let value: serde_json::Value = serde_json::from_str(r#"{"retryCont": 3}"#).unwrap();
//! let mut walk = Walk::default();
//! let obj = walk.object(&value, "/sendPorts/0/primary", "a transport object", &["retryCount"]).unwrap();
//! assert_eq!(walk.int(&obj, "retryCount", "an integer"), None);
//! assert_eq!(walk.errors[0].path, "/sendPorts/0/primary/retryCont");
//! assert!(walk.errors[0].message.contains("did you mean \"retryCount\""));
//! ```

use super::error::{too_many_errors, ScenarioError, ScenarioErrorKind, MAX_ERRORS};
use serde_json::{Map, Value};

/// Escapes one reference token of a JSON Pointer (RFC 6901 §3): `~` → `~0`, `/` → `~1`.
pub fn escape_token(key: &str) -> String {
    if key.contains(['~', '/']) {
        key.replace('~', "~0").replace('/', "~1")
    } else {
        key.to_string()
    }
}

/// The JSON Pointer (RFC 6901) of field `key` inside the value at `path`
/// (`/sendPorts/0` + `name` → `/sendPorts/0/name`; the whole document is `""`).
/// Any key is unambiguous: `BTS.ReceivePortName`, `a/b` (→ `a~1b`) and `""` (→ a trailing `/`).
pub fn join(path: &str, key: &str) -> String {
    format!("{path}/{}", escape_token(key))
}

/// The JSON Pointer of element `i` of the array at `path` (`/sendPorts` + 2 → `/sendPorts/2`).
pub fn index(path: &str, i: usize) -> String {
    format!("{path}/{i}")
}

/// The JSON Pointer of an arbitrary key such as a context property (`BTS.ReceivePortName`):
/// the same as `join`, kept as a name for the places that hold user-chosen keys.
pub fn quoted_key(path: &str, key: &str) -> String {
    join(path, key)
}

/// The reference tokens of a JSON Pointer, unescaped (`/a~1b/0` → `["a/b", "0"]`); `None` when
/// the text is not a pointer (non-empty and not starting with `/`).
pub fn pointer_tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(rest.split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect())
}

/// A string as JSON writes it (`"5m"`), for error messages.
pub fn quote(s: &str) -> String {
    shorten(serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\"")))
}

/// A compact rendering of a JSON value for an error message, shortened when long.
pub fn describe(v: &Value) -> String {
    shorten(serde_json::to_string(v).unwrap_or_default())
}

fn shorten(s: String) -> String {
    const MAX_CHARS: usize = 60;
    if s.chars().count() <= MAX_CHARS {
        s
    } else {
        let mut out: String = s.chars().take(MAX_CHARS).collect();
        out.push('…');
        out
    }
}

/// What kind of JSON value this is, as a noun phrase ("a string", "an array").
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a decimal number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An object being walked, with its path.
#[derive(Debug, Clone, Copy)]
pub struct Obj<'a> {
    pub map: &'a Map<String, Value>,
    pub path: &'a str,
}

impl<'a> Obj<'a> {
    /// The field's value; `null` counts as absent, as it does for serde's `Option` fields.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }
    /// True when the field is present (and not `null`).
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    pub fn field_path(&self, key: &str) -> String {
        join(self.path, key)
    }
}

/// The error collector (at most `MAX_ERRORS` are kept; the rest are counted).
#[derive(Debug, Default)]
pub struct Walk {
    pub errors: Vec<ScenarioError>,
    /// Errors beyond `MAX_ERRORS`, counted only.
    pub dropped: usize,
}

impl Walk {
    pub fn error(&mut self, path: impl Into<String>, kind: ScenarioErrorKind, message: impl Into<String>) {
        if self.is_full() {
            self.dropped += 1;
        } else {
            self.errors.push(ScenarioError::new(path, kind, message));
        }
    }

    /// True once `MAX_ERRORS` errors are recorded: walking further only counts.
    pub fn is_full(&self) -> bool {
        self.errors.len() >= MAX_ERRORS
    }

    /// The errors, closed by a `TooManyErrors` entry when some were dropped.
    pub fn finish(mut self) -> Vec<ScenarioError> {
        if self.dropped > 0 {
            self.errors.push(too_many_errors(self.dropped));
        }
        self.errors
    }

    /// Records a wrong-type error: `"3" (a string) is not allowed; <expected>`.
    pub fn wrong_type(&mut self, path: &str, v: &Value, expected: &str) {
        let shown = describe(v);
        let what = type_name(v);
        let message = if shown == what {
            format!("{shown} is not allowed; {expected}")
        } else {
            format!("{shown} ({what}) is not allowed; {expected}")
        };
        self.error(path, ScenarioErrorKind::WrongType, message);
    }

    /// Checks that `v` is an object whose keys are all in `allowed` (each other key is an
    /// `UnknownField` error, with a "did you mean" hint when a known field is close).
    pub fn object<'a>(&mut self, v: &'a Value, path: &'a str, expected: &str, allowed: &[&str]) -> Option<Obj<'a>> {
        let Value::Object(map) = v else {
            self.wrong_type(path, v, &format!("expected {expected}"));
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                if self.is_full() {
                    // Past the cap: count only; no hint, no message (validation stays linear).
                    self.dropped += 1;
                    continue;
                }
                let hint = match closest(key, allowed) {
                    Some(near) => format!("did you mean {}? ", quote(near)),
                    None => String::new(),
                };
                let fields: Vec<&str> = allowed.to_vec();
                self.error(
                    join(path, key),
                    ScenarioErrorKind::UnknownField,
                    format!("{} is not a field of {expected}; {hint}allowed fields: {}", quote(key), fields.join(", ")),
                );
            }
        }
        Some(Obj { map, path })
    }

    /// A required field: absent → `MissingField`.
    pub fn require<'a>(&mut self, obj: &Obj<'a>, key: &str, expected: &str) -> Option<&'a Value> {
        let v = obj.get(key);
        if v.is_none() {
            let message = if obj.map.contains_key(key) {
                format!("null is not allowed; {key} is required: {expected}")
            } else {
                format!("{key} is required: {expected}")
            };
            self.error(obj.field_path(key), ScenarioErrorKind::MissingField, message);
        }
        v
    }

    /// An optional string field.
    pub fn string(&mut self, obj: &Obj<'_>, key: &str, expected: &str) -> Option<String> {
        let v = obj.get(key)?;
        self.as_string(v, &obj.field_path(key), expected)
    }

    /// A required string field (`""` in the partial result when absent or wrong).
    pub fn required_string(&mut self, obj: &Obj<'_>, key: &str, expected: &str) -> String {
        match self.require(obj, key, expected) {
            Some(v) => self.as_string(v, &obj.field_path(key), expected).unwrap_or_default(),
            None => String::new(),
        }
    }

    pub fn as_string(&mut self, v: &Value, path: &str, expected: &str) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            _ => {
                self.wrong_type(path, v, expected);
                None
            }
        }
    }

    /// An optional integer field (JSON integers only: `3`, not `3.0` or `"3"`).
    pub fn int(&mut self, obj: &Obj<'_>, key: &str, expected: &str) -> Option<i64> {
        let v = obj.get(key)?;
        let path = obj.field_path(key);
        match v {
            Value::Number(n) if n.is_i64() => n.as_i64(),
            Value::Number(n) if n.is_u64() => {
                self.error(path, ScenarioErrorKind::OutOfRange, format!("{n} is not allowed; {expected}"));
                None
            }
            _ => {
                self.wrong_type(&path, v, expected);
                None
            }
        }
    }

    /// An optional non-negative integer field that may use the whole `u64` range (the seed).
    pub fn uint(&mut self, obj: &Obj<'_>, key: &str, expected: &str) -> Option<u64> {
        let v = obj.get(key)?;
        let path = obj.field_path(key);
        match v {
            Value::Number(n) if n.is_u64() => n.as_u64(),
            Value::Number(n) if n.is_i64() => {
                self.error(path, ScenarioErrorKind::OutOfRange, format!("{n} is not allowed; {expected}"));
                None
            }
            _ => {
                self.wrong_type(&path, v, expected);
                None
            }
        }
    }

    /// An optional number field (integer or fractional).
    pub fn float(&mut self, obj: &Obj<'_>, key: &str, expected: &str) -> Option<f64> {
        let v = obj.get(key)?;
        match v {
            Value::Number(n) => n.as_f64(),
            _ => {
                self.wrong_type(&obj.field_path(key), v, expected);
                None
            }
        }
    }

    /// An optional boolean field (absent or wrong → `false`).
    pub fn boolean(&mut self, obj: &Obj<'_>, key: &str, expected: &str) -> bool {
        match obj.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                self.wrong_type(&obj.field_path(key), v, expected);
                false
            }
        }
    }

    /// An optional array field.
    pub fn array<'a>(&mut self, obj: &Obj<'a>, key: &str, expected: &str) -> Option<&'a Vec<Value>> {
        let v = obj.get(key)?;
        match v {
            Value::Array(items) => Some(items),
            _ => {
                self.wrong_type(&obj.field_path(key), v, expected);
                None
            }
        }
    }
}

/// The allowed name closest to a misspelt one (edit distance ≤ 2, or equal ignoring case).
fn closest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let lower = key.to_ascii_lowercase();
    allowed
        .iter()
        .map(|a| (edit_distance(&lower, &a.to_ascii_lowercase()), *a))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_json_pointers() {
        assert_eq!(join("", "sendPorts"), "/sendPorts");
        assert_eq!(join(&index("/sendPorts", 2), "primary"), "/sendPorts/2/primary");
        assert_eq!(quoted_key("/script/0/publish/context", "BTS.X"), "/script/0/publish/context/BTS.X");
        assert_eq!(join("", ""), "/");
        assert_eq!(join("/x", "a/b~c"), "/x/a~1b~0c");
        assert_eq!(pointer_tokens("/x/a~1b~0c/"), Some(vec!["x".into(), "a/b~c".into(), "".into()]));
        assert_eq!(pointer_tokens(""), Some(vec![]));
        assert_eq!(pointer_tokens("x"), None);
    }

    #[test]
    fn suggests_near_field_names_only() {
        assert_eq!(closest("retryCont", &["retryCount", "retryInterval"]), Some("retryCount"));
        assert_eq!(closest("RETRYCOUNT", &["retryCount"]), Some("retryCount"));
        assert_eq!(closest("banana", &["retryCount", "address"]), None);
    }

    #[test]
    fn long_values_are_shortened() {
        let long = "x".repeat(500);
        assert!(quote(&long).chars().count() <= 61);
    }
}
