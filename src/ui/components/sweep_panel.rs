//! "Sweep" (issue 13): the current scenario over a range of one or two settings (addressed by JSON
//! Pointer, as `portsim sweep --set A=.. --set B=..`) and/or over N seeds, run in the page in
//! slices — a few runs per browser task, then yield — with a progress bar and Stop. The result is
//! the same `portsim-sweep/1` figures as the CLI: a table (mean and 95 % band per cell) and a chart
//! of the chosen figure — a line with its band across seeds for one setting, a heat map
//! (`analysis::heatmap`) for two.

use super::charts_panel::table_html;
use crate::analysis::heatmap::{heatmap_chart, HeatMap};
use crate::analysis::svg::{sweep_chart, ChartText};
use crate::analysis::sweep::{Axis, RunMetrics, Stat, SweepPlan, SweepResult};
use crate::analysis::table::DataTable;
use crate::engine::scenario::spec::ScenarioSpec;
use crate::i18n::{t, tf, tn, Lang};
use crate::ui::components::format::{decimal1, percent1, short_time};
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

/// The figure charted (line or heat map); the table shows all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Figure {
    SuspensionRate,
    P95,
    Attempts,
}

impl Figure {
    const ALL: [Figure; 3] = [Figure::SuspensionRate, Figure::P95, Figure::Attempts];
    fn code(self) -> &'static str {
        match self {
            Figure::SuspensionRate => "rate",
            Figure::P95 => "p95",
            Figure::Attempts => "attempts",
        }
    }
    fn key(self) -> &'static str {
        match self {
            Figure::SuspensionRate => "sweep.suspension_rate",
            Figure::P95 => "sweep.p95",
            Figure::Attempts => "sweep.attempts_mean",
        }
    }
    fn stat(self, c: &crate::analysis::sweep::CellResult) -> Option<Stat> {
        match self {
            Figure::SuspensionRate => c.suspension_rate,
            Figure::P95 => c.p95_delivery_ms,
            Figure::Attempts => c.attempts,
        }
    }
    fn format(self, lang: Lang, v: f64) -> String {
        match self {
            Figure::SuspensionRate => percent1(lang, v),
            Figure::P95 => short_time(lang, v.max(0.0) as u64),
            Figure::Attempts => decimal1(lang, v),
        }
    }
}

/// One axis typed in the form: `None` when no setting is chosen.
fn axis(pointer: &str, values: &str) -> Result<Option<Axis>, String> {
    if pointer.trim().is_empty() {
        return Ok(None);
    }
    Axis::parse(&format!("{}={}", pointer.trim(), values.trim())).map(Some)
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
    let pointer2 = use_state(String::new);
    let values2 = use_state(String::new);
    let seeds = use_state(|| "1".to_string());
    let figure = use_state_eq(|| Figure::SuspensionRate);
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
        let (pointer2, values2) = (pointer2.clone(), values2.clone());
        let (progress, result, runner) = (progress.clone(), result.clone(), runner.clone());
        let session = state.session.clone();
        Callback::from(move |_: MouseEvent| {
            let json = session.borrow().to_json();
            let axes = axis(&pointer, &values)
                .and_then(|a| axis(&pointer2, &values2).map(|b| a.into_iter().chain(b).collect::<Vec<_>>()));
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
    let on_figure = {
        let figure = figure.clone();
        Callback::from(move |e: Event| {
            let code = input_value(&e);
            if let Some(f) = Figure::ALL.into_iter().find(|f| f.code() == code) {
                figure.set(f);
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
                <label for="sweep-pointer-2">{ t(lang, "sweep.setting2") }</label>
                <select id="sweep-pointer-2" onchange={set(&pointer2)} aria-describedby="sweep-setting2-help">
                    <option value="" selected={pointer2.is_empty()}>{ t(lang, "sweep.none") }</option>
                    { for options.iter().map(|(p, label)| html! { <option value={p.clone()} selected={*p == *pointer2}>{ label }</option> }) }
                </select>
                <span id="sweep-setting2-help" class="hint">{ t(lang, "sweep.setting2_help") }</span>
                <label for="sweep-custom-2">{ t(lang, "sweep.pointer2") }</label>
                <input id="sweep-custom-2" type="text" value={(*pointer2).clone()} onchange={set(&pointer2)} />
                <label for="sweep-values-2">{ t(lang, "sweep.values2") }</label>
                <input id="sweep-values-2" type="text" value={(*values2).clone()} onchange={set(&values2)} aria-describedby="sweep-values-help" />
                <label for="sweep-seeds">{ t(lang, "sweep.seeds") }</label>
                <input id="sweep-seeds" type="number" min="1" max="10000" value={(*seeds).clone()} onchange={set(&seeds)} />
                <label for="sweep-figure">{ t(lang, "sweep.figure") }</label>
                <select id="sweep-figure" onchange={on_figure}>
                    { for Figure::ALL.iter().map(|&f| html! { <option value={f.code()} selected={*figure == f}>{ t(lang, f.key()) }</option> }) }
                </select>
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
                    <span role="status">{ tn(lang, if p.stopped { "sweep.stopped" } else { "sweep.done_of" }, p.done as u64, &[("total", &p.total.to_string())]) }</span>
                </div>
            }
            if let Some(r) = (*result).clone() {
                { results(lang, &r, *figure) }
            }
        </section>
    }
}

/// A value of an axis as written in the form (strings without their quotes).
fn value_text(v: &serde_json::Value) -> String {
    v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())
}

fn results(lang: Lang, r: &SweepResult, figure: Figure) -> Html {
    let pointers: Vec<String> = if r.axes.is_empty() {
        vec![t(lang, "sweep.seeds_only").to_string()]
    } else {
        r.axes.iter().map(|a| a.pointer.clone()).collect()
    };
    let mut headers = pointers.clone();
    headers.extend([
        t(lang, "sweep.runs").to_string(),
        t(lang, "sweep.suspension_rate").to_string(),
        t(lang, "sweep.p95").to_string(),
        t(lang, "charts.attempts").to_string(),
    ]);
    let table = DataTable {
        headers,
        rows: r
            .cells
            .iter()
            .map(|c| {
                let mut row: Vec<String> = if c.values.is_empty() {
                    vec!["—".to_string()]
                } else {
                    c.values.iter().map(value_text).collect()
                };
                row.extend([
                    c.runs.to_string(),
                    stat_text(&c.suspension_rate, |v| percent1(lang, v)),
                    stat_text(&c.p95_delivery_ms, |v| short_time(lang, v.max(0.0) as u64)),
                    stat_text(&c.attempts, |v| decimal1(lang, v)),
                ]);
                row
            })
            .collect(),
    };
    let format = move |v: f64| figure.format(lang, v);
    let svg = if let [a, b] = r.axes.as_slice() {
        let rows: Vec<String> = a.values.iter().map(value_text).collect();
        let cols: Vec<String> = b.values.iter().map(value_text).collect();
        let values: Vec<Option<f64>> = r.cells.iter().map(|c| figure.stat(c).map(|s| s.mean)).collect();
        let title = tf(lang, "sweep.heatmap", &[("figure", t(lang, figure.key()))]);
        heatmap_chart(&HeatMap {
            title: &title,
            row_label: &a.pointer,
            col_label: &b.pointer,
            rows: &rows,
            cols: &cols,
            values: &values,
            format: &format,
            missing: "—",
        })
    } else {
        let labels: Vec<String> =
            r.cells.iter().map(|c| c.values.iter().map(value_text).collect::<Vec<_>>().join(", ")).collect();
        let text = ChartText {
            title: tf(lang, "sweep.chart_of", &[("figure", t(lang, figure.key()))]),
            x_label: pointers.join(", "),
            y_label: t(lang, figure.key()).to_string(),
            empty: t(lang, "charts.empty").to_string(),
            ..ChartText::default()
        };
        let stats: Vec<Option<Stat>> = r.cells.iter().map(|c| figure.stat(c)).collect();
        sweep_chart(&labels, &stats, &text)
    };
    html! {
        <>
            <figure class="chart">{ Html::from_html_unchecked(AttrValue::from(svg)) }</figure>
            { table_html(&table, t(lang, "sweep.table"), "sweep-table") }
        </>
    }
}
