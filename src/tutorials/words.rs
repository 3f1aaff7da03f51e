//! Lessons in words: statuses, states and reasons in BizTalk's terms, the check's sentences and
//! the solution steps ("Start the send port SP_Orders.").

use super::{CheckResult, Finding, SolutionStep};
use crate::engine::model::{Action, InstanceSelector, LifecycleAction, LifecycleState, Target};
use crate::engine::simulation::{InstanceStatus, SuspendReason};
use crate::i18n::{has_key, t, tf, tn, Lang};

/// The catalogue key naming an instance status (`tutorial.status.*`).
pub fn status_key(status: InstanceStatus) -> &'static str {
    match status {
        InstanceStatus::Active => "tutorial.status.active",
        InstanceStatus::Scheduled => "tutorial.status.scheduled",
        InstanceStatus::SuspendedResumable => "tutorial.status.suspended_resumable",
        InstanceStatus::SuspendedNotResumable => "tutorial.status.suspended_not_resumable",
        InstanceStatus::Completed => "tutorial.status.completed",
        InstanceStatus::Terminated => "tutorial.status.terminated",
    }
}

/// The catalogue key naming a lifecycle state (`tutorial.state.*`).
pub fn state_key(state: LifecycleState) -> &'static str {
    match state {
        LifecycleState::Bound => "tutorial.state.bound",
        LifecycleState::Stopped => "tutorial.state.stopped",
        LifecycleState::Started => "tutorial.state.started",
    }
}

/// A value shown in BizTalk's words: a status (`suspended-resumable` → "Suspended (resumable)"),
/// a state (`bound` → "Bound") or a suspension reason (`send-port-stopped` → "Send port stopped")
/// by the name of its placeholder; anything else as it is. User text never shows a raw id.
fn shown_value(lang: Lang, name: &str, value: &str) -> String {
    let status = InstanceStatus::ALL.into_iter().find(|s| s.code() == value).map(status_key);
    let state = [LifecycleState::Bound, LifecycleState::Stopped, LifecycleState::Started]
        .into_iter()
        .find(|s| s.code() == value)
        .map(state_key);
    let reason = SuspendReason::ALL.into_iter().find(|r| r.code() == value);
    match (name, status, state, reason) {
        ("status" | "found", Some(key), _, _) | ("state" | "found", _, Some(key), _) => t(lang, key).to_string(),
        ("reason", _, _, Some(r)) => t(lang, &format!("obs.reason.{}", r.code().replace('-', "_"))).to_string(),
        _ => value.to_string(),
    }
}

fn shown_args(lang: Lang, args: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    args.iter().map(|(name, value)| (*name, shown_value(lang, name, value))).collect()
}

/// The check's detail sentence in `lang`, codes shown in BizTalk's words; a sentence with a
/// `{count}` that has `.one`/`.other` forms agrees with it.
pub fn render_detail(lang: Lang, result: &CheckResult) -> String {
    let words = shown_args(lang, &result.args);
    let args: Vec<(&str, &str)> = words.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let count = result.args.iter().find(|(k, _)| *k == "count").and_then(|(_, v)| v.parse::<u64>().ok());
    match count {
        Some(n) if has_key(&format!("{}.one", result.detail_key)) => tn(lang, result.detail_key, n, &args),
        _ => tf(lang, result.detail_key, &args),
    }
}

/// One finding about the run in `lang` (counted sentences agree with their number).
pub fn render_finding(lang: Lang, finding: &Finding) -> String {
    let words = shown_args(lang, &finding.args);
    let args: Vec<(&str, &str)> = words.iter().map(|(k, v)| (*k, v.as_str())).collect();
    match finding.n {
        Some(n) => tn(lang, finding.key, n, &args),
        None => tf(lang, finding.key, &args),
    }
}

/// One solution step in words, for the "show me" hint: "Let the clock run to 00:40:00.000.",
/// "Start the send port SP_Orders.", "Resume M1 on SP_Orders."
pub fn describe_step(lang: Lang, step: &SolutionStep) -> String {
    match step {
        SolutionStep::RunUntil(at) => {
            tf(lang, "tutorial.step.run_until", &[("time", crate::engine::time::format_elapsed(*at).as_str())])
        }
        SolutionStep::Apply(Action::Lifecycle { action, target }) => {
            let action_key = match action {
                LifecycleAction::Enlist => "tutorial.action.enlist",
                LifecycleAction::Start => "tutorial.action.start",
                LifecycleAction::Stop => "tutorial.action.stop",
                LifecycleAction::Unenlist => "tutorial.action.unenlist",
            };
            let target_key = match target {
                Target::Port(_) => "tutorial.target.port",
                Target::Group(_) => "tutorial.target.group",
            };
            tf(
                lang,
                "tutorial.step.lifecycle",
                &[("action", t(lang, action_key)), ("target", t(lang, target_key)), ("name", target.name())],
            )
        }
        SolutionStep::Apply(Action::Resume(selector)) => {
            tf(lang, "tutorial.step.resume", &[("what", describe_selector(lang, selector).as_str())])
        }
        SolutionStep::Apply(Action::Terminate(selector)) => {
            tf(lang, "tutorial.step.terminate", &[("what", describe_selector(lang, selector).as_str())])
        }
        SolutionStep::Apply(Action::Inject(_)) => t(lang, "tutorial.step.inject").to_string(),
    }
}

fn describe_selector(lang: Lang, selector: &InstanceSelector) -> String {
    match selector {
        InstanceSelector::Port(port) => tf(lang, "tutorial.what.port", &[("port", port)]),
        InstanceSelector::Group(group) => tf(lang, "tutorial.what.group", &[("group", group)]),
        InstanceSelector::Message { message, port: Some(port) } => {
            tf(lang, "tutorial.what.message_on", &[("message", message), ("port", port)])
        }
        InstanceSelector::Message { message, port: None } => tf(lang, "tutorial.what.message", &[("message", message)]),
        InstanceSelector::All => t(lang, "tutorial.what.all").to_string(),
    }
}
