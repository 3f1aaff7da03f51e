//! A lifecycle state badge: icon + text (Bound / Stopped / Started), never colour alone.

use crate::engine::model::LifecycleState;
use crate::i18n::{t, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct StateBadgeProps {
    pub state: Option<LifecycleState>,
    pub lang: Lang,
}

/// §2: the three lifecycle states, each with its own icon and text.
#[component(StateBadge)]
pub fn state_badge(props: &StateBadgeProps) -> Html {
    let (icon, key, class) = match props.state {
        Some(LifecycleState::Bound) => ("○", "state.bound", "badge badge-bound"),
        Some(LifecycleState::Stopped) => ("■", "state.stopped", "badge badge-stopped"),
        Some(LifecycleState::Started) => ("▶", "state.started", "badge badge-started"),
        None => ("?", "state.unknown", "badge"),
    };
    html! {
        <span class={class}><span class="badge-icon" aria-hidden="true">{ icon }</span>{ t(props.lang, key) }</span>
    }
}

/// The state's name in the current language (Bound / Stopped / Started).
pub fn state_label(lang: Lang, state: LifecycleState) -> &'static str {
    t(
        lang,
        match state {
            LifecycleState::Bound => "state.bound",
            LifecycleState::Stopped => "state.stopped",
            LifecycleState::Started => "state.started",
        },
    )
}
