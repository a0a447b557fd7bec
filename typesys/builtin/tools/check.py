#!/usr/bin/env python3
"""Check a pcache builtin declaration file (typesys/builtin/julia-*.jl or a test fixture).

  python3 check.py FILE [FILE...]

Each non-blank, non-comment line must be one of the forms of README.md.  Checks: every
supertype and every name in a supertype, bound or alias body is a type parameter of the
declaration, a `where` variable, declared earlier (in the same module, in Core, in Base for
stdlib and Base.* sections, or qualified `Mod.Name` with Mod.Name declared earlier), or a
literal; no name declared twice in one module; export lines name declared names (or
submodules).  Method lines (`function f(::T) end`, julia-1.11-methods.jl) are checked for syntax
only (tools/methods.py checks their names when it writes them).  Prints counts per module.  Later files may use names of earlier files.
Exit status 1 on any error.
"""
import re, sys, collections

IDENT = r"[^\W\d][\w!′]*|[^\s\w{}(),:;#'\"]+"
FORMS = [
    ("module", re.compile(r"^module\s+([\w.]+)$")),
    ("abstract", re.compile(r"^abstract type\s+(.+?)\s+end$")),
    ("primitive", re.compile(r"^primitive type\s+(.+?)\s+(\d+)\s+end$")),
    ("mutable", re.compile(r"^mutable struct\s+(.+?)\s+end$")),
    ("struct", re.compile(r"^struct\s+(.+?)\s+end$")),
    ("const", re.compile(r"^const\s+(\S+?(?:\{.*?\})?)\s+=\s+(.+)$")),
    ("method", re.compile(r"^function\s+(.+\(.*)\s+end$")),
    ("function", re.compile(r"^function\s+(\S+)\s+end$")),
    ("export", re.compile(r"^export\s+(.+)$")),
]

def strip_comment(line):
    # a '#' starts a comment unless it is the whole operator name in `function # end` (none in Julia)
    i = line.find("#")
    return line if i < 0 else line[:i]

def split_top(s, sep=","):
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
        if ch == sep and depth == 0:
            out.append(cur); cur = ""
        else:
            cur += ch
    out.append(cur)
    return [x.strip() for x in out if x.strip()]

def head_params(head):
    """'Name{A<:X,B}' -> ('Name', ['A','B'], ['X'])"""
    m = re.match(r"^([^{\s]+)(?:\{(.*)\})?$", head.strip())
    if not m:
        return None, [], []
    name, ps = m.group(1), m.group(2)
    params, bounds = [], []
    if ps:
        for p in split_top(ps):
            mm = re.match(r"^(\w+)\s*(<:|>:)?\s*(.*)$", p)
            if not mm:
                return None, [], []
            params.append(mm.group(1))
            if mm.group(3):
                bounds.append(mm.group(3))
    return name, params, bounds

def names_in(expr):
    """Names used in a type expression (qualified names kept whole)."""
    expr = re.sub(r"(?<![<>:\w.]):\w+", " ", expr)   # Symbol parameters :not_atomic
    expr = re.sub(r"\b\d+\b", " ", expr)         # integer parameters
    wherevars = set()
    for m in re.finditer(r"\bwhere\s+\{", expr):
        i, depth = m.end(), 1
        while i < len(expr) and depth:
            depth += {"{": 1, "}": -1}.get(expr[i], 0)
            i += 1
        for p in split_top(expr[m.end():i - 1]):
            wherevars.add(re.split(r"<:|>:", p)[0].strip())
    for m in re.finditer(r"\bwhere\s+(\w+)", expr):
        wherevars.add(m.group(1))
    out = []
    for m in re.finditer(r"[^\W\d][\w!]*(?:\.[^\W\d][\w!]*)*", expr):
        n = m.group(0)
        if n in ("where", "true", "false") or n in wherevars:
            continue
        out.append(n)
    return out, wherevars

VALUES = {"Core.CPU"}   # values that appear as type parameters

class Checker:
    def __init__(self):
        self.decl = collections.defaultdict(dict)   # module -> name -> kind
        self.errors = 0
        self.modules = []
        self.exports = []
        self.exported = {}
        self.methods = {}

    def err(self, where, msg):
        print(f"{where}: {msg}")
        self.errors += 1

    def visible(self, mod, n):
        if n in VALUES:
            return True
        if "." in n:
            q, last = n.rsplit(".", 1)
            # qualified: Mod.Sub.name, or a module name relative to Base (Broadcast.x)
            for cand in (q, "Base." + q, "Core." + q):
                if last in self.decl.get(cand, {}):
                    return True
            return False
        if n in self.decl.get(mod, {}):
            return True
        if n in self.decl.get("Core", {}):
            return True
        if mod != "Core" and n in self.decl.get("Base", {}):
            # Base's own names are visible in Base.X sections; elsewhere (standard libraries,
            # Main) only Base's exported names are
            if mod.startswith("Base.") or n in self.exported.get("Base", set()):
                return True
        return False

    def check_file(self, path):
        mod = None
        for no, raw in enumerate(open(path, encoding="utf-8"), 1):
            where = f"{path}:{no}"
            line = strip_comment(raw).strip()
            if not line:
                continue
            kind = None
            for k, rx in FORMS:
                m = rx.match(line)
                if m:
                    kind = k
                    break
            if kind is None:
                self.err(where, f"no line form matches: {line}")
                continue
            if kind == "module":
                mod = m.group(1)
                if mod not in self.modules:
                    self.modules.append(mod)
                continue
            if mod is None:
                self.err(where, "declaration before any `module` line")
                continue
            if kind == "export":
                # checked at the end: an export line may name a submodule declared by a later section
                self.exports.append((where, mod, split_top(m.group(1))))
                self.exported.setdefault(mod, set()).update(split_top(m.group(1)))
                continue
            if kind == "method":
                # a method line (julia-1.11-methods.jl): checked for syntax only here; names are
                # checked by tools/methods.py, which writes those lines
                import methods
                msg = methods.check_method_line(line)
                if msg:
                    self.err(where, f"method line: {msg}")
                self.methods[mod] = self.methods.get(mod, 0) + 1
                continue
            if kind == "function":
                name = m.group(1)
                self.add(mod, name, "function", where)
                continue
            if kind == "const":
                name, params, bounds = head_params(m.group(1))
                if name is None:
                    self.err(where, f"bad alias head {m.group(1)}")
                    continue
                body = m.group(2).strip()
                used, _ = names_in(body)
                for b in bounds:
                    used += names_in(b)[0]
                for n in used:
                    if n not in params and n != name and not self.visible(mod, n):
                        self.err(where, f"{name}: alias uses undeclared {n}")
                self.add(mod, name, "alias", where)
                continue
            head = m.group(1)
            sup = None
            if "<:" in head:
                # split `Name{...} <: Super{...}` at the top-level <:
                depth = 0
                for i, ch in enumerate(head):
                    if ch in "{(":
                        depth += 1
                    elif ch in "})":
                        depth -= 1
                    elif depth == 0 and head.startswith("<:", i):
                        sup = head[i + 2:].strip()
                        head = head[:i].strip()
                        break
            name, params, bounds = head_params(head)
            if name is None:
                self.err(where, f"bad type head {head}")
                continue
            used = []
            for b in bounds:
                used += names_in(b)[0]
            if sup:
                used += names_in(sup)[0]
            for n in used:
                if n in params:
                    continue
                if n == name and not (name == "Any" and mod == "Core"):
                    self.err(where, f"{name}: refers to itself")
                    continue
                if n == name:
                    continue
                if not self.visible(mod, n):
                    self.err(where, f"{name}: uses undeclared {n}")
            self.add(mod, name, kind, where)

    def add(self, mod, name, kind, where):
        if name in self.decl[mod]:
            self.err(where, f"{mod}.{name} declared twice")
        self.decl[mod][name] = kind

    def check_exports(self):
        for where, mod, names in self.exports:
            for n in names:
                if n.startswith("@"):
                    self.err(where, f"macro in export line: {n}")
                elif not (n in self.decl[mod] or (mod + "." + n) in self.decl or n in self.decl.get("Core", {})):
                    self.err(where, f"export of undeclared name {n}")

    def report(self):
        tot = collections.Counter()
        print(f"{'module':32} {'types':>6} {'aliases':>8} {'functions':>10} {'methods':>8}")
        for mod in self.modules:
            c = collections.Counter(self.decl[mod].values())
            t = sum(c[k] for k in ("abstract", "primitive", "mutable", "struct"))
            nm = self.methods.get(mod, 0)
            print(f"{mod:32} {t:6} {c['alias']:8} {c['function']:10} {nm:8}")
            tot["t"] += t; tot["a"] += c["alias"]; tot["f"] += c["function"]; tot["m"] += nm
        print(f"{'total':32} {tot['t']:6} {tot['a']:8} {tot['f']:10} {tot['m']:8}")
        print(f"{self.errors} error(s)")

if __name__ == "__main__":
    ck = Checker()
    for p in sys.argv[1:]:
        ck.check_file(p)
    ck.check_exports()
    ck.report()
    sys.exit(1 if ck.errors else 0)
