//! "Charts" (issue 13): the whole run at a glance — instances by status (stacked), attempts per
//! endpoint (primary vs backup, failures marked), publish → completion per port — drawn from the
//! binned aggregates of `analysis::charts` (one pass over the engine's compact history, never one
//! mark per instance). Each chart has its data table (text alternative) and exports as SVG and CSV;
//! the per-port table carries a sparkline of completions. PNG export draws the same SVG into a
//! canvas (`ui::png_export`).
//!
//! Responsive at 1,000,000 instances (`e2e/bench/charts_page.spec.mjs` measures it): the page
//! folds each slice's new facts into the binned aggregates WHILE the run goes
//! (`analysis::charts_live::ChartsFollower`, [`follow_run`] after every change, in a browser task
//! of its own, at most `FOLD_FACTS` per task), Charts open or not; when the run stops, showing the
//! charts is a snapshot of the bins (O(bins) + the delivery quantiles) and drawing. The three chart
//! types are drawn together from each snapshot and cached for the simulation's state, so switching
//! chart type or coming back to the tab is only showing.

use crate::analysis::charts::RunCharts;
use crate::analysis::charts_live::ChartsFollower;
use crate::analysis::svg::{attempts_chart, delivery_chart, sparkline, status_chart, ChartText};
use crate::analysis::table::{attempts_table, ports_table, status_table, DataTable, TimeStyle};
use crate::engine::Simulation;
use crate::i18n::{t, tf, Lang};
use crate::ui::browser;
use crate::ui::components::format::short_time;
use crate::ui::components::header::slug;
use crate::ui::contract::ObserveProps;
use crate::ui::png_export;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use yew::prelude::*;

/// A run of at most this many instances shows live charts while it runs (a snapshot per render
/// costs a few milliseconds); a larger one shows them once it stops.
pub const SYNC_INSTANCES: usize = 50_000;
/// Facts folded in the panel's render when that is all that is left (a few milliseconds).
pub const SYNC_FACTS: usize = 200_000;
/// Facts folded per background browser task (well under 100 ms even before the browser has
/// optimised the wasm).
pub const FOLD_FACTS: usize = 400_000;

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
            (t(lang, "charts.x_time").to_string(), tf(lang, "charts.y_attempts", &[("bin", &short_time(lang, bin_ms))]))
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

/// The page's charts memory: the aggregates followed during the run, the last snapshot and the
/// chart types drawn from it.
#[derive(Default)]
struct Cache {
    /// The simulation followed (held weakly: its allocation cannot be reused by another while held).
    followed: Option<Weak<RefCell<Simulation>>>,
    /// Its aggregates, folded after each slice of the run.
    follower: Option<ChartsFollower>,
    /// The state `charts` was taken at.
    key: Option<SimKey>,
    /// The charts of `key`.
    charts: Option<Rc<RunCharts>>,
    /// Charts of an earlier state, shown dimmed while the current one is not ready.
    stale: Option<Rc<RunCharts>>,
    /// The chart types drawn from `charts` (all three at once: a switch is only showing).
    drawn: Vec<Rc<Drawn>>,
    /// Those drawn from `stale`.
    stale_drawn: Vec<Rc<Drawn>>,
    /// The next fold, pending (dropping it cancels it).
    timer: Option<Timeout>,
    /// Re-renders the mounted panel (when a fold in the background catches up).
    redraw: Option<Rc<dyn Fn()>>,
}

impl Cache {
    /// The follower of `sim`, started over when `sim` is another simulation.
    fn follower_for(&mut self, sim: &Rc<RefCell<Simulation>>, s: &Simulation) -> &mut ChartsFollower {
        let same = self.followed.as_ref().is_some_and(|w| std::ptr::eq(w.as_ptr(), Rc::as_ptr(sim)))
            && self.follower.as_ref().is_some_and(|f| !f.is_behind_of(s));
        if !same {
            self.followed = Some(Rc::downgrade(sim));
            self.follower = None;
            // A pending fold of the previous simulation is of no use now.
            self.timer = None;
        }
        self.follower.get_or_insert_with(|| ChartsFollower::new(s))
    }

    /// Folds at most `max_facts` of `sim`'s new facts; true when caught up.
    fn fold(&mut self, sim: &Rc<RefCell<Simulation>>, max_facts: usize) -> bool {
        let Ok(s) = sim.try_borrow() else { return false };
        self.follower_for(sim, &s).fold(&s, max_facts)
    }

    /// Brings the charts to `sim`'s state: folds what is left if it is little (else in the
    /// background), then takes a snapshot — while a large run is still moving, the last
    /// snapshot stays (dimmed).
    fn follow(&mut self, sim: &Rc<RefCell<Simulation>>, running: bool, lang: Lang) {
        let key = sim_key(sim);
        if key.is_none() || self.key == key {
            return;
        }
        if !self.fold(sim, SYNC_FACTS) {
            self.schedule(sim);
            self.keep_as_stale();
            return;
        }
        let Ok(s) = sim.try_borrow() else { return };
        let small = s.history_len() <= SYNC_INSTANCES;
        if running && !small {
            self.keep_as_stale();
            return;
        }
        let Some(f) = self.follower.as_mut() else { return };
        let charts = Rc::new(f.snapshot(&s));
        self.key = key;
        self.charts = Some(charts.clone());
        self.stale = None;
        self.stale_drawn.clear();
        self.drawn.clear();
        if !running {
            // Every chart type drawn now: a switch is only showing.
            self.drawn = ChartKind::ALL.iter().map(|&k| Rc::new(draw(&charts, k, lang))).collect();
        }
    }

    /// The charts shown become the stale ones (the state moved on).
    fn keep_as_stale(&mut self) {
        if let Some(old) = self.charts.take() {
            self.stale = Some(old);
            self.stale_drawn = std::mem::take(&mut self.drawn);
        }
        self.key = None;
    }

    /// Folds in the background, one browser task per `FOLD_FACTS`, until caught up; then the
    /// mounted panel re-renders.
    fn schedule(&mut self, sim: &Rc<RefCell<Simulation>>) {
        if self.timer.is_some() {
            return;
        }
        let sim = Rc::downgrade(sim);
        self.timer = Some(Timeout::new(0, move || {
            let Some(sim) = sim.upgrade() else { return };
            let cache = CACHE.with(Rc::clone);
            let Ok(mut c) = cache.try_borrow_mut() else { return };
            c.timer = None;
            // Another simulation is followed now: this one is not folded any more.
            let followed = c.followed.as_ref().is_some_and(|w| std::ptr::eq(w.as_ptr(), Rc::as_ptr(&sim)));
            if !followed && c.followed.is_some() {
                return;
            }
            if !c.fold(&sim, FOLD_FACTS) {
                c.schedule(&sim);
            } else if let Some(redraw) = c.redraw.clone() {
                drop(c);
                redraw();
            }
        }));
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

    /// Progress of the fold when it is behind: (facts folded, facts recorded).
    fn progress(&self, sim: &Rc<RefCell<Simulation>>) -> Option<(usize, usize)> {
        let s = sim.try_borrow().ok()?;
        let f = self.follower.as_ref()?;
        (!f.caught_up(&s)).then(|| f.progress(&s))
    }
}

/// After each change of the full page's simulation (each slice of a run): fold its new facts
/// into the charts' aggregates in a browser task of its own, whether or not Charts is open, so
/// opening Charts after a large run only takes a snapshot and draws (issue 13).
pub fn follow_run(sim: &Rc<RefCell<Simulation>>) {
    CACHE.with(|c| {
        let (Ok(mut c), Ok(s)) = (c.try_borrow_mut(), sim.try_borrow()) else { return };
        if !c.follower_for(sim, &s).caught_up(&s) {
            drop(s);
            c.schedule(sim);
        }
    });
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
    {
        // While mounted, a fold finished in the background re-renders the panel.
        let cache = cache.clone();
        use_effect_with((), move |_| {
            cache.borrow_mut().redraw = Some(Rc::new(move || redraw.force_update()));
            move || cache.borrow_mut().redraw = None
        });
    }
    cache.borrow_mut().follow(&props.view.sim, props.running, lang);
    let name = slug(&props.view.sim.borrow().scenario().name);
    let (progress, waiting) = {
        let c = cache.borrow();
        let progress = c.progress(&props.view.sim);
        (progress, progress.is_none() && c.key != sim_key(&props.view.sim))
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
            <p class="charts-note">{ tf(lang, "charts.at", &[("elapsed", &short_time(lang, charts.end_ms)), ("bin", &short_time(lang, charts.bin_ms))]) }</p>
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
