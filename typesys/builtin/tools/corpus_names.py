#!/usr/bin/env python3
"""List the names that appear in the type texts of the pcache Julia corpus.

Run by hand:  python3 corpus_names.py [CORPUS_DIR] [--builtin FILE]
CORPUS_DIR defaults to ../../../../shared/julia-corpus (i.e. /work/shared/julia-corpus).

Reads types[].super, methods[].sig, code[].spec, code[].edges[].call and roots[].type,
and prints one line per name:  KIND <TAB> NAME <TAB> COUNT <TAB> PACKAGES
KIND is `func` for a name inside typeof(...), `type` otherwise.  Names bound by a
`where` clause are skipped.  With --builtin FILE it also says, for each name, whether
the builtin declaration file declares it (`declared`), and which names the package
itself defines (`own`: a type or method name of that package), so the undecided ones
stand out (`?`); `visible` marks a qualified name `M.X` where X is Core's exported
name (visible in every module) or Base's exported name seen from a standard library.
"""
import glob, json, os, re, sys, collections

IDENT = r"(?:[A-Za-z_\u00A0-\uFFFF][A-Za-z0-9_!\u00A0-\uFFFF]*)"
QUAL = rf"(?:{IDENT}(?:\.(?:{IDENT}|:\([^()]*\)|:[^\s,(){{}}]+))*)"

def texts(corpus):
    for f in sorted(glob.glob(os.path.join(corpus, "*.json"))):
        d = json.load(open(f))
        pkg = d["name"]
        own = set()
        for t in d.get("types", []):
            own.add(t["name"].split("{")[0])
        for m in d.get("methods", []):
            own.add(m["name"])
        out = []
        for t in d.get("types", []):
            if t.get("super"):
                out.append(t["super"])
        for m in d.get("methods", []):
            out.append(m["sig"])
        for c in d.get("code", []):
            out.append(c["spec"])
            for e in c.get("edges", []):
                if "call" in e:
                    out.append(e["call"])
        for r in d.get("roots", []):
            if "type" in r:
                out.append(r["type"])
        yield pkg, own, out

def where_vars(t):
    vs = set()
    for m in re.finditer(r"where\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}", t):
        for part in re.split(r",(?![^{]*\})", m.group(1)):
            v = re.split(r"<:|>:", part.strip())[0].strip()
            if v: vs.add(v)
    for m in re.finditer(r"where\s+(" + IDENT + ")", t):
        vs.add(m.group(1))
    return vs

def names_in(t):
    """Yield (kind, name) for every name in type text t."""
    wv = where_vars(t)
    # functions: typeof(...)
    for m in re.finditer(r"typeof\(\s*([^()]*(?:\([^()]*\))?[^()]*)\)", t):
        yield "func", m.group(1).strip()
    t2 = re.sub(r"typeof\(\s*([^()]*(?:\([^()]*\))?[^()]*)\)", " ", t)
    t2 = re.sub(r'[A-Za-z_]+"[^"]*"', " ", t2)     # MIME"text/plain" etc.
    t2 = re.sub(r'"[^"]*"', " ", t2)
    t2 = re.sub(r"(?<![<>:\w.]):\w+", " ", t2)      # symbols (not the `:` of <: or >:)
    for m in re.finditer(QUAL, t2):
        n = m.group(0)
        if n in wv or n == "where" or re.fullmatch(r"[0-9_]+", n):
            continue
        if n in ("true", "false", "nothing", "missing"):
            continue
        yield "type", n

def main():
    args = sys.argv[1:]
    builtin = None
    if "--builtin" in args:
        i = args.index("--builtin"); builtin = args[i + 1]; del args[i:i + 2]
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = args[0] if args else os.path.normpath(os.path.join(here, "../../../../shared/julia-corpus"))
    if not os.path.isdir(corpus):
        corpus = "/work/shared/julia-corpus"
    count = collections.Counter(); pk = collections.defaultdict(set); ownby = collections.defaultdict(set)
    for pkg, own, ts in texts(corpus):
        for t in ts:
            for kind, n in names_in(t):
                count[(kind, n)] += 1; pk[(kind, n)].add(pkg)
                if n in own: ownby[(kind, n)].add(pkg)
    declared = set()
    if builtin:
        mod = None
        for line in open(builtin):
            line = line.split("#")[0].strip() if not line.lstrip().startswith("function") else line.strip()
            m = re.match(r"module\s+(\S+)", line)
            if m: mod = m.group(1); continue
            m = re.match(r"function\s+(\S+)\s+end", line) or re.match(r"const\s+(\S+?)(?:\{.*?\})?\s+=\s", line) or \
                re.match(r"(?:abstract type|primitive type|mutable struct|struct)\s+([^\s{]+)", line)
            if m:
                declared.add(m.group(1)); declared.add(mod + "." + m.group(1))
                declared.add(mod + ".:(" + m.group(1) + ")"); declared.add(mod + ".:" + m.group(1))
                if "." in mod: declared.add(mod.split(".")[-1] + "." + m.group(1))
    # names visible through `using`: Core's exports in every module, Base's exports in the stdlibs
    exports = collections.defaultdict(set)
    if builtin:
        mod = None
        for line in open(builtin):
            m = re.match(r"module\s+(\S+)", line)
            if m: mod = m.group(1); continue
            exports[mod]
            if line.startswith("export "):
                exports[mod].update(x.strip() for x in line.split("#")[0][7:].split(","))
        def visible(n):
            if "." not in n: return False
            q, last = n.rsplit(".", 1)
            if q in ("Core", "Core.Intrinsics") or q not in exports and "Base." + q not in exports: return False
            return last in exports["Core"] or (q != "Base" and last in exports["Base"])
    for (kind, n), c in sorted(count.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        st = ""
        if builtin:
            st = "declared" if n in declared else ("visible" if visible(n) else ("own" if ownby[(kind, n)] else "?"))
        print(f"{kind}\t{n}\t{c}\t{','.join(sorted(pk[(kind, n)]))}\t{st}")

if __name__ == "__main__":
    main()
