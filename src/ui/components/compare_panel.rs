//! "Compare" (issue 13): what-if comparison. "Compare…" keeps the current scenario as A; the user
//! goes on editing the document with the usual editors, and that document is B. Both run to the
//! end (fresh simulations, trace off); the view shows the totals side by side, the status chart of
//! both overlaid (A solid, B dashed) with its data table, and the per-message differences of
//! `analysis::diff` with the filter "only messages whose outcome changed". B can be promoted
//! (end the comparison), or A put back; the comparison exports as `portsim-diff/1` JSON and
//! shares as a link holding both scenarios (`#s=B&a=A`).

use super::charts_panel::{chart_text, table_html, ChartKind};
use super::header::{permalink, slug};
use crate::analysis::charts::{pick_bin, RunCharts, STATUSES};
use crate::analysis::diff::{diff, Diff, Outcome};
use crate::analysis::svg::overlay_chart;
use crate::analysis::table::DataTable;
use crate::engine::outcome::InstanceStatus;
use crate::engine::report::Totals;
use crate::engine::{load_scenario, Scenario, Simulation};
use crate::i18n::{t, tf, tn, Lang};
use crate::ui::browser;
use crate::ui::components::format::short_time;
use crate::ui::state::{Action, ShellProps};
use yew::prelude::*;

/// At most this many difference rows are in the DOM (the export has them all).
const MAX_ROWS: usize = 500;

/// Both runs, their differences and their charts on one time axis.
struct Comparison {
    diff: Diff,
    a: RunCharts,
    b: RunCharts,
}

fn run(scenario: &Scenario) -> Simulation {
    let mut sim = Simulation::new(scenario);
    sim.set_trace_recording(false);
    sim.run_to_end();
    sim
}

fn compare(a_json: &str, b: &Scenario) -> Result<Comparison, String> {
    let a = load_scenario(a_json).map_err(|e| e.to_string())?;
    let (sa, sb) = (run(&a), run(b));
    let bin = pick_bin(sa.now().as_ms().max(sb.now().as_ms()));
    Ok(Comparison {
        diff: diff(&sa.report(), &sb.report()),
        a: RunCharts::build_with_bin(&sa, bin),
        b: RunCharts::build_with_bin(&sb, bin),
    })
}

fn status_word(lang: Lang, status: InstanceStatus) -> String {
    let key = format!("obs.status.{}", status.code().replace('-', "_"));
    t(lang, &key).to_string()
}

fn outcome_text(lang: Lang, o: &Option<Outcome>) -> String {
    match o {
        None => t(lang, "compare.absent").to_string(),
        Some(o) => {
            let at = o.completed_ms.map(|c| format!(" {}", short_time(lang, c))).unwrap_or_default();
            tn(lang, "compare.outcome", o.attempts, &[("status", &format!("{}{at}", status_word(lang, o.status)))])
        }
    }
}

fn totals_rows(lang: Lang, a: &Totals, b: &Totals) -> Vec<(String, u64, u64)> {
    vec![
        (t(lang, "charts.instances").to_string(), a.instances, b.instances),
        (t(lang, "obs.status.completed").to_string(), a.completed, b.completed),
        (t(lang, "obs.status.suspended_resumable").to_string(), a.suspended_resumable, b.suspended_resumable),
        (
            t(lang, "obs.status.suspended_not_resumable").to_string(),
            a.suspended_not_resumable,
            b.suspended_not_resumable,
        ),
        (t(lang, "obs.status.terminated").to_string(), a.terminated, b.terminated),
        (t(lang, "obs.status.active").to_string(), a.active, b.active),
        (t(lang, "charts.attempts").to_string(), a.attempts, b.attempts),
        (t(lang, "totals.routing_failures").to_string(), a.routing_failures, b.routing_failures),
    ]
}

/// The overlay chart's data: time, then A and B per status that occurs.
fn overlay_table(lang: Lang, c: &Comparison) -> DataTable {
    let text = chart_text(lang, ChartKind::Status, c.a.bin_ms);
    let used: Vec<usize> =
        (0..STATUSES.len()).filter(|&s| c.a.status.iter().chain(&c.b.status).any(|x| x[s] > 0)).collect();
    let mut headers = vec![text.time.clone()];
    for &s in &used {
        headers.push(format!("{} — A", text.statuses[s]));
        headers.push(format!("{} — B", text.statuses[s]));
    }
    let bins = c.a.bins().max(c.b.bins());
    let rows = (0..bins)
        .map(|k| {
            let at = |r: &RunCharts| r.status.get(k).or(r.status.last()).copied().unwrap_or([0; 6]);
            let (xa, xb) = (at(&c.a), at(&c.b));
            let mut row = vec![short_time(lang, ((k as u64 + 1) * c.a.bin_ms).min(c.a.end_ms.max(c.b.end_ms)))];
            for &s in &used {
                row.push(xa[s].to_string());
                row.push(xb[s].to_string());
            }
            row
        })
        .collect();
    DataTable { headers, rows }
}

/// The Compare view.
#[component(ComparePanel)]
pub fn compare_panel(props: &ShellProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let only_changed = use_state_eq(|| false);
    let a_json = state.compare_a.clone();
    let comparison = {
        let sim = state.session.borrow().sim();
        let a = a_json.clone();
        use_memo((state.doc_version, a.as_ref().map(|x| x.as_ptr() as usize)), move |_| {
            a.map(|a| compare(&a, sim.borrow().scenario()))
        })
    };
    let d = props.dispatch.clone();
    let Some(a_json) = a_json else {
        return html! {
            <section class="compare-panel" aria-label={t(lang, "compare.title")}>
                <p>{ t(lang, "compare.intro") }</p>
                <button type="button" class="btn primary" onclick={d.reform(|_: MouseEvent| Action::StartCompare)}>{ t(lang, "compare.start") }</button>
            </section>
        };
    };
    let c = match comparison.as_ref() {
        Some(Ok(c)) => c,
        Some(Err(e)) => return html! { <p role="alert">{ e }</p> },
        None => return html! {},
    };
    let b_json = state.session.borrow().to_json();
    let name = slug(&state.session.borrow().spec().name);
    let export = {
        let text = c.diff.to_json();
        Callback::from(move |_: MouseEvent| {
            browser::download(&format!("{name}.diff.json"), "application/json", &text);
        })
    };
    let copy_link = {
        let link = format!("{}&a={}", permalink(&b_json), crate::share::encode_scenario(&a_json));
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy_to_clipboard(&link);
            d.emit(Action::SetStatus(t(lang, "status.link_copied").to_string()));
        })
    };
    let toggle = {
        let only_changed = only_changed.clone();
        Callback::from(move |_: Event| only_changed.set(!*only_changed))
    };
    let s = &c.diff.summary;
    let text = overlay_text(lang, c.a.bin_ms);
    let svg = overlay_chart(&c.a, &c.b, &text);
    let rows: Vec<_> = c.diff.messages.iter().filter(|m| !*only_changed || m.outcome_changed()).collect();
    html! {
        <section class="compare-panel" aria-label={t(lang, "compare.title")}>
            <p class="compare-note">{ t(lang, "compare.how") }</p>
            <div class="compare-actions">
                <button type="button" class="btn" onclick={d.reform(|_: MouseEvent| Action::EndCompare { restore_a: false })}>{ t(lang, "compare.promote") }</button>
                <button type="button" class="btn" onclick={d.reform(|_: MouseEvent| Action::EndCompare { restore_a: true })}>{ t(lang, "compare.back_to_a") }</button>
                <button type="button" class="btn" onclick={export}>{ t(lang, "compare.export") }</button>
                <button type="button" class="btn" onclick={copy_link}>{ t(lang, "compare.link") }</button>
            </div>
            <div class="chart-table" role="region" tabindex="0" aria-label={t(lang, "compare.totals")}>
                <table class="compare-totals">
                    <thead><tr><th scope="col">{ t(lang, "compare.figure") }</th><th scope="col">{ "A" }</th><th scope="col">{ "B" }</th><th scope="col">{ "B − A" }</th></tr></thead>
                    <tbody>
                        { for totals_rows(lang, &c.diff.a.totals, &c.diff.b.totals).into_iter().map(|(label, x, y)| html! {
                            <tr><th scope="row">{ label }</th><td>{ x }</td><td>{ y }</td><td>{ format!("{:+}", y as i64 - x as i64) }</td></tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <figure class="chart">
                { Html::from_html_unchecked(AttrValue::from(svg)) }
                <figcaption>
                    <details>
                        <summary>{ t(lang, "charts.data_table") }</summary>
                        { table_html(&overlay_table(lang, c), &format!("{} — {}", t(lang, "compare.overlay"), t(lang, "charts.data_table")), "compare-data") }
                    </details>
                </figcaption>
            </figure>
            <h3 class="charts-ports-title">{ t(lang, "compare.differences") }</h3>
            <p class="compare-summary" aria-live="polite">{ tf(lang, "compare.summary", &[
                ("changed", &s.changed.to_string()), ("compared", &s.compared.to_string()),
                ("outcome", &s.outcome_changed.to_string()), ("moved", &s.completion_moved.to_string()),
                ("added", &s.attempts_added.to_string()), ("saved", &s.attempts_saved.to_string()),
            ]) }</p>
            <label class="compare-filter">
                <input type="checkbox" checked={*only_changed} onchange={toggle} />
                { t(lang, "compare.only_changed") }
            </label>
            <div class="chart-table" role="region" tabindex="0" aria-label={t(lang, "compare.differences")}>
                <table class="compare-diff">
                    <thead><tr>
                        <th scope="col">{ t(lang, "compare.message") }</th><th scope="col">{ t(lang, "charts.port") }</th>
                        <th scope="col">{ "A" }</th><th scope="col">{ "B" }</th><th scope="col">{ t(lang, "compare.change") }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().take(MAX_ROWS).map(|m| {
                            let mut change = Vec::new();
                            if m.outcome_changed() { change.push(t(lang, "compare.c_outcome").to_string()); }
                            if let Some(ms) = m.completion_moved_ms {
                                let sign = if ms < 0 { "−" } else { "+" };
                                change.push(tf(lang, "compare.c_moved", &[("d", &format!("{sign}{}", short_time(lang, ms.unsigned_abs())))]));
                            }
                            if m.attempts_delta != 0 { change.push(tf(lang, "compare.c_attempts", &[("d", &format!("{:+}", m.attempts_delta))])); }
                            html! {
                                <tr class={classes!(m.outcome_changed().then_some("outcome-changed"))}>
                                    <th scope="row">{ m.message.to_string() }</th>
                                    <td>{ m.port.as_str() }{ m.via.as_ref().map(|g| format!(" ({g})")).unwrap_or_default() }</td>
                                    <td>{ outcome_text(lang, &m.a) }</td><td>{ outcome_text(lang, &m.b) }</td>
                                    <td>{ change.join("; ") }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if rows.len() > MAX_ROWS {
                <p>{ tf(lang, "compare.truncated", &[("shown", &MAX_ROWS.to_string()), ("total", &rows.len().to_string())]) }</p>
            }
        </section>
    }
}

/// The overlay chart's words.
fn overlay_text(lang: Lang, bin_ms: u64) -> crate::analysis::svg::ChartText {
    let mut text = chart_text(lang, ChartKind::Status, bin_ms);
    text.title = t(lang, "compare.overlay").to_string();
    text
}
