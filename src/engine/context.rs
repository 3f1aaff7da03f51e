//! Message context properties (e.g. `BTS.ReceivePortName`), as promoted properties are in BizTalk.
//!
//! Values are typed (§3 DECISION: int numeric, string ordinal case-sensitive, dateTime
//! chronological — dateTime values are ISO-8601 strings, which compare chronologically as text).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One promoted property value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ContextValue {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

/// A message context: property name → value, ordered by name so output is deterministic.
pub type Context = BTreeMap<String, ContextValue>;

/// Well-known BizTalk context property names.
pub mod props {
    pub const OUTBOUND_TRANSPORT_LOCATION: &str = "BTS.OutboundTransportLocation";
    pub const OUTBOUND_TRANSPORT_TYPE: &str = "BTS.OutboundTransportType";
    pub const RETRY_COUNT: &str = "BTS.RetryCount";
    pub const RETRY_INTERVAL: &str = "BTS.RetryInterval";
    pub const SP_NAME: &str = "BTS.SPName";
    pub const MESSAGE_TYPE: &str = "BTS.MessageType";
    pub const RECEIVE_PORT_NAME: &str = "BTS.ReceivePortName";
}

impl ContextValue {
    /// The value as an integer, when it is one (or a string holding one).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            ContextValue::Int(i) => Some(*i),
            ContextValue::Float(f) if f.fract() == 0.0 => Some(*f as i64),
            ContextValue::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            ContextValue::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl fmt::Display for ContextValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContextValue::Bool(b) => write!(f, "{b}"),
            ContextValue::Int(i) => write!(f, "{i}"),
            ContextValue::Float(x) => write!(f, "{x}"),
            ContextValue::Str(s) => f.write_str(s),
        }
    }
}
