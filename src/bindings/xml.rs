//! Small helpers over `roxmltree` for the binding import: safe parsing (no DTD, bounded node
//! count), child lookup, element paths and positions, and typed reads that record an error with
//! its location instead of failing.

use super::issues::{ErrorCode, ImportError, Subject, Warnings};
use roxmltree::{Document, Node, ParsingOptions};

/// At most this many XML nodes (a 0.5 MB real file has about 40,000).
const MAX_NODES: u32 = 2_000_000;

/// Parses XML with DTDs refused (so no entity can be declared, let alone expanded: an XML bomb is
/// an error, not a memory blow-up) and a bounded node count.
pub fn parse(text: &str) -> Result<Document<'_>, roxmltree::Error> {
    let options = ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..ParsingOptions::default() };
    Document::parse_with_options(text, options)
}

/// Element children named `name`.
pub fn children<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The first element child named `name`.
pub fn child<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    children(node, name).next()
}

/// True for `<X xsi:nil="true" />`.
pub fn is_nil(node: Node<'_, '_>) -> bool {
    node.attributes().any(|a| a.name() == "nil" && a.value().trim() == "true")
}

/// The trimmed text of an element (`""` when empty or nil).
pub fn text<'a>(node: Node<'a, '_>) -> &'a str {
    if is_nil(node) {
        return "";
    }
    node.text().map(str::trim).unwrap_or("")
}

/// The source text of a node, byte for byte (kept verbatim for export, §10.9).
pub fn raw<'i>(doc_text: &'i str, node: Node<'_, 'i>) -> &'i str {
    doc_text.get(node.range()).unwrap_or("")
}

/// Walk state: the source, the errors and warnings found so far.
pub struct Ctx<'i, 'd> {
    pub text: &'i str,
    pub doc: &'d Document<'i>,
    pub errors: Vec<ImportError>,
    pub warnings: Warnings,
}

impl<'i, 'd> Ctx<'i, 'd> {
    pub fn new(text: &'i str, doc: &'d Document<'i>) -> Self {
        Ctx { text, doc, errors: Vec::new(), warnings: Warnings::default() }
    }

    /// Records an error at `node` (path = `path`).
    pub fn error(&mut self, code: ErrorCode, node: Node<'_, '_>, path: String, subject: Option<&Subject>, value: &str) {
        let pos = self.doc.text_pos_at(node.range().start);
        self.errors.push(ImportError {
            code,
            path,
            line: pos.row,
            column: pos.col,
            subject: subject.cloned(),
            value: value.to_string(),
        });
    }

    /// A boolean element (`true`/`false`, any case; `1`/`0`); absent → `default`.
    pub fn bool_child(
        &mut self,
        parent: Node<'_, '_>,
        name: &'static str,
        path: &str,
        subject: &Subject,
        default: bool,
    ) -> bool {
        let Some(node) = child(parent, name) else { return default };
        let v = text(node);
        if v.is_empty() {
            return default;
        }
        match parse_bool(v) {
            Some(b) => b,
            None => {
                self.error(ErrorCode::BadBool, node, format!("{path}/{name}"), Some(subject), v);
                default
            }
        }
    }

    /// An integer element; absent or empty → `None`; not a number → error.
    pub fn int_child<'a, 'b>(
        &mut self,
        parent: Node<'a, 'b>,
        name: &'static str,
        path: &str,
        subject: &Subject,
    ) -> Option<(i64, Node<'a, 'b>)> {
        let node = child(parent, name)?;
        let v = text(node);
        if v.is_empty() {
            return None;
        }
        match v.parse::<i64>() {
            Ok(n) => Some((n, node)),
            Err(_) => {
                self.error(ErrorCode::BadInt, node, format!("{path}/{name}"), Some(subject), v);
                None
            }
        }
    }
}

pub fn parse_bool(v: &str) -> Option<bool> {
    if v.eq_ignore_ascii_case("true") || v == "1" {
        Some(true)
    } else if v.eq_ignore_ascii_case("false") || v == "0" {
        Some(false)
    } else {
        None
    }
}

/// `'` inside a name would break the `[@Name='…']` predicate; such names are rare and shown with `"`.
pub fn name_predicate(element: &str, name: &str) -> String {
    if name.contains('\'') {
        format!("{element}[@Name=\"{name}\"]")
    } else {
        format!("{element}[@Name='{name}']")
    }
}
