//! Strings of sharing, embeds, presets and tutorials: `(key, English, French)`.

pub const ENTRIES: &[(&str, &str, &str)] = &[];
