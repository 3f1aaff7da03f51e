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

use std::collections::VecDeque;

/// The single ordered service instance of a port.
#[derive(Debug, Clone, Default)]
pub struct OrderedQueue {
    /// Instances in delivery order; the front is the head.
    pub queue: VecDeque<u32>,
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
        self.queue.push_back(inst);
        !self.blocked && self.queue.len() == 1
    }
    /// Removes an instance wherever it is; returns the new head if the removed one was the head
    /// and the queue is not blocked.
    pub fn leave(&mut self, inst: u32) -> Option<u32> {
        let pos = self.queue.iter().position(|&i| i == inst)?;
        self.queue.remove(pos);
        if pos == 0 && !self.blocked {
            self.queue.front().copied()
        } else {
            None
        }
    }
    pub fn head(&self) -> Option<u32> {
        self.queue.front().copied()
    }
    pub fn contains(&self, inst: u32) -> bool {
        self.queue.contains(&inst)
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
    }
}
