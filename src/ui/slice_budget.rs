//! How long one slice of a long run may take (issue 9 §7: no main-thread task over 100 ms).
//!
//! A slice is cut by elapsed time, not by a fixed number of events: events cost from a fraction
//! of a microsecond (a completed attempt) to far more (a publish reaching thousands of
//! subscribers), so the reducer runs small chunks of `CHUNK_EVENTS` until `SLICE_MS` have passed,
//! then hands the frame back to the browser (which renders, and answers input — Stop).
//!
//! The reducer stays free of browser calls: the page installs its clock once at start
//! (`install_clock`, `performance.now()`); native tests install none and get exactly one chunk of
//! `SLICE_EVENTS` per slice, so their event counts stay exact.
//!
//! ```text
//!   run_budgeted(|n| sim.run_to_end_budget(n))
//!     clock installed:  chunk(2,000) chunk(2,000) … until done or 30 ms spent
//!     no clock (tests): chunk(SLICE_EVENTS) once
//! ```

use std::cell::Cell;

/// Real milliseconds of engine work per slice: with the render after it (a few ms on the large
/// views, which never walk every instance per render) a frame stays well under 100 ms, even when
/// the machine runs twice as slow as expected.
pub const SLICE_MS: f64 = 30.0;
/// Events per chunk between two looks at the clock (≈ 1 ms of engine work in the page).
pub const CHUNK_EVENTS: u64 = 2_000;
/// Events per slice when no clock is installed (native tests; the page never uses it).
pub const SLICE_EVENTS: u64 = 20_000;

thread_local! {
    static CLOCK: Cell<Option<fn() -> f64>> = const { Cell::new(None) };
}

/// Installs the page's clock (real milliseconds, monotonic). Called once by each page at start.
pub fn install_clock(now: fn() -> f64) {
    CLOCK.with(|c| c.set(Some(now)));
}

/// Calls `chunk(events)` until it returns true (the work is done: returns true) or the slice's
/// time is spent (returns false). Without a clock: one chunk of `SLICE_EVENTS`.
pub fn run_budgeted(chunk: impl FnMut(u64) -> bool) -> bool {
    run_budgeted_ms(SLICE_MS, chunk)
}

/// `run_budgeted` with a budget of `ms` real milliseconds (the timeline's counting pass takes
/// a smaller share of a frame than the engine).
pub fn run_budgeted_ms(ms: f64, mut chunk: impl FnMut(u64) -> bool) -> bool {
    let Some(now) = CLOCK.with(Cell::get) else {
        return chunk(SLICE_EVENTS);
    };
    let start = now();
    loop {
        if chunk(CHUNK_EVENTS) {
            return true;
        }
        if now() - start >= ms {
            return false;
        }
    }
}

/// Real milliseconds by the installed clock (`None` without one: native tests).
pub fn now_ms() -> Option<f64> {
    CLOCK.with(Cell::get).map(|now| now())
}

/// While a run moves the simulation, views that walk every instance refresh at most this often.
pub const REFRESH_WHILE_RUNNING_MS: f64 = 500.0;

/// The simulation version a whole-run view should be computed for: `version` itself when nothing
/// runs (or without a clock), else the version it last refreshed at, renewed every
/// `REFRESH_WHILE_RUNNING_MS` — so a Run to end's frames are not spent re-walking 1,000,000
/// instances after every slice. `last` = (real ms, version) of the last refresh, kept by the view.
pub fn throttled_version(last: &mut (f64, u64), version: u64, running: bool) -> u64 {
    match now_ms() {
        Some(t) if running => {
            if t - last.0 >= REFRESH_WHILE_RUNNING_MS {
                *last = (t, version);
            }
            last.1
        }
        _ => {
            *last = (now_ms().unwrap_or(0.0), version);
            version
        }
    }
}

/// The page's clock: `performance.now()` (falls back to `Date.now()`).
pub fn browser_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static FAKE: Cell<f64> = const { Cell::new(0.0) };
    }

    fn fake_now() -> f64 {
        FAKE.with(Cell::get)
    }

    #[test]
    fn while_running_a_view_refreshes_at_most_every_half_second() {
        let mut last = (0.0, 0);
        assert_eq!(throttled_version(&mut last, 7, true), 7, "no clock: always current");
        install_clock(fake_now);
        FAKE.with(|f| f.set(1_000.0));
        assert_eq!(throttled_version(&mut last, 8, false), 8);
        FAKE.with(|f| f.set(1_100.0));
        assert_eq!(throttled_version(&mut last, 9, true), 8, "100 ms later, still the last refresh");
        FAKE.with(|f| f.set(1_600.0));
        assert_eq!(throttled_version(&mut last, 10, true), 10);
        assert_eq!(throttled_version(&mut last, 11, true), 10);
        assert_eq!(throttled_version(&mut last, 12, false), 12, "stopped: current at once");
        CLOCK.with(|c| c.set(None));
    }

    #[test]
    fn without_a_clock_one_chunk_of_slice_events() {
        let mut calls = Vec::new();
        assert!(!run_budgeted(|n| {
            calls.push(n);
            false
        }));
        assert_eq!(calls, vec![SLICE_EVENTS]);
    }

    #[test]
    fn with_a_clock_chunks_until_the_time_is_spent_or_the_work_done() {
        install_clock(fake_now);
        // Each chunk "takes" 7 ms: 30 ms are spent after the 5th chunk.
        let mut calls = 0;
        let done = run_budgeted(|n| {
            assert_eq!(n, CHUNK_EVENTS);
            calls += 1;
            FAKE.with(|f| f.set(f.get() + 7.0));
            false
        });
        assert_eq!((done, calls), (false, 5));
        // Work that ends in the 2nd chunk ends the slice at once.
        let mut calls = 0;
        assert!(run_budgeted(|_| {
            calls += 1;
            calls == 2
        }));
        assert_eq!(calls, 2);
        CLOCK.with(|c| c.set(None));
    }
}
