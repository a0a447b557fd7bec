//! Allocation-free token scan of type texts: which functions a text names
//! through `typeof(...)`, without parsing or resolving it. The slicer
//! ([`mod@crate::slice`]) uses it to decide what the analysis must resolve;
//! the tokens are the parser's own ([`crate::syntax`]'s lexer, borrowed).

use crate::syntax::{is_plain_path, Lexer, RawTok};

/// The tokens of `text`, from the parser's own tokenizer; `None` for what
/// it cannot read (such a text does not parse, so it resolves nowhere).
fn tokens(text: &str) -> impl Iterator<Item = Option<RawTok<'_>>> {
    Lexer::new(text).map(|t| t.ok().map(|t| t.kind))
}

const fn punct(p: &'static str) -> Option<RawTok<'static>> {
    Some(RawTok::Punct(p))
}

/// One segment of a function's path: a name, `var"…"`, an operator, or a
/// quoted operator after a dot (`Base.:+`, `Base.:(==)`).
fn segment<'a>(toks: &mut impl Iterator<Item = Option<RawTok<'a>>>) -> Option<&'a str> {
    match toks.next()? {
        Some(RawTok::Ident(s) | RawTok::VarIdent(s) | RawTok::Op(s)) => Some(s),
        Some(RawTok::Punct("(")) => match (toks.next()?, toks.next()?) {
            (Some(RawTok::Op(s)), Some(RawTok::Punct(")"))) => Some(s),
            _ => None,
        },
        Some(RawTok::Punct(":")) => segment(toks),
        _ => None,
    }
}

/// After `typeof` `(`: reads `a.b.c` `)` and returns the last segment.
fn typeof_target<'a>(toks: &mut impl Iterator<Item = Option<RawTok<'a>>>) -> Option<&'a str> {
    let mut last = segment(toks)?;
    loop {
        match toks.next()? {
            Some(RawTok::Punct(".")) => last = segment(toks)?,
            Some(RawTok::Punct(")")) => return Some(last),
            _ => return None,
        }
    }
}

/// A name a type text refers to, by its last segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mention<'a> {
    /// A function, written `typeof(f)` / `typeof(M.f)`.
    Func(&'a str),
    /// Any other name: a type, a package qualifier or a `where` variable
    /// (a superset of the types the text names).
    Type(&'a str),
}

/// Calls `f` with every name `text` mentions, in order of appearance.
pub fn mentions<'a>(text: &'a str, mut f: impl FnMut(Mention<'a>)) {
    let mut toks = tokens(text);
    let mut prev_typeof = false;
    while let Some(t) = toks.next() {
        if prev_typeof && t == punct("(") {
            if let Some(name) = typeof_target(&mut toks) {
                f(Mention::Func(name));
            }
            prev_typeof = false;
            continue;
        }
        if prev_typeof {
            f(Mention::Type("typeof"));
        }
        prev_typeof = t == Some(RawTok::Ident("typeof"));
        if let Some(RawTok::Ident(name) | RawTok::VarIdent(name)) = t {
            if !prev_typeof {
                f(Mention::Type(name));
            }
        }
    }
    if prev_typeof {
        f(Mention::Type("typeof"));
    }
}

/// Calls `f` with the last segment of every function `text` names by
/// `typeof`, in order of appearance.
pub fn typeof_names<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    mentions(text, |m| {
        if let Mention::Func(name) = m {
            f(name)
        }
    })
}

/// The called function of a call signature written `Tuple{typeof(f), ...}`
/// (optionally with `where`): the last segment of `f`. `None` for any
/// other shape, whose callee the analysis cannot narrow by name.
pub fn call_head(text: &str) -> Option<&str> {
    // Fast path: the compact spelling every writer in practice uses.
    if let Some(rest) = text.strip_prefix("Tuple{typeof(") {
        if let Some(end) = rest.find(')') {
            let path = &rest[..end];
            if is_plain_path(path) {
                return Some(path.rsplit('.').next().unwrap_or(path));
            }
        }
    }
    let mut toks = tokens(text);
    let head = [
        Some(RawTok::Ident("Tuple")),
        punct("{"),
        Some(RawTok::Ident("typeof")),
        punct("("),
    ];
    for want in head {
        if toks.next()? != want {
            return None;
        }
    }
    typeof_target(&mut toks)
}

/// The tokens of a specialization text with qualifiers dropped
/// (`Base.Int` → `Int`), or `None` when two texts of the same interned
/// type could differ in more than that: texts with `where` (variable
/// names, order), `Union` (member order, absorption), `{}` (`Foo{}` is
/// `Foo`), or any token that is not a name or bracket (integer spellings).
/// Two texts whose keys are both `Some` and differ never resolve to the
/// same interned signature.
pub fn spec_key(text: &str) -> Option<Vec<&str>> {
    let mut toks = tokens(text).peekable();
    let mut out = Vec::new();
    while let Some(t) = toks.next() {
        match t? {
            RawTok::Ident("where" | "Union") => return None,
            RawTok::Ident(name) => {
                if toks.peek() == Some(&punct(".")) {
                    toks.next();
                } else {
                    out.push(name);
                }
            }
            RawTok::Punct("{") if toks.peek() == Some(&punct("}")) => return None,
            RawTok::Punct(p @ ("{" | "}" | "(" | ")" | "," | ".")) => out.push(p),
            RawTok::Op(o @ ("<:" | ">:")) => out.push(o),
            _ => return None,
        }
    }
    Some(out)
}

/// Whether two specialization texts may resolve to the same interned
/// signature (see [`spec_key`]); `true` when either cannot be told apart.
pub fn may_be_same_spec(a: &str, b: &str) -> bool {
    may_be_same_keyed(spec_key(a).as_deref(), b)
}

/// [`may_be_same_spec`] with the first text's [`spec_key`] already taken.
pub fn may_be_same_keyed(a: Option<&[&str]>, b: &str) -> bool {
    match (a, spec_key(b)) {
        (Some(x), Some(y)) => x == y.as_slice(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        typeof_names(text, |n| out.push(n));
        out
    }

    #[test]
    fn finds_typeof_names() {
        assert_eq!(names("Tuple{typeof(f), Int}"), ["f"]);
        assert_eq!(
            names("Tuple{typeof( Base.map ),typeof(g!), Vector{T}} where T<:Integer"),
            ["map", "g!"]
        );
        assert_eq!(names("Tuple{typeof, Int} where typeof"), Vec::<&str>::new());
        assert_eq!(names("Vector{Int}"), Vec::<&str>::new());
        assert_eq!(names("Tuple{typeof(f"), Vec::<&str>::new());
    }

    #[test]
    fn spec_keys_ignore_only_what_cannot_change_the_type() {
        assert!(may_be_same_spec(
            "Tuple{typeof(f), Base.Int}",
            " Tuple { typeof( M.f ),Int } "
        ));
        assert!(!may_be_same_spec(
            "Tuple{typeof(f), Int}",
            "Tuple{typeof(f), Char}"
        ));
        assert!(!may_be_same_spec(
            "Tuple{typeof(f), Int}",
            "Tuple{typeof(g), Int}"
        ));
        assert!(!may_be_same_spec("Vector{Int}", "Vector{Vector{Int}}"));
        for wild in [
            "Tuple{typeof(f), T} where T",
            "Tuple{typeof(f), Union{Int, Char}}",
            "Tuple{typeof(f), Foo{}}",
            "Tuple{typeof(f), Val{1}}",
        ] {
            assert!(spec_key(wild).is_none(), "{wild}");
            assert!(may_be_same_spec(wild, "Tuple{typeof(f), Int}"));
        }
    }

    #[test]
    fn finds_mentions() {
        let mut out = Vec::new();
        mentions(
            "Tuple{typeof(M.f), Base.Vector{T}, typeof} where {T<:Integer, typeof}",
            |m| out.push(m),
        );
        use Mention::*;
        assert_eq!(
            out,
            [
                Type("Tuple"),
                Func("f"),
                Type("Base"),
                Type("Vector"),
                Type("T"),
                Type("typeof"),
                Type("where"),
                Type("T"),
                Type("Integer"),
                Type("typeof"),
            ]
        );
    }

    #[test]
    fn finds_call_heads() {
        assert_eq!(call_head("Tuple{typeof(score), Any}"), Some("score"));
        assert_eq!(call_head(" Tuple { typeof ( A.B.f ) } where T"), Some("f"));
        assert_eq!(call_head("Tuple{typeof(f)}"), Some("f"));
        assert_eq!(call_head("Tuple{Any, Int}"), None);
        assert_eq!(call_head("Union{Tuple{typeof(f), Int}}"), None);
        assert_eq!(call_head("Core.Tuple{typeof(f)}"), None);
        assert_eq!(call_head(""), None);
        // Operators, as the parser reads them (the tokenizer is the
        // parser's): a call of `+` narrows to `+`'s methods.
        assert_eq!(call_head("Tuple{typeof(+), Int, Int}"), Some("+"));
        assert_eq!(call_head("Tuple{typeof((==)), Any, Any}"), Some("=="));
        assert_eq!(call_head("Tuple{typeof(Base.:(==)), Any, Any}"), Some("=="));
        assert_eq!(call_head("Tuple{typeof(Base.:+), Int}"), Some("+"));
        assert_eq!(call_head("Tuple{typeof(var\"#f#2\"), Int}"), Some("#f#2"));
    }
}
