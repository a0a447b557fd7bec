//! Tokens of a type text.
//!
//! Julia's lexical rules, restricted to what type texts contain: names
//! (including `var"…"` and unicode), operators (as function names inside
//! `typeof(…)`, `Base.:(==)`), numbers of every base and width, characters,
//! strings (for `MIME"…"` and `Symbol("…")`), and punctuation.

use super::error::{ParseError, ParseErrorKind};

/// One token and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// Byte offset in the source text.
    pub offset: usize,
    /// The token.
    pub kind: Tok,
    /// Whether white space comes right before it (`MIME"x"` must be joined).
    pub space_before: bool,
}

/// Token kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A name; `var"…"` names come unquoted.
    Ident(String),
    /// An operator run such as `+`, `==`, `<:`, `∘`, `>>>`.
    Op(String),
    /// A number as written (digits, prefix, point, exponent, `_`).
    Number(String),
    /// A character literal, unescaped.
    Char(char),
    /// A string literal, unescaped.
    Str(String),
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `,`
    Comma,
    /// `.`
    Dot,
    /// `:`
    Colon,
    /// `::`
    ColonColon,
    /// `@`
    At,
    /// `;`
    Semi,
}

pub(crate) fn is_ident_start(c: char) -> bool {
    if c.is_ascii() {
        return c == '_' || c.is_ascii_alphabetic();
    }
    c.is_alphabetic() || is_unicode_ident_symbol(c)
}

pub(crate) fn is_ident_continue(c: char) -> bool {
    if c.is_ascii() {
        return c == '_' || c == '!' || c.is_ascii_alphanumeric();
    }
    is_ident_start(c) || c.is_numeric() || c == '′' || is_combining_mark(c)
}

/// Whether `path` is dotted plain names (`Base.getindex`, `push!`): each
/// segment one identifier token, so it reads as its `.`-split, with no
/// operator, quote or `var"…"` the parser would have to unwrap.
pub(crate) fn is_plain_path(path: &str) -> bool {
    path.split('.')
        .all(|seg| seg.starts_with(is_ident_start) && seg.chars().all(is_ident_continue))
}

/// Combining marks (`p̃` is `p` followed by U+0303), which Julia allows
/// after the first character of a name.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Unicode characters Julia accepts in names although they are not letters
/// (subscripts, primes, some symbols).
fn is_unicode_ident_symbol(c: char) -> bool {
    matches!(c, '\u{2080}'..='\u{209C}' | '\u{1D62}'..='\u{1D6A}' | '\u{2032}'..='\u{2037}' | '∂' | '∇' | '℘' | '℮' | '∞')
}

fn is_op_char(c: char) -> bool {
    match c {
        '+' | '-' | '*' | '/' | '\\' | '^' | '%' | '=' | '!' | '<' | '>' | '&' | '|' | '~'
        | '$' | '?' | '÷' | '⊻' => true,
        c if c.is_ascii() => false,
        c => {
            !c.is_alphanumeric()
                && !c.is_whitespace()
                && !is_unicode_ident_symbol(c)
                && !is_combining_mark(c)
        }
    }
}

/// A token as it is written: names, operators and numbers borrowed from
/// the text, literals as their raw spans (escapes not yet read). The one
/// tokenizer of type texts: the parser reads its tokens through [`lex`],
/// the slicer's allocation-free scans ([`crate::scan`]) directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawTok<'a> {
    /// A name.
    Ident(&'a str),
    /// A `var"…"` name: the text between the quotes, escapes unread.
    VarIdent(&'a str),
    /// An operator run.
    Op(&'a str),
    /// A number as written.
    Number(&'a str),
    /// A `'…'` literal: its span, quotes included.
    Char(&'a str),
    /// A `"…"` literal: the text between the quotes, escapes unread.
    Str(&'a str),
    /// Punctuation: `{ } ( ) , . : :: @ ;`.
    Punct(&'static str),
}

/// One raw token and where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawToken<'a> {
    /// Byte offset in the source text.
    pub offset: usize,
    /// The token.
    pub kind: RawTok<'a>,
    /// Whether white space comes right before it.
    pub space_before: bool,
}

/// The tokens of a text, one at a time. After an error the lexer skips one
/// character and goes on, so a scan can read past what it cannot use.
pub struct Lexer<'a> {
    src: &'a str,
    at: usize,
}

impl<'a> Lexer<'a> {
    /// Tokens of `src`.
    pub fn new(src: &'a str) -> Self {
        Lexer { src, at: 0 }
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Result<RawToken<'a>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut space_before = false;
        let mut i = self.at;
        let c = loop {
            // ASCII (nearly every byte of a type text) without decoding.
            let c = match *bytes.get(i)? {
                b if b.is_ascii() => b as char,
                _ => src.get(i..)?.chars().next()?,
            };
            if !c.is_whitespace() {
                break c;
            }
            i += c.len_utf8();
            space_before = true;
        };
        let start = i;
        let punct = |i: &mut usize, p: &'static str| {
            *i += p.len();
            Ok(RawTok::Punct(p))
        };
        let kind = match c {
            '{' => punct(&mut i, "{"),
            '}' => punct(&mut i, "}"),
            '(' => punct(&mut i, "("),
            ')' => punct(&mut i, ")"),
            ',' => punct(&mut i, ","),
            ';' => punct(&mut i, ";"),
            '@' => punct(&mut i, "@"),
            '.' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => punct(&mut i, "."),
            ':' if bytes.get(i + 1) == Some(&b':') => punct(&mut i, "::"),
            ':' => punct(&mut i, ":"),
            '"' => string_end(src, i).map(|end| {
                let body = &src[i + 1..end - 1];
                i = end;
                RawTok::Str(body)
            }),
            '\'' => char_lit(src, i).map(|(_, end)| {
                let lit = &src[i..end];
                i = end;
                RawTok::Char(lit)
            }),
            c if c.is_ascii_digit() || c == '.' => {
                let end = number_end(src, i);
                let text = &src[i..end];
                i = end;
                Ok(RawTok::Number(text))
            }
            'v' if src[i..].starts_with("var\"") => string_end(src, i + 3).map(|end| {
                let body = &src[i + 4..end - 1];
                i = end;
                RawTok::VarIdent(body)
            }),
            c if is_ident_start(c) => {
                // ASCII names (nearly all) byte by byte, the rest by char.
                let mut end = i;
                while end < bytes.len()
                    && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_')
                {
                    end += 1;
                }
                for ch in src[end..].chars() {
                    if !is_ident_continue(ch) {
                        break;
                    }
                    // `a!=b` is an operator, not a name ending in `!`.
                    if ch == '!' && src[end + 1..].starts_with('=') {
                        break;
                    }
                    end += ch.len_utf8();
                }
                let text = &src[i..end];
                i = end;
                Ok(RawTok::Ident(text))
            }
            '<' | '>' if bytes.get(i + 1) == Some(&b':') => {
                let text = &src[i..i + 2];
                i += 2;
                Ok(RawTok::Op(text))
            }
            c if is_op_char(c) => {
                let mut end = i;
                for ch in src[i..].chars() {
                    if !is_op_char(ch) {
                        break;
                    }
                    end += ch.len_utf8();
                }
                // Julia's `<:` and `>:` followed by an operator start (`<:-`)
                // never occur in type texts; keep the run whole.
                let text = &src[i..end];
                i = end;
                Ok(RawTok::Op(text))
            }
            other => Err(ParseError::new(
                start,
                ParseErrorKind::Unexpected {
                    found: other.to_string(),
                    expected: "a type",
                },
            )),
        };
        self.at = if kind.is_ok() {
            i
        } else {
            start + c.len_utf8()
        };
        Some(kind.map(|kind| RawToken {
            offset: start,
            kind,
            space_before,
        }))
    }
}

/// Split `src` into tokens, literals unescaped.
pub fn lex(src: &str) -> Result<Vec<Token>, ParseError> {
    let mut out = Vec::new();
    for t in Lexer::new(src) {
        let t = t?;
        let kind = match t.kind {
            RawTok::Ident(s) => Tok::Ident(s.to_string()),
            RawTok::VarIdent(_) => Tok::Ident(string(src, t.offset + 3)?.0),
            RawTok::Op(s) => Tok::Op(s.to_string()),
            RawTok::Number(s) => Tok::Number(s.to_string()),
            RawTok::Char(_) => Tok::Char(char_lit(src, t.offset)?.0),
            RawTok::Str(_) => Tok::Str(string(src, t.offset)?.0),
            RawTok::Punct(p) => match p {
                "{" => Tok::LBrace,
                "}" => Tok::RBrace,
                "(" => Tok::LParen,
                ")" => Tok::RParen,
                "," => Tok::Comma,
                "." => Tok::Dot,
                ":" => Tok::Colon,
                "::" => Tok::ColonColon,
                "@" => Tok::At,
                _ => Tok::Semi,
            },
        };
        out.push(Token {
            offset: t.offset,
            kind,
            space_before: t.space_before,
        });
    }
    Ok(out)
}

/// The offset after the `"` closing the string whose opening quote is at
/// `start` (a backslash escapes the next character).
fn string_end(src: &str, start: usize) -> Result<usize, ParseError> {
    let mut chars = src[start + 1..].char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '"' => return Ok(start + 1 + k + 1),
            '\\' => {
                chars.next();
            }
            _ => {}
        }
    }
    Err(ParseError::new(
        start,
        ParseErrorKind::UnexpectedEnd {
            expected: "a closing `\"`",
        },
    ))
}

fn number_end(src: &str, start: usize) -> usize {
    let b = src.as_bytes();
    let mut i = start;
    let prefixed = b.get(i) == Some(&b'0') && matches!(b.get(i + 1), Some(b'x' | b'b' | b'o'));
    if prefixed {
        i += 2;
        while i < b.len() && (b[i].is_ascii_hexdigit() || b[i] == b'_') {
            i += 1;
        }
        return i;
    }
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    if b.get(i) == Some(&b'.')
        && b.get(i + 1)
            .is_none_or(|c| c.is_ascii_digit() || !c.is_ascii_alphabetic())
    {
        // `1.` is a float; `1.:x` never occurs in types.
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E' | b'f'))
        && (b.get(i + 1).is_some_and(u8::is_ascii_digit)
            || (matches!(b.get(i + 1), Some(b'-' | b'+'))
                && b.get(i + 2).is_some_and(u8::is_ascii_digit)))
    {
        i += 2;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    i
}

/// A `"…"` string starting at `start` (the quote); returns the unescaped
/// contents and the offset after the closing quote.
fn string(src: &str, start: usize) -> Result<(String, usize), ParseError> {
    let mut out = String::new();
    let mut chars = src[start + 1..].char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '"' => return Ok((out, start + 1 + k + 1)),
            '\\' => {
                let Some((k2, e)) = chars.next() else { break };
                out.push(escape(src, start + 1 + k2, e, &mut chars)?);
            }
            c => out.push(c),
        }
    }
    Err(ParseError::new(
        start,
        ParseErrorKind::UnexpectedEnd {
            expected: "a closing `\"`",
        },
    ))
}

fn escape(
    src: &str,
    at: usize,
    e: char,
    chars: &mut std::str::CharIndices<'_>,
) -> Result<char, ParseError> {
    let bad = || {
        ParseError::new(
            at,
            ParseErrorKind::Unexpected {
                found: format!("\\{e}"),
                expected: "a valid escape",
            },
        )
    };
    Ok(match e {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        'e' => '\u{1b}',
        'f' => '\u{c}',
        'v' => '\u{b}',
        '\\' | '"' | '\'' | '$' => e,
        'x' | 'u' | 'U' => {
            let max = match e {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let rest = &src[at + 1..];
            let n = rest
                .chars()
                .take(max)
                .take_while(char::is_ascii_hexdigit)
                .count();
            if n == 0 {
                return Err(bad());
            }
            let v = u32::from_str_radix(&rest[..n], 16).map_err(|_| bad())?;
            for _ in 0..n {
                chars.next();
            }
            char::from_u32(v).ok_or_else(bad)?
        }
        _ => return Err(bad()),
    })
}

fn char_lit(src: &str, start: usize) -> Result<(char, usize), ParseError> {
    let mut chars = src[start + 1..].char_indices();
    let end_err = || {
        ParseError::new(
            start,
            ParseErrorKind::UnexpectedEnd {
                expected: "a closing `'`",
            },
        )
    };
    let (k, c) = chars.next().ok_or_else(end_err)?;
    let ch = if c == '\\' {
        let (k2, e) = chars.next().ok_or_else(end_err)?;
        let _ = k;
        escape(src, start + 1 + k2, e, &mut chars)?
    } else {
        c
    };
    match chars.next() {
        Some((k3, '\'')) => Ok((ch, start + 1 + k3 + 1)),
        _ => Err(end_err()),
    }
}
