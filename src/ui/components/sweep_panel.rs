//! "Sweep" (issue 13): the current scenario over a range of one setting (addressed by JSON Pointer,
//! as `portsim sweep --set`) and/or over N seeds, run in the page in slices — a few runs per
//! browser task, then yield — with a progress bar and Stop. The result is the same
//! `portsim-sweep/1` figures as the CLI: a table (mean and 95 % band per value) and a chart of
//! the chosen figure across the values.

use super::charts_panel::table_html;
use crate::analysis::svg::{short_time, sweep_chart, ChartText};
use crate::analysis::sweep::{Axis, RunMetrics, Stat, SweepPlan, SweepResult};
use crate::analysis::table::DataTable;
use crate::engine::scenario::spec::ScenarioSpec;
use crate::i18n::{t, tf, Lang};
use crate::ui::state::ShellProps;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Instances simulated per slice (a slice runs whole runs; at least one).
const SLICE_INSTANCES: u64 = 20_000;

/// The settings offered in the list (any other JSON Pointer can be typed).
fn suggestions(spec: &ScenarioSpec, lang: Lang) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, p) in spec.send_ports.iter().enumerate() {
        if p.primary.is_some() {
            out.push((
                format!("/sendPorts/{i}/primary/retryCount"),
                tf(lang, "sweep.s.retry_count", &[("port", &p.name)]),
            ));
            out.push((
                format!("/sendPorts/{i}/primary/retryInterval"),
                tf(lang, "sweep.s.retry_interval", &[("port", &p.name)]),
            ));
        }
        if p.backup.is_some() {
            out.push((
                format!("/sendPorts/{i}/backup/retryCount"),
                tf(lang, "sweep.s.backup_retry_count", &[("port", &p.name)]),
            ));
        }
    }
    for (i, e) in spec.endpoints.iter().enumerate() {
        out.push((format!("/endpoints/{i}/latency"), tf(lang, "sweep.s.latency", &[("address", &e.address)])));
    }
    out
}

/// Progress of a running sweep.
#[derive(Debug, Clone, PartialEq, Default)]
struct Progress {
    done: usize,
    total: usize,
    running: bool,
    stopped: bool,
}

struct Runner {
    plan: SweepPlan,
    metrics: Vec<RunMetrics>,
    stop: bool,
}

fn input_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok().map(|i| i.value()))
        .or_else(|| e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok().map(|s| s.value())))
        .unwrap_or_default()
}

/// Runs one slice, shows progress, and schedules the next slice (or the result).
fn slice(
    runner: Rc<RefCell<Runner>>,
    progress: UseStateHandle<Progress>,
    result: UseStateHandle<Option<Rc<SweepResult>>>,
) {
    let (done, total, finished) = {
        let mut r = runner.borrow_mut();
        let total = r.plan.jobs();
        let mut simulated = 0u64;
        while !r.stop && r.metrics.len() < total && (simulated == 0 || simulated < SLICE_INSTANCES) {
            let j = r.metrics.len();
            let m = r.plan.run_job(j);
            simulated += m.instances.max(1);
            r.metrics.push(m);
        }
        (r.metrics.len(), total, r.stop || r.metrics.len() >= total)
    };
    if finished {
        let r = runner.borrow();
        result.set(Some(Rc::new(r.plan.collect(&r.metrics))));
        progress.set(Progress { done, total, running: false, stopped: r.stop && done < total });
    } else {
        progress.set(Progress { done, total, running: true, stopped: false });
        Timeout::new(0, move || slice(runner, progress, result)).forget();
    }
}

fn stat_text(s: &Option<Stat>, f: impl Fn(f64) -> String) -> String {
    match s {
        None => "—".to_string(),
        Some(s) if s.n > 1 && s.high > s.low => format!("{} [{} – {}]", f(s.mean), f(s.low), f(s.high)),
        Some(s) => f(s.mean),
    }
}

fn pct(v: f64) -> String {
    format!("{:.1} %", v * 100.0)
}

/// The Sweep view.
#[component(SweepPanel)]
pub fn sweep_panel(props: &ShellProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let spec = state.session.borrow().spec().clone();
    let options = suggestions(&spec, lang);
    let pointer = use_state(|| options.first().map(|o| o.0.clone()).unwrap_or_default());
    let values = use_state(|| "0..5".to_string());
    let seeds = use_state(|| "1".to_string());
    let error = use_state(String::new);
    let progress = use_state(Progress::default);
    let result = use_state(|| None::<Rc<SweepResult>>);
    let runner = use_mut_ref(|| None::<Rc<RefCell<Runner>>>);
    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: Event| h.set(input_value(&e)))
    };
    let run = {
        let (pointer, values, seeds, error) = (pointer.clone(), values.clone(), seeds.clone(), error.clone());
        let (progress, result, runner) = (progress.clone(), result.clone(), runner.clone());
        let session = state.session.clone();
        Callback::from(move |_: MouseEvent| {
            let json = session.borrow().to_json();
            let axes = if pointer.trim().is_empty() {
                Ok(Vec::new())
            } else {
                Axis::parse(&format!("{}={}", pointer.trim(), values.trim())).map(|a| vec![a])
            };
            let n = seeds.trim().parse::<u64>().map_err(|_| t(lang, "sweep.bad_seeds").to_string());
            let plan = axes.and_then(|axes| n.and_then(|n| SweepPlan::new(&json, axes, Some(n))));
            match plan {
                Err(e) => error.set(e),
                Ok(plan) => {
                    error.set(String::new());
                    result.set(None);
                    let total = plan.jobs();
                    let r = Rc::new(RefCell::new(Runner { plan, metrics: Vec::with_capacity(total), stop: false }));
                    *runner.borrow_mut() = Some(r.clone());
                    progress.set(Progress { done: 0, total, running: true, stopped: false });
                    let (progress, result) = (progress.clone(), result.clone());
                    Timeout::new(0, move || slice(r, progress, result)).forget();
                }
            }
        })
    };
    let stop = {
        let runner = runner.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(r) = runner.borrow().as_ref() {
                r.borrow_mut().stop = true;
            }
        })
    };
    let p = (*progress).clone();
    html! {
        <section class="sweep-panel" aria-label={t(lang, "sweep.title")}>
            <p class="compare-note">{ t(lang, "sweep.intro") }</p>
            <div class="sweep-form">
                <label for="sweep-pointer">{ t(lang, "sweep.setting") }</label>
                <select id="sweep-pointer" onchange={set(&pointer)}>
                    { for options.iter().map(|(p, label)| html! { <option value={p.clone()} selected={*p == *pointer}>{ label }</option> }) }
                    <option value="" selected={pointer.is_empty()}>{ t(lang, "sweep.seeds_only") }</option>
                </select>
                <label for="sweep-custom">{ t(lang, "sweep.pointer") }</label>
                <input id="sweep-custom" type="text" value={(*pointer).clone()} onchange={set(&pointer)} />
                <label for="sweep-values">{ t(lang, "sweep.values") }</label>
                <input id="sweep-values" type="text" value={(*values).clone()} onchange={set(&values)} aria-describedby="sweep-values-help" />
                <span id="sweep-values-help" class="hint">{ t(lang, "sweep.values_help") }</span>
                <label for="sweep-seeds">{ t(lang, "sweep.seeds") }</label>
                <input id="sweep-seeds" type="number" min="1" max="10000" value={(*seeds).clone()} onchange={set(&seeds)} />
                <div class="sweep-buttons">
                    <button type="button" class="btn primary" onclick={run} disabled={p.running}>{ t(lang, "sweep.run") }</button>
                    <button type="button" class="btn" onclick={stop} disabled={!p.running}>{ t(lang, "sweep.stop") }</button>
                </div>
            </div>
            if !error.is_empty() {
                <p role="alert" class="sweep-error">{ (*error).clone() }</p>
            }
            if p.total > 0 {
                <div class="sweep-progress">
                    <progress max={p.total.to_string()} value={p.done.to_string()} aria-label={t(lang, "sweep.progress")}></progress>
                    <span role="status">{ tf(lang, if p.stopped { "sweep.stopped" } else { "sweep.done_of" }, &[("done", &p.done.to_string()), ("total", &p.total.to_string())]) }</span>
                </div>
            }
            if let Some(r) = (*result).clone() {
                { results(lang, &r) }
            }
        </section>
    }
}

fn results(lang: Lang, r: &SweepResult) -> Html {
    let pointer = r.axes.first().map(|a| a.pointer.clone()).unwrap_or_else(|| t(lang, "sweep.seeds_only").to_string());
    let labels: Vec<String> = r
        .cells
        .iter()
        .map(|c| {
            c.values
                .iter()
                .map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    let table = DataTable {
        headers: vec![
            pointer.clone(),
            t(lang, "sweep.runs").to_string(),
            t(lang, "sweep.suspension_rate").to_string(),
            t(lang, "sweep.p95").to_string(),
            t(lang, "charts.attempts").to_string(),
        ],
        rows: r
            .cells
            .iter()
            .zip(&labels)
            .map(|(c, label)| {
                vec![
                    label.clone(),
                    c.runs.to_string(),
                    stat_text(&c.suspension_rate, pct),
                    stat_text(&c.p95_delivery_ms, |v| short_time(v.max(0.0) as u64)),
                    stat_text(&c.attempts, |v| format!("{v:.1}")),
                ]
            })
            .collect(),
    };
    let text = ChartText {
        title: t(lang, "sweep.chart").to_string(),
        x_label: pointer,
        y_label: t(lang, "sweep.suspension_rate").to_string(),
        empty: t(lang, "charts.empty").to_string(),
        ..ChartText::default()
    };
    let stats: Vec<Option<Stat>> = r.cells.iter().map(|c| c.suspension_rate).collect();
    let svg = sweep_chart(&labels, &stats, &text);
    html! {
        <>
            <figure class="chart">{ Html::from_html_unchecked(AttrValue::from(svg)) }</figure>
            { table_html(&table, t(lang, "sweep.table"), "sweep-table") }
        </>
    }
}
