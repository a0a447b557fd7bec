//! Type expressions, subtyping, method matching and invalidation analysis.
//!
//! Packages are precompiled in isolation; when loaded together, methods from
//! one package can change dispatch for code cached by another. This crate
//! answers, offline and deterministically, which cached code instances stay
//! valid in the merged world and why not. See `SPEC.md`, section
//! "Types, dispatch and invalidation", for the exact rules.
//!
//! Layout, by concept:
//! - [`syntax`]: the type language's tokens, tree and parser (no names);
//! - [`types`]: Julia's types — representation, type names and modules,
//!   resolution and printing, and the rules: subtyping, intersection,
//!   specificity, method matching;
//! - [`builtin`]: Julia 1.11's Core, Base and standard libraries, declared;
//! - [`world`]: packages resolved together (names, functions, methods,
//!   code instances);
//! - [`analysis`], [`mod@slice`]: the invalidation analysis and the slice of the
//!   declarations it needs;
//! - [`limits`]: the caps every query runs under.
//!
//! ```
//! use pcache_typesys::*;
//!
//! fn uuid(n: u8) -> [u8; 16] { let mut u = [0; 16]; u[15] = n; u }
//! let meth = |name: &str, sig: &str| MethodDecl { name: name.into(), sig: sig.into() };
//! let base = PackageDecl {
//!     uuid: uuid(1), name: "Base".into(),
//!     types: vec![
//!         TypeDecl { name: "Int".into(), params: vec![], supertype: "Any".into(), kind: None },
//!         TypeDecl { name: "Char".into(), params: vec![], supertype: "Any".into(), kind: None },
//!     ],
//!     ..Default::default()
//! };
//! let a = PackageDecl {
//!     uuid: uuid(2), name: "A".into(), deps: vec![uuid(1)],
//!     methods: vec![meth("f", "Tuple{typeof(f), Int}"), meth("g", "Tuple{typeof(g), Any}")],
//!     code: vec![CodeDecl {
//!         method: MethodKey { pkg: uuid(2), name: "g".into(), sig: "Tuple{typeof(g), Any}".into() },
//!         spec: "Tuple{typeof(g), Int}".into(),
//!         owner: None,
//!         world: (1, None),
//!         edges: vec![EdgeDecl::Call("Tuple{typeof(f), Any}".into())],
//!     }],
//!     ..Default::default()
//! };
//! let b = PackageDecl {
//!     uuid: uuid(3), name: "B".into(), deps: vec![uuid(2)],
//!     methods: vec![meth("f", "Tuple{typeof(f), Char}")],
//!     ..Default::default()
//! };
//! let pkgs = [base, a, b];
//! let analysis = analyze(&pkgs).unwrap();
//! assert_eq!(analysis.invalidated.len(), 1);
//! assert_eq!(analysis.invalidated[0].max_world, 2);
//! let tree = &analysis.trees[0];
//! assert_eq!(analysis::method_display(&pkgs, tree.pkg, tree.method), "f(::Char) @ B");
//! ```
#![deny(missing_docs)]

pub mod analysis;
pub mod builtin;
pub mod builtin_packages;
pub mod decl;
pub mod limits;
mod parallel;
pub mod scan;
pub mod slice;
pub mod source;
pub mod syntax;
pub mod types;
pub mod world;

pub use analysis::{
    analyze, Analysis, Backedge, Cause, Invalidated, InvalidationTree, MtBackedge, TreeNode,
};
pub use decl::{
    AliasDecl, CodeDecl, EdgeDecl, MethodDecl, MethodKey, PackageDecl, TypeDecl, TypeKind,
    WorldRange,
};
pub use slice::{analyze_sliced, analyze_sources, slice, Slice, SliceError, SliceStats};
pub use source::{to_decl, DeclSource, EdgeRef, KeyRef};
pub use syntax::{parse_type, ParseError, ParseErrorKind, MAX_DEPTH, MAX_TEXT_LEN};
pub use types::{
    intersect, match_methods, morespecific, subtype, types_equal, Matches, Registry, Ty,
};
pub use world::{check_package, check_syntax, DeclError, DeclErrorKind, Universe};
