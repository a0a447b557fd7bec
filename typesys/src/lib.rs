//! Type expressions, subtyping, method matching and invalidation analysis.
//!
//! Packages are precompiled in isolation; when loaded together, methods from
//! one package can change dispatch for code cached by another. This crate
//! answers, offline and deterministically, which cached code instances stay
//! valid in the merged world and why not. See `SPEC.md`, section
//! "Types, dispatch and invalidation", for the exact rules.
#![deny(missing_docs)]

pub mod analysis;
pub mod decl;
pub mod parse;
pub mod types;
pub mod world;

#[cfg(test)]
mod tests;

pub use analysis::{
    analyze, render_text, Analysis, Backedge, Cause, Invalidated, InvalidationTree, MtBackedge,
    TreeNode,
};
pub use decl::{CodeDecl, EdgeDecl, MethodDecl, MethodKey, PackageDecl, TypeDecl};
pub use parse::{
    parse_sig, ParseError, ParseErrorKind, SigExpr, TypeExpr, WhereVar, MAX_DEPTH, MAX_TEXT_LEN,
};
pub use types::{
    intersect, match_methods, morespecific, subtype, type_equal, MatchResult, Sig, Ty, TypeTable,
};
pub use world::{check_package, check_syntax, DeclError, DeclErrorKind, Universe};
