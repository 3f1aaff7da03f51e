//! Charts of a whole run, aggregated in ONE pass over the engine's compact instance history
//! (`Simulation::visit_history`): never one mark per instance, so a 1,000,000-instance run draws
//! as fast as a small one (issue 13; `benches/charts.rs` measures it).
//!
//! * instances over simulated time by status (§5 statuses), stacked, sampled at each bin's end;
//! * attempts per bin per endpoint address and transport (§6 primary vs backup), failures apart;
//! * publish → completion time per port: median, p95, max and a histogram.
//!
//! Invariant (property `chart_aggregates_sum_to_report_totals`): at every bin the stacked counts
//! add up to the instances created by then, and the last bin equals the report's totals.

use crate::engine::history::InstanceHistory;
use crate::engine::simulation::{InstanceStatus, Simulation, TransportSlot};
use std::collections::BTreeMap;

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

    /// Aggregates a run (at its current time) with a bin width chosen by `pick_bin`.
    pub fn build(sim: &Simulation) -> RunCharts {
        RunCharts::build_with_bin(sim, pick_bin(sim.now().as_ms()))
    }

    /// Aggregates with a given bin width (two runs compared side by side share one).
    pub fn build_with_bin(sim: &Simulation, bin_ms: u64) -> RunCharts {
        let mut b = ChartsBuilder::new(sim, bin_ms);
        b.feed(sim, usize::MAX);
        b.finish()
    }
}

/// `RunCharts::build` a slice of instances at a time (the page aggregates a large run between
/// frames, issue 13): `new` fixes the run's end, bin width and instance count; each `feed`
/// visits the next instances; `finish` folds the quantiles. The simulation must not move
/// between `new` and the last `feed` (the page starts over when it does).
#[derive(Debug, Clone)]
pub struct ChartsBuilder {
    end_ms: u64,
    bin_ms: u64,
    bins: usize,
    total: usize,
    next: usize,
    diff: Vec<[i64; 6]>,
    ports: Vec<PortFigures>,
    durations: Vec<Vec<u64>>,
    endpoints: Vec<EndpointSeries>,
    by_address: BTreeMap<(String, bool), usize>,
    /// Static ports: (port, slot) → series, so the address text is looked up once per port.
    static_series: Vec<[Option<usize>; 2]>,
    attempts: u64,
}

impl ChartsBuilder {
    /// A builder for `sim` at its current time with bins of `bin_ms` (at least 1 ms).
    pub fn new(sim: &Simulation, bin_ms: u64) -> ChartsBuilder {
        let end_ms = sim.now().as_ms();
        let bin_ms = bin_ms.max(1);
        let bins = end_ms.div_ceil(bin_ms).max(1) as usize;
        let ports: Vec<PortFigures> = sim
            .scenario()
            .ports
            .iter()
            .map(|p| PortFigures {
                name: p.name.clone(),
                instances: 0,
                completed: 0,
                suspended: 0,
                attempts: 0,
                delivery: None,
                completions: vec![0; bins],
                histogram: vec![0; DELIVERY_BUCKETS],
            })
            .collect();
        let n = ports.len();
        ChartsBuilder {
            end_ms,
            bin_ms,
            bins,
            total: sim.history_len(),
            next: 0,
            diff: vec![[0i64; 6]; bins + 1],
            ports,
            durations: vec![Vec::new(); n],
            endpoints: Vec::new(),
            by_address: BTreeMap::new(),
            static_series: vec![[None, None]; n],
            attempts: 0,
        }
    }

    /// Instances visited so far and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.total)
    }

    /// True when every instance has been visited.
    pub fn is_done(&self) -> bool {
        self.next >= self.total
    }

    /// Visits at most `max` more instances; true when every instance has been visited.
    pub fn feed(&mut self, sim: &Simulation, max: usize) -> bool {
        let start = self.next;
        let end = start.saturating_add(max).min(self.total);
        let (bins, bin_ms) = (self.bins, self.bin_ms);
        // First bin whose sample time is at or after `t`.
        let bin_of = |t: u64| (t.div_ceil(bin_ms).saturating_sub(1) as usize).min(bins - 1);
        let ChartsBuilder { diff, ports, durations, endpoints, by_address, static_series, attempts, .. } = self;
        sim.visit_history_range(start, end, |h: &InstanceHistory<'_>| {
            let changes = h.changes;
            for (j, &(at, status)) in changes.iter().enumerate() {
                let from = bin_of(at.as_ms());
                let to = changes.get(j + 1).map_or(bins, |&(next, _)| bin_of(next.as_ms()).max(from));
                // A change followed by another at the same bin sample never shows.
                if to > from || j + 1 == changes.len() {
                    let s = RunCharts::status_index(status);
                    diff[from][s] += 1;
                    diff[to][s] -= 1;
                }
            }
            let Some(port) = ports.get_mut(h.port as usize) else { return };
            port.instances += 1;
            port.attempts += h.attempts.len() as u64;
            *attempts += h.attempts.len() as u64;
            if h.status.is_suspended() {
                port.suspended += 1;
            }
            if let Some(done) = h.completed {
                port.completed += 1;
                port.completions[bin_of(done.as_ms())] += 1;
                durations[h.port as usize].push(done.as_ms().saturating_sub(h.created.as_ms()));
            }
            for a in h.attempts {
                let slot = usize::from(a.slot == TransportSlot::Backup);
                let cached = if h.dynamic.is_none() { static_series[h.port as usize][slot] } else { None };
                let series = match cached {
                    Some(s) => s,
                    None => {
                        let address = match h.dynamic {
                            Some(d) => sim.dynamic_address(d),
                            None => sim.port_address(h.port, a.slot),
                        };
                        let key = (address.to_string(), slot == 1);
                        let s = *by_address.entry(key).or_insert_with(|| {
                            endpoints.push(EndpointSeries {
                                address: address.to_string(),
                                transport: a.slot,
                                attempts: vec![0; bins],
                                failures: vec![0; bins],
                                total_attempts: 0,
                                total_failures: 0,
                            });
                            endpoints.len() - 1
                        });
                        if h.dynamic.is_none() {
                            static_series[h.port as usize][slot] = Some(s);
                        }
                        s
                    }
                };
                let e = &mut endpoints[series];
                let k = bin_of(a.start.as_ms());
                e.attempts[k] += 1;
                e.total_attempts += 1;
                if a.ok == Some(false) {
                    e.failures[k] += 1;
                    e.total_failures += 1;
                }
            }
        });
        self.next = end;
        self.is_done()
    }

    /// The charts of the instances visited (all of them once `feed` returned true).
    pub fn finish(self) -> RunCharts {
        let ChartsBuilder { end_ms, bin_ms, bins, diff, mut ports, mut durations, endpoints, attempts, .. } = self;
        let mut status = Vec::with_capacity(bins);
        let mut running = [0i64; 6];
        for d in diff.iter().take(bins) {
            for s in 0..6 {
                running[s] += d[s];
            }
            status.push(running.map(|v| v.max(0) as u64));
        }
        let max_delivery = durations.iter().flatten().copied().max().unwrap_or(0);
        let delivery_bucket_ms = nice_step((max_delivery + 1).div_ceil(DELIVERY_BUCKETS as u64));
        for (port, d) in ports.iter_mut().zip(durations.iter_mut()) {
            for &v in d.iter() {
                let b = ((v / delivery_bucket_ms) as usize).min(DELIVERY_BUCKETS - 1);
                port.histogram[b] += 1;
            }
            port.delivery = quantiles(d);
        }
        RunCharts { end_ms, bin_ms, status, endpoints, ports, delivery_bucket_ms, attempts }
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
