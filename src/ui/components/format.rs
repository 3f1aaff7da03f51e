//! Formatting shared by the shell's components.

use crate::engine::time::{format_elapsed, format_time_of_day};
use crate::ui::state::UiState;

/// "00:05:00.000 (08:05:00)": elapsed virtual time and the time of day it is.
pub fn clock_text(state: &UiState) -> String {
    let session = state.session.borrow();
    let now = session.now();
    format!("{} ({})", format_elapsed(now), format_time_of_day(now, session.scenario().start_clock))
}

/// A whole number with the language's digit grouping: "10,000" (English), "10 000" (French, with
/// a narrow no-break space).
pub fn group_digits(lang: crate::i18n::Lang, digits: &str) -> String {
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return digits.to_string();
    }
    let sep = match lang {
        crate::i18n::Lang::En => ",",
        crate::i18n::Lang::Fr => "\u{202F}",
    };
    let n = digits.len();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// The text of an undo-history label ("Publish 10,000 messages").
pub fn history_text(lang: crate::i18n::Lang, label: &crate::ui::history::Label) -> String {
    let args: Vec<(&str, &str)> = label.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    render_label(lang, label.key, &args)
}

fn render_label(lang: crate::i18n::Lang, key: &str, args: &[(&str, &str)]) -> String {
    let args: Vec<(&str, String)> = args
        .iter()
        .map(|&(k, v)| {
            let text = match k {
                "count" => group_digits(lang, v),
                // A nested label (`key|name=value|...`: the operations timeline's lines).
                "what" if v.starts_with("history.") => {
                    let mut parts = v.split('|');
                    let nested = parts.next().unwrap_or_default();
                    let inner: Vec<(&str, &str)> = parts.filter_map(|p| p.split_once('=')).collect();
                    render_label(lang, nested, &inner)
                }
                _ => v.to_string(),
            };
            (k, text)
        })
        .collect();
    let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    crate::i18n::tf(lang, key, &refs)
}

/// The name of the document as shown: the default name of a new document ("Untitled scenario",
/// written by `Session`) in the page's language; any other name as the user gave it.
pub fn doc_name(lang: crate::i18n::Lang, name: &str) -> String {
    if name == crate::ui::session::UNTITLED {
        crate::i18n::t(lang, "doc.untitled").to_string()
    } else {
        name.to_string()
    }
}

/// A filter operator as shown: `exists` in words ("exists" / « existe »), the symbols as they are.
pub fn operator_text(lang: crate::i18n::Lang, operator: &str) -> String {
    if operator == "exists" {
        crate::i18n::t(lang, "filter.op.exists").to_string()
    } else {
        operator.to_string()
    }
}

/// A routing failure's details: BizTalk's own English sentence as the engine keeps it, or its
/// translation (`trace.routing_failure*` without the report suffix: `obs.rf.details*`).
pub fn routing_failure_details(lang: crate::i18n::Lang, f: &crate::engine::simulation::RoutingFailure) -> String {
    match lang {
        crate::i18n::Lang::En => f.text.clone(),
        crate::i18n::Lang::Fr => {
            crate::i18n::t(lang, if f.response { "obs.rf.details_response" } else { "obs.rf.details" }).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn digits_are_grouped_per_language() {
        assert_eq!(group_digits(Lang::En, "10000"), "10,000");
        assert_eq!(group_digits(Lang::Fr, "1234567"), "1\u{202F}234\u{202F}567");
        assert_eq!(group_digits(Lang::En, "999"), "999");
        let label = crate::ui::history::Label::new("history.publish_many").with("count", "10000");
        assert_eq!(history_text(Lang::En, &label), "Publish 10,000 messages");
        let nested =
            crate::ui::history::Label::new("history.line_add").with("what", "history.start|name=SP_A").with("at", "5m");
        assert_eq!(history_text(Lang::En, &nested), "Add Start SP_A at 5m");
    }
}
