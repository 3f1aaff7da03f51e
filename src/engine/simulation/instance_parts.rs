//! What an instance record (`instance.rs`, 32 bytes) does not hold, read where it already is:
//! * its creation time — the time of its first fact, the `Created` note recorded when the
//!   MessageBox made the copy (§3);
//! * its completion time — the time of its last fact when it is Completed (§6: a Completed
//!   instance is final, so its `Completed` / `FailedMessageRouted` note stays its last);
//! * a dynamic port's transport resolved for it (§1), in a side table that only scenarios with
//!   dynamic ports fill.

use super::{DynRt, Simulation};
use crate::engine::instance::NONE;
use crate::engine::outcome::InstanceStatus;
use crate::engine::time::SimTime;

impl Simulation {
    /// When instance `i` was created (the current time while its first fact is not recorded yet).
    pub(in crate::engine) fn created_at(&self, i: u32) -> SimTime {
        let first = self.insts[i as usize].first_fact;
        self.facts.get(first as usize).map_or(self.now, |f| f.at)
    }
    /// When instance `i` completed, if it is Completed.
    pub(in crate::engine) fn completed_at(&self, i: u32) -> Option<SimTime> {
        let inst = &self.insts[i as usize];
        if inst.status != InstanceStatus::Completed {
            return None;
        }
        Some(self.facts.get(inst.last_fact as usize).map_or(self.now, |f| f.at))
    }
    /// The index (in `dyns`) of the transport resolved for instance `i` of a dynamic port (§1).
    #[inline]
    pub(in crate::engine) fn dynamic_of(&self, i: u32) -> Option<u32> {
        self.inst_dyn.get(i as usize).copied().filter(|&d| d != NONE)
    }
    /// The transport resolved for instance `i`, if any.
    #[inline]
    pub(in crate::engine) fn dyn_rt(&self, i: u32) -> Option<&DynRt> {
        self.dynamic_of(i).and_then(|d| self.dyns.get(d as usize))
    }
    /// Records the transport resolved for instance `i`.
    pub(super) fn set_dynamic(&mut self, i: u32, rt: DynRt) {
        self.dyns.push(rt);
        if self.inst_dyn.len() <= i as usize {
            self.inst_dyn.resize(i as usize + 1, NONE);
        }
        self.inst_dyn[i as usize] = self.dyns.len() as u32 - 1;
    }
}
