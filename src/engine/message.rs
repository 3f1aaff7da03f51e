//! Messages: what enters the MessageBox (SCENARIO.md naming).
//!
//! Naming: an injected message takes the script's `id` when it has one (`count` 1), otherwise
//! `M<n>` where `n` is its position among all injected messages of the run (script and UI alike;
//! a message with an `id` still takes a position). Messages the engine creates itself are named
//! after their origin so that script names never shift: the response of a solicit-response port
//! to `M3` is `M3.response` (§9) and the failed-message-routing copy of `M3` is `M3.failed` (§6).

use super::context::Context;
use super::time::SimTime;
use std::sync::Arc;

/// Where a message is addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Address {
    /// Published to the MessageBox: filters decide (§3).
    Publish,
    /// Sent straight to a port (bound orchestration port; C1/C2).
    Port(u32),
    /// Sent to a group (C3–C5).
    Group(u32),
}

/// How the message came to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Injected,
    /// §9: the response received by a solicit-response instance.
    Response,
    /// §6: a failed-message-routing error message.
    Failed,
}

/// One message: 24 bytes (issue 9: memory per instance, and no reference count to touch per
/// copy). Its name, context and address are not stored here: an injected message takes them from
/// its injection source (all copies of one `publish`/`send` share them), a derived one (§6/§9)
/// from its entry in the simulation's derived table (`simulation/message_parts.rs`).
#[derive(Debug, Clone, Copy)]
pub struct Msg {
    /// The position among injected messages (1-based), or 0 for derived messages.
    pub ordinal: u32,
    /// Injected: the index of its injection source; derived: the index of its derived entry.
    pub source: u32,
    pub entered: SimTime,
    pub origin: Origin,
    /// How many derived generations separate it from an injected message (loop guard).
    pub depth: u8,
}

/// What a derived message (§6 failed message, §9 response) holds besides its `Msg` record.
#[derive(Debug, Clone)]
pub struct DerivedMsg {
    /// `M3.response`, `M3.failed`: shared with the report.
    pub name: Arc<str>,
    pub context: Context,
}

/// The name of a message: its explicit name (script `id`, derived name) or `M<ordinal>`.
pub fn message_name(explicit: Option<&Arc<str>>, ordinal: u32) -> String {
    match explicit {
        Some(n) => n.to_string(),
        None => format!("M{ordinal}"),
    }
}

/// True when a message with this explicit name (or none) and ordinal is called `name`.
pub fn message_has_name(explicit: Option<&Arc<str>>, ordinal: u32, name: &str) -> bool {
    match explicit {
        Some(n) => &**n == name,
        None => ordinal_of(name) == Some(ordinal),
    }
}

/// `Some(n)` when `text` is exactly `M<n>`, the name of unnamed injected message `n` (no sign, no
/// leading zero).
pub fn ordinal_of(text: &str) -> Option<u32> {
    let digits = text.strip_prefix('M')?;
    let canonical = !digits.is_empty() && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit());
    canonical.then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_message_is_24_bytes() {
        assert_eq!(std::mem::size_of::<Msg>(), 24);
    }

    #[test]
    fn names() {
        let g1: Arc<str> = Arc::from("G1");
        assert_eq!(message_name(None, 7), "M7");
        assert!(message_has_name(None, 7, "M7"));
        assert!(!message_has_name(None, 7, "M07"));
        assert!(!message_has_name(None, 7, "M70"));
        assert!(!message_has_name(None, 7, "M+7"), "a sign is not part of an M<n> name");
        assert_eq!(message_name(Some(&g1), 2), "G1");
        assert!(message_has_name(Some(&g1), 2, "G1"));
        assert!(!message_has_name(Some(&g1), 2, "M2"));
    }
}
