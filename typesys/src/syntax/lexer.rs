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

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic() || (!c.is_ascii() && is_unicode_ident_symbol(c))
}

fn is_ident_continue(c: char) -> bool {
    is_ident_start(c) || c.is_numeric() || c == '!' || c == '′' || is_combining_mark(c)
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

/// Split `src` into tokens.
pub fn lex(src: &str) -> Result<Vec<Token>, ParseError> {
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut space_before = false;
    while i < src.len() {
        let c = src[i..].chars().next().unwrap_or(' ');
        let start = i;
        if c.is_whitespace() {
            i += c.len_utf8();
            space_before = true;
            continue;
        }
        let kind = match c {
            '{' => one(&mut i, Tok::LBrace),
            '}' => one(&mut i, Tok::RBrace),
            '(' => one(&mut i, Tok::LParen),
            ')' => one(&mut i, Tok::RParen),
            ',' => one(&mut i, Tok::Comma),
            ';' => one(&mut i, Tok::Semi),
            '@' => one(&mut i, Tok::At),
            '.' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => one(&mut i, Tok::Dot),
            ':' => {
                if bytes.get(i + 1) == Some(&b':') {
                    i += 2;
                    Tok::ColonColon
                } else {
                    one(&mut i, Tok::Colon)
                }
            }
            '"' => {
                let (s, end) = string(src, i)?;
                i = end;
                Tok::Str(s)
            }
            '\'' => {
                let (ch, end) = char_lit(src, i)?;
                i = end;
                Tok::Char(ch)
            }
            c if c.is_ascii_digit() || c == '.' => {
                let end = number_end(src, i);
                let text = src[i..end].to_string();
                i = end;
                Tok::Number(text)
            }
            'v' if src[i..].starts_with("var\"") => {
                let (s, end) = string(src, i + 3)?;
                i = end;
                Tok::Ident(s)
            }
            c if is_ident_start(c) => {
                let mut end = i;
                for ch in src[i..].chars() {
                    if !is_ident_continue(ch) {
                        break;
                    }
                    // `a!=b` is an operator, not a name ending in `!`.
                    if ch == '!' && src[end + 1..].starts_with('=') {
                        break;
                    }
                    end += ch.len_utf8();
                }
                let text = src[i..end].to_string();
                i = end;
                Tok::Ident(text)
            }
            '<' | '>' if bytes.get(i + 1) == Some(&b':') => {
                i += 2;
                Tok::Op(if c == '<' { "<:" } else { ">:" }.into())
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
                let text = src[i..end].to_string();
                i = end;
                Tok::Op(text)
            }
            other => {
                return Err(ParseError::new(
                    start,
                    ParseErrorKind::Unexpected {
                        found: other.to_string(),
                        expected: "a type",
                    },
                ))
            }
        };
        out.push(Token {
            offset: start,
            kind,
            space_before,
        });
        space_before = false;
    }
    Ok(out)
}

fn one(i: &mut usize, t: Tok) -> Tok {
    *i += 1;
    t
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
