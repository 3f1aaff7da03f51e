//! Plural agreement for every count the page shows: `tn(lang, "key", n, args)` picks the entry
//! `key.one` or `key.other` and fills `{n}`.
//!
//! English uses the singular for exactly 1; French for 0 and 1 (« 0 point », « 1 point »,
//! « 2 points » — CLDR plural rules for `fr`). A catalogue pair therefore looks like
//! `("obs.topo.members.one", "{n} member", "{n} membre")`, `("obs.topo.members.other", ...)`.
//!
//! ```
//! use portsim::i18n::{plural_form, Lang, PluralForm};
//! assert_eq!(plural_form(Lang::En, 0), PluralForm::Other);
//! assert_eq!(plural_form(Lang::Fr, 0), PluralForm::One);
//! assert_eq!(plural_form(Lang::Fr, 2), PluralForm::Other);
//! ```

use super::{tf, Lang};

/// The two plural categories English and French use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralForm {
    One,
    Other,
}

impl PluralForm {
    /// The suffix of the catalogue key (`one` / `other`).
    pub fn suffix(self) -> &'static str {
        match self {
            PluralForm::One => "one",
            PluralForm::Other => "other",
        }
    }
}

/// Which form `n` takes in `lang`.
pub fn plural_form(lang: Lang, n: u64) -> PluralForm {
    let one = match lang {
        Lang::En => n == 1,
        Lang::Fr => n <= 1,
    };
    if one {
        PluralForm::One
    } else {
        PluralForm::Other
    }
}

/// The key `key.one` or `key.other` for `n`.
pub fn plural_key(lang: Lang, key: &str, n: u64) -> String {
    format!("{key}.{}", plural_form(lang, n).suffix())
}

/// The counted sentence: `key.one`/`key.other` with `{n}` = `n` (digits grouped as the page shows
/// counts: 10,000 / 10 000) and the other placeholders from `args`.
pub fn tn(lang: Lang, key: &str, n: u64, args: &[(&str, &str)]) -> String {
    let count = group_digits(lang, n);
    let mut all: Vec<(&str, &str)> = Vec::with_capacity(args.len() + 1);
    all.push(("n", count.as_str()));
    all.extend_from_slice(args);
    tf(lang, &plural_key(lang, key, n), &all)
}

/// `12345` → "12,345" (English) or "12 345" with a narrow no-break space (French).
pub fn group_digits(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::En => ',',
        Lang::Fr => '\u{202F}',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_singular_is_exactly_one_french_is_zero_and_one() {
        assert_eq!(plural_form(Lang::En, 1), PluralForm::One);
        for n in [0, 2, 5, 1000] {
            assert_eq!(plural_form(Lang::En, n), PluralForm::Other, "{n}");
        }
        for n in [0, 1] {
            assert_eq!(plural_form(Lang::Fr, n), PluralForm::One, "{n}");
        }
        for n in [2, 3, 1_000_000] {
            assert_eq!(plural_form(Lang::Fr, n), PluralForm::Other, "{n}");
        }
        assert_eq!(plural_key(Lang::Fr, "a.b", 0), "a.b.one");
    }

    #[test]
    fn digits_are_grouped_per_language() {
        assert_eq!(group_digits(Lang::En, 999), "999");
        assert_eq!(group_digits(Lang::En, 10_000), "10,000");
        assert_eq!(group_digits(Lang::Fr, 1_234_567), "1\u{202F}234\u{202F}567");
    }
}
