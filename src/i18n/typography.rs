//! French typography for every string the page shows: a narrow no-break space (U+202F) before
//! « : », « ; », « ! » and « ? » (Imprimerie nationale usage; the console's own French resources
//! put a no-break space there too). English is returned unchanged.
//!
//! The catalogue lookup (`i18n::t`) applies it to every French entry once, so a translator may write
//! "Nom : {name}" or "Nom: {name}" and the page shows "Nom\u{202F}: {name}". Text composed in code
//! (a label and its value) uses [`colon`] instead of a literal `": "`.
//!
//! Only punctuation that ends a phrase is touched: the mark must be followed by a space, the end of
//! the text or closing punctuation, so times (`08:00`), URLs (`http://`), operators (`!=`) and XML
//! (`<?xml?>`) stay as they are; a mark right after a quote or backtick (JSON `"at": "0s"`) too.
//!
//! ```
//! use portsim::i18n::{typography, Lang};
//! assert_eq!(typography(Lang::Fr, "Nom : SP_A ; état ?"), "Nom\u{202F}: SP_A\u{202F}; état\u{202F}?");
//! assert_eq!(typography(Lang::Fr, "à 08:00, voir http://x"), "à 08:00, voir http://x");
//! assert_eq!(typography(Lang::En, "Name: SP_A"), "Name: SP_A");
//! ```

use super::Lang;
use std::borrow::Cow;

/// U+202F NARROW NO-BREAK SPACE.
pub const NNBSP: char = '\u{202F}';

fn is_high_mark(c: char) -> bool {
    matches!(c, ':' | ';' | '!' | '?')
}

/// True when the mark at this position ends a phrase (what follows is a space, the end, closing
/// punctuation or another high mark as in « ?! »).
fn ends_phrase(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, ')' | ']' | '»' | '.' | ',' | '…' | '"') || is_high_mark(c),
    }
}

/// `text` with French spacing before high punctuation (see the module doc); English unchanged.
pub fn typography(lang: Lang, text: &str) -> Cow<'_, str> {
    if lang != Lang::Fr || !text.chars().any(is_high_mark) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if is_high_mark(c) && ends_phrase(chars.get(i + 1).copied()) {
            match out.chars().last() {
                // "Nom : x" / "Nom\u{a0}: x" → the space becomes the narrow no-break space.
                Some(' ' | '\u{a0}') => {
                    out.pop();
                    out.push(NNBSP);
                }
                // Already right, the start of the text, a line break, a quote or a second mark.
                None | Some(NNBSP | '"' | '`' | '\'' | '\n' | '(' | '[') => {}
                Some(p) if is_high_mark(p) => {}
                Some(_) => out.push(NNBSP),
            }
        }
        out.push(c);
    }
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// The separator between a label and its value: `": "` in English, `"\u{202F}: "` in French.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::Fr => "\u{202F}: ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_become_narrow_and_missing_ones_are_added() {
        assert_eq!(typography(Lang::Fr, "Remplacer le travail en cours ?"), "Remplacer le travail en cours\u{202F}?");
        assert_eq!(typography(Lang::Fr, "Attention!"), "Attention\u{202F}!");
        assert_eq!(typography(Lang::Fr, "a\u{a0}; b"), "a\u{202F}; b");
        assert_eq!(typography(Lang::Fr, "Indice 1:"), "Indice 1\u{202F}:");
        assert_eq!(typography(Lang::Fr, "Quoi ?!"), "Quoi\u{202F}?!");
    }

    #[test]
    fn times_urls_operators_xml_and_json_are_left_alone() {
        for s in ["08:00–09:00", "http://partner/x", "a != b", "<?xml?>", "\"at\": \"0s\"", "{time}"] {
            assert_eq!(typography(Lang::Fr, s), s, "{s}");
        }
    }

    #[test]
    fn it_is_idempotent_and_english_is_untouched() {
        let once = typography(Lang::Fr, "Nom : x ; y ? z !").into_owned();
        assert_eq!(typography(Lang::Fr, &once), once);
        assert_eq!(typography(Lang::En, "Name : x ?"), "Name : x ?");
        assert_eq!(colon(Lang::Fr), "\u{202F}: ");
    }
}
