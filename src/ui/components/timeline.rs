//! The timeline: for the selected instance, lanes Primary / Backup with one bar per transport
//! attempt (§6) and markers for retry waits, fail-over, suspension, resume, completion and
//! service-window scheduling (§5 Message Flow labels, §8); for the whole run, one lane per send
//! port.
//!
//! The time axis zooms (buttons, `+`/`-` keys, Ctrl + wheel) and pans (buttons, arrow keys);
//! ticks show elapsed time and time of day. Only items intersecting the visible range are drawn,
//! at most `MAX_ITEMS` of them. A text list of the items in view is the accessible alternative.

use super::observe_util::{format_both, group_thousands, status_icon, status_key, ticks, Scale};
use super::timeline_bins::{BinCount, Bins, DETAIL_MAX};
use super::timeline_items::{instance_span, mark_glyph, push_instance_items, Collector, Item, MAX_ITEMS};
use super::timeline_lanes::{bin_line, lanes_svg, LaneGeometry, RunBins};
use crate::engine::simulation::{InstanceStatus, TransportSlot};
use crate::engine::time::{format_time_of_day, SimTime};
use crate::i18n::{t, tf, tn, Lang};
use crate::ui::contract::ObserveProps;
use crate::ui::slice_budget::throttled_version;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Width of the lane-label gutter, in pixels (narrower on small screens).
const LABEL_W_WIDE: f64 = 104.0;
const LABEL_W_NARROW: f64 = 64.0;
const AXIS_H: f64 = 38.0;
const MARK_ROW_H: f64 = 22.0;
const LANE_H: f64 = 30.0;
const BAR_H: f64 = 18.0;
/// The smallest width of a bar and of a mark's click target (issue 11 #7: hit targets ≥ 8 px).
const MIN_HIT: f64 = 8.0;
/// Room kept right of the fitted range, so the run's last items never sit under the "now" cursor
/// or against the edge.
const RIGHT_PAD: f64 = 28.0;
/// Height of the whole-run density strip.
const DENSITY_H: f64 = 26.0;
/// Pixels per density bin and per bin of the aggregated whole-run lanes.
const DENSITY_BIN_PX: f64 = 5.0;
/// Real milliseconds of counting per frame while the whole-run view is being built (issue 9 §7).
const COUNT_SLICE_MS: f64 = 24.0;
/// From this many instances, the whole-run view shows the density strip even without overlaps.
const DENSITY_FROM: usize = 200;
/// At most this many entries in the text alternative.
const MAX_LIST: usize = 500;
const DEFAULT_W: f64 = 800.0;

/// Bins across a plot `plot_w` pixels wide.
fn bin_count(plot_w: f64) -> usize {
    ((plot_w / DENSITY_BIN_PX) as usize).max(1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Instance,
    Run,
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

/// The timeline of the selected instance or of the whole run.
#[component(Timeline)]
pub fn timeline(props: &ObserveProps) -> Html {
    let lang = props.lang;
    let mode = use_state(|| Mode::Instance);
    // The user's zoom, valid only for the (mode, selection) it was made for; `None` = fit.
    let zoom = use_state(|| None::<((Mode, Option<u64>), Scale)>);
    let width = use_state_eq(|| DEFAULT_W);
    let list_open = use_state_eq(|| false);
    // The detail of the bar or mark last clicked (its list sentence).
    let picked = use_state_eq(|| None::<String>);
    let plot_ref = use_node_ref();
    // The whole-run pass in progress and the last complete one (issue 9 §7).
    let run_bins = use_memo((), |_| RunBins::default());
    let last_count = use_mut_ref(|| (0.0, 0u64));
    let count_tick = use_state(|| 0u64);

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
        _ => Scale::fit(fit_from, fit_to, (plot_w - RIGHT_PAD).max(40.0)),
    };
    let lo = scale.start_ms;
    let hi = scale.end_ms(plot_w);

    let lanes: Vec<String> = if show_instance {
        vec![t(lang, "obs.tl.primary").to_string(), t(lang, "obs.tl.backup").to_string()]
    } else {
        sim.scenario().ports.iter().map(|p| p.name.clone()).collect()
    };
    // The whole run comes from one pass over the compact history (`timeline_bins`), a slice of
    // instances per frame (issue 9 §7); until it is complete the last complete one is shown.
    // During a Run to end the whole run is recounted at most twice a second.
    let bins_version = throttled_version(&mut last_count.borrow_mut(), props.view.version, props.running);
    let bins_key = (Rc::as_ptr(&props.view.sim) as usize, bins_version, lo.to_bits(), hi.to_bits(), bin_count(plot_w));
    let (shown_bins, counting) =
        if show_instance { (None, None) } else { run_bins.current(&sim, bins_key, lo, hi, COUNT_SLICE_MS) };
    let aggregated = shown_bins.as_ref().filter(|b| !b.detailed()).cloned();
    let mut collector = Collector::new(lo, hi, (!show_instance).then_some(2.0 * scale.ms_per_px));
    if show_instance {
        if let Some(info) = &selected_info {
            push_instance_items(&mut collector, info, now, None, lang);
        }
    } else if let Some(b) = shown_bins.as_ref().filter(|b| b.detailed()) {
        // Few instances in view: only theirs are built (none of the others').
        for &id in &b.in_view {
            if let (Some(row), Some(info)) = (sim.instance_row(id), sim.instance_info(id)) {
                push_instance_items(&mut collector, &info, now, Some(row.port as usize), lang);
            }
        }
    }
    let Collector { items, hidden, merged, .. } = collector;
    // Where items overlap (merged, capped or counted in bins) or there are many, the whole run gets
    // a density strip.
    let density = shown_bins
        .as_ref()
        .filter(|b| aggregated.is_some() || merged > 0 || hidden > 0 || b.in_view_count >= DENSITY_FROM)
        .map(|b| b.density.clone());
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
    drop(sim);
    {
        // While counting, the next slice after this frame.
        let tick = count_tick.clone();
        use_effect_with(counting, move |counting| {
            let timeout = counting.map(|_| gloo::timers::callback::Timeout::new(0, move || tick.set(*tick + 1)));
            move || drop(timeout)
        });
    }

    let density_h = if density.is_some() { DENSITY_H + 4.0 } else { 0.0 };
    let top = AXIS_H + density_h + if show_instance { MARK_ROW_H } else { 0.0 };
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
    // A click on a bar or a mark selects its instance and shows its detail under the plot.
    let select = |id: u64, detail: String| {
        let on_select = props.on_select.clone();
        let picked = picked.clone();
        Callback::from(move |_: MouseEvent| {
            picked.set(Some(detail.clone()));
            on_select.emit(Some(id));
        })
    };

    // Drawing.
    // Every tick drawn is labelled (issue 11 #7): a tick whose label would run off the right
    // edge is not drawn at all, so the last tick shown has its label.
    let fits = |tk: &super::observe_util::Tick| {
        let chars = tk.elapsed.chars().count().max(tk.time_of_day.chars().count()) as f64;
        tk.x + 3.0 + chars * 6.6 <= plot_w
    };
    let tick_list: Vec<_> = ticks(&scale, plot_w, 110.0, start_clock).into_iter().filter(|tk| fits(tk)).collect();
    let now_x = x_of(now.as_ms());
    // One sentence per item: the text list, the tooltips' source and the clicked item's detail.
    let item_line = |item: &Item| -> String {
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
    };
    let draw = |item: &Item| -> Html {
        match item {
            Item::Bar { lane, start, end, ok, instance, slot, label } => {
                // At least MIN_HIT px wide (a click target), kept inside the plot.
                let x = x_of(*start).max(label_w - 2.0).min(total_w - MIN_HIT);
                let w = (x_of(*end) - x).max(MIN_HIT).min(total_w - x);
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
                    <g class={class} onclick={select(*instance, item_line(item))}>
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
                let title = item_line(item);
                html! {
                    <line class={if *scheduled { "tl-wait scheduled" } else { "tl-wait" }} x1={format!("{:.1}", x_of(*from).max(label_w))} x2={format!("{:.1}", x_of(*to).min(total_w))}
                        y1={format!("{y:.1}")} y2={format!("{y:.1}")}>
                        <title>{ title }</title>
                    </line>
                }
            }
            Item::Mark { lane, at, kind, text, nth, instance } => {
                let x = (x_of(*at) + 11.0 * (*nth).min(3) as f64).min(total_w - MIN_HIT / 2.0);
                let (y_text, y1, y2) = match lane {
                    Some(l) => (lane_y(*l) + 12.0, lane_y(*l) + 2.0, lane_y(*l) + LANE_H - 2.0),
                    None => (AXIS_H + density_h + 15.0, AXIS_H + density_h + MARK_ROW_H - 2.0, height - 6.0),
                };
                // The click target covers the glyph only (the mark row, or the top of a lane), so a
                // mark never covers the bars under its line.
                let (hit_top, hit_h) = match lane {
                    Some(l) => (lane_y(*l), MIN_HIT + 2.0),
                    None => (AXIS_H + density_h + 2.0, MARK_ROW_H - 4.0),
                };
                html! {
                    <g class={format!("tl-mark tl-mark-{kind}")} onclick={select(*instance, item_line(item))}>
                        <title>{ format!("{} — {text}", format_both(SimTime(*at), start_clock)) }</title>
                        <rect class="tl-hit" x={format!("{:.1}", x - MIN_HIT / 2.0 - 1.0)} y={format!("{hit_top:.1}")}
                            width={format!("{:.1}", MIN_HIT + 2.0)} height={format!("{hit_h:.1}")} />
                        <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={format!("{y1:.1}")} y2={format!("{y2:.1}")} />
                        <text x={format!("{x:.1}")} y={format!("{y_text:.1}")} text-anchor="middle" aria-hidden="true">{ mark_glyph(kind) }</text>
                    </g>
                }
            }
        }
    };
    let list_entry = |item: &Item| -> Html {
        html! { <li>{ item_line(item) }</li> }
    };
    // Drawing order: waiting lines under bars, bars under marks (so clicks reach the bars).
    let layer = |n: u8| {
        items.iter().filter(move |i| match i {
            Item::Wait { .. } => n == 0,
            Item::Bar { .. } => n == 1,
            Item::Mark { .. } => n == 2,
        })
    };
    let density_svg = match &density {
        Some(d) => {
            let y0 = AXIS_H + 2.0;
            html! {
                <g class="tl-density">
                    <rect class="tl-density-bg" x={format!("{label_w:.1}")} y={format!("{y0:.1}")} width={format!("{plot_w:.1}")} height={DENSITY_H.to_string()} />
                    <text class="tl-lane-label" x="6" y={format!("{:.1}", y0 + DENSITY_H / 2.0 + 4.0)}>{ t(lang, "tl.density_lane") }</text>
                    { for (0..d.bins.len()).flat_map(|i| {
                        let x = label_w + scale.x_of(d.lo + d.bin_ms * i as f64);
                        let w = (DENSITY_BIN_PX - 0.5).max(1.0);
                        d.segments(i, DENSITY_H - 2.0).into_iter().map(move |(s, from_bottom, h)| html! {
                            <rect class={format!("tl-dens status-{}", InstanceStatus::ALL[s].code())}
                                x={format!("{x:.1}")} y={format!("{:.1}", y0 + DENSITY_H - 1.0 - from_bottom - h)}
                                width={format!("{w:.1}")} height={format!("{h:.1}")} />
                        })
                    }) }
                </g>
            }
        }
        None => html! {},
    };
    let density_text = density.as_ref().and_then(|d| {
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

    // The aggregated whole run: a click on a lane zooms to the bin under the pointer and says what
    // it held.
    let port_names: Rc<Vec<String>> = Rc::new(lanes.clone());
    let bin_sentence = {
        let port_names = port_names.clone();
        move |b: &Bins, lane: usize, i: usize, c: &BinCount| bin_line(lang, &port_names, start_clock, b, lane, i, c)
    };
    let lanes_svg = match &aggregated {
        Some(b) => {
            let on_lane = |lane: usize| {
                let (b, set_scale, picked, plot_ref, sentence) =
                    (b.clone(), set_scale.clone(), picked.clone(), plot_ref.clone(), bin_sentence.clone());
                Callback::from(move |e: MouseEvent| {
                    let left = plot_ref
                        .cast::<web_sys::Element>()
                        .map(|el| el.get_bounding_client_rect().left())
                        .unwrap_or(0.0);
                    let t = scale.t_of(f64::from(e.client_x()) - left - label_w);
                    if let Some(i) = b.bin_at(t) {
                        let (from, to) = b.bin_range(i);
                        if let Some(c) = b.lanes.get(lane).and_then(|l| l.get(i)) {
                            picked.set(Some(sentence(&b, lane, i, c)));
                        }
                        let fit =
                            Scale::fit(from.max(0.0) as u64, to.max(0.0).ceil() as u64, (plot_w - RIGHT_PAD).max(40.0));
                        set_scale.emit(Some(fit));
                    }
                })
            };
            let geometry = LaneGeometry { label_w, plot_w, total_w, top, lane_h: LANE_H, scale };
            lanes_svg(b, &geometry, on_lane)
        }
        None => html! {},
    };
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
    let counting_text = counting.map(|(done, all)| {
        let percent = (done * 100).checked_div(all).unwrap_or(100);
        tf(lang, "tl.counting", &[("percent", &percent.to_string())])
    });
    let list_len = if aggregated.is_some() { bin_lines.len() } else { items.len() };

    let heading = match (show_instance, selected_info_summary(props, lang)) {
        (true, Some(summary)) => summary,
        (true, None) => t(lang, "obs.tl.whole_run").to_string(),
        (false, _) if props.selected.is_none() && props.has_why => t(lang, "obs.tl.no_selection").to_string(),
        (false, _) if props.selected.is_none() => t(lang, "obs.tl.no_selection_embed").to_string(),
        (false, _) => t(lang, "obs.tl.whole_run").to_string(),
    };
    let mut sorted: Vec<&Item> = if *list_open { items.iter().collect() } else { Vec::new() };
    crate::engine::sort_key::sort_by_u64_key(&mut sorted, |i| i.time());

    html! {
        <section class="obs-timeline" aria-labelledby="obs-tl-title" data-busy={counting.is_some().then_some("true")}>
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
                                <text x={format!("{:.1}", label_w + tk.x + 3.0)} y="14">{ &tk.elapsed }</text>
                                <text class="tod" x={format!("{:.1}", label_w + tk.x + 3.0)} y="28">{ &tk.time_of_day }</text>
                            </g>
                        }) }
                        { density_svg }
                        // The "now" cursor is drawn under the items: the run's last items stay visible.
                        if now_x >= label_w && now_x <= total_w {
                            <line class="tl-now" x1={format!("{now_x:.1}")} x2={format!("{now_x:.1}")} y1={format!("{:.1}", AXIS_H - 8.0)} y2={format!("{height:.0}")} />
                        }
                        { lanes_svg }
                        { for layer(0).map(draw) }
                        { for layer(1).map(draw) }
                        { for layer(2).map(draw) }
                    </svg>
            </div>
            if let Some(text) = &*picked {
                <p class="tl-picked" aria-live="polite"><strong>{ t(lang, "tl.picked") }</strong>{ " " }{ text }</p>
            }
            if let Some(text) = counting_text {
                <p class="tl-counting" role="status">{ text }</p>
            }
            if let Some(text) = bins_note {
                <p class="tl-bins-note">{ text }</p>
            }
            if let Some(text) = density_text {
                <p class="tl-density-summary">{ text }</p>
            }
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
                <summary>{ tn(lang, "obs.tl.list_summary", list_len as u64, &[]) }</summary>
                if *list_open {
                    if let Some(b) = &aggregated {
                        <ol>
                            { for bin_lines.iter().take(MAX_LIST).map(|(lane, i, c)| html! { <li>{ bin_sentence(b, *lane, *i, c) }</li> }) }
                        </ol>
                    } else {
                        <ol>
                            { for sorted.iter().take(MAX_LIST).map(|i| list_entry(i)) }
                        </ol>
                    }
                    if list_len > MAX_LIST {
                        <p>{ tf(lang, "obs.tl.list_more", &[("more", &(list_len - MAX_LIST).to_string())]) }</p>
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
