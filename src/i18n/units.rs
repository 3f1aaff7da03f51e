//! Durations in words for the page: the scenario notation `5m`, `1h30m`, `250ms` becomes
//! "5 min", "1 h 30 min", "250 ms" (French « 2 j » for days), with a no-break space between the
//! number and its unit. Files, the CLI and the trace keep the compact notation.
//!
//! ```
//! use portsim::i18n::{duration_text, Lang};
//! assert_eq!(duration_text(Lang::Fr, "5m"), "5\u{a0}min");
//! assert_eq!(duration_text(Lang::En, "1h30m"), "1\u{a0}h 30\u{a0}min");
//! assert_eq!(duration_text(Lang::Fr, "not a duration"), "not a duration");
//! ```

use super::Lang;
use crate::engine::time::{parse_duration, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND};

/// `text` (a scenario duration) in words; anything that is not a duration is returned as it is.
pub fn duration_text(lang: Lang, text: &str) -> String {
    let Ok(d) = parse_duration(text.trim()) else {
        return text.to_string();
    };
    let day = match lang {
        Lang::En => "d",
        Lang::Fr => "j",
    };
    if d.0 == 0 {
        return "0\u{a0}s".to_string();
    }
    let mut rest = d.0;
    let mut parts = Vec::new();
    for (unit, factor) in
        [(day, MS_PER_DAY), ("h", MS_PER_HOUR), ("min", MS_PER_MINUTE), ("s", MS_PER_SECOND), ("ms", 1)]
    {
        if rest >= factor {
            parts.push(format!("{}\u{a0}{unit}", rest / factor));
            rest %= factor;
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_in_words() {
        assert_eq!(duration_text(Lang::Fr, "30s"), "30\u{a0}s");
        assert_eq!(duration_text(Lang::Fr, "2d"), "2\u{a0}j");
        assert_eq!(duration_text(Lang::En, "2d"), "2\u{a0}d");
        assert_eq!(duration_text(Lang::En, "0s"), "0\u{a0}s");
        assert_eq!(duration_text(Lang::En, "250ms"), "250\u{a0}ms");
    }
}
