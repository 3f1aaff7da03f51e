//! "Charts" (issue 13): the whole run at a glance — instances by status (stacked), attempts per
//! endpoint (primary vs backup, failures marked), publish → completion per port — drawn from the
//! binned aggregates of `analysis::charts` (one pass over the engine's compact history, never one
//! mark per instance). Each chart has its data table (text alternative) and exports as SVG and CSV;
//! the per-port table carries a sparkline of completions. PNG export draws the same SVG into a
//! canvas (`ui::png_export`).
//!
//! Responsive at 1,000,000 instances (`e2e/bench/charts_page.spec.mjs` measures it): a run of
//! more than `SYNC_INSTANCES` instances is aggregated in slices of `SLICE_INSTANCES` between
//! browser tasks (`ChartsBuilder`), with a progress bar, and only once the run stops moving; the
//! aggregates and each drawn chart type are cached for the simulation's state, so switching chart
//! type or coming back to the tab is only drawing.

use crate::analysis::charts::{pick_bin, ChartsBuilder, RunCharts};
use crate::analysis::svg::{attempts_chart, delivery_chart, short_time, sparkline, status_chart, ChartText};
use crate::analysis::table::{attempts_table, ports_table, status_table, DataTable, TimeStyle};
use crate::engine::Simulation;
use crate::i18n::{t, tf, Lang};
use crate::ui::browser;
use crate::ui::components::header::slug;
use crate::ui::contract::ObserveProps;
use crate::ui::png_export;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Runs with at most this many instances are aggregated at once (a few milliseconds).
pub const SYNC_INSTANCES: usize = 50_000;
/// Instances aggregated per browser task in a larger run: about 30 ms of optimised wasm, under
/// 100 ms while the browser still runs its first-tier code (measured at 1,000,000 instances).
pub const SLICE_INSTANCES: usize = 100_000;

thread_local! {
    /// One cache for the page: it outlives the panel, so leaving the tab and coming back (or the
    /// embed's panel) finds the charts of the same state already aggregated and drawn.
    static CACHE: Rc<RefCell<Cache>> = Rc::new(RefCell::new(Cache::default()));
}

/// The chart shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Status,
    Attempts,
    Delivery,
}

impl ChartKind {
    pub const ALL: [ChartKind; 3] = [ChartKind::Status, ChartKind::Attempts, ChartKind::Delivery];
    fn key(self) -> &'static str {
        match self {
            ChartKind::Status => "charts.kind.status",
            ChartKind::Attempts => "charts.kind.attempts",
            ChartKind::Delivery => "charts.kind.delivery",
        }
    }
    fn code(self) -> &'static str {
        match self {
            ChartKind::Status => "status",
            ChartKind::Attempts => "attempts",
            ChartKind::Delivery => "delivery",
        }
    }
}

/// The translated words of the charts and tables; `bin_ms` names the bin width in the y label.
pub fn chart_text(lang: Lang, kind: ChartKind, bin_ms: u64) -> ChartText {
    let status = |k: &str| t(lang, k).to_string();
    let (x, y) = match kind {
        ChartKind::Status => (t(lang, "charts.x_time").to_string(), t(lang, "charts.y_instances").to_string()),
        ChartKind::Attempts => {
            (t(lang, "charts.x_time").to_string(), tf(lang, "charts.y_attempts", &[("bin", &short_time(bin_ms))]))
        }
        ChartKind::Delivery => (t(lang, "charts.x_delivery").to_string(), String::new()),
    };
    ChartText {
        title: t(lang, kind.key()).to_string(),
        x_label: x,
        y_label: y,
        statuses: [
            status("obs.status.active"),
            status("obs.status.scheduled"),
            status("obs.status.suspended_resumable"),
            status("obs.status.suspended_not_resumable"),
            status("obs.status.completed"),
            status("obs.status.terminated"),
        ],
        primary: t(lang, "charts.primary").to_string(),
        backup: t(lang, "charts.backup").to_string(),
        attempts: t(lang, "charts.attempts").to_string(),
        failures: t(lang, "charts.failures").to_string(),
        median: t(lang, "charts.median").to_string(),
        p95: t(lang, "charts.p95").to_string(),
        max: t(lang, "charts.max").to_string(),
        empty: t(lang, "charts.empty").to_string(),
        run_a: t(lang, "charts.run_a").to_string(),
        run_b: t(lang, "charts.run_b").to_string(),
        time: t(lang, "charts.time").to_string(),
        address: t(lang, "charts.address").to_string(),
        transport: t(lang, "charts.transport").to_string(),
        port: t(lang, "charts.port").to_string(),
        instances: t(lang, "charts.instances").to_string(),
        completed: t(lang, "charts.completed").to_string(),
        suspended: t(lang, "charts.suspended").to_string(),
    }
}

/// The SVG and the data table of one chart.
pub fn render(c: &RunCharts, kind: ChartKind, text: &ChartText, style: TimeStyle) -> (String, DataTable) {
    match kind {
        ChartKind::Status => (status_chart(c, text), status_table(c, text, style)),
        ChartKind::Attempts => (attempts_chart(c, text), attempts_table(c, text, style)),
        ChartKind::Delivery => (delivery_chart(c, text), ports_table(c, text, style)),
    }
}

/// A data table as HTML (inside a focusable, labelled scroller).
pub fn table_html(table: &DataTable, label: &str, id: &str) -> Html {
    html! {
        <div class="chart-table" role="region" tabindex="0" aria-label={label.to_string()} id={id.to_string()}>
            <table>
                <thead><tr>{ for table.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                <tbody>
                    { for table.rows.iter().map(|r| html! {
                        <tr>{ for r.iter().enumerate().map(|(i, c)| if i == 0 { html! { <th scope="row">{ c }</th> } } else { html! { <td>{ c }</td> } }) }</tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// What identifies a simulation's state for the charts: which simulation, its time, events,
/// instances and facts (every status change is a fact).
type SimKey = (usize, u64, u64, usize, usize);

fn sim_key(sim: &Rc<RefCell<Simulation>>) -> Option<SimKey> {
    let s = sim.try_borrow().ok()?;
    Some((Rc::as_ptr(sim) as usize, s.now().as_ms(), s.events_processed(), s.history_len(), s.fact_count()))
}

/// One chart type drawn in one language: its SVG, its data table and the per-port table.
struct Drawn {
    kind: ChartKind,
    lang: Lang,
    svg: AttrValue,
    table: DataTable,
    ports: DataTable,
}

/// The panel's memory across renders.
#[derive(Default)]
struct Cache {
    key: Option<SimKey>,
    /// The charts of `key`, once aggregated.
    charts: Option<Rc<RunCharts>>,
    /// Charts of an earlier state, shown dimmed while the current one is aggregated.
    stale: Option<Rc<RunCharts>>,
    /// Aggregation in progress (a large run).
    job: Option<ChartsBuilder>,
    /// The chart types drawn from `charts` (switching back is only showing).
    drawn: Vec<Rc<Drawn>>,
    /// Those drawn from `stale`.
    stale_drawn: Vec<Rc<Drawn>>,
    /// The next slice, pending (dropping it cancels it).
    timer: Option<Timeout>,
}

impl Cache {
    /// Follows the simulation: same state = nothing to do; a small run is aggregated now; a large
    /// one starts a sliced aggregation once the run stops moving.
    fn follow(&mut self, sim: &Rc<RefCell<Simulation>>, running: bool) {
        let key = sim_key(sim);
        if key.is_none() {
            return;
        }
        if self.key != key {
            if let Some(old) = self.charts.take() {
                self.stale = Some(old);
                self.stale_drawn = std::mem::take(&mut self.drawn);
            }
            self.key = key;
            self.job = None;
            self.timer = None;
            self.drawn.clear();
        }
        if self.charts.is_some() || self.job.is_some() {
            return;
        }
        let Ok(s) = sim.try_borrow() else { return };
        if s.history_len() <= SYNC_INSTANCES {
            self.charts = Some(Rc::new(RunCharts::build(&s)));
            self.stale = None;
            self.stale_drawn.clear();
        } else if !running {
            self.job = Some(ChartsBuilder::new(&s, pick_bin(s.now().as_ms())));
        }
    }

    /// One slice of the aggregation in progress; true when something changed.
    fn slice(&mut self, sim: &Rc<RefCell<Simulation>>) -> bool {
        self.timer = None;
        if sim_key(sim) != self.key {
            return false;
        }
        let (Some(mut job), Ok(s)) = (self.job.take(), sim.try_borrow()) else { return false };
        if job.feed(&s, SLICE_INSTANCES) {
            self.charts = Some(Rc::new(job.finish()));
            self.stale = None;
            self.stale_drawn.clear();
        } else {
            self.job = Some(job);
        }
        true
    }

    /// The chart `kind` drawn in `lang` from the charts shown (drawn once per state).
    fn drawn(&mut self, kind: ChartKind, lang: Lang) -> Option<(Rc<RunCharts>, Rc<Drawn>)> {
        let (charts, drawn) = match &self.charts {
            Some(c) => (c.clone(), &mut self.drawn),
            None => (self.stale.clone()?, &mut self.stale_drawn),
        };
        if let Some(d) = drawn.iter().find(|d| d.kind == kind && d.lang == lang) {
            return Some((charts, d.clone()));
        }
        let d = Rc::new(draw(&charts, kind, lang));
        drawn.push(d.clone());
        Some((charts, d))
    }
}

fn draw(charts: &RunCharts, kind: ChartKind, lang: Lang) -> Drawn {
    let text = chart_text(lang, kind, charts.bin_ms);
    let (svg, table) = render(charts, kind, &text, TimeStyle::Short);
    let ports = ports_table(charts, &chart_text(lang, ChartKind::Delivery, charts.bin_ms), TimeStyle::Short);
    Drawn { kind, lang, svg: AttrValue::from(svg), table, ports }
}

/// The Charts view of the current run.
#[component(ChartsPanel)]
pub fn charts_panel(props: &ObserveProps) -> Html {
    let lang = props.lang;
    let kind = use_state_eq(|| ChartKind::Status);
    let png_failed = use_state_eq(|| false);
    let table_open = use_state_eq(|| false);
    let cache = CACHE.with(Rc::clone);
    let redraw = use_force_update();
    cache.borrow_mut().follow(&props.view.sim, props.running);
    // Next slice of a sliced aggregation: after this render, in its own browser task.
    {
        let (cache, sim) = (cache.clone(), props.view.sim.clone());
        use_effect(move || {
            let pending = {
                let c = cache.borrow();
                c.job.is_some() && c.timer.is_none()
            };
            if pending {
                let again = cache.clone();
                let timer = Timeout::new(0, move || {
                    let changed = again.borrow_mut().slice(&sim);
                    if changed {
                        redraw.force_update();
                    }
                });
                cache.borrow_mut().timer = Some(timer);
            }
        });
    }
    {
        // Unmounted: cancel a pending slice (and drop the cycle through its closure).
        let cache = cache.clone();
        use_effect_with((), move |_| move || cache.borrow_mut().timer = None);
    }
    let name = slug(&props.view.sim.borrow().scenario().name);
    let (progress, waiting) = {
        let c = cache.borrow();
        (c.job.as_ref().map(ChartsBuilder::progress), c.charts.is_none() && c.job.is_none())
    };
    let shown = cache.borrow_mut().drawn(*kind, lang);
    let busy = progress.is_some() || waiting;
    let on_kind = |k: ChartKind| {
        let kind = kind.clone();
        Callback::from(move |_: Event| kind.set(k))
    };
    let status = match (progress, waiting) {
        (Some((done, total)), _) => html! {
            <p class="charts-busy" data-busy="true" role="status">
                <progress max={total.to_string()} value={done.to_string()} aria-label={t(lang, "charts.aggregating_label")}></progress>
                { tf(lang, "charts.aggregating", &[("pct", &((done * 100) / total.max(1)).to_string())]) }
            </p>
        },
        (None, true) => {
            html! { <p class="charts-busy" data-busy="true" role="status">{ t(lang, "charts.after_run") }</p> }
        }
        _ => html! {},
    };
    let Some((charts, drawn)) = shown else {
        return html! {
            <section class="charts-panel" aria-label={t(lang, "charts.title")}>{ status }</section>
        };
    };
    let export_svg = {
        let (svg, name, code) = (drawn.svg.clone(), name.clone(), kind.code());
        Callback::from(move |_: MouseEvent| {
            browser::download(&format!("{name}.{code}.svg"), "image/svg+xml", &svg);
        })
    };
    let export_png = {
        let (svg, name, code, failed) = (drawn.svg.clone(), name.clone(), kind.code(), png_failed.clone());
        Callback::from(move |_: MouseEvent| {
            let failed = failed.clone();
            png_export::download_png(
                &svg,
                &format!("{name}.{code}.png"),
                Callback::from(move |ok: bool| failed.set(!ok)),
            );
        })
    };
    let export_csv = {
        let (charts, name, k) = (charts.clone(), name.clone(), *kind);
        Callback::from(move |_: MouseEvent| {
            let text = chart_text(lang, k, charts.bin_ms);
            let (_, table) = render(&charts, k, &text, TimeStyle::Ms);
            browser::download(&format!("{name}.{}.csv", k.code()), "text/csv", &table.to_csv());
        })
    };
    let on_toggle = {
        let table_open = table_open.clone();
        Callback::from(move |e: Event| {
            let open = e.target_dyn_into::<web_sys::Element>().is_some_and(|d| d.has_attribute("open"));
            table_open.set(open);
        })
    };
    let ports = &drawn.ports;
    html! {
        <section class="charts-panel" aria-label={t(lang, "charts.title")}>
            <div class="charts-toolbar">
                <fieldset class="chart-kinds">
                    <legend>{ t(lang, "charts.choose") }</legend>
                    { for ChartKind::ALL.iter().map(|&k| html! {
                        <label class="chart-kind">
                            <input type="radio" name="chart-kind" value={k.code()} checked={*kind == k} onchange={on_kind(k)} />
                            { t(lang, k.key()) }
                        </label>
                    }) }
                </fieldset>
                <button type="button" class="btn" onclick={export_png} disabled={busy}>{ t(lang, "charts.export_png") }</button>
                <button type="button" class="btn" onclick={export_svg} disabled={busy}>{ t(lang, "charts.export_svg") }</button>
                <button type="button" class="btn" onclick={export_csv} disabled={busy}>{ t(lang, "charts.export_csv") }</button>
            </div>
            if *png_failed {
                <p class="charts-error" role="alert">{ t(lang, "charts.png_failed") }</p>
            }
            { status }
            <div class={classes!("charts-body", busy.then_some("stale"))}>
            <p class="charts-note">{ tf(lang, "charts.at", &[("elapsed", &short_time(charts.end_ms)), ("bin", &short_time(charts.bin_ms))]) }</p>
            <figure class="chart">
                { Html::from_html_unchecked(drawn.svg.clone()) }
                <figcaption>
                    <details ontoggle={on_toggle}>
                        <summary>{ t(lang, "charts.data_table") }</summary>
                        // Built only while open: a long table is DOM work a chart switch need not do.
                        if *table_open {
                            { table_html(&drawn.table, &format!("{} — {}", t(lang, kind.key()), t(lang, "charts.data_table")), "chart-data") }
                        }
                    </details>
                </figcaption>
            </figure>
            <h3 class="charts-ports-title">{ t(lang, "charts.ports_title") }</h3>
            <div class="chart-table" role="region" tabindex="0" aria-label={t(lang, "charts.ports_title")}>
                <table class="chart-ports">
                    <thead><tr>
                        { for ports.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }
                        <th scope="col">{ t(lang, "charts.sparkline") }</th>
                    </tr></thead>
                    <tbody>
                        { for ports.rows.iter().zip(&charts.ports).map(|(r, p)| html! {
                            <tr>
                                { for r.iter().enumerate().map(|(i, c)| if i == 0 { html! { <th scope="row">{ c }</th> } } else { html! { <td>{ c }</td> } }) }
                                <td class="spark">{ Html::from_html_unchecked(AttrValue::from(sparkline(&p.completions))) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            </div>
        </section>
    }
}
