//! The values a report record carries without owning text (issue 9: `report()` linear and cheap):
//! `Name` shares the text of a port, group or transport address among every record that names it
//! (cloning copies a pointer); `MessageName` is a message's script/derived name, or the ordinal of
//! an unnamed injected message rendered as `M<n>` only when written (SCENARIO.md naming); the
//! status, reason and transport slot are the engine's enums, written as their report codes.

use crate::engine::message::ordinal_of;
use crate::engine::outcome::{InstanceStatus, SuspendReason, TransportSlot};
use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// A shared, immutable name: a port, a group, a transport address or an explicit message name.
/// Reads as a `str` (`Deref`), compares with `&str`, and is written as a JSON string.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(Arc::from(s))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(Arc::from(s))
    }
}

impl From<Arc<str>> for Name {
    fn from(s: Arc<str>) -> Name {
        Name(s)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Name, D::Error> {
        String::deserialize(deserializer).map(Name::from)
    }
}

/// A message's name in a report: its explicit name (script `id`, `M3.response`, `M3.failed`) or,
/// for an unnamed injected message, its ordinal, written `M<ordinal>`. Two values are equal when
/// their text is (`Named("M3") == Ordinal(3)`), so a report read back from JSON equals the one built.
#[derive(Clone)]
pub enum MessageName {
    Named(Name),
    Ordinal(u32),
}

impl MessageName {
    /// What identifies the name: `Ok(n)` for `M<n>` however it is held, else `Err(text)`. Equality,
    /// hashing and order all go through it, so they agree.
    fn identity(&self) -> Result<u32, &str> {
        match self {
            MessageName::Ordinal(n) => Ok(*n),
            MessageName::Named(s) => ordinal_of(s).ok_or(s.as_str()),
        }
    }
}

impl PartialEq for MessageName {
    fn eq(&self, other: &MessageName) -> bool {
        self.identity() == other.identity()
    }
}

impl Eq for MessageName {}

impl Hash for MessageName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.identity().hash(state);
    }
}

/// `M<n>` names by `n`, before the other names in text order.
impl Ord for MessageName {
    fn cmp(&self, other: &MessageName) -> std::cmp::Ordering {
        self.identity().cmp(&other.identity())
    }
}

impl PartialOrd for MessageName {
    fn partial_cmp(&self, other: &MessageName) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<str> for MessageName {
    fn eq(&self, other: &str) -> bool {
        match self {
            MessageName::Named(s) => s.as_str() == other,
            MessageName::Ordinal(n) => ordinal_of(other) == Some(*n),
        }
    }
}

impl PartialEq<&str> for MessageName {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl fmt::Display for MessageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MessageName::Named(s) => f.write_str(s),
            MessageName::Ordinal(n) => write!(f, "M{n}"),
        }
    }
}

impl fmt::Debug for MessageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl Serialize for MessageName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            MessageName::Named(s) => serializer.serialize_str(s),
            MessageName::Ordinal(n) => serializer.collect_str(&format_args!("M{n}")),
        }
    }
}

impl<'de> Deserialize<'de> for MessageName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<MessageName, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(ordinal_of(&text).map_or_else(|| MessageName::Named(Name::from(text)), MessageName::Ordinal))
    }
}

/// The report codes of the engine's enums: written as the code, read back from it, compared
/// with a code as text (`status == "completed"`).
macro_rules! report_code {
    ($ty:ty, $what:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                let text = String::deserialize(deserializer)?;
                <$ty>::ALL.into_iter().find(|v| v.code() == text).ok_or_else(|| {
                    let codes: Vec<&str> = <$ty>::ALL.iter().map(|v| v.code()).collect();
                    D::Error::custom(format!(
                        concat!("unknown ", $what, " {:?}, expected one of {}"),
                        text,
                        codes.join(", ")
                    ))
                })
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.code() == other
            }
        }
        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.code() == *other
            }
        }
    };
}

report_code!(InstanceStatus, "status");
report_code!(SuspendReason, "reason");
report_code!(TransportSlot, "transport");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_name_equals_its_text_whichever_way_it_is_held() {
        let named = MessageName::Named(Name::from("M3"));
        assert_eq!(named, MessageName::Ordinal(3));
        assert_ne!(MessageName::Named(Name::from("M03")), MessageName::Ordinal(3));
        assert_ne!(MessageName::Named(Name::from("M+3")), MessageName::Ordinal(3));
        assert_eq!(MessageName::Ordinal(12), "M12");
        assert_ne!(MessageName::Ordinal(12), "M1");
        let hash = |m: &MessageName| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            m.hash(&mut h);
            h.finish()
        };
        assert_eq!(hash(&named), hash(&MessageName::Ordinal(3)));
        assert_eq!(ordinal_of("M0"), None);
        assert_eq!(ordinal_of("M"), None);
        assert_eq!(ordinal_of("M99999999999"), None);
    }

    #[test]
    fn codes_round_trip_through_json() {
        for s in InstanceStatus::ALL {
            let json = serde_json::to_string(&s).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", s.code()));
            assert_eq!(serde_json::from_str::<InstanceStatus>(&json).ok(), Some(s));
        }
        for r in SuspendReason::ALL {
            let json = serde_json::to_string(&r).unwrap_or_default();
            assert_eq!(serde_json::from_str::<SuspendReason>(&json).ok(), Some(r));
        }
        let err = serde_json::from_str::<InstanceStatus>("\"done\"").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("unknown status \"done\""), "{err}");
        let m: MessageName = serde_json::from_str("\"M7\"").unwrap_or(MessageName::Ordinal(0));
        assert!(matches!(m, MessageName::Ordinal(7)));
        assert_eq!(serde_json::to_string(&MessageName::Ordinal(7)).unwrap_or_default(), "\"M7\"");
    }
}
