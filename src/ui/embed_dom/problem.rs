//! The light embed's problem alert: a damaged link (with the reason), or an invalid linked
//! scenario with every error's JSON Pointer path and message.

use super::dom::{el, El};
use crate::i18n::Lang;
use crate::ui::embed::state::EmbedProblem;

/// `<div class="embed-problem" role="alert">` for `problem`.
pub fn build(lang: Lang, problem: &EmbedProblem) -> Option<El> {
    let alert = el("div")?.class("embed-problem").attr("role", "alert").child(&el("p")?.text(&problem.title(lang)));
    match problem {
        EmbedProblem::BadLink { detail, .. } => Some(alert.child(&el("p")?.text(detail))),
        EmbedProblem::Invalid(errors) => {
            let mut list = el("ul")?;
            for e in errors {
                let li = el("li")?.child(&el("code")?.text(&e.path));
                let _ = li.0.append_with_str_1(&format!(" {}", e.message));
                list = list.child(&li);
            }
            Some(alert.child(&list))
        }
    }
}
