#!/usr/bin/env python3
"""The French text of the catalogue tables a page's wasm carries in English only, as the JSON file
the page fetches next to itself when French is chosen (src/ui/french.rs).

    python3 scripts/i18n_french.py > dist/i18n/fr.json                          (the full page)
    python3 scripts/i18n_french.py --embed > dist/embed/i18n/fr.json            (the light embed)
    python3 scripts/i18n_french.py --embed-charts > dist/embed/charts/i18n/fr.json

The full page: the tables written with `page_catalogue!` (src/i18n/catalogue_*.rs: the editors,
lessons, binding import, event log and Group Hub; issue 14 §2). The embeds: the tables written with
`shared_catalogue!` (embed, observation, explanation; with `--embed-charts` also the charts), whose
`ENTRIES_EN` the embeds link (issue 14 §1). Output: one JSON object, key → French (as written in
the source; the page applies French typography when it loads it). The integration tests
`i18n::french_file_matches_the_catalogue` and `i18n::embed_french_files_match_their_tables` check
this against the compiled catalogue. Only the standard library is used.
"""
import glob
import json
import os
import re
import sys

STRING = r'"((?:[^"\\]|\\.)*)"'
ENTRY = re.compile(r"\(\s*" + STRING + r"\s*,\s*" + STRING + r"\s*,\s*" + STRING + r"\s*,?\s*\)")
ESCAPE = re.compile(r"\\(u\{([0-9a-fA-F]+)\}|.)")


def unescape(literal):
    """A Rust string literal's body to its value (the escapes the catalogue uses, and the rest)."""
    simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}

    def one(m):
        if m.group(2):
            return chr(int(m.group(2), 16))
        if m.group(1) in simple:
            return simple[m.group(1)]
        raise SystemExit("unsupported escape \\%s" % m.group(1))

    return ESCAPE.sub(one, literal)


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "i18n")
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in ("", "--embed", "--embed-charts"):
        raise SystemExit("usage: i18n_french.py [--embed | --embed-charts]")
    macro = "shared_catalogue![" if mode else "page_catalogue!["
    out = {}
    for path in sorted(glob.glob(os.path.join(root, "catalogue_*.rs"))):
        if mode == "--embed" and os.path.basename(path) == "catalogue_charts.rs":
            continue  # the Charts view is the embed with charts' alone
        source = open(path, encoding="utf-8").read()
        start = source.find(macro)
        if start < 0:
            continue
        end = source.find("\n];", start)
        for m in ENTRY.finditer(source, start, end):
            out[unescape(m.group(1))] = unescape(m.group(3))
    if not out:
        raise SystemExit("no %s table found under %s" % (macro[:-1], root))
    json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
