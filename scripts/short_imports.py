#!/usr/bin/env python3
"""Short names for the functions a page's wasm imports from its wasm-bindgen JS (issue 14 §1, §2).

    python3 scripts/short_imports.py DIR      (a trunk output folder: index.html, one .wasm, one .js)

wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` (`__wbg_setAttribute_a5d2…`), and
the name is written twice: in the wasm's import section and as a key of the JS glue's imports
object. The hex digits are random to gzip, so a hundred imports cost ≈ 1.6 kB of gzip in each file
(the light embed: wasm 202,144 -> 199,651 B, js 4,904 -> 3,487 B gzip; measured 2026-12-07). This
renames every function import of the glue's module to a short name (`a`, `b`, …, `ba`, …) in both
files, then writes the new SRI hashes (`integrity=sha384-…`) into DIR/index.html, which trunk
computed for the old contents. The file names keep trunk's content hashes (they still change
whenever the build does). binaryen's `--minify-imports` cannot be used from trunk: it prints its
map to wasm-opt's stdout, which trunk does not hand over, and the JS would keep the old names.

Checks before writing anything: exactly one .wasm, .js and index.html; every import comes from
the glue's module and its name is a key of the glue exactly once (`name:`) and nowhere else, so
the short names are keys of that one object only (property names: they cannot clash with the
minified glue's variables). Otherwise it stops with a message, changes nothing, and the trunk build
fails (scripts/trunk_embed.sh runs under `set -e`): a wasm-bindgen upgrade that changes the glue's
shape shows up at once instead of as a page that does not start. Tried and left out: renaming the
imports module (`./portsim-embed_bg.js` → `m`) and the hash-named exported closure shims as well
saved 62 B on the light embed (gzip takes the repeats cheaply). Only the standard library is used.
"""
import base64
import glob
import hashlib
import os
import re
import sys

# The wasm reader of the size breakdown (same folder): LEB128 integers and the section walk.
from wasm_breakdown import leb, sections

ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def short_name(i):
    """0 -> a, 51 -> Z, 52 -> aa, … (used as property names only, where keywords are allowed)."""
    s = ""
    while True:
        s = ALPHABET[i % 52] + s
        i //= 52
        if i == 0:
            return s
        i -= 1


def skip_desc(buf, pos, kind):
    """Position after an import's descriptor of `kind` (function, table, memory, global, tag)."""
    if kind == 0:
        return leb(buf, pos)[1]
    if kind == 1:  # table: reftype, limits
        pos += 1
    if kind in (1, 2):  # limits
        flags = buf[pos]
        _, pos = leb(buf, pos + 1)
        if flags & 1:
            _, pos = leb(buf, pos)
        return pos
    if kind == 3:  # global: valtype, mutability
        return pos + 2
    if kind == 4:  # tag: attribute, type index
        return leb(buf, pos + 1)[1]
    raise SystemExit("short_imports: unknown import kind %d" % kind)


def rename(buf, module):
    """The wasm with its function imports from `module` renamed, and the map old -> new."""
    out = bytearray(buf[:8])
    names = {}
    for sid, start, end in sections(buf):
        body = buf[start:end]
        if sid == 2:
            count, p = leb(buf, start)
            new = bytearray(uleb(count))
            for _ in range(count):
                n, p = leb(buf, p)
                mod = buf[p:p + n]
                p += n
                n, p = leb(buf, p)
                field = buf[p:p + n].decode("utf-8")
                p += n
                kind = buf[p]
                desc_end = skip_desc(buf, p + 1, kind)
                if kind == 0 and mod.decode("utf-8") == module:
                    field = names.setdefault(field, short_name(len(names)))
                data = field.encode("utf-8")
                new += uleb(len(mod)) + mod + uleb(len(data)) + data + buf[p:desc_end]
                p = desc_end
            if p != end:
                raise SystemExit("short_imports: the import section did not parse to its end")
            body = bytes(new)
        out.append(sid)
        out += uleb(len(body))
        out += body
    return bytes(out), names


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    folder = sys.argv[1]
    wasms = glob.glob(os.path.join(folder, "*.wasm"))
    scripts = glob.glob(os.path.join(folder, "*.js"))
    html_path = os.path.join(folder, "index.html")
    if len(wasms) != 1 or len(scripts) != 1 or not os.path.isfile(html_path):
        raise SystemExit("short_imports: %s must hold one .wasm, one .js and index.html" % folder)
    wasm = open(wasms[0], "rb").read()
    js = open(scripts[0], encoding="utf-8").read()
    html = open(html_path, encoding="utf-8").read()
    # The glue's own module name: the key of the imports object, e.g. "./portsim-embed_bg.js".
    modules = set(re.findall(r'"(\./[^"]+_bg\.js)"\s*:', js))
    if len(modules) != 1:
        raise SystemExit("short_imports: expected one imports module in %s, found %s" % (scripts[0], modules))
    module = modules.pop()
    new_wasm, names = rename(wasm, module)
    if not names:
        raise SystemExit("short_imports: no import of %s in %s" % (module, wasms[0]))
    new_js = js
    for old, new in names.items():
        if len(re.findall(r"\b%s\b" % re.escape(old), js)) != 1 or len(re.findall(r"\b%s:" % re.escape(old), js)) != 1:
            raise SystemExit("short_imports: %s is not exactly one key of the glue's imports" % old)
        new_js = re.sub(r"\b%s:" % re.escape(old), new + ":", new_js)
    new_js_bytes = new_js.encode("utf-8")
    js_bytes = js.encode("utf-8")
    new_html = html
    for old_data, new_data in ((wasm, new_wasm), (js_bytes, new_js_bytes)):
        old_sri = sri(old_data)
        if new_html.count(old_sri) != 1:
            raise SystemExit("short_imports: index.html does not carry the integrity %s once" % old_sri)
        new_html = new_html.replace(old_sri, sri(new_data))
    open(wasms[0], "wb").write(new_wasm)
    open(scripts[0], "wb").write(new_js_bytes)
    open(html_path, "w", encoding="utf-8").write(new_html)
    print("short_imports: %s: %d imports renamed (wasm %d -> %d B, js %d -> %d B)"
          % (folder, len(names), len(wasm), len(new_wasm), len(js_bytes), len(new_js_bytes)))


if __name__ == "__main__":
    main()
