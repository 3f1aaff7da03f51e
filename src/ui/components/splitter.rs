//! The splitter between the work area and the observation region (issue 11 #6): a focusable
//! `role="separator"` whose value is the work area's share of the height (20–80 %). ↑/↓ move it
//! by 5 %, Page Up/Page Down by 20 %, Home/End to the limits; the mouse drags it. The page
//! remembers the value (`portsim.split` in localStorage).

use crate::i18n::{t, Lang};
use yew::prelude::*;

/// The smallest and largest share of the work area, in percent.
pub const MIN_SPLIT: u32 = 20;
pub const MAX_SPLIT: u32 = 80;
/// The share before the user moves the splitter.
pub const DEFAULT_SPLIT: u32 = 57;
/// Where the page remembers it.
pub const SPLIT_KEY: &str = "portsim.split";

/// A stored value, if it is a share the splitter allows.
pub fn parse_split(stored: Option<&str>) -> u32 {
    stored.and_then(|v| v.trim().parse().ok()).filter(|v| (MIN_SPLIT..=MAX_SPLIT).contains(v)).unwrap_or(DEFAULT_SPLIT)
}

/// The value after a key press, or `None` when the key does not move the splitter.
pub fn key_step(value: u32, key: &str) -> Option<u32> {
    let v = match key {
        "ArrowUp" => value.saturating_sub(5),
        "ArrowDown" => value + 5,
        "PageUp" => value.saturating_sub(20),
        "PageDown" => value + 20,
        "Home" => MIN_SPLIT,
        "End" => MAX_SPLIT,
        _ => return None,
    };
    Some(v.clamp(MIN_SPLIT, MAX_SPLIT))
}

#[derive(Properties, PartialEq, Clone)]
pub struct SplitterProps {
    pub lang: Lang,
    pub value: u32,
    pub on_change: Callback<u32>,
    /// The element whose height is split (the layout grid).
    pub container: NodeRef,
}

#[component(Splitter)]
pub fn splitter(props: &SplitterProps) -> Html {
    let dragging = use_state(|| false);
    {
        // While dragging, the whole window follows the mouse (so a fast drag never escapes).
        let dragging = dragging.clone();
        let on_change = props.on_change.clone();
        let container = props.container.clone();
        use_effect_with(*dragging, move |on| {
            let listeners = on.then(|| {
                let window = gloo::utils::window();
                let moving = gloo::events::EventListener::new(&window, "mousemove", move |e| {
                    use wasm_bindgen::JsCast;
                    let (Some(e), Some(el)) = (e.dyn_ref::<MouseEvent>(), container.cast::<web_sys::Element>()) else {
                        return;
                    };
                    let rect = el.get_bounding_client_rect();
                    if rect.height() > 0.0 {
                        let share = ((e.client_y() as f64 - rect.top()) / rect.height() * 100.0).round();
                        on_change.emit((share.max(0.0) as u32).clamp(MIN_SPLIT, MAX_SPLIT));
                    }
                });
                let up = {
                    let dragging = dragging.clone();
                    gloo::events::EventListener::new(&window, "mouseup", move |_| dragging.set(false))
                };
                (moving, up)
            });
            move || drop(listeners)
        });
    }
    let onkeydown = {
        let on_change = props.on_change.clone();
        let value = props.value;
        Callback::from(move |e: KeyboardEvent| {
            if let Some(v) = key_step(value, &e.key()) {
                e.prevent_default();
                on_change.emit(v);
            }
        })
    };
    let onmousedown = {
        let dragging = dragging.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    html! {
        <div class={classes!("splitter", dragging.then_some("dragging"))} role="separator" tabindex="0"
            aria-orientation="horizontal" aria-label={t(props.lang, "layout.splitter")}
            aria-valuemin={MIN_SPLIT.to_string()} aria-valuemax={MAX_SPLIT.to_string()}
            aria-valuenow={props.value.to_string()} aria-controls="work"
            {onkeydown} {onmousedown}>
            <span class="grip" aria-hidden="true"></span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_move_within_limits_and_stored_values_are_checked() {
        assert_eq!(key_step(57, "ArrowUp"), Some(52));
        assert_eq!(key_step(78, "ArrowDown"), Some(MAX_SPLIT));
        assert_eq!(key_step(50, "Home"), Some(MIN_SPLIT));
        assert_eq!(key_step(50, "x"), None);
        assert_eq!(parse_split(Some("35")), 35);
        assert_eq!(parse_split(Some("95")), DEFAULT_SPLIT);
        assert_eq!(parse_split(Some("junk")), DEFAULT_SPLIT);
    }
}
