//! "Charts" (issue 13): the whole run at a glance — instances by status (stacked), attempts per
//! endpoint (primary vs backup, failures marked), publish → completion per port — drawn from the
//! binned aggregates of `analysis::charts` (one pass over the engine's compact history, never one
//! mark per instance). Each chart has its data table (text alternative) and exports as SVG and CSV;
//! the per-port table carries a sparkline of completions.

use crate::analysis::charts::RunCharts;
use crate::analysis::svg::{attempts_chart, delivery_chart, short_time, sparkline, status_chart, ChartText};
use crate::analysis::table::{attempts_table, ports_table, status_table, DataTable, TimeStyle};
use crate::i18n::{t, tf, Lang};
use crate::ui::browser;
use crate::ui::components::header::slug;
use crate::ui::contract::ObserveProps;
use yew::prelude::*;

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

/// The Charts view of the current run.
#[component(ChartsPanel)]
pub fn charts_panel(props: &ObserveProps) -> Html {
    let lang = props.lang;
    let kind = use_state_eq(|| ChartKind::Status);
    let charts = {
        let sim = props.view.sim.clone();
        use_memo(props.view.clone(), move |_| RunCharts::build(&sim.borrow()))
    };
    let name = slug(&props.view.sim.borrow().scenario().name);
    let text = chart_text(lang, *kind, charts.bin_ms);
    let (svg, table) = render(&charts, *kind, &text, TimeStyle::Short);
    let on_kind = |k: ChartKind| {
        let kind = kind.clone();
        Callback::from(move |_: Event| kind.set(k))
    };
    let export_svg = {
        let (svg, name, code) = (svg.clone(), name.clone(), kind.code());
        Callback::from(move |_: MouseEvent| {
            browser::download(&format!("{name}.{code}.svg"), "image/svg+xml", &svg);
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
    let ports_text = chart_text(lang, ChartKind::Delivery, charts.bin_ms);
    let ports = ports_table(&charts, &ports_text, TimeStyle::Short);
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
                <button type="button" class="btn" onclick={export_svg}>{ t(lang, "charts.export_svg") }</button>
                <button type="button" class="btn" onclick={export_csv}>{ t(lang, "charts.export_csv") }</button>
            </div>
            <p class="charts-note">{ tf(lang, "charts.at", &[("elapsed", &short_time(charts.end_ms)), ("bin", &short_time(charts.bin_ms))]) }</p>
            <figure class="chart">
                { Html::from_html_unchecked(AttrValue::from(svg)) }
                <figcaption>
                    <details>
                        <summary>{ t(lang, "charts.data_table") }</summary>
                        { table_html(&table, &format!("{} — {}", t(lang, kind.key()), t(lang, "charts.data_table")), "chart-data") }
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
        </section>
    }
}
