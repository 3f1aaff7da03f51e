//! Labels of the one undo history: every user action (model edits, lifecycle actions,
//! injections, resumes and terminations, deletes, timeline edits, whole-document loads) is one
//! labelled step, so the Undo button says what it undoes ("Undo Publish 10,000 messages").
//! Plain data; the header renders it through the i18n catalogue (`history.*` keys).

use crate::engine::model::{Action, InstanceSelector, LifecycleAction, Target};
use crate::engine::scenario::spec::{InjectSpec, ScriptEntrySpec, SelectorSpec, TargetSpec};

/// What one undo step did: a catalogue key (`history.*`) and its `{name}` arguments. An argument
/// named `count` holds plain digits; the view groups them per language ("10,000" / "10 000").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Label {
    pub fn new(key: &'static str) -> Label {
        Label { key, args: Vec::new() }
    }
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Label {
        self.args.push((name, value.into()));
        self
    }
    /// A label naming a port or group (`{name}`).
    pub fn named(key: &'static str, target: &Target) -> Label {
        Label::new(key).with("name", target.name())
    }
}

/// The label of an interactive action (the verbs of the BizTalk console).
pub fn label_of(action: &Action) -> Label {
    match action {
        Action::Inject(inj) => {
            let key = match (&inj.target, inj.count == 1) {
                (None, true) => "history.publish_one",
                (None, false) => "history.publish_many",
                (Some(_), true) => "history.send_one",
                (Some(_), false) => "history.send_many",
            };
            let label = Label::new(key).with("count", inj.count.to_string());
            match &inj.target {
                Some(t) => label.with("name", t.name()),
                None => label,
            }
        }
        Action::Lifecycle { action, target } => {
            let key = match action {
                LifecycleAction::Enlist => "history.enlist",
                LifecycleAction::Start => "history.start",
                LifecycleAction::Stop => "history.stop",
                LifecycleAction::Unenlist => "history.unenlist",
            };
            Label::named(key, target)
        }
        Action::Resume(sel) => selector_label("history.resume", sel),
        Action::Terminate(sel) => selector_label("history.terminate", sel),
    }
}

/// The label of a recorded script line (the operations timeline shows it), from the document
/// form so that even a line the user is still editing is named.
pub fn entry_label(e: &ScriptEntrySpec) -> Label {
    let target = |t: &TargetSpec| t.port.clone().or_else(|| t.group.clone()).unwrap_or_default();
    let inject = |i: &InjectSpec, direct: bool| {
        let count = i.count.unwrap_or(1).max(0);
        let key = match (direct, count == 1) {
            (false, true) => "history.publish_one",
            (false, false) => "history.publish_many",
            (true, true) => "history.send_one",
            (true, false) => "history.send_many",
        };
        let label = Label::new(key).with("count", count.to_string());
        if direct {
            label.with("name", i.port.clone().or_else(|| i.group.clone()).unwrap_or_default())
        } else {
            label
        }
    };
    let selector = |verb: &'static str, s: &SelectorSpec| {
        let sel = match s {
            SelectorSpec::All(_) => InstanceSelector::All,
            SelectorSpec::Some(f) if f.group.is_some() => InstanceSelector::Group(f.group.clone().unwrap_or_default()),
            SelectorSpec::Some(f) => match &f.message {
                Some(m) => InstanceSelector::Message { message: m.clone(), port: f.port.clone() },
                None => InstanceSelector::Port(f.port.clone().unwrap_or_default()),
            },
        };
        selector_label(verb, &sel)
    };
    if let Some(i) = &e.publish {
        inject(i, false)
    } else if let Some(i) = &e.send {
        inject(i, true)
    } else if let Some(t) = &e.enlist {
        Label::new("history.enlist").with("name", target(t))
    } else if let Some(t) = &e.start {
        Label::new("history.start").with("name", target(t))
    } else if let Some(t) = &e.stop {
        Label::new("history.stop").with("name", target(t))
    } else if let Some(t) = &e.unenlist {
        Label::new("history.unenlist").with("name", target(t))
    } else if let Some(s) = &e.resume {
        selector("history.resume", s)
    } else if let Some(s) = &e.terminate {
        selector("history.terminate", s)
    } else {
        Label::new("history.nothing")
    }
}

fn selector_label(verb: &'static str, sel: &InstanceSelector) -> Label {
    let (suffix, args): (&str, Vec<(&'static str, String)>) = match sel {
        InstanceSelector::All => ("_all", Vec::new()),
        InstanceSelector::Port(p) => ("_port", vec![("name", p.clone())]),
        InstanceSelector::Group(g) => ("_group", vec![("name", g.clone())]),
        InstanceSelector::Message { message, port } => match port {
            Some(p) => ("_message_at", vec![("message", message.clone()), ("name", p.clone())]),
            None => ("_message", vec![("message", message.clone())]),
        },
    };
    let key = match (verb, suffix) {
        ("history.resume", "_all") => "history.resume_all",
        ("history.resume", "_port") => "history.resume_port",
        ("history.resume", "_group") => "history.resume_group",
        ("history.resume", "_message_at") => "history.resume_message_at",
        ("history.resume", _) => "history.resume_message",
        (_, "_all") => "history.terminate_all",
        (_, "_port") => "history.terminate_port",
        (_, "_group") => "history.terminate_group",
        (_, "_message_at") => "history.terminate_message_at",
        _ => "history.terminate_message",
    };
    Label { key, args }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::context::Context;
    use crate::engine::model::Injection;
    use crate::engine::time::SimDuration;

    #[test]
    fn labels_name_the_action() {
        let burst = Action::Inject(Injection {
            target: None,
            context: Context::new(),
            count: 10_000,
            every: SimDuration::ZERO,
            id: None,
        });
        assert_eq!(label_of(&burst), Label::new("history.publish_many").with("count", "10000"));
        let start = Action::Lifecycle { action: LifecycleAction::Start, target: Target::Port("SP".into()) };
        assert_eq!(label_of(&start), Label::new("history.start").with("name", "SP"));
        let resume = Action::Resume(InstanceSelector::Message { message: "M3".into(), port: None });
        assert_eq!(label_of(&resume), Label::new("history.resume_message").with("message", "M3"));
        assert_eq!(label_of(&Action::Terminate(InstanceSelector::All)).key, "history.terminate_all");
    }
}
