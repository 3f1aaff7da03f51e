//! The virtual clock's ticker: while playing, calls `on_tick` with the real milliseconds elapsed
//! since the previous tick (about 20 times a second). This is the only wall-clock code of the
//! project; the reducer turns real time into simulated time (`speed` × elapsed) with `run_until`.
//!
//! The slicer (issue 9 §7): while a Run to end is in progress, after each render it yields to
//! the browser (a 0 ms timeout, so input and painting happen in between) and then asks for the
//! next slice, passing the real milliseconds since the run began (for events per second).

use gloo::timers::callback::Interval;
use yew::prelude::*;

/// Real milliseconds between ticks.
pub const TICK_MS: u32 = 50;
/// A longer gap (a background tab) counts as this much, so the clock never jumps wildly.
pub const MAX_TICK_GAP_MS: f64 = 250.0;

#[hook]
pub fn use_ticker(playing: bool, on_tick: Callback<u64>) {
    use_effect_with(playing, move |playing| {
        let interval = if *playing {
            let mut last = js_sys::Date::now();
            Some(Interval::new(TICK_MS, move || {
                let now = js_sys::Date::now();
                let gap = (now - last).clamp(0.0, MAX_TICK_GAP_MS);
                last = now;
                on_tick.emit(gap as u64);
            }))
        } else {
            None
        };
        move || drop(interval)
    });
}

/// While `running`, dispatches `on_slice(real ms since the run began)` once after each render
/// (`version` changes with every slice), through a 0 ms timeout. Dropping the timeout (Stop, or
/// the run ends) cancels the pending slice.
#[hook]
pub fn use_slicer(running: bool, version: u64, on_slice: Callback<u64>) {
    let started = use_mut_ref(|| None::<f64>);
    use_effect_with((running, version), move |(running, _)| {
        let timeout = if *running {
            let now = js_sys::Date::now();
            let start = *started.borrow_mut().get_or_insert(now);
            Some(gloo::timers::callback::Timeout::new(0, move || {
                on_slice.emit((js_sys::Date::now() - start).max(0.0) as u64);
            }))
        } else {
            *started.borrow_mut() = None;
            None
        };
        move || drop(timeout)
    });
}
