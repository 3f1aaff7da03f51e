//! Modal dialogs (role=dialog, aria-modal, Escape closes, focus moves in on open): the error list
//! of a refused import or edit (every error with its JSON path), delete and discard
//! confirmations, rename, import (file or pasted text), export text, embed snippet, earlier autosaved versions, notices.

use super::form_field::event_value;
use crate::engine::scenario::ScenarioError;
use crate::i18n::{t, tf, tn, Lang};
use crate::ui::browser;
use crate::ui::session::DeleteBlocker;
use crate::ui::state::{Action, Modal, Pending, ShellProps};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
struct FrameProps {
    lang: Lang,
    title: AttrValue,
    on_close: Callback<()>,
    children: Html,
    #[prop_or_default]
    alert: bool,
}

/// The dialog frame: backdrop, role, Escape, initial focus.
#[component(DialogFrame)]
fn dialog_frame(props: &FrameProps) -> Html {
    use_effect_with((), |_| browser::focus("dialog-first"));
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_close.emit(());
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="modal-backdrop">
            <div class="modal" role={if props.alert { "alertdialog" } else { "dialog" }} aria-modal="true"
                aria-labelledby="dialog-title" {onkeydown}>
                <div class="modal-head">
                    <h2 id="dialog-title">{ props.title.clone() }</h2>
                    <button type="button" class="btn btn-icon" onclick={close} aria-label={t(props.lang, "dialog.close")}>{ "✕" }</button>
                </div>
                <div class="modal-body">{ props.children.clone() }</div>
            </div>
        </div>
    }
}

fn error_list(lang: Lang, errors: &[ScenarioError]) -> Html {
    html! {
        <table class="grid errors">
            <thead><tr>
                <th scope="col">{ t(lang, "errors.path") }</th>
                <th scope="col">{ t(lang, "errors.kind") }</th>
                <th scope="col">{ t(lang, "errors.message") }</th>
            </tr></thead>
            <tbody>
            { for errors.iter().map(|e| html! {
                <tr>
                    <td class="mono">{ if e.path.is_empty() { t(lang, "errors.whole_file").to_string() } else { e.path.clone() } }</td>
                    <td>{ e.kind.code() }</td>
                    <td>{ e.message.clone() }</td>
                </tr>
            }) }
            </tbody>
        </table>
    }
}

#[component(Dialogs)]
pub fn dialogs(props: &ShellProps) -> Html {
    let lang = props.state.lang;
    let close = props.dispatch.reform(|_: ()| Action::CloseModal);
    let close_click = props.dispatch.reform(|_: MouseEvent| Action::CloseModal);
    let Some(modal) = props.state.modal.clone() else { return Html::default() };
    match modal {
        Modal::Errors { title_key, errors } => html! {
            <DialogFrame {lang} title={tn(lang, title_key, errors.len() as u64, &[])} on_close={close} alert=true>
                <p>{ t(lang, "errors.nothing_changed") }</p>
                { error_list(lang, &errors) }
                <div class="editor-actions">
                    <button type="button" id="dialog-first" class="btn btn-primary" onclick={close_click}>{ t(lang, "dialog.ok") }</button>
                </div>
            </DialogFrame>
        },
        Modal::DeleteRefused { target, blockers } => {
            let name = target.name().to_string();
            let kind = match &target {
                crate::engine::model::Target::Port(_) => t(lang, "delete.kind_port"),
                crate::engine::model::Target::Group(_) => t(lang, "delete.kind_group"),
            };
            let items: Html = blockers
                .iter()
                .map(|b| {
                    let (reason, steps) = match b {
                        DeleteBlocker::Enlisted(state) => {
                            let st = match state {
                                crate::engine::model::LifecycleState::Bound => t(lang, "state.bound"),
                                crate::engine::model::LifecycleState::Stopped => t(lang, "state.stopped"),
                                crate::engine::model::LifecycleState::Started => t(lang, "state.started"),
                            };
                            let steps = if *state == crate::engine::model::LifecycleState::Started {
                                tf(lang, "delete.steps_stop_unenlist", &[("name", &name)])
                            } else {
                                tf(lang, "delete.steps_unenlist", &[("name", &name)])
                            };
                            (
                                tf(lang, "delete.reason_enlisted", &[("name", &name), ("state", st), ("kind", kind)]),
                                steps,
                            )
                        }
                        DeleteBlocker::InGroups(groups) => {
                            let list = groups.join(", ");
                            (
                                tf(lang, "delete.reason_in_groups", &[("name", &name), ("groups", &list)]),
                                tf(lang, "delete.steps_leave_groups", &[("name", &name), ("groups", &list)]),
                            )
                        }
                    };
                    html! { <li><strong>{ reason }</strong>{ " " }{ steps }</li> }
                })
                .collect();
            html! {
                <DialogFrame {lang} title={tf(lang, "delete.refused_title", &[("name", &name)])} on_close={close} alert=true>
                    <p>{ t(lang, "delete.rule") }</p>
                    <ul class="delete-reasons">{ items }</ul>
                    <div class="editor-actions">
                        <button type="button" id="dialog-first" class="btn" onclick={close_click}>{ t(lang, "dialog.close") }</button>
                    </div>
                </DialogFrame>
            }
        }
        Modal::ConfirmDelete { target, impact } => {
            let name = target.name().to_string();
            let confirm = props.dispatch.reform(move |_: MouseEvent| Action::ConfirmDelete(target.clone()));
            html! {
                <DialogFrame {lang} title={tf(lang, "confirm.delete_title", &[("name", &name)])} on_close={close} alert=true>
                    <p>{ tf(lang, "confirm.delete_body", &[
                        ("name", &name),
                        ("instances", &tn(lang, "confirm.delete_instances", impact.instances as u64, &[])),
                        ("lines", &tn(lang, "confirm.delete_lines", impact.script_lines as u64, &[])),
                    ]) }</p>
                    <div class="editor-actions">
                        <button type="button" class="btn btn-danger" onclick={confirm}>{ t(lang, "confirm.delete_rewrite") }</button>
                        <button type="button" id="dialog-first" class="btn" onclick={close_click}>{ t(lang, "editor.cancel") }</button>
                    </div>
                </DialogFrame>
            }
        }
        Modal::ConfirmUnroutable { action } => {
            let confirm = props.dispatch.reform(move |_: MouseEvent| Action::Perform(action.clone()));
            html! {
                <DialogFrame {lang} title={t(lang, "inject.unroutable_title")} on_close={close} alert=true>
                    <p>{ t(lang, "inject.unroutable_body") }</p>
                    <div class="editor-actions">
                        <button type="button" class="btn btn-danger" onclick={confirm}>{ t(lang, "inject.publish_anyway") }</button>
                        <button type="button" id="dialog-first" class="btn" onclick={close_click}>{ t(lang, "editor.cancel") }</button>
                    </div>
                </DialogFrame>
            }
        }
        Modal::ConfirmDiscard { pending } => {
            let body_key = match &pending {
                Pending::NewDocument => "confirm.new_body",
                Pending::Load { source_key, .. } => source_key,
                Pending::Lesson { .. } => "confirm.preset_body",
            };
            let confirm = props.dispatch.reform(move |_: MouseEvent| Action::ConfirmDiscard(pending.clone()));
            html! {
                <DialogFrame {lang} title={t(lang, "confirm.discard_title")} on_close={close} alert=true>
                    <p>{ t(lang, body_key) }</p>
                    <div class="editor-actions">
                        <button type="button" class="btn btn-primary" onclick={confirm}>{ t(lang, "confirm.continue") }</button>
                        <button type="button" id="dialog-first" class="btn" onclick={close_click}>{ t(lang, "editor.cancel") }</button>
                    </div>
                </DialogFrame>
            }
        }
        Modal::Rename { target } => {
            html! { <RenameDialog state={props.state.clone()} dispatch={props.dispatch.clone()} {target} /> }
        }
        Modal::Import => html! { <ImportDialog state={props.state.clone()} dispatch={props.dispatch.clone()} /> },
        Modal::BindingsImport { xml } => html! {
            <DialogFrame {lang} title={t(lang, "bindings.dialog.title")} on_close={close.clone()}>
                <super::bindings_import::BindingsImportDialog {lang} {xml} dispatch={props.dispatch.clone()} on_close={close} />
            </DialogFrame>
        },
        Modal::ExportText => {
            let json = props.state.session.borrow().to_json();
            let copy = {
                let json = json.clone();
                let dispatch = props.dispatch.clone();
                Callback::from(move |_: MouseEvent| {
                    browser::copy_to_clipboard(&json);
                    dispatch.emit(Action::SetStatus(t(lang, "status.copied").to_string()));
                })
            };
            html! {
                <DialogFrame {lang} title={t(lang, "export.title")} on_close={close}>
                    <label for="export-text">{ t(lang, "export.json") }</label>
                    <textarea id="export-text" class="code" readonly=true rows="16" value={json} />
                    <div class="editor-actions">
                        <button type="button" id="dialog-first" class="btn btn-primary" onclick={copy}>{ t(lang, "export.copy") }</button>
                        <button type="button" class="btn" onclick={close_click}>{ t(lang, "dialog.close") }</button>
                    </div>
                </DialogFrame>
            }
        }
        Modal::Embed => {
            let json = props.state.session.borrow().to_json();
            let Ok(fragment) = crate::share::encode_shareable(&json) else {
                // The page would refuse this link: say so now, and offer the file instead.
                let export = Callback::from(move |_: MouseEvent| {
                    browser::download("portsim-scenario.json", "application/json", &json);
                });
                return html! {
                    <DialogFrame {lang} title={t(lang, "embed.title")} on_close={close}>
                        <p role="alert">{ t(lang, "notice.link_refused") }</p>
                        <div class="editor-actions">
                            <button type="button" id="dialog-first" class="btn btn-primary" onclick={export}>{ t(lang, "header.export") }</button>
                            <button type="button" class="btn" onclick={close_click}>{ t(lang, "dialog.close") }</button>
                        </div>
                    </DialogFrame>
                };
            };
            // The light embed (embed/): the documentation-page build, a fraction of the full page.
            let url = format!("{}#s={fragment}", browser::embed_url());
            let snippet = format!(
                "<iframe src=\"{}\" title=\"{}\" width=\"800\" height=\"480\" style=\"border:1px solid #ccc\" loading=\"lazy\"></iframe>",
                url.replace('"', "&quot;"),
                props.state.session.borrow().spec().name.replace('"', "&quot;")
            );
            let copy = {
                let snippet = snippet.clone();
                let dispatch = props.dispatch.clone();
                Callback::from(move |_: MouseEvent| {
                    browser::copy_to_clipboard(&snippet);
                    dispatch.emit(Action::SetStatus(t(lang, "status.copied").to_string()));
                })
            };
            html! {
                <DialogFrame {lang} title={t(lang, "embed.title")} on_close={close}>
                    <p>{ t(lang, "embed.hint") }</p>
                    <label for="embed-text">{ t(lang, "embed.snippet") }</label>
                    <textarea id="embed-text" class="code" readonly=true rows="6" value={snippet} />
                    <div class="editor-actions">
                        <button type="button" id="dialog-first" class="btn btn-primary" onclick={copy}>{ t(lang, "embed.copy") }</button>
                        <button type="button" class="btn" onclick={close_click}>{ t(lang, "dialog.close") }</button>
                    </div>
                </DialogFrame>
            }
        }
        Modal::OtherTab => {
            let take_over = Callback::from(|_: MouseEvent| {
                crate::ui::tabs::take_over();
                // Boot again from the latest autosave (the other tab's last save), then save here.
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            });
            let read_only = {
                let d = props.dispatch.clone();
                // Closing the dialog any other way is read-only too: the safe choice.
                Callback::from(move |_: ()| {
                    crate::ui::tabs::stop_saving();
                    d.emit(Action::PauseAutosave);
                    d.emit(Action::CloseModal);
                    d.emit(Action::SetStatus(t(lang, "status.read_only").to_string()));
                })
            };
            html! {
                <DialogFrame {lang} title={t(lang, "tabs.title")} on_close={read_only.clone()}>
                    <p>{ t(lang, "tabs.body") }</p>
                    <div class="editor-actions">
                        <button type="button" id="dialog-first" class="btn btn-primary" onclick={take_over}>{ t(lang, "tabs.take_over") }</button>
                        <button type="button" class="btn" onclick={read_only.reform(|_: MouseEvent| ())}>{ t(lang, "tabs.read_only") }</button>
                    </div>
                </DialogFrame>
            }
        }
        Modal::Versions => {
            // Read when the dialog opens: the versions kept by the autosave (app.rs), newest
            // first, except the document open now. Restoring is an import: one undoable step.
            use crate::ui::autosave_versions as versions;
            let ring = versions::parse(browser::storage_get(versions::VERSIONS_KEY).as_deref());
            let current = props.state.session.borrow().to_json();
            let rows: Html = versions::earlier(&ring, &current)
                .into_iter()
                .map(|v| {
                    let when = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(v.saved_ms))
                        .to_locale_string(lang.code(), &wasm_bindgen::JsValue::UNDEFINED)
                        .as_string()
                        .unwrap_or_default();
                    let label = tf(lang, "versions.restore_named", &[("name", &v.name), ("time", &when)]);
                    let (ports, groups) = versions::counts(v);
                    let summary = tf(
                        lang,
                        "versions.counts",
                        &[("ports", &ports.to_string()), ("groups", &groups.to_string())],
                    );
                    let json = v.scenario.clone();
                    let restore = props.dispatch.reform(move |_: MouseEvent| Action::Import { json: json.clone() });
                    html! {
                        <li class="version-row">
                            <time>{ when }</time>{ " — " }<span class="version-name">{ v.name.clone() }</span>{ " " }
                            <span class="version-counts">{ summary }</span>{ " " }
                            <button type="button" class="btn" aria-label={label} onclick={restore}>{ t(lang, "versions.restore") }</button>
                        </li>
                    }
                })
                .collect();
            let empty = versions::earlier(&ring, &current).is_empty();
            html! {
                <DialogFrame {lang} title={t(lang, "versions.title")} on_close={close}>
                    <p>{ t(lang, if empty { "versions.none" } else { "versions.body" }) }</p>
                    if !empty {
                        <ul class="version-list" aria-label={t(lang, "versions.title")}>{ rows }</ul>
                    }
                    <div class="editor-actions">
                        <button type="button" id="dialog-first" class="btn" onclick={close_click}>{ t(lang, "dialog.close") }</button>
                    </div>
                </DialogFrame>
            }
        }
        Modal::Notice { key, detail, file } => {
            let download = {
                let detail = detail.clone();
                Callback::from(move |_: MouseEvent| {
                    browser::download(file, "application/json", &detail);
                })
            };
            // A set-aside value is downloaded as is; the current scenario is exported.
            let download_label = if file.ends_with("set-aside.json") { "notice.download" } else { "header.export" };
            html! {
                <DialogFrame {lang} title={t(lang, "notice.title")} on_close={close}>
                    <p>{ t(lang, key) }</p>
                    if !detail.is_empty() {
                        <label for="notice-text">{ t(lang, "notice.detail") }</label>
                        <textarea id="notice-text" class="code" readonly=true rows="8" value={detail} />
                    }
                    <div class="editor-actions">
                        <button type="button" id="dialog-first" class="btn btn-primary" onclick={close_click}>{ t(lang, "dialog.ok") }</button>
                        if !file.is_empty() {
                            <button type="button" class="btn" onclick={download}>{ t(lang, download_label) }</button>
                        }
                    </div>
                </DialogFrame>
            }
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
struct RenameProps {
    state: std::rc::Rc<crate::ui::state::UiState>,
    dispatch: Callback<Action>,
    target: crate::engine::model::Target,
}

#[component(RenameDialog)]
fn rename_dialog(props: &RenameProps) -> Html {
    let lang = props.state.lang;
    let name = use_state(|| props.target.name().to_string());
    let close = props.dispatch.reform(|_: ()| Action::CloseModal);
    let close_click = props.dispatch.reform(|_: MouseEvent| Action::CloseModal);
    let onsubmit = {
        let dispatch = props.dispatch.clone();
        let target = props.target.clone();
        let name = name.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.emit(Action::Rename { target: target.clone(), name: (*name).clone() });
        })
    };
    let oninput = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(event_value(&e)))
    };
    // Validated as typed: a clash or an empty name is shown here and cannot be applied.
    let errors: Vec<String> = {
        let session = props.state.session.borrow();
        let candidate = crate::ui::session::renamed(session.spec(), &props.target, &name);
        crate::ui::session::Session::check(&candidate)
            .into_iter()
            .filter(|e| e.path.ends_with("/name") || e.path.contains("/members"))
            .map(|e| e.message)
            .collect()
    };
    let unchanged = *name == props.target.name();
    html! {
        <DialogFrame {lang} title={tf(lang, "rename.title", &[("name", props.target.name())])} on_close={close}>
            <form {onsubmit}>
                <div class={classes!("field", (!errors.is_empty()).then_some("invalid"))}>
                    <label for="dialog-first">{ t(lang, "rename.new_name") }</label>
                    <input id="dialog-first" type="text" value={(*name).clone()} {oninput}
                        aria-invalid={if errors.is_empty() { "false" } else { "true" }}
                        aria-describedby={(!errors.is_empty()).then_some("rename-err")} />
                    if !errors.is_empty() {
                        <span class="field-error" id="rename-err" role="alert">{ errors.join(" ") }</span>
                    }
                </div>
                <div class="editor-actions">
                    <button type="submit" class="btn btn-primary" disabled={!errors.is_empty() || unchanged}>{ t(lang, "menu.rename") }</button>
                    <button type="button" class="btn" onclick={close_click}>{ t(lang, "editor.cancel") }</button>
                </div>
            </form>
        </DialogFrame>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct ImportProps {
    state: std::rc::Rc<crate::ui::state::UiState>,
    dispatch: Callback<Action>,
}

/// Where a file's text goes: a BizTalk binding file (by its `.xml` name, or XML text) opens the
/// binding import summary; anything else is read as a scenario.
pub fn route_import(name: Option<&str>, text: String) -> Action {
    let by_name = name.map(|n| n.to_ascii_lowercase());
    let xml = match by_name.as_deref() {
        Some(n) if n.ends_with(".xml") => true,
        Some(n) if n.ends_with(".json") => false,
        _ => text.trim_start_matches('\u{feff}').trim_start().starts_with('<'),
    };
    if xml {
        Action::ShowModal(Modal::BindingsImport { xml: std::rc::Rc::from(text) })
    } else {
        Action::Import { json: text }
    }
}

/// Reads a chosen or dropped file and routes it (`route_import`).
fn read_file(
    file: web_sys::File,
    dispatch: &Callback<Action>,
    reader: &std::rc::Rc<std::cell::RefCell<Option<gloo::file::callbacks::FileReader>>>,
) {
    let dispatch = dispatch.clone();
    let name = file.name();
    let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |r| match r {
        Ok(text) => dispatch.emit(route_import(Some(&name), text)),
        Err(err) => dispatch.emit(Action::SetStatus(err.to_string())),
    });
    *reader.borrow_mut() = Some(task);
}

#[component(ImportDialog)]
fn import_dialog(props: &ImportProps) -> Html {
    let lang = props.state.lang;
    let text = use_state(String::new);
    let dragging = use_state(|| false);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let close = props.dispatch.reform(|_: ()| Action::CloseModal);
    let close_click = props.dispatch.reform(|_: MouseEvent| Action::CloseModal);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(event_value(&e)))
    };
    let onfile = {
        let dispatch = props.dispatch.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let file = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                read_file(file, &dispatch, &reader);
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dispatch = props.dispatch.clone();
        let reader = reader.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                read_file(file, &dispatch, &reader);
            }
        })
    };
    let onsubmit = {
        let dispatch = props.dispatch.clone();
        let text = text.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.emit(route_import(None, (*text).clone()));
        })
    };
    html! {
        <DialogFrame {lang} title={t(lang, "import.title")} on_close={close}>
            <form {onsubmit}>
                <div class="field">
                    <label for="dialog-first">{ t(lang, "import.file") }</label>
                    <input id="dialog-first" type="file" accept=".json,.xml,application/json,text/xml,application/xml" onchange={onfile} />
                </div>
                <div class={classes!("dropzone", dragging.then_some("dragging"))} id="import-drop"
                    {ondragover} {ondragleave} {ondrop}>
                    { t(lang, "import.drop") }
                </div>
                <div class="field">
                    <label for="import-text">{ t(lang, "import.paste") }</label>
                    <textarea id="import-text" class="code" rows="12" value={(*text).clone()} {oninput} />
                </div>
                <div class="editor-actions">
                    <button type="submit" class="btn btn-primary" disabled={text.trim().is_empty()}>{ t(lang, "import.load") }</button>
                    <button type="button" class="btn" onclick={close_click}>{ t(lang, "editor.cancel") }</button>
                </div>
            </form>
        </DialogFrame>
    }
}
