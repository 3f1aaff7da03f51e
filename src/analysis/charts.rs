//! Charts of a whole run, binned: never one mark per instance, so a 1,000,000-instance run draws
//! as fast as a small one (issue 13; `benches/charts.rs` measures it). The figures are folded
//! fact by fact from the engine's compact records by `charts_live::ChartsFollower` — during the
//! run in the page, all at once for `RunCharts::build`.
//!
//! * instances over simulated time by status (§5 statuses), stacked, sampled at each bin's end;
//! * attempts per bin per endpoint address and transport (§6 primary vs backup), failures apart;
//! * publish → completion time per port: median, p95, max and a histogram.
//!
//! Invariant (property `chart_aggregates_sum_to_report_totals`): at every bin the stacked counts
//! add up to the instances created by then, and the last bin equals the report's totals.

use super::charts_live::ChartsFollower;
use crate::engine::simulation::{InstanceStatus, Simulation, TransportSlot};

/// At most this many time bins (a chart a few hundred pixels wide).
pub const MAX_BINS: u64 = 120;
/// Buckets of the delivery-time histogram.
pub const DELIVERY_BUCKETS: usize = 24;

/// The stack order of the status chart (bottom to top) = `InstanceStatus::ALL`.
pub const STATUSES: [InstanceStatus; 6] = InstanceStatus::ALL;

/// Binned figures of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunCharts {
    pub end_ms: u64,
    pub bin_ms: u64,
    /// Per bin, the number of instances in each status of `STATUSES` at the bin's sample time
    /// (`sample_ms`).
    pub status: Vec<[u64; 6]>,
    pub endpoints: Vec<EndpointSeries>,
    pub ports: Vec<PortFigures>,
    /// Width of one delivery-histogram bucket.
    pub delivery_bucket_ms: u64,
    pub attempts: u64,
}

/// Attempts on one address through one transport slot.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointSeries {
    pub address: String,
    pub transport: TransportSlot,
    /// Attempts started in each bin.
    pub attempts: Vec<u32>,
    /// Of those, attempts that ended in failure.
    pub failures: Vec<u32>,
    pub total_attempts: u64,
    pub total_failures: u64,
}

/// Publish → completion times (nearest-rank quantiles over completed instances).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantiles {
    pub count: u64,
    pub median_ms: u64,
    pub p95_ms: u64,
    pub max_ms: u64,
}

/// The per-port row of the table (with the sparkline and histogram series).
#[derive(Debug, Clone, PartialEq)]
pub struct PortFigures {
    pub name: String,
    pub instances: u64,
    pub completed: u64,
    pub suspended: u64,
    pub attempts: u64,
    pub delivery: Option<Quantiles>,
    /// Completions per bin (sparkline).
    pub completions: Vec<u32>,
    /// Completed instances per delivery-time bucket (`delivery_bucket_ms` wide).
    pub histogram: Vec<u32>,
}

impl RunCharts {
    pub fn bins(&self) -> usize {
        self.status.len()
    }
    /// The simulated time at which bin `k` is sampled: its end, or the run's end for the last.
    pub fn sample_ms(&self, k: usize) -> u64 {
        ((k as u64 + 1).saturating_mul(self.bin_ms)).min(self.end_ms)
    }
    /// Index of the status in `STATUSES`.
    pub fn status_index(status: InstanceStatus) -> usize {
        STATUSES.iter().position(|&s| s == status).unwrap_or(0)
    }

    /// Aggregates a run (at its current time) with a bin width chosen by `pick_bin`: every fact
    /// folded at once by the page's follower (`charts_live`), so the two can never disagree.
    pub fn build(sim: &Simulation) -> RunCharts {
        let mut f = ChartsFollower::new(sim);
        f.fold(sim, usize::MAX);
        f.snapshot(sim)
    }

    /// Aggregates with a given bin width (two runs compared side by side share one).
    pub fn build_with_bin(sim: &Simulation, bin_ms: u64) -> RunCharts {
        let mut f = ChartsFollower::with_bin(sim, bin_ms);
        f.fold(sim, usize::MAX);
        f.snapshot(sim)
    }
}

/// Nearest-rank median, p95 and max (reorders `values`; linear time).
pub fn quantiles(values: &mut [u64]) -> Option<Quantiles> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let rank = |p: u64| ((n as u64 * p).div_ceil(100) as usize).clamp(1, n) - 1;
    let (_, &mut median_ms, _) = values.select_nth_unstable(rank(50));
    let (_, &mut p95_ms, _) = values.select_nth_unstable(rank(95));
    let max_ms = values.iter().copied().max().unwrap_or(0);
    Some(Quantiles { count: n as u64, median_ms, p95_ms, max_ms })
}

/// The bin width for a run of `end_ms`: the smallest "round" duration giving at most
/// `MAX_BINS` bins.
pub fn pick_bin(end_ms: u64) -> u64 {
    nice_step(end_ms.div_ceil(MAX_BINS).max(1))
}

/// The smallest round duration (1-2-5 ms…s, then 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, days)
/// at or above `at_least` ms.
pub fn nice_step(at_least: u64) -> u64 {
    const STEPS: [u64; 28] = [
        1,
        2,
        5,
        10,
        20,
        50,
        100,
        200,
        500,
        1_000,
        2_000,
        5_000,
        10_000,
        15_000,
        30_000,
        60_000,
        120_000,
        300_000,
        600_000,
        900_000,
        1_800_000,
        3_600_000,
        7_200_000,
        10_800_000,
        21_600_000,
        43_200_000,
        86_400_000,
        172_800_000,
    ];
    let at_least = at_least.max(1);
    match STEPS.iter().find(|&&s| s >= at_least) {
        Some(&s) => s,
        None => at_least.div_ceil(86_400_000).saturating_mul(86_400_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_quantiles() {
        let mut v: Vec<u64> = (1..=20).collect();
        let q = quantiles(&mut v).unwrap();
        assert_eq!((q.count, q.median_ms, q.p95_ms, q.max_ms), (20, 10, 19, 20));
        assert_eq!(quantiles(&mut []), None);
        let q = quantiles(&mut [7]).unwrap();
        assert_eq!((q.median_ms, q.p95_ms, q.max_ms), (7, 7, 7));
    }

    #[test]
    fn bins_are_round_and_bounded() {
        assert_eq!(pick_bin(0), 1);
        assert_eq!(pick_bin(3_600_000), 30_000);
        assert_eq!(pick_bin(2 * 3_600_000), 60_000);
        assert!(3_600_000 * 100 / pick_bin(3_600_000 * 100) <= MAX_BINS);
        assert_eq!(nice_step(86_400_001 * 3), 4 * 86_400_000);
    }
}
