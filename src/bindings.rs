//! BizTalk binding files (`BindingInfo` XML, `docs/bindings.md` / shared BINDINGS.md) ⇄
//! `portsim-scenario/1`. Pure like the engine (no I/O, no clock): the CLI and the page call it.
//!
//! ```text
//!  XML text ──size, sniff──▶ roxmltree (no DTD: no entity can expand) ──walk──▶ ScenarioSpec
//!                                                   │ filters: escaped string or child XML (filter_xml)
//!                                                   ▼
//!                             errors (all, each with element path + line:column + port/group)
//!                             warnings (one per kind), orchestration-bound ports (send suggestions)
//!  ScenarioSpec ──export──▶ BindingInfo in the element order of real exports (§2–3, §9)
//! ```
//!
//! Every decision of BINDINGS.md §10 is implemented here; the doc comments cite its numbers.
//!
//! # Example
//! ```
//! use portsim::bindings::{import_bindings, ImportOptions};
//! let xml = r#"<BindingInfo><SendPortCollection>
//!   <SendPort Name="SP" IsStatic="true" IsTwoWay="false"><PrimaryTransport>
//!     <Address>C:\out</Address><TransportType Name="FILE" /><RetryCount>3</RetryCount><RetryInterval>5</RetryInterval>
//!   </PrimaryTransport></SendPort></SendPortCollection></BindingInfo>"#;
//! let imported = import_bindings(xml, &ImportOptions::default()).unwrap();
//! assert_eq!(imported.spec.send_ports[0].primary.as_ref().unwrap().retry_interval.as_deref(), Some("5m"));
//! ```

mod export;
mod filter_xml;
pub mod finder;
mod import;
mod import_port;
mod issues;
mod xml;

pub use export::export_bindings;
pub use import::import_bindings;
pub use issues::{ErrorCode, ImportError, ImportWarning, Subject, WarningCode};

use crate::engine::scenario::ScenarioSpec;

/// Largest binding file accepted (bytes); larger input is refused before parsing. The largest
/// real file seen is about 0.5 MB.
pub const MAX_BINDING_BYTES: usize = 8 * 1024 * 1024;

/// Import choices (BINDINGS.md §10.1, §10.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Minutes added to the file's UTC service-window times (−14:00 … +14:00).
    pub utc_offset_minutes: i32,
    /// Enlist and start every port and group at 0 s, as the Deployment Framework does after a deploy.
    pub start_all: bool,
}

/// An orchestration port bound to a send port or group (§10.7): not simulated; the summary
/// suggests a `send` script line instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrchestrationBinding {
    pub orchestration: String,
    pub logical_port: String,
    pub target: Subject,
}

/// A successful import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub spec: ScenarioSpec,
    pub warnings: Vec<ImportWarning>,
    pub orchestration_bound: Vec<OrchestrationBinding>,
    /// Distinct `ApplicationName`s, sorted.
    pub applications: Vec<String>,
}

/// The text of a file's bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM, as Windows
/// tools may save a binding file.
pub fn decode_text(bytes: &[u8]) -> Result<String, ImportError> {
    let utf16 = |be: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| if be { u16::from_be_bytes([c[0], c[1]]) } else { u16::from_le_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16(&units).ok()
    };
    let text = match bytes {
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        _ => std::str::from_utf8(bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes)).ok().map(str::to_string),
    };
    text.ok_or_else(|| ImportError {
        code: ErrorCode::NotXml,
        path: String::new(),
        line: 0,
        column: 0,
        subject: None,
        value: "the file is not UTF-8 or UTF-16 text".into(),
    })
}

/// Parses `+HH:MM` / `-HH:MM` (also `HH:MM`, `Z`) into minutes, −14:00 … +14:00.
pub fn parse_utc_offset(text: &str) -> Result<i32, String> {
    let s = text.trim();
    if s.eq_ignore_ascii_case("z") {
        return Ok(0);
    }
    let (sign, rest) = match s.as_bytes().first() {
        Some(b'+') => (1, &s[1..]),
        Some(b'-') => (-1, &s[1..]),
        _ => (1, s),
    };
    let bad = || format!("\"{text}\" is not a UTC offset; expected ±HH:MM from -14:00 to +14:00, e.g. +02:00");
    let (h, m) = rest.split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: i32 = h.parse().map_err(|_| bad())?;
    let m: i32 = m.parse().map_err(|_| bad())?;
    if m >= 60 || h * 60 + m > 14 * 60 {
        return Err(bad());
    }
    Ok(sign * (h * 60 + m))
}

/// `+02:00` for 120.
pub fn format_utc_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let a = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", a / 60, a % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_offsets() {
        assert_eq!(parse_utc_offset("+02:00"), Ok(120));
        assert_eq!(parse_utc_offset("-05:30"), Ok(-330));
        assert_eq!(parse_utc_offset("00:00"), Ok(0));
        assert!(parse_utc_offset("+15:00").is_err());
        assert!(parse_utc_offset("2").is_err());
        assert_eq!(format_utc_offset(-330), "-05:30");
        assert_eq!(format_utc_offset(0), "+00:00");
    }
}
