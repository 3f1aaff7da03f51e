//! The clock bar: Play/Pause, Step (next event), Run to end, Reset, the speed selector, and the
//! simulated time (elapsed + time of day) with the time of the next event.
//!
//! The bar only asks for clock commands; the shell's ticker advances the engine. The simulated
//! time is announced to screen readers (aria-live polite) only while the clock is paused, so a
//! playing clock does not flood them.

use super::clock_readout::clock_readout;
use crate::engine::time::ClockOfDay;
use crate::i18n::{t, Lang};
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

/// The simulation clock's controls and read-out (what it says: `clock_readout`, shared with the
/// light embed's view).
#[component(ClockBar)]
pub fn clock_bar(props: &ClockBarProps) -> Html {
    let lang = props.lang;
    let r = clock_readout(&props.view.sim.borrow(), lang, &props.clock, props.start_clock);
    let finished = r.finished;
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
                    { for r.speeds.iter().map(|(s, label)| html! {
                        <option value={s.to_string()} selected={*s == props.clock.speed}>{ label }</option>
                    }) }
                </select>
            </div>
            <div class="clock-time">
                <span class="clock-field">
                    <span class="clock-label">{ t(lang, "obs.clock.elapsed") }</span>
                    <time class="clock-elapsed" data-testid="clock-elapsed">{ &r.elapsed }</time>
                </span>
                <span class="clock-field">
                    <span class="clock-label">{ t(lang, "obs.clock.time_of_day") }</span>
                    <time class="clock-tod" data-testid="clock-time-of-day">{ &r.time_of_day }</time>
                </span>
                <span class="clock-field clock-next" data-testid="clock-next">{ &r.next }</span>
                if finished {
                    <span class="clock-field clock-finished">
                        <span class="icon" aria-hidden="true">{ "■" }</span>{ t(lang, "obs.clock.finished") }
                    </span>
                }
            </div>
            <span class="visually-hidden" aria-live="polite" aria-atomic="true">{ &r.announce }</span>
        </div>
    }
}
