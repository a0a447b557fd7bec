#!/usr/bin/env python3
"""Extract the methods of Julia's Core, Base and standard libraries from Julia's source, as method lines.

  python3 tools/methods.py --src DIR --builtin julia-1.11.jl [--commit C] [--out FILE]
                           [--report] FILE[=Module] ...
  python3 tools/methods.py --check FILE            # validate method lines syntactically

Each FILE is a path under --src (e.g. `base/int.jl`); `=Module` names the module its top level
belongs to (default `Base`; `base/boot.jl=Core`).  `module X ... end` blocks inside a file are
followed (Base's `module Math` is `Base.Math`).  `=Main` marks a standard library's top file
(`stdlib/Random/src/Random.jl=Main`): its `module Random ... end` is the top-level module Random
and the `include("f.jl")` statements inside it are read in place, in the module where they
stand (LinearAlgebra's `module BLAS` includes lbt.jl).  The script finds the top-level method
definitions (`function f(args) [where ...]` headers with or without macro prefixes such as
`@inline`, one-line `f(args) [where ...] = ...`, operators, qualified names `Base.show(...)`,
constructors `Float64(x::Int8) = ...`), expands `for ... @eval` loops over literal tuples and
named `const` tuples of the same sources, and writes one line per method:

  function NAME(::T1, ::T2...) [where ...] end   # base/file.jl:LINE

Default arguments expand to one line per arity; keyword arguments are dropped.  Definitions it
cannot translate faithfully are skipped and counted by reason (`--report` prints the counts and
the names of undeclared types).  Python standard library only.  See README.md, section "Methods".
"""
import argparse, collections, os, re, sys, unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402  (the declaration file reader: names per module, exports)

# ---------------------------------------------------------------------------------------------
# tokens

KEYWORDS = {"function", "macro", "module", "baremodule", "struct", "begin", "let", "if", "for",
            "while", "try", "quote", "do", "end", "else", "elseif", "catch", "finally", "return",
            "const", "global", "local", "import", "using", "export", "public", "where", "in",
            "isa", "mutable", "abstract", "primitive", "type", "outer"}
BLOCK_OPENERS = {"function", "macro", "module", "baremodule", "struct", "begin", "let", "if",
                 "for", "while", "try", "quote", "do"}
OPCHARS = set("+-*/\\^%=<>!~&|$?:.⊻÷∘√∛∜≤≥≠≡≢∈∉∋∌⊆⊇⊈⊉⊊⊋∪∩⊗⊕⊖⊙⋅×⊼⊽→←↔⇒⟹≈≉⩵⪅⪆∍⊂⊃∝∥∦⊣⊢⊥⊤⊮⊭⊯⊬≺≻≼≽⊲⊳⋆±∓∔∸≐≑≒≓≔≕≖≗≘≙≚≛≜≝≞≟∣∤∧∨⊻⋉⋊⋋⋌⋏⋎⊓⊔⨼⨽⩀⩁⟂′")
NAME_CONT_EXTRA = set("!′″‴_")


class Tok:
    __slots__ = ("kind", "text", "line", "start", "end")

    def __init__(self, kind, text, line, start, end):
        self.kind, self.text, self.line, self.start, self.end = kind, text, line, start, end

    def __repr__(self):
        return f"{self.kind}:{self.text!r}@{self.line}"


def is_id_start(c):
    return c == "_" or c.isalpha() or (ord(c) > 127 and unicodedata.category(c) in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Sc", "So") and c not in OPCHARS)


def is_id_char(c):
    return is_id_start(c) or c.isdigit() or c in NAME_CONT_EXTRA or (ord(c) > 127 and unicodedata.category(c) in ("Mn", "Mc", "Nd", "No", "Pc", "Sk", "Me"))


class Lexer:
    def __init__(self, src):
        self.s = src
        self.n = len(src)
        self.toks = []
        self.line = 1

    def err(self, msg):
        raise SyntaxError(f"line {self.line}: {msg}")

    def add(self, kind, i, j, text=None):
        self.toks.append(Tok(kind, self.s[i:j] if text is None else text, self.line, i, j))

    def count_lines(self, i, j):
        self.line += self.s.count("\n", i, j)

    def skip_string(self, i, raw=False):
        """i at the opening quote(s); return the index after the closing quote(s)."""
        s = self.s
        triple = s.startswith('"""', i)
        q = '"""' if triple else '"'
        i += len(q)
        while i < self.n:
            c = s[i]
            if c == "\\" and not raw:
                i += 2
                continue
            if c == "\\" and raw:
                i += 2 if i + 1 < self.n and s[i + 1] in '"\\' else 1
                continue
            if s.startswith(q, i):
                return i + len(q)
            if c == "$" and not raw and i + 1 < self.n and s[i + 1] == "(":
                i = self.skip_parens(i + 1)
                continue
            i += 1
        self.err("unterminated string")

    def skip_parens(self, i):
        """i at '('; skip to after the matching ')', skipping strings, chars and comments."""
        s, depth = self.s, 0
        while i < self.n:
            c = s[i]
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
                if depth == 0:
                    return i + 1
            elif c == '"':
                i = self.skip_string(i)
                continue
            elif c == "#":
                i = self.skip_comment(i)
                continue
            elif c == "'" and i > 0 and not (is_id_char(s[i - 1]) or s[i - 1] in ")]}'."):
                j = self.char_end(i)
                if j:
                    i = j
                    continue
            i += 1
        self.err("unbalanced parentheses in interpolation")

    def skip_comment(self, i):
        s = self.s
        if s.startswith("#=", i):
            depth, i = 1, i + 2
            while i < self.n and depth:
                if s.startswith("#=", i):
                    depth += 1
                    i += 2
                elif s.startswith("=#", i):
                    depth -= 1
                    i += 2
                else:
                    i += 1
            return i
        j = s.find("\n", i)
        return self.n if j < 0 else j

    def char_end(self, i):
        """A char literal at i ('x', '\\n', '\\u2200'): its end, or None."""
        s = self.s
        m = re.compile(r"'(\\(?:u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)|[^\\'\n])'").match(s, i)
        if m:
            return m.end()
        return None

    def prev_sig(self):
        return self.toks[-1] if self.toks else None

    def run(self):
        s = self.s
        i = 0
        while i < self.n:
            c = s[i]
            if c == "\n":
                self.add("nl", i, i + 1)
                self.line += 1
                i += 1
                continue
            if c in " \t\r":
                i += 1
                continue
            if c == "\\" and s.startswith("\\\n", i):   # not Julia, but harmless
                i += 1
                continue
            if c == "#":
                j = self.skip_comment(i)
                self.count_lines(i, j)
                i = j
                continue
            if c == '"':
                j = self.skip_string(i)
                self.add("str", i, j)
                self.count_lines(i, j)
                i = j
                continue
            if c == "`":
                j = i + 1
                triple = s.startswith("```", i)
                q = "```" if triple else "`"
                j = i + len(q)
                while j < self.n and not s.startswith(q, j):
                    j += 2 if s[j] == "\\" else 1
                j += len(q)
                self.add("str", i, j)
                self.count_lines(i, j)
                i = j
                continue
            if c == "'":
                p = self.prev_sig()
                adjoint = p is not None and p.end == i and (p.kind in ("id", "num", "close", "str") or p.text in ("'", ".'"))
                if not adjoint:
                    j = self.char_end(i)
                    if j:
                        self.add("chr", i, j)
                        i = j
                        continue
                self.add("op", i, i + 1)
                i += 1
                continue
            if c == "@":
                m = re.compile(r"@(?:[^\W\d][\w!]*\.)*(?:[^\W\d][\w!]*|\.|__dot__)").match(s, i)
                if m and m.end() > i + 1:
                    self.add("macro", i, m.end())
                    i = m.end()
                    continue
                self.add("op", i, i + 1)
                i += 1
                continue
            if c.isdigit() or (c == "." and i + 1 < self.n and s[i + 1].isdigit() and not (self.prev_sig() and self.prev_sig().kind in ("id", "close", "num"))):
                m = re.compile(r"0x[0-9a-fA-F_]+|0b[01_]+|0o[0-7_]+|\d[\d_]*\.(?![.\w])(?:\d[\d_]*)?(?:[eEf][-+]?\d+)?|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eEf][-+]?\d+)?").match(s, i)
                j = m.end() if m and m.end() > i else i + 1
                self.add("num", i, j)
                i = j
                continue
            if is_id_start(c):
                j = i + 1
                while j < self.n and is_id_char(s[j]):
                    j += 1
                if j < self.n and s[j] == '"':   # prefixed string r"..", raw"..", var"..", MIME".."
                    raw = s[i:j] in ("raw", "r", "var", "b", "v", "MIME", "html", "text") or True
                    k = self.skip_string(j, raw=s[i:j] != "b")
                    self.add("str", i, k)
                    self.count_lines(i, k)
                    i = k
                    continue
                self.add("id", i, j)
                i = j
                continue
            if c in "([{":
                self.add("open", i, i + 1)
                i += 1
                continue
            if c in ")]}":
                self.add("close", i, i + 1)
                i += 1
                continue
            if c == ",":
                self.add(",", i, i + 1)
                i += 1
                continue
            if c == ";":
                self.add(";", i, i + 1)
                i += 1
                continue
            if c == ":":
                # `::`, a symbol `:name` / `:+`, or the range/ternary colon
                if s.startswith("::", i):
                    self.add("op", i, i + 2)
                    i += 2
                    continue
                p = self.prev_sig()
                value_before = p is not None and (p.kind in ("num", "close", "str", "chr") or (p.kind == "id" and p.text not in KEYWORDS) or p.text == "end")
                if p is not None and p.kind == "op" and p.text == ".":
                    value_before = False
                if not value_before and i + 1 < self.n:
                    d = s[i + 1]
                    if is_id_start(d):
                        j = i + 2
                        while j < self.n and is_id_char(s[j]):
                            j += 1
                        self.add("sym", i, j)
                        i = j
                        continue
                self.add("op", i, i + 1)
                i += 1
                continue
            if c == "$":
                self.add("op", i, i + 1)
                i += 1
                continue
            if c in OPCHARS or unicodedata.category(c) in ("Sm", "So", "Pd"):
                j = i + 1
                while j < self.n and (s[j] in OPCHARS or unicodedata.category(s[j]) == "Sm") and s[j] not in "$:" and not (s[j] == "'" ):
                    # `=` after an operator: `+=`, `==`, `<=`, `=>`; dots: `.+`, `...`
                    j += 1
                # split `a=-1` style? keep operators greedy (Julia does too)
                self.add("op", i, j)
                i = j
                continue
            # anything else: a single-char op
            self.add("op", i, i + 1)
            i += 1
        return self.toks


# ---------------------------------------------------------------------------------------------
# statements

CONT_OPS_EXCLUDE = {"'", "...", "!", "?"}


class Stmt:
    def __init__(self, toks, lo, hi):
        self.toks, self.lo, self.hi = toks, lo, hi   # tokens[lo:hi], no leading/trailing newlines

    @property
    def line(self):
        return self.toks[self.lo].line


def split_statements(toks, lo, hi):
    """Split toks[lo:hi] into top-level statements (block and bracket aware)."""
    out = []
    stack = []          # entries: ('block', kw) or ('br', ch, {'gen': bool})
    i = lo
    start = None
    last_sig = None
    while i < hi:
        t = toks[i]
        if start is None:
            if t.kind in ("nl", ";"):
                i += 1
                continue
            start = i
        k = t.kind
        if k == "open":
            stack.append(["br", t.text, False])
        elif k == "close":
            while stack and stack[-1][0] == "block":   # tolerate (should not happen)
                stack.pop()
            if stack:
                stack.pop()
        elif k == "id":
            w = t.text
            top = stack[-1] if stack else None
            in_br = top is not None and top[0] == "br"
            prev = toks[i - 1] if i > lo else None
            dotted = prev is not None and prev.kind == "op" and prev.text == "." and prev.end == t.start
            if dotted:
                pass
            elif w == "end":
                if top is not None and top[0] == "block":
                    stack.pop()
                # else: `a[end]`
            elif w in ("for", "if") and in_br:
                if w == "for":
                    top[2] = True
                elif not top[2]:
                    stack.append(["block", w])
            elif w == "begin" and in_br and top[1] == "[":
                pass
            elif w in BLOCK_OPENERS:
                stack.append(["block", w])
            elif w == "type" and prev is not None and prev.kind == "id" and prev.text in ("abstract", "primitive"):
                stack.append(["block", "type"])
        if k in ("nl", ";") and not stack:
            # continuation: a line ending in a binary operator, `,` or `where`
            if k == "nl" and last_sig is not None and (
                    (last_sig.kind == "op" and last_sig.text not in CONT_OPS_EXCLUDE and not last_sig.text.endswith("'"))
                    or last_sig.kind == ","
                    or (last_sig.kind == "id" and last_sig.text in ("where",))):
                i += 1
                continue
            out.append(Stmt(toks, start, i))
            start = None
            last_sig = None
            i += 1
            continue
        if k != "nl":
            if k == "op" and (last_sig is None or last_sig.kind in (",", "open") or (last_sig.kind == "op" and last_sig.text == "=")):
                last_sig = Tok("value", t.text, t.line, t.start, t.end)
            else:
                last_sig = t
        i += 1
    if start is not None:
        out.append(Stmt(toks, start, hi))
    return out


def text_of(toks, lo, hi, src):
    """The source text of toks[lo:hi] with comments and newlines folded to single spaces."""
    parts = []
    prev = None
    for t in toks[lo:hi]:
        if t.kind == "nl":
            continue
        if prev is not None and t.start > prev.end:
            parts.append(" ")
        parts.append(t.text)
        prev = t
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# signatures

CHAR_RX = re.compile(r"'(?:\\(?:u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)|[^\\'])'")


def char_at(s, i):
    """End of a char literal starting at s[i] == "'", or -1 (an adjoint)."""
    if i > 0 and (s[i - 1].isalnum() or s[i - 1] in "_)]}'"):
        return -1
    m = CHAR_RX.match(s, i)
    return m.end() if m else -1


def split_top(s, seps=","):
    out, depth, cur = [], 0, []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "'":
            e = char_at(s, i)
            if e > 0:
                cur.append(s[i:e])
                i = e
                continue
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif ch == '"':
            j = s.find('"', i + 1)
            if j > 0:
                cur.append(s[i:j + 1])
                i = j + 1
                continue
        if ch in seps and depth == 0:
            out.append("".join(cur))
            out.append(ch)
            cur = []
        else:
            cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def matching(s, i):
    """s[i] is an opening bracket; index of its match."""
    depth = 0
    j = i
    while j < len(s):
        ch = s[j]
        if ch == "'":
            e = char_at(s, j)
            if e > 0:
                j = e
                continue
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
            if depth == 0:
                return j
        elif ch == '"':
            k = s.find('"', j + 1)
            if k < 0:
                return -1
            j = k
        j += 1
    return -1


OPERATOR_RX = re.compile(r"^(?:\.?[+\-*/\\^%<>=!~&|⊻÷∘√∛∜≤≥≠≡≢∈∉∋∌⊆⊇⊈⊉⊊⊋∪∩⊗⊕⊖⊙⋅×⊼⊽→←↔⇒⟹≈≉⩵∍⊂⊃∝∥∦⊣⊢⊥⊤≺≻≼≽⊲⊳⋆±∓:⊓⊔∧∨]+|\.\.\.|\.\.|:|'|isa|in)$")
IDENT_RX = re.compile(r"^[^\W\d][\w!′]*$")


class Skip(Exception):
    def __init__(self, reason, detail=None):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def norm_ws(s):
    """Canonical spacing of a type text: no blanks inside brackets or around `,` `<:` `::`."""
    s = re.sub(r"\s+", " ", s.strip())
    s = re.sub(r"\s*([{}()\[\]])\s*", r"\1", s)
    s = re.sub(r"\s*(<:|>:)\s*", r"\1", s)
    s = re.sub(r"\s*::\s*", "::", s)
    s = re.sub(r"\s*,\s*", ",", s)
    s = re.sub(r"\bwhere(?=[{(])", "where ", s)
    s = re.sub(r"(?<=[})\w])where\b", " where", s)
    s = re.sub(r"\bwhere\b(?=\S)", "where ", s)
    return s


def parse_header(h):
    """'name(args) [::R] [where ...]' -> (name, [arg texts], where text).  Raises Skip."""
    h = h.strip()
    # a leading macro on the signature itself (`@inline f(x) = ...` has been removed already)
    if h.startswith("("):
        close = matching(h, 0)
        if close < 0:
            raise Skip("unparsed header")
        inner = h[1:close].strip()
        rest = h[close + 1:].lstrip()
        if not rest.startswith("("):
            raise Skip("not a method")
        mt = re.match(r"^(?:[^\W\d][\w!′]*)?::\s*Type\s*\{\s*([^\W\d][\w!′.]*(?:\{.*\})?)\s*\}$", inner)
        if mt:
            name = "@type " + mt.group(1)           # a constructor of that type (checked later)
            argstart = h.index("(", close + 1)
            close2 = matching(h, argstart)
            args = h[argstart + 1:close2]
            rest = h[close2 + 1:].strip()
            if rest.startswith("::"):
                parts = re.split(r"\s+where\b", rest, maxsplit=1)
                rest = ("where" + parts[1]).strip() if len(parts) > 1 else ""
            if rest and not rest.startswith("where"):
                raise Skip("not a method")
            return name, args, rest
        if not OPERATOR_RX.match(inner) and not re.match(r"^(?:[^\W\d][\w!′]*\.)+:?\(?[^\w\s]+\)?$", inner):
            raise Skip("functor (x::T)(...)")
        name = inner
        argstart = h.index("(", close + 1)
    else:
        # dotted path, segments: identifier, :op, :(op); or a bare operator; then optional {...}
        m = re.match(r"((?:[^\W\d][\w!′]*\.)*)(?:([^\W\d][\w!′]*)|:\(([^()]+)\)|:([^\s(]+?)(?=\()|([^\w\s(){}\[\],;\"]+?)(?=\())", h)
        if not m or m.end() == 0:
            raise Skip("unparsed header")
        quals = m.group(1)
        seg = m.group(2) or m.group(3) or m.group(4) or m.group(5)
        if seg is None:
            raise Skip("unparsed header")
        seg = seg.strip()
        if m.group(3) or m.group(4):
            name = quals + ":" + seg if quals else seg
        else:
            name = quals + seg
        i = m.end()
        if i < len(h) and h[i] == "{":
            close = matching(h, i)
            if close < 0:
                raise Skip("unparsed header")
            name += norm_ws(h[i:close + 1])
            i = close + 1
        while i < len(h) and h[i] == " ":
            i += 1
        if i >= len(h) or h[i] != "(":
            raise Skip("not a method")
        argstart = i
    close = matching(h, argstart)
    if close < 0:
        raise Skip("unparsed header")
    args = h[argstart + 1:close]
    rest = h[close + 1:].strip()
    if rest.startswith("::"):
        # return type: up to a top-level `where`
        parts = re.split(r"\s+where\b", rest, maxsplit=1)
        rest = ("where" + parts[1]) if len(parts) > 1 else ""
        rest = rest.strip()
    if rest and not rest.startswith("where"):
        raise Skip("not a method")
    return name, args, rest


def parse_wheres(w):
    """'where T where {A<:B,C}' -> list of var specs ['T', 'A<:B', 'C'] (outermost last)."""
    out = []
    w = w.strip()
    while w:
        if not w.startswith("where"):
            raise Skip("unparsed where")
        w = w[5:].strip()
        if w.startswith("{"):
            close = matching(w, 0)
            if close < 0:
                raise Skip("unparsed where")
            out.append([norm_ws(x) for x in split_top(w[1:close]) if x != "," and x.strip()])
            w = w[close + 1:].strip()
        else:
            # a single var, possibly with bound, up to the next top-level `where`
            depth, j = 0, 0
            while j < len(w):
                ch = w[j]
                if ch in "{([":
                    depth += 1
                elif ch in "})]":
                    depth -= 1
                elif depth == 0 and w.startswith("where", j) and j > 0 and not (w[j - 1].isalnum() or w[j - 1] == "_"):
                    break
                j += 1
            out.append([norm_ws(w[:j])])
            w = w[j:].strip()
    return out


def fmt_wheres(groups):
    out = []
    for g in groups:
        if len(g) == 1:
            out.append("where " + g[0])
        else:
            out.append("where {" + ",".join(g) + "}")
    return " ".join(out)


def where_vars(groups):
    vs = []
    for g in groups:
        for spec in g:
            m = re.match(r"^([^\W\d][\w′]*)", spec)
            if m:
                vs.append(m.group(1))
    return vs


def parse_arg(a):
    """One argument text -> (type text or None for Any, vararg, has_default).  Raises Skip."""
    a = a.strip()
    # @nospecialize(x), @nospecialize x, @specialize(...)
    m = re.match(r"^@(?:nospecialize|specialize)\s*(\(.*\))?\s*(.*)$", a)
    if m:
        a = (m.group(1)[1:-1] if m.group(1) else m.group(2)).strip()
        m2 = re.match(r"^@(?:nospecialize|specialize)\s*(.*)$", a)
        if m2:
            a = m2.group(1)
    if a.startswith("$"):
        raise Skip("unresolved $ interpolation")
    # default value: a top-level `=` that is not part of `==`, `<=`, `>=`, `!=`, `=>`
    default = False
    depth = 0
    for j, ch in enumerate(a):
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif ch == "=" and depth == 0:
            prev = a[j - 1] if j else ""
            nxt = a[j + 1] if j + 1 < len(a) else ""
            if prev not in "=<>!≤≥:" and nxt not in "=>":
                a = a[:j].strip()
                default = True
                break
    vararg = False
    if a.endswith("..."):
        vararg = True
        a = a[:-3].strip()
    # split at the first top-level `::`
    depth, cut = 0, -1
    j = 0
    while j < len(a):
        ch = a[j]
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif depth == 0 and a.startswith("::", j):
            cut = j
            break
        j += 1
    if cut >= 0:
        name, ty = a[:cut].strip(), a[cut + 2:].strip()
        if not ty:
            raise Skip("unparsed argument")
    else:
        name, ty = a, None
    if name and not (IDENT_RX.match(name) or OPERATOR_RX.match(name) or (name.startswith("(") and name.endswith(")"))):
        raise Skip("unparsed argument", a)
    if not name and ty is None:
        raise Skip("unparsed argument", a)
    if ty is not None:
        if ty.startswith("(") and matching(ty, 0) == len(ty) - 1 and " where " not in ty and "," not in ty:
            ty = ty[1:-1].strip()          # x::($T) after substitution
        ty = norm_ws(ty)
    return ty, vararg, default


def expand_arities(args):
    """[(ty, vararg, default)] -> list of arg lists, one per arity (Julia's optional args)."""
    first_opt = None
    for i, (_, _, d) in enumerate(args):
        if d and first_opt is None:
            first_opt = i
    if first_opt is None:
        return [args]
    for (_, v, d) in args[first_opt:]:
        if not d and not v:
            raise Skip("optional argument before a required one")
    out = []
    n_opt = sum(1 for (_, _, d) in args if d)
    for k in range(n_opt):
        out.append(args[:first_opt + k])
    out.append(args)
    return out


# ---------------------------------------------------------------------------------------------
# names (declared types and functions, as the Rust loader resolves them)

class Names:
    def __init__(self, builtin):
        ck = check.Checker()
        import io, contextlib
        with contextlib.redirect_stdout(io.StringIO()):
            ck.check_file(builtin)
        self.decl = ck.decl
        self.exports = {m: set(v) for m, v in ck.exported.items()}
        self.modules = set(ck.decl.keys())
        # `const X = Y` with Y a name: X is Y (a function or a type); kind_of follows these
        self.alias_rhs = {}
        mod = None
        for raw in open(builtin, encoding="utf-8"):
            line = check.strip_comment(raw).strip()
            mm = re.match(r"^module\s+(\S+)$", line)
            if mm:
                mod = mm.group(1)
                continue
            mm = re.match(r"^const\s+(\S+)\s*=\s*(\S+)$", line)
            if mm and mod and "{" not in mm.group(1) and not re.search(r"[{}()]", mm.group(2)):
                self.alias_rhs[(mod, mm.group(1))] = mm.group(2)
        for m in list(self.modules):
            parts = m.split(".")
            for k in range(1, len(parts)):
                self.modules.add(".".join(parts[:k]))

    def uses(self, mod):
        return [] if mod == "Core" else (["Core"] if mod == "Base" else ["Core", "Base"])

    def lookup_first(self, mod, n):
        if n in self.decl.get(mod, {}):
            return mod
        if mod + "." + n in self.modules:
            return "<module>"
        for u in self.uses(mod):
            if n in self.exports.get(u, set()) and n in self.decl.get(u, {}):
                return u
        if n in self.modules:
            return "<module>"
        return None

    def resolve(self, mod, path):
        """A dotted path as the loader resolves it in mod: (owner module, kind) or None."""
        segs = path.split(".")
        owner = self.lookup_first(mod, segs[0])
        if owner is None:
            return None
        if len(segs) == 1:
            return owner, self.decl.get(owner, {}).get(segs[0], "module")
        cur = None
        if mod + "." + segs[0] in self.modules:
            cur = mod + "." + segs[0]
        else:
            for u in self.uses(mod):
                if segs[0] in self.exports.get(u, set()) and u + "." + segs[0] in self.modules:
                    cur = u + "." + segs[0]
                    break
        if cur is None and segs[0] in self.modules:
            cur = segs[0]
        if cur is None:
            return None
        for seg in segs[1:-1]:
            cur = cur + "." + seg
            if cur not in self.modules:
                return None
        last = segs[-1]
        if last in self.decl.get(cur, {}):
            return cur, self.decl[cur][last]
        if cur + "." + last in self.modules:
            return cur + "." + last, "module"
        return None

    def declare_function(self, mod, n):
        self.decl.setdefault(mod, {}).setdefault(n, "function")

    def kind_of(self, mod, path, depth=0):
        """resolve(), but an alias of a name (`const sind = Base.Math.sind`) has that name's kind."""
        r = self.resolve(mod, path)
        if r is None or r[1] != "alias" or depth > 8:
            return r
        rhs = self.alias_rhs.get((r[0], path.split(".")[-1]))
        if rhs is None:
            return r
        r2 = self.kind_of(r[0], rhs, depth + 1)
        return r if r2 is None else (r[0], r2[1] if r2[1] in ("function", "module") else "alias")


TYPE_ALIASES = {"Bottom": "Union{}"}   # Core's `const Bottom = Union{}`
# `typeof(v)` of values: Base's rounding-mode constants (`const RoundToZero = RoundingMode{:ToZero}()`)
TYPEOF_VALUES = {f"Round{m}": f"RoundingMode{{:{m}}}" for m in
                 ("Nearest", "NearestTiesAway", "NearestTiesUp", "ToZero", "FromZero", "Up", "Down")}



# ---------------------------------------------------------------------------------------------
# conditions of `if` blocks around definitions (`if Ti <: Unsigned || sizeof(Ti) < sizeof(Tf)`)

PRIM_SIZE = {"Bool": 1, "Int8": 1, "UInt8": 1, "Int16": 2, "UInt16": 2, "Int32": 4, "UInt32": 4,
             "Int64": 8, "UInt64": 8, "Int128": 16, "UInt128": 16, "Float16": 2, "Float32": 4,
             "Float64": 8, "Char": 4}
SUPER = {"Bool": "Integer", "Int8": "Signed", "Int16": "Signed", "Int32": "Signed", "Int64": "Signed",
         "Int128": "Signed", "UInt8": "Unsigned", "UInt16": "Unsigned", "UInt32": "Unsigned",
         "UInt64": "Unsigned", "UInt128": "Unsigned", "Float16": "AbstractFloat",
         "Float32": "AbstractFloat", "Float64": "AbstractFloat", "BigInt": "Signed",
         "BigFloat": "AbstractFloat", "Signed": "Integer", "Unsigned": "Integer", "Integer": "Real",
         "AbstractFloat": "Real", "Real": "Number", "Number": "Any", "Char": "AbstractChar",
         "AbstractChar": "Any"}
TYPE_ALIAS_EVAL = {"Int": "Int64", "UInt": "UInt64"}


# facts of a 64-bit Julia 1.11 build of Base (tokens joined by single spaces)
KNOWN_FACTS = [
    ("nameof ( @ __MODULE__ )", ("sym", "Base")),
    ("isdefined ( Core , :Compiler )", True),
    ("Sys.WORD_SIZE", 64),
]


class NoEval(Exception):
    pass


def eval_cond(text):
    toks = re.findall(r"===|!==|==|!=|<=|>=|<:|&&|\|\||[()!<>,]|:[\w]+|[\w.]+|\S", text)
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else None

    def take():
        t = peek()
        pos[0] += 1
        return t

    def atom():
        t = take()
        if t is None:
            raise NoEval
        rest = " ".join(toks[pos[0] - 1:pos[0] + 5])
        for fact, val in KNOWN_FACTS:
            if rest.startswith(fact):
                pos[0] += len(re.findall(r"===|!==|==|!=|<=|>=|<:|&&|\|\||[()!<>,]|:[\w]+|[\w.]+|\S", fact)) - 1
                return val
        if t == "(":
            v = orx()
            if take() != ")":
                raise NoEval
            return v
        if t == "!":
            v = atom()
            if not isinstance(v, bool):
                raise NoEval
            return not v
        if t in ("true", "false"):
            return t == "true"
        if re.fullmatch(r"\d+", t):
            return int(t)
        if t.startswith(":"):
            return ("sym", t[1:])
        if peek() == "(":
            f = t.split(".")[-1]
            take()
            arg = orx()
            if take() != ")":
                raise NoEval
            if f == "sizeof" and isinstance(arg, tuple) and arg[0] == "type" and arg[1] in PRIM_SIZE:
                return PRIM_SIZE[arg[1]]
            raise NoEval
        n = t.split(".")[-1] if t.startswith(("Base.", "Core.")) else t
        n = TYPE_ALIAS_EVAL.get(n, n)
        if n in SUPER or n == "Any":
            return ("type", n)
        raise NoEval

    def subtype(a, b):
        while True:
            if a == b or b == "Any":
                return True
            if a not in SUPER:
                return False
            a = SUPER[a]

    def cmp():
        a = atom()
        op = peek()
        if op in ("===", "==", "!==", "!=", "<:", "<", "<=", ">", ">="):
            take()
            b = atom()
            if op in ("===", "=="):
                return a == b
            if op in ("!==", "!="):
                return a != b
            if op == "<:":
                if not (isinstance(a, tuple) and isinstance(b, tuple) and a[0] == b[0] == "type"):
                    raise NoEval
                return subtype(a[1], b[1])
            if not (isinstance(a, int) and isinstance(b, int)):
                raise NoEval
            return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
        return a

    def andx():
        v = cmp()
        while peek() == "&&":
            take()
            w = cmp()
            if not (isinstance(v, bool) and isinstance(w, bool)):
                raise NoEval
            v = v and w
        return v

    def orx():
        v = andx()
        while peek() == "||":
            take()
            w = andx()
            if not (isinstance(v, bool) and isinstance(w, bool)):
                raise NoEval
            v = v or w
        return v

    v = orx()
    if peek() is not None or not isinstance(v, bool):
        raise NoEval
    return v


def source_group(where):
    """`Core/Base` for base/..., the standard library's name for stdlib/X/..."""
    parts = where.split("/")
    return parts[1] if parts[0] == "stdlib" and len(parts) > 2 else "Core/Base"


def sub_module(module, name):
    """The module a `module name ... end` block inside module declares (`Main` is the top level)."""
    return name if module == "Main" else module + "." + name


class Extractor:
    def __init__(self, names, src_root, builtin):
        self.builtin = builtin
        self.names = names
        self.root = src_root
        self.methods = collections.OrderedDict()   # key -> (module, line text, where)
        self.skips = collections.Counter()
        self.skips_by = collections.defaultdict(collections.Counter)   # source group -> reason -> count
        self.skip_examples = collections.defaultdict(list)
        self.missing = collections.Counter()
        self.missing_examples = {}
        self.consts = {}            # const tuple name -> list of value texts
        self.imports = collections.defaultdict(dict)  # module -> name -> source module
        self.file_order = []
        self.conds = collections.Counter()
        self.skip_lines = set()
        self.dups = 0
        self.ctor_skipped = collections.Counter()
        self.src_types = collections.defaultdict(dict)   # module -> type name -> file:line (Julia's source)

    # -- skips
    def skip(self, reason, where, detail=None):
        self.skip_lines.add(where)
        self.skips[reason] += 1
        self.skips_by[source_group(where)][reason] += 1
        if len(self.skip_examples[reason]) < 5:
            self.skip_examples[reason].append(f"{where}: {detail}" if detail else where)

    # -- files
    def run_file(self, rel, module):
        """Read one file whose top level belongs to module.  Module `Main` is a standard library's
        top file (`stdlib/X/src/X.jl`): its `module X ... end` block is the top-level module X, and
        `include("f.jl")` statements inside it are followed (relative to the including file, in
        the module where they stand), as Julia loads the stdlib."""
        if module == "Main":
            self.follow_includes = True
        saved = (getattr(self, "src", None), getattr(self, "rel", None), getattr(self, "toks", None))
        path = os.path.join(self.root, rel)
        src = open(path, encoding="utf-8").read()
        toks = Lexer(src).run()
        self.file_order.append(rel)
        self.src = src
        self.rel = rel
        self.toks = toks
        self.scan_types(0, len(toks), module)
        self.block(0, len(toks), module, env=None, ctx=None)
        self.src, self.rel, self.toks = saved

    def include_stmt(self, lo, hi, module, ctx):
        """`include("f.jl")` in a standard library: read f.jl in module; True if handled."""
        toks = self.toks
        if not getattr(self, "follow_includes", False) or ctx or module in ("Main", "Base", "Core") \
                or module.startswith(("Base.", "Core.")):
            return False
        m = re.match(r'^include\(\s*"([^"$]+)"\s*\)$', self.stmt_text(lo, hi))
        if not m:
            return False
        rel = os.path.normpath(os.path.join(os.path.dirname(self.rel), m.group(1)))
        self.run_file(rel, module)
        return True

    def scan_types(self, lo, hi, module):
        """Record the types the source declares (`struct`, `mutable struct`, `abstract type`,
        `primitive type` NAME), per module, wherever they stand (also after macros such as
        `@kwdef`, inside `if` or `@eval` blocks; `module X ... end` blocks are followed)."""
        toks = self.toks
        for st in split_statements(toks, lo, hi):
            a = st.lo
            while a < st.hi and toks[a].kind in ("str", "nl"):
                a += 1
            if a + 1 < st.hi and toks[a].kind == "id" and toks[a].text in ("module", "baremodule"):
                end = st.hi - 1
                while end > a and not (toks[end].kind == "id" and toks[end].text == "end"):
                    end -= 1
                self.scan_types(a + 2, end, sub_module(module, toks[a + 1].text))
                continue
            for i in range(st.lo, st.hi - 1):
                t = toks[i]
                if t.kind != "id":
                    continue
                j = None
                if t.text == "struct":
                    j = i + 1
                elif t.text in ("abstract", "primitive") and toks[i + 1].kind == "id" and toks[i + 1].text == "type":
                    j = i + 2
                if j is not None and j < st.hi and toks[j].kind == "id" and toks[j].text not in KEYWORDS:
                    self.src_types[module].setdefault(toks[j].text, self.where(toks[j]))

    CTOR_SKIP = "constructor of a type julia-1.11.jl does not declare"

    def check_not_src_type(self, module, n):
        """A name about to become a new function of module must not be a type Julia declares there."""
        if n in self.src_types.get(module, {}):
            self.missing[n] += 1
            self.ctor_skipped[f"{module}.{n} ({self.src_types[module][n]})"] += 1
            raise Skip(self.CTOR_SKIP, f"{n} ({self.src_types[module][n]})")

    def block(self, lo, hi, module, env, ctx):
        for st in split_statements(self.toks, lo, hi):
            self.statement(st, module, env, ctx)

    def stmt_text(self, lo, hi):
        return text_of(self.toks, lo, hi, self.src)

    def where(self, tok):
        return f"{self.rel}:{tok.line}"

    def statement(self, st, module, env, ctx):
        toks = self.toks
        lo, hi = st.lo, st.hi
        t = toks[lo]
        # docstrings before a definition are statements of their own; skip bare strings
        if t.kind == "str" and hi - lo == 1:
            return
        if t.kind == "str":
            # `"doc" f(x) = ...` on one line
            lo += 1
            while lo < hi and toks[lo].kind == "nl":
                lo += 1
            if lo >= hi:
                return
            t = toks[lo]
        if t.kind == "id":
            w = t.text
            if w in ("module", "baremodule"):
                name = toks[lo + 1].text
                sub = sub_module(module, name)
                # body: after the name line, up to the final `end`
                end = hi - 1
                while end > lo and not (toks[end].kind == "id" and toks[end].text == "end"):
                    end -= 1
                if ctx:
                    return
                self.block(lo + 2, end, sub, env, ctx)
                return
            if w == "begin":
                end = hi - 1
                while end > lo and not (toks[end].kind == "id" and toks[end].text == "end"):
                    end -= 1
                self.block(lo + 1, end, module, env, ctx)
                return
            if w in ("import", "using"):
                if not ctx:
                    self.record_import(self.stmt_text(lo, hi), module)
                return
            if w == "const":
                self.record_const(lo, hi, module, env)
                return
            if w == "if" and not ctx:
                self.if_stmt(lo, hi, module, env, in_loop=False)
                return
            if w in ("if", "let", "while", "try"):
                self.count_inner(lo, hi, module, "inside if/let/while/try block", env)
                return
            if w == "for":
                self.for_loop(lo, hi, module, env, ctx)
                return
            if w in ("struct", "mutable", "abstract", "primitive", "macro", "export", "public",
                     "global", "local", "return", "quote"):
                return
            if w == "function":
                self.function_def(lo, hi, module, env, ctx, macros=[])
                return
            if w == "include" and self.include_stmt(lo, hi, module, ctx):
                return
        if t.kind == "macro":
            self.macro_stmt(lo, hi, module, env, ctx)
            return
        self.short_def(lo, hi, module, env, ctx, macros=[])

    # -- imports and consts
    def record_import(self, text, module):
        m = re.match(r"^(?:import|using)\s+([\w.]+)\s*:\s*(.*)$", text)
        if not m:
            # `import ..no_op_err, ..checked_length`, `import Base.show`
            m2 = re.match(r"^import\s+(.*)$", text)
            if m2:
                for item in split_top(m2.group(1)):
                    item = item.strip()
                    mm = re.match(r"^(\.*)((?:[\w]+\.)*)([\w!]+)$", item)
                    if not mm or (not mm.group(1) and not mm.group(2)):
                        continue
                    q = mm.group(2)[:-1]
                    if mm.group(1):
                        q = q if q.startswith(("Base", "Core")) else ("Base." + q if q else "Base")
                    self.imports[module][mm.group(3)] = q
            return
        src = m.group(1)
        if src.startswith(".") and not module.startswith(("Base", "Core")):
            # a standard library: `.X` is module.X, `..X` is X of module's parent, ...; a module's
            # own name is bound in it (`..LinearAlgebra` in LinearAlgebra.BLAS is LinearAlgebra)
            nd = len(src) - len(src.lstrip("."))
            parts = module.split(".")
            stem = parts[:max(0, len(parts) - (nd - 1))]
            rest = [x for x in src.lstrip(".").split(".") if x]
            if rest and rest[0] in ("Base", "Core"):
                src = ".".join(rest)
            elif rest and stem and stem[-1] == rest[0]:
                src = ".".join(stem + rest[1:])
            else:
                src = ".".join(stem + rest)
        elif src.startswith("."):
            # .Base, ..Base, .Base.Checked, ..Foo: relative to the parent chain; all of our
            # sources live in Base, so `.Base` / `..Base` / `...Base` is Base
            stripped = src.lstrip(".")
            src = stripped if stripped.startswith(("Base", "Core")) else "Base." + stripped if stripped else "Base"
        for n in split_top(m.group(2)):
            n = n.strip()
            if not n or n == "," or n.startswith("@"):
                continue
            n = n.split(" as ")[0].strip()
            self.imports[module][n] = src

    def record_const(self, lo, hi, module, env):
        text = self.stmt_text(lo, hi)
        m = re.match(r"^const\s+([\w]+)\s*=\s*\((.*)\)\s*$", text)
        if m:
            vals = []
            for v in split_top(m.group(2)):
                v = v.strip()
                if v in (",", ""):
                    continue
                if v.endswith("..."):
                    inner = self.consts.get(v[:-3].strip())
                    if inner is None:
                        return
                    vals.extend(inner)
                else:
                    vals.append(v)
            self.consts[m.group(1)] = vals

    def count_inner(self, lo, hi, module, reason, env):
        """Count the definitions inside a block we do not translate."""
        for i in range(lo, hi):
            tk = self.toks[i]
            if tk.kind == "id" and tk.text == "function" and i + 1 < hi and self.toks[i + 1].kind != "nl":
                nxt = self.toks[i + 2] if i + 2 < hi else None
                if nxt is not None and nxt.kind == "id" and nxt.text == "end":
                    continue
                self.skip(reason, self.where(tk))
        # one-line definitions: crude count of `name(...) =` at line starts
        line_starts = [i for i in range(lo, hi) if i == lo or self.toks[i - 1].kind == "nl"]
        for i in line_starts:
            j = i
            while j < hi and self.toks[j].kind == "macro":
                j += 1
            if j + 1 < hi and self.toks[j].kind in ("id", "op") and self.toks[j + 1].kind == "open" and self.toks[j + 1].text == "(":
                k = j + 1
                depth = 0
                while k < hi:
                    if self.toks[k].kind == "open":
                        depth += 1
                    elif self.toks[k].kind == "close":
                        depth -= 1
                        if depth == 0:
                            break
                    k += 1
                k += 1
                while k < hi and self.toks[k].kind == "id" and self.toks[k].text == "where" or (k < hi and self.toks[k].kind == "op" and self.toks[k].text == "::"):
                    k += 2
                    if k - 1 < hi and self.toks[k - 1].kind == "open":
                        depth = 1
                        while k < hi and depth:
                            if self.toks[k].kind == "open":
                                depth += 1
                            elif self.toks[k].kind == "close":
                                depth -= 1
                            k += 1
                if k < hi and self.toks[k].kind == "op" and self.toks[k].text == "=" and self.toks[j].text not in KEYWORDS:
                    self.skip(reason, self.where(self.toks[j]))

    # -- for loops with @eval
    def iter_values(self, text, env):
        text = text.strip()
        if env:
            text = self.substitute(text, env)
        if text.startswith("Base."):
            text = text[5:]
        if text in self.consts:
            return list(self.consts[text])
        if (text.startswith("(") and text.endswith(")")) or (text.startswith("[") and text.endswith("]")):
            if matching(text, 0) != len(text) - 1:
                return None
            vals = []
            for v in split_top(text[1:-1]):
                v = v.strip()
                if v in (",", ""):
                    continue
                if v.endswith("..."):
                    inner = self.consts.get(v[:-3].strip().removeprefix("Base."))
                    if inner is None:
                        return None
                    vals.extend(inner)
                else:
                    vals.append(v)
            return vals
        return None

    def bind(self, pattern, value):
        pattern = pattern.strip()
        if pattern.startswith("(") and pattern.endswith(")"):
            pats = [p.strip() for p in split_top(pattern[1:-1]) if p.strip() not in (",", "")]
            value = value.strip()
            if not (value.startswith("(") and value.endswith(")") and matching(value, 0) == len(value) - 1):
                return None
            vals = [v.strip() for v in split_top(value[1:-1]) if v.strip() not in (",", "")]
            if len(vals) != len(pats):
                return None
            out = {}
            for p, v in zip(pats, vals):
                b = self.bind(p, v)
                if b is None:
                    return None
                out.update(b)
            return out
        if not IDENT_RX.match(pattern):
            return None
        return {pattern: value}

    def header_end(self, lo, hi, goes_on=lambda j: False):
        """The first top-level newline or `;` after keyword token `lo` (or
        `hi`): where the keyword's header ends, unless `goes_on` says so."""
        toks = self.toks
        j = lo + 1
        depth = 0
        while j < hi:
            tk = toks[j]
            if tk.kind == "open":
                depth += 1
            elif tk.kind == "close":
                depth -= 1
            elif depth == 0 and tk.kind in ("nl", ";") and not goes_on(j):
                break
            j += 1
        return j

    def block_end(self, j, hi):
        """The last `end` before `hi` (after `j`): the end of a block."""
        toks = self.toks
        end = hi - 1
        while end > j and not (toks[end].kind == "id" and toks[end].text == "end"):
            end -= 1
        return end

    def for_loop(self, lo, hi, module, env, ctx):
        toks = self.toks
        # header: up to the first newline or `;`
        def goes_on(j):
            # `for (f, T) in` with the tuple on the next lines: the header goes on
            k = j - 1
            while k > lo and toks[k].kind == "nl":
                k -= 1
            return toks[j].kind == "nl" and k > lo and toks[k].text in ("in", "=", "∈", ",")

        j = self.header_end(lo, hi, goes_on)
        header = self.stmt_text(lo + 1, j)
        end = self.block_end(j, hi)
        if ctx:
            self.count_inner(j, end, module, ctx, env)
            return
        # `for a in X, b in Y` / `for a = X`
        clauses = [c for c in split_top(header) if c.strip() not in (",", "")]
        envs = [dict(env or {})]
        for c in clauses:
            m = re.match(r"^(.+?)\s*(?:\bin\b|=|∈)\s*(.+)$", c.strip())
            if not m:
                self.count_inner(j, end, module, "for loop not expanded", env)
                return
            new_envs = []
            for e in envs:
                vals = self.iter_values(m.group(2), e)
                if vals is None:
                    self.count_inner(j, end, module, "for loop not expanded", env)
                    return
                for v in vals:
                    b = self.bind(m.group(1), v)
                    if b is None:
                        self.count_inner(j, end, module, "for loop not expanded", env)
                        return
                    ne = dict(e)
                    ne.update(b)
                    new_envs.append(ne)
            envs = new_envs
        for e in envs:
            self.loop_body(j, end, module, e)

    def loop_body(self, lo, hi, module, env):
        for st in split_statements(self.toks, lo, hi):
            t = self.toks[st.lo]
            if t.kind == "macro" and t.text in ("@eval", "Base.@eval", "@eval_with"):
                self.eval_stmt(st.lo + 1, st.hi, module, env)
            elif t.kind == "id" and t.text == "for":
                self.for_loop(st.lo, st.hi, module, env, None)
            elif t.kind == "id" and t.text == "if":
                self.if_stmt(st.lo, st.hi, module, env, in_loop=True)
            elif t.kind == "id" and t.text in ("let", "begin", "while", "try"):
                self.count_inner(st.lo, st.hi, module, "let/begin/while/try inside a for loop", env)
            elif t.kind == "str":
                continue
            elif self.loop_assign(st, env):
                continue
            else:
                # a definition in a loop without @eval defines a local closure: nothing
                self.count_inner(st.lo, st.hi, module, "definition in a for loop without @eval", env)

    def loop_assign(self, st, env):
        """`fname! = Symbol(fname, '!')` in a loop body: bind the computed name."""
        m = re.match(r"^([^\W\d][\w!′]*)\s*=\s*Symbol\((.*)\)$", self.stmt_text(st.lo, st.hi))
        if not m:
            return False
        parts = []
        for a in split_top(m.group(2)):
            a = a.strip()
            if a in (",", ""):
                continue
            if a in env:
                v = env[a].strip()
                parts.append(v[1:] if v.startswith(":") else v)
            elif re.fullmatch(r"'.'|\"[^\"]*\"", a):
                parts.append(a[1:-1])
            elif a.startswith(":"):
                parts.append(a[1:])
            else:
                return False
        env[m.group(1)] = ":" + "".join(parts)
        return True

    def if_stmt(self, lo, hi, module, env, in_loop):
        """Evaluate `if c1 ... elseif c2 ... else ... end` when the conditions are known."""
        toks = self.toks
        j = self.header_end(lo, hi)
        end = self.block_end(j, hi)
        reason = "if inside a for/@eval loop (condition not evaluated)" if in_loop else "inside if/let/while/try block"
        branches = [[self.stmt_text(lo + 1, j), []]]
        for st in split_statements(toks, j, end):
            t = toks[st.lo]
            if t.kind == "id" and t.text == "elseif":
                branches.append([self.stmt_text(st.lo + 1, st.hi), []])
            elif t.kind == "id" and t.text == "else":
                branches.append([None, []])
                if st.hi > st.lo + 1:
                    branches[-1][1].append(Stmt(toks, st.lo + 1, st.hi))
            else:
                branches[-1][1].append(st)
        chosen = None
        for cond, stmts in branches:
            if cond is None:
                chosen = stmts
                break
            try:
                c = self.substitute(cond, env) if env else cond
                if env:
                    c = re.sub(r"(?<![\w.:$])([^\W\d][\w′]*)(?![\w(])",
                               lambda m: self.substitute("$" + m.group(1), env) if m.group(1) in env else m.group(1), c)
                if "$" in c:
                    raise NoEval
                if eval_cond(c):
                    chosen = stmts
                    break
            except NoEval:
                self.conds[cond.strip()[:80]] += 1
                self.count_inner(lo, hi, module, reason, env)
                return
        for st in chosen or []:
            if in_loop:
                self.loop_body(st.lo, st.hi, module, env)
            else:
                self.statement(st, module, env, None)

    def eval_stmt(self, lo, hi, module, env):
        toks = self.toks
        while lo < hi and toks[lo].kind == "nl":
            lo += 1
        if lo >= hi:
            return
        t = toks[lo]
        # `@eval Mod expr`
        if t.kind == "id" and t.text not in KEYWORDS and lo + 1 < hi and toks[lo + 1].start > t.end and toks[lo + 1].kind in ("id", "macro") and self.src[t.end:toks[lo + 1].start].strip() == "":
            mod = t.text
            if mod in ("Base",):
                module = "Base"
                lo += 1
                t = toks[lo]
            elif mod in ("Core",):
                module = "Core"
                lo += 1
                t = toks[lo]
        if t.kind == "id" and t.text in ("begin", "quote"):
            end = hi - 1
            while end > lo and not (toks[end].kind == "id" and toks[end].text == "end"):
                end -= 1
            for st in split_statements(toks, lo + 1, end):
                self.eval_inner(st, module, env)
            return
        if t.kind == "op" and t.text == ":" and lo + 1 < hi and toks[lo + 1].kind == "open":
            # @eval :( ... )
            self.eval_inner(Stmt(toks, lo + 2, hi - 1), module, env)
            return
        self.eval_inner(Stmt(toks, lo, hi), module, env)

    def eval_inner(self, st, module, env):
        t = self.toks[st.lo]
        if t.kind == "id" and t.text == "if":
            self.if_stmt(st.lo, st.hi, module, env, in_loop=False)
            return
        if t.kind == "id" and t.text in ("let", "while", "try", "for"):
            self.count_inner(st.lo, st.hi, module, "let/while/try/for inside @eval", env)
            return
        self.statement(st, module, env, None)

    def substitute(self, text, env):
        def val(v):
            v = v.strip()
            if v.startswith(":") and len(v) > 1 and not v.startswith("::"):
                inner = v[1:]
                if inner.startswith("(") and inner.endswith(")"):
                    inner = inner[1:-1]
                return inner
            return v
        def rep_paren(m):
            n = m.group(1)
            if n in env:
                return val(env[n])
            return m.group(0)
        text = re.sub(r"\$\(\s*([^\W\d][\w!′]*)\s*\)", rep_paren, text)
        text = re.sub(r"\$\(\s*typeof\(\s*([^\W\d][\w′]*)\s*\)\s*\)",
                      lambda m: "typeof(" + val(env[m.group(1)]) + ")" if m.group(1) in env else m.group(0), text)
        text = re.sub(r"\$([^\W\d][\w!′]*)", rep_paren, text)
        return text

    # -- macros before definitions
    TRANSPARENT = {"@inline", "@noinline", "@propagate_inbounds", "@inline_meta", "@assume_effects",
                   "@constprop", "@nospecializeinfer", "@pure", "@_inline_meta", "@generated",
                   "@eval", "@_foldable_meta", "@_total_meta", "@_effect_free_terminates_locally_meta",
                   "@nospecialize", "@noinfer", "@doc", "@_noinline_meta", "@_propagate_inbounds_meta",
                   "@_nospecializeinfer_meta", "@invoke", "@specialize", "@noexcept", "@__doc__",
                   "@force_compile"}

    def macro_stmt(self, lo, hi, module, env, ctx):
        toks = self.toks
        macros = []
        i = lo
        while i < hi and toks[i].kind == "macro":
            name = toks[i].text
            bare = "@" + name.rsplit(".", 1)[-1].lstrip("@")
            if bare == "@eval":
                if ctx:
                    self.count_inner(i + 1, hi, module, ctx, env)
                    return
                self.eval_stmt(i + 1, hi, module, env)
                return
            if bare not in self.TRANSPARENT and bare != "@commutative":
                if bare in ("@deprecate", "@deprecate_binding", "@deprecate_moved"):
                    self.skip("@deprecate (generated methods)", self.where(toks[i]))
                    return
                if bare in ("@doc",):
                    pass
                # an unknown macro: its expansion is not known
                self.count_inner(i, hi, module, f"unknown macro {bare}", env)
                return
            macros.append(bare)
            i += 1
            # macro arguments before the definition: symbols, `!:sym`, parenthesized groups
            # (`@assume_effects :total`, `@constprop :aggressive`, `@doc "..."`)
            if toks[i - 1].end < len(self.src) and i < hi and toks[i].kind == "open" and toks[i].start == toks[i - 1].end:
                # @inline(...) call form: `@inline function ...` is never written so
                # this is a macro call on an expression: skip
                self.count_inner(i, hi, module, "macro call with parentheses", env)
                return
            while i < hi and (toks[i].kind in ("sym", "str", "nl") or (toks[i].kind == "op" and toks[i].text == "!")
                              or (toks[i].kind == "open" and toks[i].text == "(" and i + 1 < hi and toks[i + 1].kind == "sym")):
                if toks[i].kind == "open":
                    depth = 0
                    while i < hi:
                        if toks[i].kind == "open":
                            depth += 1
                        elif toks[i].kind == "close":
                            depth -= 1
                            if depth == 0:
                                break
                        i += 1
                i += 1
        if i >= hi:
            return
        t = toks[i]
        if t.kind == "id" and t.text == "function":
            self.function_def(i, hi, module, env, ctx, macros)
        elif t.kind == "id" and t.text in ("struct", "mutable", "abstract", "primitive", "macro", "const", "global"):
            return
        else:
            self.short_def(i, hi, module, env, ctx, macros)

    # -- definitions
    def function_def(self, lo, hi, module, env, ctx, macros):
        toks = self.toks
        j = self.header_end(lo, hi)
        # `function f end`
        if j - lo <= 3 and toks[j - 1].kind == "id" and toks[j - 1].text == "end":
            return
        if j == lo + 2 and toks[j].kind in ("nl", ";"):
            # `function f` + newline + `end`?
            if toks[lo + 1].kind in ("id", "op"):
                nxt = j + 1
                while nxt < hi and toks[nxt].kind == "nl":
                    nxt += 1
                if nxt < hi and toks[nxt].kind == "id" and toks[nxt].text == "end":
                    return
        header = self.stmt_text(lo + 1, j)
        if header.endswith(" end") and "(" not in header:
            return
        self.definition(header, toks[lo], module, env, ctx, macros)

    def short_def(self, lo, hi, module, env, ctx, macros):
        toks = self.toks
        depth = 0
        for j in range(lo, hi):
            tk = toks[j]
            if tk.kind == "open":
                depth += 1
            elif tk.kind == "close":
                depth -= 1
            elif depth == 0 and tk.kind == "op" and tk.text == "=":
                break
            elif depth == 0 and tk.kind == "op" and tk.text in ("->", "&&", "||", "?"):
                return
            elif depth == 0 and tk.kind == "id" and tk.text in BLOCK_OPENERS:
                return
        else:
            return
        if j == lo:
            return
        first = toks[lo]
        if not (first.kind in ("id", "op", "open")):
            return
        if first.kind == "id" and first.text in KEYWORDS and first.text not in ("in", "isa", "type", "outer"):
            return
        header = self.stmt_text(lo, j)
        # quick shape test: the header must contain a call `(`
        if "(" not in header:
            return
        self.definition(header, toks[lo], module, env, ctx, macros)

    def definition(self, header, tok, module, env, ctx, macros):
        where = self.where(tok)
        if ctx:
            self.skip(ctx, where)
            return
        if env:
            header = self.substitute(header, env)
        if "$" in header:
            self.skip("unresolved $ interpolation", where, header)
            return
        try:
            name, argtext, wheretext = parse_header(header)
        except Skip as e:
            if e.reason == "not a method":
                return
            self.skip(e.reason, where, header)
            return
        try:
            self.emit(module, name, argtext, wheretext, where, header)
        except Skip as e:
            self.skip(e.reason, where, e.detail or header)
            return
        if "@commutative" in macros:
            # LinearAlgebra's `@commutative f(a::A, b::B) = ...` also defines `f(b::B, a::A)`
            # (special.jl: the call's arguments reversed; written without a where clause)
            args = [a for a in split_top(argtext, ",;") if a.strip() not in ("", ",")]
            if wheretext or ";" in argtext or any("=" in a.replace("==", "") for a in args):
                self.skip("@commutative with where, defaults or keywords", where, header)
                return
            try:
                self.emit(module, name, ", ".join(reversed(args)), wheretext, where, header)
            except Skip as e:
                self.skip(e.reason, where, e.detail or header)

    def resolve_name(self, module, name):
        """Method name as written in source -> name to write in module's section."""
        nm = self.names
        # Base.:+ / Base.:(==)
        m = re.match(r"^((?:[^\W\d][\w!′]*\.)+):(.+)$", name)
        if not m:
            m2 = re.match(r"^((?:[^\W\d][\w!′]*\.)+)([^\w\s{}()]+)$", name)
            if m2 and OPERATOR_RX.match(m2.group(2)):
                m = m2
        if m:
            qual, op = m.group(1)[:-1], m.group(2)
            if qual in ("Base", "Core") or qual == module:
                r = nm.resolve(module, op)
                if r is not None and r[0] in (qual, "Base", "Core"):
                    return op
                if qual == module:
                    return op
            raise Skip("qualified operator not resolvable", name)
        if "." in name and not name.startswith("."):
            base = name.split("{")[0]
            segs = base.split(".")
            if segs[0] == "Base" and module == "Base" and len(segs) == 2:
                return name[5:]
            if segs[0] == "Core" and module == "Core" and len(segs) == 2:
                return name[5:]
            r = nm.resolve(module, base)
            if r is None and not module.startswith(("Base", "Core")) and "Base." + segs[0] in nm.modules \
                    and segs[0] in nm.exports.get("Base", set()):
                # a submodule Base exports (`Broadcast.BroadcastStyle` in LinearAlgebra): written
                # from Base (`Base.Broadcast.BroadcastStyle`)
                name, base, segs = "Base." + name, "Base." + base, ["Base"] + segs
                r = nm.resolve(module, base)
            if r is None:
                # a qualified function that is not declared: Base's own undeclared functions
                # become known as Base's methods are declared (Base's section comes first)
                owner = ".".join(segs[:-1])
                if owner in nm.modules:
                    self.check_not_src_type(owner, segs[-1])
                    nm.declare_function(owner, segs[-1])
                    return name
                raise Skip("qualified name not resolvable", name)
            return name
        base = name.split("{")[0]
        if OPERATOR_RX.match(base) and not IDENT_RX.match(base):
            r = nm.resolve(module, base)
            if r is not None:
                self.check_not_shadowing(module, base, r)
                return name
            src = self.imports.get(module, {}).get(base)
            if src in ("Base", "Core") and base in nm.decl.get(src, {}):
                raise Skip("imported operator not visible", name)
            nm.declare_function(module, base)
            return name
        r = nm.resolve(module, base)
        if "{" in name and (r is None or r[1] in ("function", "module")):
            self.missing[base] += 1
            raise Skip("undeclared type name", base)
        src = self.imports.get(module, {}).get(base)
        if src and module not in ("Base", "Core"):
            owner = r[0] if r else None
            if owner != src:
                if base in nm.decl.get(src, {}) or src in ("Base",):
                    if base not in nm.decl.get(src, {}):
                        self.check_not_src_type(src, base)
                        nm.declare_function(src, base)
                    return src + "." + name
        if r is None:
            self.check_not_src_type(module, base)
            nm.declare_function(module, base)
        elif r[1] == "module":
            raise Skip("name is a module", name)
        else:
            self.check_not_shadowing(module, base, r)
        return name

    SHADOW_SKIP = "new function named like a Base/Core export (not imported; julia-1.11.jl does not declare it)"

    def check_not_shadowing(self, module, n, r):
        """In a standard library, an unqualified `f(...) = ...` extends Base's f only if the module
        imports f (`import Base: f`); otherwise Julia makes a new function of the module (Unicode's
        `isassigned(c) = Base.Unicode.isassigned(c)`).  The loader would take the visible export,
        so such a method is skipped unless julia-1.11.jl declares the function in the module."""
        if module.startswith(("Base", "Core")) or r[0] == module or r[0] == "<module>":
            return
        if self.imports.get(module, {}).get(n) is not None:
            return
        k = self.names.kind_of(module, n)
        if k is None or k[1] != "function":
            return
        raise Skip(self.SHADOW_SKIP, f"{module}.{n} (visible: {r[0]}.{n})")

    def type_text(self, module, ty, wvars):
        """Check and qualify the names of a type expression for module's section."""
        nm = self.names
        out = []
        i = 0
        # symbols :x and integer literals pass through; names may be dotted
        ty = re.sub(r"\btypeof\(\s*(?:Union\{\}|(?:Core\.)?Bottom)\s*\)", "Core.TypeofBottom", ty)
        # a parenthesised name among parameters (`Union{($elty), Bool}` after substitution)
        ty = re.sub(r"([{,]\s*)\(\s*([^\W\d][\w.′]*)\s*\)(?=\s*[,}])", r"\1\2", ty)
        for v, t in TYPEOF_VALUES.items():
            ty = re.sub(r"\btypeof\(\s*(?:Base\.)?%s\s*\)" % re.escape(v), t, ty)
        # a symbol `:x` is a `:` not preceded by a name character, `:`, `<` or `>` (`<:X` and `>:X`
        # are bounds: X is a name to check)
        rx = re.compile(r'("[^"]*"|(?<![\w.:′<>]):[^\W\d][\w!]*)|((?:[^\W\d][\w!′]*)(?:\.[^\W\d][\w!′]*)*)')
        # variables of a where inside the type (`Type{NamedTuple{names,T}} where names`): they
        # shadow any binding of that name
        inner_wvars = set()
        for wm in re.finditer(r"\bwhere\s*(?:\{([^{}]*)\}|([^\W\d][\w′]*))", ty):
            for item in (wm.group(1) or wm.group(2)).split(","):
                vm = re.match(r"^\s*([^\W\d][\w′]*)", item)
                if vm:
                    inner_wvars.add(vm.group(1))
        pos = 0
        for m in rx.finditer(ty):
            out.append(ty[pos:m.start()])
            pos = m.end()
            if m.group(1):
                out.append(m.group(1))
                continue
            n = m.group(2)
            if n in ("where", "true", "false", "nothing", "typeof", "Union", "Tuple", "Vararg", "Type") or n in wvars or n in inner_wvars:
                out.append(n)
                continue
            if n in TYPE_ALIASES:
                out.append(TYPE_ALIASES[n])
                continue
            # preceded by a digit (1f0, 0x1f) -> part of a literal
            if m.start() > 0 and ty[m.start() - 1].isdigit():
                out.append(n)
                continue
            segs = n.split(".")
            if segs[0] == "Base" and module == "Base" and len(segs) > 1:
                n2 = ".".join(segs[1:])
            else:
                n2 = n
            # inside `typeof(...)` a name is a function (or any value); elsewhere it must be a type
            in_typeof = re.search(r"\btypeof\(\s*$", ty[:m.start()]) is not None

            def usable(mod_, path):
                k = nm.kind_of(mod_, path)
                if k is None or k[1] == "module":
                    return False
                if k[1] == "function" and not in_typeof:
                    self.missing[path] += 1
                    raise Skip("function name in a type position", path)
                return True
            if usable(module, n2):
                out.append(n2)
                continue
            if "." not in n2:
                src = self.imports.get(module, {}).get(n2)
                for q in ([src] if src else []) + ["Base", "Core"]:
                    if q and q != module and n2 in nm.decl.get(q, {}) and usable(module, q + "." + n2):
                        out.append(q + "." + n2)
                        break
                else:
                    # a where-variable of an enclosing where inside the type (`X{T} where T`)
                    if re.search(r"\bwhere\s*\{?[^}]*\b" + re.escape(n2) + r"\b", ty):
                        out.append(n2)
                        continue
                    self.missing[n2] += 1
                    raise Skip("undeclared type name", n2)
                continue
            for q in ("Base", "Core"):
                if usable(module, q + "." + n2):
                    out.append(q + "." + n2)
                    break
            else:
                if n2 in check.VALUES:
                    out.append(n2)
                    continue
                self.missing[n2] += 1
                raise Skip("undeclared type name", n2)
        out.append(ty[pos:])
        return "".join(out)

    def emit(self, module, name, argtext, wheretext, where, header):
        if "..." in name or "{" in name and "(" in name.split("{")[0]:
            raise Skip("unparsed header")
        groups = parse_wheres(wheretext) if wheretext else []
        wvars = set(where_vars(groups))
        if name.startswith("@type "):
            tname = name[6:]
            if tname.split("{")[0] in wvars:
                raise Skip("functor (::Type{T})(...) with T a where variable")
            r = self.names.resolve(module, tname.split("{")[0])
            if r is None or r[1] in ("function", "module"):
                self.missing[tname.split("{")[0]] += 1
                raise Skip("undeclared type name", tname)
            name = tname
        name = self.resolve_name(module, name)
        # where bounds
        new_groups = []
        for g in groups:
            ng = []
            for spec in g:
                m = re.match(r"^([^\W\d][\w′]*)\s*(<:|>:)?\s*(.*)$", spec)
                if not m:
                    raise Skip("unparsed where", spec)
                if m.group(3):
                    lower_upper = m.group(3)
                    ng.append(m.group(1) + m.group(2) + self.type_text(module, lower_upper, wvars))
                else:
                    ng.append(m.group(1))
            new_groups.append(ng)
        # `T1<:T<:T2` forms are not handled
        # name with parameters: Complex{T}
        if "{" in name:
            nb, params = name.split("{", 1)
            name = nb + "{" + self.type_text(module, params[:-1], wvars) + "}"
        parts = [p for p in split_top(argtext, ",;")]
        args = []
        for p in parts:
            if p == ";":
                break
            if p == "," or not p.strip():
                continue
            ty, va, df = parse_arg(p)
            if ty is not None:
                ty = self.type_text(module, ty, wvars)
            args.append((ty, va, df))
        for al in expand_arities(args):
            texts = []
            for ty, va, _ in al:
                t = ty if ty is not None else "Any"
                texts.append("::" + t + ("..." if va else ""))
            nm_out = "(:)" if name == ":" else name
            line = f"function {nm_out}({', '.join(texts)})"
            wt = fmt_wheres(new_groups)
            # drop where-variables no argument uses?  No: Julia keeps them (a method may have
            # unused static parameters); keep as written.
            if wt:
                line += " " + wt
            line += " end"
            key = (module, line)
            if key in self.methods:
                self.dups += 1
                del self.methods[key]
            self.methods[key] = (module, line, where)

    def write(self, out, header_lines):
        by_mod = collections.OrderedDict()
        for (module, line), (_, _, where) in self.methods.items():
            by_mod.setdefault(module, []).append((line, where))
        order = sorted(by_mod, key=lambda m: (m != "Core", m != "Base", m))
        counts = {m: len(v) for m, v in by_mod.items()}
        self.fresh = Names(self.builtin)
        lines = list(header_lines)
        w = max((len(l) for ms in by_mod.values() for l, _ in ms), default=0)
        w = min(w, 100)
        for m in order:
            lines.append("")
            lines.append(f"module {m}")
            items = by_mod[m]
            fo = {f: i for i, f in enumerate(self.file_order)}
            def k(item):
                f, ln = item[1].rsplit(":", 1)
                return (fo.get(f, 0), int(ln))
            for line, where in sorted(items, key=k):
                why = self.loads(m, line)
                if why:
                    self.skip(why, where, line)
                    counts[m] -= 1
                    continue
                lines.append(f"{line.ljust(w)}   # {where}")
        out.write("\n".join(lines) + "\n")
        return counts

    def loads(self, module, line):
        """Emulate the loader's name resolution, in output order: None if the line resolves."""
        nm = self.fresh
        body = line[len("function "):]
        if body.startswith("("):
            name = body[1:matching(body, 0)]
        else:
            i = 0
            depth = 0
            while i < len(body):
                if body[i] == "{":
                    depth += 1
                elif body[i] == "}":
                    depth -= 1
                elif body[i] == "(" and depth == 0:
                    break
                i += 1
            name = body[:i]
        head = name.split("{")[0]
        r = nm.resolve(module, head)
        if r is None:
            if "." in head or "{" in name:
                return "function of another module not declared (loader order)"
            nm.declare_function(module, head)
        elif r[1] == "module":
            return "name is a module"
        elif r[1] == "function" and "{" in name:
            return "parameters on a function name"
        for f in re.findall(r"\btypeof\(([^()]+)\)", body):
            f = f.strip()
            if f.startswith("(") and f.endswith(")"):
                f = f[1:-1]
            rf = nm.resolve(module, f)
            if rf is None or rf[1] not in ("function", "alias"):
                return "typeof(f) of a function not declared (loader order)"
        return None


# ---------------------------------------------------------------------------------------------
# syntactic check of method lines

METHOD_RX = re.compile(r"^function\s+(.+)\s+end$")


def check_method_line(line):
    """None if `line` (comment stripped) is a well-formed method line, else a message."""
    m = METHOD_RX.match(line)
    if not m:
        return "not `function ... end`"
    body = m.group(1)
    if "(" not in body:
        return None   # `function f end` declaration
    try:
        name, args, wh = parse_header(body)
    except Skip as e:
        return e.reason
    if not name:
        return "no name"
    for p in split_top(args, ",;"):
        if p == ";":
            return "keyword arguments"
        if p in (",",) or not p.strip():
            continue
        try:
            ty, va, df = parse_arg(p)
        except Skip as e:
            return f"argument {p.strip()!r}: {e.reason}"
        if df:
            return f"argument {p.strip()!r}: default value"
    if wh:
        try:
            parse_wheres(wh)
        except Skip as e:
            return e.reason
    for s in (args, wh, name):
        depth = 0
        for ch in s:
            depth += ch in "{(["
            depth -= ch in "})]"
            if depth < 0:
                return "unbalanced brackets"
        if depth:
            return "unbalanced brackets"
    return None


def check_file(path):
    errors = 0
    n = 0
    for no, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = check.strip_comment(raw).strip()
        if not line or line.startswith("module "):
            continue
        n += 1
        msg = check_method_line(line)
        if msg:
            print(f"{path}:{no}: {msg}: {line}")
            errors += 1
    print(f"{n} method line(s), {errors} error(s)")
    return errors


# The sources read, in Julia's load order (base/boot.jl for Core, then base/Base.jl's includes),
# then the standard libraries' top files (their `include`s are followed).
DEFAULT_FILES = """
base/boot.jl=Core
base/essentials.jl base/ctypes.jl base/generator.jl base/reflection.jl base/options.jl
base/promotion.jl base/tuple.jl base/expr.jl base/pair.jl base/traits.jl base/range.jl base/error.jl
base/bool.jl base/number.jl base/int.jl base/operators.jl base/pointer.jl base/refvalue.jl base/cmem.jl
base/refpointer.jl base/checked.jl base/strings/lazy.jl base/indices.jl base/genericmemory.jl
base/array.jl base/abstractarray.jl base/subarray.jl base/views.jl base/baseext.jl base/c.jl
base/ntuple.jl base/abstractdict.jl base/iddict.jl base/idset.jl base/iterators.jl base/namedtuple.jl
base/hashing.jl base/rounding.jl base/div.jl base/float.jl base/twiceprecision.jl base/complex.jl
base/rational.jl base/multinverses.jl base/abstractarraymath.jl base/arraymath.jl base/slicearray.jl
base/reduce.jl base/reshapedarray.jl base/reinterpretarray.jl base/bitarray.jl base/bitset.jl
base/some.jl base/dict.jl base/abstractset.jl base/set.jl base/char.jl base/strings/basic.jl
base/strings/string.jl base/strings/substring.jl base/strings/cstring.jl base/io.jl base/iobuffer.jl
base/intfuncs.jl base/strings/annotated.jl base/strings/search.jl base/strings/unicode.jl
base/strings/util.jl base/strings/io.jl base/regex.jl base/parse.jl base/show.jl base/arrayshow.jl
base/methodshow.jl base/multidimensional.jl base/broadcast.jl base/missing.jl base/version.jl
base/floatfuncs.jl base/math.jl
base/special/cbrt.jl=Base.Math base/special/exp.jl=Base.Math base/special/hyperbolic.jl=Base.Math
base/special/trig.jl=Base.Math base/special/rem_pio2.jl=Base.Math base/special/log.jl=Base.Math
base/reducedim.jl base/accumulate.jl base/permuteddimsarray.jl base/ordering.jl base/sort.jl
base/gmp.jl base/mpfr.jl base/combinatorics.jl base/irrationals.jl base/mathconstants.jl
base/deepcopy.jl
stdlib/LinearAlgebra/src/LinearAlgebra.jl=Main stdlib/Random/src/Random.jl=Main
stdlib/Dates/src/Dates.jl=Main stdlib/Printf/src/Printf.jl=Main stdlib/Logging/src/Logging.jl=Main
stdlib/UUIDs/src/UUIDs.jl=Main stdlib/Unicode/src/Unicode.jl=Main stdlib/Test/src/Test.jl=Main
""".split()


STDLIB_ORDER = ["LinearAlgebra", "Random", "Dates", "Printf", "Logging", "UUIDs", "Unicode", "Test"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", help="directory holding Julia's source (base/..., VERSION)")
    ap.add_argument("--builtin", help="the declaration file (julia-1.11.jl)")
    ap.add_argument("--commit", default="", help="the commit the sources were taken from")
    ap.add_argument("--out", help="output file (default: standard output)")
    ap.add_argument("--report", action="store_true", help="print counts, skips and missing names")
    ap.add_argument("--check", metavar="FILE", help="only validate the method lines of FILE")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    if a.check:
        sys.exit(1 if check_file(a.check) else 0)
    if not (a.src and a.builtin):
        ap.error("--src and --builtin are required")
    if not a.files:
        a.files = DEFAULT_FILES
    names = Names(a.builtin)
    ex = Extractor(names, a.src, a.builtin)
    specs = []
    for f in a.files:
        rel, _, mod = f.partition("=")
        specs.append((rel, mod or "Base"))
    for rel, mod in specs:
        ex.run_file(rel, mod)
    version = ""
    vp = os.path.join(a.src, "VERSION")
    if os.path.exists(vp):
        version = open(vp).read().strip()
    stdlibs = sorted({r.split("/")[1] for r, _ in specs if r.startswith("stdlib/")},
                     key=lambda x: (STDLIB_ORDER.index(x) if x in STDLIB_ORDER else 99, x))
    hdr = [
        "# pcache built-in declarations: methods of Julia 1.11's Core, Base"
        + (" and standard libraries" if stdlibs else "") + ", as facts.",
        "# GENERATED by typesys/builtin/tools/methods.py -- do not edit; regenerate (README.md, \"Methods\").",
        f"# Source: JuliaLang/julia at commit {a.commit or '?'} (VERSION {version or '?'}), files:",
    ]
    if stdlibs:
        hdr[1:1] = ["# Standard libraries: " + ", ".join(stdlibs) + ",",
                    "# each read from its top file (`=Main`) with the files it includes."]
    line = "#  "
    for rel, mod in specs:
        item = f" {rel}" + (f"={mod}" if mod != "Base" else "")
        if len(line) + len(item) > 100:
            hdr.append(line)
            line = "#  "
        line += item
    hdr.append(line)
    hdr.append("# Each line: one method (signature only; default arguments expanded per arity, keyword")
    hdr.append("# arguments dropped), with the file:line of its definition.")
    out = open(a.out, "w", encoding="utf-8") if a.out else sys.stdout
    counts = ex.write(out, hdr)
    if a.out:
        out.close()
    if a.report:
        r = sys.stderr
        tot = sum(counts.values())
        print(f"methods: {tot} ({ex.dups} duplicate signatures overwritten)", file=r)
        for m, c in sorted(counts.items(), key=lambda x: -x[1]):
            print(f"  {m:28} {c}", file=r)
        print(f"skipped: {sum(ex.skips.values())}", file=r)
        for reason, c in ex.skips.most_common():
            print(f"  {c:6}  {reason}", file=r)
            for e in ex.skip_examples[reason][:3]:
                print(f"            e.g. {e[:150]}", file=r)
        if len(ex.skips_by) > 1:
            print("skipped per source (Core/Base, then each standard library):", file=r)
            for g in sorted(ex.skips_by, key=lambda g: (g != "Core/Base", g)):
                c = ex.skips_by[g]
                print(f"  {g}: {sum(c.values())}", file=r)
                for reason, n in c.most_common():
                    print(f"    {n:6}  {reason}", file=r)
        print("conditions not evaluated (top 20):", file=r)
        for n, c in ex.conds.most_common(20):
            print(f"  {c:6}  {n}", file=r)
        print("constructors of types julia-1.11.jl does not declare (type, its declaration):", file=r)
        for n, c in sorted(ex.ctor_skipped.items()):
            print(f"  {c:6}  {n}", file=r)
        print("undeclared type names (top 40):", file=r)
        for n, c in ex.missing.most_common(40):
            print(f"  {c:6}  {n}", file=r)


if __name__ == "__main__":
    main()
