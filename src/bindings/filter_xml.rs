//! The `Filter` of a send port or group (BINDINGS.md §5): an XML document stored as an escaped
//! string (or, in Deployment Framework masters, as un-escaped child XML). Groups are OR'ed,
//! statements inside a group AND'ed; operator codes 0–6 (6 = Exists, no `Value`).
//!
//! Reading accepts the lenient spellings of §10.8 with a warning each; writing produces what the
//! console writes: a `utf-16` declaration, the two namespace declarations, two-space indents.

use super::issues::{ErrorCode, Subject, WarningCode};
use super::xml::{self, children, is_nil, Ctx};
use crate::engine::context::ContextValue;
use crate::engine::scenario::spec::{ConditionSpec, FilterSpec};
use roxmltree::Node;

/// BizTalk operator codes → portsim operators (AIM, DOC: identical 0–6 tables).
pub const OPERATORS: [&str; 7] = ["==", "<", "<=", ">", ">=", "!=", "exists"];

/// Reads the `Filter` element at `node` (path `path`); `None` when it holds errors.
pub fn read(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, path: &str, subject: &Subject) -> FilterSpec {
    if is_nil(node) {
        return Vec::new();
    }
    // Un-escaped child XML: `<Filter><Filter><Group>…` (BTDF master bindings).
    if let Some(inner) = xml::child(node, "Filter") {
        ctx.warnings.add(WarningCode::UnescapedFilter, subject.name());
        return groups(ctx, inner, None, &format!("{path}/Filter"), subject);
    }
    let raw_text = node.text().unwrap_or("");
    let trimmed = raw_text.trim_start();
    if trimmed.trim_end().is_empty() {
        return Vec::new();
    }
    if trimmed.len() != raw_text.len() {
        ctx.warnings.add(WarningCode::LeadingWhitespace, subject.name());
    }
    // The embedded declaration says utf-16 although this is already text: drop it (§1).
    let body = match trimmed.strip_prefix("<?xml") {
        Some(rest) => match rest.find("?>") {
            Some(end) => &rest[end + 2..],
            None => {
                ctx.error(
                    ErrorCode::BadFilter,
                    node,
                    path.to_string(),
                    Some(subject),
                    "unterminated <?xml declaration",
                );
                return Vec::new();
            }
        },
        None => {
            ctx.warnings.add(WarningCode::NoDeclaration, subject.name());
            trimmed
        }
    };
    let doc = match xml::parse(body) {
        Ok(doc) => doc,
        Err(e) => {
            ctx.error(ErrorCode::BadFilter, node, path.to_string(), Some(subject), &e.to_string());
            return Vec::new();
        }
    };
    let root = doc.root_element();
    if root.tag_name().name() != "Filter" {
        let found = format!("<{}>", root.tag_name().name());
        ctx.error(ErrorCode::BadFilter, node, path.to_string(), Some(subject), &found);
        return Vec::new();
    }
    // Positions inside the embedded document are not file positions: report the outer element's.
    groups(ctx, root, Some(node), path, subject)
}

/// Groups of the filter document `root`. Errors are placed at the statement itself when it is
/// part of the file, or at `embedded_in` (the file's `Filter` element) for an escaped filter.
fn groups(
    ctx: &mut Ctx<'_, '_>,
    root: Node<'_, '_>,
    embedded_in: Option<Node<'_, '_>>,
    path: &str,
    subject: &Subject,
) -> FilterSpec {
    let mut out = Vec::new();
    for (g, group) in children(root, "Group").enumerate() {
        let gpath = format!("{path}/Group[{}]", g + 1);
        let mut and = Vec::new();
        for (s, st) in children(group, "Statement").enumerate() {
            let spath = format!("{gpath}/Statement[{}]", s + 1);
            if let Some(cond) = statement(ctx, st, embedded_in.unwrap_or(st), &spath, subject) {
                and.push(cond);
            }
        }
        out.push(and);
    }
    out
}

fn statement(
    ctx: &mut Ctx<'_, '_>,
    st: Node<'_, '_>,
    at: Node<'_, '_>,
    path: &str,
    subject: &Subject,
) -> Option<ConditionSpec> {
    let Some(property) = st.attribute("Property") else {
        ctx.error(ErrorCode::MissingAttribute, at, format!("{path}/@Property"), Some(subject), "Property");
        return None;
    };
    let Some(op_text) = st.attribute("Operator") else {
        ctx.error(ErrorCode::MissingAttribute, at, format!("{path}/@Operator"), Some(subject), "Operator");
        return None;
    };
    let Some(operator) = op_text.trim().parse::<usize>().ok().and_then(|i| OPERATORS.get(i)) else {
        // §10.3: anything but 0–6 (a "7 BitwiseAnd" is unverified).
        ctx.error(ErrorCode::UnknownOperator, at, format!("{path}/@Operator"), Some(subject), op_text);
        return None;
    };
    if *operator == "exists" {
        if st.attribute("Value").is_some_and(|v| !v.is_empty()) {
            ctx.warnings.add(WarningCode::ExistsValue, subject.name());
        }
        return Some(ConditionSpec { property: property.to_string(), operator: "exists".into(), value: None });
    }
    let Some(value) = st.attribute("Value") else {
        ctx.error(ErrorCode::MissingValue, at, format!("{path}/@Value"), Some(subject), op_text);
        return None;
    };
    if value.contains("${") {
        ctx.warnings.add(WarningCode::Tokens, subject.name());
    }
    // §10.2: values stay strings; the engine's comparison rule (SEMANTICS §3) applies.
    Some(ConditionSpec {
        property: property.to_string(),
        operator: (*operator).to_string(),
        value: Some(ContextValue::Str(value.to_string())),
    })
}

/// The escaped-string form of a filter as the console writes it (§5); `None` for no filter
/// (written `<Filter />`).
pub fn write(filter: &FilterSpec) -> Option<String> {
    if filter.is_empty() {
        return None;
    }
    let mut doc = String::from("<?xml version=\"1.0\" encoding=\"utf-16\"?>\n");
    doc.push_str(
        "<Filter xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n",
    );
    for group in filter {
        doc.push_str("  <Group>\n");
        for cond in group {
            let code = OPERATORS.iter().position(|o| *o == cond.operator).unwrap_or(0);
            doc.push_str(&format!("    <Statement Property=\"{}\" Operator=\"{code}\"", attr(&cond.property)));
            if code != 6 {
                let value = cond.value.as_ref().map(value_text).unwrap_or_default();
                doc.push_str(&format!(" Value=\"{}\"", attr(&value)));
            }
            doc.push_str(" />\n");
        }
        doc.push_str("  </Group>\n");
    }
    doc.push_str("</Filter>");
    Some(doc)
}

/// A context value as the string a binding file stores.
pub fn value_text(v: &ContextValue) -> String {
    match v {
        ContextValue::Bool(b) => b.to_string(),
        ContextValue::Int(i) => i.to_string(),
        ContextValue::Float(f) => f.to_string(),
        ContextValue::Str(s) => s.clone(),
    }
}

/// Escapes an attribute value (`&`, `<`, `>`, `"`).
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            '\t' => out.push_str("&#x9;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes element text (`&`, `<`, `>`), as XmlSerializer does.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            _ => out.push(c),
        }
    }
    out
}
