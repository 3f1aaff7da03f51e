//! The timeline: for the selected instance, lanes Primary / Backup with one bar per transport
//! attempt (§6) and markers for retry waits, fail-over, suspension, resume, completion and
//! service-window scheduling (§5 Message Flow labels, §8); for the whole run, one lane per send
//! port.
//!
//! The time axis zooms (buttons, `+`/`-` keys, Ctrl + wheel) and pans (buttons, arrow keys);
//! ticks show elapsed time and time of day. Only items intersecting the visible range are drawn,
//! at most `MAX_ITEMS` of them. A text list of the items in view is the accessible alternative.

use super::observe_util::{format_both, group_thousands, status_icon, status_key, ticks, Scale};
use crate::engine::simulation::{InstanceInfo, TimelineMark, TransportSlot};
use crate::engine::time::{format_time_of_day, SimTime};
use crate::i18n::{explain_text, t, tf, tn, Lang};
use crate::ui::contract::ObserveProps;
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Width of the lane-label gutter, in pixels (narrower on small screens).
const LABEL_W_WIDE: f64 = 104.0;
const LABEL_W_NARROW: f64 = 64.0;
const AXIS_H: f64 = 38.0;
const MARK_ROW_H: f64 = 22.0;
const LANE_H: f64 = 30.0;
const BAR_H: f64 = 18.0;
/// At most this many SVG items are drawn; a note says how many more are in view.
pub const MAX_ITEMS: usize = 1500;
/// At most this many entries in the text alternative.
const MAX_LIST: usize = 500;
const DEFAULT_W: f64 = 800.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Instance,
    Run,
}

/// One thing to draw.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Bar {
        lane: usize,
        start: u64,
        end: u64,
        ok: Option<bool>,
        instance: u64,
        slot: TransportSlot,
        label: String,
    },
    /// A wait: for a retry interval (§6) or, when `scheduled`, for a service window (§8).
    Wait {
        lane: usize,
        from: u64,
        to: u64,
        instance: u64,
        scheduled: bool,
    },
    /// `nth` = how many earlier marks of the same instance share this instant (drawn side by side).
    Mark {
        lane: Option<usize>,
        at: u64,
        kind: &'static str,
        text: String,
        instance: u64,
        nth: usize,
    },
}

impl Item {
    fn time(&self) -> u64 {
        match self {
            Item::Bar { start, .. } => *start,
            Item::Wait { from, .. } => *from,
            Item::Mark { at, .. } => *at,
        }
    }
}

/// The glyph of a timeline mark kind (a `TraceKind` code); text always accompanies it.
fn mark_glyph(kind: &str) -> &'static str {
    match kind {
        "created" => "●",
        "retry" => "↻",
        "failover" => "⇄",
        "suspended" => "‖",
        "resumed" => "↷",
        "completed" => "✔",
        "scheduled" => "◷",
        "terminated" => "✖",
        "routing-failure" => "⊘",
        _ => "•",
    }
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

/// The time span an instance covers: created .. its last attempt or mark, and up to now while it
/// is still Active or Scheduled (a suspended or final instance does not stretch with the clock).
fn instance_span(info: &InstanceInfo, now: SimTime) -> (u64, u64) {
    let from = info.created.as_ms();
    let live = !info.status.is_final() && !info.status.is_suspended();
    let mut to = if live { now.as_ms() } else { info.completed.map_or(from, |c| c.as_ms()) };
    for a in &info.attempts {
        to = to.max(a.end.unwrap_or(now).as_ms());
    }
    for m in &info.marks {
        to = to.max(m.at.as_ms());
    }
    (from, to.max(from))
}

/// Gathers the items to draw: only those intersecting `[lo, hi]`; in the whole-run view, items
/// that would cover the same pixels of a lane are merged (drawn once); at most `MAX_ITEMS`.
struct Collector {
    items: Vec<Item>,
    /// Distinct items left out by the cap.
    hidden: usize,
    /// Items drawn as one with an identical-looking item.
    merged: usize,
    lo: f64,
    hi: f64,
    /// Width of a merge bucket in milliseconds; `None` = no merging (instance view).
    bucket_ms: Option<f64>,
    seen: BTreeSet<(usize, i64, i64, u8)>,
}

impl Collector {
    fn new(lo: f64, hi: f64, bucket_ms: Option<f64>) -> Collector {
        Collector { items: Vec::new(), hidden: 0, merged: 0, lo, hi, bucket_ms, seen: BTreeSet::new() }
    }
    fn visible(&self, a: u64, b: u64) -> bool {
        (b as f64) >= self.lo && (a as f64) <= self.hi
    }
    fn push(&mut self, item: Item) {
        if let Some(b) = self.bucket_ms.filter(|b| *b > 0.0) {
            let bucket = |t: u64| ((t as f64 - self.lo) / b).floor() as i64;
            let key = match &item {
                Item::Bar { lane, start, end, ok, .. } => (*lane, bucket(*start), bucket(*end), ok.map_or(2, u8::from)),
                Item::Wait { lane, from, to, scheduled, .. } => {
                    (*lane, bucket(*from), bucket(*to), 3 + u8::from(*scheduled))
                }
                Item::Mark { lane, at, kind, .. } => (
                    lane.unwrap_or(usize::MAX),
                    bucket(*at),
                    0,
                    10 + kind.bytes().fold(0u8, |h, c| h.wrapping_mul(31).wrapping_add(c)) % 200,
                ),
            };
            if !self.seen.insert(key) {
                self.merged += 1;
                return;
            }
        }
        if self.items.len() < MAX_ITEMS {
            self.items.push(item);
        } else {
            self.hidden += 1;
        }
    }
}

/// Pushes an instance's visible items; `run_lane` = whole-run mode puts everything on that lane,
/// `None` = instance mode (Primary lane 0, Backup lane 1).
fn push_instance_items(out: &mut Collector, info: &InstanceInfo, now: SimTime, run_lane: Option<usize>, lang: Lang) {
    let mut previous: Option<(u64, Option<bool>, TransportSlot)> = None;
    for (n, a) in info.attempts.iter().enumerate() {
        let start = a.start.as_ms();
        let end = a.end.unwrap_or(now).as_ms().max(start);
        let lane = run_lane.unwrap_or(match a.transport {
            TransportSlot::Primary => 0,
            TransportSlot::Backup => 1,
        });
        if let Some((prev_end, Some(false), prev_slot)) = previous {
            if start > prev_end && prev_slot == a.transport && out.visible(prev_end, start) {
                out.push(Item::Wait { lane, from: prev_end, to: start, instance: info.id, scheduled: false });
            }
        }
        if out.visible(start, end) {
            out.push(Item::Bar {
                lane,
                start,
                end,
                ok: a.ok,
                instance: info.id,
                slot: a.transport,
                label: format!("{} #{} {}", info.message, n + 1, a.address),
            });
        }
        previous = Some((end, a.ok, a.transport));
    }
    let mut same_instant: (u64, usize) = (u64::MAX, 0);
    for m in &info.marks {
        let at = m.at.as_ms();
        // The whole-run view keeps only the marks that change an instance's fate.
        let keep =
            run_lane.is_none() || matches!(m.kind, "failover" | "suspended" | "resumed" | "scheduled" | "terminated");
        if !keep {
            continue;
        }
        same_instant = if same_instant.0 == at { (at, same_instant.1 + 1) } else { (at, 0) };
        if m.kind == "scheduled" {
            // §8: the instance waits for its service window until its next attempt starts.
            let until = info.attempts.iter().map(|a| a.start.as_ms()).find(|s| *s >= at).unwrap_or(now.as_ms());
            if until > at && out.visible(at, until) {
                out.push(Item::Wait {
                    lane: run_lane.unwrap_or(0),
                    from: at,
                    to: until,
                    instance: info.id,
                    scheduled: true,
                });
            }
        }
        if out.visible(at, at) {
            let nth = same_instant.1;
            out.push(Item::Mark { lane: run_lane, at, kind: m.kind, text: mark_text(lang, m), instance: info.id, nth });
        }
    }
}

/// A mark's sentence in `lang` (catalogue `explain.<code>` filled with its arguments), or the
/// engine's English text when the code has no complete template.
fn mark_text(lang: Lang, mark: &TimelineMark) -> String {
    explain_text(lang, mark.code, &mark.args).unwrap_or_else(|| mark.text.clone())
}

/// The timeline of the selected instance or of the whole run.
#[component(Timeline)]
pub fn timeline(props: &ObserveProps) -> Html {
    let lang = props.lang;
    let mode = use_state(|| Mode::Instance);
    // The user's zoom, valid only for the (mode, selection) it was made for; `None` = fit.
    let zoom = use_state(|| None::<((Mode, Option<u64>), Scale)>);
    let width = use_state_eq(|| DEFAULT_W);
    let list_open = use_state_eq(|| false);
    let plot_ref = use_node_ref();

    {
        let plot_ref = plot_ref.clone();
        let width = width.clone();
        use_effect(move || {
            if let Some(el) = plot_ref.cast::<web_sys::Element>() {
                let w = f64::from(el.client_width());
                if w > 0.0 {
                    width.set(w);
                }
            }
        });
    }
    {
        let plot_ref = plot_ref.clone();
        let width = width.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "resize", move |_| {
                    if let Some(el) = plot_ref.cast::<web_sys::Element>() {
                        width.set(f64::from(el.client_width()));
                    }
                })
            });
            move || drop(listener)
        });
    }

    let sim = props.view.sim.borrow();
    let now = sim.now();
    let start_clock = sim.scenario().start_clock;
    let selected_info = props.selected.and_then(|id| sim.instance_info(id));
    // With nothing selected the whole run shows, whatever mode was chosen.
    let effective_mode = if *mode == Mode::Instance && selected_info.is_some() { Mode::Instance } else { Mode::Run };
    let show_instance = effective_mode == Mode::Instance;

    let label_w = if *width < 560.0 { LABEL_W_NARROW } else { LABEL_W_WIDE };
    let total_w = (*width).max(label_w + 100.0);
    let plot_w = total_w - label_w;
    let key = (effective_mode, if show_instance { props.selected } else { None });
    let (fit_from, fit_to) = match (show_instance, selected_info.as_ref()) {
        (true, Some(info)) => instance_span(info, now),
        _ => (0, now.as_ms()),
    };
    let scale = match *zoom {
        Some((k, s)) if k == key => s,
        _ => Scale::fit(fit_from, fit_to, plot_w),
    };
    let lo = scale.start_ms;
    let hi = scale.end_ms(plot_w);

    let lanes: Vec<String> = if show_instance {
        vec![t(lang, "obs.tl.primary").to_string(), t(lang, "obs.tl.backup").to_string()]
    } else {
        sim.scenario().ports.iter().map(|p| p.name.clone()).collect()
    };
    let mut collector = Collector::new(lo, hi, (!show_instance).then_some(2.0 * scale.ms_per_px));
    if show_instance {
        if let Some(info) = &selected_info {
            push_instance_items(&mut collector, info, now, None, lang);
        }
    } else {
        // The page keeps no view per instance: only instances whose span (O(1) from the compact
        // state) meets the visible range are built, in creation order — none created after it.
        let (lo_t, hi_t) = (SimTime(lo.max(0.0).floor() as u64), SimTime(hi.max(0.0).ceil() as u64));
        for id in 1..=sim.instance_count() as u64 {
            let Some((from, to)) = sim.instance_span(id) else { break };
            if from > hi_t {
                break;
            }
            if to < lo_t {
                continue;
            }
            if let (Some(row), Some(info)) = (sim.instance_row(id), sim.instance_info(id)) {
                push_instance_items(&mut collector, &info, now, Some(row.port as usize), lang);
            }
        }
    }
    drop(sim);
    let Collector { items, hidden, merged, .. } = collector;

    let top = AXIS_H + if show_instance { MARK_ROW_H } else { 0.0 };
    let height = top + LANE_H * lanes.len().max(1) as f64 + 6.0;
    let x_of = |ms: u64| label_w + scale.x_of(ms as f64);
    let lane_y = |lane: usize| top + LANE_H * lane as f64;

    // Controls.
    let set_scale = {
        let zoom = zoom.clone();
        Callback::from(move |s: Option<Scale>| zoom.set(s.map(|s| (key, s))))
    };
    let zoom_by = |factor: f64| {
        let set_scale = set_scale.clone();
        Callback::from(move |_: MouseEvent| set_scale.emit(Some(scale.zoom(factor, plot_w / 2.0))))
    };
    let pan_by = |fraction: f64| {
        let set_scale = set_scale.clone();
        Callback::from(move |_: MouseEvent| set_scale.emit(Some(scale.pan(plot_w * fraction))))
    };
    let on_fit = {
        let set_scale = set_scale.clone();
        Callback::from(move |_: MouseEvent| set_scale.emit(None))
    };
    let on_key = {
        let set_scale = set_scale.clone();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "+" | "=" => Some(Some(scale.zoom(1.5, plot_w / 2.0))),
                "-" | "_" => Some(Some(scale.zoom(1.0 / 1.5, plot_w / 2.0))),
                "ArrowLeft" => Some(Some(scale.pan(-plot_w * 0.2))),
                "ArrowRight" => Some(Some(scale.pan(plot_w * 0.2))),
                "0" | "Home" => Some(None),
                _ => None,
            };
            if let Some(next) = next {
                e.prevent_default();
                set_scale.emit(next);
            }
        })
    };
    let on_wheel = {
        let set_scale = set_scale.clone();
        let plot_ref = plot_ref.clone();
        Callback::from(move |e: WheelEvent| {
            if e.ctrl_key() {
                e.prevent_default();
                let left =
                    plot_ref.cast::<web_sys::Element>().map(|el| el.get_bounding_client_rect().left()).unwrap_or(0.0);
                let anchor = (f64::from(e.client_x()) - left - label_w).clamp(0.0, plot_w);
                let factor = if e.delta_y() < 0.0 { 1.25 } else { 0.8 };
                set_scale.emit(Some(scale.zoom(factor, anchor)));
            } else if e.shift_key() && e.delta_y() != 0.0 {
                e.prevent_default();
                set_scale.emit(Some(scale.pan(e.delta_y())));
            }
        })
    };
    let set_mode = |m: Mode| {
        let mode = mode.clone();
        Callback::from(move |_: MouseEvent| mode.set(m))
    };
    let on_toggle = {
        let list_open = list_open.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target()
                .and_then(|t| js_sys::Reflect::get(t.unchecked_ref(), &"open".into()).ok())
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            list_open.set(open);
        })
    };
    let select = |id: u64| {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(Some(id)))
    };

    // Drawing.
    let tick_list = ticks(&scale, plot_w, 110.0, start_clock);
    // A label that would run off the right edge is left out (its tick line stays).
    let fits = |tk: &super::observe_util::Tick| {
        let chars = tk.elapsed.chars().count().max(tk.time_of_day.chars().count()) as f64;
        tk.x + 3.0 + chars * 6.6 <= plot_w
    };
    let now_x = x_of(now.as_ms());
    let draw = |item: &Item| -> Html {
        match item {
            Item::Bar { lane, start, end, ok, instance, slot, label } => {
                let x = x_of(*start).max(label_w - 2.0);
                let w = (x_of(*end) - x).max(4.0).min(total_w - x + 2.0);
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
                html! {
                    <g class={class} onclick={select(*instance)}>
                        <title>{ title }</title>
                        <rect x={format!("{x:.1}")} y={format!("{y:.1}")} width={format!("{w:.1}")} height={BAR_H.to_string()} rx="2" />
                        if w >= 12.0 {
                            <text x={format!("{:.1}", x + w.min(24.0) / 2.0)} y={format!("{:.1}", y + BAR_H - 5.0)} text-anchor="middle" aria-hidden="true">{ glyph }</text>
                        }
                    </g>
                }
            }
            Item::Wait { lane, from, to, scheduled, .. } => {
                let y = lane_y(*lane) + LANE_H / 2.0;
                let title = tf(
                    lang,
                    if *scheduled { "obs.tl.window_wait" } else { "obs.tl.retry_wait" },
                    &[
                        ("from", &format_both(SimTime(*from), start_clock)),
                        ("to", &format_both(SimTime(*to), start_clock)),
                    ],
                );
                html! {
                    <line class={if *scheduled { "tl-wait scheduled" } else { "tl-wait" }} x1={format!("{:.1}", x_of(*from).max(label_w))} x2={format!("{:.1}", x_of(*to).min(total_w))}
                        y1={format!("{y:.1}")} y2={format!("{y:.1}")}>
                        <title>{ title }</title>
                    </line>
                }
            }
            Item::Mark { lane, at, kind, text, nth, .. } => {
                let x = x_of(*at) + 11.0 * (*nth).min(3) as f64;
                let (y_text, y1, y2) = match lane {
                    Some(l) => (lane_y(*l) + 12.0, lane_y(*l) + 2.0, lane_y(*l) + LANE_H - 2.0),
                    None => (AXIS_H + 15.0, AXIS_H + MARK_ROW_H - 2.0, height - 6.0),
                };
                html! {
                    <g class={format!("tl-mark tl-mark-{kind}")}>
                        <title>{ format!("{} — {text}", format_both(SimTime(*at), start_clock)) }</title>
                        <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={format!("{y1:.1}")} y2={format!("{y2:.1}")} />
                        <text x={format!("{x:.1}")} y={format!("{y_text:.1}")} text-anchor="middle" aria-hidden="true">{ mark_glyph(kind) }</text>
                    </g>
                }
            }
        }
    };
    let list_entry = |item: &Item| -> Html {
        let line = match item {
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
        };
        html! { <li>{ line }</li> }
    };

    let heading = match (show_instance, selected_info_summary(props, lang)) {
        (true, Some(summary)) => summary,
        (true, None) => t(lang, "obs.tl.whole_run").to_string(),
        (false, _) if props.selected.is_none() && props.has_why => t(lang, "obs.tl.no_selection").to_string(),
        (false, _) if props.selected.is_none() => t(lang, "obs.tl.no_selection_embed").to_string(),
        (false, _) => t(lang, "obs.tl.whole_run").to_string(),
    };
    let mut sorted: Vec<&Item> = if *list_open { items.iter().collect() } else { Vec::new() };
    sorted.sort_by_key(|i| i.time());

    html! {
        <section class="obs-timeline" aria-labelledby="obs-tl-title">
            <h2 id="obs-tl-title">{ t(lang, "obs.tl.title") }</h2>
            <div class="tl-toolbar" role="toolbar" aria-label={t(lang, "obs.tl.toolbar")}>
                <span class="tl-modes">
                    <button type="button" aria-pressed={if show_instance { "true" } else { "false" }} disabled={props.selected.is_none()} onclick={set_mode(Mode::Instance)}>{ t(lang, "obs.tl.mode_instance") }</button>
                    <button type="button" aria-pressed={if show_instance { "false" } else { "true" }} onclick={set_mode(Mode::Run)}>{ t(lang, "obs.tl.mode_run") }</button>
                </span>
                <span class="tl-zoom">
                    <button type="button" onclick={zoom_by(1.5)}>{ t(lang, "obs.tl.zoom_in") }</button>
                    <button type="button" onclick={zoom_by(1.0 / 1.5)}>{ t(lang, "obs.tl.zoom_out") }</button>
                    <button type="button" onclick={on_fit}>{ t(lang, "obs.tl.fit") }</button>
                    <button type="button" onclick={pan_by(-0.25)}>{ t(lang, "obs.tl.earlier") }</button>
                    <button type="button" onclick={pan_by(0.25)}>{ t(lang, "obs.tl.later") }</button>
                </span>
            </div>
            <p class="tl-heading">{ heading }</p>
            <div class="tl-plot" ref={plot_ref} tabindex="0" role="group" aria-label={t(lang, "obs.tl.plot")}
                aria-describedby="obs-tl-help" onkeydown={on_key} onwheel={on_wheel}>
                    <svg width={format!("{total_w:.0}")} height={format!("{height:.0}")} aria-hidden="true" focusable="false">
                        <defs>
                            <pattern id="obs-tl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                                <rect width="6" height="6" class="tl-hatch-bg" />
                                <line x1="0" y1="0" x2="0" y2="6" class="tl-hatch-line" />
                            </pattern>
                        </defs>
                        { for lanes.iter().enumerate().map(|(i, name)| html! {
                            <g class="tl-lane">
                                <rect class={if i % 2 == 0 { "tl-lane-bg even" } else { "tl-lane-bg odd" }} x="0" y={format!("{:.1}", lane_y(i))} width={format!("{total_w:.0}")} height={LANE_H.to_string()} />
                                <text class="tl-lane-label" x="6" y={format!("{:.1}", lane_y(i) + LANE_H / 2.0 + 4.0)}>{ shorten(name, if label_w < LABEL_W_WIDE { 8 } else { 14 }) }</text>
                            </g>
                        }) }
                        { for tick_list.iter().map(|tk| html! {
                            <g class="tl-tick">
                                <line x1={format!("{:.1}", label_w + tk.x)} x2={format!("{:.1}", label_w + tk.x)} y1={format!("{:.1}", AXIS_H - 6.0)} y2={format!("{height:.0}")} />
                                if fits(tk) {
                                    <text x={format!("{:.1}", label_w + tk.x + 3.0)} y="14">{ &tk.elapsed }</text>
                                    <text class="tod" x={format!("{:.1}", label_w + tk.x + 3.0)} y="28">{ &tk.time_of_day }</text>
                                }
                            </g>
                        }) }
                        { for items.iter().map(draw) }
                        if now_x >= label_w && now_x <= total_w {
                            <line class="tl-now" x1={format!("{now_x:.1}")} x2={format!("{now_x:.1}")} y1={format!("{:.1}", AXIS_H - 8.0)} y2={format!("{height:.0}")} />
                        }
                    </svg>
            </div>
            <p id="obs-tl-help" class="tl-help">
                { t(lang, "obs.tl.help") }
                if merged > 0 {
                    { " " }{ tf(lang, "obs.tl.merged", &[("count", &group_thousands(merged as u64, lang))]) }
                }
                if hidden > 0 {
                    { " " }<strong>{ tf(lang, "obs.tl.capped", &[("shown", &group_thousands(MAX_ITEMS as u64, lang)), ("more", &group_thousands(hidden as u64, lang))]) }</strong>
                }
            </p>
            <p class="tl-legend">
                <span class="legend ok"><span aria-hidden="true">{ "✓" }</span>{ t(lang, "obs.tl.ok") }</span>
                <span class="legend failed"><span aria-hidden="true">{ "✗" }</span>{ t(lang, "obs.tl.failed") }</span>
                <span class="legend wait"><span aria-hidden="true">{ "┄" }</span>{ t(lang, "obs.tl.legend_wait") }</span>
                <span class="legend window"><span aria-hidden="true">{ "┈" }</span>{ t(lang, "obs.tl.legend_window") }</span>
                { for ["failover", "suspended", "resumed", "scheduled", "completed"].iter().map(|k| html! {
                    <span class="legend"><span aria-hidden="true">{ mark_glyph(k) }</span>{ mark_name(lang, k) }</span>
                }) }
            </p>
            <details class="tl-list" ontoggle={on_toggle}>
                <summary>{ tn(lang, "obs.tl.list_summary", items.len() as u64, &[]) }</summary>
                if *list_open {
                    <ol>
                        { for sorted.iter().take(MAX_LIST).map(|i| list_entry(i)) }
                    </ol>
                    if sorted.len() > MAX_LIST {
                        <p>{ tf(lang, "obs.tl.list_more", &[("more", &(sorted.len() - MAX_LIST).to_string())]) }</p>
                    }
                }
            </details>
        </section>
    }
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
fn selected_info_summary(props: &ObserveProps, lang: Lang) -> Option<String> {
    let id = props.selected?;
    let sim = props.view.sim.borrow();
    let info = sim.instance_info(id)?;
    let place = match &info.via {
        Some(g) => tf(lang, "obs.tl.instance_via", &[("message", &info.message), ("port", &info.port), ("group", g)]),
        None => tf(lang, "obs.tl.instance", &[("message", &info.message), ("port", &info.port)]),
    };
    Some(format!("{place} — {} {}", status_icon(info.status), t(lang, status_key(info.status))))
}

/// Cuts a lane label to `max` characters with an ellipsis.
fn shorten(name: &str, max: usize) -> String {
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
    use crate::engine::simulation::{Attempt, InstanceStatus};

    fn attempt(slot: TransportSlot, start: u64, end: u64, ok: bool) -> Attempt {
        Attempt { transport: slot, address: "a".into(), start: SimTime(start), end: Some(SimTime(end)), ok: Some(ok) }
    }

    fn mark(at: u64, kind: &'static str, text: &str) -> TimelineMark {
        TimelineMark { at: SimTime(at), kind, text: text.into(), code: "", args: Vec::new() }
    }

    fn info() -> InstanceInfo {
        InstanceInfo {
            id: 7,
            message: "M1".into(),
            port: "SP".into(),
            via: None,
            host: "H".into(),
            status: InstanceStatus::SuspendedResumable,
            reason: None,
            created: SimTime(0),
            completed: None,
            service_instance: None,
            attempts: vec![
                attempt(TransportSlot::Primary, 0, 10, false),
                attempt(TransportSlot::Primary, 300_000, 300_010, false),
                attempt(TransportSlot::Backup, 300_010, 300_020, false),
            ],
            marks: vec![
                mark(300_010, "failover", "to backup"),
                mark(300_020, "suspended", "suspended"),
                mark(300_020, "completed", "not really"),
            ],
        }
    }

    #[test]
    fn marks_are_rendered_in_the_ui_language_or_fall_back_to_the_engine_text() {
        let mut one = info();
        one.marks = vec![
            TimelineMark {
                at: SimTime(300_020),
                kind: "completed",
                text: "Completed: the message was delivered by SP".into(),
                code: "completed",
                args: vec![("port".into(), "SP".into())],
            },
            mark(300_020, "suspended", "engine text"),
        ];
        let texts = |lang| {
            let mut c = Collector::new(0.0, 1e9, None);
            push_instance_items(&mut c, &one, SimTime(1_000_000), None, lang);
            c.items
                .into_iter()
                .filter_map(|i| if let Item::Mark { text, .. } = i { Some(text) } else { None })
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(Lang::Fr), vec!["Achevé\u{202F}: le message a été remis par SP", "engine text"]);
        assert_eq!(texts(Lang::En), vec!["Completed: the message was delivered by SP", "engine text"]);
    }

    #[test]
    fn instance_items_use_primary_and_backup_lanes_with_retry_waits() {
        let mut c = Collector::new(0.0, 1e9, None);
        push_instance_items(&mut c, &info(), SimTime(1_000_000), None, Lang::En);
        let (items, hidden) = (c.items, c.hidden);
        let lanes: Vec<usize> =
            items.iter().filter_map(|i| if let Item::Bar { lane, .. } = i { Some(*lane) } else { None }).collect();
        assert_eq!(lanes, vec![0, 0, 1]);
        let waits: Vec<(u64, u64)> = items
            .iter()
            .filter_map(|i| if let Item::Wait { from, to, .. } = i { Some((*from, *to)) } else { None })
            .collect();
        assert_eq!(waits, vec![(10, 300_000)], "one retry wait on the primary; the backup starts at once");
        // Two marks at the same instant are drawn side by side.
        let nths: Vec<usize> =
            items.iter().filter_map(|i| if let Item::Mark { nth, .. } = i { Some(*nth) } else { None }).collect();
        assert_eq!(nths, vec![0, 0, 1]);
        assert_eq!(hidden, 0);
    }

    #[test]
    fn only_visible_items_are_kept() {
        let mut c = Collector::new(200_000.0, 300_005.0, None);
        push_instance_items(&mut c, &info(), SimTime(1_000_000), None, Lang::En);
        let items = c.items;
        assert!(items.iter().all(|i| !matches!(i, Item::Bar { start: 0, .. })), "the first attempt is off screen");
        assert!(items.iter().any(|i| matches!(i, Item::Bar { start: 300_000, .. })));
        assert!(items.iter().all(|i| !matches!(i, Item::Mark { .. })), "marks after the range are culled");
    }

    #[test]
    fn whole_run_keeps_fate_marks_only_and_caps_items() {
        let mut c = Collector::new(0.0, 1e9, None);
        push_instance_items(&mut c, &info(), SimTime(1_000_000), Some(3), Lang::En);
        let items = c.items;
        assert!(items.iter().all(|i| !matches!(i, Item::Mark { kind: "completed", .. })));
        assert!(items.iter().any(|i| matches!(i, Item::Mark { kind: "suspended", lane: Some(3), .. })));
        let mut many = Collector::new(0.0, 1e9, None);
        for _ in 0..(MAX_ITEMS / 3 + 10) {
            push_instance_items(&mut many, &info(), SimTime(1_000_000), Some(0), Lang::En);
        }
        assert_eq!(many.items.len(), MAX_ITEMS);
        assert!(many.hidden > 0);
    }

    #[test]
    fn whole_run_merges_items_covering_the_same_pixels() {
        // 10,000 identical instances at 1 px = 1 s: drawn once, never capped, none lost.
        let mut c = Collector::new(0.0, 1e9, Some(2000.0));
        for _ in 0..10_000 {
            push_instance_items(&mut c, &info(), SimTime(1_000_000), Some(0), Lang::En);
        }
        let mut one = Collector::new(0.0, 1e9, Some(2000.0));
        push_instance_items(&mut one, &info(), SimTime(1_000_000), Some(0), Lang::En);
        assert_eq!(c.items.len(), one.items.len());
        assert_eq!(c.hidden, 0);
        let raw = one.items.len() + one.merged;
        assert_eq!(c.merged, 10_000 * raw - c.items.len());
        // A later instance still shows up after thousands of earlier ones.
        let mut later = info();
        for a in &mut later.attempts {
            a.start = SimTime(a.start.as_ms() + 2_400_000);
            a.end = a.end.map(|e| SimTime(e.as_ms() + 2_400_000));
        }
        push_instance_items(&mut c, &later, SimTime(3_000_000), Some(0), Lang::En);
        assert!(c.items.iter().any(|i| matches!(i, Item::Bar { start: 2_400_000, .. })));
    }

    #[test]
    fn a_suspended_instance_does_not_stretch_with_the_clock() {
        assert_eq!(instance_span(&info(), SimTime(9_000_000)), (0, 300_020));
        let mut active = info();
        active.status = InstanceStatus::Active;
        assert_eq!(instance_span(&active, SimTime(9_000_000)), (0, 9_000_000));
    }
}
