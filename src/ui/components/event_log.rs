//! The event log: the trace, one `TraceEvent` `Display` line per event (DESIGN invariant 8: the
//! same text as the CLI's `--trace` and the golden files), filterable by port, message and kind.
//!
//! It follows the clock (stays scrolled to the newest line) unless the user scrolled up, and it is
//! virtualised: lines have a fixed height and only the ones in the viewport are in the DOM, so
//! 100,000 lines cost the same as 30. The filtered index list is extended incrementally as the
//! trace grows.

use super::observe_util::{group_thousands, is_at_bottom, tail_window, visible_window, LogFilter};
use super::run_progress::limit_sentence;
use crate::engine::limits::LimitReport;
use crate::engine::trace::TraceEvent;
use crate::engine::trace::TraceKind;
use crate::i18n::{t, tf, trace_kind_key, trace_line_text, Lang};
use crate::ui::contract::ObserveProps;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Height of one log line in pixels (must match `.log-line` in static/observe.css).
pub const LINE_H: f64 = 20.0;
/// Height of the scrolling viewport in pixels (must match `.log-viewport`).
pub const VIEW_H: f64 = 320.0;
const OVERSCAN: usize = 8;

/// Applies a form field's value to the filter.
type FilterSetter = Box<dyn Fn(&mut LogFilter, String)>;

/// What the filter cache reads: the engine's compact trace (lines rendered on demand), or a
/// plain list of events in tests.
trait LogSource {
    fn len(&self) -> usize;
    fn kind(&self, index: usize) -> Option<TraceKind>;
    fn get(&self, index: usize) -> Option<crate::engine::trace::TraceEvent>;
}

impl LogSource for crate::engine::simulation::TraceView<'_> {
    fn len(&self) -> usize {
        crate::engine::simulation::TraceView::len(self)
    }
    fn kind(&self, index: usize) -> Option<TraceKind> {
        crate::engine::simulation::TraceView::kind(self, index)
    }
    fn get(&self, index: usize) -> Option<crate::engine::trace::TraceEvent> {
        crate::engine::simulation::TraceView::get(self, index)
    }
}

impl LogSource for [crate::engine::trace::TraceEvent] {
    fn len(&self) -> usize {
        <[_]>::len(self)
    }
    fn kind(&self, index: usize) -> Option<TraceKind> {
        <[_]>::get(self, index).map(|e| e.kind)
    }
    fn get(&self, index: usize) -> Option<crate::engine::trace::TraceEvent> {
        <[_]>::get(self, index).cloned()
    }
}

/// The indices of the trace lines passing the current filter, kept between renders.
#[derive(Default)]
struct FilterCache {
    sim_ptr: usize,
    filter: LogFilter,
    scanned: usize,
    indices: Vec<usize>,
}

impl FilterCache {
    /// Brings the cache up to date with `trace`, rescanning only when the simulation or the filter
    /// changed (or the trace got shorter, i.e. the simulation was rebuilt).
    fn update(&mut self, sim_ptr: usize, filter: &LogFilter, trace: &(impl LogSource + ?Sized)) {
        if self.sim_ptr != sim_ptr || self.filter != *filter || trace.len() < self.scanned {
            self.sim_ptr = sim_ptr;
            self.filter = filter.clone();
            self.scanned = 0;
            self.indices.clear();
        }
        for n in self.scanned..trace.len() {
            // The kind is read from the compact record; only candidate lines are rendered.
            if filter.kind.is_some_and(|k| trace.kind(n) != Some(k)) {
                continue;
            }
            if trace.get(n).is_some_and(|e| filter.matches(&e)) {
                self.indices.push(n);
            }
        }
        self.scanned = trace.len();
    }
}

/// A line as the page shows it: in English exactly the trace line (the CLI's `--trace` and the
/// golden files); in French the same fields with the kind and the sentence from the catalogue
/// (`i18n::trace_line_text`), reason ids shown by their labels.
fn line_text(
    lang: Lang,
    e: &TraceEvent,
    words: Option<&crate::engine::simulation::LineWords>,
    limit: Option<&LimitReport>,
) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    // The end line of a run stopped by a limit carries the engine's English sentence as its
    // detail; the page words it from the report's codes, as the limit notice does.
    let localized;
    let words = match (words, limit) {
        (Some(w), Some(hit)) if w.code == "end-limit" => {
            let mut w = w.clone();
            w.args = vec![("detail".to_string(), limit_sentence(lang, hit))];
            localized = w;
            Some(&localized)
        }
        (w, _) => w,
    };
    let sentence = words.and_then(|w| trace_line_text(lang, w, true)).unwrap_or_else(|| e.text.clone());
    let mut line = format!("{} {}", e.at, t(lang, &trace_kind_key(e.kind.code())));
    if let Some(p) = &e.port {
        line.push_str(&format!(" · {p}"));
    }
    if let Some(g) = &e.group {
        line.push_str(&format!(" · {g}"));
    }
    if let Some(m) = &e.message {
        line.push_str(&format!(" · {m}"));
    }
    if let Some(i) = e.instance {
        line.push_str(&format!(" n°{i}"));
    }
    line.push_str(" | ");
    line.push_str(&sentence);
    line
}

/// The trace, filtered and virtualised.
#[component(EventLog)]
pub fn event_log(props: &ObserveProps) -> Html {
    let lang = props.lang;
    let filter = use_state(LogFilter::default);
    let scroll_top = use_state_eq(|| 0.0f64);
    let follow = use_state_eq(|| true);
    let cache: Rc<RefCell<FilterCache>> = use_mut_ref(FilterCache::default);
    let viewport = use_node_ref();

    let sim = props.view.sim.borrow();
    let trace = sim.trace();
    let sim_ptr = Rc::as_ptr(&props.view.sim) as usize;
    let filtered = !filter.is_empty();
    let mut cache = cache.borrow_mut();
    if filtered {
        cache.update(sim_ptr, &filter, &trace);
    }
    let total = if filtered { cache.indices.len() } else { trace.len() };
    let window = if *follow {
        tail_window(VIEW_H, LINE_H, total, OVERSCAN)
    } else {
        visible_window(*scroll_top, VIEW_H, LINE_H, total, OVERSCAN)
    };
    let line_of = |pos: usize| if filtered { cache.indices.get(pos).copied() } else { Some(pos) };
    let lines: Vec<Html> = window
        .clone()
        .filter_map(|pos| line_of(pos).and_then(|i| trace.get(i).map(|e| (pos, i, e))))
        .map(|(pos, i, e)| {
            let text = line_text(lang, &e, trace.words(i).as_ref(), sim.limit_reached());
            html! {
                <div key={pos} class={format!("log-line kind-{}", e.kind.code())} role="listitem" aria-posinset={(pos + 1).to_string()} aria-setsize={total.to_string()}>{ text }</div>
            }
        })
        .collect();
    drop(cache);
    let ports: Vec<String> = sim.scenario().ports.iter().map(|p| p.name.clone()).collect();
    drop(sim);

    // Keep the newest line in view while following.
    {
        let viewport = viewport.clone();
        let follow = *follow;
        use_effect(move || {
            if follow {
                if let Some(el) = viewport.cast::<web_sys::Element>() {
                    let bottom = el.scroll_height() - el.client_height();
                    if el.scroll_top() < bottom {
                        el.set_scroll_top(bottom);
                    }
                }
            }
        });
    }

    let on_scroll = {
        let scroll_top = scroll_top.clone();
        let follow = follow.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let top = f64::from(el.scroll_top());
                follow.set(is_at_bottom(top, f64::from(el.client_height()), f64::from(el.scroll_height()), LINE_H));
                scroll_top.set(top);
            }
        })
    };
    let on_follow = {
        let follow = follow.clone();
        let current = *follow;
        Callback::from(move |_: Event| follow.set(!current))
    };
    let on_newest = {
        let follow = follow.clone();
        Callback::from(move |_: MouseEvent| follow.set(true))
    };
    let set = |f: FilterSetter| {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .or_else(|| e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.value()))
                .unwrap_or_default();
            let mut next = (*filter).clone();
            f(&mut next, value);
            filter.set(next);
        })
    };
    let on_port = set(Box::new(|f, v| f.port = (!v.is_empty()).then_some(v)));
    let on_kind = set(Box::new(|f, v| f.kind = TraceKind::from_code(&v)));
    let on_message = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let v = input.value();
                let mut next = (*filter).clone();
                next.message = (!v.trim().is_empty()).then(|| v.trim().to_string());
                filter.set(next);
            }
        })
    };
    let port_value = filter.port.clone().unwrap_or_default();
    let kind_value = filter.kind.map(|k| k.code()).unwrap_or("");

    html! {
        <section class="obs-log" aria-labelledby="obs-log-title">
            <h2 id="obs-log-title">{ t(lang, "obs.log.title") }</h2>
            <div class="log-filters">
                <div class="field">
                    <label for="obs-log-port">{ t(lang, "obs.log.port") }</label>
                    <select id="obs-log-port" onchange={on_port}>
                        <option value="" selected={port_value.is_empty()}>{ t(lang, "obs.hub.all") }</option>
                        { for ports.iter().map(|p| html! { <option value={p.clone()} selected={*p == port_value}>{ p }</option> }) }
                    </select>
                </div>
                <div class="field">
                    <label for="obs-log-message">{ t(lang, "obs.log.message") }</label>
                    <input id="obs-log-message" type="search" placeholder="M1" oninput={on_message}
                        value={filter.message.clone().unwrap_or_default()} />
                </div>
                <div class="field">
                    <label for="obs-log-kind">{ t(lang, "obs.log.kind") }</label>
                    <select id="obs-log-kind" onchange={on_kind}>
                        <option value="" selected={kind_value.is_empty()}>{ t(lang, "obs.hub.all") }</option>
                        { for TraceKind::ALL.iter().map(|k| html! { <option value={k.code()} selected={k.code() == kind_value}>{ t(lang, &trace_kind_key(k.code())) }</option> }) }
                    </select>
                </div>
                <div class="field field-inline">
                    <input id="obs-log-follow" type="checkbox" checked={*follow} onchange={on_follow} />
                    <label for="obs-log-follow">{ t(lang, "obs.log.follow") }</label>
                </div>
                <button type="button" onclick={on_newest} disabled={*follow}>{ t(lang, "obs.log.newest") }</button>
            </div>
            <p class="log-count">
                { tf(lang, "obs.log.count", &[("shown", &group_thousands(total as u64, lang)), ("total", &group_thousands(props.view.sim.borrow().trace().len() as u64, lang))]) }
            </p>
            <div class="log-viewport" ref={viewport} tabindex="0" role="region" aria-label={t(lang, "obs.log.viewport")} onscroll={on_scroll}>
                <div class="log-content" role="list" style={format!("height:{:.0}px", total as f64 * LINE_H)}>
                    <div class="log-window" style={format!("transform:translateY({:.0}px)", window.start as f64 * LINE_H)}>
                        { for lines }
                    </div>
                </div>
                if total == 0 {
                    <p class="empty log-empty">{ t(lang, "obs.log.empty") }</p>
                }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::time::SimTime;
    use crate::engine::trace::TraceEvent;

    fn ev(kind: TraceKind, message: &str) -> TraceEvent {
        TraceEvent {
            at: SimTime(0),
            kind,
            port: Some("SP".into()),
            group: None,
            message: Some(message.into()),
            instance: None,
            text: String::new(),
        }
    }

    #[test]
    fn cache_extends_incrementally_and_rebuilds_on_change() {
        let mut trace = vec![ev(TraceKind::Inject, "M1"), ev(TraceKind::Attempt, "M1"), ev(TraceKind::Attempt, "M2")];
        let attempts = LogFilter { kind: Some(TraceKind::Attempt), ..LogFilter::default() };
        let mut cache = FilterCache::default();
        cache.update(1, &attempts, trace.as_slice());
        assert_eq!(cache.indices, vec![1, 2]);
        trace.push(ev(TraceKind::Attempt, "M3"));
        trace.push(ev(TraceKind::Completed, "M3"));
        cache.update(1, &attempts, trace.as_slice());
        assert_eq!(cache.indices, vec![1, 2, 3], "only the new lines were scanned and appended");
        let m1 = LogFilter { message: Some("M1".into()), ..LogFilter::default() };
        cache.update(1, &m1, trace.as_slice());
        assert_eq!(cache.indices, vec![0, 1], "a new filter rescans");
        // A rebuilt simulation (other pointer, shorter trace) starts over.
        let short = vec![ev(TraceKind::Attempt, "M9")];
        cache.update(2, &attempts, short.as_slice());
        assert_eq!(cache.indices, vec![0]);
    }
}
