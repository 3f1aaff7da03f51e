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

/// A short elapsed time in the page's language: English as the charts write it
/// (`analysis::svg::short_time`: "1.5s", "45s", "12:30", "1d 02:00"); French with a decimal comma
/// and a narrow no-break space before the unit ("1,5 s", "45 s", "20 ms", "12:30", "1 j 02:00").
pub fn short_time(lang: crate::i18n::Lang, ms: u64) -> String {
    let neutral = crate::analysis::svg::short_time(ms);
    match lang {
        crate::i18n::Lang::En => neutral,
        crate::i18n::Lang::Fr => {
            if let Some(millis) = neutral.strip_suffix("ms") {
                format!("{millis}\u{202F}ms")
            } else if let Some(seconds) = neutral.strip_suffix('s') {
                format!("{}\u{202F}s", seconds.replace('.', ","))
            } else if let Some((days, clock)) = neutral.split_once("d ") {
                format!("{days}\u{202F}j {clock}")
            } else {
                neutral
            }
        }
    }
}

/// `v` with one decimal in the page's language: "2.5" (English), "2,5" (French).
pub fn decimal1(lang: crate::i18n::Lang, v: f64) -> String {
    let text = format!("{v:.1}");
    match lang {
        crate::i18n::Lang::En => text,
        crate::i18n::Lang::Fr => text.replace('.', ","),
    }
}

/// A share as a percentage with one decimal: "12.5 %" (English, as the sweep tables have always
/// written it), "12,5 %" (French: decimal comma, narrow no-break space).
pub fn percent1(lang: crate::i18n::Lang, share: f64) -> String {
    match lang {
        crate::i18n::Lang::En => format!("{:.1} %", share * 100.0),
        crate::i18n::Lang::Fr => format!("{}\u{202F}%", decimal1(lang, share * 100.0)),
    }
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
    fn short_times_and_decimals_follow_the_language() {
        assert_eq!(short_time(Lang::En, 1_500), "1.5s");
        assert_eq!(short_time(Lang::Fr, 1_500), "1,5\u{202F}s");
        assert_eq!(short_time(Lang::Fr, 45_000), "45\u{202F}s");
        assert_eq!(short_time(Lang::Fr, 20), "20\u{202F}ms");
        assert_eq!(short_time(Lang::Fr, 750_000), "12:30");
        assert_eq!(short_time(Lang::Fr, 86_400_000 + 7_200_000), "1\u{202F}j 02:00");
        assert_eq!(short_time(Lang::En, 86_400_000 + 7_200_000), "1d 02:00");
        assert_eq!(decimal1(Lang::Fr, 2.25), "2,2");
        assert_eq!(decimal1(Lang::En, 2.5), "2.5");
        assert_eq!(percent1(Lang::Fr, 0.125), "12,5\u{202F}%");
        assert_eq!(percent1(Lang::En, 0.125), "12.5 %");
    }

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
