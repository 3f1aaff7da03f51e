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

use super::observe_util::group_thousands;
use crate::engine::limits::{Growth, LimitReport};
use crate::engine::time::{format_elapsed, SimTime};
use crate::i18n::{t, tf, Lang};
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
    let (now, events, instances) = (sim.now(), sim.events_processed(), sim.instance_count() as u64);
    drop(sim);
    let injecting = props.view.sim.borrow().inject_progress();
    let progress = props.run.map(|job| {
        let span = job.target.as_ms().saturating_sub(job.from.as_ms()).max(1) as f64;
        let done = now.as_ms().saturating_sub(job.from.as_ms()) as f64;
        let mut permille = ((done / span) * 1000.0).clamp(0.0, 1000.0) as u64;
        let rate = events.saturating_sub(job.events_at_start).saturating_mul(1000) / job.real_ms.max(1);
        let status = match injecting.filter(|_| job.inject) {
            Some((copies, count)) => {
                permille = u64::from(copies).saturating_mul(1000) / u64::from(count.max(1));
                tf(
                    lang,
                    "obs.inject.status",
                    &[
                        ("done", &group_thousands(u64::from(copies), lang)),
                        ("count", &group_thousands(u64::from(count), lang)),
                        ("instances", &group_thousands(instances, lang)),
                    ],
                )
            }
            None => tf(
                lang,
                "obs.run.status",
                &[
                    ("elapsed", &format_elapsed(now)),
                    ("target", &format_elapsed(job.target)),
                    ("rate", &group_thousands(rate, lang)),
                    ("instances", &group_thousands(instances, lang)),
                ],
            ),
        };
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
    html! {
        <>
            { for progress }
            if let Some(hit) = hit {
                { notice(lang, &hit, &props.on_rerun) }
            }
        </>
    }
}

/// Which limit stopped the run and when, in `lang` (the notice's first sentence).
fn limit_which(lang: Lang, hit: &LimitReport) -> String {
    let key = match hit.kind.as_str() {
        "events" => "obs.limit.events",
        "memory" => "obs.limit.memory",
        _ => "obs.limit.instances",
    };
    tf(lang, key, &[("elapsed", &format_elapsed(SimTime(hit.at_ms))), ("limit", &group_thousands(hit.limit, lang))])
}

/// The limit report in `lang` as one line: which limit, when, and what was growing. The event
/// log's last line uses it outside English (the engine's own `message` is English).
pub fn limit_sentence(lang: Lang, hit: &LimitReport) -> String {
    let which = limit_which(lang, hit);
    let growing = tf(lang, "obs.limit.growing", &[("what", &growth_text(lang, &hit.growth))]);
    format!("{} {}", which.trim_end(), growing)
}

fn notice(lang: Lang, hit: &LimitReport, on_rerun: &Callback<bool>) -> Html {
    let which = limit_which(lang, hit);
    let growing = tf(lang, "obs.limit.growing", &[("what", &growth_text(lang, &hit.growth))]);
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
