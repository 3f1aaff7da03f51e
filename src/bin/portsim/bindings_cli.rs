//! `portsim bindings import FILE.xml [--utc-offset ±HH:MM] [--start-all]` and
//! `portsim bindings export FILE.json` (SCENARIO.md "CLI"; BINDINGS.md §10).
//!
//! Import prints the `portsim-scenario/1` JSON on stdout and each warning on stderr as
//! `warning: …`; errors (all of them, with their XML location and port or group) go to stderr
//! with exit 1. Export prints the `BindingInfo` XML on stdout.

use portsim::bindings::{
    decode_text, export_bindings, format_utc_offset, import_bindings, parse_utc_offset, ImportOptions,
    MAX_BINDING_BYTES,
};
use portsim::engine::scenario::{parse_spec, MAX_SCENARIO_BYTES};
use portsim::i18n::Lang;
use std::fmt::Write as _;
use std::io::Read;

pub const USAGE: &str = "\
  portsim bindings import FILE.xml [--utc-offset ±HH:MM] [--start-all]
      Reads a BizTalk binding file (BindingInfo) and prints the equivalent portsim-scenario/1 JSON.
      Service-window times are read as UTC and shifted by --utc-offset (default +00:00).
      --start-all adds script lines that start every send port and group at 0s.
      Warnings go to stderr as `warning: ...`; errors (all, with their XML location) exit 1.
  portsim bindings export FILE.json
      Prints a BindingInfo XML document for the scenario's send ports and groups.
";

/// Runs `portsim bindings …` (the arguments after `bindings`); returns (status, stdout, stderr).
pub fn execute(args: &[String]) -> (u8, String, String) {
    let usage_error = |m: String| (2, String::new(), format!("portsim: {m}\nTry 'portsim --help'.\n"));
    match args.first().map(String::as_str) {
        Some("import") => {
            let mut file = None;
            let mut options = ImportOptions::default();
            let mut i = 1;
            while i < args.len() {
                match args[i].as_str() {
                    "--start-all" => options.start_all = true,
                    "--utc-offset" => {
                        let Some(v) = args.get(i + 1) else {
                            return usage_error("--utc-offset needs a value such as +02:00".into());
                        };
                        match parse_utc_offset(v) {
                            Ok(m) => options.utc_offset_minutes = m,
                            Err(e) => return usage_error(e),
                        }
                        i += 1;
                    }
                    f if file.is_none() && (f == "-" || !f.starts_with('-')) => file = Some(f.to_string()),
                    other => return usage_error(format!("unexpected argument '{other}' for bindings import")),
                }
                i += 1;
            }
            let Some(file) = file else { return usage_error("bindings import needs a FILE.xml".into()) };
            import(&file, &options)
        }
        Some("export") => match &args[1..] {
            [file] if file == "-" || !file.starts_with('-') => export(file),
            _ => usage_error("bindings export needs exactly one FILE.json".into()),
        },
        Some(other) => usage_error(format!("unknown bindings command '{other}'; use import or export")),
        None => usage_error("bindings needs import or export".into()),
    }
}

fn read(file: &str, limit: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    // One byte more than the limit: a huge file is refused without reading it all.
    let take = limit as u64 + 1;
    let read = if file == "-" {
        std::io::stdin().lock().take(take).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(take).read_to_end(&mut bytes))
    };
    read.map(|_| bytes).map_err(|e| {
        let name = if file == "-" { "standard input" } else { file };
        format!("portsim: cannot read {name}: {e}\n")
    })
}

fn import(file: &str, options: &ImportOptions) -> (u8, String, String) {
    let bytes = match read(file, MAX_BINDING_BYTES) {
        Ok(b) => b,
        Err(e) => return (2, String::new(), e),
    };
    let result = decode_text(&bytes).map_err(|e| vec![e]).and_then(|text| import_bindings(&text, options));
    match result {
        Err(errors) => {
            let mut err = String::new();
            for e in &errors {
                let _ = writeln!(err, "{file}: {}", e.line_text(Lang::En));
            }
            (1, String::new(), err)
        }
        Ok(imported) => {
            let mut err = String::new();
            for w in &imported.warnings {
                let _ = writeln!(err, "warning: {}", w.message(Lang::En));
            }
            for o in &imported.orchestration_bound {
                let (key, name) = match &o.target {
                    portsim::bindings::Subject::Port(n) => ("port", n),
                    portsim::bindings::Subject::Group(n) => ("group", n),
                };
                let _ = writeln!(
                    err,
                    "warning: orchestration {} port {} is bound to {key} \"{name}\": suggest the script line \
                     {{\"at\": \"0s\", \"send\": {{\"{key}\": \"{name}\"}}}}",
                    o.orchestration, o.logical_port
                );
            }
            if options.utc_offset_minutes != 0 && !imported.warnings.iter().any(|w| w.value.starts_with(['+', '-'])) {
                let _ = writeln!(
                    err,
                    "warning: --utc-offset {} given but no service window is enabled in the file",
                    format_utc_offset(options.utc_offset_minutes)
                );
            }
            let mut out = imported.spec.to_json();
            out.push('\n');
            (0, out, err)
        }
    }
}

fn export(file: &str) -> (u8, String, String) {
    let bytes = match read(file, MAX_SCENARIO_BYTES) {
        Ok(b) => b,
        Err(e) => return (2, String::new(), e),
    };
    let text = String::from_utf8_lossy(&bytes);
    match parse_spec(&text) {
        Ok(spec) => (0, export_bindings(&spec), String::new()),
        Err(errors) => {
            let mut err = String::new();
            for e in &errors.errors {
                let _ = writeln!(err, "{file}: {e}");
            }
            (1, String::new(), err)
        }
    }
}
