//! The page header: title, scenario name, and the document commands — New, Import, Export
//! (file, BizTalk binding file, clipboard, report), Permalink, Embed, earlier versions, Undo / Redo, and the language switch.

use crate::i18n::{t, tf, Lang};
use crate::ui::browser;
use crate::ui::components::format::history_text;
use crate::ui::state::{Action, Modal, Pending, ShellProps};
use yew::prelude::*;

/// A file name from the scenario name (`Backup transport takes over` → `backup-transport-takes-over`).
pub fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "scenario".to_string()
    } else {
        s
    }
}

/// The permalink of the current document: this page with `#s=<encoded scenario>`.
pub fn permalink(json: &str) -> String {
    format!("{}#s={}", browser::base_url(), crate::share::encode_scenario(json))
}

#[component(Header)]
pub fn header(props: &ShellProps) -> Html {
    let lang = props.state.lang;
    let d = props.dispatch.clone();
    let (name, can_undo, can_redo, undo_text, redo_text) = {
        let s = props.state.session.borrow();
        // The button keeps its short name; its tooltip (description) says what it undoes.
        let named = |key: &str, label: Option<&crate::ui::history::Label>, hint: &str| match label {
            Some(l) => format!("{} ({})", tf(lang, key, &[("what", &history_text(lang, l))]), t(lang, hint)),
            None => t(lang, hint).to_string(),
        };
        (
            crate::ui::components::format::doc_name(lang, &s.spec().name),
            s.can_undo(),
            s.can_redo(),
            named("header.undo_named", s.undo_label(), "header.undo_keys"),
            named("header.redo_named", s.redo_label(), "header.redo_keys"),
        )
    };
    let export_file = {
        let state = props.state.clone();
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            let s = state.session.borrow();
            let ok = browser::download(&format!("{}.json", slug(&s.spec().name)), "application/json", &s.to_json());
            d.emit(Action::SetStatus(
                t(lang, if ok { "status.downloaded" } else { "status.download_failed" }).to_string(),
            ));
        })
    };
    let export_bindings = {
        let state = props.state.clone();
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            let s = state.session.borrow();
            let xml = crate::bindings::export_bindings(s.spec());
            // The console's default name is `<App>.BindingInfo.xml`.
            let ok = browser::download(&format!("{}.BindingInfo.xml", slug(&s.spec().name)), "application/xml", &xml);
            d.emit(Action::SetStatus(
                t(lang, if ok { "status.downloaded" } else { "status.download_failed" }).to_string(),
            ));
        })
    };
    let copy_json = {
        let state = props.state.clone();
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy_to_clipboard(&state.session.borrow().to_json());
            d.emit(Action::ShowModal(Modal::ExportText));
        })
    };
    let export_report = {
        let state = props.state.clone();
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            let s = state.session.borrow();
            let report = s.sim().borrow().report().to_json();
            let ok = browser::download(&format!("{}.report.json", slug(&s.spec().name)), "application/json", &report);
            d.emit(Action::SetStatus(
                t(lang, if ok { "status.downloaded" } else { "status.download_failed" }).to_string(),
            ));
        })
    };
    let copy_link = {
        let state = props.state.clone();
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            let json = state.session.borrow().to_json();
            match crate::share::encode_shareable(&json) {
                Ok(fragment) => {
                    browser::copy_to_clipboard(&format!("{}#s={fragment}", browser::base_url()));
                    d.emit(Action::SetStatus(t(lang, "status.link_copied").to_string()));
                }
                Err(_) => d.emit(Action::ShowModal(Modal::Notice {
                    key: "notice.link_refused",
                    detail: json,
                    file: "portsim-scenario.json",
                })),
            }
        })
    };
    // French: its texts for the editors and consoles arrive from a file the first time
    // (`ui::french`); the page switches once they are there, or says they could not be fetched.
    let on_lang = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let lang = Lang::from_tag(&crate::ui::components::form_field::event_value(&e));
            let d = d.clone();
            crate::ui::french::when_ready(lang, move |ready| {
                d.emit(Action::SetLang(lang));
                if !ready {
                    d.emit(Action::SetStatus(t(lang, "status.french_missing").to_string()));
                }
            });
        })
    };
    html! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">{ "⇄" }</span>
                <h1>{ t(lang, "app.short_title") }</h1>
                <span class="doc-name" title={t(lang, "header.scenario_name")}>{ name }</span>
            </div>
            <div class="commands" role="toolbar" aria-label={t(lang, "header.toolbar")}>
                <button type="button" class="btn" onclick={d.reform(|_: MouseEvent| Action::AskDiscard(Pending::NewDocument))}>{ t(lang, "header.new") }</button>
                <button type="button" class="btn" onclick={d.reform(|_: MouseEvent| Action::ShowModal(Modal::Import))}>{ t(lang, "header.import") }</button>
                <button type="button" class="btn" onclick={export_file}>{ t(lang, "header.export") }</button>
                <button type="button" class="btn" onclick={export_bindings} title={t(lang, "header.export_bindings_hint")}>{ t(lang, "header.export_bindings") }</button>
                <button type="button" class="btn" onclick={copy_json}>{ t(lang, "header.copy_json") }</button>
                <button type="button" class="btn" onclick={export_report}>{ t(lang, "header.export_report") }</button>
                <button type="button" class="btn" onclick={copy_link}>{ t(lang, "header.permalink") }</button>
                <button type="button" class="btn" onclick={d.reform(|_: MouseEvent| Action::ShowModal(Modal::Embed))}>{ t(lang, "header.embed") }</button>
                <button type="button" class="btn" onclick={d.reform(|_: MouseEvent| Action::ShowModal(Modal::Versions))}
                    title={t(lang, "header.versions_hint")}>{ t(lang, "header.versions") }</button>
                <span class="sep" aria-hidden="true"></span>
                <button type="button" class="btn" disabled={!can_undo} title={undo_text}
                    onclick={d.reform(|_: MouseEvent| Action::Undo)}>{ t(lang, "header.undo") }</button>
                <button type="button" class="btn" disabled={!can_redo} title={redo_text}
                    onclick={d.reform(|_: MouseEvent| Action::Redo)}>{ t(lang, "header.redo") }</button>
                <span class="sep" aria-hidden="true"></span>
                <label for="lang-select" class="lang-label">{ t(lang, "header.language") }</label>
                <select id="lang-select" onchange={on_lang}>
                    <option value="en" selected={lang == Lang::En}>{ t(lang, "lang.en") }</option>
                    <option value="fr" selected={lang == Lang::Fr}>{ t(lang, "lang.fr") }</option>
                </select>
            </div>
        </header>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_from_scenario_names() {
        assert_eq!(super::slug("Backup transport takes over"), "backup-transport-takes-over");
        assert_eq!(super::slug("  ***  "), "scenario");
        assert_eq!(super::slug("SP_A / Groupe"), "sp-a-groupe");
    }
}
