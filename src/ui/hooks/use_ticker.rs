//! The virtual clock's ticker: while playing, calls `on_tick` with the real milliseconds elapsed
//! since the previous tick (about 20 times a second). This is the only wall-clock code of the
//! project; the reducer turns real time into simulated time (`speed` × elapsed) with `run_until`.

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
