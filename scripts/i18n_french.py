#!/usr/bin/env python3
"""The French text of the full page's catalogue tables, as the JSON file the page fetches.

    python3 scripts/i18n_french.py > dist/i18n/fr.json

The catalogue tables written with `page_catalogue!` (src/i18n/catalogue_*.rs: the editors,
lessons, binding import, event log and Group Hub) carry no French inside the wasm; the full page
fetches this file when French is chosen (src/ui/french.rs, issue 14 §2). Output: one JSON object,
key → French (as written in the source; the page applies French typography when it loads it).
The integration test `i18n::french_file_matches_the_catalogue` checks this against the compiled
catalogue. Only the standard library is used.
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
    out = {}
    for path in sorted(glob.glob(os.path.join(root, "catalogue_*.rs"))):
        source = open(path, encoding="utf-8").read()
        start = source.find("page_catalogue![")
        if start < 0:
            continue
        end = source.find("\n];", start)
        for m in ENTRY.finditer(source, start, end):
            out[unescape(m.group(1))] = unescape(m.group(3))
    if not out:
        raise SystemExit("no page_catalogue! table found under %s" % root)
    json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
