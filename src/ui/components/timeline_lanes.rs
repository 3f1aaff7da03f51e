//! The timeline's whole run at scale (issue 9 §7): the counting pass of `timeline_bins` kept
//! across renders and spread over frames (`RunBins`), and one bin of a lane in words. The lanes'
//! paths are laid out by `timeline_frame` (drawn by both timeline views). Pure (no DOM).

use super::observe_util::{format_both, group_thousands};
use super::timeline_bins::{BinCount, Bins, BinsBuilder};
use crate::engine::simulation::Simulation;
use crate::engine::time::{format_time_of_day, ClockOfDay, SimTime};
use crate::i18n::{tf, Lang};
use crate::ui::slice_budget::run_budgeted_ms;
use std::cell::RefCell;
use std::rc::Rc;

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
