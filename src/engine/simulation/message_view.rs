//! The message behind a service instance, as the Group Hub's message view shows it (§12): its
//! context properties and every delivery copy the MessageBox made of it (§3 DECISION: one send
//! instance per matching subscription, so a member whose own filter also matches gets two copies,
//! one "via group G" and one direct — the "twins").
//!
//! Read-only and linear in the number of instances (`u32` comparisons, no strings), so the page
//! can ask for the selected instance on every render even at 400,000 instances.

use super::super::outcome::InstanceId;
use super::Simulation;

impl Simulation {
    /// The context properties of the message instance `id` carries, in property-name order
    /// (`None` for an unknown id). Values are shown as the scenario format writes them.
    pub fn message_context(&self, id: InstanceId) -> Option<Vec<(String, String)>> {
        let inst = self.insts.get(usize::try_from(id.checked_sub(1)?).ok()?)?;
        if inst.msg as usize >= self.msgs.len() {
            return None;
        }
        Some(self.msg_context(inst.msg).iter().map(|(k, v)| (k.clone(), v.to_string())).collect())
    }

    /// Every instance created for the same message as `id`, itself included, in creation order:
    /// the delivery copies (§3). Empty for an unknown id.
    pub fn copies_of(&self, id: InstanceId) -> Vec<InstanceId> {
        let Some(inst) = id.checked_sub(1).and_then(|i| usize::try_from(i).ok()).and_then(|i| self.insts.get(i)) else {
            return Vec::new();
        };
        let msg = inst.msg;
        self.insts.iter().enumerate().filter(|(_, i)| i.msg == msg).map(|(n, _)| n as InstanceId + 1).collect()
    }

    /// The twin of `id` (§3): the other copy of the same message on the same send port — one
    /// delivered via a group, the other by the port's own subscription (or via another group).
    pub fn twins_of(&self, id: InstanceId) -> Vec<InstanceId> {
        let Some(me) = id.checked_sub(1).and_then(|i| usize::try_from(i).ok()).and_then(|i| self.insts.get(i)) else {
            return Vec::new();
        };
        let (msg, port, via) = (me.msg, me.port, me.via);
        self.insts
            .iter()
            .enumerate()
            .filter(|(_, i)| i.msg == msg && i.port == port && i.via != via)
            .map(|(n, _)| n as InstanceId + 1)
            .collect()
    }

    /// When instance `id` reached the status it is in now: the time of its last recorded change
    /// (its creation when nothing happened since). O(1); the timeline's density strip bins by it.
    pub fn status_since(&self, id: InstanceId) -> Option<super::super::time::SimTime> {
        let idx = u32::try_from(id.checked_sub(1)?).ok()?;
        let inst = self.insts.get(idx as usize)?;
        let created = self.created_at(idx);
        Some(self.facts.get(inst.last_fact as usize).map_or(created, |f| f.at.max(created)))
    }

    /// The endpoint address of instance `id`'s last transport attempt ("" before any attempt):
    /// the Group Hub groups by it (§12 "URI"). Walks the instance's facts back to that attempt.
    pub fn last_address(&self, id: InstanceId) -> String {
        let Some(idx) = id.checked_sub(1).and_then(|i| u32::try_from(i).ok()) else { return String::new() };
        let Some(inst) = self.insts.get(idx as usize) else { return String::new() };
        let mut f = inst.last_fact;
        while let Some(fact) = self.facts.get(f as usize) {
            if let super::super::note::Note::AttemptStart { slot } = fact.note {
                return self.address_of(idx, slot);
            }
            f = fact.prev;
        }
        String::new()
    }
}
