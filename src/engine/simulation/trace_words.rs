//! A trace line as a code and named values, so the page can show the event log in the UI's
//! language: `TraceView::words(i)` gives what `render` (trace_text.rs) writes as English text,
//! as `(code, args)` for the catalogue's `trace.<code>` templates (`i18n::trace_text`). The English
//! template filled with the args equals the engine's text exactly — the golden trace, the CLI and
//! the English page stay the same (tests/it/trace_i18n.rs checks every line of every golden run).
//! Instance notes reuse their explanation code and args (`note_args`); enumerated values are codes.

use super::Simulation;
use crate::engine::lifecycle::Refusal;
use crate::engine::message::{Address, Origin};
use crate::engine::model::{LifecycleAction, LifecycleState, Target};
use crate::engine::trace::{AdminLine, EndReason, TraceRecord};

/// A trace line's sentence as a catalogue code and its named values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineWords {
    /// `trace.<code>` in the catalogue (an instance note: `explain.<code>`, `note` is true).
    pub code: &'static str,
    pub args: Vec<(String, String)>,
    /// The sentence is an instance note, worded by the explanation templates.
    pub note: bool,
}

fn arg(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_string(), value.into())
}

fn target_args(target: &Target) -> [(String, String); 2] {
    let kind = if matches!(target, Target::Port(_)) { "port" } else { "group" };
    [arg("target", kind), arg("name", target.name())]
}

impl Simulation {
    /// The words of `record` (see the module doc).
    pub(super) fn record_words(&self, record: TraceRecord) -> LineWords {
        let words = |code: &'static str, args: Vec<(String, String)>| LineWords { code, args, note: false };
        match record {
            TraceRecord::Fact { inst, fact } => {
                let note = self.facts.fact(fact as usize).note;
                LineWords { code: note.rule_and_code().1, args: self.note_args(inst, fact), note: true }
            }
            TraceRecord::Inject { msg, .. } => {
                let m = &self.msgs[msg as usize];
                let context =
                    self.msg_context(msg).iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ");
                let mut args = vec![arg("message", self.msg_name(msg)), arg("context", context)];
                let code = match (m.origin, self.msg_address(msg)) {
                    (Origin::Response, _) => "inject-response",
                    (Origin::Failed, _) => "inject-failed",
                    (_, Address::Publish) => "inject-publish",
                    (_, Address::Port(p)) => match self.scenario.ports.get(p as usize) {
                        Some(c) => {
                            args.push(arg("port", &c.name));
                            "inject-port"
                        }
                        None => "inject-unknown-port",
                    },
                    (_, Address::Group(g)) => match self.scenario.groups.get(g as usize) {
                        Some(c) => {
                            args.push(arg("group", &c.name));
                            "inject-group"
                        }
                        None => "inject-unknown-group",
                    },
                };
                words(code, args)
            }
            TraceRecord::Route { inst, .. } => {
                let i = &self.insts[inst as usize];
                let mut args =
                    vec![arg("message", self.msg_name(i.msg)), arg("port", &self.scenario.ports[i.port as usize].name)];
                let code = match self.group_name(i.via) {
                    Some(g) => {
                        args.push(arg("group", g));
                        "route-group"
                    }
                    _ if self.msg_address(i.msg) == Address::Publish => "route-own-filter",
                    _ => "route-direct",
                };
                words(code, args)
            }
            TraceRecord::RoutingFailure { msg, response, receive_copy, .. } => {
                let code = match (response, receive_copy) {
                    (false, false) => "routing-failure",
                    (false, true) => "routing-failure-kept",
                    (true, false) => "routing-failure-response",
                    (true, true) => "routing-failure-response-kept",
                };
                words(code, vec![arg("message", self.msg_name(msg))])
            }
            TraceRecord::Admin { line, .. } => match self.admin_lines.get(line as usize) {
                Some(AdminLine::Lifecycle { target, action, from, to, .. }) => {
                    let code = match (*from, *to) {
                        (LifecycleState::Bound, LifecycleState::Stopped) if *action == LifecycleAction::Start => {
                            "lifecycle-enlisted-by-start"
                        }
                        (_, LifecycleState::Stopped) if *action == LifecycleAction::Enlist => "lifecycle-enlisted",
                        (_, LifecycleState::Started) => "lifecycle-started",
                        (_, LifecycleState::Stopped) => "lifecycle-stopped",
                        (_, LifecycleState::Bound) => "lifecycle-unenlisted",
                    };
                    let mut args = target_args(target).to_vec();
                    args.push(arg("from", from.code()));
                    args.push(arg("to", to.code()));
                    words(code, args)
                }
                Some(AdminLine::Rejected { target, action, refusal, .. }) => {
                    let mut args = target_args(target).to_vec();
                    args.push(arg("action", action.code()));
                    let code = match refusal {
                        Refusal::NotAvailable { state } => {
                            args.push(arg("state", state.code()));
                            args.push(arg("rule", action.rule_id()));
                            "rejected-not-available"
                        }
                        Refusal::NoEnlistedMember => "rejected-no-enlisted-member",
                        Refusal::LastEnlistedMember { group } => {
                            args.push(arg("group", group.clone()));
                            "rejected-last-enlisted-member"
                        }
                        Refusal::HasInstances { count } => {
                            args.push(arg("count", count.to_string()));
                            "rejected-has-instances"
                        }
                        Refusal::UnknownTarget => "rejected-unknown-target",
                    };
                    words(code, args)
                }
                None => words("empty", Vec::new()),
            },
            TraceRecord::StaleTimer { inst, attempt, .. } => words(
                if attempt { "stale-attempt-timer" } else { "stale-dispatch-timer" },
                vec![arg("instance", (inst + 1).to_string())],
            ),
            TraceRecord::Republished { msg, .. } => words("republished", vec![arg("message", self.msg_name(msg))]),
            TraceRecord::FailureTerminated { msg, receive_copy, .. } => words(
                if receive_copy { "failure-terminated-with-message" } else { "failure-terminated" },
                vec![arg("message", self.msg_name(msg))],
            ),
            TraceRecord::End { how, .. } => match (how, &self.limit_hit) {
                (EndReason::Limit, Some(hit)) => words("end-limit", vec![arg("detail", hit.message.clone())]),
                (EndReason::NothingLeft, _) => words("end-nothing-left", Vec::new()),
                _ => words("end-until", vec![arg("until", self.scenario.until.to_string())]),
            },
        }
    }
}
