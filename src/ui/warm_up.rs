//! Warming the engine while the page is idle, so the visitor's first `Run to end` runs at the
//! speed of the second one (issue 14 §3).
//!
//! A fresh page is slow on its first big run for two reasons, measured separately by
//! `benches/web/bench.mjs` (`?warm=none|memory|full`): V8 first runs the wasm in its baseline
//! compiler (Liftoff) and optimizes a function (TurboFan, in the background) only after it has
//! been hot for a while; and the allocator grows the wasm memory page by page as the run's
//! instances, attempts and trace pile up, each new page being touched for the first time.
//!
//! After the first render, in idle callbacks: the memory is reserved and touched once
//! ([`RESERVE_BYTES`], then freed — the allocator keeps it), then a synthetic scenario exercising
//! routing, filters, groups, retries, backup transports, suspension and ordered delivery runs in
//! short slices, so the hot engine functions are tiered up before the visitor's run needs them.
//! The scenario runs again, from a fresh simulation, until a round is no longer clearly faster than
//! the one before ([`Rounds`]): one round leaves the functions that were not hot enough in
//! first-tier code, and the visitor's first run then paid for their tier-up (measured with
//! `node benches/web/bench.mjs --first-run`). V8 compiles the optimised code in the background and
//! swaps it in when it is ready, so rounds run back to back settle before the last tier-ups have
//! landed: the warm-up then pauses ([`Rounds::PAUSE_MS`]) and runs one confirming round, and is
//! done only when that round is no faster (without the pause, the visitor's first run right after
//! the warm-up still paid for those tier-ups: 10,000 instances 3.6 ms against 2.6 ms once they had
//! landed, medians of 5 fresh pages, 2026-12-07). It never touches the visitor's session. Each
//! round sets the Performance mark `portsim-warm-round`; done, it sets `portsim-warm`.

use crate::engine::scenario::load_spec;
use crate::engine::Simulation;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Memory reserved up front: about what a 100,000-instance run holds at its peak (with 48 MiB
/// the wasm memory still grew from 49.6 to 65.6 MiB during the first 100,000-instance run of the
/// benchmark, 2026-12-07; it no longer grows with 64 MiB).
pub const RESERVE_BYTES: usize = 64 << 20;
/// Events per slice between checks of the idle deadline.
const STEPS_PER_CHECK: usize = 256;

/// What the page asked for with `?warm=`: everything (default), only the memory, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warm {
    None,
    Memory,
    Full,
}

/// Reads `?warm=none|memory|full` (absent or anything else: `default`).
pub fn mode(query: &str, default: Warm) -> Warm {
    match query.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix("warm=")) {
        Some("none") => Warm::None,
        Some("memory") => Warm::Memory,
        Some("full") => Warm::Full,
        _ => default,
    }
}

/// Sets the Performance mark `portsim-interactive` (the time-to-interactive benchmark reads it):
/// called once the first render is on screen and its handlers and `window.portsim` are installed.
pub fn mark_interactive() {
    mark("portsim-interactive");
}

/// The full page is interactive: mark it, then warm up as `?warm=` asks (else fully).
pub fn page_interactive(query: &str) {
    mark_interactive();
    schedule(mode(query, Warm::Full));
}

/// The warm-up scenario: 4,000 messages over three ports and a group, with filters, random
/// failures and retries, a primary that fails at random over to its backup, and ordered delivery;
/// messages sent straight to a port with random failures and a backup, as the benchmark's
/// scenarios and most presets do. Covering that path (its send, random failure, retry and backup
/// functions) took the first 100,000-instance run from 1.16–1.45× native to 0.96–1.08×
/// (`benches/web/bench.mjs --first-run`, side by side, 2026-12-07): with P2 failing always and
/// no direct send to it, those functions were first hot in the visitor's run.
/// A literal (no formatting code at run time).
pub const SCENARIO_JSON: &str = r#"{"format":"portsim-scenario/1","name":"warm-up","seed":7,
 "sendPorts":[
  {"name":"P1","kind":"static-one-way","state":"started",
   "filter":[[{"property":"Target","operator":"==","value":"P1"}]],
   "primary":{"transport":"FILE","address":"a:P1","retryCount":2,"retryInterval":"1m"}},
  {"name":"P2","kind":"static-one-way","state":"started",
   "filter":[[{"property":"Target","operator":"==","value":"P2"}]],
   "primary":{"transport":"FILE","address":"a:P2","retryCount":2,"retryInterval":"1m"},
   "backup":{"transport":"FTP","address":"b:P2","retryCount":1,"retryInterval":"1m"}},
  {"name":"P3","kind":"static-one-way","state":"started",
   "filter":[[{"property":"Target","operator":"==","value":"P3"}]],
   "primary":{"transport":"FILE","address":"a:P3","retryCount":2,"retryInterval":"1m"},
   "orderedDelivery":true}],
 "sendPortGroups":[{"name":"G","state":"started","members":["P1","P2"],
   "filter":[[{"property":"Target","operator":"==","value":"G"}]]}],
 "endpoints":[{"address":"a:P1","failures":[{"kind":"random","probability":0.3}]},
              {"address":"a:P2","failures":[{"kind":"random","probability":0.5}]}],
 "script":[
  {"at":"0s","publish":{"context":{"Target":"P1"},"count":1000,"every":"1s"}},
  {"at":"0s","publish":{"context":{"Target":"G"},"count":1000,"every":"2s"}},
  {"at":"0s","send":{"port":"P2","count":1000,"every":"1s"}},
  {"at":"0s","send":{"port":"P3","count":1000,"every":"1s"}}]}"#;

/// Rounds of the warm-up scenario: at least [`Rounds::MIN`], at most [`Rounds::MAX`]; another
/// one while the last round took less than [`Rounds::SETTLED`] of the round before (V8 was still
/// swapping optimised code in). A round takes a few ms, less than V8 needs to optimise a function
/// in the background, so two rounds often looked "settled" while code was still on its first tier:
/// four at least (with the old scenario, MIN 2 → 4 alone took the first 100,000 run from 1.26× to
/// 1.20× native, 10,000 from 1.45× to 1.31×). Once back-to-back rounds have settled, a pause and a
/// confirming round ([`Next::Pause`]): faster again means tier-ups were still landing, so another
/// pause and round; no faster, the engine is warm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rounds {
    done: u32,
    last_ms: f64,
    /// The round now running follows a pause (it confirms that the speed has settled).
    confirming: bool,
}

/// What the warm-up does after a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Another round at once.
    Round,
    /// Another round after a pause of [`Rounds::PAUSE_MS`] (background compilation lands).
    Pause,
    /// Warm: set the `portsim-warm` mark.
    Done,
}

impl Rounds {
    pub const MIN: u32 = 4;
    pub const MAX: u32 = 8;
    pub const SETTLED: f64 = 0.85;
    /// The pause before a confirming round, in ms: V8's background compilation of the tier-ups the
    /// last rounds asked for (waiting 300 ms after the old warm-up brought the first run to the
    /// second's speed; 0 ms did not).
    pub const PAUSE_MS: i32 = 250;

    pub fn new() -> Rounds {
        Rounds { done: 0, last_ms: f64::INFINITY, confirming: false }
    }

    /// A round has finished in `ms` of engine time: what to do next.
    pub fn finished(&mut self, ms: f64) -> Next {
        let faster = ms < self.last_ms * Self::SETTLED;
        self.done += 1;
        self.last_ms = ms;
        let next = if self.done >= Self::MAX {
            Next::Done
        } else if self.done < Self::MIN || (faster && !self.confirming) {
            Next::Round
        } else if faster || !self.confirming {
            // Settled back to back (or faster after a pause: tier-ups were still landing).
            Next::Pause
        } else {
            Next::Done
        };
        self.confirming = next == Next::Pause;
        next
    }
}

impl Default for Rounds {
    fn default() -> Self {
        Rounds::new()
    }
}

/// The warm-up under way: the scenario, the current round's simulation and engine time so far.
struct Warming {
    scenario: crate::engine::Scenario,
    sim: Simulation,
    round_ms: f64,
    rounds: Rounds,
}

thread_local! {
    static WARMING: RefCell<Option<Warming>> = const { RefCell::new(None) };
}

/// Starts the warm-up in the next idle periods (from the first render's effect).
pub fn schedule(mode: Warm) {
    if mode == Warm::None {
        return;
    }
    on_idle(move |deadline| {
        reserve_memory();
        if mode == Warm::Full {
            if let Ok((_, scenario)) = load_spec(SCENARIO_JSON) {
                let sim = Simulation::new(&scenario);
                WARMING
                    .with(|w| *w.borrow_mut() = Some(Warming { scenario, sim, round_ms: 0.0, rounds: Rounds::new() }));
            }
        }
        slice(deadline);
    });
}

/// Grows the wasm memory once and touches every page, then frees it for the allocator to reuse.
fn reserve_memory() {
    let block = vec![1u8; RESERVE_BYTES];
    std::hint::black_box(&block);
}

/// Runs the warm-up scenario while the idle deadline allows, then asks for another idle period;
/// at the end of a round, starts the next one at once or after a pause as [`Rounds`] says.
fn slice(deadline: JsValue) {
    let next = WARMING.with(|w| {
        let mut w = w.borrow_mut();
        let Some(warming) = w.as_mut() else { return Next::Done };
        loop {
            let t0 = now_ms();
            // The same function the visitor's runs go through (`session::run_chunk`), so it is the
            // one V8 optimises here.
            let finished = crate::ui::session::run_chunk(&mut warming.sim, STEPS_PER_CHECK as u64);
            warming.round_ms += now_ms() - t0;
            if finished {
                mark("portsim-warm-round");
                let next = warming.rounds.finished(warming.round_ms);
                if next == Next::Done {
                    *w = None;
                    return Next::Done;
                }
                warming.sim = Simulation::new(&warming.scenario);
                warming.round_ms = 0.0;
                if next == Next::Pause {
                    return Next::Pause;
                }
            }
            if time_remaining(&deadline) < 2.0 {
                return Next::Round;
            }
        }
    });
    match next {
        Next::Round => on_idle(slice),
        Next::Pause => after_pause(Rounds::PAUSE_MS, || on_idle(slice)),
        Next::Done => mark("portsim-warm"),
    }
}

/// Calls `f` after `ms` (a timer: the page stays free meanwhile; nothing without a window).
fn after_pause(ms: i32, f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    if let Ok(cb) = Closure::once_into_js(f).dyn_into::<js_sys::Function>() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&cb, ms);
    }
}

/// Sets the Performance mark `name` (read by the benchmark and e2e/tests/warm_up.spec.mjs).
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// `performance.now()` in ms (0 without a Performance object).
fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// `deadline.timeRemaining()` of a `requestIdleCallback` deadline (0 when unavailable).
fn time_remaining(deadline: &JsValue) -> f64 {
    js_sys::Reflect::get(deadline, &JsValue::from_str("timeRemaining"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(deadline).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// Calls `f` in the browser's next idle period (`requestIdleCallback`, at most 1 s away).
fn on_idle(f: impl FnOnce(JsValue) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let cb = Closure::once_into_js(f);
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("timeout"), &JsValue::from_f64(1000.0));
    let ric = js_sys::Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match ric {
        Some(ric) => {
            let _ = ric.call2(&window, &cb, &options);
        }
        // No requestIdleCallback (Safari): a timeout; the slice then runs one check's worth.
        None => {
            if let Ok(f) = cb.dyn_into::<js_sys::Function>() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&f, 50);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warm_up_scenario_is_valid_and_exercises_the_engine() {
        let (_, scenario) = match load_spec(SCENARIO_JSON) {
            Ok(x) => x,
            Err(e) => panic!("warm-up scenario invalid: {:?}", e.errors),
        };
        let mut sim = Simulation::new(&scenario);
        sim.run_to_end();
        let totals = sim.report().totals;
        assert_eq!(totals.messages, 4000);
        assert!(totals.instances >= 4000, "group copies: {}", totals.instances);
        assert!(totals.completed > 2000);
        assert!(totals.attempts > totals.instances, "retries and backups happen");
    }

    #[test]
    fn rounds_go_on_while_they_get_faster_then_pause_and_confirm() {
        // MIN rounds at least, even when each is as slow as the first; then a pause and a
        // confirming round, and done when it is no faster.
        let mut r = Rounds::new();
        for _ in 1..Rounds::MIN {
            assert_eq!(r.finished(10.0), Next::Round);
        }
        assert_eq!(r.finished(10.0), Next::Pause);
        assert_eq!(r.finished(10.0), Next::Done);
        // Faster and faster (tier-up under way): on at once until the speed settles.
        let mut r = Rounds::new();
        assert_eq!(r.finished(10.0), Next::Round);
        assert_eq!(r.finished(6.0), Next::Round);
        assert_eq!(r.finished(3.0), Next::Round);
        assert_eq!(r.finished(2.9), Next::Pause);
        // Faster after the pause: tier-ups were still landing, so another pause.
        assert_eq!(r.finished(2.0), Next::Pause);
        assert_eq!(r.finished(1.9), Next::Done);
        // Never more than MAX.
        let mut r = Rounds::new();
        let mut ms = 1000.0;
        let mut rounds = 1;
        while r.finished(ms) != Next::Done {
            ms /= 2.0;
            rounds += 1;
        }
        assert_eq!(rounds, Rounds::MAX);
    }

    #[test]
    fn the_mode_comes_from_the_query() {
        assert_eq!(mode("", Warm::Full), Warm::Full);
        assert_eq!(mode("", Warm::None), Warm::None);
        assert_eq!(mode("?warm=none", Warm::Full), Warm::None);
        assert_eq!(mode("?embed&warm=memory", Warm::Full), Warm::Memory);
        assert_eq!(mode("?warm=full", Warm::None), Warm::Full);
        assert_eq!(mode("?warm=bogus", Warm::Full), Warm::Full);
    }
}
