//! The Yew view of the embed with charts (`embed/charts/`; the light embed draws the same page
//! without Yew, `ui::embed_dom`): scenario name and a link to the full simulator, the clock bar, the
//! outcome summary (the report's totals) and the timeline; a damaged or invalid link is shown as
//! an alert naming each error's JSON path. `window.portsim` and its postMessage twin are
//! installed over the embed's session (`ui::js_api`). The Charts view goes below the timeline
//! (`EmbedProps::charts`).

use super::outcome::outcome_totals;
use super::state::{EmbedAction, EmbedProblem, EmbedState};
use crate::i18n::{t, Lang};
use crate::ui::browser;
use crate::ui::components::clock_bar::ClockBar;
use crate::ui::components::run_progress::RunProgress;
use crate::ui::components::timeline::Timeline;
use crate::ui::contract::ObserveProps;
use crate::ui::hooks::use_ticker::{use_slicer, use_ticker};
use std::rc::Rc;
use yew::prelude::*;

/// What the entry point mounts.
#[derive(Properties, PartialEq, Clone)]
pub struct EmbedProps {
    /// The Charts view, for the `embed/charts/` entry only; `None` in the light embed.
    pub charts: Option<super::ChartsView>,
    /// The page's link as `start_with_charts` decoded it (inflated by the browser; `None`: no link).
    pub link: Option<Result<String, crate::share::ShareError>>,
}

#[component(EmbedApp)]
pub fn embed_app(props: &EmbedProps) -> Html {
    let state = use_reducer(|| {
        let stored = browser::storage_get(crate::ui::persist::LANG_KEY);
        EmbedState::boot_decoded(
            &browser::hash(),
            &browser::query(),
            stored.as_deref(),
            &browser::navigator_language(),
            props.link.clone(),
        )
    });
    let dispatch: Callback<EmbedAction> = {
        let d = state.dispatcher();
        Callback::from(move |a: EmbedAction| d.dispatch(a))
    };
    let lang = state.lang;
    use_ticker(state.clock.playing, dispatch.reform(EmbedAction::Tick));
    use_slicer(state.clock.run.is_some(), state.version, dispatch.reform(EmbedAction::RunSlice));
    {
        let session = state.session.clone();
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            crate::ui::js_api::install_embed(session, Rc::new(move || d.dispatch(EmbedAction::Refresh)));
            // Interactive now. No warm-up: a documentation page may hold several embeds, each
            // already run to its end (and the warm-up's code stays out of the embed's wasm).
            crate::ui::warm_up::mark_interactive();
        });
    }
    use_effect_with(state.version, |_| crate::ui::js_api::notify());
    use_effect_with(lang, |lang| browser::set_document_lang(lang.code(), t(*lang, "app.title")));

    let (name, start_clock, revision) = {
        let s = state.session.borrow();
        (s.spec().name.clone(), s.scenario().start_clock, s.revision())
    };
    let totals = state.session.borrow().sim().borrow().totals();
    // The link it was opened with while the scenario is unchanged; else the scenario stored
    // uncompressed (no compressor in the embed's wasm).
    let payload = match &state.link {
        Some((at, payload)) if *at == revision => payload.clone(),
        _ => crate::share::encode_scenario_stored(&state.session.borrow().to_json()),
    };
    let full = format!("{}#s={payload}", browser::full_page_url());
    let obs = ObserveProps {
        view: state.view(),
        lang,
        // No view of the embed offers an engine action (only the full page's Group Hub emits
        // `on_action`), so neither embed links Session::perform's editing path (issue 14 §1).
        on_action: Callback::noop(),
        selected: state.selected,
        on_select: dispatch.reform(EmbedAction::SelectInstance),
        // The embed has no Why? panel, and no text refers to one.
        on_why: Callback::noop(),
        has_why: false,
        running: state.clock.run.is_some() || state.clock.playing,
    };
    // "1 routing failure", "2 routing failures": the label agrees with its count.
    let totals = outcome_totals(lang, &totals).map(|(n, icon, label)| {
        html! {
            <li><span class="n">{ n }</span>if !icon.is_empty() { <span aria-hidden="true">{ icon }</span> }{ label }</li>
        }
    });
    html! {
        <div class="app embed">
            <header class="topbar embed-bar">
                <h1 class="embed-title">{ crate::ui::components::format::doc_name(lang, &name) }</h1>
                <a class="btn" href={full} target="_blank" rel="noopener">{ t(lang, "embed.open_full") }</a>
            </header>
            <main class="embed-main">
                if lang == Lang::Fr && !crate::i18n::french_ready() {
                    // `embed::start_with_charts` waited for the French texts, and they did not come.
                    <p class="embed-notice" role="status">{ t(lang, "status.french_missing") }</p>
                }
                if let Some(problem) = &state.problem { { problem_view(lang, problem) } }
                <div class="clock-region" role="region" aria-label={t(lang, "region.clock")}>
                    <ClockBar view={state.view()} {lang} clock={state.clock} on_clock={dispatch.reform(EmbedAction::Clock)} {start_clock} />
                    <RunProgress view={state.view()} {lang} run={state.clock.run} on_clock={dispatch.reform(EmbedAction::Clock)}
                        on_rerun={dispatch.reform(EmbedAction::RerunWithLimits)} />
                </div>
                <section class="outcome" aria-label={t(lang, "embed.outcome")}>
                    <ul class="totals">
                        { for totals }
                    </ul>
                </section>
                // The Timeline is its own "Timeline" region: a plain wrapper keeps landmarks unique.
                <div class="embed-timeline">
                    <Timeline ..obs.clone() />
                </div>
                // `embed/charts/` (asked by `?charts`): the Charts view too (issue 13).
                if let Some(charts) = props.charts { <div class="embed-charts">{ (charts.0)(obs) }</div> }
            </main>
        </div>
    }
}

/// A damaged link, or every error of an invalid linked scenario with its JSON path.
fn problem_view(lang: Lang, problem: &EmbedProblem) -> Html {
    match problem {
        EmbedProblem::BadLink { detail, .. } => html! {
            <div class="embed-problem" role="alert">
                <p>{ problem.title(lang) }</p>
                <p>{ detail.clone() }</p>
            </div>
        },
        EmbedProblem::Invalid(errors) => html! {
            <div class="embed-problem" role="alert">
                <p>{ problem.title(lang) }</p>
                <ul>
                    { for errors.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ " " }{ e.message.clone() }</li> }) }
                </ul>
            </div>
        },
    }
}
