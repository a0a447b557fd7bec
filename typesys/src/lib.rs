//! Type expressions, subtyping, method matching and invalidation analysis.
