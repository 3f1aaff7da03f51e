#!/usr/bin/env python3
"""Where the bytes of a wasm file go: code size by crate (from the `name` section) and data size.

    python3 scripts/wasm_breakdown.py FILE.wasm [--top N] [--functions N]

Reads a wasm module that still has its `name` section (cargo's output in target/, or a wasm-opt
output run with `-g`), sums every function body's size under the crate its demangled name starts
with (`portsim::ui::…` is split one level further: `portsim::ui`, `portsim::engine`, …), and prints
one line per crate plus the data segments. Names look like `core::fmt::write`,
`<yew::html::…> as core::…>::…`, `portsim::engine::simulation::Simulation::step`; the crate is the
first path inside the leading `<…>` for trait impls. Only the standard library is used.
"""
import re
import sys


def leb(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def sections(buf):
    if buf[:4] != b"\0asm":
        raise SystemExit("not a wasm file")
    pos = 8
    while pos < len(buf):
        sid = buf[pos]
        size, body = leb(buf, pos + 1)
        yield sid, body, body + size
        pos = body + size


def parse(buf):
    imported_funcs = 0
    bodies = []  # sizes of defined functions, in order
    data = 0
    names = {}
    custom = {}
    for sid, start, end in sections(buf):
        if sid == 2:  # imports: count function imports (they shift function indices)
            count, pos = leb(buf, start)
            for _ in range(count):
                for _ in range(2):
                    n, pos = leb(buf, pos)
                    pos += n
                kind = buf[pos]
                pos += 1
                if kind == 0:
                    imported_funcs += 1
                    _, pos = leb(buf, pos)
                elif kind == 1:  # table: reftype + limits
                    pos += 1
                    flags = buf[pos]
                    _, pos = leb(buf, pos + 1)
                    if flags & 1:
                        _, pos = leb(buf, pos)
                elif kind == 2:  # memory: limits
                    flags = buf[pos]
                    _, pos = leb(buf, pos + 1)
                    if flags & 1:
                        _, pos = leb(buf, pos)
                elif kind == 3:  # global: valtype + mut
                    pos += 2
                else:
                    _, pos = leb(buf, pos)
        elif sid == 10:
            count, pos = leb(buf, start)
            for _ in range(count):
                size, body = leb(buf, pos)
                bodies.append(body + size - pos)
                pos = body + size
        elif sid == 11:
            data += end - start
        elif sid == 0:
            n, pos = leb(buf, start)
            name = buf[pos:pos + n].decode("utf-8", "replace")
            custom[name] = end - start
            if name == "name":
                pos += n
                while pos < end:
                    sub = buf[pos]
                    size, sub_body = leb(buf, pos + 1)
                    if sub == 1:
                        count, p = leb(buf, sub_body)
                        for _ in range(count):
                            idx, p = leb(buf, p)
                            ln, p = leb(buf, p)
                            names[idx] = buf[p:p + ln].decode("utf-8", "replace")
                            p += ln
                    pos = sub_body + size
    return imported_funcs, bodies, data, names, custom


LEGACY_ESC = {"$LT$": "<", "$GT$": ">", "$C$": ",", "$RF$": "&", "$BP$": "*", "$SP$": "@", "$LP$": "(", "$RP$": ")"}


def demangle(name):
    """Rust's legacy (`_ZN…E`) symbols to `a::b::<c as d>::e`; v0 (`_R…`) to its identifiers."""
    if name.startswith("_ZN"):
        pos, parts = 3, []
        while pos < len(name) and name[pos].isdigit():
            j = pos
            while name[j].isdigit():
                j += 1
            n = int(name[pos:j])
            parts.append(name[j:j + n])
            pos = j + n
        if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
            parts.pop()
        out = "::".join(parts)
        out = re.sub(r"\$u([0-9a-f]{2})\$", lambda m: chr(int(m.group(1), 16)), out)
        for k, v in LEGACY_ESC.items():
            out = out.replace(k, v)
        return out.replace("..", "::").lstrip("_")
    if name.startswith("_R"):
        # Identifiers in order (`<len>[_]<ident>`); crate hashes `Cs…_`, backrefs `B…_` and
        # disambiguators `s…_` are skipped. Enough to name the crate and the item.
        body, i, words = name[2:], 0, []
        while i < len(body):
            c = body[i]
            if c in "sB" or body.startswith("Cs", i):
                j = body.find("_", i)
                if j < 0:
                    break
                i = j + 1
            elif c.isdigit():
                j = i
                while j < len(body) and body[j].isdigit():
                    j += 1
                n = int(body[i:j])
                if j < len(body) and body[j] == "_":
                    j += 1
                words.append(body[j:j + n])
                i = j + n
            else:
                i += 1
        return "::".join(words)
    return name


# A generic instance such as `alloc::vec::Vec<portsim::…>::push` is counted under the crate that
# instantiated it only when the outer crate is core/alloc/std: that is where the code came from.
PATH_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)+")
STD = {"core", "alloc", "std"}


def crate_of(name):
    paths = PATH_RE.findall(name)
    if not paths:
        return "(unnamed)" if re.fullmatch(r"(func|\$)?\d+", name) else "(other: " + name[:30] + ")"
    first = paths[0].split("::")
    if first[0] == "portsim" and len(first) > 2:
        return "portsim::" + first[1]
    if first[0] in STD:
        for p in paths[1:]:
            head = p.split("::")
            if head[0] == "portsim":
                return "%s (for portsim::%s)" % (first[0], head[1] if len(head) > 2 else "")
    return first[0]


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    path = argv[1]
    top = int(argv[argv.index("--top") + 1]) if "--top" in argv else 25
    nfun = int(argv[argv.index("--functions") + 1]) if "--functions" in argv else 0
    buf = open(path, "rb").read()
    imported, bodies, data, names, custom = parse(buf)
    if not names:
        print("%s: no name section; nothing to attribute" % path)
        return
    by_crate = {}
    funcs = []
    for i, size in enumerate(bodies):
        name = demangle(names.get(imported + i, "func%d" % (imported + i)))
        # wasm-bindgen reads these type descriptors at build time and removes them.
        dropped_fn = name.startswith("__wbindgen_describe") or "wasm_bindgen::describe::" in name
        crate = "(wasm-bindgen descriptors: dropped)" if dropped_fn else crate_of(name)
        by_crate[crate] = by_crate.get(crate, 0) + size
        funcs.append((size, name))
    dropped = by_crate.get("(wasm-bindgen descriptors: dropped)", 0)
    total = sum(bodies) - dropped + data
    print("%-44s %10s %6s" % ("code by crate (%s)" % path.split("/")[-1], "bytes", "share"))
    by_crate.pop("(wasm-bindgen descriptors: dropped)", None)
    rows = sorted(by_crate.items(), key=lambda kv: -kv[1])
    for crate, size in rows[:top]:
        print("%-44s %10d %5.1f%%" % (crate[:44], size, 100.0 * size / total))
    rest = sum(size for _, size in rows[top:])
    if rest:
        print("%-44s %10d %5.1f%%" % ("(%d more)" % (len(rows) - top), rest, 100.0 * rest / total))
    print("%-44s %10d %5.1f%%" % ("data segments (strings, tables, presets)", data, 100.0 * data / total))
    print("%-44s %10d" % ("code + data (custom sections excluded)", total))
    if dropped:
        print("%-44s %10d" % ("(wasm-bindgen descriptors, not shipped)", dropped))
    for size, name in sorted(funcs, reverse=True)[:nfun]:
        print("  %8d  %s" % (size, name[:110]))


if __name__ == "__main__":
    main(sys.argv)
