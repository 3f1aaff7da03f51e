//! The light embed's outcome: the report's totals (`embed::outcome::outcome_totals`, the same
//! list the embed with charts shows), each label agreeing with its count.

use super::dom::{clear, el, El};
use crate::engine::report::Totals;
use crate::i18n::{t, Lang};
use crate::ui::embed::outcome::outcome_totals;
use web_sys::Element;

pub struct TotalsView {
    list: Element,
    shown: Option<Totals>,
    lang: Lang,
}

impl TotalsView {
    /// `<section class="outcome" aria-label="Outcome"><ul class="totals">`.
    pub fn build(lang: Lang) -> Option<(El, TotalsView)> {
        let list = el("ul")?.class("totals");
        let section = el("section")?.class("outcome").attr("aria-label", t(lang, "embed.outcome")).child(&list);
        Some((section, TotalsView { list: list.0, shown: None, lang }))
    }

    /// Redraws the list when the totals changed.
    pub fn render(&mut self, totals: &Totals) {
        if self.shown.as_ref() == Some(totals) {
            return;
        }
        clear(&self.list);
        for (n, icon, label) in outcome_totals(self.lang, totals) {
            let Some(li) = el("li") else { return };
            let Some(count) = el("span") else { return };
            let _ = li.0.append_child(&count.class("n").text(&n.to_string()).0);
            if !icon.is_empty() {
                if let Some(i) = el("span") {
                    let _ = li.0.append_child(&i.attr("aria-hidden", "true").text(icon).0);
                }
            }
            let _ = li.0.append_with_str_1(label);
            let _ = self.list.append_child(&li.0);
        }
        self.shown = Some(totals.clone());
    }
}
