//! The preset gallery: one card per built-in scenario (`crate::presets`) with its title, what to
//! watch, the SEMANTICS rules it shows, and a Load button (which fetches the scenario file first:
//! `ui::preset_fetch`).

use crate::i18n::{t, tf, Lang};
use crate::presets;
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct PresetGalleryProps {
    pub lang: Lang,
    /// Receives the chosen preset's scenario JSON (the shell asks before replacing the document).
    pub on_load: Callback<String>,
    /// Receives the notice when the scenario file could not be fetched.
    pub on_status: Callback<String>,
}

/// Cards for every preset; each Load button is named "Load <title>" for assistive technology.
#[component(PresetGallery)]
pub fn preset_gallery(props: &PresetGalleryProps) -> Html {
    let lang = props.lang;
    let cards = presets::all().iter().map(|preset| {
        let title = t(lang, preset.title_key);
        let on_click = {
            let (on_load, on_status) = (props.on_load.clone(), props.on_status.clone());
            Callback::from(move |_: MouseEvent| {
                let on_load = on_load.clone();
                crate::ui::preset_fetch::with_preset(preset, lang, on_status.clone(), move |json| on_load.emit(json));
            })
        };
        let heading_id = format!("preset-{}-title", preset.id);
        html! {
            <li class="preset-card" key={preset.id} aria-labelledby={heading_id.clone()}>
                <h3 id={heading_id}>{ title }</h3>
                <p class="preset-summary">{ t(lang, preset.summary_key) }</p>
                <p class="preset-rules">
                    <span class="preset-rules-label">{ t(lang, "gallery.rules") }{ crate::i18n::colon(lang) }</span>
                    { for preset.rules.iter().map(|rule| html! { <><span class="rule-chip">{ *rule }</span>{ " " }</> }) }
                </p>
                <button type="button" class="preset-load" onclick={on_click}
                    aria-label={tf(lang, "gallery.load_named", &[("title", title)])}>
                    { t(lang, "gallery.load") }
                </button>
            </li>
        }
    });
    html! {
        <section class="preset-gallery" aria-labelledby="preset-gallery-heading">
            <h2 id="preset-gallery-heading">{ t(lang, "gallery.heading") }</h2>
            <p>{ t(lang, "gallery.intro") }</p>
            <ul class="preset-cards">{ for cards }</ul>
        </section>
    }
}
