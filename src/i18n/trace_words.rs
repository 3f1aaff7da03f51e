//! An event-log line in the UI's language, from the line's words (`engine::simulation::LineWords`):
//! instance notes by their explanation template, the other lines by `trace.<code>`, a message's
//! context appended (`trace.with_context`).
//!
//! ```
//! use portsim::engine::{load_scenario, Simulation};
//! use portsim::i18n::{trace_line_text, Lang};
//! let json = r#"{"format":"portsim-scenario/1","name":"x","seed":1,"until":"1m","sendPorts":[],
//!   "sendPortGroups":[],"endpoints":[],"script":[{"at":"0s","publish":{"context":{"A":"1"}}}]}"#;
//! let mut sim = Simulation::new(&load_scenario(json).unwrap());
//! sim.run_to_end();
//! let words = sim.trace().words(0).unwrap();
//! assert_eq!(trace_line_text(Lang::Fr, &words, true).unwrap(), "M1 publié dans la MessageBox avec le contexte A=1");
//! ```

use super::catalogue_explain::render_key;
use super::{explain_key, t, Lang};
use crate::engine::simulation::LineWords;

/// The line's sentence in `lang`; with `labels`, reason ids by their labels (the page), without,
/// exactly as the engine writes it in English (the test). `None` when the catalogue lacks it.
pub fn trace_line_text(lang: Lang, words: &LineWords, labels: bool) -> Option<String> {
    if words.code == "empty" {
        return Some(String::new());
    }
    let key = if words.note { explain_key(words.code) } else { format!("trace.{}", words.code.replace('-', "_")) };
    let mut text = render_key(lang, &key, &words.args, labels)?;
    if let Some((_, context)) = words.args.iter().find(|(n, _)| n == "context").filter(|(_, c)| !c.is_empty()) {
        text.push_str(&t(lang, "trace.with_context").replace("{context}", context));
    }
    Some(text)
}

/// The catalogue key naming a trace kind (`trace.kind.*`) — the Type filter's values.
pub fn trace_kind_key(code: &str) -> String {
    format!("trace.kind.{}", code.replace('-', "_"))
}
