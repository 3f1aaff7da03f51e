//! The clock bar: Play/Pause, Step (next event), Run to end, Reset, the speed selector, and the
//! simulated time (elapsed + time of day) with the time of the next event.
//!
//! The bar only asks for clock commands; the shell's ticker advances the engine. The simulated
//! time is announced to screen readers (aria-live polite) only while the clock is paused, so a
//! playing clock does not flood them.

use super::observe_util::{speed_label, SPEEDS};
use crate::engine::time::{format_elapsed, format_time_of_day, ClockOfDay};
use crate::i18n::{t, tf, Lang};
use crate::ui::contract::{ClockCommand, ClockState, SimView};
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct ClockBarProps {
    pub view: SimView,
    pub lang: Lang,
    pub clock: ClockState,
    pub on_clock: Callback<ClockCommand>,
    /// The time of day at 0 ms (the scenario's `startClock`).
    pub start_clock: ClockOfDay,
}

/// The simulation clock's controls and read-out.
#[component(ClockBar)]
pub fn clock_bar(props: &ClockBarProps) -> Html {
    let lang = props.lang;
    let sim = props.view.sim.borrow();
    let now = sim.now();
    let next = sim.next_event_time();
    let finished = sim.is_finished();
    drop(sim);

    let elapsed = format_elapsed(now);
    let time_of_day = format_time_of_day(now, props.start_clock);
    let send = |cmd: ClockCommand| {
        let on_clock = props.on_clock.clone();
        Callback::from(move |_: MouseEvent| on_clock.emit(cmd))
    };
    let on_speed = {
        let on_clock = props.on_clock.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Ok(speed) = select.value().parse::<u32>() {
                    on_clock.emit(ClockCommand::SetSpeed(speed));
                }
            }
        })
    };
    let speeds: Vec<u32> = if SPEEDS.contains(&props.clock.speed) {
        SPEEDS.to_vec()
    } else {
        let mut v = SPEEDS.to_vec();
        v.push(props.clock.speed);
        v.sort_unstable();
        v
    };
    let play_pause = if props.clock.playing {
        html! {
            <button type="button" class="clock-btn" onclick={send(ClockCommand::Pause)}>
                <span class="icon" aria-hidden="true">{ "‖" }</span>{ t(lang, "obs.clock.pause") }
            </button>
        }
    } else {
        html! {
            <button type="button" class="clock-btn" onclick={send(ClockCommand::Play)} disabled={finished}>
                <span class="icon" aria-hidden="true">{ "▶" }</span>{ t(lang, "obs.clock.play") }
            </button>
        }
    };
    let next_text = match next {
        Some(at) => tf(
            lang,
            "obs.clock.next_at",
            &[("elapsed", &format_elapsed(at)), ("time", &format_time_of_day(at, props.start_clock))],
        ),
        None if finished => t(lang, "obs.clock.next_none_finished").to_string(),
        None => t(lang, "obs.clock.next_none").to_string(),
    };
    let announce = if props.clock.playing {
        String::new()
    } else {
        tf(lang, "obs.clock.announce", &[("elapsed", &elapsed), ("time", &time_of_day)])
    };

    html! {
        <div class="obs-clock" role="toolbar" aria-label={t(lang, "obs.clock.toolbar")}>
            <div class="clock-buttons">
                { play_pause }
                <button type="button" class="clock-btn" onclick={send(ClockCommand::Step)} disabled={finished}>
                    <span class="icon" aria-hidden="true">{ "⇥" }</span>{ t(lang, "obs.clock.step") }
                </button>
                <button type="button" class="clock-btn" onclick={send(ClockCommand::RunToEnd)} disabled={finished}>
                    <span class="icon" aria-hidden="true">{ "»" }</span>{ t(lang, "obs.clock.run_to_end") }
                </button>
                <button type="button" class="clock-btn" onclick={send(ClockCommand::Reset)} title={t(lang, "obs.clock.reset_hint")}>
                    <span class="icon" aria-hidden="true">{ "↺" }</span>{ t(lang, "obs.clock.reset") }
                </button>
            </div>
            <div class="clock-speed">
                <label for="obs-clock-speed">{ t(lang, "obs.clock.speed") }</label>
                <select id="obs-clock-speed" onchange={on_speed}>
                    { for speeds.iter().map(|s| html! {
                        <option value={s.to_string()} selected={*s == props.clock.speed}>{ speed_label(*s, lang) }</option>
                    }) }
                </select>
            </div>
            <div class="clock-time">
                <span class="clock-field">
                    <span class="clock-label">{ t(lang, "obs.clock.elapsed") }</span>
                    <time class="clock-elapsed" data-testid="clock-elapsed">{ &elapsed }</time>
                </span>
                <span class="clock-field">
                    <span class="clock-label">{ t(lang, "obs.clock.time_of_day") }</span>
                    <time class="clock-tod" data-testid="clock-time-of-day">{ &time_of_day }</time>
                </span>
                <span class="clock-field clock-next" data-testid="clock-next">{ next_text }</span>
                if finished {
                    <span class="clock-field clock-finished">
                        <span class="icon" aria-hidden="true">{ "■" }</span>{ t(lang, "obs.clock.finished") }
                    </span>
                }
            </div>
            <span class="visually-hidden" aria-live="polite" aria-atomic="true">{ announce }</span>
        </div>
    }
}
