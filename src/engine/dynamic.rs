//! §1 dynamic send ports: the transport comes from the message context.
//!
//! * address: `BTS.OutboundTransportLocation`;
//! * adapter: `BTS.OutboundTransportType`, else the address's scheme, case-insensitive:
//!   `file://` FILE, `http://`/`https://` HTTP, `ftp://` FTP, `sftp://` SFTP, `mailto:` SMTP;
//! * retries (§1 DECISION): `BTS.RetryCount` / `BTS.RetryInterval` (minutes), default 3 / 5,
//!   clamped to the configurable ranges (0–1000, 0–525,600 minutes).
//!
//! §1 DECISION: a missing address, or an address whose adapter is unknown, means no adapter can
//! ever be attempted: the instance is suspended (resumable) at once, with no attempt and no retry.
//! SCENARIO.md (report `reason`) tells the two apart: no address in the context is
//! `no-transport-location`; an address whose scheme — or a `BTS.OutboundTransportType` that — names
//! no known adapter is `unknown-transport`. The known adapters are `KNOWN_ADAPTERS` (SCENARIO.md's
//! list: FILE, HTTP, FTP, SMTP, SOAP, WCF-BasicHttp, MQSeries, SFTP), compared case-insensitively.

use super::context::{props, Context};
use super::model::{
    DEFAULT_RETRY_COUNT, DEFAULT_RETRY_INTERVAL_MINUTES, KNOWN_ADAPTERS, MAX_RETRY_COUNT, MAX_RETRY_INTERVAL_MINUTES,
};
use super::retry::RetryPolicy;
use super::time::SimDuration;

/// The transport a dynamic port resolved for one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynamicTransport {
    pub adapter: String,
    pub address: String,
    pub policy: RetryPolicy,
}

/// Why a dynamic port could not resolve a transport (§1 DECISION; SCENARIO.md report `reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// No `BTS.OutboundTransportLocation` (or a blank one): `no-transport-location`.
    NoLocation,
    /// The address's scheme, or `BTS.OutboundTransportType`, names no known adapter:
    /// `unknown-transport`.
    UnknownTransport,
}

/// The adapter implied by an address's scheme (case-insensitive), if known.
pub fn adapter_for_scheme(address: &str) -> Option<&'static str> {
    let lower = address.trim_start().to_ascii_lowercase();
    const SCHEMES: [(&str, &str); 6] = [
        ("file://", "FILE"),
        ("http://", "HTTP"),
        ("https://", "HTTP"),
        ("ftp://", "FTP"),
        ("sftp://", "SFTP"),
        ("mailto:", "SMTP"),
    ];
    SCHEMES.iter().find(|(prefix, _)| lower.starts_with(prefix)).map(|(_, adapter)| *adapter)
}

/// §1: the known adapter named `name` (case-insensitive), in its canonical spelling.
pub fn known_adapter(name: &str) -> Option<&'static str> {
    KNOWN_ADAPTERS.iter().copied().find(|a| a.eq_ignore_ascii_case(name.trim()))
}

/// §1: resolves the transport of a dynamic port from the message context.
/// `BTS.OutboundTransportType` "always takes precedence" over the address's scheme.
pub fn resolve(ctx: &Context) -> Result<DynamicTransport, Unresolved> {
    let address = ctx
        .get(props::OUTBOUND_TRANSPORT_LOCATION)
        .map(|v| v.to_string())
        .filter(|a| !a.trim().is_empty())
        .ok_or(Unresolved::NoLocation)?;
    let explicit = ctx.get(props::OUTBOUND_TRANSPORT_TYPE).map(|v| v.to_string()).filter(|t| !t.trim().is_empty());
    let adapter = match explicit {
        Some(t) => known_adapter(&t),
        None => adapter_for_scheme(&address),
    }
    .ok_or(Unresolved::UnknownTransport)?
    .to_string();
    let retry_count = ctx
        .get(props::RETRY_COUNT)
        .and_then(|v| v.as_i64())
        .map(|n| n.clamp(0, MAX_RETRY_COUNT as i64) as u32)
        .unwrap_or(DEFAULT_RETRY_COUNT);
    let minutes = ctx
        .get(props::RETRY_INTERVAL)
        .and_then(|v| v.as_i64())
        .map(|n| n.clamp(0, MAX_RETRY_INTERVAL_MINUTES as i64) as u64)
        .unwrap_or(DEFAULT_RETRY_INTERVAL_MINUTES);
    Ok(DynamicTransport {
        adapter,
        address,
        policy: RetryPolicy { retry_count, retry_interval: SimDuration::from_minutes(minutes) },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::context::ContextValue::{Int, Str};

    fn ctx(pairs: &[(&str, crate::engine::context::ContextValue)]) -> Context {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    #[test]
    fn schemes_map_to_adapters_case_insensitively() {
        assert_eq!(adapter_for_scheme("file://c/out"), Some("FILE"));
        assert_eq!(adapter_for_scheme("HTTPS://x"), Some("HTTP"));
        assert_eq!(adapter_for_scheme("http://x"), Some("HTTP"));
        assert_eq!(adapter_for_scheme("FTP://x"), Some("FTP"));
        assert_eq!(adapter_for_scheme("sftp://x"), Some("SFTP"));
        assert_eq!(adapter_for_scheme("MailTo:a@b"), Some("SMTP"));
        assert_eq!(adapter_for_scheme("C:\\out"), None);
    }

    #[test]
    fn type_takes_precedence_and_retries_default() {
        let t = resolve(&ctx(&[
            ("BTS.OutboundTransportLocation", Str("http://x".into())),
            ("BTS.OutboundTransportType", Str("WCF-BasicHttp".into())),
        ]))
        .unwrap();
        assert_eq!(t.adapter, "WCF-BasicHttp");
        assert_eq!(t.policy, RetryPolicy { retry_count: 3, retry_interval: SimDuration::from_minutes(5) });
    }

    #[test]
    fn retries_from_context_in_minutes() {
        let t = resolve(&ctx(&[
            ("BTS.OutboundTransportLocation", Str("ftp://x".into())),
            ("BTS.RetryCount", Int(1)),
            ("BTS.RetryInterval", Str("2".into())),
        ]))
        .unwrap();
        assert_eq!(t.adapter, "FTP");
        assert_eq!(t.policy, RetryPolicy { retry_count: 1, retry_interval: SimDuration::from_minutes(2) });
    }

    #[test]
    fn missing_address_is_no_location_and_unknown_adapter_is_unknown_transport() {
        assert_eq!(resolve(&ctx(&[])), Err(Unresolved::NoLocation));
        assert_eq!(resolve(&ctx(&[("BTS.OutboundTransportLocation", Str("  ".into()))])), Err(Unresolved::NoLocation));
        let gopher = ("BTS.OutboundTransportLocation", Str("gopher://x".into()));
        assert_eq!(resolve(&ctx(std::slice::from_ref(&gopher))), Err(Unresolved::UnknownTransport));
        assert_eq!(
            resolve(&ctx(&[gopher.clone(), ("BTS.OutboundTransportType", Str("GOPHER".into()))])),
            Err(Unresolved::UnknownTransport)
        );
        // The type takes precedence: a known type rescues an unknown scheme, and an unknown type
        // sinks a known scheme.
        let t = resolve(&ctx(&[gopher, ("BTS.OutboundTransportType", Str("mqseries".into()))]));
        assert_eq!(t.map(|t| t.adapter), Ok("MQSeries".to_string()));
        assert_eq!(
            resolve(&ctx(&[
                ("BTS.OutboundTransportLocation", Str("http://x".into())),
                ("BTS.OutboundTransportType", Str("WCF-Custom".into()))
            ])),
            Err(Unresolved::UnknownTransport)
        );
    }
}
