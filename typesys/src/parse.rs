//! Bounded recursive-descent parser for the textual type language.
//!
//! Grammar (see `SPEC.md`, section "Types, dispatch and invalidation"):
//!
//! ```text
//! sig      = type { "where" wherevars }
//! wherevars= wvar | "{" wvar { "," wvar } "}"
//! wvar     = ident [ "<:" type ]
//! type     = "typeof" "(" qname ")"
//!          | qname [ "{" [ param { "," param } ] "}" ]
//! param    = type | int
//! qname    = ident { "." ident }
//! int      = [ "-" ] digit { digit }
//! ```

use std::fmt;

/// Longest accepted input, in bytes.
pub const MAX_TEXT_LEN: usize = 64 * 1024;
/// Deepest accepted nesting of `{`/`(` brackets.
pub const MAX_DEPTH: usize = 64;

/// A syntactic type expression, before name resolution.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeExpr {
    /// A (possibly qualified) name with optional `{...}` parameters.
    /// `params == None` means the name was written bare (`Vector`),
    /// `Some(vec![])` means empty braces (`Union{}`, `Tuple{}`).
    Name {
        /// Name segments, e.g. `["Base", "Int"]`.
        path: Vec<String>,
        /// Parameters, if braces were written.
        params: Option<Vec<TypeExpr>>,
        /// Byte offset of the name in the source text.
        offset: usize,
    },
    /// `typeof(f)`: the singleton type of function `f`.
    TypeOf {
        /// Function name segments, e.g. `["Blackjack", "score"]`.
        path: Vec<String>,
        /// Byte offset of the function name in the source text.
        offset: usize,
    },
    /// An integer literal used as a type parameter.
    Int(i64),
}

/// One variable of a `where` clause: `T` or `T<:Upper`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WhereVar {
    /// Variable name.
    pub name: String,
    /// Upper bound (`Any` when absent).
    pub upper: Option<TypeExpr>,
    /// Byte offset of the variable name.
    pub offset: usize,
}

/// A parsed signature: a type with optional top-level `where` variables.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SigExpr {
    /// The body type.
    pub body: TypeExpr,
    /// `where` variables in order of appearance (outermost clause last).
    pub vars: Vec<WhereVar>,
}

/// What went wrong while parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Input exceeds [`MAX_TEXT_LEN`].
    TooLong {
        /// Actual length.
        len: usize,
    },
    /// Brackets nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// End of input where something else was expected.
    UnexpectedEnd {
        /// What was expected.
        expected: &'static str,
    },
    /// An unexpected character or token.
    Unexpected {
        /// The offending text (one token or character).
        found: String,
        /// What was expected.
        expected: &'static str,
    },
    /// Integer literal out of `i64` range.
    IntOverflow,
}

/// A parse error with the byte offset where it was detected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset into the input.
    pub offset: usize,
    /// The kind of error.
    pub kind: ParseErrorKind,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: ", self.offset)?;
        match &self.kind {
            ParseErrorKind::TooLong { len } => {
                write!(
                    f,
                    "type text is {len} bytes, longer than the limit of {MAX_TEXT_LEN}"
                )
            }
            ParseErrorKind::TooDeep => write!(f, "nesting deeper than the limit of {MAX_DEPTH}"),
            ParseErrorKind::UnexpectedEnd { expected } => {
                write!(f, "unexpected end of input, expected {expected}")
            }
            ParseErrorKind::Unexpected { found, expected } => {
                write!(f, "unexpected `{found}`, expected {expected}")
            }
            ParseErrorKind::IntOverflow => write!(f, "integer literal out of range"),
        }
    }
}

impl std::error::Error for ParseError {}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Int(i64),
    Punct(&'static str),
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    depth: usize,
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_cont(c: char) -> bool {
    c == '_' || c == '!' || c.is_alphanumeric()
}

impl<'a> Parser<'a> {
    fn skip_ws(&mut self) {
        while let Some(c) = self.src[self.pos..].chars().next() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    /// Peek the next token without consuming it; returns (token, start, end).
    fn peek(&mut self) -> Result<Option<(Tok, usize, usize)>, ParseError> {
        self.skip_ws();
        let start = self.pos;
        let rest = &self.src[start..];
        let Some(c) = rest.chars().next() else {
            return Ok(None);
        };
        for p in ["<:", "{", "}", "(", ")", ",", "."] {
            if rest.starts_with(p) {
                return Ok(Some((Tok::Punct(p), start, start + p.len())));
            }
        }
        if is_ident_start(c) {
            let mut end = start;
            for ch in rest.chars() {
                if is_ident_cont(ch) {
                    end += ch.len_utf8();
                } else {
                    break;
                }
            }
            return Ok(Some((
                Tok::Ident(self.src[start..end].to_string()),
                start,
                end,
            )));
        }
        if c.is_ascii_digit() || (c == '-' && rest[1..].starts_with(|d: char| d.is_ascii_digit())) {
            let mut end = start + 1;
            for ch in rest[1..].chars() {
                if ch.is_ascii_digit() {
                    end += 1;
                } else {
                    break;
                }
            }
            let v: i64 = self.src[start..end].parse().map_err(|_| ParseError {
                offset: start,
                kind: ParseErrorKind::IntOverflow,
            })?;
            return Ok(Some((Tok::Int(v), start, end)));
        }
        Err(ParseError {
            offset: start,
            kind: ParseErrorKind::Unexpected {
                found: c.to_string(),
                expected: "a name, integer or punctuation",
            },
        })
    }

    fn err_at(&self, tok: Option<(Tok, usize, usize)>, expected: &'static str) -> ParseError {
        match tok {
            None => ParseError {
                offset: self.src.len(),
                kind: ParseErrorKind::UnexpectedEnd { expected },
            },
            Some((_, s, e)) => ParseError {
                offset: s,
                kind: ParseErrorKind::Unexpected {
                    found: self.src[s..e].to_string(),
                    expected,
                },
            },
        }
    }

    fn expect_punct(&mut self, p: &'static str, expected: &'static str) -> Result<(), ParseError> {
        let t = self.peek()?;
        match &t {
            Some((Tok::Punct(q), _, e)) if *q == p => {
                self.pos = *e;
                Ok(())
            }
            _ => Err(self.err_at(t, expected)),
        }
    }

    fn eat_punct(&mut self, p: &'static str) -> Result<bool, ParseError> {
        if let Some((Tok::Punct(q), _, e)) = self.peek()? {
            if q == p {
                self.pos = e;
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError {
                offset: self.pos,
                kind: ParseErrorKind::TooDeep,
            });
        }
        Ok(())
    }

    fn ident(&mut self, expected: &'static str) -> Result<(String, usize), ParseError> {
        let t = self.peek()?;
        match t {
            Some((Tok::Ident(s), start, e)) => {
                self.pos = e;
                Ok((s, start))
            }
            other => Err(self.err_at(other, expected)),
        }
    }

    fn qname(&mut self) -> Result<(Vec<String>, usize), ParseError> {
        let (first, off) = self.ident("a name")?;
        let mut path = vec![first];
        while self.eat_punct(".")? {
            path.push(self.ident("a name after `.`")?.0);
        }
        Ok((path, off))
    }

    fn param(&mut self) -> Result<TypeExpr, ParseError> {
        if let Some((Tok::Int(v), _, e)) = self.peek()? {
            self.pos = e;
            return Ok(TypeExpr::Int(v));
        }
        self.ty()
    }

    fn ty(&mut self) -> Result<TypeExpr, ParseError> {
        let t = self.peek()?;
        match &t {
            Some((Tok::Ident(s), _, e)) if s == "typeof" => {
                let after = *e;
                let save = self.pos;
                self.pos = after;
                if self.eat_punct("(")? {
                    self.enter()?;
                    let (path, offset) = self.qname()?;
                    self.expect_punct(")", "`)` closing `typeof(`")?;
                    self.depth -= 1;
                    return Ok(TypeExpr::TypeOf { path, offset });
                }
                self.pos = save;
            }
            Some((Tok::Ident(_), _, _)) => {}
            _ => return Err(self.err_at(t, "a type")),
        }
        let (path, offset) = self.qname()?;
        if path.iter().any(|p| p == "where") {
            return Err(ParseError {
                offset,
                kind: ParseErrorKind::Unexpected {
                    found: "where".into(),
                    expected: "a type",
                },
            });
        }
        let mut params = None;
        if self.eat_punct("{")? {
            self.enter()?;
            let mut ps = Vec::new();
            if !self.eat_punct("}")? {
                loop {
                    ps.push(self.param()?);
                    if self.eat_punct(",")? {
                        continue;
                    }
                    self.expect_punct("}", "`,` or `}`")?;
                    break;
                }
            }
            self.depth -= 1;
            params = Some(ps);
        }
        Ok(TypeExpr::Name {
            path,
            params,
            offset,
        })
    }

    fn wvar(&mut self) -> Result<WhereVar, ParseError> {
        let (name, offset) = self.ident("a type variable name")?;
        let upper = if self.eat_punct("<:")? {
            Some(self.ty()?)
        } else {
            None
        };
        Ok(WhereVar {
            name,
            upper,
            offset,
        })
    }

    fn sig(&mut self) -> Result<SigExpr, ParseError> {
        let body = self.ty()?;
        let mut vars = Vec::new();
        loop {
            let t = self.peek()?;
            match &t {
                None => break,
                Some((Tok::Ident(s), _, e)) if s == "where" => {
                    self.pos = *e;
                    if self.eat_punct("{")? {
                        self.enter()?;
                        loop {
                            vars.push(self.wvar()?);
                            if self.eat_punct(",")? {
                                continue;
                            }
                            self.expect_punct("}", "`,` or `}` in where clause")?;
                            break;
                        }
                        self.depth -= 1;
                    } else {
                        vars.push(self.wvar()?);
                    }
                }
                _ => return Err(self.err_at(t, "`where` or end of input")),
            }
        }
        Ok(SigExpr { body, vars })
    }
}

/// Parse a signature (a type with optional top-level `where` clauses).
///
/// Never panics; rejects input longer than [`MAX_TEXT_LEN`] bytes or nested
/// deeper than [`MAX_DEPTH`].
pub fn parse_sig(src: &str) -> Result<SigExpr, ParseError> {
    if src.len() > MAX_TEXT_LEN {
        return Err(ParseError {
            offset: MAX_TEXT_LEN,
            kind: ParseErrorKind::TooLong { len: src.len() },
        });
    }
    let mut p = Parser {
        src,
        pos: 0,
        depth: 0,
    };
    p.sig()
}

fn write_path(f: &mut fmt::Formatter<'_>, path: &[String]) -> fmt::Result {
    for (i, s) in path.iter().enumerate() {
        if i > 0 {
            f.write_str(".")?;
        }
        f.write_str(s)?;
    }
    Ok(())
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::Name { path, params, .. } => {
                write_path(f, path)?;
                if let Some(ps) = params {
                    f.write_str("{")?;
                    for (i, p) in ps.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "{p}")?;
                    }
                    f.write_str("}")?;
                }
                Ok(())
            }
            TypeExpr::TypeOf { path, .. } => {
                f.write_str("typeof(")?;
                write_path(f, path)?;
                f.write_str(")")
            }
            TypeExpr::Int(v) => write!(f, "{v}"),
        }
    }
}

impl fmt::Display for WhereVar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if let Some(u) = &self.upper {
            write!(f, "<:{u}")?;
        }
        Ok(())
    }
}

/// Format the `where` suffix (` where T` / ` where {T, S<:Real}`), empty if no vars.
pub fn where_suffix(vars: &[WhereVar]) -> String {
    match vars {
        [] => String::new(),
        [v] => format!(" where {v}"),
        vs => {
            let inner: Vec<String> = vs.iter().map(|v| v.to_string()).collect();
            format!(" where {{{}}}", inner.join(", "))
        }
    }
}

impl fmt::Display for SigExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.body, where_suffix(&self.vars))
    }
}

/// Render a method or code-instance signature `Tuple{typeof(f), A, B} where T`
/// as `f(::A, ::B) where T`, using `name` for the function.
/// Falls back to the raw text when it does not have that shape.
pub fn call_display(name: &str, sig: &str) -> String {
    let Ok(s) = parse_sig(sig) else {
        return format!("{name}{sig}");
    };
    match &s.body {
        TypeExpr::Name {
            path,
            params: Some(ps),
            ..
        } if path.len() == 1 && path[0] == "Tuple" && !ps.is_empty() => {
            let args: Vec<String> = ps[1..].iter().map(|p| format!("::{p}")).collect();
            format!("{name}({}){}", args.join(", "), where_suffix(&s.vars))
        }
        _ => format!("{name}{sig}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        for s in [
            "Int",
            "Base.Int",
            "Vector{Any}",
            "Dict{K, V}",
            "Union{}",
            "Union{Int, Char}",
            "Tuple{typeof(score), Int}",
            "Type{Tuple}",
            "Tuple{typeof(f), Vector{T}} where T",
            "Tuple{typeof(f), T} where T<:Integer",
            "Tuple{typeof(f), T, S} where {T, S<:Real}",
            "Array{Int, -1}",
        ] {
            let p = parse_sig(s).unwrap();
            assert_eq!(p.to_string(), s);
        }
        let p = parse_sig("Tuple{T} where T where S<:Int").unwrap();
        assert_eq!(p.vars.len(), 2);
    }

    #[test]
    fn errors_name_offsets() {
        let e = parse_sig("Tuple{Int,").unwrap_err();
        assert_eq!(e.offset, 10);
        assert!(e.to_string().contains("at byte 10"));
        let e = parse_sig("Tuple{Int}}").unwrap_err();
        assert_eq!(e.offset, 10);
        let e = parse_sig("Tuple{Int;}").unwrap_err();
        assert_eq!(e.offset, 9);
        let e = parse_sig("99999999999999999999999").unwrap_err();
        assert!(matches!(
            e.kind,
            ParseErrorKind::Unexpected { .. } | ParseErrorKind::IntOverflow
        ));
        assert!(parse_sig("Vector{99999999999999999999}").is_err());
        assert!(parse_sig("").is_err());
        assert!(parse_sig("where").is_err());
        assert!(parse_sig("Tuple{where}").is_err());
    }

    #[test]
    fn limits() {
        let deep = format!(
            "{}Int{}",
            "Vector{".repeat(MAX_DEPTH),
            "}".repeat(MAX_DEPTH)
        );
        assert!(parse_sig(&deep).is_ok());
        let deeper = format!(
            "{}Int{}",
            "Vector{".repeat(MAX_DEPTH + 1),
            "}".repeat(MAX_DEPTH + 1)
        );
        let e = parse_sig(&deeper).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::TooDeep);
        let huge = "Vector{".repeat(100_000);
        let e = parse_sig(&huge).unwrap_err();
        assert!(matches!(e.kind, ParseErrorKind::TooLong { .. }));
        let many = "Tuple{".repeat(10_000);
        assert_eq!(parse_sig(&many).unwrap_err().kind, ParseErrorKind::TooDeep);
    }

    #[test]
    fn call_display_strips_typeof() {
        assert_eq!(
            call_display("score", "Tuple{typeof(score), Char}"),
            "score(::Char)"
        );
        assert_eq!(
            call_display("playgame", "Tuple{typeof(playgame)}"),
            "playgame()"
        );
        assert_eq!(
            call_display("f", "Tuple{typeof(f), Vector{T}} where T"),
            "f(::Vector{T}) where T"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,200}") {
            let _ = parse_sig(&s);
        }

        #[test]
        fn never_panics_typeish(s in "[A-Za-z{}(),.<: 0-9-]{0,200}") {
            if let Ok(p) = parse_sig(&s) {
                // printing then reparsing is stable
                let t = p.to_string();
                let q = parse_sig(&t).unwrap();
                proptest::prop_assert_eq!(q.to_string(), t);
            }
        }
    }
}
