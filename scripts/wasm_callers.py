#!/usr/bin/env python3
"""Which functions call the functions whose mangled name matches a pattern, in a wasm disassembled
with names (issue 14 §2: where each copy of a generic sort comes from).

    wasm-dis target/wasm32-unknown-unknown/wasm-release/portsim-web.wasm -o /tmp/web.wat
    python3 scripts/wasm_callers.py /tmp/web.wat 'driftsort_main|bulk_build_from_sorted_iter|ipnsort'

`wasm-dis` comes with npm binaryen (e2e/node_modules/.bin). Callers inside core/alloc are walked
up (a few levels) until the project's or a crate's own function is reached.
"""
import re,collections,sys
cur=None
calls=collections.defaultdict(set)
names=[]
for line in open(sys.argv[1]):
    if line.startswith(' (func $'):
        cur=line.split()[1].lstrip('$'); names.append(cur); continue
    m=re.search(r'\(call \$(\S+)',line)
    if m and cur: calls[m.group(1)].add(cur)
def short(n):
    out=[];s=n
    if s.startswith('_ZN'): s=s[3:]
    while s and s[0].isdigit():
        m=re.match(r'(\d+)',s); l=int(m.group(1)); s=s[m.end():]; out.append(s[:l]); s=s[l:]
    r='::'.join(o for o in out if not (o.startswith('h') and len(o)==17))
    for a,b in [('$LT$','<'),('$GT$','>'),('$C$',','),('$u20$',' '),('..','::'),('$RF$','&'),('$u7b$','{'),('$u7d$','}')]: r=r.replace(a,b)
    return r or n
pat=sys.argv[2]
roots=[n for n in names if re.search(pat,n)]
def up(f,d,seen):
    for c in sorted(calls.get(f,())):
        if c in seen: continue
        seen.add(c)
        s=short(c)
        print('   '*d+'<- '+s[:170])
        if d<5 and re.search(r'^(core|alloc)::|from_iter|FromIterator|collect|sort',s) and not s.startswith('portsim'): up(c,d+1,seen)
for r in roots:
    print(short(r)); up(r,1,set())
