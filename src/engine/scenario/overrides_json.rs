//! `LimitOverrides` read from JSON text (the JS API's `setLimits`) with **the same outcome, value
//! or error text, as serde's derived `Deserialize` read by `serde_json::from_str`** — without
//! linking serde_json's typed paths (struct, option, integer, the invalid-type reports) and the
//! derived visitors: they were in the browser pages for this one call (issue 14 §1: the light
//! embed's wasm −720 B gzip with this reader in their place).
//!
//! Every byte goes through the grammar serde_json follows, in the same order; an error is reported
//! where serde_json reports it (`… at line L column C`, a column being the bytes consumed on that
//! line, or the peeked byte's). Whatever is not the derived struct's own error (a syntax error: a
//! bad number, string, literal, missing comma …) is asked of `json_read::read_value` on the whole
//! text, the reader the scenario loader links anyway (so this lives beside it, in `scenario`),
//! which meets the same first syntax error. String and number values are read by that reader too
//! (the same `parse_str` / number parsing).
//! `tests::same_outcome_as_serde_derive` compares both on 20,000 generated texts in the native suite.
//! What it adds is only the grammar walk and the messages: all the JSON reading it does (strings,
//! escapes, numbers, integer or float, syntax errors) is `read_value`'s, and a decimal is written by
//! the Value serialiser `json_walk::describe` links — code every page links for the scenario loader.
//!
//! ```text
//!  { "maxEvents": 5 }            → Ok(max_events = Some(5))      null → None (kept)
//!  { "maxEvent": 5 }             → unknown field `maxEvent`, expected one of … at line 1 column 11
//!  [ 1, null ]                   → fields in order (missing ones None); a 4th → trailing characters
//!  { "maxEvents": 1.5 }          → invalid type: floating point `1.5`, expected u64 at line 1 column 16
//! ```

use super::json_read::read_value;
use crate::engine::limits::LimitOverrides;
use serde_json::Value;

/// The derived struct's field names, in order (`#[serde(rename_all = "camelCase")]`).
const FIELDS: [&str; 3] = ["maxInstances", "maxEvents", "maxMemoryMb"];
/// How the derived code names the struct in its errors.
const EXPECTING: &str = "struct LimitOverrides";

/// Why the reading stopped: the derived struct's own error (its message and the byte index its
/// position is counted to), or a JSON syntax error (named by the reader of the whole text).
enum Stop {
    At(String, usize),
    Syntax,
}

struct Reader<'a> {
    text: &'a str,
    s: &'a [u8],
    i: usize,
}

type Step<T> = Result<T, Stop>;

impl LimitOverrides {
    /// Reads the overrides from JSON text; `Err` is exactly `serde_json::from_str::<Self>`'s
    /// error text (see the module doc).
    pub fn from_json(text: &str) -> Result<LimitOverrides, String> {
        let mut r = Reader { text, s: text.as_bytes(), i: 0 };
        match r.whole() {
            Ok(o) => Ok(o),
            Err(Stop::At(message, i)) => Err(format!("{message} {}", r.position(i))),
            Err(Stop::Syntax) => Err(match read_value(text) {
                Err(e) => e.to_string(),
                // Not reached: the grammar here refuses only what serde_json refuses.
                Ok(_) => "invalid JSON".to_string(),
            }),
        }
    }
}

impl Reader<'_> {
    /// `serde_json::from_str`: the struct (`deserialize_struct`: an object, an array of the
    /// fields in order, or an error for any other value), then nothing but whitespace.
    fn whole(&mut self) -> Step<LimitOverrides> {
        let mut out = [None; 3];
        let mut first = true;
        match self.ws() {
            Some(b'{') => {
                self.i += 1;
                while let Some(field) = self.next_key(&mut first)? {
                    if out[field].is_some() {
                        return Err(self.field_error(format!("duplicate field `{}`", FIELDS[field])));
                    }
                    if self.ws() != Some(b':') {
                        return Err(Stop::Syntax);
                    }
                    self.i += 1;
                    out[field] = Some(self.option_u64()?);
                }
                // `end_map`: next_key stopped on the `}`.
                self.i += 1;
            }
            Some(b'[') => {
                self.i += 1;
                for slot in out.iter_mut() {
                    // `SeqAccess::next_element_seed`; a missing field is `None` (serde(default)).
                    match self.ws() {
                        Some(b']') => break,
                        Some(_) if first => first = false,
                        Some(b',') => {
                            self.i += 1;
                            if matches!(self.ws(), Some(b']') | None) {
                                return Err(Stop::Syntax);
                            }
                        }
                        _ => return Err(Stop::Syntax),
                    }
                    *slot = Some(self.option_u64()?);
                }
                // `end_seq`: a `]`, else the derived struct has too many elements.
                match self.ws() {
                    Some(b']') => self.i += 1,
                    Some(b',') => {
                        self.i += 1;
                        if self.ws() == Some(b']') {
                            return Err(Stop::Syntax);
                        }
                        return Err(self.trailing());
                    }
                    Some(_) => return Err(self.trailing()),
                    None => return Err(Stop::Syntax),
                }
            }
            _ => {
                let v = self.token()?;
                return Err(Stop::At(format!("invalid type: {}, expected {EXPECTING}", unexpected(&v)), self.i));
            }
        }
        if self.ws().is_some() {
            return Err(self.trailing());
        }
        let [max_instances, max_events, max_memory_mb] = out.map(Option::flatten);
        Ok(LimitOverrides { max_instances, max_events, max_memory_mb })
    }

    /// `MapAccess::next_key_seed` + the derived field visitor: the index of the next field, or
    /// `None` on the `}` (not consumed).
    fn next_key(&mut self, first: &mut bool) -> Step<Option<usize>> {
        match self.ws() {
            Some(b'}') => return Ok(None),
            Some(b'"') if *first => *first = false,
            Some(b',') if !*first => {
                self.i += 1;
                if self.ws() != Some(b'"') {
                    return Err(Stop::Syntax);
                }
            }
            _ => return Err(Stop::Syntax),
        }
        let Value::String(key) = self.token()? else { return Err(Stop::Syntax) };
        match FIELDS.iter().position(|f| *f == key) {
            Some(field) => Ok(Some(field)),
            None => Err(self.field_error(format!(
                "unknown field `{key}`, expected one of `{}`, `{}`, `{}`",
                FIELDS[0], FIELDS[1], FIELDS[2]
            ))),
        }
    }

    /// An error of the field visitor: serde_json gives it its position after `end_map`, which it
    /// runs even then (whitespace, and a `}` if one follows, are consumed).
    fn field_error(&mut self, message: String) -> Stop {
        if self.ws() == Some(b'}') {
            self.i += 1;
        }
        Stop::At(message, self.i)
    }

    /// serde_json's "trailing characters", placed at the byte peeked.
    fn trailing(&self) -> Stop {
        Stop::At("trailing characters".to_string(), (self.i + 1).min(self.s.len()))
    }

    /// `Option<u64>`: `null` is `None`, a whole number from 0 to u64::MAX the value; an array or
    /// an object is refused before it is read.
    fn option_u64(&mut self) -> Step<Option<u64>> {
        let v = match self.ws() {
            Some(b'[') => Value::Array(Vec::new()),
            Some(b'{') => Value::Object(serde_json::Map::new()),
            _ => self.token()?,
        };
        let invalid = match &v {
            Value::Null => return Ok(None),
            Value::Number(n) if n.is_u64() => return Ok(n.as_u64()),
            Value::Number(n) if n.is_i64() => "value",
            _ => "type",
        };
        Err(Stop::At(format!("invalid {invalid}: {}, expected u64", unexpected(&v)), self.i))
    }

    /// One value that is not an array or object — a literal, string or number — consumed and read
    /// by serde_json's own reader (the same string unescaping, the same integer or float), its
    /// extent found by the JSON grammar.
    fn token(&mut self) -> Step<Value> {
        let start = self.i;
        let at = |j: usize| self.s.get(j).copied();
        let digits = |j: &mut usize| {
            let from = *j;
            while at(*j).is_some_and(|b| b.is_ascii_digit()) {
                *j += 1;
            }
            *j > from
        };
        let mut j = start;
        match at(j) {
            Some(b'n' | b't') => j += 4,
            Some(b'f') => j += 5,
            Some(b'"') => loop {
                j += 1;
                match at(j) {
                    None => return Err(Stop::Syntax),
                    Some(b'\\') => j += 1,
                    Some(b'"') => {
                        j += 1;
                        break;
                    }
                    Some(_) => {}
                }
            },
            _ => {
                // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
                if at(j) == Some(b'-') {
                    j += 1;
                }
                if at(j) == Some(b'0') {
                    j += 1;
                    if at(j).is_some_and(|b| b.is_ascii_digit()) {
                        return Err(Stop::Syntax);
                    }
                } else if !digits(&mut j) {
                    return Err(Stop::Syntax);
                }
                if at(j) == Some(b'.') {
                    j += 1;
                    if !digits(&mut j) {
                        return Err(Stop::Syntax);
                    }
                }
                if matches!(at(j), Some(b'e' | b'E')) {
                    j += 1;
                    if matches!(at(j), Some(b'+' | b'-')) {
                        j += 1;
                    }
                    if !digits(&mut j) {
                        return Err(Stop::Syntax);
                    }
                }
            }
        }
        match self.text.get(start..j).map(read_value) {
            Some(Ok((v, _))) => {
                self.i = j;
                Ok(v)
            }
            _ => Err(Stop::Syntax),
        }
    }

    /// `parse_whitespace`: skips JSON whitespace, peeks the next byte.
    fn ws(&mut self) -> Option<u8> {
        while let Some(&b) = self.s.get(self.i) {
            if matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                self.i += 1;
            } else {
                return Some(b);
            }
        }
        None
    }

    /// serde_json's `at line L column C` for byte index `i` (the column counts the line's bytes
    /// before `i`).
    fn position(&self, i: usize) -> String {
        let line_start = self.s[..i].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let line = 1 + self.s[..line_start].iter().filter(|&&b| b == b'\n').count();
        format!("at line {line} column {}", i - line_start)
    }
}

/// How serde (and serde_json, for decimals: its own float writer) names a value in an error.
fn unexpected(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{}`", serde_json::to_string(n).unwrap_or_default()),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".to_string(),
        Value::Object(_) => "map".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::SplitMix64;

    fn derived(text: &str) -> Result<LimitOverrides, String> {
        serde_json::from_str::<LimitOverrides>(text).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_the_fields_and_names_each_error_like_serde() {
        assert_eq!(LimitOverrides::from_json("{}"), Ok(LimitOverrides::default()));
        assert_eq!(
            LimitOverrides::from_json(r#"{"maxEvents":5,"maxMemoryMb":null,"maxInstances":7}"#),
            Ok(LimitOverrides { max_events: Some(5), max_instances: Some(7), max_memory_mb: None })
        );
        assert_eq!(
            LimitOverrides::from_json(r#"{"maxEvent":5}"#),
            Err("unknown field `maxEvent`, expected one of `maxInstances`, `maxEvents`, `maxMemoryMb` at line 1 column 11"
                .to_string())
        );
        assert_eq!(
            LimitOverrides::from_json(r#"{"maxEvents":1.5}"#),
            Err("invalid type: floating point `1.5`, expected u64 at line 1 column 16".to_string())
        );
        for text in [
            "{}",
            r#"{"maxEvents":-1}"#,
            r#"{"maxEvents":"5"}"#,
            r#"{"maxEvents":[1]}"#,
            r#"{"maxEvents":1,"maxEvents":2}"#,
            "[1,2,3,4]",
            "[1,2,3,]",
            "[]",
            "null",
            "\"x\"",
            "-0",
            "1e400",
            "{\"maxEvents\" :\n 5 , \"x\"\n :1}",
        ] {
            assert_eq!(LimitOverrides::from_json(text), derived(text), "{text}");
        }
    }

    /// Generated texts, valid and broken, read both ways: the same value or the same error text.
    #[test]
    fn same_outcome_as_serde_derive() {
        const KEYS: [&str; 8] =
            ["maxInstances", "maxEvents", "maxMemoryMb", "maxEvent", "max\\u0045vents", "", "a\\\"b", "\\ud800"];
        const ATOMS: [&str; 30] = [
            "null",
            "true",
            "false",
            "nul",
            "tru",
            "0",
            "5",
            "-1",
            "-0",
            "-0.0",
            "1.5",
            "1e2",
            "1E+2",
            "0.1e-3",
            "01",
            "1.",
            "-",
            "1e",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "1e400",
            "\"5\"",
            "\"a\\nb\"",
            "\"\\u00e9\"",
            "\"\\q\"",
            "[1]",
            "{}",
        ];
        let mut rng = SplitMix64::new(14);
        let mut pick = |n: usize, rng: &mut SplitMix64| (rng.next_u64() % n as u64) as usize;
        let ws = |rng: &mut SplitMix64, pick: &mut dyn FnMut(usize, &mut SplitMix64) -> usize| {
            ["", "", "", " ", "\n", " \n\t"][pick(6, rng)].to_string()
        };
        for case in 0..20_000 {
            let mut text = ws(&mut rng, &mut pick);
            match pick(5, &mut rng) {
                0 | 1 => {
                    text.push('{');
                    for k in 0..pick(5, &mut rng) {
                        if k > 0 {
                            text.push(',');
                        }
                        text += &ws(&mut rng, &mut pick);
                        text += &format!("\"{}\"", KEYS[pick(KEYS.len(), &mut rng)]);
                        text += &ws(&mut rng, &mut pick);
                        text.push(':');
                        text += &ws(&mut rng, &mut pick);
                        text += ATOMS[pick(if pick(3, &mut rng) == 0 { ATOMS.len() } else { 8 }, &mut rng)];
                        text += &ws(&mut rng, &mut pick);
                    }
                    text.push('}');
                }
                2 | 3 => {
                    text.push('[');
                    for k in 0..pick(6, &mut rng) {
                        if k > 0 {
                            text.push(',');
                        }
                        text += &ws(&mut rng, &mut pick);
                        text += ATOMS[pick(if pick(3, &mut rng) == 0 { ATOMS.len() } else { 8 }, &mut rng)];
                        text += &ws(&mut rng, &mut pick);
                    }
                    text.push(']');
                }
                _ => text += ATOMS[pick(ATOMS.len(), &mut rng)],
            }
            text += &ws(&mut rng, &mut pick);
            // Damage some: cut, insert or drop one byte.
            if case % 3 == 0 && !text.is_empty() {
                let at = pick(text.len(), &mut rng);
                if text.is_char_boundary(at) {
                    match pick(3, &mut rng) {
                        0 => text.truncate(at),
                        1 => text.insert(at, [',', ']', '}', '"', ':', '1', 'x', ' '][pick(8, &mut rng)]),
                        _ => {
                            text.remove(at);
                        }
                    }
                }
            }
            assert_eq!(LimitOverrides::from_json(&text), derived(&text), "case {case}: {text:?}");
        }
    }
}
