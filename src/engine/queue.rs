//! The event queue: a binary min-heap ordered by `(time, lane, seq)` (DESIGN invariant 2, NeXosim
//! style). `seq` increases on every insert, so events with the same time and lane come out
//! first-in-first-out; lanes are described in `event.rs` (§10 priority among dispatches).
//!
//! # Example
//! ```
//! use portsim::engine::queue::EventQueue;
//! use portsim::engine::event::{Event, LANE_CONTROL};
//! use portsim::engine::time::SimTime;
//! let mut q = EventQueue::new();
//! q.push(SimTime(5), LANE_CONTROL, Event::Script { entry: 1 });
//! q.push(SimTime(5), LANE_CONTROL, Event::Script { entry: 0 });
//! assert_eq!(q.pop().map(|e| e.1), Some(Event::Script { entry: 1 }));
//! ```

use super::event::Event;
use super::time::SimTime;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

#[derive(Debug, Clone, Copy)]
struct Entry {
    time: u64,
    lane: u64,
    seq: u64,
    event: Event,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    /// Reversed, so the std max-heap pops the smallest `(time, lane, seq)` first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.time, other.lane, other.seq).cmp(&(self.time, self.lane, self.seq))
    }
}

/// The pending events of one simulation.
#[derive(Debug, Clone, Default)]
pub struct EventQueue {
    heap: BinaryHeap<Entry>,
    next_seq: u64,
}

impl EventQueue {
    pub fn new() -> EventQueue {
        EventQueue::default()
    }
    /// Reserves the next `n` sequence numbers (the script's entries, queued lazily in file order).
    pub fn reserve_seqs(&mut self, n: u64) -> u64 {
        let first = self.next_seq;
        self.next_seq += n;
        first
    }
    /// Queues an event with a fresh sequence number; returns that number.
    pub fn push(&mut self, time: SimTime, lane: u64, event: Event) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Entry { time: time.0, lane, seq, event });
        seq
    }
    /// Queues an event with a sequence number reserved earlier (see `reserve_seqs`).
    pub fn push_with_seq(&mut self, time: SimTime, lane: u64, seq: u64, event: Event) {
        self.heap.push(Entry { time: time.0, lane, seq, event });
    }
    /// The earliest event with its time.
    pub fn pop(&mut self) -> Option<(SimTime, Event)> {
        self.heap.pop().map(|e| (SimTime(e.time), e.event))
    }
    /// The earliest event with its time, left in the queue.
    pub fn peek(&self) -> Option<(SimTime, &Event)> {
        self.heap.peek().map(|e| (SimTime(e.time), &e.event))
    }
    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|e| SimTime(e.time))
    }
    /// Shifts the queued `Script` events of entries at or after `from` by one, after a script line
    /// was inserted at `from` (`replay_point.rs`). Keys are unchanged, so the order is too.
    pub fn shift_script_entries(&mut self, from: u32) {
        let mut entries = std::mem::take(&mut self.heap).into_vec();
        for e in &mut entries {
            if let Event::Script { entry } = &mut e.event {
                if *entry >= from {
                    *entry += 1;
                }
            }
        }
        self.heap = BinaryHeap::from(entries);
    }
    /// Bytes of one queued entry (time, lane, seq and the event).
    pub fn entry_size() -> usize {
        std::mem::size_of::<Entry>()
    }
    pub fn len(&self) -> usize {
        self.heap.len()
    }
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::event::{dispatch_lane, LANE_CONTROL};

    #[test]
    fn orders_by_time_then_lane_then_insertion() {
        let mut q = EventQueue::new();
        q.push(SimTime(10), LANE_CONTROL, Event::Script { entry: 0 });
        q.push(SimTime(5), dispatch_lane(5, 0), Event::Dispatch { inst: 1, key: 0 });
        q.push(SimTime(5), dispatch_lane(1, 7), Event::Dispatch { inst: 2, key: 0 });
        q.push(SimTime(5), LANE_CONTROL, Event::AttemptEnd { inst: 3, key: 0 });
        q.push(SimTime(5), LANE_CONTROL, Event::AttemptEnd { inst: 4, key: 0 });
        let order: Vec<Event> = std::iter::from_fn(|| q.pop().map(|e| e.1)).collect();
        assert_eq!(
            order,
            vec![
                Event::AttemptEnd { inst: 3, key: 0 },
                Event::AttemptEnd { inst: 4, key: 0 },
                Event::Dispatch { inst: 2, key: 0 },
                Event::Dispatch { inst: 1, key: 0 },
                Event::Script { entry: 0 },
            ]
        );
    }

    #[test]
    fn reserved_sequence_numbers_sort_before_later_inserts() {
        let mut q = EventQueue::new();
        let first = q.reserve_seqs(2);
        q.push(SimTime(0), LANE_CONTROL, Event::AttemptEnd { inst: 0, key: 0 });
        q.push_with_seq(SimTime(0), LANE_CONTROL, first + 1, Event::Script { entry: 1 });
        assert_eq!(q.pop().map(|e| e.1), Some(Event::Script { entry: 1 }));
        assert_eq!(q.len(), 1);
    }
}
