//! Where the compact trace's lines are stored (issue 9: the engine loop with the trace on).
//!
//! A run writes three kinds of line per message and instance — an instance note (`Fact`), a
//! message entering the MessageBox (`Inject`) and a copy reaching a port (`Route`) — and each
//! kind's ids are allocated in the order its lines are written (facts, messages and instances are
//! appended to their arenas as the lines are recorded). So the store keeps no slot for most lines:
//! the trace is cut into chunks of 64 lines, and for each kind a chunk holds a bit mask of its
//! lines and the id of the first one; the next lines of that kind in the chunk carry the next ids.
//! A line that does not continue its kind's run in the chunk (a rare record, a fact recorded after
//! a stretch with the trace off, ...) is kept whole in `others`. Line `i` is found in O(1): its
//! chunk, then a population count of the masks below it.
//!
//! Per line this costs ≈ 0.75 byte (a 48-byte chunk per 64 lines) instead of an 8-byte slot, and
//! recording a line writes no memory but its chunk's masks. `get(i)` returns exactly the slot that
//! was pushed as line `i` (unit test `returns_every_pushed_slot`).
//!
//! ```
//! use portsim::engine::trace::TraceSlot;
//! use portsim::engine::trace_store::TraceStore;
//! let mut t = TraceStore::default();
//! for slot in [TraceSlot::Inject(0), TraceSlot::Route(0), TraceSlot::Fact(0), TraceSlot::Rare(0), TraceSlot::Fact(1)] {
//!     t.push(slot);
//! }
//! assert_eq!(t.len(), 5);
//! assert_eq!(t.get(4), Some(TraceSlot::Fact(1)));
//! assert_eq!(t.explicit_len(), 1); // only the rare record is stored whole
//! ```

use super::trace::TraceSlot;

/// Lines per chunk (one bit each in a `u64` mask).
const CHUNK: usize = 64;
/// The kinds stored as runs, by their index in a chunk's arrays.
const FACT: usize = 0;
const INJECT: usize = 1;
const ROUTE: usize = 2;
/// The inline fast path of `push` is compiled for native builds (the CLI, the benches) only.
const NATIVE: bool = cfg!(not(target_arch = "wasm32"));

/// 64 consecutive lines.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    /// Bit `b` of `masks[k]`: line `b` of the chunk is the next line of kind `k`'s run.
    masks: [u64; 3],
    /// The id of the first line of kind `k`'s run in this chunk (meaningful when its mask is not 0).
    first: [u32; 3],
    /// The index in `others` of this chunk's first line kept whole.
    first_other: usize,
}

/// The trace's lines, in order (see the module doc).
#[derive(Debug, Clone, Default)]
pub struct TraceStore {
    chunks: Vec<Chunk>,
    others: Vec<TraceSlot>,
    len: usize,
    /// The id that continues kind `k`'s run in the last chunk (meaningful while its mask there is
    /// not 0): `first + count_ones(mask)`, kept so that recording a line counts no bits.
    next: [u64; 3],
}

impl TraceStore {
    /// Appends line `len()`.
    #[inline]
    pub fn push(&mut self, slot: TraceSlot) {
        // Most lines continue their kind's run inside the current chunk: only its mask changes.
        let bit = self.len % CHUNK;
        let run = match slot {
            TraceSlot::Fact(f) => Some((FACT, f)),
            TraceSlot::Inject(m) => Some((INJECT, m)),
            TraceSlot::Route(i) => Some((ROUTE, i)),
            TraceSlot::Rare(_) => None,
        };
        // (Natively only: the page's size-tuned engine keeps one body, issue 14.)
        if let (true, Some((k, id)), true, Some(chunk)) = (NATIVE, run, bit != 0, self.chunks.last_mut()) {
            let mask = chunk.masks[k];
            if mask != 0 && self.next[k] == u64::from(id) {
                chunk.masks[k] = mask | 1 << bit;
                self.next[k] += 1;
                self.len += 1;
                return;
            }
        }
        self.push_slow(slot);
    }
    /// `push` of a line that starts a chunk, starts or breaks its kind's run, or is kept whole.
    #[cfg_attr(not(target_arch = "wasm32"), inline(never))]
    fn push_slow(&mut self, slot: TraceSlot) {
        let bit = self.len % CHUNK;
        if bit == 0 {
            self.chunks.push(Chunk { masks: [0; 3], first: [0; 3], first_other: self.others.len() });
        }
        self.len += 1;
        let (k, id) = match slot {
            TraceSlot::Fact(f) => (FACT, f),
            TraceSlot::Inject(m) => (INJECT, m),
            TraceSlot::Route(i) => (ROUTE, i),
            TraceSlot::Rare(_) => {
                self.others.push(slot);
                return;
            }
        };
        if let Some(chunk) = self.chunks.last_mut() {
            let mask = chunk.masks[k];
            if mask == 0 {
                chunk.first[k] = id;
                chunk.masks[k] = 1 << bit;
                self.next[k] = u64::from(id) + 1;
                return;
            }
            if self.next[k] == u64::from(id) {
                chunk.masks[k] = mask | 1 << bit;
                self.next[k] += 1;
                return;
            }
        }
        self.others.push(slot);
    }
    /// Line `index`, as it was pushed.
    #[inline]
    pub fn get(&self, index: usize) -> Option<TraceSlot> {
        if index >= self.len {
            return None;
        }
        let chunk = self.chunks.get(index / CHUNK)?;
        let bit = index % CHUNK;
        let below = (1u64 << bit) - 1;
        for (k, &mask) in chunk.masks.iter().enumerate() {
            if mask >> bit & 1 == 1 {
                let id = chunk.first[k].wrapping_add((mask & below).count_ones());
                return Some(match k {
                    FACT => TraceSlot::Fact(id),
                    INJECT => TraceSlot::Inject(id),
                    _ => TraceSlot::Route(id),
                });
            }
        }
        let in_runs = (chunk.masks[FACT] | chunk.masks[INJECT] | chunk.masks[ROUTE]) & below;
        self.others.get(chunk.first_other + bit - in_runs.count_ones() as usize).copied()
    }
    /// The last line.
    pub fn last(&self) -> Option<TraceSlot> {
        self.len.checked_sub(1).and_then(|i| self.get(i))
    }
    /// Number of lines.
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Lines kept whole (the memory estimate counts them at `TRACE_SLOT_BYTES`).
    pub fn explicit_len(&self) -> usize {
        self.others.len()
    }
    /// Chunks of 64 lines (the memory estimate counts them at `TRACE_CHUNK_BYTES`).
    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }
    /// Bytes of one chunk (the benchmark and the estimate's size test).
    pub fn chunk_size() -> usize {
        std::mem::size_of::<Chunk>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::SplitMix64;

    /// Runs of every kind, broken runs (an id out of order, a gap, the same id twice), rare
    /// records, runs across chunk borders and ids at the top of `u32`: each line reads back as
    /// pushed, and the lines that continue their run in the chunk take no slot.
    #[test]
    fn returns_every_pushed_slot() {
        let mut rng = SplitMix64::new(9);
        for round in 0..50 {
            let mut store = TraceStore::default();
            let mut pushed = Vec::new();
            let mut next = [0u32, 0, u32::MAX - 70];
            for _ in 0..(round * 37 + 5) {
                let r = rng.next_u64();
                let k = (r % 4) as usize;
                let slot = if k == 3 {
                    TraceSlot::Rare((r >> 8) as u32)
                } else {
                    let id = match (r >> 4) % 10 {
                        0 => next[k].wrapping_add(3),
                        1 => next[k].wrapping_sub(1),
                        _ => next[k],
                    };
                    next[k] = id.wrapping_add(1);
                    match k {
                        0 => TraceSlot::Fact(id),
                        1 => TraceSlot::Inject(id),
                        _ => TraceSlot::Route(id),
                    }
                };
                store.push(slot);
                pushed.push(slot);
            }
            assert_eq!(store.len(), pushed.len());
            for (i, &slot) in pushed.iter().enumerate() {
                assert_eq!(store.get(i), Some(slot), "round {round}, line {i}");
            }
            assert_eq!(store.get(pushed.len()), None);
            assert_eq!(store.last(), pushed.last().copied());
        }
    }

    #[test]
    fn consecutive_ids_take_no_slot() {
        let mut store = TraceStore::default();
        for i in 0..1_000 {
            store.push(TraceSlot::Inject(i));
            store.push(TraceSlot::Route(i));
            store.push(TraceSlot::Fact(2 * i));
            store.push(TraceSlot::Fact(2 * i + 1));
        }
        assert_eq!(store.explicit_len(), 0);
        assert_eq!(store.chunk_count(), 4_000 / 64 + 1);
    }
}
