//! §7 ordered delivery: one service instance per ordered port, head-of-line blocking.
//!
//! ```text
//!   arrive ─▶ [head | q2 | q3 ...]   head transmits (retries on the primary only; backup ignored)
//!   head delivered / terminated / suspended (not resumable) ─▶ pop, next becomes head
//!   stopOnFailure=false: head fails finally ─▶ head Suspended (not resumable), next proceeds
//!   stopOnFailure=true:  head fails finally ─▶ BLOCKED: head Suspended (resumable,
//!        transport-failure), every queued and new message Suspended (resumable,
//!        ordered-delivery-blocked); Resume ─▶ head restarts with full retries, rest re-queued;
//!        Terminate ─▶ discards all of them
//! ```
//! Each message keeps its own `InstanceInfo`; `service_instance` names the shared instance: the
//! id of the first instance that ever joined the port's queue.

use std::collections::{BTreeMap, BTreeSet};

/// The single ordered service instance of a port. Its queue is kept in join order with an index
/// by instance, so joining, leaving from anywhere and membership are O(log n) (issue 9: a
/// linear search per delivered message made a long ordered queue quadratic).
#[derive(Debug, Clone, Default)]
pub struct OrderedQueue {
    /// Instances by join number: in delivery order, the first is the head.
    order: BTreeMap<u64, u32>,
    /// `(instance, join number)` of every entry of `order`.
    by_inst: BTreeSet<(u32, u64)>,
    next_join: u64,
    /// §7 stopOnFailure=true after a final failure of the head.
    pub blocked: bool,
    /// The shared service instance number (see module doc).
    pub service_instance: Option<u64>,
}

impl OrderedQueue {
    /// Adds an instance at the back; returns true when it became the head of an unblocked queue
    /// (and may transmit now).
    pub fn join(&mut self, inst: u32) -> bool {
        if self.service_instance.is_none() {
            self.service_instance = Some(inst as u64 + 1);
        }
        let n = self.next_join;
        self.next_join += 1;
        self.order.insert(n, inst);
        self.by_inst.insert((inst, n));
        !self.blocked && self.order.len() == 1
    }
    /// Removes an instance wherever it is (its earliest entry); returns the new head if the
    /// removed one was the head and the queue is not blocked.
    pub fn leave(&mut self, inst: u32) -> Option<u32> {
        let &(_, n) = self.by_inst.range((inst, 0)..=(inst, u64::MAX)).next()?;
        let was_head = self.order.first_key_value().is_some_and(|(&first, _)| first == n);
        self.by_inst.remove(&(inst, n));
        self.order.remove(&n);
        if was_head && !self.blocked {
            self.head()
        } else {
            None
        }
    }
    pub fn head(&self) -> Option<u32> {
        self.order.first_key_value().map(|(_, &i)| i)
    }
    pub fn contains(&self, inst: u32) -> bool {
        self.by_inst.range((inst, 0)..=(inst, u64::MAX)).next().is_some()
    }
    /// The queued instances in delivery order.
    pub fn members(&self) -> impl Iterator<Item = u32> + '_ {
        self.order.values().copied()
    }
    /// Empties the queue, returning its instances in delivery order.
    pub fn take_all(&mut self) -> Vec<u32> {
        self.by_inst.clear();
        std::mem::take(&mut self.order).into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_of_line() {
        let mut q = OrderedQueue::default();
        assert!(q.join(4), "first becomes head");
        assert!(!q.join(5));
        assert!(!q.join(6));
        assert_eq!(q.service_instance, Some(5), "the first instance's id");
        assert_eq!(q.leave(5), None, "a follower leaving changes no head");
        assert_eq!(q.leave(4), Some(6));
        q.blocked = true;
        assert!(!q.join(7), "blocked: nobody transmits");
        assert_eq!(q.leave(6), None);
        assert_eq!(q.head(), Some(7));
        assert!(q.contains(7) && !q.contains(6));
        assert_eq!(q.members().collect::<Vec<_>>(), vec![7]);
    }

    /// The same answers as the plain list it replaces (a `Vec` searched linearly), through random
    /// joins (a few of instances already queued) and leaves.
    #[test]
    fn matches_a_linear_list() {
        let mut rng = crate::engine::rng::SplitMix64::new(5);
        for _ in 0..100 {
            let mut q = OrderedQueue::default();
            let mut list: Vec<u32> = Vec::new();
            for _ in 0..200 {
                let r = rng.next_u64();
                let inst = (r >> 8) as u32 % 40;
                if r.is_multiple_of(3) {
                    let head = !q.blocked && list.is_empty();
                    list.push(inst);
                    assert_eq!(q.join(inst), head);
                } else if r % 3 == 1 {
                    let expected = list.iter().position(|&i| i == inst).and_then(|pos| {
                        list.remove(pos);
                        (pos == 0 && !q.blocked).then(|| list.first().copied()).flatten()
                    });
                    assert_eq!(q.leave(inst), expected);
                } else {
                    q.blocked = r.is_multiple_of(7);
                }
                assert_eq!(q.members().collect::<Vec<_>>(), list);
                assert_eq!(q.head(), list.first().copied());
                assert_eq!(q.contains(inst), list.contains(&inst));
            }
            assert_eq!(q.take_all(), list);
            assert_eq!(q.head(), None);
        }
    }
}
