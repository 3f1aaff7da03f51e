//! Permalink codec (`portsim::share`) and the built-in presets.

use portsim::share::{
    base64url_decode, base64url_encode, decode_scenario, encode_scenario, encode_shareable, percent_decode, ShareError,
    MAX_DECODED_BYTES,
};

#[test]
fn every_preset_round_trips_through_a_permalink() {
    for preset in portsim::presets::all() {
        let link = encode_scenario(preset.json());
        assert!(link.starts_with("1."), "{}: {link}", preset.id);
        assert!(
            link[2..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{}: not URL-safe",
            preset.id
        );
        assert!(link.len() < preset.json().len(), "{}: compression did not shrink the scenario", preset.id);
        assert_eq!(decode_scenario(&link).as_deref(), Ok(preset.json()), "{}", preset.id);
        assert_eq!(decode_scenario(&format!("#s={link}")).as_deref(), Ok(preset.json()), "{}", preset.id);
    }
}

#[test]
fn base64url_matches_rfc4648_vectors() {
    let vectors = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE")];
    for (plain, coded) in vectors {
        assert_eq!(base64url_encode(plain.as_bytes()), coded);
        assert_eq!(base64url_decode(coded).as_deref(), Ok(plain.as_bytes()));
    }
    // The URL-safe alphabet: 0xfb 0xff encodes with '-' and '_' where standard base64 has '+' and '/'.
    assert_eq!(base64url_encode(&[0xfb, 0xff, 0xbf]), "-_-_");
    assert_eq!(base64url_decode("-_-_").as_deref(), Ok(&[0xfb, 0xff, 0xbf][..]));
    let all: Vec<u8> = (0..=255u8).collect();
    assert_eq!(base64url_decode(&base64url_encode(&all)), Ok(all));
}

#[test]
fn a_zip_bomb_is_refused_with_the_limit_in_the_message() {
    let bomb = " ".repeat(10 * 1024 * 1024);
    let link = encode_scenario(&bomb);
    assert!(link.len() < 100_000, "10 MB of spaces should compress well, got {}", link.len());
    let err = decode_scenario(&link).unwrap_err();
    assert_eq!(err, ShareError::TooLarge { limit: MAX_DECODED_BYTES });
    let message = err.to_string();
    assert!(message.contains("2097152") && message.contains("2 MiB"), "{message}");
    // Just under the limit is fine.
    let big = "x".repeat(MAX_DECODED_BYTES);
    assert_eq!(decode_scenario(&encode_scenario(&big)).map(|s| s.len()), Ok(MAX_DECODED_BYTES));
}

#[test]
fn garbage_is_refused_with_a_clear_error() {
    assert_eq!(decode_scenario(""), Err(ShareError::Empty));
    assert_eq!(decode_scenario("#s="), Err(ShareError::Empty));
    assert_eq!(decode_scenario("1."), Err(ShareError::Empty));
    assert!(matches!(decode_scenario("2.abcd"), Err(ShareError::BadVersion { found }) if found == "2"));
    assert!(matches!(decode_scenario("hello"), Err(ShareError::BadVersion { .. })));
    assert_eq!(decode_scenario("1.ab$d"), Err(ShareError::BadBase64 { position: 2 }));
    assert!(matches!(decode_scenario("1.abcde"), Err(ShareError::BadBase64 { .. })));
    assert_eq!(decode_scenario("1.AAAA_____w"), Err(ShareError::BadCompression));
    // A truncated link.
    let link = encode_scenario(portsim::presets::all()[0].json());
    assert_eq!(decode_scenario(&link[..link.len() / 2]), Err(ShareError::BadCompression));
    // Bytes after the end of the compressed data: damaged, as the embeds' DecompressionStream says.
    let mut raw = miniz_oxide::deflate::compress_to_vec(portsim::presets::all()[0].json().as_bytes(), 9);
    raw.extend_from_slice(&[0, 1, 2]);
    assert_eq!(decode_scenario(&format!("1.{}", base64url_encode(&raw))), Err(ShareError::BadCompression));
    // Valid deflate of bytes that are not UTF-8.
    let not_utf8 = miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe, 0x00], 6);
    assert_eq!(decode_scenario(&format!("1.{}", base64url_encode(&not_utf8))), Err(ShareError::NotUtf8));
    for err in [ShareError::Empty, ShareError::BadCompression, ShareError::NotUtf8] {
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn the_empty_scenario_round_trips() {
    assert_eq!(decode_scenario(&encode_scenario("")).as_deref(), Ok(""));
    let tiny = r#"{"format":"portsim-scenario/1"}"#;
    assert_eq!(decode_scenario(&encode_scenario(tiny)).as_deref(), Ok(tiny));
}

#[test]
fn every_preset_loads_without_errors() {
    for preset in portsim::presets::all() {
        if let Err(e) = portsim::engine::load_scenario(preset.json()) {
            panic!("preset {} does not load: {e:?}", preset.id);
        }
    }
}

#[test]
fn presets_have_unique_ids_names_descriptions_and_cover_every_table_row() {
    let presets = portsim::presets::all();
    assert!(presets.len() >= 10);
    let mut ids: Vec<&str> = presets.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), presets.len(), "duplicate preset id");
    for p in presets {
        assert_eq!(portsim::presets::by_id(p.id).map(|q| q.json()), Some(p.json()));
        let v: serde_json::Value = serde_json::from_str(p.json()).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        assert_eq!(v["format"], "portsim-scenario/1", "{}", p.id);
        assert!(v["name"].as_str().is_some_and(|s| s.len() > 10), "{}: name", p.id);
        assert!(v["description"].as_str().is_some_and(|s| s.len() > 80), "{}: description", p.id);
        assert!(portsim::i18n::has_key(p.title_key), "{}", p.title_key);
        assert!(portsim::i18n::has_key(p.summary_key), "{}", p.summary_key);
    }
    assert!(portsim::presets::by_id("no_such_preset").is_none());
    let rules = ["L1", "L2", "L3", "L4", "C1", "C2", "C3", "C4", "C5", "C6", "G1", "G2", "G3", "§6", "§7", "§8", "§9"];
    for rule in rules {
        assert!(presets.iter().any(|p| p.rules.contains(&rule)), "no preset covers {rule}");
    }
}

/// The documentation page embeds two presets; its permalinks and inlined JSON must be current.
#[test]
fn the_example_docs_page_embeds_current_permalinks() {
    let page_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/examples/docs.html");
    let page = std::fs::read_to_string(&page_path).unwrap_or_else(|e| panic!("{}: {e}", page_path.display()));
    for id in ["combined_state", "backup_transport"] {
        let preset = portsim::presets::by_id(id).unwrap_or_else(|| panic!("no preset {id}"));
        // The light embed (embed/), not the full page.
        let src = format!("../embed/#s={}", encode_scenario(preset.json()));
        assert!(page.contains(&src), "docs.html must embed {id} as\n{src}");
        // The inlined copy (driven through postMessage) is the same scenario.
        let marker = format!("<script type=\"application/json\" id=\"scenario-{id}\">");
        let start = page.find(&marker).unwrap_or_else(|| panic!("no inlined scenario {id}")) + marker.len();
        let len = page[start..].find("</script>").unwrap_or_else(|| panic!("unterminated scenario {id}"));
        let inlined: serde_json::Value = serde_json::from_str(&page[start..start + len]).expect("inlined JSON parses");
        let original: serde_json::Value = serde_json::from_str(preset.json()).expect("preset JSON parses");
        assert_eq!(inlined, original, "inlined scenario {id} differs from the preset");
    }
}

#[test]
fn share_errors_have_translated_messages() {
    use portsim::i18n::{has_key, tf, Lang};
    let errors = [
        ShareError::Empty,
        ShareError::BadVersion { found: "9".into() },
        ShareError::BadBase64 { position: 3 },
        ShareError::BadCompression,
        ShareError::TooLarge { limit: MAX_DECODED_BYTES },
        ShareError::NotUtf8,
    ];
    for err in &errors {
        let (key, args) = err.message_key();
        assert!(has_key(key), "{key}");
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for lang in Lang::ALL {
            assert!(!tf(lang, key, &args).contains('{'), "{key} in {lang:?}");
        }
    }
    let (key, args) = ShareError::TooLarge { limit: MAX_DECODED_BYTES }.message_key();
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(tf(Lang::En, key, &args), "The linked scenario is larger than 2 MiB and was not opened.");
}

/// Issue 10 §8: a link the page would refuse is refused when it is made, not when it is opened.
#[test]
fn a_link_over_the_decode_limit_is_refused_at_creation() {
    let fits = format!("{{\"name\":\"{}\"}}", "x".repeat(MAX_DECODED_BYTES - 20));
    let link = encode_shareable(&fits).expect("at the limit a link is made");
    assert_eq!(decode_scenario(&link).as_deref(), Ok(fits.as_str()));
    let over = format!("{{\"name\":\"{}\"}}", "x".repeat(MAX_DECODED_BYTES));
    assert_eq!(encode_shareable(&over), Err(ShareError::TooLarge { limit: MAX_DECODED_BYTES }));
    // The page would indeed refuse it.
    assert_eq!(decode_scenario(&encode_scenario(&over)), Err(ShareError::TooLarge { limit: MAX_DECODED_BYTES }));
}

#[test]
fn an_over_size_link_is_not_called_damaged() {
    assert_eq!(ShareError::TooLarge { limit: MAX_DECODED_BYTES }.headline_key(), "notice.link_too_large");
    assert_eq!(ShareError::BadVersion { found: "2".into() }.headline_key(), "notice.link_version");
    assert_eq!(ShareError::BadCompression.headline_key(), "notice.bad_link");
    for key in ["notice.link_too_large", "notice.link_version", "notice.bad_link", "notice.link_refused"] {
        for lang in [portsim::i18n::Lang::En, portsim::i18n::Lang::Fr] {
            assert_ne!(portsim::i18n::t(lang, key), key, "{key} is translated");
        }
    }
}

#[test]
fn a_percent_encoded_pasted_link_opens() {
    let json = r#"{"format":"portsim-scenario/1","name":"Pasted"}"#;
    let link = encode_scenario(json);
    let escaped: String = link
        .chars()
        .map(|c| if c == '-' || c == '_' || c == '.' { format!("%{:02X}", c as u32) } else { c.to_string() })
        .collect();
    assert!(escaped.contains('%'), "{escaped}");
    assert_eq!(decode_scenario(&format!("#s%3D{escaped}")).as_deref(), Ok(json));
    assert_eq!(decode_scenario(&format!("s={escaped}")).as_deref(), Ok(json));
    assert_eq!(percent_decode("%2d%2D%zz%4"), "--%zz%4");
    assert!(matches!(decode_scenario("1.ab%"), Err(ShareError::BadBase64 { .. })));
}

#[test]
fn a_stored_link_decodes_to_the_same_scenario() {
    use portsim::share::encode_scenario_stored;
    for p in portsim::presets::all() {
        let link = encode_scenario_stored(p.json());
        assert!(link.starts_with("1."), "{}", p.id);
        assert_eq!(decode_scenario(&link).as_deref(), Ok(p.json()), "{}", p.id);
    }
    // Empty text, and text longer than one stored block (65,535 bytes) with multi-byte characters.
    assert_eq!(decode_scenario(&encode_scenario_stored("")).as_deref(), Ok(""));
    let long: String = "é{\"a\":1}".repeat(20_000);
    assert!(long.len() > 65_535 * 2);
    assert_eq!(decode_scenario(&encode_scenario_stored(&long)).as_deref(), Ok(long.as_str()));
}
