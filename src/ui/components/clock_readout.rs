//! What the clock bar and the run progress say, computed once for both of their views — the full
//! page's Yew components (`clock_bar.rs`, `run_progress.rs`, also the embed with charts) and the
//! light embed's DOM view (`ui::embed_dom::clock`). Pure (no DOM, no UI framework).
//!
//! ```text
//!  Elapsed 00:10:00.000  Time of day 08:10:00  Next event at …     ← ClockReadout
//!  [▓▓▓▓▓░░░░░] Simulated 02:10:00.000 of 1d 00:00:00.000 · 48,000 events/s · 120,000 instances
//!                                                                    ← progress_status (issue 9 §7)
//!  ⚠ Instance limit reached at 00:00:00.000: more than 5,000 instances. What was growing: …
//!                                                                    ← limit_which, growth_text (§4 of issue 9)
//! ```

use super::observe_util::{group_thousands, speed_label, SPEEDS};
use crate::engine::limits::{Growth, LimitReport};
use crate::engine::simulation::Simulation;
use crate::engine::time::{format_elapsed, format_time_of_day, ClockOfDay, SimTime};
use crate::i18n::{t, tf, Lang};
use crate::ui::contract::{ClockState, RunJob};

/// The clock bar's read-out.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockReadout {
    pub elapsed: String,
    pub time_of_day: String,
    /// When the next event is, or why there is none.
    pub next: String,
    pub finished: bool,
    /// What screen readers hear, only while the clock is paused (a playing clock would flood them).
    pub announce: String,
    /// The speed choices (the current one added when it is not a standard one) with their labels.
    pub speeds: Vec<(u32, String)>,
}

/// The clock bar's read-out of `sim` at `clock`; `start_clock` is the time of day at 0 ms.
pub fn clock_readout(sim: &Simulation, lang: Lang, clock: &ClockState, start_clock: ClockOfDay) -> ClockReadout {
    let now = sim.now();
    let finished = sim.is_finished();
    let elapsed = format_elapsed(now);
    let time_of_day = format_time_of_day(now, start_clock);
    let next = match sim.next_event_time() {
        Some(at) => tf(
            lang,
            "obs.clock.next_at",
            &[("elapsed", &format_elapsed(at)), ("time", &format_time_of_day(at, start_clock))],
        ),
        None if finished => t(lang, "obs.clock.next_none_finished").to_string(),
        None => t(lang, "obs.clock.next_none").to_string(),
    };
    let announce = if clock.playing {
        String::new()
    } else {
        tf(lang, "obs.clock.announce", &[("elapsed", &elapsed), ("time", &time_of_day)])
    };
    // SPEEDS is ascending: a speed of its own goes in its place (no slice sort linked for a list
    // of seven; issue 14 §1).
    let mut speeds = SPEEDS.to_vec();
    if !SPEEDS.contains(&clock.speed) {
        speeds.insert(SPEEDS.partition_point(|&s| s < clock.speed), clock.speed);
    }
    let speeds = speeds.into_iter().map(|s| (s, speed_label(s, lang))).collect();
    ClockReadout { elapsed, time_of_day, next, finished, announce, speeds }
}

/// A Run to end in progress: how far (per mille of the bar) and its status line — simulated time
/// of the target, events per second, instances; for a large injection in slices, copies injected.
pub fn progress_status(sim: &Simulation, lang: Lang, job: &RunJob) -> (u64, String) {
    let (now, events, instances) = (sim.now(), sim.events_processed(), sim.instance_count() as u64);
    let span = job.target.as_ms().saturating_sub(job.from.as_ms()).max(1) as f64;
    let done = now.as_ms().saturating_sub(job.from.as_ms()) as f64;
    let permille = ((done / span) * 1000.0).clamp(0.0, 1000.0) as u64;
    let rate = events.saturating_sub(job.events_at_start).saturating_mul(1000) / job.real_ms.max(1);
    match sim.inject_progress().filter(|_| job.inject) {
        Some((copies, count)) => (
            u64::from(copies).saturating_mul(1000) / u64::from(count.max(1)),
            tf(
                lang,
                "obs.inject.status",
                &[
                    ("done", &group_thousands(u64::from(copies), lang)),
                    ("count", &group_thousands(u64::from(count), lang)),
                    ("instances", &group_thousands(instances, lang)),
                ],
            ),
        ),
        None => (
            permille,
            tf(
                lang,
                "obs.run.status",
                &[
                    ("elapsed", &format_elapsed(now)),
                    ("target", &format_elapsed(job.target)),
                    ("rate", &group_thousands(rate, lang)),
                    ("instances", &group_thousands(instances, lang)),
                ],
            ),
        ),
    }
}

/// Which limit stopped the run and when, in `lang` (the limit notice's first sentence).
pub fn limit_which(lang: Lang, hit: &LimitReport) -> String {
    let key = match hit.kind.as_str() {
        "events" => "obs.limit.events",
        "memory" => "obs.limit.memory",
        _ => "obs.limit.instances",
    };
    tf(lang, key, &[("elapsed", &format_elapsed(SimTime(hit.at_ms))), ("limit", &group_thousands(hit.limit, lang))])
}

/// "What was growing: …" in `lang` (the limit notice's second sentence).
pub fn limit_growing(lang: Lang, hit: &LimitReport) -> String {
    tf(lang, "obs.limit.growing", &[("what", &growth_text(lang, &hit.growth))])
}

/// The limit report in `lang` as one line: which limit, when, and what was growing. The event
/// log's last line uses it outside English (the engine's own `message` is English).
pub fn limit_sentence(lang: Lang, hit: &LimitReport) -> String {
    format!("{} {}", limit_which(lang, hit).trim_end(), limit_growing(lang, hit))
}

/// The "what was growing" phrase in `lang`, from the engine's code and arguments (the English
/// catalogue entries are the engine's own templates; `tests/it/limits.rs` checks it).
pub fn growth_text(lang: Lang, growth: &Growth) -> String {
    let mut args = growth.args();
    if lang == Lang::Fr {
        // The engine groups digits with commas and lists names with "and"; French uses a narrow
        // no-break space and "et" (as `group_thousands` does everywhere else in the page).
        for (key, value) in &mut args {
            *value = if *key == "ports" || *key == "port" {
                value.replace(" and ", " et ")
            } else {
                value.replace(',', "\u{202f}")
            };
        }
    }
    let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    tf(lang, &format!("obs.limit.grow.{}", growth.code()), &pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::session::Session;

    #[test]
    fn a_speed_of_its_own_is_listed_in_its_place() {
        let session = Session::empty();
        let sim = session.sim();
        let speeds = |speed| {
            let clock = ClockState { playing: false, speed, run: None };
            let r = clock_readout(&sim.borrow(), Lang::En, &clock, session.scenario().start_clock);
            r.speeds.into_iter().map(|(s, _)| s).collect::<Vec<_>>()
        };
        assert_eq!(speeds(100), SPEEDS);
        assert_eq!(speeds(5), [1, 5, 10, 100, 1_000, 10_000, 100_000]);
        assert_eq!(speeds(250_000), [1, 10, 100, 1_000, 10_000, 100_000, 250_000]);
        assert_eq!(speeds(0), [0, 1, 10, 100, 1_000, 10_000, 100_000]);
    }
}
