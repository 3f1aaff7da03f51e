//! The event queue: a min-priority queue ordered by `(time, lane, seq)` (DESIGN invariant 2,
//! NeXosim style). `seq` increases on every insert, so events with the same time and lane come out
//! first-in-first-out; lanes are described in `event.rs` (§10 priority among dispatches).
//!
//! It is a radix heap on the time (the engine never schedules before the instant it is at, so
//! times popped never decrease): entries at the current instant `base` wait in a sorted run by
//! `(lane, seq)` (appended and popped in O(1); the rare entry that arrives out of order waits in a
//! small binary heap beside it); a later entry waits in the bucket of (the highest 4-bit digit where
//! its time differs from `base`, its value there), so bucket order is time order. Popping past the
//! current instant takes the first non-empty bucket, moves `base` to its smallest time and spreads
//! the bucket into lower ones, so an entry moves at most 16 times (once per digit; with one bucket
//! per bit it was up to 64) and most pushes are an append. The order is exactly the
//! `(time, lane, seq)` order of a binary heap on the whole key (unit test
//! `matches_a_binary_heap_on_random_operations`); an entry pushed before `base` (never done by the
//! engine) re-bases the queue, slowly but exactly.
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

impl Entry {
    fn key(&self) -> (u64, u64, u64) {
        (self.time, self.lane, self.seq)
    }
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
        other.key().cmp(&self.key())
    }
}

/// Bits of one digit of the radix: a later entry waits in the bucket of (the highest digit where
/// its time differs from `base`, its value there).
const DIGIT_BITS: u32 = 4;
const DIGITS: usize = 1 << DIGIT_BITS;
/// Buckets: `DIGITS` per digit position of a `u64` (the current instant is `run` and `late`).
const BUCKETS: usize = (u64::BITS / DIGIT_BITS) as usize * DIGITS;
/// Words of the occupancy bit set.
const WORDS: usize = BUCKETS / 64;

/// The pending events of one simulation.
#[derive(Debug, Clone)]
pub struct EventQueue {
    /// Entries at time `base` in `(lane, seq)` order, read from `head`: a sorted run. Most entries
    /// at the current instant arrive in order (a bucket is spread in push order; a dispatch queued
    /// now follows the ones queued before it), so they are appended and popped in O(1) — Resume or
    /// Start of N instances at one instant costs O(N), not O(N log N) (issue 9 §6).
    run: Vec<Entry>,
    head: usize,
    /// Entries at time `base` that came out of order, by `(lane, seq)`.
    late: BinaryHeap<Entry>,
    /// `buckets[level * DIGITS + d]`: entries later than `base` whose time differs from it first
    /// in digit `level` (of `DIGIT_BITS` bits), where the time's digit is `d`. Bucket order is time
    /// order, and an entry moves down at most once per digit position.
    buckets: Vec<Vec<Entry>>,
    /// `bucket_min[i]`: the earliest time in `buckets[i]` (meaningful while it is not empty).
    bucket_min: Box<[u64; BUCKETS]>,
    /// Bit `i` set ⇔ `buckets[i]` is not empty.
    occupied: [u64; WORDS],
    base: u64,
    len: usize,
    next_seq: u64,
}

impl Default for EventQueue {
    fn default() -> EventQueue {
        EventQueue {
            run: Vec::new(),
            head: 0,
            late: BinaryHeap::new(),
            buckets: vec![Vec::new(); BUCKETS],
            bucket_min: Box::new([u64::MAX; BUCKETS]),
            occupied: [0; WORDS],
            base: 0,
            len: 0,
            next_seq: 0,
        }
    }
}

/// The bucket of `time` (later than `base`).
#[inline]
fn bucket_of(base: u64, time: u64) -> usize {
    let level = (u64::BITS - 1 - (time ^ base).leading_zeros()) / DIGIT_BITS;
    let digit = (time >> (level * DIGIT_BITS)) as usize & (DIGITS - 1);
    level as usize * DIGITS + digit
}

/// `(lane, seq)`: the order of entries at one instant.
#[inline]
fn at_instant(e: &Entry) -> (u64, u64) {
    (e.lane, e.seq)
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
    #[inline]
    pub fn push(&mut self, time: SimTime, lane: u64, event: Event) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.insert(Entry { time: time.0, lane, seq, event });
        seq
    }
    /// Queues an event with a sequence number reserved earlier (see `reserve_seqs`).
    pub fn push_with_seq(&mut self, time: SimTime, lane: u64, seq: u64, event: Event) {
        self.insert(Entry { time: time.0, lane, seq, event });
    }
    #[inline]
    fn insert(&mut self, e: Entry) {
        if e.time < self.base {
            self.rebase(e.time);
        }
        self.len += 1;
        if e.time == self.base {
            self.push_now(e);
        } else {
            self.put(e);
        }
    }
    /// An entry at the current instant: appended to the run when it sorts last, else kept aside.
    #[inline]
    fn push_now(&mut self, e: Entry) {
        if self.head == self.run.len() {
            self.run.clear();
            self.head = 0;
            self.run.push(e);
        } else if self.run.last().is_some_and(|last| at_instant(last) <= at_instant(&e)) {
            self.run.push(e);
        } else {
            self.late.push(e);
        }
    }
    /// True when no entry is left at the current instant.
    #[inline]
    fn now_is_empty(&self) -> bool {
        self.head == self.run.len() && self.late.is_empty()
    }
    /// The first entry at the current instant, left in the queue.
    #[inline]
    fn peek_now(&self) -> Option<&Entry> {
        match (self.run.get(self.head), self.late.peek()) {
            (Some(r), Some(l)) if at_instant(l) < at_instant(r) => Some(l),
            (Some(r), _) => Some(r),
            (None, l) => l,
        }
    }
    /// Takes the first entry at the current instant.
    #[inline]
    fn pop_now(&mut self) -> Option<Entry> {
        match (self.run.get(self.head), self.late.peek()) {
            (Some(r), Some(l)) if at_instant(l) < at_instant(r) => self.late.pop(),
            (Some(&r), _) => {
                self.head += 1;
                Some(r)
            }
            (None, _) => self.late.pop(),
        }
    }
    /// Puts a later entry in its bucket.
    #[inline]
    fn put(&mut self, e: Entry) {
        let i = bucket_of(self.base, e.time);
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        if self.occupied[word] & bit == 0 {
            self.bucket_min[i] = e.time;
            self.occupied[word] |= bit;
        } else if e.time < self.bucket_min[i] {
            self.bucket_min[i] = e.time;
        }
        self.buckets[i].push(e);
    }
    /// The first non-empty bucket.
    #[inline]
    fn first_bucket(&self) -> Option<usize> {
        let w = self.occupied.iter().position(|&w| w != 0)?;
        Some(w * 64 + self.occupied[w].trailing_zeros() as usize)
    }
    /// Moves `base` back to `time` (earlier than every entry): every entry is bucketed again.
    fn rebase(&mut self, time: u64) {
        let mut all: Vec<Entry> = self.run.drain(self.head..).collect();
        self.run.clear();
        self.head = 0;
        all.append(&mut std::mem::take(&mut self.late).into_vec());
        for b in &mut self.buckets {
            all.append(b);
        }
        self.base = time;
        self.occupied = [0; WORDS];
        for e in all {
            self.put(e);
        }
    }
    /// Makes the current instant hold the earliest entries when any are queued.
    #[inline]
    fn advance(&mut self) {
        if !self.now_is_empty() {
            return;
        }
        self.spread_first_bucket();
    }
    /// Moves `base` to the earliest time of the first non-empty bucket: its entries at that time
    /// become the run (sorted by `(lane, seq)`, usually already), the others go to lower buckets.
    fn spread_first_bucket(&mut self) {
        let Some(i) = self.first_bucket() else { return };
        let mut bucket = std::mem::take(&mut self.buckets[i]);
        self.occupied[i / 64] &= !(1u64 << (i % 64));
        let base = self.bucket_min[i];
        self.base = base;
        self.run.clear();
        self.head = 0;
        if let [only] = bucket.as_slice() {
            // The common case on a sparse timeline: one entry, nothing to spread.
            self.run.push(*only);
        } else {
            for e in &bucket {
                if e.time == base {
                    self.run.push(*e);
                } else {
                    self.put(*e);
                }
            }
            if !self.run.is_sorted_by_key(at_instant) {
                self.run.sort_unstable_by_key(at_instant);
            }
        }
        // Keep the emptied bucket's allocation for the next entries that land in it.
        bucket.clear();
        self.buckets[i] = bucket;
    }
    /// The earliest event with its time.
    pub fn pop(&mut self) -> Option<(SimTime, Event)> {
        self.advance();
        let e = self.pop_now()?;
        self.len -= 1;
        Some((SimTime(e.time), e.event))
    }
    /// The earliest event when it is due at or before `until` (one step of the engine).
    #[inline]
    pub fn pop_due(&mut self, until: SimTime) -> Option<(SimTime, Event)> {
        self.advance();
        if self.base > until.0 {
            return None;
        }
        let e = self.pop_now()?;
        self.len -= 1;
        Some((SimTime(e.time), e.event))
    }
    /// The earliest entry, left in the queue.
    fn earliest(&self) -> Option<&Entry> {
        if let Some(e) = self.peek_now() {
            return Some(e);
        }
        self.buckets[self.first_bucket()?].iter().min_by_key(|e| e.key())
    }
    /// The earliest event with its time, left in the queue.
    pub fn peek(&self) -> Option<(SimTime, &Event)> {
        self.earliest().map(|e| (SimTime(e.time), &e.event))
    }
    pub fn peek_time(&self) -> Option<SimTime> {
        if !self.now_is_empty() {
            return Some(SimTime(self.base));
        }
        self.first_bucket().map(|i| SimTime(self.bucket_min[i]))
    }
    /// Shifts the queued `Script` events of entries at or after `from` by one, after a script line
    /// was inserted at `from` (`replay_point.rs`). Keys are unchanged, so the order is too.
    pub fn shift_script_entries(&mut self, from: u32) {
        let shift = |e: &mut Entry| {
            if let Event::Script { entry } = &mut e.event {
                if *entry >= from {
                    *entry += 1;
                }
            }
        };
        self.run[self.head..].iter_mut().for_each(shift);
        let mut late = std::mem::take(&mut self.late).into_vec();
        late.iter_mut().for_each(shift);
        self.late = BinaryHeap::from(late);
        self.buckets.iter_mut().flatten().for_each(shift);
    }
    /// Bytes of one queued entry (time, lane, seq and the event).
    pub fn entry_size() -> usize {
        std::mem::size_of::<Entry>()
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
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

    /// The radix queue pops exactly what a binary heap on the whole `(time, lane, seq)` key pops,
    /// through random pushes (mostly at or after the last popped time, sometimes before it, at
    /// the end of time, with equal times and lanes) and peeks.
    #[test]
    fn matches_a_binary_heap_on_random_operations() {
        let mut rng = crate::engine::rng::SplitMix64::new(42);
        for round in 0..200 {
            let mut q = EventQueue::new();
            let mut reference = BinaryHeap::new();
            let mut seq = 0u64;
            let mut now = 0u64;
            for step in 0..400u32 {
                let r = rng.next_u64();
                if !r.is_multiple_of(3) || reference.is_empty() {
                    let time = match r % 11 {
                        0 => now,
                        1 => u64::MAX - (r >> 60),
                        2 if round % 4 == 0 => now.saturating_sub(r >> 58),
                        _ => now.saturating_add((r >> 40) % [3, 70, 5_000, 1 << 40][(round % 4) as usize]),
                    };
                    let lane = if r.is_multiple_of(5) {
                        LANE_CONTROL
                    } else {
                        dispatch_lane((r >> 8) as u8 % 3, (r >> 16) as u32 % 4)
                    };
                    let event = Event::Dispatch { inst: step, key: round };
                    q.push(SimTime(time), lane, event);
                    reference.push(Entry { time, lane, seq, event });
                    seq += 1;
                } else {
                    let expected = reference.peek().map(|e| (SimTime(e.time), e.event));
                    if let Some((SimTime(t), _)) = expected.filter(|e| r % 7 == 1 && e.0 .0 > 0) {
                        // Not due yet: nothing is taken (later pushes may land before it).
                        assert_eq!(q.pop_due(SimTime(t - 1)), None);
                        assert_eq!(q.len(), reference.len());
                        continue;
                    }
                    let expected = reference.pop().map(|e| (SimTime(e.time), e.event));
                    assert_eq!(q.peek().map(|(t, e)| (t, *e)), expected, "peek, round {round} step {step}");
                    assert_eq!(q.peek_time(), expected.map(|e| e.0));
                    assert_eq!(q.pop(), expected, "round {round} step {step}");
                    now = expected.map_or(now, |e| e.0 .0);
                }
                assert_eq!(q.len(), reference.len());
            }
            while let Some(e) = reference.pop() {
                assert_eq!(q.pop(), Some((SimTime(e.time), e.event)));
            }
            assert!(q.is_empty() && q.pop().is_none());
        }
    }
}
