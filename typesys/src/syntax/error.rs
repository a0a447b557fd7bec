//! Parse errors, with the byte offset where they were found.

use std::fmt;

/// Longest accepted type text, in bytes.
pub const MAX_TEXT_LEN: usize = 64 * 1024;
/// Deepest accepted nesting of brackets and `where` clauses.
pub const MAX_DEPTH: usize = 64;

/// What went wrong while parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// The text is longer than [`MAX_TEXT_LEN`].
    TooLong {
        /// Its length.
        len: usize,
    },
    /// Brackets nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// The text ended where something else was expected.
    UnexpectedEnd {
        /// What was expected.
        expected: &'static str,
    },
    /// An unexpected token or character.
    Unexpected {
        /// The offending text.
        found: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A number that is not a valid literal or does not fit its type.
    BadNumber(String),
}

/// A parse error at a byte offset of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset into the text.
    pub offset: usize,
    /// The kind of error.
    pub kind: ParseErrorKind,
}

impl ParseError {
    pub(crate) fn new(offset: usize, kind: ParseErrorKind) -> ParseError {
        ParseError { offset, kind }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: ", self.offset)?;
        match &self.kind {
            ParseErrorKind::TooLong { len } => write!(
                f,
                "type text is {len} bytes, longer than the limit of {MAX_TEXT_LEN}"
            ),
            ParseErrorKind::TooDeep => write!(f, "nesting deeper than the limit of {MAX_DEPTH}"),
            ParseErrorKind::UnexpectedEnd { expected } => {
                write!(f, "unexpected end of input, expected {expected}")
            }
            ParseErrorKind::Unexpected { found, expected } => {
                write!(
                    f,
                    "unexpected `{}`, expected {expected}",
                    found.escape_debug()
                )
            }
            ParseErrorKind::BadNumber(text) => write!(f, "invalid number literal `{text}`"),
        }
    }
}

impl std::error::Error for ParseError {}
