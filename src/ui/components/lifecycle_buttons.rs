//! Enlist / Start / Stop / Unenlist buttons for a port or group. The engine decides what is
//! available (`Simulation::available_actions`, rules L1–L4 and G1–G3); an unavailable action is a
//! disabled button whose reason is both its title and visible text (aria-describedby).

use crate::engine::model::{Action as SimAction, LifecycleAction, Target};
use crate::engine::simulation::Refusal;
use crate::i18n::{t, tf, tn, Lang};
use crate::ui::state::{Action, UiState};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct LifecycleButtonsProps {
    pub state: Rc<UiState>,
    pub dispatch: Callback<Action>,
    pub target: Target,
    /// A prefix for element ids (the tree's menu and the detail view both render these).
    pub id_prefix: AttrValue,
}

/// The label of a lifecycle action in the current language.
pub fn action_label(lang: Lang, action: LifecycleAction) -> &'static str {
    t(
        lang,
        match action {
            LifecycleAction::Enlist => "action.enlist",
            LifecycleAction::Start => "action.start",
            LifecycleAction::Stop => "action.stop",
            LifecycleAction::Unenlist => "action.unenlist",
        },
    )
}

/// The sentence explaining why an action is refused, citing its rule.
pub fn refusal_text(lang: Lang, refusal: &Refusal, action: LifecycleAction) -> String {
    let rule = refusal.rule_id(action);
    match refusal {
        Refusal::NotAvailable { state } => {
            let state = crate::ui::components::state_badge::state_label(lang, *state);
            tf(lang, "refusal.not_available", &[("rule", rule), ("state", state)])
        }
        Refusal::NoEnlistedMember => tf(lang, "refusal.no_enlisted_member", &[("rule", rule)]),
        Refusal::LastEnlistedMember { group } => {
            tf(lang, "refusal.last_enlisted_member", &[("rule", rule), ("group", group)])
        }
        Refusal::HasInstances { count } => tn(lang, "refusal.has_instances", *count as u64, &[("rule", rule)]),
        Refusal::UnknownTarget => tf(lang, "refusal.unknown_target", &[("rule", rule)]),
    }
}

/// For each lifecycle action: `None` = available, `Some(reason)` = refused.
pub fn availability(state: &UiState, target: &Target) -> Vec<(LifecycleAction, Option<String>)> {
    let session = state.session.borrow();
    let sim = session.sim();
    let sim = sim.borrow();
    let listed = sim.available_actions(target);
    LifecycleAction::ALL
        .into_iter()
        .map(|a| {
            let refusal = listed.iter().find(|x| x.action == a).and_then(|x| x.refusal.as_ref());
            (a, refusal.map(|r| refusal_text(state.lang, r, a)))
        })
        .collect()
}

#[component(LifecycleButtons)]
pub fn lifecycle_buttons(props: &LifecycleButtonsProps) -> Html {
    let lang = props.state.lang;
    let rows = availability(&props.state, &props.target);
    html! {
        <div class="lifecycle" role="group" aria-label={t(lang, "lifecycle.group")}>
            { for rows.into_iter().map(|(action, refusal)| {
                let dispatch = props.dispatch.clone();
                let target = props.target.clone();
                let onclick = Callback::from(move |_: MouseEvent| {
                    dispatch.emit(Action::Perform(SimAction::Lifecycle { action, target: target.clone() }))
                });
                let reason_id = format!("{}-{}-reason", props.id_prefix, action.code());
                match refusal {
                    None => html! {
                        <div class="lifecycle-item">
                            <button type="button" class={classes!("btn", format!("btn-{}", action.code()))} {onclick}>
                                { action_label(lang, action) }
                            </button>
                        </div>
                    },
                    Some(reason) => html! {
                        <div class="lifecycle-item">
                            <button type="button" class="btn" disabled=true title={reason.clone()}
                                aria-describedby={reason_id.clone()}>
                                { action_label(lang, action) }
                            </button>
                            <span class="reason" id={reason_id}>{ reason }</span>
                        </div>
                    },
                }
            }) }
        </div>
    }
}
