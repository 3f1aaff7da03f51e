//! The light embed's timeline, drawn with `web-sys`: the same content as the full page's Timeline
//! component — both draw `components::timeline_frame::Frame` — for the selected instance (lanes
//! Primary / Backup, §6 attempts, §5/§8 marks and waits) or the whole run (one lane per send port,
//! bins and a density strip at scale, counted a slice per frame: issue 9 §7).
//!
//! The section is built once; each render updates its texts and replaces the plot's SVG markup
//! (only when it changed). Clicks on the plot are read from the shape under the pointer
//! (`data-i` = index of the frame's shape, `data-lane` = an aggregated lane).
//!
//! ```text
//!  TlMsg (button, key, wheel, click, toggle, resize, count tick) ─update─▶ view state
//!  render(sim) ─▶ Layout ─▶ RunBins ─▶ Frame ─▶ texts + svg markup (+ next counting slice)
//! ```

use super::dom::{clear, el, listen, set_attr, set_text, show_text, El};
use super::mount::{dispatch, Msg};
use crate::analysis::svg::esc as escape;
use crate::engine::simulation::Simulation;
use crate::i18n::{t, Lang};
use crate::ui::components::observe_util::Scale;
use crate::ui::components::timeline_frame::{
    legend, px, Frame, FrameInput, Layout, Mode, Shape, ZoomKey, AXIS_H, BAR_H, BIN_CLASSES, COUNT_SLICE_MS, DEFAULT_W,
    DENSITY_H, LANE_H, MIN_HIT,
};
use crate::ui::components::timeline_lanes::RunBins;
use crate::ui::embed::state::EmbedAction;
use crate::ui::slice_budget::throttled_version;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// What the timeline's controls ask for.
pub enum TlMsg {
    Mode(Mode),
    /// Zoom buttons: factor (> 1 zooms in).
    Zoom(f64),
    /// Earlier / Later: a fraction of the plot.
    Pan(f64),
    Fit,
    Key(String),
    Wheel {
        ctrl: bool,
        shift: bool,
        delta_y: f64,
        x: f64,
    },
    /// A click on shape `i` of the frame.
    Shape(usize),
    /// A click on aggregated lane `lane` at `x` px from the plot's left edge.
    Lane(usize, f64),
    ListToggled(bool),
    /// The window was resized, or the next slice of the whole-run count is due.
    Redraw,
}

/// The keys the plot answers (the page does not scroll on them).
fn is_plot_key(key: &str) -> bool {
    matches!(key, "+" | "=" | "-" | "_" | "ArrowLeft" | "ArrowRight" | "0" | "Home")
}

pub struct TimelineView {
    modes: [Element; 2],
    heading: Element,
    plot: Element,
    picked: Element,
    counting: Element,
    bins_note: Element,
    density_summary: Element,
    merged: Element,
    capped: Element,
    summary: Element,
    list: Element,
    list_more: Element,
    section: Element,
    // The view's own state, as the full page's component keeps it in hooks.
    mode: Mode,
    zoom: Option<(ZoomKey, Scale)>,
    width: f64,
    /// Whether the plot was measured before a drawing (the first render measures it first).
    measured: bool,
    list_open: bool,
    picked_text: Option<String>,
    run_bins: RunBins,
    last_count: (f64, u64),
    counter: Option<Timeout>,
    frame: Option<Frame>,
    svg: String,
}

fn button(text: &str, msg: impl Fn() -> TlMsg + 'static) -> Option<El> {
    Some(el("button")?.attr("type", "button").text(text).on("click", move |_| dispatch(Msg::Timeline(msg()))))
}

/// The plot's x of a pointer event (from the plot's left edge, gutter included).
fn plot_x(plot: &Element, e: &web_sys::MouseEvent) -> f64 {
    f64::from(e.client_x()) - plot.get_bounding_client_rect().left()
}

impl TimelineView {
    /// Builds the section (inside the embed's wrapper `<div class="embed-timeline">`).
    pub fn build(lang: Lang) -> Option<(El, TimelineView)> {
        let modes = [
            button(t(lang, "obs.tl.mode_instance"), || TlMsg::Mode(Mode::Instance))?,
            button(t(lang, "obs.tl.mode_run"), || TlMsg::Mode(Mode::Run))?,
        ];
        let zoom = el("span")?
            .class("tl-zoom")
            .child(&button(t(lang, "obs.tl.zoom_in"), || TlMsg::Zoom(1.5))?)
            .child(&button(t(lang, "obs.tl.zoom_out"), || TlMsg::Zoom(1.0 / 1.5))?)
            .child(&button(t(lang, "obs.tl.fit"), || TlMsg::Fit)?)
            .child(&button(t(lang, "obs.tl.earlier"), || TlMsg::Pan(-0.25))?)
            .child(&button(t(lang, "obs.tl.later"), || TlMsg::Pan(0.25))?);
        let toolbar = el("div")?
            .class("tl-toolbar")
            .attr("role", "toolbar")
            .attr("aria-label", t(lang, "obs.tl.toolbar"))
            .child(&el("span")?.class("tl-modes").child(&modes[0]).child(&modes[1]))
            .child(&zoom);
        let heading = el("p")?.class("tl-heading");
        let plot = el("div")?
            .class("tl-plot")
            .attr("tabindex", "0")
            .attr("role", "group")
            .attr("aria-label", t(lang, "obs.tl.plot"))
            .attr("aria-describedby", "obs-tl-help");
        {
            let p = plot.0.clone();
            listen(&plot.0, "click", move |e| {
                let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
                let Some(me) = e.dyn_ref::<web_sys::MouseEvent>() else { return };
                let index = |name: &str| {
                    let hit = target.closest(&format!("[{name}]")).ok().flatten()?;
                    hit.get_attribute(name)?.parse::<usize>().ok()
                };
                if let Some(i) = index("data-i") {
                    dispatch(Msg::Timeline(TlMsg::Shape(i)));
                } else if let Some(lane) = index("data-lane") {
                    dispatch(Msg::Timeline(TlMsg::Lane(lane, plot_x(&p, me))));
                }
            });
            listen(&plot.0, "keydown", |e| {
                let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                let key = k.key();
                if is_plot_key(&key) {
                    e.prevent_default();
                    dispatch(Msg::Timeline(TlMsg::Key(key)));
                }
            });
            let p = plot.0.clone();
            listen(&plot.0, "wheel", move |e| {
                let Some(w) = e.dyn_ref::<web_sys::WheelEvent>() else { return };
                let (ctrl, shift, delta_y) = (w.ctrl_key(), w.shift_key(), w.delta_y());
                if ctrl || (shift && delta_y != 0.0) {
                    e.prevent_default();
                    dispatch(Msg::Timeline(TlMsg::Wheel { ctrl, shift, delta_y, x: plot_x(&p, w) }));
                }
            });
        }
        let picked = el("p")?.class("tl-picked").attr("aria-live", "polite").attr("hidden", "");
        let counting = el("p")?.class("tl-counting").attr("role", "status").attr("hidden", "");
        let bins_note = el("p")?.class("tl-bins-note").attr("hidden", "");
        let density_summary = el("p")?.class("tl-density-summary").attr("hidden", "");
        let merged = el("span")?;
        let capped = el("strong")?;
        let help = el("p")?
            .attr("id", "obs-tl-help")
            .class("tl-help")
            .text(t(lang, "obs.tl.help"))
            .child(&merged)
            .child(&capped);
        let mut legend_p = el("p")?.class("tl-legend");
        for (class, glyph, label) in legend(lang) {
            let item = el("span")?
                .class(if class.is_empty() { "legend".to_string() } else { format!("legend {class}") }.as_str())
                .child(&el("span")?.attr("aria-hidden", "true").text(glyph));
            let _ = item.0.append_with_str_1(label);
            legend_p = legend_p.child(&item);
        }
        let summary = el("summary")?;
        let list = el("ol")?;
        let list_more = el("p")?.attr("hidden", "");
        let details = el("details")?.class("tl-list").child(&summary).child(&list).child(&list_more);
        {
            let d = details.0.clone();
            listen(&details.0, "toggle", move |_| {
                let open = d.has_attribute("open");
                dispatch(Msg::Timeline(TlMsg::ListToggled(open)));
            });
        }
        let section = el("section")?
            .class("obs-timeline")
            .attr("aria-labelledby", "obs-tl-title")
            .child(&el("h2")?.attr("id", "obs-tl-title").text(t(lang, "obs.tl.title")))
            .child(&toolbar)
            .child(&heading)
            .child(&plot)
            .child(&picked)
            .child(&counting)
            .child(&bins_note)
            .child(&density_summary)
            .child(&help)
            .child(&legend_p)
            .child(&details);
        let view = TimelineView {
            modes: [modes[0].0.clone(), modes[1].0.clone()],
            heading: heading.0,
            plot: plot.0,
            picked: picked.0,
            counting: counting.0,
            bins_note: bins_note.0,
            density_summary: density_summary.0,
            merged: merged.0,
            capped: capped.0,
            summary: summary.0,
            list: list.0,
            list_more: list_more.0,
            section: section.0.clone(),
            mode: Mode::Instance,
            zoom: None,
            width: DEFAULT_W,
            measured: false,
            list_open: false,
            picked_text: None,
            run_bins: RunBins::default(),
            last_count: (0.0, 0),
            counter: None,
            frame: None,
            svg: String::new(),
        };
        Some((section, view))
    }

    /// Applies a control; what the embed's state must do too (a click selects its instance).
    pub fn update(&mut self, msg: TlMsg) -> Option<EmbedAction> {
        let layout = self.frame.as_ref().map(|f| f.layout);
        let set_zoom = |zoom: &mut Option<(ZoomKey, Scale)>, s: Option<Scale>| {
            if let Some(l) = layout {
                *zoom = s.map(|s| (l.key, s));
            }
        };
        match msg {
            TlMsg::Mode(m) => self.mode = m,
            TlMsg::Zoom(f) => set_zoom(&mut self.zoom, layout.map(|l| l.zoom_by(f))),
            TlMsg::Pan(f) => set_zoom(&mut self.zoom, layout.map(|l| l.pan_by(f))),
            TlMsg::Fit => set_zoom(&mut self.zoom, None),
            TlMsg::Key(k) => {
                if let Some(next) = layout.and_then(|l| l.on_key(&k)) {
                    set_zoom(&mut self.zoom, next);
                }
            }
            TlMsg::Wheel { ctrl, shift, delta_y, x } => {
                if let Some(s) = layout.and_then(|l| l.on_wheel(ctrl, shift, delta_y, x)) {
                    set_zoom(&mut self.zoom, Some(s));
                }
            }
            TlMsg::Shape(i) => {
                let (instance, detail) = match self.frame.as_ref()?.shapes.get(i)? {
                    Shape::Bar { instance, detail, .. } | Shape::Mark { instance, detail, .. } => (*instance, detail),
                    Shape::Wait { .. } => return None,
                };
                self.picked_text = Some(detail.clone());
                return Some(EmbedAction::SelectInstance(Some(instance)));
            }
            TlMsg::Lane(lane, x) => {
                let (sentence, fit) = self.frame.as_ref()?.lane_click(lane, x)?;
                if sentence.is_some() {
                    self.picked_text = sentence;
                }
                set_zoom(&mut self.zoom, Some(fit));
            }
            TlMsg::ListToggled(open) => self.list_open = open,
            TlMsg::Redraw => {}
        }
        None
    }

    /// Draws the timeline of `sim` (its `version`), measuring the plot's width afterwards and
    /// drawing again when it changed. The first time, the empty plot is measured before drawing:
    /// the first paint draws the timeline once instead of twice (issue 14 §4).
    pub fn render(
        &mut self,
        sim: &Rc<RefCell<Simulation>>,
        version: u64,
        lang: Lang,
        selected: Option<u64>,
        running: bool,
    ) {
        if !self.measured {
            self.measured = true;
            let w = f64::from(self.plot.client_width());
            if w > 0.0 {
                self.width = w;
            }
        }
        for _ in 0..2 {
            self.draw(sim, version, lang, selected, running);
            let w = f64::from(self.plot.client_width());
            if w <= 0.0 || w == self.width {
                break;
            }
            self.width = w;
        }
    }

    fn draw(
        &mut self,
        sim_rc: &Rc<RefCell<Simulation>>,
        version: u64,
        lang: Lang,
        selected: Option<u64>,
        running: bool,
    ) {
        let sim = sim_rc.borrow();
        let info = selected.and_then(|id| sim.instance_info(id));
        let layout = Layout::new(info.as_ref(), sim.now(), selected, self.mode, self.zoom, self.width);
        // The whole run is recounted at most twice a second while a run moves it (issue 9 §7).
        let bins_version = throttled_version(&mut self.last_count, version, running);
        let key = layout.bins_key(Rc::as_ptr(sim_rc) as usize, bins_version);
        let (bins, counting) = if layout.show_instance {
            (None, None)
        } else {
            self.run_bins.current(&sim, key, layout.lo, layout.hi, COUNT_SLICE_MS)
        };
        let input = FrameInput {
            lang,
            layout,
            info: info.as_ref(),
            selected,
            has_why: false,
            list_open: self.list_open,
            bins,
            counting,
        };
        let frame = Frame::build(&sim, input);
        drop(sim);
        // While counting, the next slice after this frame.
        self.counter = counting.map(|_| Timeout::new(0, || dispatch(Msg::Timeline(TlMsg::Redraw))));
        set_attr(&self.section, "data-busy", counting.map(|_| "true"));
        let pressed = |on: bool| Some(if on { "true" } else { "false" });
        set_attr(&self.modes[0], "aria-pressed", pressed(layout.show_instance));
        set_attr(&self.modes[0], "disabled", selected.is_none().then_some(""));
        set_attr(&self.modes[1], "aria-pressed", pressed(!layout.show_instance));
        set_text(&self.heading, &frame.heading);
        let svg = svg_markup(&frame);
        if svg != self.svg {
            self.plot.set_inner_html(&svg);
            self.svg = svg;
        }
        show_text(&self.picked, None);
        if let Some(text) = &self.picked_text {
            self.show_picked(lang, text);
        }
        show_text(&self.counting, frame.counting.as_deref());
        show_text(&self.bins_note, frame.bins_note.as_deref());
        show_text(&self.density_summary, frame.density_summary.as_deref());
        let merged = frame.merged.as_ref().map(|m| format!(" {m}")).unwrap_or_default();
        set_text(&self.merged, &format!("{merged}{}", if frame.capped.is_some() { " " } else { "" }));
        set_text(&self.capped, frame.capped.as_deref().unwrap_or(""));
        set_text(&self.summary, &frame.list_summary);
        clear(&self.list);
        for line in &frame.list {
            if let Some(li) = el("li") {
                let _ = self.list.append_child(&li.text(line).0);
            }
        }
        show_text(&self.list_more, frame.list_more.as_deref());
        self.frame = Some(frame);
    }

    /// "Selected: …" under the plot, with the clicked item's sentence.
    fn show_picked(&self, lang: Lang, text: &str) {
        clear(&self.picked);
        set_attr(&self.picked, "hidden", None);
        if let Some(strong) = el("strong") {
            let _ = self.picked.append_child(&strong.text(t(lang, "tl.picked")).0);
        }
        let _ = self.picked.append_with_str_1(&format!(" {text}"));
    }
}

/// The plot's SVG: lanes, ticks, density strip, "now" cursor, aggregated bins, then the shapes.
fn svg_markup(f: &Frame) -> String {
    let l = &f.layout;
    let (tw, h) = (l.total_w, f.height);
    let mut s = String::with_capacity(4096 + f.shapes.len() * 200);
    let _ = write!(
        s,
        r#"<svg width="{tw:.0}" height="{h:.0}" aria-hidden="true" focusable="false"><defs><pattern id="obs-tl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="tl-hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="tl-hatch-line"/></pattern></defs>"#
    );
    for lane in &f.lanes {
        let _ = write!(
            s,
            r#"<g class="tl-lane"><rect class="tl-lane-bg {}" x="0" y="{}" width="{tw:.0}" height="{LANE_H}"/><text class="tl-lane-label" x="6" y="{}">{}</text></g>"#,
            if lane.even { "even" } else { "odd" },
            px(lane.y),
            px(lane.y + LANE_H / 2.0 + 4.0),
            escape(&lane.label)
        );
    }
    for tk in &f.ticks {
        let x = l.label_w + tk.x;
        let _ = write!(
            s,
            r#"<g class="tl-tick"><line x1="{x:.1}" x2="{x:.1}" y1="{}" y2="{h:.0}"/><text x="{tx:.1}" y="14">{}</text><text class="tod" x="{tx:.1}" y="28">{}</text></g>"#,
            px(AXIS_H - 6.0),
            escape(&tk.elapsed),
            escape(&tk.time_of_day),
            tx = x + 3.0
        );
    }
    if let Some(d) = &f.density {
        let _ = write!(
            s,
            r#"<g class="tl-density"><rect class="tl-density-bg" x="{}" y="{}" width="{}" height="{DENSITY_H}"/><text class="tl-lane-label" x="6" y="{}">{}</text>"#,
            px(l.label_w),
            px(d.y0),
            px(l.plot_w),
            px(d.y0 + DENSITY_H / 2.0 + 4.0),
            escape(d.label)
        );
        for r in &d.rects {
            let _ = write!(
                s,
                r#"<rect class="tl-dens status-{}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/>"#,
                r.status, r.x, r.y, r.w, r.h
            );
        }
        s.push_str("</g>");
    }
    // The "now" cursor is drawn under the items: the run's last items stay visible.
    if let Some(x) = f.now_x {
        let _ = write!(s, r#"<line class="tl-now" x1="{x:.1}" x2="{x:.1}" y1="{}" y2="{h:.0}"/>"#, px(AXIS_H - 8.0));
    }
    if !f.bin_lanes.is_empty() {
        s.push_str(r#"<g class="tl-bins">"#);
        for (lane, b) in f.bin_lanes.iter().enumerate() {
            s.push_str(r#"<g class="tl-bin-lane">"#);
            for (class, d) in BIN_CLASSES.iter().zip(&b.paths) {
                let _ = write!(s, r#"<path class="{class}" d="{d}"/>"#);
            }
            let _ = write!(
                s,
                r#"<rect class="tl-bin-hit" data-lane="{lane}" x="{}" y="{}" width="{}" height="{LANE_H}"/></g>"#,
                px(l.label_w),
                px(b.top),
                px(l.plot_w)
            );
        }
        s.push_str("</g>");
    }
    for (i, shape) in f.shapes.iter().enumerate() {
        match shape {
            Shape::Bar { class, glyph, x, y, w, glyph_at, title, .. } => {
                let _ = write!(
                    s,
                    r#"<g class="{class}" data-i="{i}"><title>{}</title><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{BAR_H}" rx="2"/>"#,
                    escape(title)
                );
                if let Some((gx, gy)) = glyph_at {
                    let _ = write!(
                        s,
                        r#"<text x="{gx:.1}" y="{gy:.1}" text-anchor="middle" aria-hidden="true">{glyph}</text>"#
                    );
                }
                s.push_str("</g>");
            }
            Shape::Wait { class, x1, x2, y, title } => {
                let _ = write!(
                    s,
                    r#"<line class="{class}" x1="{x1:.1}" x2="{x2:.1}" y1="{y:.1}" y2="{y:.1}"><title>{}</title></line>"#,
                    escape(title)
                );
            }
            Shape::Mark { kind, x, y_text, y1, y2, hit_top, hit_h, glyph, title, .. } => {
                let _ = write!(
                    s,
                    r#"<g class="tl-mark tl-mark-{kind}" data-i="{i}"><title>{}</title><rect class="tl-hit" x="{:.1}" y="{hit_top:.1}" width="{:.1}" height="{hit_h:.1}"/><line x1="{x:.1}" x2="{x:.1}" y1="{y1:.1}" y2="{y2:.1}"/><text x="{x:.1}" y="{y_text:.1}" text-anchor="middle" aria-hidden="true">{glyph}</text></g>"#,
                    escape(title),
                    x - MIN_HIT / 2.0 - 1.0,
                    MIN_HIT + 2.0
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}
