//! A preset's scenario file, fetched when the visitor loads it (the gallery's Load, Start lesson,
//! Next lesson): the page's wasm does not carry the 17 scenario files (`crate::presets`; issue 14
//! §2), trunk copies them next to the page (`presets/NN_name.json`). Natively (the reducer tests)
//! the compiled file is handed over at once.

use crate::i18n::{tf, Lang};
use crate::presets::Preset;
use crate::ui::state::{Action, Pending};
use yew::{Callback, MouseEvent};

/// Calls `then(json)` with the preset's scenario text once it is there; when it cannot be fetched
/// (offline, missing file), sends `on_status` the notice that says so — naming the preset and its
/// file — and the document stays as it was.
pub fn with_preset(
    preset: &'static Preset,
    lang: Lang,
    on_status: Callback<String>,
    then: impl FnOnce(String) + 'static,
) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (lang, on_status);
        then(preset.json().to_string());
    }
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move {
        match super::browser::fetch_text(preset.path).await {
            Some(json) => {
                // The notice of an earlier failed fetch would now be wrong: cleared.
                if NOTICE_SHOWN.replace(false) {
                    on_status.emit(String::new());
                }
                then(json)
            }
            None => {
                NOTICE_SHOWN.set(true);
                on_status.emit(missing_notice(preset, lang))
            }
        }
    });
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The status bar shows a "could not be fetched" notice.
    static NOTICE_SHOWN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The click that starts (or restarts) lesson `index`: fetches its preset, then asks before the
/// preset replaces the document (`Pending::Lesson`); a lesson without a known preset does nothing.
pub fn start_lesson(dispatch: &Callback<Action>, lang: Lang, index: usize) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: MouseEvent| {
        let lesson = crate::tutorials::lessons().into_iter().nth(index);
        let Some(preset) = lesson.and_then(|l| crate::presets::by_id(l.preset)) else { return };
        let d = dispatch.clone();
        let on_status = dispatch.reform(Action::SetStatus);
        with_preset(preset, lang, on_status, move |json| d.emit(Action::AskDiscard(Pending::Lesson { index, json })));
    })
}

/// "The scenario … could not be fetched (presets/…)".
pub fn missing_notice(preset: &Preset, lang: Lang) -> String {
    tf(lang, "status.preset_missing", &[("title", crate::i18n::t(lang, preset.title_key)), ("file", preset.path)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natively_the_compiled_file_is_handed_over_and_the_notice_names_the_preset_and_its_file() {
        let Some(preset) = crate::presets::by_id("bound_port") else { panic!("no preset bound_port") };
        let got = std::rc::Rc::new(std::cell::RefCell::new(None));
        let sink = got.clone();
        with_preset(preset, Lang::En, Callback::noop(), move |json| *sink.borrow_mut() = Some(json));
        assert_eq!(got.borrow().as_deref(), Some(preset.json()));
        let notice = missing_notice(preset, Lang::En);
        assert!(notice.contains("“A Bound port”"), "{notice}");
        assert!(notice.contains("presets/11_bound_port.json"), "{notice}");
        assert!(!notice.contains('{'), "{notice}");
    }
}
