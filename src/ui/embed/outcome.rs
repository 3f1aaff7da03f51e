//! What the embed says about its run and its link, shared by both embed views (the light embed's
//! DOM view `ui::embed_dom` and the Yew view of the embed with charts, `embed::app`): the outcome
//! totals with labels that agree with their counts, and the problem alert's title. Pure.

use super::state::EmbedProblem;
use crate::engine::report::Totals;
use crate::i18n::{plural_form, t, tn, Lang, PluralForm};

/// One outcome total: its count, an icon (may be empty; hidden from screen readers) and its label
/// ("1 routing failure", "2 routing failures").
pub type Total = (u64, &'static str, &'static str);

/// The report's totals the embed shows, in order: messages, completed, suspended (resumable),
/// suspended (not resumable), active, routing failures.
pub fn outcome_totals(lang: Lang, totals: &Totals) -> [Total; 6] {
    let total = |n: u64, icon: &'static str, key: &'static str, key_one: &'static str| {
        let label = match plural_form(lang, n) {
            PluralForm::One => t(lang, key_one),
            PluralForm::Other => t(lang, key),
        };
        (n, icon, label)
    };
    [
        total(totals.messages, "", "totals.messages", "totals.messages.one"),
        total(totals.completed, "✔ ", "totals.completed", "totals.completed.one"),
        total(totals.suspended_resumable, "‖ ", "totals.suspended_resumable", "totals.suspended_resumable.one"),
        total(
            totals.suspended_not_resumable,
            "⊘ ",
            "totals.suspended_not_resumable",
            "totals.suspended_not_resumable.one",
        ),
        total(totals.active, "", "totals.active", "totals.active.one"),
        total(totals.routing_failures, "", "totals.routing_failures", "totals.routing_failures.one"),
    ]
}

impl EmbedProblem {
    /// The alert's first line: a link that cannot be opened, or how many errors the linked scenario has (each
    /// then listed with its JSON path).
    pub fn title(&self, lang: Lang) -> String {
        match self {
            EmbedProblem::BadLink { headline, .. } => t(lang, headline).to_string(),
            EmbedProblem::Invalid(errors) => tn(lang, "errors.link_title", errors.len() as u64, &[]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_agree_with_their_counts_in_both_languages() {
        let totals = Totals { messages: 1, routing_failures: 2, ..Totals::default() };
        let en = outcome_totals(Lang::En, &totals);
        assert_eq!(en[0], (1, "", "message"));
        assert_eq!(en[5], (2, "", "routing failures"));
        assert_eq!(en[1].1, "✔ ");
        let fr = outcome_totals(Lang::Fr, &Totals { routing_failures: 1, ..Totals::default() });
        assert_eq!(fr[5].2, "échec de routage");
        assert_eq!(fr[0].2, "message", "0 takes the singular in French");
    }
}
