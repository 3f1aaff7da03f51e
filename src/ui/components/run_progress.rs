//! Issue 9 §7 and §4 in the page: the progress of a Run to end done in slices (simulated time,
//! events per second, instances, a Stop button), and the notice shown when a work limit stopped
//! the run (which limit, when, what was growing; rerun with higher or lower limits — the
//! scenario is kept).
//!
//! ```text
//!  [▓▓▓▓▓░░░░░] Simulated 02:10:00.000 of 1d 00:00:00.000 · 48,000 events/s · 120,000 instances [Stop]
//!  ⚠ The run stopped at a work limit — Instance limit reached at 00:00:00.000: more than 5,000 instances.
//!    What was growing: responses of S0, S1, S2 subscribe to each other: 5,000 instances.
//!    [Rerun with limits ×10] [Rerun with limits ÷10]
//! ```

pub use super::clock_readout::{growth_text, limit_sentence};
use super::clock_readout::{limit_growing, limit_which, progress_status};
use crate::engine::limits::LimitReport;
use crate::i18n::{t, Lang};
use crate::ui::contract::{ClockCommand, RunJob, SimView};
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct RunProgressProps {
    pub view: SimView,
    pub lang: Lang,
    pub run: Option<RunJob>,
    pub on_clock: Callback<ClockCommand>,
    /// Rerun from time 0 with every limit ×10 (`true`) or ÷10 (`false`).
    pub on_rerun: Callback<bool>,
}

/// The progress bar while a run is in progress; the limit notice when a limit stopped it.
#[component(RunProgress)]
pub fn run_progress(props: &RunProgressProps) -> Html {
    let lang = props.lang;
    let sim = props.view.sim.borrow();
    let hit = sim.limit_reached().cloned();
    let progress = props.run.map(|job| {
        let (permille, status) = progress_status(&sim, lang, &job);
        let on_stop = props.on_clock.reform(|_: MouseEvent| ClockCommand::Stop);
        html! {
            <div class="run-progress" role="group" aria-label={t(lang, "obs.run.progress")}>
                <progress class="run-bar" max="1000" value={permille.to_string()}
                    aria-label={t(lang, "obs.run.progress")}></progress>
                <span class="run-status" data-testid="run-status">{ status }</span>
                <button type="button" class="clock-btn run-stop" onclick={on_stop}>
                    <span class="icon" aria-hidden="true">{ "■" }</span>{ t(lang, "obs.run.stop") }
                </button>
            </div>
        }
    });
    drop(sim);
    html! {
        <>
            { for progress }
            if let Some(hit) = hit {
                { notice(lang, &hit, &props.on_rerun) }
            }
        </>
    }
}

fn notice(lang: Lang, hit: &LimitReport, on_rerun: &Callback<bool>) -> Html {
    let which = limit_which(lang, hit);
    let growing = limit_growing(lang, hit);
    html! {
        <div class="limit-notice" role="alert" data-testid="limit-notice">
            <p class="limit-title"><span class="icon" aria-hidden="true">{ "⚠ " }</span>{ t(lang, "obs.limit.title") }</p>
            <p>{ which }</p>
            <p>{ growing }</p>
            <p>{ t(lang, "obs.limit.kept") }</p>
            <div class="limit-actions">
                <button type="button" class="btn" onclick={on_rerun.reform(|_: MouseEvent| true)}>
                    { t(lang, "obs.limit.rerun_higher") }
                </button>
                <button type="button" class="btn" onclick={on_rerun.reform(|_: MouseEvent| false)}>
                    { t(lang, "obs.limit.rerun_lower") }
                </button>
            </div>
        </div>
    }
}
