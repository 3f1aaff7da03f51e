//! What the timeline shows, computed once for both of its views — the full page's Yew component
//! (`timeline.rs`) and the light embed's DOM view (`ui::embed_dom::timeline`): the layout (label
//! gutter, fitted or zoomed scale, the visible range), every shape of the plot with its position,
//! class, tooltip and the sentence a click shows, and every text around it. Pure (no DOM, no UI
//! framework), so both views draw the same thing and it is tested natively.
//!
//! For the selected instance: lanes Primary / Backup with one bar per transport attempt (§6) and
//! marks for retry waits, fail-over, suspension, resume, completion and service-window scheduling
//! (§5 Message Flow labels, §8); for the whole run, one lane per send port, drawn one instance at
//! a time when few are in view, else as bins (`timeline_bins`) with a density strip.
//!
//! ```text
//!  view state (mode, zoom, width) ─Layout::new─▶ Layout ─(bins of the whole run, if shown)─▶
//!  Frame::build ─▶ lanes, ticks, density, bins, shapes, texts ─▶ drawn by either view
//! ```

use super::observe_util::{format_both, group_thousands, status_icon, status_key, ticks, Scale, Tick};
use super::timeline_bins::{BinCount, Bins, DETAIL_MAX};
use super::timeline_items::{instance_span, mark_glyph, push_instance_items, Collector, Item, MAX_ITEMS};
use super::timeline_lanes::{bin_line, BinsKey};
use crate::engine::simulation::{InstanceInfo, InstanceStatus, Simulation, TransportSlot};
use crate::engine::time::{format_time_of_day, ClockOfDay, SimTime};
use crate::i18n::{t, tf, tn, Lang};
use std::rc::Rc;

/// Width of the lane-label gutter, in pixels (narrower on small screens).
pub const LABEL_W_WIDE: f64 = 104.0;
pub const LABEL_W_NARROW: f64 = 64.0;
pub const AXIS_H: f64 = 38.0;
pub const MARK_ROW_H: f64 = 22.0;
pub const LANE_H: f64 = 30.0;
pub const BAR_H: f64 = 18.0;
/// The smallest width of a bar and of a mark's click target (issue 11 #7: hit targets ≥ 8 px).
pub const MIN_HIT: f64 = 8.0;
/// Room kept right of the fitted range, so the run's last items never sit under the "now" cursor
/// or against the edge.
pub const RIGHT_PAD: f64 = 28.0;
/// Height of the whole-run density strip.
pub const DENSITY_H: f64 = 26.0;
/// Pixels per density bin and per bin of the aggregated whole-run lanes.
pub const DENSITY_BIN_PX: f64 = 5.0;
/// Real milliseconds of counting per frame while the whole-run view is being built (issue 9 §7).
pub const COUNT_SLICE_MS: f64 = 24.0;
/// From this many instances, the whole-run view shows the density strip even without overlaps.
pub const DENSITY_FROM: usize = 200;
/// At most this many entries in the text alternative.
pub const MAX_LIST: usize = 500;
/// The plot's width before it was measured.
pub const DEFAULT_W: f64 = 800.0;
/// The mark kinds the legend explains, in its order.
pub const LEGEND_MARKS: [&str; 5] = ["failover", "suspended", "resumed", "scheduled", "completed"];

/// Bins across a plot `plot_w` pixels wide.
pub fn bin_count(plot_w: f64) -> usize {
    ((plot_w / DENSITY_BIN_PX) as usize).max(1)
}

/// A coordinate as the SVG attributes write it.
pub fn px(v: f64) -> String {
    format!("{v:.1}")
}

/// Which timeline is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Instance,
    Run,
}

/// The view a zoom was made for: a zoom applies only to it.
pub type ZoomKey = (Mode, Option<u64>);

/// Where things go for one render: the gutter, the plot and its scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub show_instance: bool,
    pub key: ZoomKey,
    pub label_w: f64,
    pub total_w: f64,
    pub plot_w: f64,
    pub scale: Scale,
    /// The visible range in milliseconds.
    pub lo: f64,
    pub hi: f64,
}

impl Layout {
    /// With nothing selected the whole run shows, whatever mode was chosen; the user's zoom holds
    /// only for the view it was made for, otherwise the view's span is fitted.
    pub fn new(
        info: Option<&InstanceInfo>,
        now: SimTime,
        selected: Option<u64>,
        mode: Mode,
        zoom: Option<(ZoomKey, Scale)>,
        width: f64,
    ) -> Layout {
        let show_instance = mode == Mode::Instance && info.is_some();
        let label_w = if width < 560.0 { LABEL_W_NARROW } else { LABEL_W_WIDE };
        let total_w = width.max(label_w + 100.0);
        let plot_w = total_w - label_w;
        let key = if show_instance { (Mode::Instance, selected) } else { (Mode::Run, None) };
        let (fit_from, fit_to) = match (show_instance, info) {
            (true, Some(info)) => instance_span(info, now),
            _ => (0, now.as_ms()),
        };
        let scale = match zoom {
            Some((k, s)) if k == key => s,
            _ => Scale::fit(fit_from, fit_to, (plot_w - RIGHT_PAD).max(40.0)),
        };
        Layout { show_instance, key, label_w, total_w, plot_w, scale, lo: scale.start_ms, hi: scale.end_ms(plot_w) }
    }

    /// What a whole-run pass for this layout is made for.
    pub fn bins_key(&self, sim_ptr: usize, version: u64) -> BinsKey {
        (sim_ptr, version, self.lo.to_bits(), self.hi.to_bits(), bin_count(self.plot_w))
    }

    /// The zoom buttons: `factor` > 1 zooms in around the middle.
    pub fn zoom_by(&self, factor: f64) -> Scale {
        self.scale.zoom(factor, self.plot_w / 2.0)
    }

    /// Earlier / Later: pans by a fraction of the plot.
    pub fn pan_by(&self, fraction: f64) -> Scale {
        self.scale.pan(self.plot_w * fraction)
    }

    /// The plot's keys: `+`/`-` zoom, arrows pan, `0`/Home fit. `Some(None)` = fit, `None` = not a
    /// timeline key.
    pub fn on_key(&self, key: &str) -> Option<Option<Scale>> {
        match key {
            "+" | "=" => Some(Some(self.zoom_by(1.5))),
            "-" | "_" => Some(Some(self.zoom_by(1.0 / 1.5))),
            "ArrowLeft" => Some(Some(self.pan_by(-0.2))),
            "ArrowRight" => Some(Some(self.pan_by(0.2))),
            "0" | "Home" => Some(None),
            _ => None,
        }
    }

    /// The wheel over the plot: Ctrl zooms around the pointer (`x` from the plot's left edge,
    /// gutter included), Shift pans; else the page scrolls (`None`).
    pub fn on_wheel(&self, ctrl: bool, shift: bool, delta_y: f64, x: f64) -> Option<Scale> {
        if ctrl {
            let anchor = (x - self.label_w).clamp(0.0, self.plot_w);
            Some(self.scale.zoom(if delta_y < 0.0 { 1.25 } else { 0.8 }, anchor))
        } else if shift && delta_y != 0.0 {
            Some(self.scale.pan(delta_y))
        } else {
            None
        }
    }

    /// The x of a time in the SVG (gutter included).
    pub fn x_of(&self, ms: f64) -> f64 {
        self.label_w + self.scale.x_of(ms)
    }
}

/// One shape of the plot, positioned, with what a click on it selects and says.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A transport attempt (§6): `glyph_at` is where its ✓/✗/… goes when the bar is wide enough.
    Bar {
        class: &'static str,
        glyph: &'static str,
        x: f64,
        y: f64,
        w: f64,
        glyph_at: Option<(f64, f64)>,
        title: String,
        instance: u64,
        detail: String,
    },
    /// A retry wait (§6) or a service-window wait (§8): a line with its sentence as tooltip.
    Wait { class: &'static str, x1: f64, x2: f64, y: f64, title: String },
    /// A mark (§5): its line, glyph and click target (the glyph only, never the bars under it).
    Mark {
        kind: &'static str,
        x: f64,
        y_text: f64,
        y1: f64,
        y2: f64,
        hit_top: f64,
        hit_h: f64,
        glyph: &'static str,
        title: String,
        instance: u64,
        detail: String,
    },
}

/// One lane's row: its background and (shortened) label.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneRow {
    pub y: f64,
    pub label: String,
    pub even: bool,
}

/// One rectangle of the density strip: the status it counts (a CSS class suffix) and where.
#[derive(Debug, Clone, PartialEq)]
pub struct DensityRect {
    pub status: &'static str,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The density strip: its top, its label and rectangles.
#[derive(Debug, Clone, PartialEq)]
pub struct DensityDraw {
    pub y0: f64,
    pub label: &'static str,
    pub rects: Vec<DensityRect>,
}

/// One port's aggregated lane: one SVG path per part (OK, failed, in flight, suspended) and the top
/// of its click target (the plot's width, `LANE_H` high).
#[derive(Debug, Clone, PartialEq)]
pub struct BinLane {
    pub top: f64,
    pub paths: [String; 4],
}

/// The class of each path of a `BinLane`, in order.
pub const BIN_CLASSES: [&str; 4] = ["tl-bin ok", "tl-bin failed", "tl-bin inflight", "tl-bin suspended"];

/// Everything the timeline draws for one render.
pub struct Frame {
    pub layout: Layout,
    pub height: f64,
    pub lanes: Vec<LaneRow>,
    pub ticks: Vec<Tick>,
    pub density: Option<DensityDraw>,
    /// The "now" cursor, when in view.
    pub now_x: Option<f64>,
    pub bin_lanes: Vec<BinLane>,
    /// In drawing order: waits under bars, bars under marks (so clicks reach the bars).
    pub shapes: Vec<Shape>,
    pub heading: String,
    pub counting: Option<String>,
    pub bins_note: Option<String>,
    pub density_summary: Option<String>,
    pub merged: Option<String>,
    pub capped: Option<String>,
    pub list_summary: String,
    /// The text alternative (only built while it is open), at most `MAX_LIST` entries.
    pub list: Vec<String>,
    pub list_more: Option<String>,
    /// The aggregated bins drawn, if any (a click on a lane reads them).
    pub aggregated: Option<Rc<Bins>>,
    /// Lane names in full (the bins' sentences name the port).
    pub lane_names: Vec<String>,
    pub start_clock: ClockOfDay,
    pub lang: Lang,
}

/// What `Frame::build` reads besides the simulation.
pub struct FrameInput<'a> {
    pub lang: Lang,
    pub layout: Layout,
    pub info: Option<&'a InstanceInfo>,
    pub selected: Option<u64>,
    /// Whether the page has a Why? view (issue 11 #10: the embed has none).
    pub has_why: bool,
    pub list_open: bool,
    /// The whole run's bins (complete or the last complete ones) and the counting progress.
    pub bins: Option<Rc<Bins>>,
    pub counting: Option<(usize, usize)>,
}

impl Frame {
    pub fn build(sim: &Simulation, input: FrameInput) -> Frame {
        let FrameInput { lang, layout: l, info, selected, has_why, list_open, bins, counting } = input;
        let now = sim.now();
        let start_clock = sim.scenario().start_clock;
        let show_instance = l.show_instance;
        let lane_names: Vec<String> = if show_instance {
            vec![t(lang, "obs.tl.primary").to_string(), t(lang, "obs.tl.backup").to_string()]
        } else {
            sim.scenario().ports.iter().map(|p| p.name.clone()).collect()
        };
        let aggregated = bins.as_ref().filter(|b| !b.detailed()).cloned();
        let mut collector = Collector::new(l.lo, l.hi, (!show_instance).then_some(2.0 * l.scale.ms_per_px));
        if show_instance {
            if let Some(info) = info {
                push_instance_items(&mut collector, info, now, None, lang);
            }
        } else if let Some(b) = bins.as_ref().filter(|b| b.detailed()) {
            // Few instances in view: only theirs are built (none of the others').
            for &id in &b.in_view {
                if let (Some(row), Some(info)) = (sim.instance_row(id), sim.instance_info(id)) {
                    push_instance_items(&mut collector, &info, now, Some(row.port as usize), lang);
                }
            }
        }
        let Collector { items, hidden, merged, .. } = collector;
        // Where items overlap (merged, capped or counted in bins) or there are many, the whole run
        // gets a density strip.
        let density = bins
            .as_ref()
            .filter(|b| aggregated.is_some() || merged > 0 || hidden > 0 || b.in_view_count >= DENSITY_FROM)
            .map(|b| &b.density);
        let density_h = if density.is_some() { DENSITY_H + 4.0 } else { 0.0 };
        let top = AXIS_H + density_h + if show_instance { MARK_ROW_H } else { 0.0 };
        let height = top + LANE_H * lane_names.len().max(1) as f64 + 6.0;
        let lane_y = |lane: usize| top + LANE_H * lane as f64;
        let max_chars = if l.label_w < LABEL_W_WIDE { 8 } else { 14 };
        let lanes = lane_names
            .iter()
            .enumerate()
            .map(|(i, name)| LaneRow { y: lane_y(i), label: shorten(name, max_chars), even: i % 2 == 0 })
            .collect();
        // Every tick drawn is labelled (issue 11 #7): a tick whose label would run off the right
        // edge is not drawn at all, so the last tick shown has its label.
        let ticks = ticks(&l.scale, l.plot_w, 110.0, start_clock)
            .into_iter()
            .filter(|tk| {
                let chars = tk.elapsed.chars().count().max(tk.time_of_day.chars().count()) as f64;
                tk.x + 3.0 + chars * 6.6 <= l.plot_w
            })
            .collect();
        let now_x = Some(l.x_of(now.as_ms() as f64)).filter(|x| *x >= l.label_w && *x <= l.total_w);

        let line = |item: &Item| item_line(lang, start_clock, item);
        let mut shapes = Vec::with_capacity(items.len());
        for layer in 0..3u8 {
            for item in &items {
                let in_layer = match item {
                    Item::Wait { .. } => 0,
                    Item::Bar { .. } => 1,
                    Item::Mark { .. } => 2,
                };
                if in_layer != layer {
                    continue;
                }
                shapes.push(match item {
                    Item::Bar { lane, start, end, ok, instance, slot, label } => {
                        // At least MIN_HIT px wide (a click target), kept inside the plot.
                        let x = l.x_of(*start as f64).max(l.label_w - 2.0).min(l.total_w - MIN_HIT);
                        let w = (l.x_of(*end as f64) - x).max(MIN_HIT).min(l.total_w - x);
                        let y = lane_y(*lane) + (LANE_H - BAR_H) / 2.0;
                        let (class, glyph) = match ok {
                            Some(true) => ("tl-bar ok", "✓"),
                            Some(false) => ("tl-bar failed", "✗"),
                            None => ("tl-bar inflight", "…"),
                        };
                        let title = format!(
                            "{label} — {} {} — {} → {}",
                            slot_label(lang, *slot),
                            outcome_label(lang, *ok),
                            format_both(SimTime(*start), start_clock),
                            format_both(SimTime(*end), start_clock)
                        );
                        let glyph_at = (w >= 12.0).then(|| (x + w.min(24.0) / 2.0, y + BAR_H - 5.0));
                        Shape::Bar { class, glyph, x, y, w, glyph_at, title, instance: *instance, detail: line(item) }
                    }
                    Item::Wait { lane, from, to, scheduled, .. } => Shape::Wait {
                        class: if *scheduled { "tl-wait scheduled" } else { "tl-wait" },
                        x1: l.x_of(*from as f64).max(l.label_w),
                        x2: l.x_of(*to as f64).min(l.total_w),
                        y: lane_y(*lane) + LANE_H / 2.0,
                        title: line(item),
                    },
                    Item::Mark { lane, at, kind, text, nth, instance } => {
                        let x = (l.x_of(*at as f64) + 11.0 * (*nth).min(3) as f64).min(l.total_w - MIN_HIT / 2.0);
                        let (y_text, y1, y2) = match lane {
                            Some(n) => (lane_y(*n) + 12.0, lane_y(*n) + 2.0, lane_y(*n) + LANE_H - 2.0),
                            None => (AXIS_H + density_h + 15.0, AXIS_H + density_h + MARK_ROW_H - 2.0, height - 6.0),
                        };
                        let (hit_top, hit_h) = match lane {
                            Some(n) => (lane_y(*n), MIN_HIT + 2.0),
                            None => (AXIS_H + density_h + 2.0, MARK_ROW_H - 4.0),
                        };
                        Shape::Mark {
                            kind,
                            x,
                            y_text,
                            y1,
                            y2,
                            hit_top,
                            hit_h,
                            glyph: mark_glyph(kind),
                            title: format!("{} — {text}", format_both(SimTime(*at), start_clock)),
                            instance: *instance,
                            detail: line(item),
                        }
                    }
                });
            }
        }

        let density_draw = density.map(|d| {
            let y0 = AXIS_H + 2.0;
            let w = (DENSITY_BIN_PX - 0.5).max(1.0);
            let mut rects = Vec::new();
            for i in 0..d.bins.len() {
                let x = l.x_of(d.lo + d.bin_ms * i as f64);
                for (s, from_bottom, h) in d.segments(i, DENSITY_H - 2.0) {
                    let y = y0 + DENSITY_H - 1.0 - from_bottom - h;
                    rects.push(DensityRect { status: InstanceStatus::ALL[s].code(), x, y, w, h });
                }
            }
            DensityDraw { y0, label: t(lang, "tl.density_lane"), rects }
        });
        let density_summary = density.and_then(|d| {
            let (i, counts) = d.busiest()?;
            let from = d.lo + d.bin_ms * i as f64;
            let parts: Vec<String> = counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(s, n)| {
                    format!("{} {}", t(lang, status_key(InstanceStatus::ALL[s])), group_thousands(u64::from(*n), lang))
                })
                .collect();
            Some(tf(
                lang,
                "tl.density_summary",
                &[
                    ("count", &group_thousands(d.total(), lang)),
                    ("from", &format_both(SimTime(from as u64), start_clock)),
                    ("to", &format_both(SimTime((from + d.bin_ms) as u64), start_clock)),
                    ("busiest", &group_thousands(u64::from(counts.iter().sum::<u32>()), lang)),
                    ("parts", &parts.join(", ")),
                ],
            ))
        });
        let bin_lanes = aggregated.as_ref().map(|b| bin_lanes(b, &l, top)).unwrap_or_default();
        let bins_note = aggregated.as_ref().map(|b| {
            tf(
                lang,
                "tl.bins_note",
                &[
                    ("count", &group_thousands(b.in_view_count as u64, lang)),
                    ("max", &group_thousands(DETAIL_MAX as u64, lang)),
                ],
            )
        });
        let counting = counting.map(|(done, all)| {
            let percent = (done * 100).checked_div(all).unwrap_or(100);
            tf(lang, "tl.counting", &[("percent", &percent.to_string())])
        });
        // The text alternative: the aggregated bins in words, else the items in time order.
        let bin_lines: Vec<(usize, usize, BinCount)> = aggregated
            .as_ref()
            .map(|b| {
                b.lanes
                    .iter()
                    .enumerate()
                    .flat_map(|(lane, bins)| {
                        bins.iter().enumerate().filter(|(_, c)| !c.is_empty()).map(move |(i, c)| (lane, i, *c))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let list_len = if aggregated.is_some() { bin_lines.len() } else { items.len() };
        let mut list = Vec::new();
        if list_open {
            if let Some(b) = &aggregated {
                list.extend(
                    bin_lines
                        .iter()
                        .take(MAX_LIST)
                        .map(|(lane, i, c)| bin_line(lang, &lane_names, start_clock, b, *lane, *i, c)),
                );
            } else {
                let mut sorted: Vec<&Item> = items.iter().collect();
                crate::engine::sort_key::sort_by_u64_key(&mut sorted, |i| i.time());
                list.extend(sorted.iter().take(MAX_LIST).map(|i| line(i)));
            }
        }
        let heading = match (show_instance, info) {
            (true, Some(info)) => instance_summary(lang, info),
            (true, None) => t(lang, "obs.tl.whole_run").to_string(),
            (false, _) if selected.is_none() && has_why => t(lang, "obs.tl.no_selection").to_string(),
            (false, _) if selected.is_none() => t(lang, "obs.tl.no_selection_embed").to_string(),
            (false, _) => t(lang, "obs.tl.whole_run").to_string(),
        };
        Frame {
            layout: l,
            height,
            lanes,
            ticks,
            density: density_draw,
            now_x,
            bin_lanes,
            shapes,
            heading,
            counting,
            bins_note,
            density_summary,
            merged: (merged > 0)
                .then(|| tf(lang, "obs.tl.merged", &[("count", &group_thousands(merged as u64, lang))])),
            capped: (hidden > 0).then(|| {
                tf(
                    lang,
                    "obs.tl.capped",
                    &[
                        ("shown", &group_thousands(MAX_ITEMS as u64, lang)),
                        ("more", &group_thousands(hidden as u64, lang)),
                    ],
                )
            }),
            list_summary: tn(lang, "obs.tl.list_summary", list_len as u64, &[]),
            list,
            list_more: (list_open && list_len > MAX_LIST)
                .then(|| tf(lang, "obs.tl.list_more", &[("more", &(list_len - MAX_LIST).to_string())])),
            aggregated,
            lane_names,
            start_clock,
            lang,
        }
    }

    /// A click on aggregated lane `lane` at `x` (from the plot's left edge, gutter included):
    /// the sentence of the bin under the pointer (if it holds anything) and the scale that zooms to
    /// that bin; `None` off the bins.
    pub fn lane_click(&self, lane: usize, x: f64) -> Option<(Option<String>, Scale)> {
        let b = self.aggregated.as_ref()?;
        let l = &self.layout;
        let i = b.bin_at(l.scale.t_of(x - l.label_w))?;
        let (from, to) = b.bin_range(i);
        let sentence = b
            .lanes
            .get(lane)
            .and_then(|bins| bins.get(i))
            .map(|c| bin_line(self.lang, &self.lane_names, self.start_clock, b, lane, i, c));
        let fit = Scale::fit(from.max(0.0) as u64, to.max(0.0).ceil() as u64, (l.plot_w - RIGHT_PAD).max(40.0));
        Some((sentence, fit))
    }
}

/// Each port's bins as paths: one stacked column per bin (height = attempts on a square-root scale;
/// §6 OK / failed / in flight) and an orange tick where instances were suspended or terminated
/// (§5). A lane is one click target, so a 1,000,000-instance run draws a few paths per lane.
fn bin_lanes(b: &Bins, l: &Layout, top: f64) -> Vec<BinLane> {
    let max = f64::from(b.max_attempts().max(1));
    let room = LANE_H - 6.0;
    let w = (b.bin_ms / l.scale.ms_per_px - 1.0).max(1.0);
    b.lanes
        .iter()
        .enumerate()
        .map(|(lane, bins)| {
            let lane_top = top + LANE_H * lane as f64;
            let base = lane_top + LANE_H - 3.0;
            let mut paths = [String::new(), String::new(), String::new(), String::new()];
            for (i, c) in bins.iter().enumerate() {
                if c.is_empty() {
                    continue;
                }
                let x = l.x_of(b.lo + b.bin_ms * i as f64);
                if x + w < l.label_w || x > l.total_w {
                    continue;
                }
                let total = f64::from(c.attempts());
                let h = if total > 0.0 { ((total / max).sqrt() * room).max(2.0) } else { 0.0 };
                let mut y = base;
                for (k, part) in [c.ok, c.failed, c.in_flight].into_iter().enumerate() {
                    if part > 0 {
                        let ph = (h * f64::from(part) / total).max(1.0);
                        y -= ph;
                        paths[k].push_str(&format!("M{x:.1} {y:.1}h{w:.1}v{ph:.1}h{:.1}z", -w));
                    }
                }
                if c.suspended > 0 {
                    paths[3].push_str(&format!("M{x:.1} {:.1}h{w:.1}v3h{:.1}z", lane_top + 1.0, -w));
                }
            }
            BinLane { top: lane_top, paths }
        })
        .collect()
}

fn slot_label(lang: Lang, slot: TransportSlot) -> &'static str {
    match slot {
        TransportSlot::Primary => t(lang, "obs.tl.primary"),
        TransportSlot::Backup => t(lang, "obs.tl.backup"),
    }
}

fn outcome_label(lang: Lang, ok: Option<bool>) -> &'static str {
    match ok {
        Some(true) => t(lang, "obs.tl.ok"),
        Some(false) => t(lang, "obs.tl.failed"),
        None => t(lang, "obs.tl.in_transmission"),
    }
}

/// One sentence per item: the text list, the tooltips' source and the clicked item's detail.
pub fn item_line(lang: Lang, start_clock: ClockOfDay, item: &Item) -> String {
    match item {
        Item::Bar { start, end, ok, slot, label, .. } => tf(
            lang,
            "obs.tl.list_attempt",
            &[
                ("start", &format_both(SimTime(*start), start_clock)),
                ("end", &format_time_of_day(SimTime(*end), start_clock)),
                ("what", label),
                ("slot", slot_label(lang, *slot)),
                ("outcome", outcome_label(lang, *ok)),
            ],
        ),
        Item::Wait { from, to, scheduled, .. } => tf(
            lang,
            if *scheduled { "obs.tl.window_wait" } else { "obs.tl.retry_wait" },
            &[("from", &format_both(SimTime(*from), start_clock)), ("to", &format_both(SimTime(*to), start_clock))],
        ),
        Item::Mark { at, kind, text, .. } => {
            format!("{} {} {text}", format_both(SimTime(*at), start_clock), mark_glyph(kind))
        }
    }
}

/// The legend under the plot: (class suffix, glyph, label) — OK, failed, the two waits, then the
/// marks of `LEGEND_MARKS`.
pub fn legend(lang: Lang) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut out = vec![
        ("ok", "✓", t(lang, "obs.tl.ok")),
        ("failed", "✗", t(lang, "obs.tl.failed")),
        ("wait", "┄", t(lang, "obs.tl.legend_wait")),
        ("window", "┈", t(lang, "obs.tl.legend_window")),
    ];
    out.extend(LEGEND_MARKS.iter().map(|k| ("", mark_glyph(k), mark_name(lang, k))));
    out
}

fn mark_name(lang: Lang, kind: &str) -> &'static str {
    match kind {
        "failover" => t(lang, "obs.tl.mark.failover"),
        "suspended" => t(lang, "obs.tl.mark.suspended"),
        "resumed" => t(lang, "obs.tl.mark.resumed"),
        "scheduled" => t(lang, "obs.tl.mark.scheduled"),
        "completed" => t(lang, "obs.tl.mark.completed"),
        _ => "",
    }
}

/// `M1 on SP_A via SPG — ‖ Suspended (resumable)` for the selected instance.
fn instance_summary(lang: Lang, info: &InstanceInfo) -> String {
    let place = match &info.via {
        Some(g) => tf(lang, "obs.tl.instance_via", &[("message", &info.message), ("port", &info.port), ("group", g)]),
        None => tf(lang, "obs.tl.instance", &[("message", &info.message), ("port", &info.port)]),
    };
    format!("{place} — {} {}", status_icon(info.status), t(lang, status_key(info.status)))
}

/// Cuts a lane label to `max` characters with an ellipsis.
pub fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::scenario::load_spec;

    fn finished(preset: &str) -> Simulation {
        let json = crate::presets::by_id(preset).map(|p| p.json()).unwrap_or_default();
        let (_, scenario) = load_spec(json).unwrap_or_else(|e| panic!("{preset}: {e:?}"));
        let mut sim = Simulation::new(&scenario);
        sim.run_to_end();
        sim
    }

    #[test]
    fn the_selected_instance_gets_two_lanes_and_a_bar_per_attempt_with_its_sentence() {
        let sim = finished("backup_transport");
        // The instance with the most attempts (the preset's message that fails over to its backup).
        let info = (0..64).filter_map(|id| sim.instance_info(id)).max_by_key(|i| i.attempts.len());
        let Some(info) = info else { panic!("no instance") };
        assert!(info.attempts.len() > 1);
        let l = Layout::new(Some(&info), sim.now(), Some(info.id), Mode::Instance, None, 900.0);
        assert!(l.show_instance && l.label_w == LABEL_W_WIDE);
        let input = FrameInput {
            lang: Lang::En,
            layout: l,
            info: Some(&info),
            selected: Some(info.id),
            has_why: false,
            list_open: true,
            bins: None,
            counting: None,
        };
        let f = Frame::build(&sim, input);
        assert_eq!(f.lanes.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(), ["Primary", "Backup"]);
        let bars = f.shapes.iter().filter(|s| matches!(s, Shape::Bar { .. })).count();
        assert_eq!(bars, info.attempts.len(), "one bar per transport attempt");
        // Waits come first, marks last (clicks reach the bars).
        let order: Vec<u8> = f
            .shapes
            .iter()
            .map(|s| match s {
                Shape::Wait { .. } => 0,
                Shape::Bar { .. } => 1,
                Shape::Mark { .. } => 2,
            })
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
        assert_eq!(f.list.len(), f.shapes.len());
        assert!(f.heading.contains(&info.message));
        for s in &f.shapes {
            if let Shape::Bar { x, w, .. } = s {
                assert!(*x >= l.label_w - 2.0 && *w >= MIN_HIT && x + w <= l.total_w + 1e-9);
            }
        }
    }

    #[test]
    fn keys_zoom_pan_and_fit_and_the_narrow_gutter_shortens_labels() {
        let l = Layout::new(None, SimTime(60_000), None, Mode::Instance, None, 390.0);
        assert!(!l.show_instance, "nothing selected: the whole run");
        assert_eq!(l.label_w, LABEL_W_NARROW);
        let Some(Some(zoomed)) = l.on_key("+") else { panic!("+ zooms") };
        assert!(zoomed.ms_per_px < l.scale.ms_per_px);
        assert_eq!(l.on_key("Home"), Some(None));
        assert_eq!(l.on_key("x"), None);
        assert!(l.on_wheel(false, false, 10.0, 100.0).is_none());
        assert_eq!(shorten("SP_VeryLongPortName", 8), "SP_Very…");
        // A zoom made for another view does not apply.
        let other =
            Layout::new(None, SimTime(60_000), None, Mode::Run, Some(((Mode::Instance, Some(3)), zoomed)), 390.0);
        assert_eq!(other.scale, l.scale);
    }
}
