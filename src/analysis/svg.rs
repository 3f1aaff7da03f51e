//! The charts of `RunCharts` as standalone SVG text: the page shows it (and a data table beside
//! it), "Export SVG" downloads the same text. Drawn from binned data only — at most a few hundred
//! marks whatever the run's size. Hand-written rather than `plotters`: see ARCHITECTURE.md
//! ("Charts") for the measured wasm cost that decided it.
//!
//! Every word comes from the caller (`ChartText`, already translated); numbers and times are
//! formatted here, language-neutral.

use super::charts::{RunCharts, STATUSES};
use crate::engine::simulation::TransportSlot;
use std::fmt::Write as _;

pub const WIDTH: u32 = 640;
pub const HEIGHT: u32 = 260;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 36.0;

/// Fill colours of `STATUSES` (Active, Scheduled, Suspended resumable, Suspended not resumable,
/// Completed, Terminated): distinct in hue and lightness for colour-blind readers.
pub const STATUS_COLORS: [&str; 6] = ["#1f77b4", "#9ecae1", "#ff7f0e", "#d62728", "#2ca02c", "#7f7f7f"];
/// Most legend entries drawn in the row above a plot; more go to wrapped rows under it.
const LEGEND_ABOVE: usize = 4;
/// Line colours of endpoint series, cycled.
pub const SERIES_COLORS: [&str; 8] =
    ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

/// Translated words of the charts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartText {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// Names of `STATUSES`.
    pub statuses: [String; 6],
    /// "primary", "backup".
    pub primary: String,
    pub backup: String,
    /// Legend words: "attempts", "failures", "median", "p95", "max".
    pub attempts: String,
    pub failures: String,
    pub median: String,
    pub p95: String,
    pub max: String,
    /// Shown in an empty chart.
    pub empty: String,
    /// Overlay legend: "A" and "B" run names.
    pub run_a: String,
    pub run_b: String,
    /// Column headings of the data tables and CSV files.
    pub time: String,
    pub address: String,
    pub transport: String,
    pub port: String,
    pub instances: String,
    pub completed: String,
    pub suspended: String,
}

/// Escapes text for SVG/XML.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Elapsed simulated time, short: `45s`, `1.5s`, `250ms` (under a second: a tenth of a second would
/// read `0.0s` for a 20 ms bin), `12:30` (m:ss), `2:05:00` (h:mm:ss), `3d 02:00`.
pub fn short_time(ms: u64) -> String {
    let s = ms / 1000;
    let (d, h, m, sec) = (s / 86_400, (s / 3600) % 24, (s / 60) % 60, s % 60);
    if d > 0 {
        format!("{d}d {h:02}:{m:02}")
    } else if h > 0 {
        format!("{h}:{m:02}:{sec:02}")
    } else if m > 0 {
        format!("{m}:{sec:02}")
    } else if ms > 0 && ms < 1000 {
        format!("{ms}ms")
    } else if !ms.is_multiple_of(1000) && ms < 10_000 {
        format!("{:.1}s", ms as f64 / 1000.0)
    } else {
        format!("{sec}s")
    }
}

/// A round upper bound for an axis (1, 2, 5 × 10^k).
fn nice_max(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * p >= v {
            return m * p;
        }
    }
    10.0 * p
}

fn fmt_count(v: f64) -> String {
    if v >= 1_000_000.0 {
        format!("{:.1}M", v / 1_000_000.0)
    } else if v >= 10_000.0 {
        format!("{:.0}k", v / 1000.0)
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Plot area geometry.
struct Frame {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Frame {
    fn new() -> Frame {
        Frame { x0: LEFT, x1: WIDTH as f64 - RIGHT, y0: TOP, y1: HEIGHT as f64 - BOTTOM }
    }
    fn x(&self, frac: f64) -> f64 {
        self.x0 + frac * (self.x1 - self.x0)
    }
    fn y(&self, frac: f64) -> f64 {
        self.y1 - frac * (self.y1 - self.y0)
    }
}

fn open(out: &mut String, text: &ChartText) {
    open_sized(out, text, HEIGHT);
}

/// `open` for a chart taller than `HEIGHT` (the plot keeps its place; rows are added below it).
fn open_sized(out: &mut String, text: &ChartText, height: u32) {
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-label="{t}" font-family="sans-serif" font-size="11"><title>{t}</title><rect width="100%" height="100%" fill="#fff"/><text x="{LEFT}" y="16" font-size="13" font-weight="bold">{t}</text>"##,
        t = esc(&text.title)
    );
}

/// Axes with 3 y ticks (0, half, max) and x ticks at 0, ½ and the end.
fn axes(out: &mut String, f: &Frame, y_max: f64, end_ms: u64, text: &ChartText) {
    for k in 0..=2 {
        let frac = k as f64 / 2.0;
        let y = f.y(frac);
        let _ = write!(
            out,
            r##"<line x1="{:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            f.x0,
            f.x1,
            f.x0 - 4.0,
            y + 4.0,
            fmt_count(y_max * frac)
        );
        let x = f.x(frac);
        let label = short_time((end_ms as f64 * frac) as u64);
        let anchor = ["start", "middle", "end"][k];
        let _ = write!(out, r##"<text x="{x:.1}" y="{:.1}" text-anchor="{anchor}">{label}</text>"##, f.y1 + 14.0);
    }
    let _ = write!(
        out,
        r##"<line x1="{x0:.1}" x2="{x1:.1}" y1="{y1:.1}" y2="{y1:.1}" stroke="#333"/><line x1="{x0:.1}" x2="{x0:.1}" y1="{y0:.1}" y2="{y1:.1}" stroke="#333"/><text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text transform="translate(12 {:.1}) rotate(-90)" text-anchor="middle">{}</text>"##,
        (f.x0 + f.x1) / 2.0,
        HEIGHT as f64 - 6.0,
        esc(&text.x_label),
        (f.y0 + f.y1) / 2.0,
        esc(&text.y_label),
        x0 = f.x0,
        x1 = f.x1,
        y0 = f.y0,
        y1 = f.y1,
    );
}

fn legend(out: &mut String, items: &[(String, &str, bool)]) {
    // Right-aligned row above the plot.
    let mut x = WIDTH as f64 - RIGHT;
    for (name, color, dashed) in items.iter().rev() {
        x -= legend_item_width(name);
        legend_entry(out, x, 22.0, name, color, *dashed);
    }
}

/// One legend entry at (`x`, `y`): a swatch (dashed when the flag says so) and a name.
fn legend_entry(out: &mut String, x: f64, y: f64, name: &str, color: &str, dashed: bool) {
    let dash = if dashed { r#" stroke-dasharray="4 2""# } else { "" };
    let _ = write!(
        out,
        r##"<line x1="{x:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="{color}" stroke-width="4"{dash}/><text x="{:.1}" y="{:.1}">{}</text>"##,
        x + 14.0,
        x + 18.0,
        y + 4.0,
        esc(name)
    );
}

/// Width of one legend entry (swatch, gap, name) at the charts' 11 px font.
fn legend_item_width(name: &str) -> f64 {
    8.0 + 6.2 * name.chars().count() as f64 + 18.0
}

/// Row of the wrapped legend (0-based) of each item, placed left to right from `LEFT`.
fn legend_rows(items: &[(String, &str, bool)]) -> Vec<usize> {
    let (mut row, mut x) = (0, LEFT);
    items
        .iter()
        .map(|(name, _, _)| {
            let w = legend_item_width(name);
            if x > LEFT && x + w > WIDTH as f64 - RIGHT {
                row += 1;
                x = LEFT;
            }
            x += w;
            row
        })
        .collect()
}

/// Height of a line of the wrapped legend.
const LEGEND_ROW: f64 = 16.0;

/// A legend for more entries than fit the row above the plot: every entry, in rows under the
/// x-axis label (the SVG is `HEIGHT` plus the rows).
fn wrapped_legend(out: &mut String, items: &[(String, &str, bool)], rows: &[usize]) {
    let mut x = LEFT;
    let mut current = 0;
    for ((name, color, dashed), &row) in items.iter().zip(rows) {
        if row != current {
            current = row;
            x = LEFT;
        }
        legend_entry(out, x, HEIGHT as f64 + LEGEND_ROW * row as f64 + 4.0, name, color, *dashed);
        x += legend_item_width(name);
    }
}

/// The attempts chart's legend entries: "address (primary|backup)", the series' colour, dashed for backup.
fn attempts_legend_items<'a>(c: &RunCharts, text: &ChartText) -> Vec<(String, &'a str, bool)> {
    c.endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let backup = e.transport == TransportSlot::Backup;
            let slot = if backup { &text.backup } else { &text.primary };
            (format!("{} ({slot})", e.address), SERIES_COLORS[i % SERIES_COLORS.len()], backup)
        })
        .collect()
}

/// Instances over simulated time by status, stacked (one polygon per status).
pub fn status_chart(c: &RunCharts, text: &ChartText) -> String {
    let mut out = String::with_capacity(16 * 1024);
    open(&mut out, text);
    let f = Frame::new();
    let bins = c.bins();
    let peak = c.status.iter().map(|b| b.iter().sum::<u64>()).max().unwrap_or(0) as f64;
    let y_max = nice_max(peak);
    axes(&mut out, &f, y_max, c.end_ms, text);
    let xs: Vec<f64> =
        (0..bins).map(|k| f.x(if c.end_ms == 0 { 1.0 } else { c.sample_ms(k) as f64 / c.end_ms as f64 })).collect();
    let mut below = vec![0u64; bins];
    for (s, color) in STATUS_COLORS.iter().enumerate() {
        if c.status.iter().all(|b| b[s] == 0) {
            continue;
        }
        let mut pts = String::new();
        for k in 0..bins {
            let _ = write!(pts, "{:.1},{:.1} ", xs[k], f.y((below[k] + c.status[k][s]) as f64 / y_max));
        }
        for k in (0..bins).rev() {
            let _ = write!(pts, "{:.1},{:.1} ", xs[k], f.y(below[k] as f64 / y_max));
        }
        let _ = write!(out, r##"<polygon points="{}" fill="{color}" stroke="none"/>"##, pts.trim_end());
        for (b, bin) in below.iter_mut().zip(&c.status) {
            *b += bin[s];
        }
    }
    let items: Vec<(String, &str, bool)> = STATUSES
        .iter()
        .enumerate()
        .filter(|(s, _)| c.status.iter().any(|b| b[*s] > 0))
        .map(|(s, _)| (text.statuses[s].clone(), STATUS_COLORS[s], false))
        .collect();
    legend(&mut out, &items);
    if peak == 0.0 {
        empty(&mut out, &f, text);
    }
    out.push_str("</svg>");
    out
}

fn empty(out: &mut String, f: &Frame, text: &ChartText) {
    let _ = write!(
        out,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
        (f.x0 + f.x1) / 2.0,
        (f.y0 + f.y1) / 2.0,
        esc(&text.empty)
    );
}

fn polyline(out: &mut String, f: &Frame, c: &RunCharts, values: &[u32], y_max: f64, color: &str, style: &str) {
    let mut pts = String::new();
    for (k, &v) in values.iter().enumerate() {
        let x = f.x(if c.end_ms == 0 { 1.0 } else { c.sample_ms(k) as f64 / c.end_ms as f64 });
        let _ = write!(pts, "{x:.1},{:.1} ", f.y(v as f64 / y_max));
    }
    let _ = write!(out, r##"<polyline points="{}" fill="none" stroke="{color}"{style}/>"##, pts.trim_end());
}

/// Attempts per bin per endpoint address and transport: a line per series (backup dashed), the
/// failures of the series as a thin line with square marks where a bin had failures.
///
/// Every series is named in the legend: up to `LEGEND_ABOVE` in the row above the plot, more in
/// wrapped rows under it (the line colours cycle through `SERIES_COLORS`; the data table beside
/// the chart has every figure).
pub fn attempts_chart(c: &RunCharts, text: &ChartText) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let items = attempts_legend_items(c, text);
    let rows = if items.len() > LEGEND_ABOVE { legend_rows(&items) } else { Vec::new() };
    let extra = rows.last().map_or(0.0, |&r| LEGEND_ROW * (r + 1) as f64 + 4.0);
    open_sized(&mut out, text, HEIGHT + extra as u32);
    let f = Frame::new();
    let peak = c.endpoints.iter().flat_map(|e| e.attempts.iter()).copied().max().unwrap_or(0) as f64;
    let y_max = nice_max(peak);
    axes(&mut out, &f, y_max, c.end_ms, text);
    for (i, e) in c.endpoints.iter().enumerate() {
        let color = SERIES_COLORS[i % SERIES_COLORS.len()];
        let backup = e.transport == TransportSlot::Backup;
        let dash = if backup { r#" stroke-width="2" stroke-dasharray="5 3""# } else { r#" stroke-width="2""# };
        polyline(&mut out, &f, c, &e.attempts, y_max, color, dash);
        if e.total_failures > 0 {
            polyline(&mut out, &f, c, &e.failures, y_max, color, r#" stroke-width="1" stroke-opacity="0.7""#);
            for (k, &v) in e.failures.iter().enumerate().filter(|(_, &v)| v > 0) {
                let x = f.x(if c.end_ms == 0 { 1.0 } else { c.sample_ms(k) as f64 / c.end_ms as f64 });
                let _ = write!(
                    out,
                    r##"<rect x="{:.1}" y="{:.1}" width="4" height="4" fill="{color}" stroke="#000" stroke-width="0.5"/>"##,
                    x - 2.0,
                    f.y(v as f64 / y_max) - 2.0
                );
            }
        }
    }
    if rows.is_empty() {
        legend(&mut out, &items);
    } else {
        wrapped_legend(&mut out, &items, &rows);
    }
    if peak == 0.0 {
        empty(&mut out, &f, text);
    }
    out.push_str("</svg>");
    out
}

/// Publish → completion per port: a row per port, a line from 0 to max, a bar from median to
/// p95, a dot at the median.
pub fn delivery_chart(c: &RunCharts, text: &ChartText) -> String {
    let mut out = String::with_capacity(8 * 1024);
    open(&mut out, text);
    let rows: Vec<_> = c.ports.iter().filter_map(|p| p.delivery.map(|q| (p.name.as_str(), q))).collect();
    let max = rows.iter().map(|(_, q)| q.max_ms).max().unwrap_or(0);
    let f = Frame { x0: 150.0, ..Frame::new() };
    let scale = |v: u64| f.x(if max == 0 { 0.0 } else { v as f64 / max as f64 });
    for k in 0..=2 {
        let x = f.x(k as f64 / 2.0);
        let anchor = ["start", "middle", "end"][k];
        let _ = write!(
            out,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{:.1}" y2="{:.1}" stroke="#ddd"/><text x="{x:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"##,
            f.y0,
            f.y1,
            f.y1 + 14.0,
            short_time(max * k as u64 / 2)
        );
    }
    let _ = write!(
        out,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
        (f.x0 + f.x1) / 2.0,
        HEIGHT as f64 - 6.0,
        esc(&text.x_label)
    );
    let n = rows.len().max(1) as f64;
    let step = ((f.y1 - f.y0) / n).min(28.0);
    for (i, (name, q)) in rows.iter().enumerate() {
        let y = f.y0 + step * (i as f64 + 0.5);
        let label: String = name.chars().take(22).collect();
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><line x1="{:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#555"/><rect x="{:.1}" y="{:.1}" width="{:.1}" height="10" fill="#ff7f0e"/><circle cx="{:.1}" cy="{y:.1}" r="4" fill="#1f77b4"/><line x1="{mx:.1}" x2="{mx:.1}" y1="{:.1}" y2="{:.1}" stroke="#d62728" stroke-width="2"/>"##,
            f.x0 - 6.0,
            y + 4.0,
            esc(&label),
            scale(0),
            scale(q.max_ms),
            scale(q.median_ms),
            y - 5.0,
            (scale(q.p95_ms) - scale(q.median_ms)).max(1.0),
            scale(q.median_ms),
            y - 7.0,
            y + 7.0,
            mx = scale(q.max_ms),
        );
    }
    legend(
        &mut out,
        &[
            (text.median.clone(), "#1f77b4", false),
            (text.p95.clone(), "#ff7f0e", false),
            (text.max.clone(), "#d62728", false),
        ],
    );
    if rows.is_empty() {
        empty(&mut out, &f, text);
    }
    out.push_str("</svg>");
    out
}

/// A small line of `values` (the per-port table's sparkline), `aria-hidden`: the row's numbers say it.
pub fn sparkline(values: &[u32]) -> String {
    let (w, h) = (96.0, 20.0);
    let max = values.iter().copied().max().unwrap_or(0).max(1) as f64;
    let n = values.len().max(2) as f64 - 1.0;
    let mut pts = String::new();
    for (k, &v) in values.iter().enumerate() {
        let _ = write!(pts, "{:.1},{:.1} ", k as f64 * w / n, h - 1.0 - v as f64 * (h - 2.0) / max);
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-hidden="true"><polyline points="{}" fill="none" stroke="#2ca02c" stroke-width="1.5"/></svg>"##,
        pts.trim_end()
    )
}

/// Two runs overlaid (Compare): per status of interest, A solid and B dashed.
pub fn overlay_chart(a: &RunCharts, b: &RunCharts, text: &ChartText) -> String {
    let mut out = String::with_capacity(16 * 1024);
    open(&mut out, text);
    let f = Frame::new();
    let end = a.end_ms.max(b.end_ms);
    let peak = a.status.iter().chain(&b.status).flat_map(|x| x.iter()).copied().max().unwrap_or(0) as f64;
    let y_max = nice_max(peak);
    axes(&mut out, &f, y_max, end, text);
    let mut items = Vec::new();
    for (s, color) in STATUS_COLORS.iter().enumerate() {
        let used = a.status.iter().chain(&b.status).any(|x| x[s] > 0);
        if !used {
            continue;
        }
        for (run, dashed) in [(a, false), (b, true)] {
            let mut pts = String::new();
            for k in 0..run.bins() {
                let x = f.x(if end == 0 { 1.0 } else { run.sample_ms(k) as f64 / end as f64 });
                let _ = write!(pts, "{x:.1},{:.1} ", f.y(run.status[k][s] as f64 / y_max));
            }
            let style = if dashed { r#" stroke-dasharray="6 3""# } else { "" };
            let _ = write!(
                out,
                r##"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2"{style}/>"##,
                pts.trim_end()
            );
        }
        items.push((text.statuses[s].clone(), *color, false));
    }
    items.push((text.run_a.clone(), "#333", false));
    items.push((text.run_b.clone(), "#333", true));
    legend(&mut out, &items);
    if peak == 0.0 {
        empty(&mut out, &f, text);
    }
    out.push_str("</svg>");
    out
}

/// A sweep figure across the values of one axis: the mean as a line with points, the 95 % band
/// as a shaded area (`None` = no value for that cell).
pub fn sweep_chart(labels: &[String], stats: &[Option<super::sweep::Stat>], text: &ChartText) -> String {
    let mut out = String::with_capacity(4 * 1024);
    open(&mut out, text);
    let f = Frame::new();
    let peak = stats.iter().flatten().map(|s| s.high.max(s.mean)).fold(0.0f64, f64::max);
    let y_max = nice_max(peak);
    for k in 0..=2 {
        let frac = k as f64 / 2.0;
        let y = f.y(frac);
        let v = y_max * frac;
        let label = if y_max <= 1.0 { format!("{v:.2}") } else { fmt_count(v) };
        let _ = write!(
            out,
            r##"<line x1="{:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{label}</text>"##,
            f.x0,
            f.x1,
            f.x0 - 4.0,
            y + 4.0
        );
    }
    let n = labels.len().max(1);
    let x = |i: usize| if n == 1 { f.x(0.5) } else { f.x(i as f64 / (n - 1) as f64) };
    let step = (n / 12).max(1);
    for (i, label) in labels.iter().enumerate().filter(|(i, _)| i % step == 0 || *i + 1 == n) {
        let short: String = label.chars().take(10).collect();
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            x(i),
            f.y1 + 14.0,
            esc(&short)
        );
    }
    let _ = write!(
        out,
        r##"<line x1="{x0:.1}" x2="{x1:.1}" y1="{y1:.1}" y2="{y1:.1}" stroke="#333"/><line x1="{x0:.1}" x2="{x0:.1}" y1="{y0:.1}" y2="{y1:.1}" stroke="#333"/><text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text transform="translate(12 {:.1}) rotate(-90)" text-anchor="middle">{}</text>"##,
        (f.x0 + f.x1) / 2.0,
        HEIGHT as f64 - 6.0,
        esc(&text.x_label),
        (f.y0 + f.y1) / 2.0,
        esc(&text.y_label),
        x0 = f.x0,
        x1 = f.x1,
        y0 = f.y0,
        y1 = f.y1,
    );
    let pts: Vec<(usize, super::sweep::Stat)> =
        stats.iter().enumerate().filter_map(|(i, s)| s.map(|s| (i, s))).collect();
    if pts.len() > 1 {
        let mut band = String::new();
        for (i, s) in &pts {
            let _ = write!(band, "{:.1},{:.1} ", x(*i), f.y(s.high.max(0.0) / y_max));
        }
        for (i, s) in pts.iter().rev() {
            let _ = write!(band, "{:.1},{:.1} ", x(*i), f.y(s.low.max(0.0) / y_max));
        }
        let _ =
            write!(out, r##"<polygon points="{}" fill="#1f77b4" fill-opacity="0.2" stroke="none"/>"##, band.trim_end());
        let line: Vec<String> = pts.iter().map(|(i, s)| format!("{:.1},{:.1}", x(*i), f.y(s.mean / y_max))).collect();
        let _ =
            write!(out, r##"<polyline points="{}" fill="none" stroke="#1f77b4" stroke-width="2"/>"##, line.join(" "));
    }
    for (i, s) in &pts {
        let _ = write!(out, r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="#1f77b4"/>"##, x(*i), f.y(s.mean / y_max));
    }
    if pts.is_empty() {
        empty(&mut out, &f, text);
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_times() {
        assert_eq!(short_time(45_000), "45s");
        assert_eq!(short_time(750_000), "12:30");
        assert_eq!(short_time(7_500_000), "2:05:00");
        assert_eq!(short_time(86_400_000 + 7_200_000), "1d 02:00");
        assert_eq!(short_time(1_500), "1.5s");
        assert_eq!(short_time(20), "20ms");
        assert_eq!(short_time(0), "0s");
    }

    fn endpoint(i: usize) -> super::super::charts::EndpointSeries {
        super::super::charts::EndpointSeries {
            address: format!("out/{i}"),
            transport: if i % 3 == 2 { TransportSlot::Backup } else { TransportSlot::Primary },
            attempts: vec![1, 2, 3],
            failures: vec![0, 1, 0],
            total_attempts: 6,
            total_failures: 1,
        }
    }

    #[test]
    fn every_endpoint_series_is_named_in_the_attempts_legend() {
        let text = ChartText { primary: "primary".into(), backup: "backup".into(), ..ChartText::default() };
        let mut c = RunCharts {
            end_ms: 3_000,
            bin_ms: 1_000,
            status: vec![[0; 6]; 3],
            endpoints: (0..4).map(endpoint).collect(),
            ports: Vec::new(),
            delivery_bucket_ms: 1_000,
            attempts: 24,
        };
        // Four series fit the row above the plot: the chart keeps its size.
        let few = attempts_chart(&c, &text);
        assert!(few.contains(&format!(r#"height="{HEIGHT}""#)), "{few}");
        for i in 0..4 {
            assert!(few.contains(&format!(">out/{i} (")), "series {i} missing: {few}");
        }
        // Fourteen (the 1M bench's endpoints): every one is named, in rows under the plot.
        c.endpoints = (0..14).map(endpoint).collect();
        let many = attempts_chart(&c, &text);
        for i in 0..14 {
            let slot = if i % 3 == 2 { "backup" } else { "primary" };
            assert!(many.contains(&format!(">out/{i} ({slot})</text>")), "series {i} missing: {many}");
        }
        let rows = legend_rows(&attempts_legend_items(&c, &text)).last().copied().unwrap_or(0) + 1;
        assert!(rows >= 2, "14 names need more than one row");
        let height = HEIGHT + (LEGEND_ROW * rows as f64 + 4.0) as u32;
        assert!(
            many.contains(&format!(r#"viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}""#)),
            "{many}"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc(r#"a<b & "c"'"#), "a&lt;b &amp; &quot;c&quot;&#39;");
    }
}
