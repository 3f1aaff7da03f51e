//! The timeline's whole run at scale, drawn (issue 9 §7): the counting pass of `timeline_bins`
//! kept across renders and spread over frames (`RunBins`), and its lanes as SVG — per send port,
//! one stacked column per bin (height = attempts on a square-root scale; §6 OK / failed / in
//! flight) and an orange tick where instances were suspended or terminated (§5). A lane is one
//! click target (the bin under the pointer is found from its x), so a 1,000,000-instance run
//! draws a few paths per lane, not an element per bin.

use super::observe_util::{format_both, group_thousands, Scale};
use super::timeline_bins::{BinCount, Bins, BinsBuilder};
use crate::engine::simulation::Simulation;
use crate::engine::time::{format_time_of_day, ClockOfDay, SimTime};
use crate::i18n::{tf, Lang};
use crate::ui::slice_budget::run_budgeted_ms;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What a whole-run pass was made for: (simulation, version, visible range as f64 bits, bins).
pub type BinsKey = (usize, u64, u64, u64, usize);

/// The pass in progress and the last complete one, kept by the timeline between renders.
#[derive(Default)]
pub struct RunBins {
    job: RefCell<Option<(BinsKey, BinsBuilder)>>,
    done: RefCell<Option<(BinsKey, Rc<Bins>)>>,
}

impl RunBins {
    /// The bins for `key` when complete; otherwise counts for at most `budget_ms` now and returns
    /// the last complete bins (another range or version: drawn on their own scale) with the
    /// progress `(visited, instances)`. The caller renders again later while progress is `Some`.
    pub fn current(
        &self,
        sim: &Simulation,
        key: BinsKey,
        lo: f64,
        hi: f64,
        budget_ms: f64,
    ) -> (Option<Rc<Bins>>, Option<(usize, usize)>) {
        if let Some((k, b)) = self.done.borrow().as_ref() {
            if *k == key {
                return (Some(b.clone()), None);
            }
        }
        let mut job = self.job.borrow_mut();
        if job.as_ref().is_none_or(|(k, _)| *k != key) {
            *job = Some((key, BinsBuilder::new(sim, lo, hi, key.4)));
        }
        let Some((_, builder)) = job.as_mut() else { return (None, None) };
        if run_budgeted_ms(budget_ms, |n| builder.feed(sim, n as usize)) {
            let bins = Rc::new(builder.bins().clone());
            *job = None;
            *self.done.borrow_mut() = Some((key, bins.clone()));
            (Some(bins), None)
        } else {
            let progress = builder.progress();
            (self.done.borrow().as_ref().map(|(_, b)| b.clone()), Some(progress))
        }
    }
}

/// Where the lanes are drawn.
pub struct LaneGeometry {
    pub label_w: f64,
    pub plot_w: f64,
    pub total_w: f64,
    /// The top of the first lane.
    pub top: f64,
    pub lane_h: f64,
    pub scale: Scale,
}

/// One bin of one lane in words (the list alternative and the clicked bin's detail).
pub fn bin_line(
    lang: Lang,
    ports: &[String],
    start_clock: ClockOfDay,
    b: &Bins,
    lane: usize,
    i: usize,
    c: &BinCount,
) -> String {
    let (from, to) = b.bin_range(i);
    let n = |v: u32| group_thousands(u64::from(v), lang);
    tf(
        lang,
        "tl.bin_line",
        &[
            ("port", ports.get(lane).map_or("", String::as_str)),
            ("from", &format_both(SimTime(from.max(0.0) as u64), start_clock)),
            ("to", &format_time_of_day(SimTime(to.max(0.0) as u64), start_clock)),
            ("attempts", &n(c.attempts())),
            ("ok", &n(c.ok)),
            ("failed", &n(c.failed)),
            ("in_flight", &n(c.in_flight)),
            ("suspended", &n(c.suspended)),
        ],
    )
}

/// The lanes of `b`; `on_lane(lane)` is the click handler of a lane's plot area.
pub fn lanes_svg(b: &Bins, g: &LaneGeometry, on_lane: impl Fn(usize) -> Callback<MouseEvent>) -> Html {
    let max = f64::from(b.max_attempts().max(1));
    let room = g.lane_h - 6.0;
    let w = (b.bin_ms / g.scale.ms_per_px - 1.0).max(1.0);
    html! {
        <g class="tl-bins">
            { for b.lanes.iter().enumerate().map(|(lane, bins)| {
                let lane_top = g.top + g.lane_h * lane as f64;
                let base = lane_top + g.lane_h - 3.0;
                let mut paths = [String::new(), String::new(), String::new(), String::new()];
                for (i, c) in bins.iter().enumerate() {
                    if c.is_empty() {
                        continue;
                    }
                    let x = g.label_w + g.scale.x_of(b.lo + b.bin_ms * i as f64);
                    if x + w < g.label_w || x > g.total_w {
                        continue;
                    }
                    let total = f64::from(c.attempts());
                    let h = if total > 0.0 { ((total / max).sqrt() * room).max(2.0) } else { 0.0 };
                    let mut y = base;
                    for (k, part) in [c.ok, c.failed, c.in_flight].into_iter().enumerate() {
                        if part > 0 {
                            let ph = (h * f64::from(part) / total).max(1.0);
                            y -= ph;
                            paths[k].push_str(&format!("M{x:.1} {y:.1}h{w:.1}v{ph:.1}h{:.1}z", -w));
                        }
                    }
                    if c.suspended > 0 {
                        paths[3].push_str(&format!("M{x:.1} {:.1}h{w:.1}v3h{:.1}z", lane_top + 1.0, -w));
                    }
                }
                let [ok, failed, in_flight, suspended] = paths;
                html! {
                    <g class="tl-bin-lane">
                        <path class="tl-bin ok" d={ok} />
                        <path class="tl-bin failed" d={failed} />
                        <path class="tl-bin inflight" d={in_flight} />
                        <path class="tl-bin suspended" d={suspended} />
                        <rect class="tl-bin-hit" x={format!("{:.1}", g.label_w)} y={format!("{lane_top:.1}")}
                            width={format!("{:.1}", g.plot_w)} height={g.lane_h.to_string()} onclick={on_lane(lane)} />
                    </g>
                }
            }) }
        </g>
    }
}
