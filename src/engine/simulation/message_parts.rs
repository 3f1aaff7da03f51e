//! What a message record (`message.rs`, 24 bytes) does not hold: its name, context and address,
//! read from its injection source (every copy of one `publish`/`send` shares them) or, for a
//! message the engine derived (§6 failed message routing, §9 response), from the derived table.
//!
//! SCENARIO.md naming: an injected message takes the script's `id` when it has one (`count` 1),
//! otherwise `M<n>`; a derived one is named after its parent (`M3.response`, `M3.failed`).

use super::Simulation;
use crate::engine::context::Context;
use crate::engine::message::{message_has_name, message_name, Address, Origin};
use std::sync::Arc;

impl Simulation {
    /// The explicit name of message `m`, shared with the report (`None`: it is `M<ordinal>`).
    pub(in crate::engine) fn msg_explicit_name(&self, m: u32) -> Option<&Arc<str>> {
        let msg = &self.msgs[m as usize];
        match msg.origin {
            Origin::Injected => self.sources.get(msg.source as usize).and_then(|s| s.name.as_ref()),
            Origin::Response | Origin::Failed => self.derived.get(msg.source as usize).map(|d| &d.name),
        }
    }
    /// The name of message `m` (SCENARIO.md naming).
    pub(in crate::engine) fn msg_name(&self, m: u32) -> String {
        message_name(self.msg_explicit_name(m), self.msgs[m as usize].ordinal)
    }
    /// True when message `m` is called `name`.
    pub(in crate::engine) fn msg_has_name(&self, m: u32, name: &str) -> bool {
        message_has_name(self.msg_explicit_name(m), self.msgs[m as usize].ordinal, name)
    }
    /// The context of message `m`.
    pub(in crate::engine) fn msg_context(&self, m: u32) -> &Context {
        static EMPTY: Context = Context::new();
        let msg = &self.msgs[m as usize];
        match msg.origin {
            Origin::Injected => self.sources.get(msg.source as usize).map_or(&EMPTY, |s| &s.context),
            Origin::Response | Origin::Failed => self.derived.get(msg.source as usize).map_or(&EMPTY, |d| &d.context),
        }
    }
    /// Where message `m` is addressed: derived messages are always published (§6, §9).
    pub(in crate::engine) fn msg_address(&self, m: u32) -> Address {
        let msg = &self.msgs[m as usize];
        match msg.origin {
            Origin::Injected => self.sources.get(msg.source as usize).map_or(Address::Publish, |s| s.address),
            Origin::Response | Origin::Failed => Address::Publish,
        }
    }
}
