//! Named caps that keep every type query bounded, whatever a file holds.

/// Steps (calls of the core relation) one subtyping, intersection or
/// specificity query may take. Julia's search is exponential in the worst
/// case (unions beside variables); a query over this budget answers
/// "unknown", and the invalidation analysis then takes the conservative
/// side (the code instance is invalidated). Real signatures need a few
/// hundred steps at most.
pub const SUBTYPE_STEPS: u64 = 200_000;

/// Longest tuple a `Vararg{T, n}` with a literal `n` may expand to.
pub const MAX_TUPLE_EXPANSION: usize = 1024;

/// Deepest recursion one type query may reach (nested types, unions and
/// variables); past it the query answers "unknown", as for
/// [`SUBTYPE_STEPS`]. Type texts nest at most [`crate::syntax::MAX_DEPTH`]
/// deep, so real queries stay far below.
pub const MAX_QUERY_DEPTH: usize = 400;
