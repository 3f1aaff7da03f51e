//! The tree's context menu (right-click, Shift+F10, the ContextMenu key): the console's New
//! submenu (four port kinds, New Send Port Group), Edit / Rename / Duplicate / Delete and the
//! lifecycle actions, unavailable ones disabled with the engine's reason. ↑/↓ move, Escape closes.

use super::lifecycle_buttons::{action_label, availability};
use crate::engine::model::{Action as SimAction, PortKind, Target};
use crate::i18n::t;
use crate::ui::state::{Action, Modal, UiState};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the menu acts on.
#[derive(Debug, Clone, PartialEq)]
pub enum MenuTarget {
    PortsNode,
    GroupsNode,
    Endpoints,
    Item(Target),
}

#[derive(Properties, PartialEq, Clone)]
pub struct ContextMenuProps {
    pub state: Rc<UiState>,
    pub dispatch: Callback<Action>,
    pub target: MenuTarget,
    pub x: i32,
    pub y: i32,
    /// Called with `true` when focus should go back to the tree item.
    pub on_close: Callback<bool>,
}

struct Entry {
    label: String,
    action: Option<Action>,
    reason: Option<String>,
    separator_before: bool,
}

/// The catalogue key of the console's New-menu entry for a port kind.
pub fn new_kind_key(kind: PortKind) -> &'static str {
    match kind {
        PortKind::StaticOneWay => "new.static_one_way",
        PortKind::StaticSolicitResponse => "new.static_solicit_response",
        PortKind::DynamicOneWay => "new.dynamic_one_way",
        PortKind::DynamicSolicitResponse => "new.dynamic_solicit_response",
    }
}

fn entries(state: &UiState, target: &MenuTarget) -> Vec<Entry> {
    let lang = state.lang;
    let plain = |key: &str, action: Action| Entry {
        label: t(lang, key).to_string(),
        action: Some(action),
        reason: None,
        separator_before: false,
    };
    match target {
        MenuTarget::PortsNode => {
            PortKind::ALL.into_iter().map(|k| plain(new_kind_key(k), Action::NewPort(k))).collect()
        }
        MenuTarget::GroupsNode => vec![plain("new.group", Action::NewGroup)],
        MenuTarget::Endpoints => {
            vec![plain("menu.edit_endpoints", Action::Select(crate::ui::state::Selection::Endpoints))]
        }
        MenuTarget::Item(item) => {
            let mut v = vec![
                plain("menu.edit", Action::EditTarget(item.clone())),
                plain("menu.rename", Action::ShowModal(Modal::Rename { target: item.clone() })),
                plain("menu.duplicate", Action::Duplicate(item.clone())),
                plain("menu.delete", Action::Delete(item.clone())),
            ];
            for (i, (action, reason)) in availability(state, item).into_iter().enumerate() {
                v.push(Entry {
                    label: action_label(lang, action).to_string(),
                    action: Some(Action::Perform(SimAction::Lifecycle { action, target: item.clone() })),
                    reason,
                    separator_before: i == 0,
                });
            }
            v
        }
    }
}

fn focus_menu_item(i: usize) {
    if let Some(el) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("ctx-item-{i}")))
    {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

#[component(ContextMenu)]
pub fn context_menu(props: &ContextMenuProps) -> Html {
    let lang = props.state.lang;
    let items = entries(&props.state, &props.target);
    let enabled: Vec<usize> = items.iter().enumerate().filter(|(_, e)| e.reason.is_none()).map(|(i, _)| i).collect();
    {
        let first = enabled.first().copied();
        use_effect_with((), move |_| {
            if let Some(i) = first {
                focus_menu_item(i);
            }
        });
    }
    let onkeydown = {
        let on_close = props.on_close.clone();
        let enabled = enabled.clone();
        Callback::from(move |e: KeyboardEvent| {
            let current = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.id().strip_prefix("ctx-item-").and_then(|n| n.parse::<usize>().ok()));
            let pos = current.and_then(|c| enabled.iter().position(|i| *i == c)).unwrap_or(0);
            match e.key().as_str() {
                "Escape" => {
                    e.prevent_default();
                    on_close.emit(true);
                }
                "Tab" => on_close.emit(false),
                "ArrowDown" => {
                    e.prevent_default();
                    if let Some(i) = enabled.get((pos + 1) % enabled.len().max(1)) {
                        focus_menu_item(*i);
                    }
                }
                "ArrowUp" => {
                    e.prevent_default();
                    let n = enabled.len().max(1);
                    if let Some(i) = enabled.get((pos + n - 1) % n) {
                        focus_menu_item(*i);
                    }
                }
                _ => {}
            }
        })
    };
    let backdrop = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_close.emit(false)
        })
    };
    let label = match &props.target {
        MenuTarget::Item(t) => t.name().to_string(),
        MenuTarget::PortsNode => t(lang, "tree.send_ports").to_string(),
        MenuTarget::GroupsNode => t(lang, "tree.send_port_groups").to_string(),
        MenuTarget::Endpoints => t(lang, "tree.endpoints").to_string(),
    };
    let style = format!("left: {}px; top: {}px", props.x.max(0), props.y.max(0));
    html! {
        <>
            <div class="menu-backdrop" onclick={backdrop.clone()} oncontextmenu={backdrop}></div>
            <div class="context-menu" role="menu" aria-label={label} {style} {onkeydown}>
                { for items.into_iter().enumerate().map(|(i, entry)| {
                    let id = format!("ctx-item-{i}");
                    let reason_id = format!("ctx-reason-{i}");
                    let sep = entry.separator_before.then(|| html! { <div role="separator" class="menu-sep"></div> });
                    let dispatch = props.dispatch.clone();
                    let on_close = props.on_close.clone();
                    let action = entry.action.clone();
                    let onclick = Callback::from(move |_: MouseEvent| {
                        if let Some(a) = action.clone() {
                            on_close.emit(true);
                            dispatch.emit(a);
                        }
                    });
                    match entry.reason {
                        None => html! {
                            <>{ for sep }<button type="button" role="menuitem" class="menu-item" {id} tabindex="-1" {onclick}>
                                { entry.label }</button></>
                        },
                        Some(reason) => html! {
                            <>{ for sep }<div role="none" class="menu-row">
                                <button type="button" role="menuitem" class="menu-item" {id} tabindex="-1"
                                    disabled=true aria-disabled="true" title={reason.clone()} aria-describedby={reason_id.clone()}>
                                    { entry.label }
                                </button>
                                <span class="reason" id={reason_id}>{ reason }</span>
                            </div></>
                        },
                    }
                }) }
            </div>
        </>
    }
}
