//! The type language's syntax: tokens, the tree, and the parser.
//!
//! Parsing knows nothing of declarations: `Vector{Int}` parses the same
//! whether or not `Vector` exists. Names are resolved by [`mod@crate::types::resolve`].

pub mod ast;
mod error;
mod lexer;
mod parser;
mod print;

pub use ast::{Expr, ExprKind, FloatTy, IntTy, Literal, WhereVar};
pub use error::{ParseError, ParseErrorKind, MAX_DEPTH, MAX_TEXT_LEN};
pub(crate) use lexer::{is_plain_path, Lexer, RawTok};
pub use parser::parse_type;
pub use print::{call_display, where_clause};
