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

/// One message.
#[derive(Debug, Clone)]
pub struct Msg {
    /// The position among injected messages (1-based), or 0 for derived messages.
    pub ordinal: u32,
    /// An explicit name (script `id` or a derived name, shared with the report); `None` =
    /// `M<ordinal>`. Boxed so the field is one pointer (most messages have none; issue 9:
    /// 48-byte messages).
    #[allow(clippy::redundant_allocation)]
    pub name: Option<Box<Arc<str>>>,
    pub context: Arc<Context>,
    pub address: Address,
    pub origin: Origin,
    pub entered: SimTime,
    /// The injection source (for the routing cache), or `u32::MAX`.
    pub source: u32,
    /// How many derived generations separate it from an injected message (loop guard).
    pub depth: u8,
}

impl Msg {
    pub fn name(&self) -> String {
        match &self.name {
            Some(n) => n.to_string(),
            None => format!("M{}", self.ordinal),
        }
    }
    pub fn has_name(&self, name: &str) -> bool {
        match &self.name {
            Some(n) => &***n == name,
            None => ordinal_of(name) == Some(self.ordinal),
        }
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

    fn msg(ordinal: u32, name: Option<&str>) -> Msg {
        Msg {
            ordinal,
            name: name.map(|n| Box::new(n.into())),
            context: Arc::new(Context::new()),
            address: Address::Publish,
            origin: Origin::Injected,
            entered: SimTime(0),
            source: u32::MAX,
            depth: 0,
        }
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_message_is_48_bytes() {
        assert_eq!(std::mem::size_of::<Msg>(), 48);
    }

    #[test]
    fn names() {
        assert_eq!(msg(7, None).name(), "M7");
        assert!(msg(7, None).has_name("M7"));
        assert!(!msg(7, None).has_name("M07"));
        assert!(!msg(7, None).has_name("M70"));
        assert!(!msg(7, None).has_name("M+7"), "a sign is not part of an M<n> name");
        assert_eq!(msg(2, Some("G1")).name(), "G1");
        assert!(msg(2, Some("G1")).has_name("G1"));
        assert!(!msg(2, Some("G1")).has_name("M2"));
    }
}
