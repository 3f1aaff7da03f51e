//! The timeline: for the selected instance, lanes Primary / Backup with one bar per transport
//! attempt (§6) and markers for retry waits, fail-over, suspension, resume, completion and
//! service-window scheduling (§5 Message Flow labels, §8); for the whole run, one lane per send
//! port.
//!
//! The time axis zooms (buttons, `+`/`-` keys, Ctrl + wheel) and pans (buttons, arrow keys);
//! ticks show elapsed time and time of day. Only items intersecting the visible range are drawn,
//! at most `MAX_ITEMS` of them. A text list of the items in view is the accessible alternative.
//!
//! What is drawn where, and every text, comes from `timeline_frame::Frame` (shared with the light
//! embed's DOM view); this component keeps the view's state in hooks and draws the frame.

use super::observe_util::Scale;
use super::timeline_frame::{
    legend, px, Frame, FrameInput, Layout, Mode, Shape, ZoomKey, AXIS_H, BAR_H, BIN_CLASSES, COUNT_SLICE_MS, DEFAULT_W,
    DENSITY_H, LANE_H, MIN_HIT,
};
use super::timeline_lanes::RunBins;
use crate::i18n::t;
use crate::ui::contract::ObserveProps;
use crate::ui::slice_budget::throttled_version;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The timeline of the selected instance or of the whole run.
#[component(Timeline)]
pub fn timeline(props: &ObserveProps) -> Html {
    let lang = props.lang;
    let mode = use_state(|| Mode::Instance);
    // The user's zoom, valid only for the (mode, selection) it was made for; `None` = fit.
    let zoom = use_state(|| None::<(ZoomKey, Scale)>);
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
    let info = props.selected.and_then(|id| sim.instance_info(id));
    let layout = Layout::new(info.as_ref(), sim.now(), props.selected, *mode, *zoom, *width);
    // The whole run comes from one pass over the compact history (`timeline_bins`), a slice of
    // instances per frame (issue 9 §7); until it is complete the last complete one is shown.
    // During a Run to end the whole run is recounted at most twice a second.
    let bins_version = throttled_version(&mut last_count.borrow_mut(), props.view.version, props.running);
    let bins_key = layout.bins_key(Rc::as_ptr(&props.view.sim) as usize, bins_version);
    let (bins, counting) = if layout.show_instance {
        (None, None)
    } else {
        run_bins.current(&sim, bins_key, layout.lo, layout.hi, COUNT_SLICE_MS)
    };
    let input = FrameInput {
        lang,
        layout,
        info: info.as_ref(),
        selected: props.selected,
        has_why: props.has_why,
        list_open: *list_open,
        bins,
        counting,
    };
    let frame = Rc::new(Frame::build(&sim, input));
    drop(sim);
    {
        // While counting, the next slice after this frame.
        let tick = count_tick.clone();
        use_effect_with(counting, move |counting| {
            let timeout = counting.map(|_| gloo::timers::callback::Timeout::new(0, move || tick.set(*tick + 1)));
            move || drop(timeout)
        });
    }
    let l = layout;
    let (label_w, plot_w, total_w, height) = (l.label_w, l.plot_w, l.total_w, frame.height);

    // Controls.
    let set_scale = {
        let zoom = zoom.clone();
        Callback::from(move |s: Option<Scale>| zoom.set(s.map(|s| (l.key, s))))
    };
    let zoom_by = |factor: f64| {
        let set_scale = set_scale.clone();
        Callback::from(move |_: MouseEvent| set_scale.emit(Some(l.zoom_by(factor))))
    };
    let pan_by = |fraction: f64| {
        let set_scale = set_scale.clone();
        Callback::from(move |_: MouseEvent| set_scale.emit(Some(l.pan_by(fraction))))
    };
    let on_fit = {
        let set_scale = set_scale.clone();
        Callback::from(move |_: MouseEvent| set_scale.emit(None))
    };
    let on_key = {
        let set_scale = set_scale.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(next) = l.on_key(&e.key()) {
                e.prevent_default();
                set_scale.emit(next);
            }
        })
    };
    // The pointer's x from the plot's left edge (gutter included).
    let plot_x = {
        let plot_ref = plot_ref.clone();
        move |e: &MouseEvent| {
            let left =
                plot_ref.cast::<web_sys::Element>().map(|el| el.get_bounding_client_rect().left()).unwrap_or(0.0);
            f64::from(e.client_x()) - left
        }
    };
    let on_wheel = {
        let set_scale = set_scale.clone();
        let plot_x = plot_x.clone();
        Callback::from(move |e: WheelEvent| {
            if let Some(s) = l.on_wheel(e.ctrl_key(), e.shift_key(), e.delta_y(), plot_x(&e)) {
                e.prevent_default();
                set_scale.emit(Some(s));
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
    let select = |id: u64, detail: &str| {
        let on_select = props.on_select.clone();
        let picked = picked.clone();
        let detail = detail.to_string();
        Callback::from(move |_: MouseEvent| {
            picked.set(Some(detail.clone()));
            on_select.emit(Some(id));
        })
    };
    // The aggregated whole run: a click on a lane zooms to the bin under the pointer and says what
    // it held.
    let on_lane = |lane: usize| {
        let (frame, set_scale, picked, plot_x) = (frame.clone(), set_scale.clone(), picked.clone(), plot_x.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some((sentence, fit)) = frame.lane_click(lane, plot_x(&e)) {
                if sentence.is_some() {
                    picked.set(sentence);
                }
                set_scale.emit(Some(fit));
            }
        })
    };

    // Drawing.
    let draw = |shape: &Shape| -> Html {
        match shape {
            Shape::Bar { class, glyph, x, y, w, glyph_at, title, instance, detail } => html! {
                <g class={*class} onclick={select(*instance, detail)}>
                    <title>{ title }</title>
                    <rect x={px(*x)} y={px(*y)} width={px(*w)} height={BAR_H.to_string()} rx="2" />
                    if let Some((gx, gy)) = glyph_at {
                        <text x={px(*gx)} y={px(*gy)} text-anchor="middle" aria-hidden="true">{ *glyph }</text>
                    }
                </g>
            },
            Shape::Wait { class, x1, x2, y, title } => html! {
                <line class={*class} x1={px(*x1)} x2={px(*x2)} y1={px(*y)} y2={px(*y)}>
                    <title>{ title }</title>
                </line>
            },
            // The click target covers the glyph only (the mark row, or the top of a lane), so a
            // mark never covers the bars under its line.
            Shape::Mark { kind, x, y_text, y1, y2, hit_top, hit_h, glyph, title, instance, detail } => html! {
                <g class={format!("tl-mark tl-mark-{kind}")} onclick={select(*instance, detail)}>
                    <title>{ title }</title>
                    <rect class="tl-hit" x={px(x - MIN_HIT / 2.0 - 1.0)} y={px(*hit_top)}
                        width={px(MIN_HIT + 2.0)} height={px(*hit_h)} />
                    <line x1={px(*x)} x2={px(*x)} y1={px(*y1)} y2={px(*y2)} />
                    <text x={px(*x)} y={px(*y_text)} text-anchor="middle" aria-hidden="true">{ *glyph }</text>
                </g>
            },
        }
    };
    let density_svg = match &frame.density {
        Some(d) => html! {
            <g class="tl-density">
                <rect class="tl-density-bg" x={px(label_w)} y={px(d.y0)} width={px(plot_w)} height={DENSITY_H.to_string()} />
                <text class="tl-lane-label" x="6" y={px(d.y0 + DENSITY_H / 2.0 + 4.0)}>{ d.label }</text>
                { for d.rects.iter().map(|r| html! {
                    <rect class={format!("tl-dens status-{}", r.status)} x={px(r.x)} y={px(r.y)} width={px(r.w)} height={px(r.h)} />
                }) }
            </g>
        },
        None => html! {},
    };
    let lanes_svg = if frame.bin_lanes.is_empty() {
        html! {}
    } else {
        html! {
            <g class="tl-bins">
                { for frame.bin_lanes.iter().enumerate().map(|(lane, b)| html! {
                    <g class="tl-bin-lane">
                        { for BIN_CLASSES.iter().zip(&b.paths).map(|(class, d)| html! { <path class={*class} d={d.clone()} /> }) }
                        <rect class="tl-bin-hit" x={px(label_w)} y={px(b.top)}
                            width={px(plot_w)} height={LANE_H.to_string()} onclick={on_lane(lane)} />
                    </g>
                }) }
            </g>
        }
    };

    html! {
        <section class="obs-timeline" aria-labelledby="obs-tl-title" data-busy={frame.counting.is_some().then_some("true")}>
            <h2 id="obs-tl-title">{ t(lang, "obs.tl.title") }</h2>
            <div class="tl-toolbar" role="toolbar" aria-label={t(lang, "obs.tl.toolbar")}>
                <span class="tl-modes">
                    <button type="button" aria-pressed={if l.show_instance { "true" } else { "false" }} disabled={props.selected.is_none()} onclick={set_mode(Mode::Instance)}>{ t(lang, "obs.tl.mode_instance") }</button>
                    <button type="button" aria-pressed={if l.show_instance { "false" } else { "true" }} onclick={set_mode(Mode::Run)}>{ t(lang, "obs.tl.mode_run") }</button>
                </span>
                <span class="tl-zoom">
                    <button type="button" onclick={zoom_by(1.5)}>{ t(lang, "obs.tl.zoom_in") }</button>
                    <button type="button" onclick={zoom_by(1.0 / 1.5)}>{ t(lang, "obs.tl.zoom_out") }</button>
                    <button type="button" onclick={on_fit}>{ t(lang, "obs.tl.fit") }</button>
                    <button type="button" onclick={pan_by(-0.25)}>{ t(lang, "obs.tl.earlier") }</button>
                    <button type="button" onclick={pan_by(0.25)}>{ t(lang, "obs.tl.later") }</button>
                </span>
            </div>
            <p class="tl-heading">{ &frame.heading }</p>
            <div class="tl-plot" ref={plot_ref} tabindex="0" role="group" aria-label={t(lang, "obs.tl.plot")}
                aria-describedby="obs-tl-help" onkeydown={on_key} onwheel={on_wheel}>
                    <svg width={format!("{total_w:.0}")} height={format!("{height:.0}")} aria-hidden="true" focusable="false">
                        <defs>
                            <pattern id="obs-tl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                                <rect width="6" height="6" class="tl-hatch-bg" />
                                <line x1="0" y1="0" x2="0" y2="6" class="tl-hatch-line" />
                            </pattern>
                        </defs>
                        { for frame.lanes.iter().map(|lane| html! {
                            <g class="tl-lane">
                                <rect class={if lane.even { "tl-lane-bg even" } else { "tl-lane-bg odd" }} x="0" y={px(lane.y)} width={format!("{total_w:.0}")} height={LANE_H.to_string()} />
                                <text class="tl-lane-label" x="6" y={px(lane.y + LANE_H / 2.0 + 4.0)}>{ &lane.label }</text>
                            </g>
                        }) }
                        { for frame.ticks.iter().map(|tk| html! {
                            <g class="tl-tick">
                                <line x1={px(label_w + tk.x)} x2={px(label_w + tk.x)} y1={px(AXIS_H - 6.0)} y2={format!("{height:.0}")} />
                                <text x={px(label_w + tk.x + 3.0)} y="14">{ &tk.elapsed }</text>
                                <text class="tod" x={px(label_w + tk.x + 3.0)} y="28">{ &tk.time_of_day }</text>
                            </g>
                        }) }
                        { density_svg }
                        // The "now" cursor is drawn under the items: the run's last items stay visible.
                        if let Some(now_x) = frame.now_x {
                            <line class="tl-now" x1={px(now_x)} x2={px(now_x)} y1={px(AXIS_H - 8.0)} y2={format!("{height:.0}")} />
                        }
                        { lanes_svg }
                        { for frame.shapes.iter().map(draw) }
                    </svg>
            </div>
            if let Some(text) = &*picked {
                <p class="tl-picked" aria-live="polite"><strong>{ t(lang, "tl.picked") }</strong>{ " " }{ text }</p>
            }
            if let Some(text) = &frame.counting {
                <p class="tl-counting" role="status">{ text }</p>
            }
            if let Some(text) = &frame.bins_note {
                <p class="tl-bins-note">{ text }</p>
            }
            if let Some(text) = &frame.density_summary {
                <p class="tl-density-summary">{ text }</p>
            }
            <p id="obs-tl-help" class="tl-help">
                { t(lang, "obs.tl.help") }
                if let Some(text) = &frame.merged {
                    { " " }{ text }
                }
                if let Some(text) = &frame.capped {
                    { " " }<strong>{ text }</strong>
                }
            </p>
            <p class="tl-legend">
                { for legend(lang).into_iter().map(|(class, glyph, label)| html! {
                    <span class={if class.is_empty() { "legend".to_string() } else { format!("legend {class}") }}><span aria-hidden="true">{ glyph }</span>{ label }</span>
                }) }
            </p>
            <details class="tl-list" ontoggle={on_toggle}>
                <summary>{ &frame.list_summary }</summary>
                if *list_open {
                    <ol>
                        { for frame.list.iter().map(|line| html! { <li>{ line }</li> }) }
                    </ol>
                    if let Some(text) = &frame.list_more {
                        <p>{ text }</p>
                    }
                }
            </details>
        </section>
    }
}
