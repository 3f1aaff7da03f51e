//! Permalinks: a whole scenario packed into a URL fragment (`index.html#s=1.<data>`).
//!
//! The format is `1.` (version tag) followed by the scenario JSON compressed with raw deflate
//! (`miniz_oxide`) and written in base64url without padding (RFC 4648 §5). Decoding is bounded:
//! a fragment that would inflate past [`MAX_DECODED_BYTES`] is refused before it fills memory
//! (a "zip bomb" link cannot freeze the tab).
//!
//! ```text
//!  scenario JSON ──deflate──▶ bytes ──base64url──▶ "1." + text      (encode_scenario)
//!  "1." + text ──base64url⁻¹──▶ bytes ──inflate (≤ 2 MiB)──▶ UTF-8 JSON   (decode_scenario)
//! ```
//!
//! # Example
//! ```
//! use portsim::share::{decode_scenario, encode_scenario};
//! let link = encode_scenario(r#"{"format":"portsim-scenario/1"}"#);
//! assert!(link.starts_with("1."));
//! assert_eq!(decode_scenario(&link).unwrap(), r#"{"format":"portsim-scenario/1"}"#);
//! ```

use std::fmt;

/// The version tag of the current permalink format (written before the first `.`).
pub const SHARE_VERSION: &str = "1";
/// Largest scenario a permalink may expand to (2 MiB).
pub const MAX_DECODED_BYTES: usize = 2 * 1024 * 1024;
/// Largest fragment accepted before decoding (a 2 MiB scenario never compresses to more).
pub const MAX_FRAGMENT_CHARS: usize = 4 * 1024 * 1024;

/// Why a permalink could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShareError {
    /// Nothing after `#s=`.
    Empty,
    /// The fragment has no `N.` version prefix or an unknown version.
    BadVersion { found: String },
    /// A character outside the base64url alphabet, or an impossible length.
    BadBase64 { position: usize },
    /// The compressed data is corrupt or truncated.
    BadCompression,
    /// The scenario would be larger than [`MAX_DECODED_BYTES`].
    TooLarge { limit: usize },
    /// The decompressed bytes are not UTF-8 text.
    NotUtf8,
    /// The browser cannot inflate the link: the light embeds inflate it with the browser's
    /// `DecompressionStream`, which Safari before 16.4 and Firefox before 113 lack. Not "damaged".
    BrowserCannotInflate,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => f.write_str("the link holds no scenario (nothing after \"#s=\")"),
            ShareError::BadVersion { found } => write!(
                f,
                "the link has an unknown format version {found:?}; this version of portsim reads \"{SHARE_VERSION}.\" links"
            ),
            ShareError::BadBase64 { position } => {
                write!(f, "the link is damaged: invalid base64url text at character {position}")
            }
            ShareError::BadCompression => f.write_str("the link is damaged: its compressed data is corrupt or truncated"),
            ShareError::TooLarge { limit } => write!(
                f,
                "the linked scenario is larger than the limit of {limit} bytes ({} MiB) and was not opened",
                limit / (1024 * 1024)
            ),
            ShareError::NotUtf8 => f.write_str("the link is damaged: the scenario is not UTF-8 text"),
            ShareError::BrowserCannotInflate => {
                f.write_str("this browser cannot open compressed links (it has no DecompressionStream)")
            }
        }
    }
}

impl std::error::Error for ShareError {}

impl ShareError {
    /// The catalogue key of the headline shown when a link cannot be opened: too large is not
    /// "damaged", and another version is neither.
    pub fn headline_key(&self) -> &'static str {
        match self {
            ShareError::TooLarge { .. } => "notice.link_too_large",
            ShareError::BadVersion { .. } => "notice.link_version",
            _ => "notice.bad_link",
        }
    }

    /// The catalogue key of the light embeds' alert headline: a browser that cannot inflate the
    /// link is not told the link is damaged.
    pub fn embed_headline_key(&self) -> &'static str {
        match self {
            ShareError::BrowserCannotInflate => "embed.link_browser",
            _ => "embed.bad_link",
        }
    }

    /// The catalogue key of the translated message (`share.error.*`) and its `{placeholders}`,
    /// for `i18n::tf`. `Display` gives the English text with details for logs.
    pub fn message_key(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            ShareError::Empty => ("share.error.empty", Vec::new()),
            ShareError::BadVersion { .. } => ("share.error.version", Vec::new()),
            ShareError::BadBase64 { .. } | ShareError::BadCompression | ShareError::NotUtf8 => {
                ("share.error.damaged", Vec::new())
            }
            ShareError::TooLarge { limit } => {
                ("share.error.too_large", vec![("limit", format!("{} MiB", limit / (1024 * 1024)))])
            }
            ShareError::BrowserCannotInflate => ("share.error.browser", Vec::new()),
        }
    }
}

/// Packs a scenario's JSON text into a permalink fragment (`1.<base64url(deflate(json))>`).
pub fn encode_scenario(json: &str) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    let mut out = String::with_capacity(2 + compressed.len().div_ceil(3) * 4);
    out.push_str(SHARE_VERSION);
    out.push('.');
    base64url_encode_into(&compressed, &mut out);
    out
}

/// Packs a scenario into a permalink fragment only if the page will open it again: a scenario
/// over [`MAX_DECODED_BYTES`] is refused here, at creation, rather than by the recipient.
pub fn encode_shareable(json: &str) -> Result<String, ShareError> {
    if json.len() > MAX_DECODED_BYTES {
        return Err(ShareError::TooLarge { limit: MAX_DECODED_BYTES });
    }
    let link = encode_scenario(json);
    if link.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLarge { limit: MAX_DECODED_BYTES });
    }
    Ok(link)
}

/// Undoes percent-encoding (`%2D` → `-`) that mail clients and chat tools add to pasted links;
/// a `%` not followed by two hex digits is kept as is (and then refused as damaged).
pub fn percent_decode(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('%') {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// The same payload as [`encode_scenario`] with the JSON stored, not compressed (deflate "stored"
/// blocks, read by the same decoder): a longer link, but no compressor in the wasm — the light
/// embed uses it for its "Open full simulator" link when the scenario changed after it loaded.
pub fn encode_scenario_stored(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut raw = Vec::with_capacity(bytes.len() + 5 * (bytes.len() / 65_535 + 1));
    let mut chunks = bytes.chunks(65_535).peekable();
    if chunks.peek().is_none() {
        raw.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(chunk) = chunks.next() {
        let len = chunk.len() as u16;
        // BFINAL on the last block, BTYPE 00 (stored); then LEN and its one's complement.
        raw.push(u8::from(chunks.peek().is_none()));
        raw.extend_from_slice(&len.to_le_bytes());
        raw.extend_from_slice(&(!len).to_le_bytes());
        raw.extend_from_slice(chunk);
    }
    let mut out = String::with_capacity(2 + raw.len().div_ceil(3) * 4);
    out.push_str(SHARE_VERSION);
    out.push('.');
    base64url_encode_into(&raw, &mut out);
    out
}

/// Reads a permalink fragment back into scenario JSON text. Accepts the bare payload (`1.xxx`),
/// or the fragment with a leading `#` and/or `s=`, percent-encoded or not. Never panics; bounded
/// by [`MAX_DECODED_BYTES`].
pub fn decode_scenario(fragment: &str) -> Result<String, ShareError> {
    let compressed = deflated_payload(fragment)?;
    scenario_text(inflate_exact(&compressed, MAX_DECODED_BYTES)?)
}

/// Inflates raw deflate data whole, or refuses it: more than `limit` bytes out is
/// [`ShareError::TooLarge`]; data that stops before its last block, or bytes after the end of
/// the compressed data, are [`ShareError::BadCompression`] — as the browser's
/// `DecompressionStream` says in the embeds (`ui::embed_dom::inflate`), so a link opens in the
/// full page exactly when it opens in an embed.
fn inflate_exact(compressed: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    // `decompress_to_vec_with_limit`'s own loop (so no more of miniz is linked), which does not
    // say how much input it used.
    let mut decompressor = Box::<DecompressorOxide>::default();
    let mut out = vec![0u8; compressed.len().saturating_mul(2).min(limit).max(1)];
    let (mut read, mut written) = (0, 0);
    loop {
        let input = compressed.get(read..).unwrap_or_default();
        let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (status, used, made) = decompress(&mut decompressor, input, &mut out, written, flags);
        (read, written) = (read + used, written + made);
        match status {
            // Bytes after the end of the compressed data are damage too.
            TINFLStatus::Done if read == compressed.len() => {
                out.truncate(written);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput if out.len() < limit => out.resize(out.len().saturating_mul(2).min(limit), 0),
            TINFLStatus::HasMoreOutput => return Err(ShareError::TooLarge { limit }),
            _ => return Err(ShareError::BadCompression),
        }
    }
}

/// The compressed bytes of a permalink fragment (raw deflate), after every check
/// [`decode_scenario`] makes before inflating them: the light embed inflates them with the
/// browser's own decompressor instead of linking one (`ui::embed_dom::inflate`, issue 14 §1).
pub fn deflated_payload(fragment: &str) -> Result<Vec<u8>, ShareError> {
    if fragment.len() > MAX_FRAGMENT_CHARS * 3 {
        return Err(ShareError::TooLarge { limit: MAX_DECODED_BYTES });
    }
    let decoded = percent_decode(fragment);
    let text = decoded.trim();
    let text = text.strip_prefix('#').unwrap_or(text);
    let text = text.strip_prefix("s=").unwrap_or(text);
    if text.is_empty() {
        return Err(ShareError::Empty);
    }
    let Some((version, payload)) = text.split_once('.') else {
        return Err(ShareError::BadVersion { found: text.chars().take(8).collect() });
    };
    if version != SHARE_VERSION {
        return Err(ShareError::BadVersion { found: version.chars().take(8).collect() });
    }
    if payload.is_empty() {
        return Err(ShareError::Empty);
    }
    if payload.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLarge { limit: MAX_DECODED_BYTES });
    }
    base64url_decode(payload)
}

/// The scenario text of a link's inflated bytes (the last step of [`decode_scenario`]).
pub fn scenario_text(bytes: Vec<u8>) -> Result<String, ShareError> {
    String::from_utf8(bytes).map_err(|_| ShareError::NotUtf8)
}

/// The full fragment for a URL: `#s=1.xxx`.
pub fn permalink_fragment(json: &str) -> String {
    format!("#s={}", encode_scenario(json))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 base64url, no padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    base64url_encode_into(bytes, &mut out);
    out
}

fn base64url_encode_into(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let b0 = chunk[0] as u32;
        let b1 = chunk.get(1).copied().unwrap_or(0) as u32;
        let b2 = chunk.get(2).copied().unwrap_or(0) as u32;
        let n = (b0 << 16) | (b1 << 8) | b2;
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(ALPHABET[index as usize] as char);
        }
    }
}

fn sextet(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some((c - b'A') as u32),
        b'a'..=b'z' => Some((c - b'a') as u32 + 26),
        b'0'..=b'9' => Some((c - b'0') as u32 + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// Decodes RFC 4648 §5 base64url without padding (trailing `=` are tolerated and ignored).
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let bytes = text.trim_end_matches('=').as_bytes();
    if bytes.len() % 4 == 1 {
        return Err(ShareError::BadBase64 { position: bytes.len() });
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for (chunk_index, chunk) in bytes.chunks(4).enumerate() {
        let mut n: u32 = 0;
        for (i, &c) in chunk.iter().enumerate() {
            let v = sextet(c).ok_or(ShareError::BadBase64 { position: chunk_index * 4 + i })?;
            n |= v << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        let all = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&all[..produced]);
    }
    Ok(out)
}
