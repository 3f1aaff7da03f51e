//! The light embed's clock region, drawn with `web-sys`: Play/Pause, Step, Run to end, Reset, the
//! speed, the simulated time (elapsed, time of day, next event) — the same read-out as the full
//! page's ClockBar (`components::clock_readout`) — then the progress of a Run to end in slices
//! with Stop (issue 9 §7) and the notice of a work limit that stopped the run, with reruns ×10 / ÷10.
//!
//! Built once; each render updates texts and attributes in place, so a focused button or the speed
//! list keeps its focus while the clock plays.

use super::dom::{clear, el, set_attr, set_text, El};
use super::mount::{dispatch, Msg};
use crate::i18n::{t, Lang};
use crate::ui::components::clock_readout::{clock_readout, limit_growing, limit_which, progress_status};
use crate::ui::contract::ClockCommand;
use crate::ui::embed::state::{EmbedAction, EmbedState};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};

pub struct ClockView {
    play: Element,
    play_icon: Element,
    play_label: Element,
    step: Element,
    run: Element,
    speed: HtmlSelectElement,
    speeds: Vec<u32>,
    elapsed: Element,
    time_of_day: Element,
    next: Element,
    finished: Element,
    announce: Element,
    progress: Element,
    bar: Element,
    status: Element,
    notice: Element,
    /// The limit notice's text as drawn (its buttons are rebuilt only when it changes).
    notice_text: Option<String>,
    lang: Lang,
}

/// A clock button: its icon (hidden from screen readers) and label.
fn clock_button(icon: &str, label: &str, msg: impl Fn() -> Msg + 'static) -> Option<El> {
    let b = el("button")?
        .attr("type", "button")
        .class("clock-btn")
        .child(&el("span")?.class("icon").attr("aria-hidden", "true").text(icon))
        .on("click", move |_| dispatch(msg()));
    let _ = b.0.append_with_str_1(label);
    Some(b)
}

fn clock_msg(cmd: ClockCommand) -> Msg {
    Msg::Embed(EmbedAction::Clock(cmd))
}

/// A labelled read-out field: `<span class="clock-field"><span class="clock-label">…</span><time>…</time></span>`.
fn time_field(label: &str, class: &str, testid: &str) -> Option<(El, El)> {
    let value = el("time")?.class(class).attr("data-testid", testid);
    let field = el("span")?.class("clock-field").child(&el("span")?.class("clock-label").text(label)).child(&value);
    Some((field, value))
}

impl ClockView {
    /// Builds the region `<div class="clock-region" role="region">` with the bar and the progress.
    pub fn build(lang: Lang) -> Option<(El, ClockView)> {
        let play_icon = el("span")?.class("icon").attr("aria-hidden", "true");
        let play_label = el("span")?;
        let play = el("button")?
            .attr("type", "button")
            .class("clock-btn")
            .child(&play_icon)
            .child(&play_label)
            .on("click", |_| dispatch(Msg::PlayPause));
        let step = clock_button("⇥", t(lang, "obs.clock.step"), || clock_msg(ClockCommand::Step))?;
        let run = clock_button("»", t(lang, "obs.clock.run_to_end"), || clock_msg(ClockCommand::RunToEnd))?;
        let reset = clock_button("↺", t(lang, "obs.clock.reset"), || clock_msg(ClockCommand::Reset))?
            .attr("title", t(lang, "obs.clock.reset_hint"));
        let speed = el("select")?.attr("id", "obs-clock-speed").on("change", |e| {
            let value = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value());
            if let Some(Ok(v)) = value.map(|v| v.parse::<u32>()) {
                dispatch(clock_msg(ClockCommand::SetSpeed(v)));
            }
        });
        let (elapsed_field, elapsed) = time_field(t(lang, "obs.clock.elapsed"), "clock-elapsed", "clock-elapsed")?;
        let (tod_field, time_of_day) = time_field(t(lang, "obs.clock.time_of_day"), "clock-tod", "clock-time-of-day")?;
        let next = el("span")?.class("clock-field clock-next").attr("data-testid", "clock-next");
        let finished = el("span")?
            .class("clock-field clock-finished")
            .attr("hidden", "")
            .child(&el("span")?.class("icon").attr("aria-hidden", "true").text("■"));
        let _ = finished.0.append_with_str_1(t(lang, "obs.clock.finished"));
        let announce = el("span")?.class("visually-hidden").attr("aria-live", "polite").attr("aria-atomic", "true");
        let bar_el = el("div")?
            .class("obs-clock")
            .attr("role", "toolbar")
            .attr("aria-label", t(lang, "obs.clock.toolbar"))
            .child(&el("div")?.class("clock-buttons").child(&play).child(&step).child(&run).child(&reset))
            .child(
                &el("div")?
                    .class("clock-speed")
                    .child(&el("label")?.attr("for", "obs-clock-speed").text(t(lang, "obs.clock.speed")))
                    .child(&speed),
            )
            .child(
                &el("div")?.class("clock-time").child(&elapsed_field).child(&tod_field).child(&next).child(&finished),
            )
            .child(&announce);
        let progress_bar =
            el("progress")?.class("run-bar").attr("max", "1000").attr("aria-label", t(lang, "obs.run.progress"));
        let status = el("span")?.class("run-status").attr("data-testid", "run-status");
        let stop =
            clock_button("■", t(lang, "obs.run.stop"), || clock_msg(ClockCommand::Stop))?.class("clock-btn run-stop");
        let progress = el("div")?
            .class("run-progress")
            .attr("role", "group")
            .attr("aria-label", t(lang, "obs.run.progress"))
            .attr("hidden", "")
            .child(&progress_bar)
            .child(&status)
            .child(&stop);
        // Its buttons are redrawn with the notice: one listener reads which one was clicked.
        let notice = el("div")?
            .class("limit-notice")
            .attr("role", "alert")
            .attr("data-testid", "limit-notice")
            .attr("hidden", "")
            .on("click", |e| {
                let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
                let rerun = target.and_then(|t| t.closest("[data-rerun]").ok().flatten());
                if let Some(higher) = rerun.and_then(|b| b.get_attribute("data-rerun")) {
                    dispatch(Msg::Embed(EmbedAction::RerunWithLimits(higher == "higher")));
                }
            });
        let region = el("div")?
            .class("clock-region")
            .attr("role", "region")
            .attr("aria-label", t(lang, "region.clock"))
            .child(&bar_el)
            .child(&progress)
            .child(&notice);
        let view = ClockView {
            play: play.0,
            play_icon: play_icon.0,
            play_label: play_label.0,
            step: step.0,
            run: run.0,
            speed: speed.0.dyn_into::<HtmlSelectElement>().ok()?,
            speeds: Vec::new(),
            elapsed: elapsed.0,
            time_of_day: time_of_day.0,
            next: next.0,
            finished: finished.0,
            announce: announce.0,
            progress: progress.0,
            bar: progress_bar.0,
            status: status.0,
            notice: notice.0,
            notice_text: None,
            lang,
        };
        Some((region, view))
    }

    pub fn render(&mut self, state: &EmbedState) {
        let lang = self.lang;
        let session = state.session.borrow();
        let start_clock = session.scenario().start_clock;
        let sim_rc = session.sim();
        drop(session);
        let sim = sim_rc.borrow();
        let r = clock_readout(&sim, lang, &state.clock, start_clock);
        let playing = state.clock.playing;
        set_text(&self.play_icon, if playing { "‖" } else { "▶" });
        set_text(&self.play_label, t(lang, if playing { "obs.clock.pause" } else { "obs.clock.play" }));
        // Pause is always possible; Play, Step and Run to end not once the run is finished.
        let off = (r.finished).then_some("");
        set_attr(&self.play, "disabled", if playing { None } else { off });
        set_attr(&self.step, "disabled", off);
        set_attr(&self.run, "disabled", off);
        let speeds: Vec<u32> = r.speeds.iter().map(|(s, _)| *s).collect();
        if speeds != self.speeds {
            clear(&self.speed);
            for (s, label) in &r.speeds {
                if let Some(o) = el("option") {
                    let _ = self.speed.append_child(&o.attr("value", &s.to_string()).text(label).0);
                }
            }
            self.speeds = speeds;
        }
        let value = state.clock.speed.to_string();
        if self.speed.value() != value {
            self.speed.set_value(&value);
        }
        set_text(&self.elapsed, &r.elapsed);
        set_text(&self.time_of_day, &r.time_of_day);
        set_text(&self.next, &r.next);
        set_attr(&self.finished, "hidden", (!r.finished).then_some(""));
        set_text(&self.announce, &r.announce);

        match &state.clock.run {
            Some(job) => {
                let (permille, status) = progress_status(&sim, lang, job);
                set_attr(&self.progress, "hidden", None);
                set_attr(&self.bar, "value", Some(&permille.to_string()));
                set_text(&self.status, &status);
            }
            None => set_attr(&self.progress, "hidden", Some("")),
        }
        let hit = sim.limit_reached().cloned();
        drop(sim);
        let text = hit.map(|h| (limit_which(lang, &h), limit_growing(lang, &h)));
        let key = text.as_ref().map(|(a, b)| format!("{a}\n{b}"));
        if key != self.notice_text {
            self.draw_notice(text.as_ref());
            self.notice_text = key;
        }
    }

    /// The work-limit notice (which limit, when, what was growing; the scenario is kept) with its
    /// two reruns, or nothing.
    fn draw_notice(&self, text: Option<&(String, String)>) {
        clear(&self.notice);
        set_attr(&self.notice, "hidden", text.is_none().then_some(""));
        let Some((which, growing)) = text else { return };
        let lang = self.lang;
        let build = || -> Option<()> {
            let title =
                el("p")?.class("limit-title").child(&el("span")?.class("icon").attr("aria-hidden", "true").text("⚠ "));
            let _ = title.0.append_with_str_1(t(lang, "obs.limit.title"));
            let rerun = |which: &str, key: &str| -> Option<El> {
                Some(el("button")?.attr("type", "button").class("btn").attr("data-rerun", which).text(t(lang, key)))
            };
            let actions = el("div")?
                .class("limit-actions")
                .child(&rerun("higher", "obs.limit.rerun_higher")?)
                .child(&rerun("lower", "obs.limit.rerun_lower")?);
            for child in
                [title, el("p")?.text(which), el("p")?.text(growing), el("p")?.text(t(lang, "obs.limit.kept")), actions]
            {
                let _ = self.notice.append_child(&child.0);
            }
            Some(())
        };
        let _ = build();
    }
}
