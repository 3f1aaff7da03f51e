//! Sweeps (issue 13): one scenario over a grid of values set by JSON Pointer (RFC 6901) and/or
//! over N seeds; per grid cell the suspension rate, p95 publish → completion time and attempts,
//! as mean with a 95 % confidence band across seeds. `portsim sweep` runs the jobs on every core
//! (`run_parallel`, rayon, native only); the page runs the same `run_job` in slices.
//!
//! Every cell's scenario is validated before anything runs, so a value out of range is reported
//! once with its pointer and the engine's message (never a panic).

use crate::engine::simulation::Simulation;
use crate::engine::{load_scenario, Scenario};
use serde::Serialize;
use serde_json::Value;

pub const SWEEP_FORMAT: &str = "portsim-sweep/1";
/// Bounds so a typo cannot ask for billions of runs.
pub const MAX_SEEDS: u64 = 10_000;
pub const MAX_JOBS: usize = 100_000;

/// One swept parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Axis {
    pub pointer: String,
    pub values: Vec<Value>,
}

impl Axis {
    /// Parses `POINTER=VALUES`: `A..B` (integers, inclusive), or a comma list of JSON values
    /// (`true,false`, `0.1,0.3`; bare words such as `5m` are strings).
    pub fn parse(arg: &str) -> Result<Axis, String> {
        let Some((pointer, values)) = arg.split_once('=') else {
            return Err(format!("--set {arg}: expected POINTER=VALUES, e.g. /sendPorts/0/primary/retryCount=0..10"));
        };
        if !pointer.starts_with('/') {
            return Err(format!("--set {arg}: the JSON Pointer must start with '/'"));
        }
        let values = if let Some((a, b)) = values.split_once("..") {
            let (Ok(a), Ok(b)) = (a.trim().parse::<i64>(), b.trim().parse::<i64>()) else {
                return Err(format!("--set {arg}: a range is two integers, e.g. 0..10"));
            };
            if b < a || (b - a) as u64 >= MAX_JOBS as u64 {
                return Err(format!("--set {arg}: the range must go up, with at most {MAX_JOBS} values"));
            }
            (a..=b).map(Value::from).collect()
        } else {
            values
                .split(',')
                .map(|v| {
                    serde_json::from_str::<Value>(v.trim()).unwrap_or_else(|_| Value::String(v.trim().to_string()))
                })
                .collect()
        };
        Ok(Axis { pointer: pointer.to_string(), values })
    }
}

/// What a sweep runs: the scenario document, its axes and the seeds.
#[derive(Debug, Clone)]
pub struct SweepPlan {
    pub name: String,
    pub axes: Vec<Axis>,
    pub seeds: Vec<u64>,
    /// One validated scenario per grid cell (cartesian product of the axes, first axis slowest).
    pub cells: Vec<(Vec<Value>, Scenario)>,
}

/// Figures of one run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunMetrics {
    pub instances: u64,
    pub suspended: u64,
    /// Suspended (resumable or not) ÷ instances at the end; 0 without instances.
    pub suspension_rate: f64,
    /// Nearest-rank p95 of publish → completion over completed instances.
    pub p95_delivery_ms: Option<u64>,
    pub attempts: u64,
}

/// Mean and 95 % confidence band (mean ± 1.96 · s / √n, normal approximation) across seeds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stat {
    pub n: u64,
    pub mean: f64,
    pub low: f64,
    pub high: f64,
    pub min: f64,
    pub max: f64,
}

impl Stat {
    pub fn of(values: &[f64]) -> Option<Stat> {
        let n = values.len();
        if n == 0 {
            return None;
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let half = if n > 1 {
            let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64;
            1.96 * (var / n as f64).sqrt()
        } else {
            0.0
        };
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Some(Stat { n: n as u64, mean, low: mean - half, high: mean + half, min, max })
    }
}

/// One grid cell's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CellResult {
    pub values: Vec<Value>,
    pub runs: u64,
    pub suspension_rate: Option<Stat>,
    pub p95_delivery_ms: Option<Stat>,
    pub attempts: Option<Stat>,
}

/// The whole sweep (`portsim sweep --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SweepResult {
    pub format: String,
    pub scenario: String,
    pub axes: Vec<Axis>,
    pub seeds: Vec<u64>,
    pub cells: Vec<CellResult>,
}

impl SweepPlan {
    /// Builds the grid from the scenario JSON text. `seeds`: run each cell with seeds
    /// `seed, seed+1, …` (the file's seed first); `None` = the file's seed only.
    pub fn new(json: &str, axes: Vec<Axis>, seeds: Option<u64>) -> Result<SweepPlan, String> {
        let doc: Value = serde_json::from_str(json).map_err(|e| format!("the scenario is not JSON: {e}"))?;
        let base = load_scenario(json).map_err(|e| {
            let first = e.errors.first().map(|x| format!("{}: {}", x.path, x.message)).unwrap_or_default();
            format!("the scenario is invalid ({} errors; first: {first})", e.errors.len())
        })?;
        let n_seeds = seeds.unwrap_or(1);
        if n_seeds == 0 || n_seeds > MAX_SEEDS {
            return Err(format!("--seeds must be between 1 and {MAX_SEEDS}"));
        }
        let mut grid: Vec<Vec<Value>> = vec![Vec::new()];
        for axis in &axes {
            if doc.pointer(&axis.pointer).is_none() {
                return Err(format!("--set {}: the scenario has no value at this JSON Pointer", axis.pointer));
            }
            grid = grid
                .into_iter()
                .flat_map(|prefix| {
                    axis.values.iter().map(move |v| {
                        let mut p = prefix.clone();
                        p.push(v.clone());
                        p
                    })
                })
                .collect();
            if grid.len().saturating_mul(n_seeds as usize) > MAX_JOBS {
                return Err(format!("the sweep asks for more than {MAX_JOBS} runs"));
            }
        }
        let mut cells = Vec::with_capacity(grid.len());
        for values in grid {
            let mut d = doc.clone();
            for (axis, v) in axes.iter().zip(&values) {
                if let Some(slot) = d.pointer_mut(&axis.pointer) {
                    *slot = v.clone();
                }
            }
            let text = d.to_string();
            let scenario = load_scenario(&text).map_err(|e| {
                let set: Vec<String> = axes.iter().zip(&values).map(|(a, v)| format!("{}={v}", a.pointer)).collect();
                let errs: Vec<String> = e.errors.iter().map(|x| format!("{}: {}", x.path, x.message)).collect();
                format!("with {}: {}", set.join(" "), errs.join("; "))
            })?;
            cells.push((values, scenario));
        }
        let seeds = (0..n_seeds).map(|k| base.seed.wrapping_add(k)).collect();
        Ok(SweepPlan { name: base.name.clone(), axes, seeds, cells })
    }

    /// Number of runs = cells × seeds.
    pub fn jobs(&self) -> usize {
        self.cells.len() * self.seeds.len()
    }

    /// Runs job `j` (cell `j / seeds`, seed `j % seeds`) to the end.
    pub fn run_job(&self, j: usize) -> RunMetrics {
        let n = self.seeds.len().max(1);
        let (_, base) = &self.cells[(j / n).min(self.cells.len().saturating_sub(1))];
        let mut scenario = base.clone();
        scenario.seed = self.seeds.get(j % n).copied().unwrap_or(base.seed);
        run_metrics(&scenario)
    }

    /// Folds the per-job metrics (in job order) into per-cell statistics.
    pub fn collect(&self, metrics: &[RunMetrics]) -> SweepResult {
        let n = self.seeds.len().max(1);
        let cells = self
            .cells
            .iter()
            .enumerate()
            .map(|(c, (values, _))| {
                let runs = metrics.get(c * n..((c + 1) * n).min(metrics.len())).unwrap_or(&[]);
                let rate: Vec<f64> = runs.iter().map(|m| m.suspension_rate).collect();
                let p95: Vec<f64> = runs.iter().filter_map(|m| m.p95_delivery_ms.map(|v| v as f64)).collect();
                let attempts: Vec<f64> = runs.iter().map(|m| m.attempts as f64).collect();
                CellResult {
                    values: values.clone(),
                    runs: runs.len() as u64,
                    suspension_rate: Stat::of(&rate),
                    p95_delivery_ms: Stat::of(&p95),
                    attempts: Stat::of(&attempts),
                }
            })
            .collect();
        SweepResult {
            format: SWEEP_FORMAT.to_string(),
            scenario: self.name.clone(),
            axes: self.axes.clone(),
            seeds: self.seeds.clone(),
            cells,
        }
    }

    /// Every job, one after the other (tests; the page slices this loop).
    pub fn run_sequential(&self) -> SweepResult {
        let metrics: Vec<RunMetrics> = (0..self.jobs()).map(|j| self.run_job(j)).collect();
        self.collect(&metrics)
    }

    /// Every job: on every core natively (`run_parallel`), one after the other in wasm.
    pub fn run(&self) -> SweepResult {
        #[cfg(not(target_arch = "wasm32"))]
        return self.run_parallel();
        #[cfg(target_arch = "wasm32")]
        return self.run_sequential();
    }

    /// Every job on every core (rayon); same result as `run_sequential`, job order kept.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn run_parallel(&self) -> SweepResult {
        use rayon::prelude::*;
        let metrics: Vec<RunMetrics> = (0..self.jobs()).into_par_iter().map(|j| self.run_job(j)).collect();
        self.collect(&metrics)
    }
}

/// Runs a scenario to its end without a trace and measures it.
pub fn run_metrics(scenario: &Scenario) -> RunMetrics {
    let mut sim = Simulation::new(scenario);
    sim.set_trace_recording(false);
    sim.run_to_end();
    // The charts' fold of every fact (`charts_live`): the same figures as the Charts view.
    let mut f = super::charts_live::ChartsFollower::new(&sim);
    f.fold(&sim, usize::MAX);
    let instances = sim.history_len() as u64;
    let (suspended, attempts) = f.suspended_and_attempts();
    let mut delivery = f.delivery_times();
    let suspension_rate = if instances == 0 { 0.0 } else { suspended as f64 / instances as f64 };
    let p95_delivery_ms = super::charts::quantiles(&mut delivery).map(|q| q.p95_ms);
    RunMetrics { instances, suspended, suspension_rate, p95_delivery_ms, attempts }
}

impl SweepResult {
    /// Pretty JSON with a trailing newline (`portsim sweep --json`).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The text table of `portsim sweep`.
    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(out, "{}: {} cells x {} seeds", self.scenario, self.cells.len(), self.seeds.len());
        let header: Vec<&str> = self.axes.iter().map(|a| a.pointer.as_str()).collect();
        let _ = writeln!(out, "{}\tsuspension rate\tp95 delivery (s)\tattempts", header.join("\t"));
        let fmt = |s: &Option<Stat>, scale: f64| match s {
            None => "-".to_string(),
            Some(s) if s.n > 1 => format!("{:.3} [{:.3}, {:.3}]", s.mean / scale, s.low / scale, s.high / scale),
            Some(s) => format!("{:.3}", s.mean / scale),
        };
        for c in &self.cells {
            let values: Vec<String> = c.values.iter().map(|v| v.to_string()).collect();
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}",
                values.join("\t"),
                fmt(&c.suspension_rate, 1.0),
                fmt(&c.p95_delivery_ms, 1000.0),
                fmt(&c.attempts, 1.0)
            );
        }
        out
    }
}
