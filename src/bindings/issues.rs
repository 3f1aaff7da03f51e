//! What an import found wrong (errors) or left out or guessed (warnings), as codes plus arguments,
//! so that the CLI (English) and the page (English or French) word them from one catalogue
//! (`i18n::catalogue_bindings`).

use crate::i18n::{tf, tn, Lang};
use std::fmt;

/// The port or group an issue is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    Port(String),
    Group(String),
}

impl Subject {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Subject::Port(name) => tf(lang, "bindings.subject.port", &[("name", name)]),
            Subject::Group(name) => tf(lang, "bindings.subject.group", &[("name", name)]),
        }
    }
    pub fn name(&self) -> &str {
        match self {
            Subject::Port(name) | Subject::Group(name) => name,
        }
    }
}

/// Why a binding file cannot be imported (BINDINGS.md §10.3–10.4). Each code is the catalogue key
/// `bindings.error.<code>`, whose text uses `{value}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorCode {
    TooLarge,
    Json,
    NotXml,
    Dtd,
    NotBindings,
    Empty,
    MissingAttribute,
    BadBool,
    BadInt,
    RetryCount,
    RetryInterval,
    Priority,
    BadTime,
    UnknownOperator,
    MissingValue,
    BadFilter,
    MissingTransport,
    OneWayAdapter,
    DuplicatePort,
    DuplicateGroup,
    /// A problem the scenario validation found in the converted result (English text in `value`).
    Scenario,
}

impl ErrorCode {
    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::TooLarge => "too_large",
            ErrorCode::Json => "json",
            ErrorCode::NotXml => "not_xml",
            ErrorCode::Dtd => "dtd",
            ErrorCode::NotBindings => "not_bindings",
            ErrorCode::Empty => "empty",
            ErrorCode::MissingAttribute => "missing_attribute",
            ErrorCode::BadBool => "bad_bool",
            ErrorCode::BadInt => "bad_int",
            ErrorCode::RetryCount => "retry_count",
            ErrorCode::RetryInterval => "retry_interval",
            ErrorCode::Priority => "priority",
            ErrorCode::BadTime => "bad_time",
            ErrorCode::UnknownOperator => "unknown_operator",
            ErrorCode::MissingValue => "missing_value",
            ErrorCode::BadFilter => "bad_filter",
            ErrorCode::MissingTransport => "missing_transport",
            ErrorCode::OneWayAdapter => "one_way_adapter",
            ErrorCode::DuplicatePort => "duplicate_port",
            ErrorCode::DuplicateGroup => "duplicate_group",
            ErrorCode::Scenario => "scenario",
        }
    }
}

/// One error: its XML location (an element path such as
/// `/BindingInfo/SendPortCollection/SendPort[@Name='X']/PrimaryTransport/RetryCount`, and the
/// line and column where that element starts; 0 when the file could not be read at all), the port
/// or group, and the offending value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub code: ErrorCode,
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub subject: Option<Subject>,
    pub value: String,
}

impl ImportError {
    /// `line:column` (or empty when unknown).
    pub fn position(&self) -> String {
        if self.line == 0 {
            String::new()
        } else {
            format!("{}:{}", self.line, self.column)
        }
    }
    /// The sentence, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        tf(lang, &format!("bindings.error.{}", self.code.code()), &[("value", &self.value)])
    }
    /// One line: `12:7 /BindingInfo/…/RetryCount: send port "X": Retry count 1001 is out of range…`.
    pub fn line_text(&self, lang: Lang) -> String {
        let mut s = String::new();
        let pos = self.position();
        if !pos.is_empty() {
            s.push_str(&pos);
            s.push(' ');
        }
        if !self.path.is_empty() {
            s.push_str(&self.path);
            s.push_str(": ");
        }
        if let Some(subject) = &self.subject {
            s.push_str(&subject.text(lang));
            s.push_str(": ");
        }
        s.push_str(&self.message(lang));
        s
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line_text(Lang::En))
    }
}

/// What was dropped or guessed (BINDINGS.md §8, §10.1, §10.4, §10.8, §10.9): one warning per kind
/// with the ports and groups concerned (each enabled service window is its own warning, §10.1).
/// Catalogue key `bindings.warning.<code>` with `{count}`, `{names}` and `{value}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningCode {
    ServiceWindow,
    Pipelines,
    Maps,
    Tracking,
    Certificate,
    AdapterSettings,
    BackupWindow,
    DisabledWindow,
    ReceivePorts,
    Parties,
    LeadingWhitespace,
    NoDeclaration,
    UnescapedFilter,
    Tokens,
    MemberMissing,
    MemberNotStaticOneWay,
    StopWithoutOrdered,
    RouteFailedDynamic,
    ExistsValue,
    Orchestrations,
}

impl WarningCode {
    /// The catalogue key (for `i18n::tn`) counting what the warning concerns: "1 port", "3 ports".
    pub fn count_noun(self) -> &'static str {
        match self {
            WarningCode::Parties => "bindings.count.parties",
            WarningCode::Orchestrations => "bindings.count.ports_or_groups",
            WarningCode::LeadingWhitespace
            | WarningCode::NoDeclaration
            | WarningCode::UnescapedFilter
            | WarningCode::Tokens
            | WarningCode::ExistsValue => "bindings.count.places",
            _ => "bindings.count.ports",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            WarningCode::ServiceWindow => "service_window",
            WarningCode::Pipelines => "pipelines",
            WarningCode::Maps => "maps",
            WarningCode::Tracking => "tracking",
            WarningCode::Certificate => "certificate",
            WarningCode::AdapterSettings => "adapter_settings",
            WarningCode::BackupWindow => "backup_window",
            WarningCode::DisabledWindow => "disabled_window",
            WarningCode::ReceivePorts => "receive_ports",
            WarningCode::Parties => "parties",
            WarningCode::LeadingWhitespace => "leading_whitespace",
            WarningCode::NoDeclaration => "no_declaration",
            WarningCode::UnescapedFilter => "unescaped_filter",
            WarningCode::Tokens => "tokens",
            WarningCode::MemberMissing => "member_missing",
            WarningCode::MemberNotStaticOneWay => "member_not_static_one_way",
            WarningCode::StopWithoutOrdered => "stop_without_ordered",
            WarningCode::RouteFailedDynamic => "route_failed_dynamic",
            WarningCode::ExistsValue => "exists_value",
            WarningCode::Orchestrations => "orchestrations",
        }
    }
}

/// One warning of one kind: how many places, and which (port/group names, or other detail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    pub code: WarningCode,
    pub names: Vec<String>,
    /// Extra detail (the UTC offset for a service window).
    pub value: String,
}

/// At most this many names are spelled out in a warning; the rest are counted.
const NAMES_SHOWN: usize = 3;

impl ImportWarning {
    pub fn count(&self) -> usize {
        self.names.len()
    }
    pub fn message(&self, lang: Lang) -> String {
        let mut names = self.names.iter().take(NAMES_SHOWN).map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
        if self.names.len() > NAMES_SHOWN {
            names.push_str(&tf(lang, "bindings.more", &[("n", &(self.names.len() - NAMES_SHOWN).to_string())]));
        }
        let count = tn(lang, self.code.count_noun(), self.names.len() as u64, &[]);
        tf(
            lang,
            &format!("bindings.warning.{}", self.code.code()),
            &[("count", &count), ("names", &names), ("value", &self.value)],
        )
    }
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Collects warnings by kind, in the order kinds are first met.
#[derive(Debug, Default)]
pub(super) struct Warnings {
    pub list: Vec<ImportWarning>,
}

impl Warnings {
    pub fn add(&mut self, code: WarningCode, name: &str) {
        match self.list.iter_mut().find(|w| w.code == code) {
            Some(w) => {
                if !w.names.iter().any(|n| n == name) {
                    w.names.push(name.to_string());
                }
            }
            None => self.list.push(ImportWarning { code, names: vec![name.to_string()], value: String::new() }),
        }
    }
    /// A warning of its own (one per enabled service window, §10.1).
    pub fn add_single(&mut self, code: WarningCode, name: &str, value: String) {
        self.list.push(ImportWarning { code, names: vec![name.to_string()], value });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_agree_with_their_count_in_both_languages() {
        let one = ImportWarning { code: WarningCode::Pipelines, names: vec!["SP_A".into()], value: String::new() };
        assert_eq!(one.message(Lang::En), "Pipelines are not simulated (1 port: \"SP_A\"); kept for export.");
        let two = ImportWarning { names: vec!["SP_A".into(), "SP_B".into()], ..one.clone() };
        assert!(two.message(Lang::En).contains("(2 ports: \"SP_A\", \"SP_B\")"), "{}", two.message(Lang::En));
        let parties = ImportWarning { code: WarningCode::Parties, names: vec!["P".into()], value: String::new() };
        assert!(
            parties.message(Lang::Fr).contains("(1 partie\u{202F}: « P »)")
                || parties.message(Lang::Fr).contains("(1 partie\u{202F}: \"P\")")
        );
    }
}
