//! The timeline's density strip (issue 11 #7): in the whole-run view, where items overlap and are
//! merged into one glyph (a 200,000-message suspension burst would be a single mark), a strip of
//! stacked columns counts the instances by the §5 status they are in, binned by the time they
//! reached it (their last recorded change, `Simulation::status_since`).
//!
//! One pass over the instances, `bins` counters of six statuses: cheap at 400,000 instances.
//! Pure (no DOM), tested natively.

use super::observe_util::status_index;
use crate::engine::simulation::InstanceStatus;

/// Instances per bin and status (`InstanceStatus::ALL` order) over `[lo, lo + bin_ms × bins)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Density {
    pub lo: f64,
    pub bin_ms: f64,
    pub bins: Vec<[u32; 6]>,
}

impl Density {
    /// Counts instances, given as (status, the millisecond it reached that status —
    /// `Simulation::status_since`), into `bins` equal bins over `[lo, hi]`; those outside are left out.
    pub fn build(points: impl Iterator<Item = (InstanceStatus, u64)>, lo: f64, hi: f64, bins: usize) -> Density {
        let mut out = Density::empty(lo, hi, bins);
        for (status, at) in points {
            out.add(status, at);
        }
        out
    }
    /// No instance counted yet, `bins` equal bins over `[lo, hi]`.
    pub fn empty(lo: f64, hi: f64, bins: usize) -> Density {
        let bins = bins.max(1);
        let span = (hi - lo).max(1.0);
        Density { lo, bin_ms: span / bins as f64, bins: vec![[0u32; 6]; bins] }
    }
    /// Counts one instance (its status, the millisecond it reached it); left out when outside.
    pub fn add(&mut self, status: InstanceStatus, at: u64) {
        let t = at as f64;
        let n = self.bins.len();
        if t < self.lo || t > self.lo + self.bin_ms * n as f64 {
            return;
        }
        let b = (((t - self.lo) / self.bin_ms) as usize).min(n - 1);
        self.bins[b][status_index(status)] += 1;
    }
    /// The tallest column (0 when empty).
    pub fn max(&self) -> u32 {
        self.bins.iter().map(|b| b.iter().sum::<u32>()).max().unwrap_or(0)
    }
    /// Instances counted.
    pub fn total(&self) -> u64 {
        self.bins.iter().flat_map(|b| b.iter()).map(|&n| u64::from(n)).sum()
    }
    /// The busiest bin: `(index, its counts)`; the first one on ties.
    pub fn busiest(&self) -> Option<(usize, [u32; 6])> {
        let max = self.max();
        if max == 0 {
            return None;
        }
        self.bins.iter().position(|b| b.iter().sum::<u32>() == max).map(|i| (i, self.bins[i]))
    }
    /// The stacked segments of bin `i` as `(status index, y from the bottom, height)`, in pixels of
    /// a strip `height` tall scaled to the tallest column; a non-empty segment is at least 1 px.
    pub fn segments(&self, i: usize, height: f64) -> Vec<(usize, f64, f64)> {
        let max = f64::from(self.max().max(1));
        let mut y = 0.0;
        let mut out = Vec::new();
        for (s, &n) in self.bins.get(i).map(|b| b.as_slice()).unwrap_or(&[]).iter().enumerate() {
            if n == 0 {
                continue;
            }
            let h = (f64::from(n) / max * height).max(1.0);
            out.push((s, y, h));
            y += h;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suspension_burst_is_one_tall_column_by_status_time() {
        let burst = (0..200_000).map(|_| (InstanceStatus::SuspendedResumable, 60_000));
        let done = (0..100).map(|_| (InstanceStatus::Completed, 5_000));
        let d = Density::build(burst.chain(done), 0.0, 120_000.0, 120);
        assert_eq!(d.total(), 200_100);
        assert_eq!(d.max(), 200_000);
        let busiest = d.busiest().map(|(bin, counts)| (bin, counts[status_index(InstanceStatus::SuspendedResumable)]));
        assert_eq!(busiest, Some((60, 200_000)), "suspended at 60 s: bin 60 of 1 s bins");
        assert_eq!(d.bins[5][status_index(InstanceStatus::Completed)], 100);
        // The small column still shows (≥ 1 px); the tall one fills the strip.
        assert_eq!(d.segments(5, 24.0), vec![(status_index(InstanceStatus::Completed), 0.0, 1.0)]);
        assert_eq!(d.segments(60, 24.0), vec![(status_index(InstanceStatus::SuspendedResumable), 0.0, 24.0)]);
    }

    #[test]
    fn instances_outside_the_range_are_left_out_and_an_empty_strip_has_no_busiest() {
        let d = Density::build([(InstanceStatus::Active, 500)].into_iter(), 1_000.0, 2_000.0, 10);
        assert_eq!(d.total(), 0);
        assert_eq!(d.busiest(), None);
        let running = Density::build([(InstanceStatus::Active, 500)].into_iter(), 0.0, 1_000.0, 10);
        assert_eq!(running.bins[5][status_index(InstanceStatus::Active)], 1);
    }
}
