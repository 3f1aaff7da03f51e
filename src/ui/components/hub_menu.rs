//! A Group Hub row's action menu (its "⋯" button or a right-click on the row), as the BizTalk
//! console's context menu: Why?, show the message, and "Resume all / Terminate all" for the row's
//! send port or for the group it came through, each with the number of instances it acts on.
//! Choosing one asks for confirmation; confirmed, it is ONE engine action
//! (`resume`/`terminate` `{ "port": … }` or `{ "group": … }`), so it is recorded in the script as
//! one line and is one labelled undo step (SEMANTICS §4 DECISION "Resume all suspended for this
//! port/group"; §5 Resume applies to Suspended (resumable), Terminate to anything not final).

use super::hub_query::{count_for, Names, QueryRow};
use crate::engine::model::{Action, InstanceSelector};
use crate::engine::simulation::InstanceInfo;
use crate::i18n::{t, tf, Lang};
use yew::prelude::*;

/// One bulk choice of the menu.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkChoice {
    pub action: Action,
    /// How many instances it acts on now (0 = disabled).
    pub count: usize,
    /// The menu item's text.
    pub label: String,
    /// The confirmation question and its confirm button.
    pub question: String,
    pub confirm: String,
}

/// The bulk choices for a row: Resume all / Terminate all for its port, then for its group;
/// `rows()` gives every instance as a query row (counted once per choice).
pub fn choices<I: Iterator<Item = QueryRow>>(
    lang: Lang,
    row: &InstanceInfo,
    names: &Names,
    rows: impl Fn() -> I,
) -> Vec<BulkChoice> {
    let mut out = Vec::new();
    let mut push = |resume: bool, port: Option<&str>, group: Option<&str>| {
        let (p, g) = (port.and_then(|p| names.port_index(p)), group.and_then(|g| names.group_index(g)));
        let count = if p.is_some() || g.is_some() { count_for(rows(), p, g, resume) } else { 0 };
        let n = count.to_string();
        let (sel, name, kind) = match (port, group) {
            (Some(p), _) => (InstanceSelector::Port(p.to_string()), p, "port"),
            (None, Some(g)) => (InstanceSelector::Group(g.to_string()), g, "group"),
            (None, None) => return,
        };
        let key = |what: &str| format!("hub.menu.{}_{kind}_{what}", if resume { "resume" } else { "terminate" });
        let args = [("count", n.as_str()), ("name", name)];
        out.push(BulkChoice {
            action: if resume { Action::Resume(sel) } else { Action::Terminate(sel) },
            count,
            label: tf(lang, &key("item"), &args),
            question: tf(lang, &key("question"), &args),
            confirm: tf(lang, &key("confirm"), &args),
        });
    };
    push(true, Some(&row.port), None);
    push(false, Some(&row.port), None);
    if let Some(g) = &row.via {
        push(true, None, Some(g));
        push(false, None, Some(g));
    }
    out
}

#[derive(Properties, PartialEq, Clone)]
pub struct HubMenuProps {
    pub lang: Lang,
    /// The row's accessible name ("M1 on SP_A").
    pub row_name: AttrValue,
    pub choices: Vec<BulkChoice>,
    pub on_why: Callback<()>,
    pub on_show: Callback<()>,
    pub on_pick: Callback<BulkChoice>,
    pub on_close: Callback<()>,
}

/// The open menu: focusable items, Escape closes it.
#[component(HubMenu)]
pub fn hub_menu(props: &HubMenuProps) -> Html {
    let lang = props.lang;
    let menu_ref = use_node_ref();
    {
        let menu_ref = menu_ref.clone();
        use_effect_with((), move |_| {
            if let Some(first) = menu_ref
                .cast::<web_sys::Element>()
                .and_then(|m| m.query_selector("button:not([disabled])").ok().flatten())
                .and_then(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok())
            {
                let _ = first.focus();
            }
        });
    }
    let on_key = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_close.emit(());
            }
        })
    };
    let item = |text: String, cb: Callback<MouseEvent>, disabled: bool| {
        html! { <li role="none"><button type="button" role="menuitem" onclick={cb} {disabled}>{ text }</button></li> }
    };
    let why = props.on_why.reform(|_: MouseEvent| ());
    let show = props.on_show.reform(|_: MouseEvent| ());
    html! {
        <ul class="hub-menu" role="menu" ref={menu_ref} onkeydown={on_key}
            aria-label={tf(lang, "hub.menu.label", &[("row", props.row_name.as_str())])}>
            { item(t(lang, "obs.hub.why").to_string(), why, false) }
            { item(t(lang, "hub.menu.show_message").to_string(), show, false) }
            { for props.choices.iter().map(|c| {
                let on_pick = props.on_pick.clone();
                let choice = c.clone();
                item(c.label.clone(), Callback::from(move |_: MouseEvent| on_pick.emit(choice.clone())), c.count == 0)
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct HubConfirmProps {
    pub lang: Lang,
    pub choice: BulkChoice,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// "Resume the 3 suspended (resumable) instances that came via group SPG?" — confirm or cancel
/// (Escape cancels); the confirm button has the focus.
#[component(HubConfirm)]
pub fn hub_confirm(props: &HubConfirmProps) -> Html {
    let lang = props.lang;
    use_effect_with((), |_| crate::ui::browser::focus("hub-confirm-ok"));
    let on_key = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_cancel.emit(());
            }
        })
    };
    html! {
        <div class="modal-backdrop">
            <div class="modal hub-confirm" role="alertdialog" aria-modal="true" aria-labelledby="hub-confirm-title"
                aria-describedby="hub-confirm-note" onkeydown={on_key}>
                <div class="modal-head"><h2 id="hub-confirm-title">{ props.choice.question.clone() }</h2></div>
                <div class="modal-body">
                    <p id="hub-confirm-note">{ t(lang, "hub.confirm.note") }</p>
                    <div class="editor-actions">
                        <button type="button" id="hub-confirm-ok" class="btn btn-primary" onclick={props.on_confirm.reform(|_: MouseEvent| ())}>
                            { props.choice.confirm.clone() }
                        </button>
                        <button type="button" class="btn" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ t(lang, "hub.confirm.cancel") }</button>
                    </div>
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::simulation::InstanceStatus;
    use crate::engine::time::SimTime;

    fn info(id: u64, port: &str, via: Option<&str>, status: InstanceStatus) -> InstanceInfo {
        InstanceInfo {
            id,
            message: format!("M{id}"),
            port: port.into(),
            via: via.map(str::to_string),
            host: "H".into(),
            status,
            reason: None,
            created: SimTime(0),
            completed: None,
            service_instance: None,
            attempts: Vec::new(),
            marks: Vec::new(),
        }
    }

    #[test]
    fn a_group_copy_offers_port_and_group_choices_with_their_counts() {
        let all = [
            info(1, "SP_A", Some("SPG"), InstanceStatus::SuspendedResumable),
            info(2, "SP_A", None, InstanceStatus::SuspendedResumable),
            info(3, "SP_B", Some("SPG"), InstanceStatus::Active),
            info(4, "SP_B", Some("SPG"), InstanceStatus::Completed),
        ];
        let names = super::super::hub_query::names_of(&all);
        let rows = || all.iter().map(|i| super::super::hub_query::row_of(i, 0, &names));
        let c = choices(Lang::En, &all[0], &names, rows);
        let got: Vec<(&Action, usize, &str)> = c.iter().map(|c| (&c.action, c.count, c.label.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (
                    &Action::Resume(InstanceSelector::Port("SP_A".into())),
                    2,
                    "Resume all suspended on send port SP_A (2)"
                ),
                (&Action::Terminate(InstanceSelector::Port("SP_A".into())), 2, "Terminate all on send port SP_A (2)"),
                (&Action::Resume(InstanceSelector::Group("SPG".into())), 1, "Resume all suspended via group SPG (1)"),
                (&Action::Terminate(InstanceSelector::Group("SPG".into())), 2, "Terminate all via group SPG (2)"),
            ]
        );
        assert_eq!(c[0].question, "Resume the 2 suspended (resumable) instances on send port SP_A?");
        // A direct copy offers its port only.
        assert_eq!(choices(Lang::Fr, &all[1], &names, rows).len(), 2);
    }
}
