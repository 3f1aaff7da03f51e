//! The whole-run timeline at scale (issue 9 §7: opening the Timeline at 1,000,000 instances never
//! freezes the page). Instead of building every instance's view, one pass over the engine's
//! compact history (`Simulation::visit_history_where`) counts, per send-port lane and time bin,
//! the transport attempts that ended OK, failed or are in flight (§6) and the instances suspended
//! or terminated there (§5), plus the density strip (instances by status, `timeline_density`).
//! Instances whose span (O(1): created … `status_since`, or now while live) misses the visible range are skipped
//! without walking their facts. The pass goes a slice of instances at a time (`feed`), so the
//! page spreads it over frames and shows its progress.
//!
//! The same pass lists the instances in view; when there are at most `DETAIL_MAX` of them the
//! timeline draws them one by one (bars, waits, marks: `timeline_items`), building only those
//! instances' views — zoomed in, a 1,000,000-instance run costs what a small one does.
//!
//! ```text
//!   BinsBuilder::new(sim, lo, hi, bins) ─feed(sim, n)─▶ … ─▶ Bins { lanes[port][bin], density, in_view }
//!         in view ≤ DETAIL_MAX ─▶ per-instance items      more ─▶ one aggregated strip per lane
//! ```
//! Pure (no DOM), tested natively.

use super::timeline_density::Density;
use crate::engine::history::InstanceHistory;
use crate::engine::simulation::{InstanceStatus, Simulation};
use crate::engine::time::SimTime;

/// At most this many instances in view are drawn one by one; more are drawn as bins.
pub const DETAIL_MAX: usize = 300;

/// What one lane's bin holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BinCount {
    /// Attempts (§6) overlapping the bin, by outcome.
    pub ok: u32,
    pub failed: u32,
    pub in_flight: u32,
    /// Instances suspended (§5, resumable or not) or terminated in the bin.
    pub suspended: u32,
}

impl BinCount {
    pub fn attempts(&self) -> u32 {
        self.ok + self.failed + self.in_flight
    }
    pub fn is_empty(&self) -> bool {
        self.attempts() == 0 && self.suspended == 0
    }
}

/// The aggregated whole-run view over `[lo, lo + bin_ms × bins)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Bins {
    pub lo: f64,
    pub hi: f64,
    pub bin_ms: f64,
    /// Per send port (scenario order), per bin.
    pub lanes: Vec<Vec<BinCount>>,
    /// Instances by status, binned by the time they reached it.
    pub density: Density,
    /// Ids of the instances whose span meets the range, in creation order (at most `DETAIL_MAX + 1`).
    pub in_view: Vec<u64>,
    /// How many instances meet the range.
    pub in_view_count: usize,
}

impl Bins {
    /// True when the instances in view are few enough to draw one by one.
    pub fn detailed(&self) -> bool {
        self.in_view_count <= DETAIL_MAX
    }
    /// The largest attempt count of any bin (the height scale).
    pub fn max_attempts(&self) -> u32 {
        self.lanes.iter().flatten().map(BinCount::attempts).max().unwrap_or(0)
    }
    /// The time range `[from, to)` of bin `i` (milliseconds).
    pub fn bin_range(&self, i: usize) -> (f64, f64) {
        let from = self.lo + self.bin_ms * i as f64;
        (from, from + self.bin_ms)
    }
    /// The bin under `ms`, if in range.
    pub fn bin_at(&self, ms: f64) -> Option<usize> {
        let n = self.lanes.first().map_or(0, Vec::len);
        if ms < self.lo || self.bin_ms <= 0.0 {
            return None;
        }
        let i = ((ms - self.lo) / self.bin_ms) as usize;
        (i < n).then_some(i)
    }
    /// Attempts of every lane and bin (the list's total).
    pub fn total_attempts(&self) -> u64 {
        self.lanes.iter().flatten().map(|b| u64::from(b.attempts())).sum()
    }
}

/// The pass that builds `Bins`, a slice of instances at a time. The simulation must not move
/// between `new` and the last `feed` (the timeline starts a new builder when its version changes).
#[derive(Debug, Clone)]
pub struct BinsBuilder {
    bins: Bins,
    now: u64,
    next: usize,
    total: usize,
}

impl BinsBuilder {
    pub fn new(sim: &Simulation, lo: f64, hi: f64, bins: usize) -> BinsBuilder {
        let bins = bins.max(1);
        let lo = lo.max(0.0);
        let hi = hi.max(lo + 1.0);
        let bin_ms = (hi - lo) / bins as f64;
        let lanes = vec![vec![BinCount::default(); bins]; sim.scenario().ports.len()];
        BinsBuilder {
            bins: Bins {
                lo,
                hi,
                bin_ms,
                lanes,
                density: Density::empty(lo, hi, bins),
                in_view: Vec::new(),
                in_view_count: 0,
            },
            now: sim.now().as_ms(),
            next: 0,
            total: sim.instance_count(),
        }
    }

    /// Instances visited so far and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.total)
    }
    pub fn is_done(&self) -> bool {
        self.next >= self.total
    }
    /// The result (complete once `is_done`).
    pub fn bins(&self) -> &Bins {
        &self.bins
    }

    /// Visits at most `max` more instances; true when every instance has been visited.
    pub fn feed(&mut self, sim: &Simulation, max: usize) -> bool {
        let start = self.next;
        let end = start.saturating_add(max.max(1)).min(self.total);
        let (lo, hi) = (self.bins.lo, self.bins.hi);
        let (lo_t, hi_t) = (SimTime(lo.floor() as u64), SimTime(hi.ceil() as u64));
        let bin_ms = self.bins.bin_ms;
        let Bins { lanes, density, in_view, in_view_count, .. } = &mut self.bins;
        let now = self.now;
        sim.visit_history_where(
            start,
            end,
            |index| {
                let id = index as u64 + 1;
                let (Some(row), Some(since)) = (sim.instance_row(id), sim.status_since(id)) else { return false };
                density.add(row.status, since.as_ms());
                // Its span as `timeline_items::instance_span` draws it: to now while Active or
                // Scheduled; a suspended or final instance ends at its last change.
                let live = !row.status.is_final() && !row.status.is_suspended();
                let to = if live { SimTime(now).max(since) } else { since };
                let meets = row.created <= hi_t && to >= lo_t;
                if meets {
                    *in_view_count += 1;
                    if in_view.len() <= DETAIL_MAX {
                        in_view.push(id);
                    }
                }
                meets
            },
            |h| add_history(lanes, (lo, hi, bin_ms), h, now),
        );
        self.next = end;
        self.is_done()
    }
}

/// Adds one instance's attempts and fate changes to its port's lane (`range` = lo, hi, bin_ms).
fn add_history(lanes: &mut [Vec<BinCount>], range: (f64, f64, f64), h: &InstanceHistory<'_>, now: u64) {
    let Some(lane) = lanes.get_mut(h.port as usize) else { return };
    let n = lane.len();
    let (lo, hi, bin_ms) = range;
    let bin = |t: f64| (((t - lo) / bin_ms).max(0.0) as usize).min(n - 1);
    for a in h.attempts {
        let (start, end) = (a.start.as_ms() as f64, a.end.map_or(now, |e| e.as_ms()).max(a.start.as_ms()) as f64);
        if end < lo || start > hi {
            continue;
        }
        for slot in &mut lane[bin(start)..=bin(end)] {
            match a.ok {
                Some(true) => slot.ok += 1,
                Some(false) => slot.failed += 1,
                None => slot.in_flight += 1,
            }
        }
    }
    // A fate change (suspended, terminated) is counted once, where it happened.
    let mut previous = InstanceStatus::Active;
    for &(at, status) in h.changes {
        let fate = matches!(
            status,
            InstanceStatus::SuspendedResumable | InstanceStatus::SuspendedNotResumable | InstanceStatus::Terminated
        );
        let t = at.as_ms() as f64;
        if fate && status != previous && t >= lo && t <= hi {
            lane[bin(t)].suspended += 1;
        }
        previous = status;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::components::observe_util::status_index;

    /// Two ports; SP_B always fails (retry 1, then suspended); `n` messages a second to each.
    fn sim(n: u32) -> Simulation {
        let json = format!(
            r#"{{"format":"portsim-scenario/1","name":"bins","seed":1,"until":"1d",
            "sendPorts":[
              {{"name":"SP_A","kind":"static-one-way","state":"started","filter":[[{{"property":"T","operator":"==","value":"x"}}]],
                "primary":{{"transport":"FILE","address":"a","retryCount":0,"retryInterval":"1m"}}}},
              {{"name":"SP_B","kind":"static-one-way","state":"started","filter":[[{{"property":"T","operator":"==","value":"x"}}]],
                "primary":{{"transport":"FILE","address":"b","retryCount":1,"retryInterval":"1m"}}}}],
            "endpoints":[{{"address":"a","latency":"1s"}},{{"address":"b","latency":"1s","failures":[{{"kind":"random","probability":1}}]}}],
            "script":[{{"at":"0s","publish":{{"context":{{"T":"x"}},"count":{n},"every":"1s"}}}}]}}"#
        );
        let scenario = crate::engine::load_scenario(&json).unwrap_or_else(|e| panic!("{e}"));
        let mut sim = Simulation::new(&scenario);
        sim.run_to_end();
        sim
    }

    fn build(sim: &Simulation, lo: f64, hi: f64, bins: usize, slice: usize) -> Bins {
        let mut b = BinsBuilder::new(sim, lo, hi, bins);
        let mut rounds = 0;
        while !b.feed(sim, slice) {
            rounds += 1;
            assert!(rounds < 10_000);
        }
        b.bins().clone()
    }

    #[test]
    fn lanes_count_attempts_by_outcome_and_suspensions_per_port() {
        let sim = sim(400);
        let end = sim.now().as_ms() as f64;
        let b = build(&sim, 0.0, end, 50, 64);
        let sum = |lane: usize, f: fn(&BinCount) -> u32| b.lanes[lane].iter().map(f).sum::<u32>();
        // SP_A: 400 attempts, all OK (each within one bin: 1 s attempts in bins of ≥ 8 s).
        assert!(b.bin_ms > 1_000.0);
        assert!(sum(0, |c| c.ok) >= 400);
        assert_eq!(sum(0, |c| c.failed) + sum(0, |c| c.suspended), 0);
        // SP_B: 2 failed attempts per message (first + 1 retry), then suspended.
        assert!(sum(1, |c| c.failed) >= 800);
        assert_eq!(sum(1, |c| c.ok), 0);
        assert_eq!(sum(1, |c| c.suspended), 400);
        assert_eq!(b.in_view_count, 800);
        assert!(!b.detailed());
        assert_eq!(b.density.total(), 800);
    }

    #[test]
    fn slices_give_the_same_bins_as_one_pass() {
        let sim = sim(300);
        let end = sim.now().as_ms() as f64;
        assert_eq!(build(&sim, 0.0, end, 40, 7), build(&sim, 0.0, end, 40, usize::MAX));
    }

    #[test]
    fn a_narrow_range_lists_its_few_instances_for_detail() {
        let sim = sim(400);
        // Messages 101..=110 are published at 100 s .. 109 s: their first attempts end 1 s later.
        let b = build(&sim, 100_000.0, 105_000.0, 20, 50);
        assert!(b.detailed(), "{} in view", b.in_view_count);
        assert!(b.in_view.len() == b.in_view_count && !b.in_view.is_empty());
        for id in &b.in_view {
            let info = sim.instance_info(*id).unwrap_or_else(|| panic!("instance {id}"));
            let (from, to) = super::super::timeline_items::instance_span(&info, sim.now());
            assert!(from <= 105_000 && to >= 100_000, "{id}: {from}..{to}");
        }
        // The density strip counts where instances reached their status, whatever the range.
        let counts = b.density.bins.iter().map(|c| c[status_index(InstanceStatus::Completed)]).sum::<u32>();
        assert!(counts > 0);
        assert_eq!(b.bin_at(100_000.0), Some(0));
        assert_eq!(b.bin_at(104_999.0), Some(19));
        assert_eq!(b.bin_at(99_000.0), None);
    }
}
