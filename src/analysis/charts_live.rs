//! The charts of a run kept up to date WHILE it runs (issue 13 at 1,000,000 instances): after
//! each slice of a run the shell folds the slice's new facts (`Simulation::visit_facts_range`, in
//! recording order) into fixed time bins, so when the run ends only a snapshot is left to take —
//! O(bins) for the series, plus the delivery quantiles — never a pass over every instance.
//!
//! The bins are kept at a fine "base" width `base_ms` that divides every bin width `pick_bin`
//! can choose for the run's end: the base starts at 1 ms and is coarsened (bins merged, O(bins))
//! along [`BASE_CHAIN`] as the simulated clock advances, so at most [`MAX_BASE_BINS`] are held.
//! A snapshot merges the base bins into the chart's bins.
//!
//! Same figures as the one-pass `RunCharts::build` (property `chart-bins-equal-report-totals`
//! checks a follower fed at random slice points against it): the status chart by a difference
//! array (each change adds 1 to the new status and takes 1 from the old one at the first bin
//! sampled at or after it — §5 statuses), attempts and failures at the bin of the attempt's start
//! per endpoint address × transport slot (§6 primary vs backup), and the publish → completion
//! times of completed instances per port.

use super::charts::{nice_step, pick_bin, quantiles, EndpointSeries, PortFigures, RunCharts, DELIVERY_BUCKETS};
use crate::engine::history::HistoryChange;
use crate::engine::simulation::{Simulation, TransportSlot};
use crate::engine::time::SimTime;

/// Base bin widths, each dividing every `nice_step` at or above it (so every bin width
/// `pick_bin` picks once the run is past 120 base bins of it).
pub const BASE_CHAIN: [u64; 9] = [1, 10, 100, 1_000, 5_000, 15_000, 300_000, 3_600_000, 86_400_000];
/// Coarsen when the clock needs more base bins than this (at most 24 × 120 remain after).
pub const MAX_BASE_BINS: usize = 4_096;

/// An endpoint series in base bins (series are listed in the order their first attempt was
/// recorded).
#[derive(Debug, Clone)]
struct Series {
    address: String,
    transport: TransportSlot,
    attempts: Vec<u32>,
    failures: Vec<u32>,
    total_attempts: u64,
    total_failures: u64,
}

/// Per-port running figures.
#[derive(Debug, Clone, Default)]
struct PortLive {
    instances: u64,
    completed: u64,
    suspended: u64,
    attempts: u64,
    completions: Vec<u32>,
    durations: Vec<u64>,
}

/// The incrementally kept aggregates of one simulation.
#[derive(Debug, Clone)]
pub struct ChartsFollower {
    base_ms: u64,
    /// Fixed base (a comparison's shared bin): never coarsened.
    fixed: bool,
    diff: Vec<[i64; 6]>,
    series: Vec<Series>,
    /// Series of each resolved dynamic transport (`u32::MAX`: not yet).
    dynamic_series: Vec<u32>,
    static_series: Vec<[Option<usize>; 2]>,
    ports: Vec<PortLive>,
    /// Per instance: its status index (in `STATUSES`) as folded so far.
    status: Vec<u8>,
    /// Per instance: the start of its attempt in flight (ms).
    attempt_start: Vec<u64>,
    port_names: Vec<String>,
    insts_seen: usize,
    facts_seen: usize,
    attempts: u64,
}

impl ChartsFollower {
    /// A follower for `sim` (from its first instance and fact).
    pub fn new(sim: &Simulation) -> ChartsFollower {
        ChartsFollower::with_base(sim, 1, false)
    }

    /// A follower whose bins are `bin_ms` wide whatever the run's length (two runs compared side
    /// by side share one bin width).
    pub fn with_bin(sim: &Simulation, bin_ms: u64) -> ChartsFollower {
        ChartsFollower::with_base(sim, bin_ms.max(1), true)
    }

    fn with_base(sim: &Simulation, base_ms: u64, fixed: bool) -> ChartsFollower {
        let n = sim.scenario().ports.len();
        ChartsFollower {
            base_ms,
            fixed,
            diff: Vec::new(),
            series: Vec::new(),
            dynamic_series: Vec::new(),
            static_series: vec![[None, None]; n],
            ports: vec![PortLive::default(); n],
            status: Vec::new(),
            attempt_start: Vec::new(),
            port_names: sim.scenario().ports.iter().map(|p| p.name.clone()).collect(),
            insts_seen: 0,
            facts_seen: 0,
            attempts: 0,
        }
    }

    /// Facts folded so far and recorded in all.
    pub fn progress(&self, sim: &Simulation) -> (usize, usize) {
        (self.facts_seen, sim.fact_count())
    }

    /// True when every fact and instance of `sim` has been folded.
    pub fn caught_up(&self, sim: &Simulation) -> bool {
        self.facts_seen >= sim.fact_count() && self.insts_seen >= sim.history_len()
    }

    /// True when `sim` cannot be the simulation this follower has been following (it has fewer
    /// instances or facts than already folded).
    pub fn is_behind_of(&self, sim: &Simulation) -> bool {
        sim.fact_count() < self.facts_seen || sim.history_len() < self.insts_seen
    }

    /// Folds at most `max_facts` more facts (and every instance created so far); true when caught up.
    pub fn fold(&mut self, sim: &Simulation, max_facts: usize) -> bool {
        self.fit_clock(sim.now().as_ms());
        let n = sim.history_len();
        for index in self.insts_seen..n {
            let Some(origin) = sim.instance_origin(index) else { break };
            let at = origin.created.as_ms();
            let k = self.bin(at);
            self.diff[k][ACTIVE] += 1;
            self.status.push(ACTIVE as u8);
            self.attempt_start.push(0);
            if let Some(p) = self.ports.get_mut(origin.port as usize) {
                p.instances += 1;
            }
        }
        self.insts_seen = n;
        let start = self.facts_seen;
        let end = start.saturating_add(max_facts).min(sim.fact_count());
        sim.visit_facts_range(start, end, |inst, at, change| self.apply(sim, inst as usize, at, change));
        self.facts_seen = end;
        self.caught_up(sim)
    }

    fn apply(&mut self, sim: &Simulation, i: usize, at: SimTime, change: HistoryChange) {
        let at = at.as_ms();
        match change {
            HistoryChange::Status(s) => self.set_status(sim, i, at, RunCharts::status_index(s)),
            HistoryChange::Attempt { slot } => {
                self.set_status(sim, i, at, ACTIVE);
                if let Some(a) = self.attempt_start.get_mut(i) {
                    *a = at;
                }
                let series = self.series_of(sim, i, slot);
                let k = self.bin(at);
                let s = &mut self.series[series];
                s.attempts[k] += 1;
                s.total_attempts += 1;
                self.attempts += 1;
                if let Some(p) = sim.instance_origin(i).and_then(|o| self.ports.get_mut(o.port as usize)) {
                    p.attempts += 1;
                }
            }
            HistoryChange::AttemptEnd { slot, ok: false } => {
                let series = self.series_of(sim, i, slot);
                let k = self.bin(self.attempt_start.get(i).copied().unwrap_or(at));
                let s = &mut self.series[series];
                s.failures[k] += 1;
                s.total_failures += 1;
            }
            HistoryChange::AttemptEnd { ok: true, .. } | HistoryChange::None => {}
        }
    }

    /// Instance `i` is in status index `s` from `at` on.
    fn set_status(&mut self, sim: &Simulation, i: usize, at: u64, s: usize) {
        let Some(&old) = self.status.get(i) else { return };
        let old = old as usize;
        if old == s {
            return;
        }
        let k = self.bin(at);
        self.diff[k][old] -= 1;
        self.diff[k][s] += 1;
        self.status[i] = s as u8;
        let Some(origin) = sim.instance_origin(i) else { return };
        let Some(port) = self.ports.get_mut(origin.port as usize) else { return };
        if is_suspended(old) {
            port.suspended = port.suspended.saturating_sub(1);
        }
        if is_suspended(s) {
            port.suspended += 1;
        }
        if s == COMPLETED {
            port.completed += 1;
            let k = (at.div_ceil(self.base_ms).saturating_sub(1)) as usize;
            grow(&mut port.completions, k + 1);
            port.completions[k] += 1;
            port.durations.push(at.saturating_sub(origin.created.as_ms()));
        } else if old == COMPLETED {
            // Never in the §5 machine (Completed is final); kept consistent anyway.
            port.completed = port.completed.saturating_sub(1);
        }
    }

    /// The series of instance `i`'s attempts on `slot` (created on first use).
    fn series_of(&mut self, sim: &Simulation, i: usize, slot: TransportSlot) -> usize {
        let origin = sim.instance_origin(i);
        let port = origin.map_or(0, |o| o.port) as usize;
        let backup = slot == TransportSlot::Backup;
        // A dynamic port resolves its address at dispatch (§1): read now, as the attempt is folded.
        let cache = match origin.and_then(|o| o.dynamic) {
            Some(d) => Cache::Dynamic(d as usize),
            None => Cache::Static(port, usize::from(backup)),
        };
        let cached = match cache {
            Cache::Static(p, b) => self.static_series.get(p).and_then(|s| s[b]),
            Cache::Dynamic(d) => self.dynamic_series.get(d).copied().filter(|&s| s != u32::MAX).map(|s| s as usize),
        };
        if let Some(s) = cached {
            return s;
        }
        let address = match cache {
            Cache::Static(p, _) => sim.port_address(p as u32, slot),
            Cache::Dynamic(d) => sim.dynamic_address(d as u32),
        };
        let found =
            self.series.iter().position(|s| s.address == address && (s.transport == TransportSlot::Backup) == backup);
        let s = found.unwrap_or_else(|| {
            let bins = self.diff.len();
            self.series.push(Series {
                address: address.to_string(),
                transport: slot,
                attempts: vec![0; bins],
                failures: vec![0; bins],
                total_attempts: 0,
                total_failures: 0,
            });
            self.series.len() - 1
        });
        match cache {
            Cache::Static(p, b) => {
                if let Some(c) = self.static_series.get_mut(p) {
                    c[b] = Some(s);
                }
            }
            // A dynamic transport is one slot (its own address): cached for that slot only.
            Cache::Dynamic(d) if !backup => {
                if self.dynamic_series.len() <= d {
                    self.dynamic_series.resize(d + 1, u32::MAX);
                }
                self.dynamic_series[d] = s as u32;
            }
            Cache::Dynamic(_) => {}
        }
        s
    }

    /// Base bin of time `t` (the first whose end is at or after `t`); the bins grow to hold it.
    fn bin(&mut self, t: u64) -> usize {
        let k = t.div_ceil(self.base_ms).saturating_sub(1) as usize;
        if k >= self.diff.len() {
            let n = k + 1;
            self.diff.resize(n, [0; 6]);
            for s in &mut self.series {
                grow(&mut s.attempts, n);
                grow(&mut s.failures, n);
            }
        }
        k
    }

    /// Coarsens the base bins while the clock `now_ms` needs more than `MAX_BASE_BINS`.
    fn fit_clock(&mut self, now_ms: u64) {
        if self.fixed {
            return;
        }
        let needed = |base: u64| now_ms.div_ceil(base) as usize;
        if needed(self.base_ms) <= MAX_BASE_BINS {
            return;
        }
        // The largest base that still divides the chart's bin width at the run's end (≥ now / 120).
        let limit = now_ms / super::charts::MAX_BINS;
        let Some(&base) = BASE_CHAIN.iter().rev().find(|&&b| b <= limit && b > self.base_ms) else { return };
        let r = (base / self.base_ms) as usize;
        self.diff = merge_diff(&self.diff, r);
        for s in &mut self.series {
            s.attempts = merge(&s.attempts, r);
            s.failures = merge(&s.failures, r);
        }
        for p in &mut self.ports {
            p.completions = merge(&p.completions, r);
        }
        self.base_ms = base;
    }

    /// Instances folded whose status is Suspended (either kind), and attempts started.
    pub fn suspended_and_attempts(&self) -> (u64, u64) {
        (self.ports.iter().map(|p| p.suspended).sum(), self.attempts)
    }

    /// The publish → completion time of every completed instance folded (in no particular order).
    pub fn delivery_times(&self) -> Vec<u64> {
        self.ports.iter().flat_map(|p| p.durations.iter().copied()).collect()
    }

    /// The charts of the run at `sim`'s current time (fold first: this reads only what was folded).
    /// Reorders the kept delivery times (their order does not matter).
    pub fn snapshot(&mut self, sim: &Simulation) -> RunCharts {
        let end_ms = sim.now().as_ms();
        let bin_ms = if self.fixed { self.base_ms } else { pick_bin(end_ms) };
        self.snapshot_with_bin(end_ms, bin_ms)
    }

    fn snapshot_with_bin(&mut self, end_ms: u64, bin_ms: u64) -> RunCharts {
        // A bin width the base divides (always so for `pick_bin`; rounded up otherwise).
        let bin_ms = bin_ms.max(self.base_ms).div_ceil(self.base_ms) * self.base_ms;
        let r = (bin_ms / self.base_ms) as usize;
        let bins = end_ms.div_ceil(bin_ms).max(1) as usize;
        let fit = |v: Vec<u32>| {
            let mut v = merge(&v, r);
            v.resize(bins, 0);
            v
        };
        let mut status = Vec::with_capacity(bins);
        let mut running = [0i64; 6];
        let merged = merge_diff(&self.diff, r);
        for k in 0..bins {
            if let Some(d) = merged.get(k) {
                for s in 0..6 {
                    running[s] += d[s];
                }
            }
            status.push(running.map(|v| v.max(0) as u64));
        }
        let endpoints = self
            .series
            .iter()
            .map(|s| EndpointSeries {
                address: s.address.clone(),
                transport: s.transport,
                attempts: fit(s.attempts.clone()),
                failures: fit(s.failures.clone()),
                total_attempts: s.total_attempts,
                total_failures: s.total_failures,
            })
            .collect();
        let max_delivery = self.ports.iter().flat_map(|p| p.durations.iter()).copied().max().unwrap_or(0);
        let delivery_bucket_ms = nice_step((max_delivery + 1).div_ceil(DELIVERY_BUCKETS as u64));
        let names = std::mem::take(&mut self.port_names);
        let ports = self
            .ports
            .iter_mut()
            .enumerate()
            .map(|(k, p)| {
                let mut histogram = vec![0u32; DELIVERY_BUCKETS];
                for &v in &p.durations {
                    histogram[((v / delivery_bucket_ms) as usize).min(DELIVERY_BUCKETS - 1)] += 1;
                }
                PortFigures {
                    name: names.get(k).cloned().unwrap_or_default(),
                    instances: p.instances,
                    completed: p.completed,
                    suspended: p.suspended,
                    attempts: p.attempts,
                    delivery: quantiles(&mut p.durations),
                    completions: fit(p.completions.clone()),
                    histogram,
                }
            })
            .collect();
        self.port_names = names;
        RunCharts { end_ms, bin_ms, status, endpoints, ports, delivery_bucket_ms, attempts: self.attempts }
    }
}

/// Where a series lookup is cached: a static port's slot, or a resolved dynamic transport.
#[derive(Clone, Copy)]
enum Cache {
    Static(usize, usize),
    Dynamic(usize),
}

const ACTIVE: usize = 0;
const COMPLETED: usize = 4;

fn is_suspended(s: usize) -> bool {
    s == 2 || s == 3
}

fn grow(v: &mut Vec<u32>, n: usize) {
    if v.len() < n {
        v.resize(n, 0);
    }
}

/// Sums runs of `r` bins.
fn merge(v: &[u32], r: usize) -> Vec<u32> {
    if r <= 1 {
        return v.to_vec();
    }
    v.chunks(r).map(|c| c.iter().sum()).collect()
}

fn merge_diff(v: &[[i64; 6]], r: usize) -> Vec<[i64; 6]> {
    if r <= 1 {
        return v.to_vec();
    }
    v.chunks(r)
        .map(|c| {
            c.iter().fold([0i64; 6], |mut a, d| {
                for s in 0..6 {
                    a[s] += d[s];
                }
                a
            })
        })
        .collect()
}
