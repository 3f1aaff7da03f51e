//! Reading JSON text into a `serde_json::Value` without losing anything silently.
//!
//! `serde_json::from_str::<Value>` keeps the *last* of two equal keys in an object, so
//! `{"retryCount": 5000, "retryCount": 2}` would load as 2 with no word (issue 10 §5). This
//! reader builds the same `Value` in one pass, keeps the *first* value, and returns the JSON
//! Pointer (RFC 6901) of every repeated key, so stage one can report each as a `Duplicate`
//! error. Keys are compared after unescaping (`"a"` and `"\u0061"` are the same key).
//!
//! The nesting depth is already bounded by `parse::find_too_deep` before this runs, so the
//! recursion here is at most `MAX_JSON_DEPTH` deep.
//!
//! # Example
//! ```
//! use portsim::engine::scenario::json_read::read_value;
//! let (value, duplicates) = read_value(r#"{"a":[{"b":1,"b":2}]}"#).unwrap();
//! assert_eq!(duplicates, vec!["/a/0/b".to_string()]);
//! assert_eq!(value["a"][0]["b"], 1);
//! ```

use super::json_walk::{index, join};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;

/// Most duplicate keys remembered (the rest are counted by the caller's error cap anyway).
const MAX_DUPLICATES: usize = 1000;

/// Parses `json` into a value and the pointers of its repeated keys (first value kept).
pub fn read_value(json: &str) -> Result<(Value, Vec<String>), serde_json::Error> {
    let duplicates = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(json);
    let value = Seed { at: &At::Root, duplicates: &duplicates }.deserialize(&mut de)?;
    de.end()?;
    Ok((value, duplicates.into_inner()))
}

/// Where a value sits: a chain of parent links, turned into a pointer only when a duplicate
/// needs one (copying the path into every node would be quadratic for a long key).
enum At<'p> {
    Root,
    Key(&'p At<'p>, &'p str),
    Index(&'p At<'p>, usize),
}

impl At<'_> {
    fn pointer(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Key(parent, key) => join(&parent.pointer(), key),
            At::Index(parent, i) => index(&parent.pointer(), *i),
        }
    }
}

/// One value being read, with where it sits.
struct Seed<'p, 'r> {
    at: &'p At<'p>,
    duplicates: &'r RefCell<Vec<String>>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_, '_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let at = At::Index(self.at, items.len());
            match seq.next_element_seed(Seed { at: &at, duplicates: self.duplicates })? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let at = At::Key(self.at, &key);
            let value = map.next_value_seed(Seed { at: &at, duplicates: self.duplicates })?;
            if out.contains_key(&key) {
                let mut duplicates = self.duplicates.borrow_mut();
                if duplicates.len() < MAX_DUPLICATES {
                    duplicates.push(at.pointer());
                }
            } else {
                out.insert(key, value);
            }
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_as_serde_json_and_every_repeated_key() {
        let text = r#"{"n":"A","n":"B","x":[1,2.5,{"a/b":null,"a\/b":true}],"":{"":1,"":2}}"#;
        let (value, dups) = read_value(text).unwrap();
        assert_eq!(value["n"], "A", "the first value is kept");
        assert_eq!(value["x"][1], 2.5);
        assert_eq!(dups, vec!["/n", "/x/2/a~1b", "//"]);
        let plain: Value = serde_json::from_str(r#"{"a":[1,{"b":[true,null,"s"]}],"c":-3}"#).unwrap();
        assert_eq!(read_value(r#"{"a":[1,{"b":[true,null,"s"]}],"c":-3}"#).unwrap().0, plain);
    }

    #[test]
    fn syntax_errors_still_have_a_line_and_column() {
        let e = read_value("{\n \"a\": }").unwrap_err();
        assert_eq!(e.line(), 2);
        assert!(read_value("{} x").is_err(), "trailing characters are refused");
    }
}
